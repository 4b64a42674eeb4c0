//! The crate's one error type.

use ident_core::ParseError;

use crate::{Isrc, Prefix};

/// Why an ISRC could not be parsed, built or issued.
///
/// Parsing errors are the shared [`ParseError`] vocabulary (with 1-based positions in the
/// caller's original input); the other variants come from construction and allocation.
/// Messages are lower case without a trailing period, ready to follow `FILE:LINE: INPUT: `.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not an ISRC (or prefix): wrong length, a character its element does not
    /// allow, a misplaced separator, trailing text, or nothing at all.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A year of reference above 99 (it is the last two digits of a year).
    #[error("invalid year of reference {found}: expected 0-99, the last two digits of the year")]
    InvalidYear {
        /// The year given.
        found: u8,
    },
    /// A designation code above 99999.
    #[error("invalid designation code {found}: expected 0-99999")]
    InvalidDesignation {
        /// The designation given.
        found: u32,
    },
    /// A designation range that is empty or reaches past 99999.
    #[error(
        "invalid designation range {start}..={end}: expected a non-empty range within 0..=99999"
    )]
    InvalidRange {
        /// The first designation of the range given.
        start: u32,
        /// The last designation of the range given.
        end: u32,
    },
    /// A request for no codes at all.
    #[error("invalid count 0: expected at least 1 code")]
    InvalidCount,
    /// The allocator's designation range has fewer codes left than were asked for. Nothing
    /// was issued: a further prefix or range from the agency is the way on (ISO 3901:2019
    /// §5.3), never the next year's codes.
    #[error(
        "designation range exhausted: requested {requested} under {prefix} for year of reference {year_of_reference:02}, {remaining} left up to {end:05}"
    )]
    Exhausted {
        /// The allocator's prefix.
        prefix: Prefix,
        /// The allocator's year of reference.
        year_of_reference: u8,
        /// The last designation of the allocator's range.
        end: u32,
        /// How many codes were asked for.
        requested: u32,
        /// How many codes are left.
        remaining: u32,
    },
    /// A code from another prefix or year than the allocator's or range's.
    #[error(
        "code {code} does not belong to prefix {prefix} and year of reference {year_of_reference:02}"
    )]
    ForeignCode {
        /// The code given.
        code: Isrc,
        /// The prefix expected.
        prefix: Prefix,
        /// The year of reference expected.
        year_of_reference: u8,
    },
    /// A code whose designation lies outside the allocator's range.
    #[error("code {code} is outside the designation range {start:05}..={end:05}")]
    OutsideRange {
        /// The code given.
        code: Isrc,
        /// The first designation of the range.
        start: u32,
        /// The last designation of the range.
        end: u32,
    },
}

impl Error {
    /// A stable, machine-readable name for the kind of error, for JSON output: the
    /// [`ParseError::kind`] of a parse error (`"length"`, `"character"`, …), otherwise
    /// `"year"`, `"designation"`, `"range"`, `"count"`, `"exhausted"`, `"foreign_code"` or
    /// `"outside_range"`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Error::Parse(e) => e.kind(),
            Error::InvalidYear { .. } => "year",
            Error::InvalidDesignation { .. } => "designation",
            Error::InvalidRange { .. } => "range",
            Error::InvalidCount => "count",
            Error::Exhausted { .. } => "exhausted",
            Error::ForeignCode { .. } => "foreign_code",
            Error::OutsideRange { .. } => "outside_range",
        }
    }

    /// The 1-based character position in the input that a parse error points at.
    #[must_use]
    pub const fn position(&self) -> Option<usize> {
        match self {
            Error::Parse(e) => e.position(),
            _ => None,
        }
    }

    /// The parse error, when this is one.
    #[must_use]
    pub const fn as_parse_error(&self) -> Option<&ParseError> {
        match self {
            Error::Parse(e) => Some(e),
            _ => None,
        }
    }
}

impl ident_core::CodeError for Error {
    fn kind(&self) -> &'static str {
        Error::kind(self)
    }

    fn position(&self) -> Option<usize> {
        Error::position(self)
    }

    fn as_parse_error(&self) -> Option<&ParseError> {
        Error::as_parse_error(self)
    }
}
