//! The laws of the release readers: a file read with errors still says where each one is, and
//! what was read, written out again by the matching writer, reads back to the same releases.

use ddex::{Delivery, ErnVersion, ExportOptions};
use release_model::{Error, Import, Release, csv, json};

use crate::{Lines, line_count, line_is_in};

/// Each error and warning of `import` names a line of `input`.
fn places_are_in(input: &[u8], lines: Lines, import: &Import) {
    if import.errors.is_empty() && import.warnings.is_empty() {
        return;
    }
    let count = line_count(input, lines);
    for error in &import.errors {
        match error {
            Error::Json { line, .. } => line_is_in(count, *line as u64, error),
            Error::Csv { line, .. } => line_is_in(count, *line, error),
            _ => {}
        }
    }
    for warning in &import.warnings {
        line_is_in(count, warning.line, warning);
    }
}

/// A release reader's laws on `input`: every error and warning names one of its lines (as
/// `lines` counts them), and the releases read whole (no field the file gave unreadable),
/// written by the format's writer, read back to the same releases without error.
///
/// A release kept with an unreadable field (its error reported, the field left empty, so
/// that its other rules still run) is left out of the round trip: what the file said there is
/// not in the model, so the writer cannot say it again, and two rows told apart only by their
/// unreadable UPCs are one draft release once written without them.
fn reader(
    input: &[u8],
    lines: Lines,
    read: impl Fn(&[u8]) -> Import,
    write: fn(&[Release]) -> Result<String, Error>,
    read_text: fn(&str) -> Import,
) {
    let import = read(input);
    places_are_in(input, lines, &import);
    let whole: Vec<Release> = import.releases.into_iter().filter(read_whole).collect();
    if whole.is_empty() {
        return;
    }
    let written = match write(&whole) {
        Ok(written) => written,
        Err(error) => panic!("the writer refuses releases its reader read whole: {error}"),
    };
    let again = read_text(&written);
    assert!(
        again.errors.is_empty(),
        "the writer's output does not read back: {:?}\n{written}",
        again.errors
    );
    assert_eq!(
        again.releases, whole,
        "the writer's output reads back to other releases\n{written}"
    );
}

/// Whether every field of `release` and its tracks that the file gave was read.
fn read_whole(release: &Release) -> bool {
    !release.provenance.has_unreadable()
        && release
            .tracks
            .iter()
            .all(|track| !track.provenance.has_unreadable())
}

/// The JSON release reader on `input`.
pub fn json(input: &[u8]) {
    reader(
        input,
        Lines::Newline,
        json::from_slice,
        |releases| Ok(json::to_string(releases)),
        json::from_str,
    );
}

/// The CSV release reader on `input` (read as bytes: a file need not be UTF-8 to be refused
/// cleanly).
pub fn csv(input: &[u8]) {
    reader(
        input,
        Lines::AnyTerminator,
        |bytes| csv::read(bytes),
        csv::to_string,
        csv::from_str,
    );
}

const DEFAULT_GENRE: &str = "Unclassified";

/// The DDEX ERN reader on `input` (any version it reads, a release or a purge): an error and
/// every note name a line of the message; a release read, exported again in each version the
/// writer writes (4.3, 3.8.2) with its header and deals (when the writer accepts the release),
/// imports to the same release (as much of its credits as that version carries,
/// `ddex::carried`) and deals.
pub fn ddex(input: &[u8]) {
    // Lines counted on the bytes: for a UTF-16 message that over-counts, which keeps the
    // bound safe.
    let lines = || line_count(input, Lines::Newline);
    let delivery = match ddex::read(input) {
        Ok(delivery) => delivery,
        Err(error) => {
            if let Some(position) = error.position() {
                line_is_in(lines(), position.line as u64, &error);
            }
            return;
        }
    };
    let count = lines();
    for note in delivery.notes() {
        if let Some(position) = note.position {
            line_is_in(count, position.line as u64, note);
        }
    }
    let Delivery::Release(imported) = delivery else {
        return;
    };
    // A default genre, as ERN requires one and many messages give none: more releases reach
    // the writer, and come back with that genre.
    let mut expected = imported.release.clone();
    expected
        .genre
        .get_or_insert_with(|| DEFAULT_GENRE.to_owned());
    for version in ErnVersion::WRITE {
        let options = ExportOptions::new()
            .ern(version)
            .deals(imported.deals.clone())
            .default_genre(DEFAULT_GENRE);
        let Ok(written) = ddex::export_to_string(&imported.release, &imported.header, &options)
        else {
            continue;
        };
        let again = ddex::import(written.as_bytes()).unwrap_or_else(|error| {
            panic!("our own ERN {version} export does not import: {error}\n{written}")
        });
        assert_eq!(
            again.release,
            ddex::carried(&expected, version),
            "the exported ERN {version} message imports to another release\n{written}"
        );
        assert_eq!(
            again.deals, imported.deals,
            "the deals changed in ERN {version}\n{written}"
        );
    }
}
