//! serde through the string form: a value serialises as its canonical text and deserialises
//! from any spelling [`str::parse`] accepts, validated; a number is refused.

use serde::de::{Deserialize, Deserializer};
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

impl<'de> Deserialize<'de> for Isrc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Isrc, D::Error> {
        ident_core::serde::deserialize(deserializer, "an ISRC as a string")
    }
}

impl<'de> Deserialize<'de> for Prefix {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Prefix, D::Error> {
        ident_core::serde::deserialize(deserializer, "an ISRC prefix as a string")
    }
}
