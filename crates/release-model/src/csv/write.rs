//! Writing releases as CSV, one row per track.

use std::fmt::{self, Write as _};
use std::io::Write;

use super::columns::{ALL, Column};
use crate::duration::Iso8601;
use crate::{Error, Release, Track};

fn flag(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

/// Appends `value`'s text to `buffer`, nothing for `None`.
fn show(buffer: &mut String, value: Option<impl fmt::Display>) {
    if let Some(value) = value {
        // Writing into a String cannot fail.
        let _ = write!(buffer, "{value}");
    }
}

/// Puts the text of `column` for `release` and `track` into `buffer` (cleared first): one
/// buffer serves every cell of a file.
fn cell(buffer: &mut String, release: &Release, track: Option<&Track>, column: Column) {
    buffer.clear();
    fn text(value: &Option<String>) -> &str {
        value.as_deref().unwrap_or_default()
    }
    match column {
        Column::Upc => show(buffer, release.upc),
        Column::ReleaseTitle => buffer.push_str(&release.title),
        Column::ReleaseArtist => buffer.push_str(&release.artist),
        Column::Label => buffer.push_str(text(&release.label)),
        Column::ReleaseType => show(buffer, release.release_type),
        Column::ReleaseDate => show(buffer, release.release_date),
        Column::ReleaseVersion => buffer.push_str(text(&release.version)),
        Column::CatalogNumber => buffer.push_str(text(&release.catalog_number)),
        Column::OriginalReleaseDate => show(buffer, release.original_release_date),
        Column::Genre => buffer.push_str(text(&release.genre)),
        Column::PLine => buffer.push_str(text(&release.p_line)),
        Column::CLine => buffer.push_str(text(&release.c_line)),
        Column::ReleaseExplicit => buffer.push_str(flag(release.explicit)),
        Column::Disc => show(buffer, track.map(|t| t.disc)),
        Column::Track => show(buffer, track.map(|t| t.number)),
        Column::Isrc => show(buffer, track.and_then(|t| t.isrc)),
        Column::TrackTitle => buffer.push_str(track.map_or("", |t| &t.title)),
        Column::TrackArtist => buffer.push_str(track.map_or("", |t| text(&t.artist))),
        Column::Duration => show(buffer, track.and_then(|t| t.duration).map(Iso8601)),
        Column::Explicit => buffer.push_str(track.map_or("", |t| flag(t.explicit))),
        Column::TrackVersion => buffer.push_str(track.map_or("", |t| text(&t.version))),
        Column::Cover => buffer.push_str(text(&release.cover)),
        Column::File => buffer.push_str(track.map_or("", |t| text(&t.file))),
    }
}

fn has_credits(release: &Release) -> bool {
    release.grid.is_some()
        || !release.contributors.is_empty()
        || release
            .tracks
            .iter()
            .any(|t| !t.contributors.is_empty() || t.work.is_some())
}

/// Writes `releases` as CSV to `writer`: a header, then one row per track (a release without
/// tracks gets one row with empty track columns).
///
/// # Errors
/// [`Error::Io`] when writing fails; [`Error::Other`] for a release with credits.
pub fn write<W: Write>(writer: W, releases: &[Release]) -> Result<(), Error> {
    if let Some(release) = releases.iter().find(|r| has_credits(r)) {
        return Err(Error::Other(format!(
            "release {:?} has credits (contributors, a work or a grid), which the csv format does not carry yet: write it as json",
            release.title
        )));
    }
    let mut out = ::csv::Writer::from_writer(writer);
    let csv_error = |e: ::csv::Error| match e.into_kind() {
        ::csv::ErrorKind::Io(io) => Error::Io(io),
        other => Error::Other(format!("csv writer: {other:?}")),
    };
    out.write_record(ALL.iter().map(|c| c.name()))
        .map_err(csv_error)?;
    let mut buffer = String::new();
    for release in releases {
        let rows = release
            .tracks
            .iter()
            .map(Some)
            .chain(release.tracks.is_empty().then_some(None));
        for track in rows {
            for column in ALL {
                cell(&mut buffer, release, track, column);
                out.write_field(&buffer).map_err(csv_error)?;
            }
            // An empty record ends the row written field by field.
            out.write_record(None::<&[u8]>).map_err(csv_error)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The releases as CSV text.
///
/// ```
/// use std::time::Duration;
/// use release_model::{csv, Release};
///
/// let release = Release::builder("Vesica Piscis", "One Yen")
///     .track("Track 1", Duration::from_secs(201))
///     .build();
/// let text = csv::to_string(&[release]);
/// assert!(text.starts_with("upc,release_title,release_artist,label,release_type,release_date,disc,track,isrc,track_title,track_artist,duration,explicit,"));
/// assert_eq!(text.lines().nth(1), Some(",Vesica Piscis,One Yen,,,,1,1,,Track 1,,PT3M21S,false,,,,,,,false,,,"));
/// Ok::<(), release_model::Error>(())
/// ```
#[must_use]
pub fn to_string(releases: &[Release]) -> String {
    let mut buffer = Vec::new();
    // Writing into a Vec cannot fail, and every cell is UTF-8.
    let _ = write(&mut buffer, releases);
    String::from_utf8(buffer).unwrap_or_default()
}
