//! serde through the string form: a value serialises as its canonical text and deserialises
//! from any spelling [`str::parse`] accepts, validated; a number is refused.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{Isrc, Prefix};

impl Serialize for Isrc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 12];
        serializer.serialize_str(self.encode(&mut buf))
    }
}

impl Serialize for Prefix {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text().as_str())
    }
}

/// Reads a string (borrowed or not, never copied) and parses it.
struct TextVisitor<T> {
    expecting: &'static str,
    target: core::marker::PhantomData<T>,
}

impl<T> TextVisitor<T> {
    const fn new(expecting: &'static str) -> Self {
        TextVisitor {
            expecting,
            target: core::marker::PhantomData,
        }
    }
}

impl<T> Visitor<'_> for TextVisitor<T>
where
    T: core::str::FromStr,
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

impl<'de> Deserialize<'de> for Isrc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Isrc, D::Error> {
        deserializer.deserialize_str(TextVisitor::new("an ISRC as a string"))
    }
}

impl<'de> Deserialize<'de> for Prefix {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Prefix, D::Error> {
        deserializer.deserialize_str(TextVisitor::new("an ISRC prefix as a string"))
    }
}
