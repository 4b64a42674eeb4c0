//! Writing releases as CSV, one row per track.

use std::fmt::{self, Write as _};
use std::io::Write;

use super::columns::{ALL, Column, RELEASE_CREDITS, TRACK_CREDITS, WITHOUT_CREDITS};
use super::credits;
use crate::duration::Iso8601;
use crate::{Contributor, Error, Release, Track};

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

/// The text of each of `columns` (a general credit column, then per-role ones) for `credits`.
///
/// Each credit goes into the per-role columns of its roles when that reads back as the same
/// list (the reader joins one name's cells into one credit); otherwise, e.g. for a credit with
/// a role no column has, or two credits of one name, the whole list goes into the general
/// column with its roles in parentheses. Either way the file reads back to `credits`.
fn layout(credits: &[Contributor], columns: &[Column]) -> Result<Vec<String>, Error> {
    let mut cells = vec![String::new(); columns.len()];
    if credits.is_empty() {
        return Ok(cells);
    }
    if let Some(bad) = credits.iter().find(|c| !credits::writable(c)) {
        return Err(Error::Other(format!(
            "the credit {:?} cannot be written: a credit needs a name, and roles that read back",
            bad.name
        )));
    }
    let mut per_role: Vec<Vec<Contributor>> = vec![Vec::new(); columns.len()];
    let fits = credits.iter().all(|credit| {
        !credit.roles.is_empty()
            && credit.roles.iter().all(|role| {
                let Some(i) = columns.iter().position(|c| c.role().as_ref() == Some(role)) else {
                    return false;
                };
                let mut entry = credit.clone();
                entry.roles = vec![role.clone()];
                per_role[i].push(entry);
                true
            })
    });
    let mut read_back = Vec::new();
    if fits {
        for entry in per_role.iter().flatten() {
            credits::merge(&mut read_back, entry.clone());
        }
    }
    if fits && read_back == credits {
        for (cell, entries) in cells.iter_mut().zip(&per_role) {
            credits::write(cell, &entries.iter().collect::<Vec<_>>(), false);
        }
    } else {
        credits::write(&mut cells[0], &credits.iter().collect::<Vec<_>>(), true);
    }
    Ok(cells)
}

/// Whether a release carries anything that only the credit columns can hold.
fn has_credits(release: &Release) -> bool {
    release.grid.is_some()
        || !release.contributors.is_empty()
        || release
            .tracks
            .iter()
            .any(|t| !t.contributors.is_empty() || t.work.as_ref().is_some_and(|w| !w.is_empty()))
}

/// Puts the text of `column` for `release` and `track` into `buffer` (cleared first): one
/// buffer serves every cell of a file. The credit columns' texts come from `release_credits`
/// and `track_credits` ([`layout`]).
fn cell(
    buffer: &mut String,
    release: &Release,
    track: Option<&Track>,
    column: Column,
    release_credits: &[String],
    track_credits: &[String],
) {
    buffer.clear();
    fn text(value: &Option<String>) -> &str {
        value.as_deref().unwrap_or_default()
    }
    let work = track.and_then(|t| t.work.as_ref());
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
        Column::Grid => show(buffer, release.grid),
        Column::Iswc => show(buffer, work.and_then(|w| w.iswc)),
        Column::WorkTitle => buffer.push_str(work.map_or("", |w| text(&w.title))),
        Column::WorkWriters => {
            if let Some(work) = work {
                credits::write(buffer, &work.writers.iter().collect::<Vec<_>>(), true);
            }
        }
        credit => {
            let place = |columns: &[Column]| columns.iter().position(|&c| c == credit);
            if let Some(i) = place(&RELEASE_CREDITS) {
                buffer.push_str(&release_credits[i]);
            } else if let Some(i) = place(&TRACK_CREDITS) {
                buffer.push_str(track_credits.get(i).map_or("", String::as_str));
            }
        }
    }
}

/// Writes `releases` as CSV to `writer`: a header, then one row per track (a release without
/// tracks gets one row with empty track columns). The credit columns are written when a
/// release has credits (contributors, a work or a GRid); a file without any is written with
/// the columns before them alone.
///
/// # Errors
/// [`Error::Io`] when writing fails; [`Error::Other`] for a credit that cannot be written (an
/// empty name, or a role made in code that would not read back).
pub fn write<W: Write>(writer: W, releases: &[Release]) -> Result<(), Error> {
    let mut out = ::csv::Writer::from_writer(writer);
    let csv_error = |e: ::csv::Error| match e.into_kind() {
        ::csv::ErrorKind::Io(io) => Error::Io(io),
        other => Error::Other(format!("csv writer: {other:?}")),
    };
    let columns = if releases.iter().any(has_credits) {
        &ALL[..]
    } else {
        &ALL[..WITHOUT_CREDITS]
    };
    out.write_record(columns.iter().map(|c| c.name()))
        .map_err(csv_error)?;
    let mut buffer = String::new();
    for release in releases {
        let release_credits = layout(&release.contributors, &RELEASE_CREDITS)?;
        for work in release.tracks.iter().filter_map(|t| t.work.as_ref()) {
            layout(&work.writers, &[Column::WorkWriters])?;
        }
        let rows = release
            .tracks
            .iter()
            .map(Some)
            .chain(release.tracks.is_empty().then_some(None));
        for track in rows {
            let track_credits = match track {
                Some(track) => layout(&track.contributors, &TRACK_CREDITS)?,
                None => Vec::new(),
            };
            for &column in columns {
                cell(
                    &mut buffer,
                    release,
                    track,
                    column,
                    &release_credits,
                    &track_credits,
                );
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
/// let text = csv::to_string(&[release])?;
/// assert!(text.starts_with("upc,release_title,release_artist,label,release_type,release_date,disc,track,isrc,track_title,track_artist,duration,explicit,"));
/// assert_eq!(text.lines().nth(1), Some(",Vesica Piscis,One Yen,,,,1,1,,Track 1,,PT3M21S,false,,,,,,,false,,,"));
/// Ok::<(), release_model::Error>(())
/// ```
///
/// # Errors
/// [`Error::Other`] for a credit that cannot be written (an empty name, or a role made in
/// code that would not read back), as [`write`] refuses it: the text is never cut short.
pub fn to_string(releases: &[Release]) -> Result<String, Error> {
    let mut buffer = Vec::new();
    write(&mut buffer, releases)?;
    // Every cell is UTF-8 text, so the buffer is too.
    String::from_utf8(buffer).map_err(|e| Error::Other(format!("csv writer: {e}")))
}
