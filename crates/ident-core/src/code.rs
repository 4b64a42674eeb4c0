//! The traits every code type and its error implement.

use core::fmt::{Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use crate::ParseError;

/// A validated identifier: parsed leniently by [`FromStr`], printed canonically by [`Display`]
/// (which always parses back), compared in canonical string order, and parsed strictly from
/// canonical bytes by [`Code::parse_strict`].
///
/// Generic tools (the `check` commands, the property [`laws`](crate#features)) are written
/// once against this trait and serve every code type: what they report about a refused input
/// (its kind, its position) comes from [`CodeError`].
pub trait Code:
    Copy
    + Eq
    + Ord
    + Hash
    + Debug
    + Display
    + FromStr<Err = <Self as Code>::Error>
    + Send
    + Sync
    + 'static
{
    /// The crate's error type.
    type Error: CodeError;

    /// What the code is called in messages ("ISRC", "UPC", "ISWC").
    const NAME: &'static str;

    /// The strict fast path: exactly the canonical form, nothing else.
    ///
    /// # Errors
    /// Any input that is not the canonical form of a valid code.
    fn parse_strict(input: &[u8]) -> Result<Self, <Self as Code>::Error>;
}

/// What a tool needs to know about any code crate's error, without knowing the crate: a
/// stable kind for machines, the position it points at, and the shared parse error behind it.
pub trait CodeError: core::error::Error + Clone + Send + Sync + 'static {
    /// A stable, machine-readable name for the kind of error, for JSON output
    /// (the [`ParseError::kind`] of a parse error).
    fn kind(&self) -> &'static str;

    /// The 1-based character position in the caller's input the error points at, if any.
    fn position(&self) -> Option<usize> {
        self.as_parse_error().and_then(ParseError::position)
    }

    /// The shared parse error, when this is one.
    fn as_parse_error(&self) -> Option<&ParseError>;

    /// Whether the input had a valid shape and only its check character(s) were wrong.
    fn is_check_digit(&self) -> bool {
        self.as_parse_error()
            .is_some_and(ParseError::is_check_digit)
    }
}

impl CodeError for ParseError {
    fn kind(&self) -> &'static str {
        ParseError::kind(self)
    }

    fn position(&self) -> Option<usize> {
        ParseError::position(self)
    }

    fn as_parse_error(&self) -> Option<&ParseError> {
        Some(self)
    }
}
