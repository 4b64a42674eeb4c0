//! The trait both code types implement.

use core::fmt::{Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use crate::ParseError;

/// A validated identifier: parsed leniently by [`FromStr`], printed canonically by [`Display`]
/// (which always parses back), compared in canonical string order, and parsed strictly from
/// canonical bytes by [`Code::parse_strict`].
///
/// Generic tools (the `check` commands, the property [`laws`](crate#features)) are written
/// once against this trait and serve every code type.
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
    /// The crate's error type; parsing errors convert to the shared vocabulary.
    type Error: core::error::Error + Clone + Send + Sync + 'static;

    /// What the code is called in messages ("ISRC", "UPC").
    const NAME: &'static str;

    /// The strict fast path: exactly the canonical form, nothing else.
    ///
    /// # Errors
    /// Any input that is not the canonical form of a valid code.
    fn parse_strict(input: &[u8]) -> Result<Self, <Self as Code>::Error>;

    /// The shared parse error behind a crate error, when it is one.
    fn parse_error(error: &<Self as Code>::Error) -> Option<&ParseError>;
}
