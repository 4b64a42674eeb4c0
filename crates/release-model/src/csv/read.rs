//! Reading CSV: rows → releases, every problem with its line and column.

use std::collections::HashMap;
use std::io::Read;
use std::time::Duration;

use isrc::Isrc;
use upc::Upc;

use super::columns::{ALL, Column, RELEASE_CREDITS, REQUIRED, TRACK_CREDITS};
use super::credits;
use crate::codes::{parse_grid, parse_isrc, parse_iswc, parse_upc};
use crate::{
    Contributor, Error, Import, ImportWarning, PartialDate, Provenance, Release, ReleaseType,
    Track, Work, duration, rules,
};
use ident_core::lines::LineTracking;

/// Reads CSV text.
///
/// ```
/// let import = release_model::csv::from_str(
///     "UPC,Release Title,Release Artist,Track,Track Title,ISRC,Duration\n\
///      36000291452,Vesica Piscis,One Yen,1,Track 1,QZAQQ2600001,3:21\n\
///      36000291452,Vesica Piscis,One Yen,2,Track 2,QZAQQ2600002,PT4M5S\n\
///      036000291452,Vesica Piscis,One Yen,x,Track 3,QZAQQ2600003,245\n",
/// );
/// assert_eq!(import.releases.len(), 1);
/// // The row with the bad track number stays, its number marked unreadable.
/// assert_eq!(import.releases[0].tracks.len(), 3);
/// assert_eq!(import.releases[0].upc.map(|u| u.to_string()).as_deref(), Some("036000291452"));
/// assert_eq!(import.warnings[0].to_string(), "line 2, column 1 (upc): \
///     upc \"36000291452\" lost its leading zeros: restored as 036000291452 (the check digit agrees)");
/// assert_eq!(import.errors[0].to_string(),
///     "line 4, column 4 (track): invalid track \"x\": expected a whole number");
/// Ok::<(), release_model::Error>(())
/// ```
pub fn from_str(input: &str) -> Import {
    read(input.as_bytes())
}

/// Reads CSV from `reader`, record by record (the releases are assembled in memory).
pub fn read<R: Read>(reader: R) -> Import {
    let mut csv = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(LineTracking::new(reader));
    let mut state = State::default();
    let mut record = ::csv::StringRecord::new();
    let mut header = true;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(0, |p| csv.get_mut().line_at(p.byte()));
                if header {
                    header = false;
                    if !state.header(&record, line) {
                        break;
                    }
                } else {
                    state.row(&record, line);
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| csv.get_mut().line_at(p.byte()));
                match e.into_kind() {
                    ::csv::ErrorKind::Io(io) => {
                        state.import.errors.push(Error::Io(io));
                        break;
                    }
                    ::csv::ErrorKind::Utf8 { err, .. } => {
                        let column = err.field() + 1;
                        let field = state.name_of(err.field());
                        state.import.errors.push(Error::Csv {
                            line,
                            column: Some(column),
                            field,
                            source: Box::new(Error::Other(
                                "invalid utf-8: a CSV file must be UTF-8".to_owned(),
                            )),
                        });
                        if header {
                            break;
                        }
                    }
                    other => {
                        state.import.errors.push(Error::Csv {
                            line,
                            column: None,
                            field: None,
                            source: Box::new(Error::Other(format!("{other:?}"))),
                        });
                    }
                }
            }
        }
    }
    state.finish()
}

/// Which release a row belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Upc(Upc),
    UnreadableUpc(String),
    Draft(String, String),
}

/// A release being assembled, with the line where each release column got its value.
struct Group {
    release: Release,
    set_on: [u64; ALL.len()],
}

struct State {
    import: Import,
    /// For each column of the file, the column it means (None: ignored).
    columns: Vec<Option<Column>>,
    /// For each known column, its index in the file.
    index: [Option<usize>; ALL.len()],
    groups: Vec<Group>,
    keys: HashMap<Key, usize>,
}

impl Default for State {
    fn default() -> State {
        State {
            import: Import::default(),
            columns: Vec::new(),
            index: [None; ALL.len()],
            groups: Vec::new(),
            keys: HashMap::new(),
        }
    }
}

/// The release-level values of one row (None: the cell was empty or the column absent).
///
/// The text borrows the record: most rows repeat their release's values, and only the first
/// row that gives a value has it copied into the release.
#[derive(Default)]
struct ReleaseCells<'r> {
    upc: Option<Upc>,
    title: Option<&'r str>,
    artist: Option<&'r str>,
    label: Option<&'r str>,
    release_type: Option<ReleaseType>,
    release_date: Option<PartialDate>,
    version: Option<&'r str>,
    catalog_number: Option<&'r str>,
    original_release_date: Option<PartialDate>,
    genre: Option<&'r str>,
    p_line: Option<&'r str>,
    c_line: Option<&'r str>,
    explicit: Option<bool>,
    cover: Option<&'r str>,
    grid: Option<grid::Grid>,
    /// The release's credits, when the row gives any and every credit cell read.
    contributors: Option<Vec<Contributor>>,
    /// The text of a UPC that did not read.
    unreadable_upc: Option<&'r str>,
}

impl State {
    fn name_of(&self, field: usize) -> Option<String> {
        match self.columns.get(field) {
            Some(Some(c)) => Some(c.name().to_owned()),
            _ => None,
        }
    }

    fn header_error(&mut self, line: u64, column: Option<usize>, field: &str, message: String) {
        self.import.errors.push(Error::Csv {
            line,
            column,
            field: Some(field.to_owned()),
            source: Box::new(Error::Other(message)),
        });
    }

    /// Reads the header; false when the file cannot be read on.
    fn header(&mut self, record: &::csv::StringRecord, line: u64) -> bool {
        let mut ok = true;
        for (i, name) in record.iter().enumerate() {
            match Column::from_header(name) {
                Some(column) => {
                    if let Some(first) = self.index[column.index()] {
                        self.header_error(
                            line,
                            Some(i + 1),
                            column.name(),
                            format!(
                                "column {} repeats column {} (both mean {})",
                                i + 1,
                                first + 1,
                                column.name()
                            ),
                        );
                        ok = false;
                    } else {
                        self.index[column.index()] = Some(i);
                    }
                    self.columns.push(Some(column));
                }
                None => {
                    self.import.warnings.push(ImportWarning {
                        rule: &rules::CSV_UNKNOWN_COLUMN,
                        line,
                        column: Some(i + 1),
                        field: Some(name.to_owned()),
                        message: format!("unknown column {name:?} ignored"),
                    });
                    self.columns.push(None);
                }
            }
        }
        for column in REQUIRED {
            if self.index[column.index()].is_none() {
                self.header_error(
                    line,
                    None,
                    column.name(),
                    "missing required column".to_owned(),
                );
                ok = false;
            }
        }
        ok
    }

    /// A credit cell's text as the file gives it (None when blank): not trimmed, as a name's
    /// own leading or trailing space is written escaped at the edge of the cell.
    fn credit_cell<'r>(&self, record: &'r ::csv::StringRecord, column: Column) -> Option<&'r str> {
        self.index[column.index()]
            .and_then(|i| record.get(i))
            .filter(|text| !text.trim().is_empty())
    }

    fn cell<'r>(&self, record: &'r ::csv::StringRecord, column: Column) -> &'r str {
        self.index[column.index()]
            .and_then(|i| record.get(i))
            .map_or("", str::trim)
    }

    fn row(&mut self, record: &::csv::StringRecord, line: u64) {
        if record.iter().all(|f| f.trim().is_empty()) {
            // A blank row carries nothing; spreadsheets leave them between releases.
            return;
        }
        if record.len() != self.columns.len() {
            self.import.errors.push(Error::Csv {
                line,
                column: None,
                field: None,
                source: Box::new(Error::Other(format!(
                    "expected {} fields as in the header, found {}",
                    self.columns.len(),
                    record.len()
                ))),
            });
            return;
        }
        let index = self.index;
        let mut errors = Vec::new();
        // A field that does not read is reported and left empty; the row stays, marked, so
        // that every other rule of its release still runs on it.
        let mut release_marks = Provenance::at_line(line);
        let mut track_marks = Provenance::at_line(line);
        let mut fail = |column: Column, error: Error| {
            if let Some(field) = column.field() {
                let marks = if column.is_track() {
                    &mut track_marks
                } else {
                    &mut release_marks
                };
                marks.mark_unreadable(field);
            }
            errors.push(Error::Csv {
                line,
                column: index[column.index()].map(|i| i + 1),
                field: Some(column.name().to_owned()),
                source: Box::new(error),
            });
        };
        let cells = self.release_cells(record, line, &mut fail);
        let track = self.track_cells(record, &mut fail);
        self.import.errors.append(&mut errors);
        let key = match (cells.upc, cells.unreadable_upc) {
            (Some(upc), _) => Key::Upc(upc),
            // Rows that give one unreadable UPC are one release, as they would be were it valid.
            (None, Some(text)) => Key::UnreadableUpc(text.to_owned()),
            (None, None) => Key::Draft(
                cells.title.unwrap_or_default().to_owned(),
                cells.artist.unwrap_or_default().to_owned(),
            ),
        };
        let groups = &mut self.groups;
        let group = *self.keys.entry(key).or_insert_with(|| {
            groups.push(Group {
                release: Release {
                    provenance: Provenance::at_line(line),
                    ..Release::default()
                },
                set_on: [0; ALL.len()],
            });
            groups.len() - 1
        });
        let group = &mut self.groups[group];
        group.release.provenance.merge_unreadable(release_marks);
        // A contradicting release value is an error on this row and none of the row's release
        // values apply; its track still belongs to the release.
        if let Err(mut conflicts) = merge(group, cells, line, &index) {
            self.import.errors.append(&mut conflicts);
        }
        if let Some(mut track) = track {
            track.provenance = track_marks;
            group.release.tracks.push(track);
        }
    }

    fn release_cells<'r>(
        &mut self,
        record: &'r ::csv::StringRecord,
        line: u64,
        fail: &mut dyn FnMut(Column, Error),
    ) -> ReleaseCells<'r> {
        let text = |column| Some(self.cell(record, column)).filter(|value| !value.is_empty());
        let mut cells = ReleaseCells {
            title: text(Column::ReleaseTitle),
            artist: text(Column::ReleaseArtist),
            label: text(Column::Label),
            version: text(Column::ReleaseVersion),
            catalog_number: text(Column::CatalogNumber),
            genre: text(Column::Genre),
            p_line: text(Column::PLine),
            c_line: text(Column::CLine),
            cover: text(Column::Cover),
            ..ReleaseCells::default()
        };
        let upc = self.cell(record, Column::Upc);
        if !upc.is_empty() {
            match parse_upc(upc) {
                Ok(code) => cells.upc = Some(code),
                Err(error) => match restore_upc(upc) {
                    Some(code) => {
                        self.import.warnings.push(ImportWarning {
                            rule: &rules::CSV_UPC_RESTORED,
                            line,
                            column: self.index[Column::Upc.index()].map(|i| i + 1),
                            field: Some(Column::Upc.name().to_owned()),
                            message: format!(
                                "upc {upc:?} lost its leading zeros: restored as {code} (the check digit agrees)"
                            ),
                        });
                        cells.upc = Some(code);
                    }
                    None => {
                        cells.unreadable_upc = Some(upc);
                        fail(Column::Upc, error);
                    }
                },
            }
        }
        cells.release_type = parse_cell(record, self, Column::ReleaseType, fail, str::parse);
        cells.release_date = parse_cell(record, self, Column::ReleaseDate, fail, str::parse);
        cells.original_release_date =
            parse_cell(record, self, Column::OriginalReleaseDate, fail, str::parse);
        cells.explicit = parse_cell(record, self, Column::ReleaseExplicit, fail, |v| {
            parse_flag("release_explicit", v)
        });
        cells.grid = parse_cell(record, self, Column::Grid, fail, parse_grid);
        cells.contributors = self.credits(record, &RELEASE_CREDITS, fail);
        cells
    }

    /// The credits of `columns` (the general column first, then the per-role ones merged in):
    /// None when every cell is empty or one does not read (that one reported through `fail`).
    fn credits(
        &self,
        record: &::csv::StringRecord,
        columns: &[Column],
        fail: &mut dyn FnMut(Column, Error),
    ) -> Option<Vec<Contributor>> {
        let mut list = Vec::new();
        let mut given = false;
        let mut whole = true;
        for &column in columns {
            let role = column.role();
            let Some(text) = self.credit_cell(record, column) else {
                continue;
            };
            given = true;
            match credits::parse(text, role.as_ref()) {
                // The general column's credits are taken as they are (two credits may share a
                // name); a per-role column's join the credit of their name.
                Ok(found) if role.is_none() => list.extend(found),
                Ok(found) => {
                    for credit in found {
                        credits::merge(&mut list, credit);
                    }
                }
                Err(error) => {
                    fail(column, error);
                    whole = false;
                }
            }
        }
        (given && whole).then_some(list)
    }

    fn track_cells(
        &self,
        record: &::csv::StringRecord,
        fail: &mut dyn FnMut(Column, Error),
    ) -> Option<Track> {
        let track_columns = ALL.iter().filter(|c| c.is_track());
        if track_columns
            .clone()
            .all(|&c| self.cell(record, c).is_empty())
        {
            return None;
        }
        let number = match self.cell(record, Column::Track) {
            "" => {
                fail(
                    Column::Track,
                    Error::Value {
                        field: "track",
                        input: String::new(),
                        expected: "a track number",
                    },
                );
                0
            }
            text => parse_number("track", text).unwrap_or_else(|e| {
                fail(Column::Track, e);
                0
            }),
        };
        let disc = parse_cell(record, self, Column::Disc, fail, |v| {
            parse_number("disc", v)
        })
        .unwrap_or(1);
        let isrc: Option<Isrc> = parse_cell(record, self, Column::Isrc, fail, parse_isrc);
        let duration: Option<Duration> =
            parse_cell(record, self, Column::Duration, fail, duration::parse);
        let explicit = parse_cell(record, self, Column::Explicit, fail, |v| {
            parse_flag("explicit", v)
        })
        .unwrap_or(false);
        let optional = |column| {
            let value = self.cell(record, column);
            (!value.is_empty()).then(|| value.to_owned())
        };
        let contributors = self
            .credits(record, &TRACK_CREDITS, fail)
            .unwrap_or_default();
        let work = Work {
            iswc: parse_cell(record, self, Column::Iswc, fail, parse_iswc),
            title: optional(Column::WorkTitle),
            writers: self
                .credit_cell(record, Column::WorkWriters)
                .and_then(|text| {
                    credits::parse(text, None)
                        .map_err(|e| fail(Column::WorkWriters, e))
                        .ok()
                })
                .unwrap_or_default(),
        };
        Some(Track {
            disc,
            number,
            isrc,
            title: self.cell(record, Column::TrackTitle).to_owned(),
            version: optional(Column::TrackVersion),
            artist: optional(Column::TrackArtist),
            duration,
            explicit,
            file: optional(Column::File),
            contributors,
            work: (!work.is_empty()).then_some(work),
            provenance: Provenance::new(),
        })
    }

    fn finish(mut self) -> Import {
        self.import.releases = self.groups.into_iter().map(|g| g.release).collect();
        self.import
    }
}

fn parse_cell<T>(
    record: &::csv::StringRecord,
    state: &State,
    column: Column,
    fail: &mut dyn FnMut(Column, Error),
    parse: impl Fn(&str) -> Result<T, Error>,
) -> Option<T> {
    let value = state.cell(record, column);
    if value.is_empty() {
        return None;
    }
    match parse(value) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            fail(column, e);
            None
        }
    }
}

fn parse_number(field: &'static str, text: &str) -> Result<u32, Error> {
    if text.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = text.parse()
    {
        return Ok(n);
    }
    Err(Error::Value {
        field,
        input: text.to_owned(),
        expected: "a whole number",
    })
}

fn parse_flag(field: &'static str, text: &str) -> Result<bool, Error> {
    let is = |words: [&str; 4]| words.iter().any(|w| w.eq_ignore_ascii_case(text));
    if is(["true", "yes", "y", "1"]) {
        Ok(true)
    } else if is(["false", "no", "n", "0"]) {
        Ok(false)
    } else {
        Err(Error::Value {
            field,
            input: text.to_owned(),
            expected: "true or false (yes/no, y/n, 1/0)",
        })
    }
}

/// A UPC-A whose leading zeros a spreadsheet dropped: all digits, fewer than 12 and not 8
/// (eight digits are an EAN-8, and zero-padding an EAN-8 gives the same GTIN-14 anyway).
/// Zero-padding keeps a GS1 check digit, so the padded code is accepted only when its check
/// digit agrees; anything else stays an error.
fn restore_upc(text: &str) -> Option<Upc> {
    let digits = text.len();
    if digits == 0 || digits >= 12 || digits == 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{text:0>12}");
    Upc::parse_digits(padded.as_bytes()).ok()
}

/// Puts a row's release values into its group; a value that contradicts an earlier row is an
/// error on this row (and nothing of the row is applied).
fn merge(
    group: &mut Group,
    cells: ReleaseCells<'_>,
    line: u64,
    index: &[Option<usize>; ALL.len()],
) -> Result<(), Vec<Error>> {
    let mut conflicts = Vec::new();
    let release = &group.release;
    // Messages are built only for a contradiction: most rows repeat the same values.
    macro_rules! compare {
        ($column:expr, $new:expr, $old:expr) => {
            if let Some(new) = $new
                && Some(new) != $old
                && group.set_on[$column.index()] != 0
            {
                conflicts.push(Error::Csv {
                    line,
                    column: index[$column.index()].map(|i| i + 1),
                    field: Some($column.name().to_owned()),
                    source: Box::new(Error::Other(format!(
                        "{:?} contradicts {:?} on line {} for the same release",
                        new.to_string(),
                        $old.map(|v| v.to_string()).unwrap_or_default(),
                        group.set_on[$column.index()]
                    ))),
                });
            }
        };
    }
    compare!(Column::Upc, cells.upc, release.upc);
    compare!(Column::ReleaseTitle, cells.title, Some(&*release.title));
    compare!(Column::ReleaseArtist, cells.artist, Some(&*release.artist));
    compare!(Column::Label, cells.label, release.label.as_deref());
    compare!(
        Column::ReleaseType,
        cells.release_type,
        release.release_type
    );
    compare!(
        Column::ReleaseDate,
        cells.release_date,
        release.release_date
    );
    compare!(
        Column::ReleaseVersion,
        cells.version,
        release.version.as_deref()
    );
    compare!(
        Column::CatalogNumber,
        cells.catalog_number,
        release.catalog_number.as_deref()
    );
    compare!(
        Column::OriginalReleaseDate,
        cells.original_release_date,
        release.original_release_date
    );
    compare!(Column::Genre, cells.genre, release.genre.as_deref());
    compare!(Column::PLine, cells.p_line, release.p_line.as_deref());
    compare!(Column::CLine, cells.c_line, release.c_line.as_deref());
    compare!(
        Column::ReleaseExplicit,
        cells.explicit,
        Some(release.explicit)
    );
    compare!(Column::Cover, cells.cover, release.cover.as_deref());
    compare!(Column::Grid, cells.grid, release.grid);
    let credits_column = RELEASE_CREDITS
        .into_iter()
        .find(|c| index[c.index()].is_some())
        .unwrap_or(Column::ReleaseCredits);
    if let Some(new) = &cells.contributors
        && *new != release.contributors
        && group.set_on[Column::ReleaseCredits.index()] != 0
    {
        let show = |list: &[Contributor]| {
            let mut text = String::new();
            credits::write(&mut text, &list.iter().collect::<Vec<_>>(), true);
            text
        };
        conflicts.push(Error::Csv {
            line,
            column: index[credits_column.index()].map(|i| i + 1),
            field: Some(credits_column.name().to_owned()),
            source: Box::new(Error::Other(format!(
                "the release credits {:?} contradict {:?} on line {} for the same release",
                show(new),
                show(&release.contributors),
                group.set_on[Column::ReleaseCredits.index()]
            ))),
        });
    }
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    let set_on = &mut group.set_on;
    let release = &mut group.release;
    // The first row that gives a value sets it; `$value` is only made then.
    macro_rules! apply {
        ($column:expr, $new:expr, $field:expr, |$v:ident| $value:expr) => {
            if set_on[$column.index()] == 0
                && let Some($v) = $new
            {
                set_on[$column.index()] = line;
                $field = $value;
            }
        };
    }
    apply!(Column::Upc, cells.upc, release.upc, |v| Some(v));
    apply!(Column::ReleaseTitle, cells.title, release.title, |v| v
        .to_owned());
    apply!(Column::ReleaseArtist, cells.artist, release.artist, |v| v
        .to_owned());
    apply!(Column::Label, cells.label, release.label, |v| Some(
        v.to_owned()
    ));
    apply!(
        Column::ReleaseType,
        cells.release_type,
        release.release_type,
        |v| Some(v)
    );
    apply!(
        Column::ReleaseDate,
        cells.release_date,
        release.release_date,
        |v| Some(v)
    );
    apply!(
        Column::ReleaseVersion,
        cells.version,
        release.version,
        |v| Some(v.to_owned())
    );
    apply!(
        Column::CatalogNumber,
        cells.catalog_number,
        release.catalog_number,
        |v| Some(v.to_owned())
    );
    apply!(
        Column::OriginalReleaseDate,
        cells.original_release_date,
        release.original_release_date,
        |v| Some(v)
    );
    apply!(Column::Genre, cells.genre, release.genre, |v| Some(
        v.to_owned()
    ));
    apply!(Column::PLine, cells.p_line, release.p_line, |v| Some(
        v.to_owned()
    ));
    apply!(Column::CLine, cells.c_line, release.c_line, |v| Some(
        v.to_owned()
    ));
    apply!(
        Column::ReleaseExplicit,
        cells.explicit,
        release.explicit,
        |v| v
    );
    apply!(Column::Cover, cells.cover, release.cover, |v| Some(
        v.to_owned()
    ));
    apply!(Column::Grid, cells.grid, release.grid, |v| Some(v));
    apply!(
        Column::ReleaseCredits,
        cells.contributors,
        release.contributors,
        |v| v
    );
    Ok(())
}
