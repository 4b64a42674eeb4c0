//! serde through the string form, once for every code type: a value serialises as its
//! canonical text and deserialises from any spelling its [`FromStr`] accepts, validated; a
//! number (or anything else that is not a string) is refused, since leading zeros are data.
//!
//! ```
//! # #[derive(Debug, PartialEq)]
//! # struct Code(u8);
//! # impl core::str::FromStr for Code {
//! #     type Err = ident_core::ParseError;
//! #     fn from_str(s: &str) -> Result<Code, Self::Err> {
//! #         s.parse().map(Code).map_err(|_| ident_core::ParseError::Empty { expected: "a code" })
//! #     }
//! # }
//! impl<'de> serde::Deserialize<'de> for Code {
//!     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
//!         ident_core::serde::deserialize(d, "a code as a string")
//!     }
//! }
//! ```

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserializer, Visitor};

/// Deserialises a `T` from a string (borrowed or not, never copied) through its `FromStr`;
/// `expecting` says what was wanted ("an ISWC as a string") when something else arrives.
///
/// # Errors
/// The deserialiser's error carrying `T`'s parse error, or saying a string was expected.
pub fn deserialize<'de, T, D>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    T: FromStr,
    T::Err: fmt::Display,
    D: Deserializer<'de>,
{
    deserializer.deserialize_str(TextVisitor {
        expecting,
        target: PhantomData,
    })
}

/// Reads a string and parses it.
struct TextVisitor<T> {
    expecting: &'static str,
    target: PhantomData<T>,
}

impl<T> Visitor<'_> for TextVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<T, E> {
        let text = core::str::from_utf8(bytes)
            .map_err(|_| E::invalid_value(de::Unexpected::Bytes(bytes), &self))?;
        self.visit_str(text)
    }
}
