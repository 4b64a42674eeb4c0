//! Embedded tags through `lofty`: the ISRC, title, artist, track number and barcode a file
//! carries, read and written.
//!
//! Where each format keeps its ISRC (see `../shared/reference/media-and-delivery.md` §1): the
//! ID3v2 frame `TSRC` in MP3, WAV and AIFF; the Vorbis comment `ISRC` in FLAC, Ogg Vorbis and
//! Opus; the iTunes freeform atom `----:com.apple.iTunes:ISRC` in MP4. Only a file's primary
//! tag is read or written. In a RIFF `LIST`/`INFO` chunk the id `ISRC` means *source* (who
//! supplied the material), not the recording code: it is never read as an ISRC and an ISRC is
//! never written there.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use isrc::Isrc;
use lofty::config::{ParseOptions, WriteOptions};
use lofty::file::{FileType, TaggedFileExt};
use lofty::io::FileLike;
use lofty::probe::Probe;
use lofty::tag::{Accessor, ItemKey, Tag, TagExt, TagType};
use serde::Serialize;
use upc::Upc;

use crate::Error;

/// The tags of an audio file that matter to a delivery.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EmbeddedTags {
    /// The kind of tag they were read from (`ID3v2`, `Vorbis comments`, `MP4 ilst`, …);
    /// `None` when the file has no tag of its format's kind.
    pub tag: Option<&'static str>,
    /// The ISRC tag's text, as found (see [`EmbeddedTags::parsed_isrc`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isrc: Option<String>,
    /// The title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The artist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    /// The track number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track_number: Option<u32>,
    /// The release's barcode (UPC/EAN) tag's text, where the format has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
}

impl EmbeddedTags {
    /// The ISRC tag read as an ISRC (leniently, as [`Isrc`]'s `FromStr` does); `None` when the
    /// file has no ISRC tag.
    #[must_use]
    pub fn parsed_isrc(&self) -> Option<Result<Isrc, isrc::Error>> {
        self.isrc.as_deref().map(str::parse)
    }
}

/// What to write into a file's tags; `None` fields are left as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TagUpdate {
    /// The ISRC to write.
    pub isrc: Option<Isrc>,
    /// The title to write.
    pub title: Option<String>,
    /// The artist to write.
    pub artist: Option<String>,
    /// The track number to write.
    pub track_number: Option<u32>,
    /// The release's barcode to write (where the format has a barcode tag).
    pub barcode: Option<Upc>,
    /// Replace an ISRC already in the file that differs from [`TagUpdate::isrc`]; without it,
    /// such a file is refused with [`Error::IsrcConflict`].
    pub replace_isrc: bool,
}

impl TagUpdate {
    /// An update that writes `isrc` and nothing else.
    #[must_use]
    pub fn isrc(isrc: Isrc) -> TagUpdate {
        TagUpdate {
            isrc: Some(isrc),
            ..TagUpdate::default()
        }
    }
}

/// What [`write_tags`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TagOutcome {
    /// The file was rewritten; `previous_isrc` is the ISRC text it carried before, if any.
    Written {
        /// The ISRC tag's text before the write.
        previous_isrc: Option<String>,
    },
    /// The file already carried every value asked for: it was not touched.
    Unchanged,
}

/// Reads the tags of the audio file at `path`.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Tags`] when it is not a format the tag
/// reader knows or its tags do not parse.
pub fn read_tags(path: impl AsRef<Path>) -> Result<EmbeddedTags, Error> {
    let path = path.as_ref();
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let tag = primary_tag(&mut file, path)?;
    Ok(tag.map_or_else(EmbeddedTags::default, |(tag, _)| from_tag(&tag)))
}

/// Writes `update` into the tags of the file at `path`, atomically (see the crate docs):
/// the audio stream is left bit for bit as it was.
///
/// # Errors
///
/// [`Error::IsrcConflict`] when the file carries another ISRC and `update.replace_isrc` is not
/// set; [`Error::Tags`] when the format cannot carry the tags or they cannot be written;
/// [`Error::Io`].
pub fn write_tags(path: impl AsRef<Path>, update: &TagUpdate) -> Result<TagOutcome, Error> {
    let path = path.as_ref();
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let (tag, file_type) = planned(&mut file, path, update)?;
    drop(file);
    let Some(tag) = tag else {
        return Ok(TagOutcome::Unchanged);
    };
    let previous_isrc = tag.1;
    crate::atomic::replace_with(path, |copy| {
        save(&tag.0, copy, file_type, path)?;
        Ok(TagOutcome::Written { previous_isrc })
    })
}

/// What [`write_tags`] would do to the file at `path`, without writing anything: a dry run.
///
/// # Errors
///
/// As [`write_tags`] (a conflicting ISRC is refused here too).
pub fn check_tags(path: impl AsRef<Path>, update: &TagUpdate) -> Result<TagOutcome, Error> {
    let path = path.as_ref();
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let (tag, _) = planned(&mut file, path, update)?;
    Ok(match tag {
        Some((_, previous_isrc)) => TagOutcome::Written { previous_isrc },
        None => TagOutcome::Unchanged,
    })
}

/// [`write_tags`] on a file held in memory (or any [`FileLike`]), changed in place.
///
/// # Errors
///
/// As [`write_tags`]; `name` stands for the file in error messages.
pub fn write_tags_to<F: FileLike>(
    file: &mut F,
    name: &Path,
    update: &TagUpdate,
) -> Result<TagOutcome, Error> {
    let (tag, file_type) = planned(file, name, update)?;
    let Some((tag, previous_isrc)) = tag else {
        return Ok(TagOutcome::Unchanged);
    };
    save(&tag, file, file_type, name)?;
    Ok(TagOutcome::Written { previous_isrc })
}

/// The tag to write (with the ISRC text it replaces), or `None` when nothing would change.
type Plan = (Option<(Tag, Option<String>)>, FileType);

fn planned<R: Read + Seek>(file: &mut R, path: &Path, update: &TagUpdate) -> Result<Plan, Error> {
    let (tag, file_type) = match primary_tag(file, path)? {
        Some((tag, file_type)) => (Some(tag), file_type),
        None => (None, file_type_of(file, path)?),
    };
    let found = tag.as_ref().map(from_tag).unwrap_or_default();
    if let (Some(wanted), Some(text)) = (update.isrc, found.isrc.as_deref())
        && text.parse::<Isrc>().ok() != Some(wanted)
        && !update.replace_isrc
    {
        return Err(Error::IsrcConflict {
            path: path.to_owned(),
            found: text.to_owned(),
            wanted,
        });
    }
    let mut tag = tag.unwrap_or_else(|| Tag::new(file_type.primary_tag_type()));
    let mut changed = false;
    let set = |key: ItemKey, value: String, tag: &mut Tag| {
        if tag.get_string(key) == Some(value.as_str()) {
            false
        } else {
            tag.insert_text(key, value);
            true
        }
    };
    if let Some(isrc) = update.isrc {
        changed |= set(ItemKey::Isrc, isrc.to_string(), &mut tag);
    }
    if let Some(title) = &update.title {
        changed |= set(ItemKey::TrackTitle, title.clone(), &mut tag);
    }
    if let Some(artist) = &update.artist {
        changed |= set(ItemKey::TrackArtist, artist.clone(), &mut tag);
    }
    if let Some(number) = update.track_number
        && tag.track() != Some(number)
    {
        changed = true;
        tag.set_track(number);
    }
    if let Some(upc) = update.barcode {
        changed |= set(ItemKey::Barcode, upc.to_string(), &mut tag);
    }
    Ok((changed.then_some((tag, found.isrc)), file_type))
}

fn save<F: FileLike>(
    tag: &Tag,
    file: &mut F,
    file_type: FileType,
    path: &Path,
) -> Result<(), Error> {
    file.seek(SeekFrom::Start(0))
        .map_err(|e| Error::io(path, e))?;
    tag.save_to(file, write_options(file_type))
        .map_err(|e| Error::Tags {
            path: path.to_owned(),
            reason: e.to_string(),
        })
}

fn write_options(_: FileType) -> WriteOptions {
    // ID3v2.3 rather than 2.4: the version every reader takes, `id3v2`/id3lib included.
    WriteOptions::default().use_id3v23(true)
}

fn parse_options() -> ParseOptions {
    ParseOptions::new().read_properties(false)
}

fn file_type_of<R: Read + Seek>(file: &mut R, path: &Path) -> Result<FileType, Error> {
    file.seek(SeekFrom::Start(0))
        .map_err(|e| Error::io(path, e))?;
    let probe = Probe::new(file)
        .options(parse_options())
        .guess_file_type()
        .map_err(|e| Error::io(path, e))?;
    probe.file_type().ok_or_else(|| Error::Tags {
        path: path.to_owned(),
        reason: "not an audio format the tag reader knows".to_owned(),
    })
}

/// The file's primary tag (ID3v2 for MP3, WAV and AIFF; Vorbis comments for FLAC and Ogg; the
/// `ilst` atom for MP4) and its type.
fn primary_tag<R: Read + Seek>(
    file: &mut R,
    path: &Path,
) -> Result<Option<(Tag, FileType)>, Error> {
    let file_type = file_type_of(file, path)?;
    file.seek(SeekFrom::Start(0))
        .map_err(|e| Error::io(path, e))?;
    let tagged = Probe::with_file_type(file, file_type)
        .options(parse_options())
        .read()
        .map_err(|e| Error::Tags {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
    Ok(tagged.primary_tag().cloned().map(|t| (t, file_type)))
}

fn from_tag(tag: &Tag) -> EmbeddedTags {
    let text = |key| tag.get_string(key).map(str::to_owned);
    EmbeddedTags {
        tag: Some(tag_name(tag.tag_type())),
        isrc: text(ItemKey::Isrc),
        title: tag.title().map(Cow::into_owned),
        artist: tag.artist().map(Cow::into_owned),
        track_number: tag.track(),
        barcode: text(ItemKey::Barcode),
    }
}

fn tag_name(tag_type: TagType) -> &'static str {
    match tag_type {
        TagType::Id3v2 => "ID3v2",
        TagType::VorbisComments => "Vorbis comments",
        TagType::Mp4Ilst => "MP4 ilst",
        TagType::Ape => "APE",
        TagType::Id3v1 => "ID3v1",
        TagType::RiffInfo => "RIFF INFO",
        TagType::AiffText => "AIFF text",
        _ => "other",
    }
}
