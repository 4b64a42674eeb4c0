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

/// Parses one of the credit identifiers leniently (its crate's `FromStr`: case, spaces, the
/// customary separators and label), with the field's text in the error.
fn parse_identifier<T>(code: &'static str, input: &str) -> Result<T, Error>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    input.parse().map_err(|source| Error::Identifier {
        code,
        input: input.to_owned(),
        source: Box::new(source),
    })
}

/// An ISWC, leniently (`T-034.524.680-1`, `ISWC T0345246801`).
pub(crate) fn parse_iswc(input: &str) -> Result<iswc::Iswc, Error> {
    parse_identifier("iswc", input)
}

/// An ISNI, leniently (`0000 0001 2103 2683`, `ISNI 0000000121032683`).
pub(crate) fn parse_isni(input: &str) -> Result<isni::Isni, Error> {
    parse_identifier("isni", input)
}

/// An IPI name number, leniently.
pub(crate) fn parse_ipi(input: &str) -> Result<ipi::NameNumber, Error> {
    parse_identifier("ipi", input)
}

/// A GRid, leniently (`A1-2425G-ABC1234002-M`).
pub(crate) fn parse_grid(input: &str) -> Result<grid::Grid, Error> {
    parse_identifier("grid", input)
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
optional_code!(
    serde_iswc,
    iswc::Iswc,
    super::parse_iswc,
    "an ISWC string like \"T-034.524.680-1\""
);
optional_code!(
    serde_isni,
    isni::Isni,
    super::parse_isni,
    "an ISNI string like \"0000000121032683\""
);
optional_code!(
    serde_ipi,
    ipi::NameNumber,
    super::parse_ipi,
    "an IPI name number string of 11 digits like \"00017798450\""
);
optional_code!(
    serde_grid,
    grid::Grid,
    super::parse_grid,
    "a GRid string like \"A1-2425G-ABC1234002-M\""
);
