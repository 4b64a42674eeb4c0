//! [`Error`]: why a media file could not be read or written at all.
//!
//! A file that opens but does not decode to its end is not an error: it is an
//! [`Integrity::Damaged`](crate::Integrity::Damaged) result, so that a report can list it beside
//! the files that are fine.

use std::io;
use std::path::PathBuf;

use isrc::Isrc;

/// Why a media file could not be read, inspected or tagged.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The file is not in a container this crate reads (or is not audio at all).
    #[error("{}: not a readable audio file: {reason}", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// What the reader said.
        reason: String,
    },
    /// The container holds no audio track.
    #[error("{}: the container holds no audio track", path.display())]
    NoAudioTrack {
        /// The file.
        path: PathBuf,
    },
    /// The audio track is in a codec this crate cannot decode.
    #[error("{}: no decoder for the audio codec: {reason}", path.display())]
    UnsupportedCodec {
        /// The file.
        path: PathBuf,
        /// What the decoder registry said.
        reason: String,
    },
    /// The embedded tags could not be read or written.
    #[error("{}: tags: {reason}", path.display())]
    Tags {
        /// The file.
        path: PathBuf,
        /// What the tag library said.
        reason: String,
    },
    /// The file already carries another ISRC and overwriting was not asked for.
    #[error(
        "{}: already carries ISRC {found:?}, not {wanted}; refusing to overwrite a different code",
        path.display()
    )]
    IsrcConflict {
        /// The file.
        path: PathBuf,
        /// The text of the ISRC tag found in the file.
        found: String,
        /// The code that was to be written.
        wanted: Isrc,
    },
    /// The file is not a PNG or JPEG image.
    #[error("{}: not a PNG or JPEG image (expected the PNG or JPEG signature, found {found})", path.display())]
    UnknownImage {
        /// The file.
        path: PathBuf,
        /// The first bytes, in hex.
        found: String,
    },
    /// The image's header could not be read.
    #[error("{}: the image header does not parse: {reason}", path.display())]
    ImageHeader {
        /// The file.
        path: PathBuf,
        /// What the decoder said.
        reason: String,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. }
            | Error::UnknownFormat { path, .. }
            | Error::NoAudioTrack { path }
            | Error::UnsupportedCodec { path, .. }
            | Error::Tags { path, .. }
            | Error::IsrcConflict { path, .. }
            | Error::UnknownImage { path, .. }
            | Error::ImageHeader { path, .. } => path,
        }
    }
}
