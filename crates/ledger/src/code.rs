//! A code the ledger records: an ISRC or a UPC/EAN.

use core::fmt;
use core::str::FromStr;

use isrc::Isrc;
use upc::Upc;

use crate::Error;

/// An ISRC or a UPC/EAN, as the ledger records it.
///
/// The ledger compares UPCs as products ([`Upc::to_gtin14`]): UPC-A `614141000012` and EAN-13
/// `0614141000012` are one code.
///
/// `FromStr` takes either kind: input whose first character (after spaces) is a digit is a
/// UPC/EAN, anything else an ISRC (an ISRC starts with a two-letter country code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Code {
    /// A recording's ISRC.
    Isrc(Isrc),
    /// A release's UPC/EAN.
    Upc(Upc),
}

/// Which of the two kinds a code or pool is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CodeKind {
    /// ISRC.
    Isrc,
    /// UPC/EAN.
    Upc,
}

impl CodeKind {
    /// `"isrc"` or `"upc"`: the name used in the database and in exports.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Isrc => "isrc",
            Self::Upc => "upc",
        }
    }

    pub(crate) fn from_db(text: &str) -> Option<Self> {
        match text {
            "isrc" => Some(Self::Isrc),
            "upc" => Some(Self::Upc),
            _ => None,
        }
    }
}

impl CodeKind {
    /// The kind of a stored key or code: UPC keys are digits, ISRC keys start with the
    /// letters of a country code. Keys of the two kinds therefore never collide, and all UPC
    /// keys sort before every ISRC key (`key < 'A'`).
    pub(crate) fn of_key(key: &str) -> Self {
        if key.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            Self::Upc
        } else {
            Self::Isrc
        }
    }

    /// The SQL condition on `key` that selects this kind (both databases compare bytewise).
    pub(crate) const fn key_condition(self) -> &'static str {
        match self {
            Self::Isrc => "key >= 'A'",
            Self::Upc => "key < 'A'",
        }
    }
}

impl fmt::Display for CodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Code {
    /// Which kind of code this is.
    #[must_use]
    pub const fn kind(self) -> CodeKind {
        match self {
            Self::Isrc(_) => CodeKind::Isrc,
            Self::Upc(_) => CodeKind::Upc,
        }
    }

    /// The ISRC, if this is one.
    #[must_use]
    pub const fn isrc(self) -> Option<Isrc> {
        match self {
            Self::Isrc(isrc) => Some(isrc),
            Self::Upc(_) => None,
        }
    }

    /// The UPC/EAN, if this is one.
    #[must_use]
    pub const fn upc(self) -> Option<Upc> {
        match self {
            Self::Upc(upc) => Some(upc),
            Self::Isrc(_) => None,
        }
    }

    /// The text the uniqueness constraint is on: the canonical ISRC, or the UPC as GTIN-14.
    pub(crate) fn write_key(self, key: &mut String) {
        use fmt::Write as _;
        key.clear();
        // Writing to a String cannot fail.
        let _ = match self {
            Self::Isrc(isrc) => write!(key, "{isrc}"),
            Self::Upc(upc) => write!(key, "{}", upc.to_gtin14()),
        };
    }

    /// Writes the code as issued into `text` and says whether it must be stored beside the
    /// key: a UPC-A or EAN-13 differs from its GTIN-14 key, an ISRC is its own key.
    pub(crate) fn write_as_issued(self, key: &str, text: &mut String) -> bool {
        use fmt::Write as _;
        let Self::Upc(upc) = self else {
            return false;
        };
        text.clear();
        // Writing to a String cannot fail.
        let _ = write!(text, "{upc}");
        text != key
    }

    pub(crate) fn key(self) -> String {
        let mut key = String::with_capacity(14);
        self.write_key(&mut key);
        key
    }

    /// Reads a code back from the text it was recorded as: a UPC/EAN is all digits, an ISRC
    /// starts with a letter.
    pub(crate) fn from_db(text: &str) -> Result<Self, Error> {
        if CodeKind::of_key(text) == CodeKind::Upc {
            Ok(Self::Upc(Upc::parse_digits(text.as_bytes())?))
        } else {
            Ok(Self::Isrc(Isrc::parse_compact(text.as_bytes())?))
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Isrc(isrc) => fmt::Display::fmt(isrc, f),
            Self::Upc(upc) => fmt::Display::fmt(upc, f),
        }
    }
}

impl FromStr for Code {
    type Err = Error;

    /// # Errors
    /// [`Error::Upc`] for input starting with a digit that is not a valid UPC/EAN,
    /// [`Error::Isrc`] for anything else that is not a valid ISRC.
    fn from_str(input: &str) -> Result<Self, Error> {
        let starts_with_digit = input
            .trim_start()
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_digit);
        if starts_with_digit {
            Ok(Self::Upc(input.parse::<Upc>()?))
        } else {
            Ok(Self::Isrc(input.parse::<Isrc>()?))
        }
    }
}

impl TryFrom<&str> for Code {
    type Error = Error;

    /// # Errors
    /// As [`Code::from_str`](FromStr::from_str).
    fn try_from(input: &str) -> Result<Self, Error> {
        input.parse()
    }
}

impl From<Isrc> for Code {
    fn from(isrc: Isrc) -> Self {
        Self::Isrc(isrc)
    }
}

impl From<Upc> for Code {
    fn from(upc: Upc) -> Self {
        Self::Upc(upc)
    }
}
