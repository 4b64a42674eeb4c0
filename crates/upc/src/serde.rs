//! serde through the digit string: leading zeros are data, so a number is never written and
//! never read.

use serde::de::{Deserialize, Deserializer};
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

impl<'de> Deserialize<'de> for Upc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Upc, D::Error> {
        ident_core::serde::deserialize(
            deserializer,
            "a UPC/EAN as a string of 8, 12, 13 or 14 digits",
        )
    }
}

impl<'de> Deserialize<'de> for UpcE {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<UpcE, D::Error> {
        ident_core::serde::deserialize(deserializer, "a UPC-E as a string of 6, 7 or 8 digits")
    }
}

impl<'de> Deserialize<'de> for CompanyPrefix {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CompanyPrefix, D::Error> {
        ident_core::serde::deserialize(
            deserializer,
            "a GS1 company prefix as a string of 4 to 12 digits",
        )
    }
}
