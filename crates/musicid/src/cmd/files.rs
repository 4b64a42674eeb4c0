//! Release files: their formats, reading them with every syntax error in its place, and
//! writing them back.

use std::path::Path;

use clap::ValueEnum;
use release_model::Release;
use serde::Serialize;

use crate::error::Error;

/// The release file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReleaseFormat {
    /// The JSON release format: one release object or an array of them.
    Json,
    /// One row per track, release columns repeated.
    Csv,
}

impl ReleaseFormat {
    /// The format a file name says (`.json`, `.csv`, any case).
    pub fn of_path(path: &Path) -> Option<ReleaseFormat> {
        let extension = path.extension()?.to_str()?;
        if extension.eq_ignore_ascii_case("json") {
            Some(ReleaseFormat::Json)
        } else if extension.eq_ignore_ascii_case("csv") {
            Some(ReleaseFormat::Csv)
        } else {
            None
        }
    }

    /// The format of a file read: the one given, else the one its name says.
    ///
    /// # Errors
    /// Neither: a usage error.
    pub fn of_input(given: Option<ReleaseFormat>, path: &Path) -> Result<Self, Error> {
        Self::resolve(given, path, "input")
    }

    /// The format of a file written: the one given, else the one its name says; JSON for
    /// stdout (`-`).
    ///
    /// # Errors
    /// Neither: a usage error.
    pub fn of_output(given: Option<ReleaseFormat>, path: &Path) -> Result<Self, Error> {
        if path == Path::new("-") {
            return Ok(given.unwrap_or(ReleaseFormat::Json));
        }
        Self::resolve(given, path, "output")
    }

    fn resolve(given: Option<ReleaseFormat>, path: &Path, role: &str) -> Result<Self, Error> {
        given.or_else(|| ReleaseFormat::of_path(path)).ok_or_else(|| {
            Error::msg(format!(
                "{}: cannot tell the {role} format from the name: use .json or .csv, or --{role}-format",
                path.display()
            ))
        })
    }
}

/// Releases read from one file, and whether the file held a single release object.
pub struct Loaded {
    /// The releases read without error.
    pub releases: Vec<Release>,
    /// The file's syntax and field errors, each rendered with its place.
    pub errors: Vec<SyntaxError>,
    /// Whether a JSON file held one object rather than an array (a CSV: one release).
    pub single: bool,
}

/// A syntax or field error with its place in the file.
#[derive(Debug, Serialize)]
pub struct SyntaxError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The error kind (`json`, `csv`, …) or, for a field, the field's error kind.
    pub kind: &'static str,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{line}:{column}: ", self.file)?,
            (Some(line), None) => write!(f, "{}:{line}: ", self.file)?,
            _ => write!(f, "{}: ", self.file)?,
        }
        f.write_str(&self.message)
    }
}

fn syntax_error(file: &str, error: &release_model::Error) -> SyntaxError {
    match error {
        release_model::Error::Json {
            line,
            column,
            path,
            message,
        } => SyntaxError {
            file: file.to_owned(),
            line: Some(*line as u64),
            column: Some(*column),
            kind: "json",
            message: if path.is_empty() || path == "." {
                message.clone()
            } else {
                format!("{path}: {message}")
            },
        },
        release_model::Error::Csv {
            line,
            column,
            field,
            source,
        } => SyntaxError {
            file: file.to_owned(),
            line: Some(*line),
            column: *column,
            kind: source.kind(),
            message: match field {
                Some(field) => format!("{field}: {source}"),
                None => source.to_string(),
            },
        },
        other => SyntaxError {
            file: file.to_owned(),
            line: other.line(),
            column: None,
            kind: other.kind(),
            message: other.to_string(),
        },
    }
}

/// Reads one release file, keeping its syntax errors beside the releases read.
///
/// # Errors
/// A file that cannot be read; syntax errors are in [`Loaded::errors`].
pub fn load(path: &Path, format: ReleaseFormat) -> Result<Loaded, Error> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::with(file.as_str(), e))?;
    let import = match format {
        ReleaseFormat::Json => release_model::json::from_slice(&bytes),
        ReleaseFormat::Csv => release_model::csv::read(&bytes[..]),
    };
    // JSON keeps its shape; a CSV of one release becomes one JSON object.
    let single = match format {
        ReleaseFormat::Json => bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'{'),
        ReleaseFormat::Csv => import.releases.len() == 1,
    };
    Ok(Loaded {
        errors: import
            .errors
            .iter()
            .map(|e| syntax_error(&file, e))
            .collect(),
        releases: import.releases,
        single,
    })
}

/// Reads one release file for a command that needs it whole.
///
/// # Errors
/// A file that cannot be read; [`Error::Invalid`] for a file with syntax errors, which are
/// reported on stderr.
pub fn load_whole(path: &Path, format: ReleaseFormat) -> Result<Loaded, Error> {
    let loaded = load(path, format)?;
    if loaded.errors.is_empty() {
        return Ok(loaded);
    }
    for error in &loaded.errors {
        eprintln!("{error}");
    }
    eprintln!(
        "musicid: {}: {} errors: nothing was done",
        path.display(),
        loaded.errors.len()
    );
    Err(Error::Invalid)
}

/// Serialises releases in a format: one JSON object when `single`, else an array; a JSON
/// text ends with a newline like the CSV. Fails when the CSV writer refuses a credit.
pub fn render(
    releases: &[Release],
    format: ReleaseFormat,
    single: bool,
) -> Result<String, release_model::Error> {
    let mut text = match (format, releases) {
        (ReleaseFormat::Json, [release]) if single => {
            release_model::json::release_to_string(release)
        }
        (ReleaseFormat::Json, _) => release_model::json::to_string(releases),
        (ReleaseFormat::Csv, _) => return release_model::csv::to_string(releases),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
