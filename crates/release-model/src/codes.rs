//! Parsing the code fields (with the field's text in the error) and the serde adapters for
//! `Option<Isrc>` / `Option<Upc>`, through the string form.

use isrc::Isrc;
use upc::Upc;

use crate::Error;

/// Parses an ISRC the way every reader of this crate does: leniently (case, `ISRC ` label,
/// separators), with the field's text in the error. `Isrc::from_str` tries the strict 12-byte
/// form first itself, so a canonical code costs no more here.
pub(crate) fn parse_isrc(input: &str) -> Result<Isrc, Error> {
    input.parse().map_err(|source| Error::Isrc {
        input: input.to_owned(),
        source,
    })
}

/// Parses a UPC/EAN/GTIN from its digits (spaces or hyphens allowed between digits), with the
/// field's text in the error. `Upc::from_str` tries the strict digits first itself.
pub(crate) fn parse_upc(input: &str) -> Result<Upc, Error> {
    input.parse().map_err(|source| Error::Upc {
        input: input.to_owned(),
        source,
    })
}

macro_rules! optional_code {
    ($module:ident, $ty:ty, $parse:path, $expecting:literal) => {
        pub(crate) mod $module {
            use std::fmt;

            use serde::de::{self, Visitor};
            use serde::{Deserializer, Serializer};

            pub(crate) fn serialize<S: Serializer>(
                value: &Option<$ty>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match value {
                    Some(code) => serializer.collect_str(code),
                    None => serializer.serialize_none(),
                }
            }

            pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<$ty>, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Option<$ty>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                        $parse(v).map(Some).map_err(E::custom)
                    }
                    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                        Ok(None)
                    }
                    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                        Ok(None)
                    }
                    fn visit_some<D: Deserializer<'de>>(
                        self,
                        d: D,
                    ) -> Result<Self::Value, D::Error> {
                        d.deserialize_str(V)
                    }
                }
                deserializer.deserialize_option(V)
            }
        }
    };
}

optional_code!(
    serde_isrc,
    isrc::Isrc,
    super::parse_isrc,
    "an ISRC string like \"QZAQQ2600001\""
);
optional_code!(
    serde_upc,
    upc::Upc,
    super::parse_upc,
    "a UPC/EAN string of digits like \"0614141000012\" (leading zeros are data)"
);
