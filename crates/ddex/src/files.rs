//! The files a message delivers with it: each track's audio and the front cover, with what
//! the writers put in their technical details (`File` with its `HashSum`, the codec, the
//! sampling, the duration, the image's size), and the one unit decision for `FileSize`.

use std::io;
use std::time::Duration;

use release_model::duration::Iso8601;

use crate::write::Xml;
use crate::{Error, Family};

/// A file a message references: its place relative to the message and its hash and size.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveredFile {
    /// The path relative to the message's folder, `/`-separated (`resources/…`). ERN 4.3
    /// writes it as the `URI`; ERN 3.8.2 as `FileName` and `FilePath` (the folder with a
    /// trailing `/`).
    pub uri: String,
    /// The MD5 of the file's bytes: the one `HashSum` algorithm ERN 3.8.2 and 4.3 share.
    pub md5: Option<[u8; 16]>,
    /// The size in bytes (ERN 4.3 writes it as `FileSize`, see [`kilobytes`]; ERN 3.8.2 has
    /// no size).
    pub size: Option<u64>,
}

impl DeliveredFile {
    /// A file at `uri`, without hash or size.
    #[must_use]
    pub fn new(uri: impl Into<String>) -> DeliveredFile {
        DeliveredFile {
            uri: uri.into(),
            md5: None,
            size: None,
        }
    }

    /// Sets the MD5 and the size in bytes.
    #[must_use]
    pub fn with_md5_and_size(mut self, md5: [u8; 16], size: u64) -> DeliveredFile {
        self.md5 = Some(md5);
        self.size = Some(size);
        self
    }

    /// The folder (without a trailing `/`, empty for none) and the name of [`uri`](Self::uri).
    pub(crate) fn folder_and_name(&self) -> (&str, &str) {
        self.uri.rsplit_once('/').unwrap_or(("", &self.uri))
    }
}

/// A track's audio file and its technical details.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AudioFile {
    /// The file.
    pub file: DeliveredFile,
    /// The codec as DDEX's `AudioCodecType` spells it (`PCM`, `FLAC`, `MP3`, `AAC`, `Vorbis`);
    /// another name is written as `UserDefined` with the name as its `UserDefinedValue`.
    pub codec: Option<String>,
    /// The number of channels.
    pub channels: Option<u16>,
    /// Sample frames per second (Hz).
    pub sample_rate: Option<u32>,
    /// Bits per sample.
    pub bits_per_sample: Option<u32>,
    /// The file's playing time.
    pub duration: Option<Duration>,
}

impl AudioFile {
    /// `file` with no technical details yet.
    #[must_use]
    pub fn new(file: DeliveredFile) -> AudioFile {
        AudioFile {
            file,
            codec: None,
            channels: None,
            sample_rate: None,
            bits_per_sample: None,
            duration: None,
        }
    }
}

/// The front cover's file and its technical details.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImageFile {
    /// The file.
    pub file: DeliveredFile,
    /// The codec as DDEX's `ImageCodecType` spells it (`JPEG`, `PNG`).
    pub codec: Option<String>,
    /// Width in pixels.
    pub width: Option<u32>,
    /// Height in pixels.
    pub height: Option<u32>,
}

impl ImageFile {
    /// `file` with no technical details yet.
    #[must_use]
    pub fn new(file: DeliveredFile) -> ImageFile {
        ImageFile {
            file,
            codec: None,
            width: None,
            height: None,
        }
    }
}

/// The files of one release: parallel to `Release::tracks`, and the cover.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResourceFiles {
    /// Each track's audio file, in the order of the release's tracks (`None`: no file; an
    /// empty list: no track has one).
    pub tracks: Vec<Option<AudioFile>>,
    /// The front cover's file; the release must have a cover.
    pub cover: Option<ImageFile>,
}

impl ResourceFiles {
    /// The given track files and cover.
    #[must_use]
    pub fn new(tracks: Vec<Option<AudioFile>>, cover: Option<ImageFile>) -> ResourceFiles {
        ResourceFiles { tracks, cover }
    }

    /// Refuses files the release has no place for.
    pub(crate) fn check(&self, tracks: usize, has_cover: bool) -> Result<(), Error> {
        if self.tracks.len() > tracks {
            return Err(Error::Files {
                problem: format!(
                    "{} track files for a release of {tracks} tracks",
                    self.tracks.len()
                ),
            });
        }
        if self.cover.is_some() && !has_cover {
            return Err(Error::Files {
                problem: "a cover file for a release without a cover".to_owned(),
            });
        }
        let uris = self
            .tracks
            .iter()
            .flatten()
            .map(|audio| &audio.file)
            .chain(self.cover.iter().map(|image| &image.file));
        for file in uris {
            if file.uri.is_empty() || file.folder_and_name().1.is_empty() {
                return Err(Error::Files {
                    problem: format!("the file reference {:?} names no file", file.uri),
                });
            }
            crate::write::check_text("file reference", &file.uri)?;
        }
        Ok(())
    }
}

impl<W: io::Write> Xml<'_, W> {
    /// An `AudioCodecType` or `ImageCodecType`: the allowed value, or `UserDefined` with the
    /// name in `UserDefinedValue`.
    fn codec(&mut self, element: &str, codec: &str, image: bool) -> io::Result<()> {
        match codec_value(codec, image) {
            (value, None) => self.leaf(element, value),
            (value, Some(name)) => self.leaf_with(element, &[("UserDefinedValue", name)], value),
        }
    }

    /// What follows the technical details' reference (ERN 4.3: inside `DeliveryFile`, after
    /// its `Type`; ERN 3.8.2: in `TechnicalSoundRecordingDetails`): the same sequence in both.
    pub(crate) fn audio_file(&mut self, audio: &AudioFile, family: Family) -> io::Result<()> {
        if let Some(codec) = &audio.codec {
            self.codec("AudioCodecType", codec, false)?;
        }
        if let Some(channels) = audio.channels {
            self.numbered("NumberOfChannels", "", usize::from(channels))?;
        }
        if let Some(rate) = audio.sample_rate {
            // The unit's default is Hz in both versions.
            self.leaf_formatted("SamplingRate", &[], format_args!("{rate}"))?;
        }
        if let Some(bits) = audio.bits_per_sample {
            self.leaf_formatted("BitsPerSample", &[], format_args!("{bits}"))?;
        }
        if let Some(duration) = audio.duration {
            self.leaf_formatted("Duration", &[], format_args!("{}", Iso8601(duration)))?;
        }
        self.file(&audio.file, family)
    }

    /// What follows an image's technical details' reference, the same in both versions.
    pub(crate) fn image_file(&mut self, image: &ImageFile, family: Family) -> io::Result<()> {
        if let Some(codec) = &image.codec {
            self.codec("ImageCodecType", codec, true)?;
        }
        let pixels = [("UnitOfMeasure", "Pixel")];
        if let Some(height) = image.height {
            self.leaf_formatted("ImageHeight", &pixels, format_args!("{height}"))?;
        }
        if let Some(width) = image.width {
            self.leaf_formatted("ImageWidth", &pixels, format_args!("{width}"))?;
        }
        self.file(&image.file, family)
    }

    /// The cover's technical details after their opening tag: the reference (`T` after the
    /// tracks' `T1` … `Tn`: an ID, unique in the message) and the file, `cover` as its path
    /// when no file is given.
    pub(crate) fn cover_details(
        &mut self,
        tracks: usize,
        cover: &str,
        file: &Option<ImageFile>,
        family: Family,
    ) -> io::Result<()> {
        self.numbered("TechnicalResourceDetailsReference", "T", tracks + 1)?;
        match file {
            Some(image) => self.image_file(image, family),
            None => self.image_file(&ImageFile::new(DeliveredFile::new(cover)), family),
        }
    }

    /// A `File`: ERN 4.3's `URI`, `HashSum` (`Algorithm`, `HashSumValue`) and `FileSize`;
    /// ERN 3.8.2's `FileName`, `FilePath` (the folder, relative to the message, with a
    /// trailing `/`; never the name) and `HashSum` (`HashSum`, `HashSumAlgorithmType`).
    fn file(&mut self, file: &DeliveredFile, family: Family) -> io::Result<()> {
        let md5 = file.md5.map(|md5| {
            md5.iter().fold(String::with_capacity(32), |mut hex, byte| {
                use std::fmt::Write as _;
                let _ = write!(hex, "{byte:02x}");
                hex
            })
        });
        self.start("File")?;
        match family {
            Family::Ern4 => {
                self.leaf("URI", &file.uri)?;
                if let Some(md5) = &md5 {
                    self.start("HashSum")?;
                    self.leaf("Algorithm", "MD5")?;
                    self.leaf("HashSumValue", md5)?;
                    self.end("HashSum")?;
                }
                if let Some(size) = file.size {
                    self.leaf("FileSize", &kilobytes(size))?;
                }
            }
            Family::Ern3 => {
                let (folder, name) = file.folder_and_name();
                self.leaf("FileName", name)?;
                if !folder.is_empty() {
                    self.leaf_formatted("FilePath", &[], format_args!("{folder}/"))?;
                }
                if let Some(md5) = &md5 {
                    self.start("HashSum")?;
                    self.leaf("HashSum", md5)?;
                    self.leaf("HashSumAlgorithmType", "MD5")?;
                    self.end("HashSum")?;
                }
            }
        }
        self.end("File")
    }
}

/// The values of `AudioCodecType` both ERN 3.8.2's and ERN 4.3's allowed-value sets list
/// (and that a file's codec can be).
const AUDIO_CODECS: &[&str] = &[
    "AAC", "ADPCM", "ALaw", "AMR-NB", "AMR-WB", "FLAC", "MP2", "MP3", "MuLaw", "PCM", "Vorbis",
    "WMA",
];

/// The values of `ImageCodecType` both versions list.
const IMAGE_CODECS: &[&str] = &["GIF", "JPEG", "JPEG2000", "PNG", "TIFF"];

/// The codec's value, or `UserDefined` and the name for its `UserDefinedValue` attribute.
pub(crate) fn codec_value(codec: &str, image: bool) -> (&str, Option<&str>) {
    let known = if image { IMAGE_CODECS } else { AUDIO_CODECS };
    if known.contains(&codec) {
        (codec, None)
    } else {
        ("UserDefined", Some(codec))
    }
}

/// A size in bytes as ERN 4.3's `FileSize`.
///
/// The schema documents `FileSize` (an `xs:decimal`) as "the size of the File in kilobytes"
/// without saying whether a kilobyte is 1000 or 1024 bytes. We write kibibytes (bytes ÷ 1024)
/// with three decimals, rounded **up**, and read with [`bytes_of_kilobytes`] the same way: a
/// reader taking 1000 gets a smaller figure than the file, one taking 1024 never does, so the
/// larger reading is the one that never makes an honest file look larger than declared.
#[must_use]
pub fn kilobytes(bytes: u64) -> String {
    let thousandths = (u128::from(bytes) * 1000).div_ceil(1024);
    format!("{}.{:03}", thousandths / 1000, thousandths % 1000)
}

/// The most bytes a `FileSize` of `kilobytes` can mean (× 1024, rounded up; see
/// [`kilobytes`]); `None` for a value that is no non-negative decimal.
#[must_use]
pub fn bytes_of_kilobytes(kilobytes: &str) -> Option<u64> {
    let kb = kilobytes.trim().parse::<f64>().ok()?;
    if !kb.is_finite() || kb < 0.0 {
        return None;
    }
    // Saturates at u64::MAX for an absurd value, which every size limit then refuses.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let bytes = (kb * 1024.0).ceil() as u64;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn kilobytes_round_up() {
        assert_eq!(kilobytes(0), "0.000");
        assert_eq!(kilobytes(1024), "1.000");
        assert_eq!(kilobytes(1025), "1.001");
        assert_eq!(kilobytes(1), "0.001");
        assert_eq!(bytes_of_kilobytes("1.000"), Some(1024));
        assert_eq!(bytes_of_kilobytes(" 2 "), Some(2048));
        assert_eq!(bytes_of_kilobytes("-1"), None);
        assert_eq!(bytes_of_kilobytes("NaN"), None);
        assert_eq!(bytes_of_kilobytes("lots"), None);
    }

    proptest! {
        /// What is written reads back as at least the file's size, and less than a
        /// thousandth of a kibibyte more.
        #[test]
        fn a_written_size_reads_back_never_smaller(bytes in 0u64..1 << 40) {
            let back = bytes_of_kilobytes(&kilobytes(bytes)).unwrap();
            prop_assert!(back >= bytes, "{bytes} read back as {back}");
            prop_assert!(back - bytes <= 2, "{bytes} read back as {back}");
        }
    }

    #[test]
    fn files_the_release_has_no_place_for_are_refused() {
        let audio = || Some(AudioFile::new(DeliveredFile::new("resources/a.flac")));
        let files = ResourceFiles::new(vec![audio(), audio()], None);
        assert_eq!(
            files.check(1, false).unwrap_err().to_string(),
            "refusing to export: 2 track files for a release of 1 tracks"
        );
        files.check(2, false).unwrap();
        let cover = ResourceFiles::new(
            Vec::new(),
            Some(ImageFile::new(DeliveredFile::new("f.png"))),
        );
        assert_eq!(cover.check(0, false).unwrap_err().kind(), "files");
        cover.check(0, true).unwrap();
        let nameless = ResourceFiles::new(
            vec![Some(AudioFile::new(DeliveredFile::new("resources/")))],
            None,
        );
        assert_eq!(nameless.check(1, false).unwrap_err().kind(), "files");
    }

    #[test]
    fn codecs_outside_the_allowed_values_are_user_defined() {
        assert_eq!(codec_value("FLAC", false), ("FLAC", None));
        assert_eq!(codec_value("ALAC", false), ("UserDefined", Some("ALAC")));
        assert_eq!(codec_value("PNG", true), ("PNG", None));
        assert_eq!(codec_value("WebP", true), ("UserDefined", Some("WebP")));
    }
}
