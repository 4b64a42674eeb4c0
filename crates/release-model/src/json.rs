//! The JSON release format: one release object, or an array of them.
//!
//! Reading an array parses each release on its own, so one bad release is reported (with its
//! line, column and path, e.g. `[3].tracks[1].isrc`) and the others are still read. A field
//! that does not read loses only itself (see [`Provenance`](crate::Provenance)).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Read, Write};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::lines::Positions;
use crate::{Catalog, Error, Field, Import, PartialDate, Release, ReleaseType};

/// Reads a release or an array of releases.
///
/// ```
/// let import = release_model::json::from_str(r#"[
///   {"title": "A", "artist": "X", "tracks": [{"number": 1, "title": "A", "duration": "3:00"}]},
///   {"title": "B", "artist": "X", "tracks": [{"number": 1, "isrc": "QZAQQ26X0001"}]}
/// ]"#);
/// // The release with the bad ISRC stays, the ISRC empty and marked unreadable.
/// assert_eq!(import.releases.len(), 2);
/// assert!(import.releases[1].tracks[0].provenance.is_unreadable(release_model::Field::Isrc));
/// assert_eq!(
///     import.errors[0].to_string(),
///     "line 3, column 79 ([1].tracks[0].isrc): invalid isrc \"QZAQQ26X0001\": \
///      invalid character 'X' at position 8 in the designation code: expected a digit 0-9"
/// );
/// Ok::<(), release_model::Error>(())
/// ```
pub fn from_str(input: &str) -> Import {
    let (input, _) = document(input);
    from_str_tracking(input, &mut Positions::new(input))
}

/// [`from_str`], with the positions of errors found through `positions` (which the tests
/// watch: over one file it scans each byte once).
/// `input` has no byte order mark ([`document`] took it off).
fn from_str_tracking(input: &str, positions: &mut Positions<'_>) -> Import {
    let (input, start) = document(input);
    let mut import = Import::default();
    match input.as_bytes().get(start) {
        Some(b'[') => {}
        Some(b'{') => {
            let (release, mut errors) = release_at(input, input, 0, positions);
            import.releases.extend(release);
            import.errors.append(&mut errors);
            return import;
        }
        _ => {
            import.errors.push(document_error(
                positions,
                start,
                "expected a release object or an array of releases",
            ));
            return import;
        }
    }
    // The fast path: a file without problems parses in one pass. Only when it fails is the
    // array split into its elements to report every bad release and keep the good ones.
    if let Ok(releases) = serde_json::from_str::<Vec<Release>>(input) {
        import.releases = releases;
        return import;
    }
    let raws: Vec<&RawValue> = match serde_json::from_str(input) {
        Ok(raws) => raws,
        Err(e) => {
            import.errors.push(json_error(&e, (1, 1), String::new()));
            return import;
        }
    };
    import.releases.reserve(raws.len());
    for (index, raw) in raws.into_iter().enumerate() {
        let (release, mut errors) = release_at(input, raw.get(), index + 1, positions);
        import.releases.extend(release);
        import.errors.append(&mut errors);
    }
    import
}

/// `input` without a byte order mark (editors on Windows start UTF-8 files with one; it is not
/// part of the JSON, and columns count what a person sees after it), and the offset of its
/// first byte that is not whitespace.
fn document(input: &str) -> (&str, usize) {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    (input, input.len() - input.trim_start().len())
}

/// An error about the document as a whole, at byte `offset`.
fn document_error(positions: &mut Positions<'_>, offset: usize, message: &str) -> Error {
    let (line, column) = positions.at(offset);
    Error::Json {
        line,
        column,
        path: String::new(),
        message: message.to_owned(),
    }
}

/// The path of `inner` (as serde_path_to_error writes it) within element `element` (1-based
/// array index; 0 for a lone object).
fn element_path(element: usize, inner: &str) -> String {
    let inner = if inner == "." { "" } else { inner };
    match (element, inner.is_empty()) {
        (0, _) => inner.to_owned(),
        (n, true) => format!("[{}]", n - 1),
        (n, false) if inner.starts_with('[') => format!("[{}]{inner}", n - 1),
        (n, false) => format!("[{}].{inner}", n - 1),
    }
}

/// The offset of `part`, a slice of `input`, from the start of `input`.
fn offset_in(input: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(input.as_ptr() as usize)
}

/// Parses one release whose text is `text`, a slice of `input`; `element` is the 1-based array
/// index (0 for a lone object), used in the error paths.
///
/// A field whose value does not read (a code, a date, a release type, a duration: see
/// [`Field`]) does not lose the release: it is reported, left empty and marked in the
/// release's [`Provenance`], so that validation still runs every other rule on the release.
/// Anything else wrong (a syntax error, an unknown field, a missing track number) loses the
/// release, with its error.
fn release_at(
    input: &str,
    text: &str,
    element: usize,
    positions: &mut Positions<'_>,
) -> (Option<Release>, Vec<Error>) {
    if let Ok(release) = serde_json::from_str::<Release>(text) {
        return (Some(release), Vec::new());
    }
    // The slow path runs only for a bad release, in time linear in its size: the values that
    // do not read are found in one parse, blanked out in a copy (each member replaced by
    // spaces, so every other byte keeps its line and column), and the copy parsed again.
    let start = offset_in(input, text);
    let base = positions.at(start);
    let unreadable = unreadable_values(text);
    let mut errors = Vec::with_capacity(unreadable.len() + 1);
    let mut copy = Vec::new();
    if !unreadable.is_empty() {
        copy.extend_from_slice(text.as_bytes());
    }
    for value in &unreadable {
        let offset = offset_in(input, value.raw.get());
        let path = match value.track {
            Some(track) => format!("tracks[{track}].{}", value.path),
            None => value.path.clone(),
        };
        errors.push(json_error(
            &value.error,
            positions.at(offset),
            element_path(element, &path),
        ));
        blank_member(
            &mut copy,
            offset - start,
            offset - start + value.raw.get().len(),
        );
    }
    // Blanking replaces whole UTF-8 sequences by spaces: the copy stays UTF-8.
    let patched = match std::str::from_utf8(&copy) {
        Ok(patched) if !unreadable.is_empty() => patched,
        _ => text,
    };
    let deserializer = &mut serde_json::Deserializer::from_str(patched);
    match serde_path_to_error::deserialize::<_, Release>(deserializer) {
        Ok(mut release) => {
            for value in &unreadable {
                let provenance = match value.track {
                    Some(track) => match release.tracks.get_mut(track) {
                        Some(track) => &mut track.provenance,
                        None => continue,
                    },
                    None => &mut release.provenance,
                };
                provenance.mark_unreadable(value.field);
            }
            (Some(release), errors)
        }
        Err(error) => {
            let path = element_path(element, &error.path().to_string());
            errors.push(json_error(error.inner(), base, path));
            errors.sort_by_key(|e| e.line().zip(json_column(e)));
            (None, errors)
        }
    }
}

fn json_column(error: &Error) -> Option<usize> {
    match error {
        Error::Json { column, .. } => Some(*column),
        _ => None,
    }
}

/// A member of a release or a track whose value does not read as its field.
struct Unreadable<'a> {
    /// The track's index, for a track's member.
    track: Option<usize>,
    /// Its path within the release or the track (`isrc`, `contributors[2].isni`).
    path: String,
    field: Field,
    raw: &'a RawValue,
    error: serde_json::Error,
}

/// The members of a JSON object, each value as its text (a slice of the parsed input).
type Members<'a> = HashMap<Cow<'a, str>, &'a RawValue>;

const RELEASE_FIELDS: [(&str, Field); 4] = [
    ("upc", Field::Upc),
    ("release_type", Field::ReleaseType),
    ("release_date", Field::ReleaseDate),
    ("original_release_date", Field::OriginalReleaseDate),
];

const TRACK_FIELDS: [(&str, Field); 2] = [("isrc", Field::Isrc), ("duration", Field::Duration)];

/// How a member's value reads: as the model's deserialiser reads it.
type Check = fn(&str) -> Result<(), serde_json::Error>;

/// The identifiers of a credit, each with its reader.
const CREDIT_IDS: [(&str, Check); 2] = [
    ("isni", |text| {
        crate::codes::serde_isni::deserialize(&mut serde_json::Deserializer::from_str(text))
            .map(drop)
    }),
    ("ipi", |text| {
        crate::codes::serde_ipi::deserialize(&mut serde_json::Deserializer::from_str(text))
            .map(drop)
    }),
];

/// The values of `text`'s release and track fields that do not read, in file order (none when
/// `text` is not an object with objects for tracks: that error is the parser's to report).
fn unreadable_values(text: &str) -> Vec<Unreadable<'_>> {
    let mut found = Vec::new();
    let Ok(release) = serde_json::from_str::<Members<'_>>(text) else {
        return found;
    };
    check_fields(&mut found, &release, &RELEASE_FIELDS, None);
    let grid: Check = |text| {
        crate::codes::serde_grid::deserialize(&mut serde_json::Deserializer::from_str(text))
            .map(drop)
    };
    check_member(&mut found, &release, "", "grid", Field::Grid, grid, None);
    check_credits(&mut found, &release, "", Field::Credits, None);
    if let Some(tracks) = release.get("tracks")
        && let Ok(tracks) = serde_json::from_str::<Vec<Members<'_>>>(tracks.get())
    {
        for (i, track) in tracks.iter().enumerate() {
            check_fields(&mut found, track, &TRACK_FIELDS, Some(i));
            check_credits(&mut found, track, "", Field::Credits, Some(i));
            if let Some(work) = track.get("work")
                && let Ok(work) = serde_json::from_str::<Members<'_>>(work.get())
            {
                let iswc: Check = |text| {
                    crate::codes::serde_iswc::deserialize(&mut serde_json::Deserializer::from_str(
                        text,
                    ))
                    .map(drop)
                };
                check_member(
                    &mut found,
                    &work,
                    "work.",
                    "iswc",
                    Field::Work,
                    iswc,
                    Some(i),
                );
                let writers = work.get("writers").copied();
                check_list(&mut found, writers, "work.writers", Field::Work, Some(i));
            }
        }
    }
    found.sort_by_key(|value| value.raw.get().as_ptr() as usize);
    found
}

/// The member `key` of `members` (at `prefix` within the release or track), when its value
/// does not read through `check`.
fn check_member<'a>(
    found: &mut Vec<Unreadable<'a>>,
    members: &Members<'a>,
    prefix: &str,
    key: &str,
    field: Field,
    check: Check,
    track: Option<usize>,
) {
    if let Some(&raw) = members.get(key)
        && let Err(error) = check(raw.get())
    {
        found.push(Unreadable {
            track,
            path: format!("{prefix}{key}"),
            field,
            raw,
            error,
        });
    }
}

/// The identifiers that do not read in the `contributors` of `members`.
fn check_credits<'a>(
    found: &mut Vec<Unreadable<'a>>,
    members: &Members<'a>,
    prefix: &str,
    field: Field,
    track: Option<usize>,
) {
    let list = members.get("contributors").copied();
    check_list(found, list, &format!("{prefix}contributors"), field, track);
}

/// The identifiers that do not read in a JSON array of credits at `path`.
fn check_list<'a>(
    found: &mut Vec<Unreadable<'a>>,
    list: Option<&'a RawValue>,
    path: &str,
    field: Field,
    track: Option<usize>,
) {
    let Some(list) = list else { return };
    let Ok(credits) = serde_json::from_str::<Vec<Members<'_>>>(list.get()) else {
        return;
    };
    for (j, credit) in credits.iter().enumerate() {
        for (key, check) in CREDIT_IDS {
            check_member(
                found,
                credit,
                &format!("{path}[{j}]."),
                key,
                field,
                check,
                track,
            );
        }
    }
}

fn check_fields<'a>(
    found: &mut Vec<Unreadable<'a>>,
    members: &Members<'a>,
    fields: &[(&'static str, Field)],
    track: Option<usize>,
) {
    for &(key, field) in fields {
        if let Some(&raw) = members.get(key)
            && let Err(error) = read_field(field, raw.get())
        {
            found.push(Unreadable {
                track,
                path: key.to_owned(),
                field,
                raw,
                error,
            });
        }
    }
}

/// Reads `text` as the value of `field`, as the model's deserialiser does.
fn read_field(field: Field, text: &str) -> Result<(), serde_json::Error> {
    let de = &mut serde_json::Deserializer::from_str(text);
    match field {
        Field::Upc => crate::codes::serde_upc::deserialize(de).map(drop),
        Field::Isrc => crate::codes::serde_isrc::deserialize(de).map(drop),
        Field::Duration => crate::duration::serde_opt::deserialize(de).map(drop),
        Field::ReleaseType => Option::<ReleaseType>::deserialize(de).map(drop),
        Field::ReleaseDate | Field::OriginalReleaseDate => {
            Option::<PartialDate>::deserialize(de).map(drop)
        }
        _ => Ok(()),
    }
}

/// Replaces, in the JSON object text `bytes`, the member whose value spans `start..end` by
/// spaces: its key, its colon, its value and one comma beside it, so the object stays valid
/// JSON without that member. Line breaks stay, so every other byte keeps its line and column.
fn blank_member(bytes: &mut [u8], start: usize, end: usize) {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let before = |at: usize| bytes[..at].iter().rposition(|b| !space(b));
    // Back over `:` and the key string (keys of the model hold no quote or backslash, and
    // one that did would not be a field this function is called for).
    let Some(colon) = before(start).filter(|&i| bytes[i] == b':') else {
        return;
    };
    let Some(key_end) = before(colon).filter(|&i| bytes[i] == b'"') else {
        return;
    };
    let Some(key_start) = bytes[..key_end].iter().rposition(|&b| b == b'"') else {
        return;
    };
    let (from, to) = match before(key_start) {
        Some(comma) if bytes[comma] == b',' => (comma, end),
        _ => {
            // The first member: take the comma after it, if another member follows.
            match bytes[end..].iter().position(|b| !space(b)) {
                Some(i) if bytes[end + i] == b',' => (key_start, end + i + 1),
                _ => (key_start, end),
            }
        }
    };
    for b in &mut bytes[from..to] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// A serde_json error at a position relative to `base` (the element's line and column).
fn json_error(e: &serde_json::Error, base: (usize, usize), path: String) -> Error {
    let (line, column) = if e.line() <= 1 {
        (base.0, base.1 + e.column().saturating_sub(1))
    } else {
        (base.0 + e.line() - 1, e.column())
    };
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    Error::Json {
        line,
        column: column.max(1),
        path,
        message,
    }
}

/// Reads a release or an array of releases from bytes that must be UTF-8.
pub fn from_slice(input: &[u8]) -> Import {
    match std::str::from_utf8(input) {
        Ok(text) => from_str(text),
        Err(e) => {
            let valid = &input[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            Import {
                errors: vec![document_error(
                    &mut Positions::new(prefix),
                    prefix.len(),
                    "invalid utf-8: a JSON file must be UTF-8",
                )],
                ..Import::default()
            }
        }
    }
}

/// Reads a release or an array of releases from `reader` (read to its end first: the releases
/// are parsed in place from one buffer).
///
/// # Errors
/// [`Error::Io`] when reading fails; problems in the JSON go into the [`Import`].
pub fn from_reader<R: Read>(mut reader: R) -> Result<Import, Error> {
    let mut buffer = Vec::new();
    reader.read_to_end(&mut buffer)?;
    Ok(from_slice(&buffer))
}

/// The releases as a pretty-printed JSON array (two-space indent, newline at the end).
#[must_use]
pub fn to_string(releases: &[Release]) -> String {
    // Every field serialises (strings, numbers, codes and dates through their Display).
    let mut text = serde_json::to_string_pretty(releases).unwrap_or_default();
    text.push('\n');
    text
}

/// One release as a pretty-printed JSON object (newline at the end).
#[must_use]
pub fn release_to_string(release: &Release) -> String {
    let mut text = serde_json::to_string_pretty(release).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes releases as a JSON array to `writer`, one compact release per line, taking them one
/// at a time from any iterator: a catalog of any size is written in constant memory.
///
/// ```
/// use release_model::{json, Release};
///
/// let mut out = Vec::new();
/// json::to_writer(&mut out, [Release::new("A", "X"), Release::new("B", "Y")])?;
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text.lines().count(), 4);
/// assert_eq!(json::from_str(&text).releases.len(), 2);
/// Ok::<(), release_model::Error>(())
/// ```
///
/// # Errors
/// [`Error::Io`] when writing fails.
pub fn to_writer<W, I>(mut writer: W, releases: I) -> Result<(), Error>
where
    W: Write,
    I: IntoIterator,
    I::Item: std::borrow::Borrow<Release>,
{
    use std::borrow::Borrow;
    let into_io = |e: serde_json::Error| match e.io_error_kind() {
        Some(kind) => Error::Io(std::io::Error::new(kind, e)),
        None => Error::Other(e.to_string()),
    };
    writer.write_all(b"[")?;
    for (i, release) in releases.into_iter().enumerate() {
        writer.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut writer, release.borrow()).map_err(into_io)?;
    }
    writer.write_all(b"\n]\n")?;
    writer.flush()?;
    Ok(())
}

impl Release {
    /// One release from JSON (an object).
    ///
    /// # Errors
    /// [`Error::Json`] with line, column and path.
    pub fn from_json(input: &str) -> Result<Release, Error> {
        let (input, start) = document(input);
        let positions = &mut Positions::new(input);
        if input.as_bytes().get(start) != Some(&b'{') {
            return Err(document_error(
                positions,
                start,
                "expected a release object",
            ));
        }
        match release_at(input, input, 0, positions) {
            (Some(release), errors) if errors.is_empty() => Ok(release),
            (_, errors) => Err(errors
                .into_iter()
                .next()
                .unwrap_or_else(|| document_error(positions, start, "expected a release object"))),
        }
    }

    /// The release as pretty JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        release_to_string(self)
    }
}

impl Catalog {
    /// A catalog from JSON: an array of releases, or one release.
    ///
    /// # Errors
    /// The first problem ([`from_str`] returns all of them).
    pub fn from_json(input: &str) -> Result<Catalog, Error> {
        from_str(input).into_catalog()
    }

    /// The catalog as a pretty JSON array.
    #[must_use]
    pub fn to_json(&self) -> String {
        to_string(&self.releases)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each bad element's position used to be found by scanning the input from its start:
    /// `[0,0,…]` with 80,000 elements took seconds. Positions are now found in one pass over
    /// the file, however many errors it holds: the bytes scanned are bounded by its length
    /// (the old way scanned about n²/2 of them, 6.4·10⁹ here).
    #[test]
    fn positions_of_many_bad_elements_cost_one_pass() {
        let elements = 80_000;
        let mut text = String::from("[\n");
        for i in 0..elements {
            text.push_str(if i == 0 { "0" } else { ",0" });
            if i % 100 == 99 {
                text.push('\n');
            }
        }
        text.push(']');
        let positions = &mut Positions::new(&text);
        let import = from_str_tracking(&text, positions);
        assert_eq!(import.errors.len(), elements);
        assert!(import.releases.is_empty());
        assert!(
            positions.scanned() <= text.len(),
            "scanned {} bytes of a {}-byte file",
            positions.scanned(),
            text.len()
        );
        // The positions are still right: the last element is on the last line.
        let last = import.errors.last().map(Error::line);
        assert_eq!(last, Some(Some(elements as u64 / 100 + 1)));
    }

    #[test]
    fn a_member_blanked_keeps_the_object_valid_and_every_position() {
        for (text, value) in [
            (r#"{"a": 1, "isrc": "x", "b": 2}"#, r#""x""#),
            (r#"{"isrc": "x", "b": 2}"#, r#""x""#),
            ("{\"b\": 2,\n \"isrc\" :\n 5 }", "5"),
            (r#"{"isrc": ""}"#, r#""""#),
        ] {
            let start = text.find(value).unwrap();
            let mut bytes = text.as_bytes().to_vec();
            blank_member(&mut bytes, start, start + value.len());
            let blanked = String::from_utf8(bytes).unwrap();
            assert_eq!(blanked.len(), text.len());
            assert_eq!(blanked.lines().count(), text.lines().count());
            let members: HashMap<String, u32> = serde_json::from_str(&blanked).unwrap();
            assert!(!members.contains_key("isrc"), "{blanked}");
        }
    }
}
