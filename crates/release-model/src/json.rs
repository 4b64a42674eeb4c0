//! The JSON release format: one release object, or an array of them.
//!
//! Reading an array parses each release on its own, so one bad release is reported (with its
//! line, column and path, e.g. `[3].tracks[1].isrc`) and the others are still read.

use std::io::{Read, Write};

use serde_json::value::RawValue;

use crate::{Catalog, Error, Import, Release};

/// Reads a release or an array of releases.
///
/// ```
/// let import = release_model::json::from_str(r#"[
///   {"title": "A", "artist": "X", "tracks": [{"number": 1, "title": "A", "duration": "3:00"}]},
///   {"title": "B", "artist": "X", "tracks": [{"number": 1, "isrc": "QZAQQ26X0001"}]}
/// ]"#);
/// assert_eq!(import.releases.len(), 1);
/// assert_eq!(
///     import.errors[0].to_string(),
///     "line 3, column 79 ([1].tracks[0].isrc): invalid isrc \"QZAQQ26X0001\": \
///      invalid character 'X' at position 8 in the designation code: expected a digit 0-9"
/// );
/// Ok::<(), release_model::Error>(())
/// ```
pub fn from_str(input: &str) -> Import {
    let (input, start) = document(input);
    let mut import = Import::default();
    match input.as_bytes().get(start) {
        Some(b'[') => {}
        Some(b'{') => {
            match release_at(input, input, 0) {
                Ok(release) => import.releases.push(release),
                Err(e) => import.errors.push(e),
            }
            return import;
        }
        _ => {
            import.errors.push(document_error(
                input,
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
        match release_at(input, raw.get(), index + 1) {
            Ok(release) => import.releases.push(release),
            Err(e) => import.errors.push(e),
        }
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

/// An error about the document as a whole, at byte `offset` of `input`.
fn document_error(input: &str, offset: usize, message: &str) -> Error {
    let (line, column) = line_column(input, offset);
    Error::Json {
        line,
        column,
        path: String::new(),
        message: message.to_owned(),
    }
}

/// Parses one release whose text is `text`, a slice of `input`; `element` is the 1-based array
/// index (0 for a lone object), used in the error path.
fn release_at(input: &str, text: &str, element: usize) -> Result<Release, Error> {
    if let Ok(release) = serde_json::from_str::<Release>(text) {
        return Ok(release);
    }
    // The slow path runs only for a bad release: again, tracking the path for the message.
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    let error = match serde_path_to_error::deserialize::<_, Release>(deserializer) {
        Ok(release) => return Ok(release),
        Err(error) => error,
    };
    let inner = error.path().to_string();
    let inner = if inner == "." { String::new() } else { inner };
    let path = match (element, inner.is_empty()) {
        (0, _) => inner,
        (n, true) => format!("[{}]", n - 1),
        (n, false) if inner.starts_with('[') => format!("[{}]{inner}", n - 1),
        (n, false) => format!("[{}].{inner}", n - 1),
    };
    // `text` is a slice of `input`: its offset is the distance between the two pointers.
    let offset = (text.as_ptr() as usize).saturating_sub(input.as_ptr() as usize);
    Err(json_error(error.inner(), line_column(input, offset), path))
}

/// 1-based line and column (in bytes, like serde_json's) of byte `offset` in `input`.
fn line_column(input: &str, offset: usize) -> (usize, usize) {
    let before = &input.as_bytes()[..offset.min(input.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset - line_start + 1)
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
                    prefix,
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
        None => Error::Format(e.to_string()),
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
        if input.as_bytes().get(start) != Some(&b'{') {
            return Err(document_error(input, start, "expected a release object"));
        }
        release_at(input, input, 0)
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
