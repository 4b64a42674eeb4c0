//! Writing releases as CSV, one row per track.

use std::io::Write;

use super::columns::{ALL, Column};
use crate::duration::Iso8601;
use crate::{Error, Release, Track};

fn flag(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

fn cell(release: &Release, track: Option<&Track>, column: Column) -> String {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let shown = |value: Option<String>| value.unwrap_or_default();
    match column {
        Column::Upc => shown(release.upc.map(|c| c.to_string())),
        Column::ReleaseTitle => release.title.clone(),
        Column::ReleaseArtist => release.artist.clone(),
        Column::Label => text(&release.label),
        Column::ReleaseType => shown(release.release_type.map(|t| t.to_string())),
        Column::ReleaseDate => shown(release.release_date.map(|d| d.to_string())),
        Column::ReleaseVersion => text(&release.version),
        Column::CatalogNumber => text(&release.catalog_number),
        Column::OriginalReleaseDate => shown(release.original_release_date.map(|d| d.to_string())),
        Column::Genre => text(&release.genre),
        Column::PLine => text(&release.p_line),
        Column::CLine => text(&release.c_line),
        Column::ReleaseExplicit => flag(release.explicit).to_owned(),
        Column::Disc => shown(track.map(|t| t.disc.to_string())),
        Column::Track => shown(track.map(|t| t.number.to_string())),
        Column::Isrc => shown(track.and_then(|t| t.isrc).map(|c| c.to_string())),
        Column::TrackTitle => shown(track.map(|t| t.title.clone())),
        Column::TrackArtist => shown(track.and_then(|t| t.artist.clone())),
        Column::Duration => shown(
            track
                .and_then(|t| t.duration)
                .map(|d| Iso8601(d).to_string()),
        ),
        Column::Explicit => shown(track.map(|t| flag(t.explicit).to_owned())),
        Column::TrackVersion => shown(track.and_then(|t| t.version.clone())),
    }
}

/// Writes `releases` as CSV to `writer`: a header, then one row per track (a release without
/// tracks gets one row with empty track columns).
///
/// # Errors
/// [`Error::Io`] when writing fails.
pub fn write<W: Write>(writer: W, releases: &[Release]) -> Result<(), Error> {
    let mut out = ::csv::Writer::from_writer(writer);
    let csv_error = |e: ::csv::Error| match e.into_kind() {
        ::csv::ErrorKind::Io(io) => Error::Io(io),
        other => Error::Format(format!("csv writer: {other:?}")),
    };
    out.write_record(ALL.iter().map(|c| c.name()))
        .map_err(csv_error)?;
    let mut row: Vec<String> = Vec::with_capacity(ALL.len());
    for release in releases {
        let tracks: Vec<Option<&Track>> = if release.tracks.is_empty() {
            vec![None]
        } else {
            release.tracks.iter().map(Some).collect()
        };
        for track in tracks {
            row.clear();
            row.extend(ALL.iter().map(|&c| cell(release, track, c)));
            out.write_record(&row).map_err(csv_error)?;
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
/// assert_eq!(text.lines().nth(1), Some(",Vesica Piscis,One Yen,,,,1,1,,Track 1,,PT3M21S,false,,,,,,,false,"));
/// Ok::<(), release_model::Error>(())
/// ```
#[must_use]
pub fn to_string(releases: &[Release]) -> String {
    let mut buffer = Vec::new();
    // Writing into a Vec cannot fail, and every cell is UTF-8.
    let _ = write(&mut buffer, releases);
    String::from_utf8(buffer).unwrap_or_default()
}
