//! serde through the digit string: leading zeros are data, so a number is never written and
//! never read.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{CompanyPrefix, Upc, UpcE};

impl Serialize for Upc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.digits().as_str())
    }
}

impl Serialize for UpcE {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.digits().as_str())
    }
}

impl Serialize for CompanyPrefix {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.digits().as_str())
    }
}

/// Reads a string with the type's `FromStr`; anything else (a number above all) is refused.
struct StrVisitor<T>(PhantomData<T>, &'static str);

impl<T> Visitor<'_> for StrVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        value.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Upc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Upc, D::Error> {
        deserializer.deserialize_str(StrVisitor(
            PhantomData,
            "a UPC/EAN as a string of 8, 12, 13 or 14 digits",
        ))
    }
}

impl<'de> Deserialize<'de> for UpcE {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<UpcE, D::Error> {
        deserializer.deserialize_str(StrVisitor(
            PhantomData,
            "a UPC-E as a string of 6, 7 or 8 digits",
        ))
    }
}

impl<'de> Deserialize<'de> for CompanyPrefix {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CompanyPrefix, D::Error> {
        deserializer.deserialize_str(StrVisitor(
            PhantomData,
            "a GS1 company prefix as a string of 4 to 12 digits",
        ))
    }
}
