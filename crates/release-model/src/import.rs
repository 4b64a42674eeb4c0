//! [`Import`]: what a reader got from a file — the good releases and every problem, each with
//! its place.

use std::fmt;

use serde::Serialize;

use crate::{Catalog, Error, Release, Rule};

/// Something a reader fixed or ignored, and said so.
///
/// As JSON its stable id is `rule`, and also `code`, the name it had before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// Its rule, from [`CSV_RULES`](crate::rules::CSV_RULES) (`rule.id` is the stable id:
    /// `csv.upc_restored`, `csv.unknown_column`).
    pub rule: &'static Rule,
    /// 1-based line.
    pub line: u64,
    /// 1-based column number (CSV: the field's index in the row).
    pub column: Option<usize>,
    /// The column's name.
    pub field: Option<String>,
    /// What happened.
    pub message: String,
}

impl Serialize for ImportWarning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let fields = 4 + usize::from(self.column.is_some()) + usize::from(self.field.is_some());
        let mut out = serializer.serialize_struct("ImportWarning", fields)?;
        out.serialize_field("rule", self.rule.id)?;
        out.serialize_field("code", self.rule.id)?;
        out.serialize_field("line", &self.line)?;
        if let Some(column) = self.column {
            out.serialize_field("column", &column)?;
        }
        if let Some(field) = &self.field {
            out.serialize_field("field", field)?;
        }
        out.serialize_field("message", &self.message)?;
        out.end()
    }
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        if let Some(field) = &self.field {
            write!(f, " ({field})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The result of reading a file: a bad release or row does not stop the rest from being read,
/// so this holds every good release **and** every problem.
///
/// Each error is an [`Error::Json`] or [`Error::Csv`] with its line, column and field (or a
/// top-level [`Error::Io`]). A field that does not read (a code, a date, a duration, …) is
/// left empty and marked in its release's or track's [`Provenance`](crate::Provenance): the
/// release and the row stay, so that validation runs every other rule on them. What does not
/// fit the format at all (a JSON syntax error or unknown field, a CSV row with the wrong
/// number of fields) loses its release or row.
#[derive(Debug, Default)]
#[must_use]
pub struct Import {
    /// The releases read, in file order (with the fields that did not read left empty and
    /// marked).
    pub releases: Vec<Release>,
    /// Every error, in file order.
    pub errors: Vec<Error>,
    /// Every warning, in file order.
    pub warnings: Vec<ImportWarning>,
}

impl Import {
    /// Whether there were no errors (warnings allowed).
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The releases, or the first error when there was one (see [`errors`](Self::errors) for
    /// all of them).
    ///
    /// # Errors
    /// The first import error.
    pub fn into_result(self) -> Result<Vec<Release>, Error> {
        match self.errors.into_iter().next() {
            Some(first) => Err(first),
            None => Ok(self.releases),
        }
    }

    /// The releases as a [`Catalog`], or the first error.
    ///
    /// # Errors
    /// The first import error.
    pub fn into_catalog(self) -> Result<Catalog, Error> {
        self.into_result().map(Catalog::new)
    }
}
