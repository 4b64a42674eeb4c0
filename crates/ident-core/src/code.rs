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

/// The impls every code type stored as its canonical ASCII text shares, for a type with
/// `fn as_str(&self) -> &str` (the canonical form), `fn parse_strict(&[u8]) -> Result<Self,
/// Error>` and a `FromStr` with the same error: `Display` (the canonical form, padded),
/// a short `Debug` (`Iswc("T0345246801")`), `TryFrom<&str>` through `FromStr`, [`Code`],
/// and behind the calling crate's `serde` feature `Serialize` (the canonical string) and
/// `Deserialize` (through `FromStr`, by [`serde::deserialize`](crate::serde::deserialize)).
///
/// With `layout: LAYOUT` (the type's [`Layout`](crate::layout::Layout), whose length is the
/// code's) it also implements `FromStr` for a type whose error is [`ParseError`]: the strict
/// parser first, the layout's lenient reading when that fails (see
/// [`Layout::parse`](crate::layout::Layout::parse)).
///
/// ```text
/// ident_core::text_code!(Iswc, name: "ISWC", expecting: "an ISWC as a string", layout: LAYOUT);
/// ```
#[macro_export]
macro_rules! text_code {
    ($ty:ident, name: $name:literal, expecting: $expecting:literal, layout: $layout:path) => {
        impl ::core::str::FromStr for $ty {
            type Err = $crate::ParseError;

            /// Parses the lenient spellings the type's documentation lists; the canonical form
            /// takes the strict parser's fast path.
            ///
            /// # Errors
            /// What is wrong and where, counting characters of `s` from 1: an empty input, a
            /// wrong length, a character its element does not allow, a misplaced separator,
            /// text after the code; or a check error (`CheckDigit`, `CheckCharacters`).
            #[inline]
            fn from_str(s: &str) -> ::core::result::Result<$ty, $crate::ParseError> {
                $layout.parse::<_, _, { $layout.len() }>(s, $ty::parse_strict)
            }
        }

        $crate::text_code!($ty, name: $name, expecting: $expecting);
    };
    ($ty:ident, name: $name:literal, expecting: $expecting:literal) => {
        impl ::core::fmt::Display for $ty {
            /// The compact canonical form, which parses back.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::core::stringify!($ty))
                    .field(&self.as_str())
                    .finish()
            }
        }

        impl ::core::convert::TryFrom<&str> for $ty {
            type Error = <$ty as ::core::str::FromStr>::Err;

            /// The same as [`str::parse`].
            fn try_from(s: &str) -> ::core::result::Result<$ty, Self::Error> {
                s.parse()
            }
        }

        impl $crate::Code for $ty {
            type Error = <$ty as ::core::str::FromStr>::Err;

            const NAME: &'static str = $name;

            #[inline]
            fn parse_strict(input: &[u8]) -> ::core::result::Result<$ty, Self::Error> {
                $ty::parse_strict(input)
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<$ty, D::Error> {
                $crate::serde::deserialize(deserializer, $expecting)
            }
        }
    };
}
