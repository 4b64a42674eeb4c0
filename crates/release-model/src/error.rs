//! The one error type of the crate.

use crate::plural::Plural;
use crate::report::{Finding, Location};

/// Everything that can go wrong in `release-model`.
///
/// Field values that do not parse ([`Error::Isrc`], [`Error::Upc`], [`Error::Date`],
/// [`Error::Duration`], [`Error::Value`]) are wrapped with their place in the file by the
/// readers: [`Error::Json`] carries the line, column and path from `serde_json`,
/// [`Error::Csv`] the line, the column number and the column's name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An ISRC that does not parse.
    #[error("invalid isrc {input:?}: {source}")]
    Isrc {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        source: isrc::Error,
    },
    /// A UPC that does not parse.
    #[error("invalid upc {input:?}: {source}")]
    Upc {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        source: upc::Error,
    },
    /// An ISWC, ISNI, IPI name number or GRid that does not parse.
    #[error("invalid {code} {input:?}: {source}")]
    Identifier {
        /// `"iswc"`, `"isni"`, `"ipi"` or `"grid"`.
        code: &'static str,
        /// The text as given.
        input: String,
        /// What is wrong with it (the identifier crate's error).
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or names no real day.
    #[error("invalid date {input:?}: {reason}")]
    Date {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A duration in none of the accepted forms (ISO 8601, `m:ss`, `h:mm:ss`, whole seconds).
    #[error("invalid duration {input:?}: {reason}")]
    Duration {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Any other field value that does not parse (a release type, a flag, a number).
    #[error("invalid {field} {input:?}: expected {expected}")]
    Value {
        /// The field ("release_type", "explicit", "disc").
        field: &'static str,
        /// The text as given.
        input: String,
        /// What the field accepts.
        expected: &'static str,
    },
    /// A JSON document that is not a release or an array of releases.
    #[error("line {line}, column {column}{}: {message}", path_suffix(path))]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// Where in the document, e.g. `[3].tracks[1].isrc` (empty at the top level).
        path: String,
        /// What is wrong there.
        message: String,
    },
    /// A CSV row (or the header) with a problem.
    #[error("line {line}{}: {source}", csv_place(*column, field.as_deref()))]
    Csv {
        /// 1-based line where the record starts.
        line: u64,
        /// 1-based column number (the field's index in the row), when one field is at fault.
        column: Option<usize>,
        /// The column's name, when one field is at fault.
        field: Option<String>,
        /// What is wrong.
        source: Box<Error>,
    },
    /// A problem that no line, field or source names: the structure of a CSV file (inside
    /// [`Error::Csv`]), a JSON or CSV writer refusing a value, fixture generation. Its
    /// [`kind`](Error::kind) in JSON output is `format`, as it was when this variant was
    /// called `Format`.
    #[error("{0}")]
    Other(String),
    /// Reading or writing failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// [`Release::assign`](crate::Release::assign) found errors that make assigning codes
    /// meaningless (the codes would go to tracks whose order or identity is not settled).
    #[error("{}", refusal(findings))]
    AssignRefused {
        /// The blocking findings.
        findings: Vec<Finding>,
    },
    /// [`Release::assign`](crate::Release::assign) found a code that its reader could not
    /// read: it is wrong rather than missing, and a new code would name the same recording or
    /// product twice.
    #[error(
        "refusing to assign codes: the {code} at {location} did not read from its file: correct it first"
    )]
    UnreadableCode {
        /// `"upc"` or `"isrc"`.
        code: &'static str,
        /// Where (the release is numbered 1 as a lone release).
        location: Location,
    },
    /// The ISRC allocator could not issue (an exhausted range).
    #[error("cannot issue isrcs: {0}")]
    IsrcIssue(isrc::Error),
    /// The UPC allocator could not issue (an exhausted company prefix).
    #[error("cannot issue a upc: {0}")]
    UpcIssue(upc::Error),
    /// A [`CodeSource`](crate::CodeSource) gave fewer codes than it was asked for.
    #[error("code source returned {found} isrcs, expected {expected}")]
    ShortIssue {
        /// How many were asked for.
        expected: usize,
        /// How many came back.
        found: usize,
    },
    /// A code source outside this crate (a durable ledger) failed.
    #[error("code source failed: {0}")]
    CodeSource(Box<dyn std::error::Error + Send + Sync + 'static>),
}

fn path_suffix(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!(" ({path})")
    }
}

fn csv_place(column: Option<usize>, field: Option<&str>) -> String {
    match (column, field) {
        (Some(c), Some(f)) => format!(", column {c} ({f})"),
        (Some(c), None) => format!(", column {c}"),
        (None, Some(f)) => format!(" ({f})"),
        (None, None) => String::new(),
    }
}

fn refusal(findings: &[Finding]) -> String {
    let mut text = format!(
        "refusing to assign codes: {} must be fixed first",
        Plural(findings.len(), "error")
    );
    if let Some(first) = findings.first() {
        text.push_str(&format!(
            " (first: {} at {}: {})",
            first.rule, first.location, first.message
        ));
    }
    text
}

impl Error {
    /// A stable, machine-readable name for the kind of error, for JSON output.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Isrc { .. } => "isrc",
            Error::Upc { .. } => "upc",
            Error::Identifier { code, .. } => code,
            Error::Date { .. } => "date",
            Error::Duration { .. } => "duration",
            Error::Value { .. } => "value",
            Error::Json { .. } => "json",
            Error::Csv { .. } => "csv",
            Error::Other(_) => "format",
            Error::Io(_) => "io",
            Error::AssignRefused { .. } => "assign_refused",
            Error::UnreadableCode { .. } => "unreadable_code",
            Error::IsrcIssue(_) => "isrc_issue",
            Error::UpcIssue(_) => "upc_issue",
            Error::ShortIssue { .. } => "short_issue",
            Error::CodeSource(_) => "code_source",
        }
    }

    /// The line the error points at, for errors from a reader.
    #[must_use]
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::Json { line, .. } => Some(*line as u64),
            Error::Csv { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The innermost error: for [`Error::Csv`] the field's own error, else `self`.
    #[must_use]
    pub fn cause(&self) -> &Error {
        match self {
            Error::Csv { source, .. } => source.cause(),
            other => other,
        }
    }
}
