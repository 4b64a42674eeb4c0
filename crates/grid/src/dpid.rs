//! The `Dpid` type.

use core::str::FromStr;

use ident_core::CharClass;
use ident_core::iso7064::mod37_36;
use ident_core::layout::{Element, Layout, Separators};

use ident_core::clean::ascii_str;

use crate::{Error, Hyphenated, checked, strict_error};

/// A DDEX Party Identifier: `PADPIDA2014122301Q`, the sender and recipient of every DDEX
/// message.
///
/// Eighteen characters: the scheme `PA`, the identifier type `DPIDA`, a 10-character party
/// number (`0`–`9`, `A`–`Z`; most are a date and a serial) and a check character.
///
/// DDEX's pages do not name the check algorithm; every real DPID in DDEX's samples and in
/// public delivery code validates under ISO 7064 MOD 37,36, the GRid's system, and so does
/// DDEX's own example `PA-DPIDA-3897722461-G` (`../shared/reference/identifiers.md` §5).
/// DDEX's schema checks only `PADPIDA[a-zA-Z0-9]+`.
///
/// - Parse with [`str::parse`] (lenient: surrounding whitespace, any letter case, a `DPID`
///   label followed by `:` or a space, one `-` or space between the elements:
///   `PA-DPIDA-2014122301-Q`) or [`Dpid::parse_strict`] (exactly the 18 canonical bytes).
/// - Print with [`Display`](core::fmt::Display) (`PADPIDA2014122301Q`, as messages carry it;
///   it parses back) or [`Dpid::hyphenated`] (`PA-DPIDA-2014122301-Q`).
/// - `Copy`, 18 bytes; ordered as the canonical strings.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dpid([u8; 18]);

const LAYOUT: Layout = Layout::new(
    &[
        Element::literal(b"PA", "scheme", "'PA'"),
        Element::literal(b"DPIDA", "identifier type", "'DPIDA'"),
        Element::class(10, "party number", CharClass::Alphanumeric),
        Element::class(1, "check character", CharClass::Alphanumeric),
    ],
    "a DPID of 18 characters",
    "18 characters",
)
.separators(b"- ", Separators::Any)
.labels(&[b"DPID"]);

/// The MOD 37,36 state after `PADPIDA`, where every DPID's check starts.
const AFTER_PREFIX: u8 = match mod37_36::state_after(b"PADPIDA") {
    Some(state) => state,
    None => panic!("PADPIDA is in the alphabet"),
};

impl Dpid {
    /// The DPID of a party number (10 canonical characters, `0`–`9`, `A`–`Z`), with its check
    /// character computed; `None` otherwise.
    ///
    /// ```
    /// assert_eq!(grid::Dpid::new(b"2014122301").unwrap().to_string(), "PADPIDA2014122301Q");
    /// ```
    #[must_use]
    pub const fn new(party_number: &[u8; 10]) -> Option<Dpid> {
        let mut bytes = *b"PADPIDA0000000000?";
        let mut i = 0;
        while i < 10 {
            bytes[7 + i] = party_number[i];
            i += 1;
        }
        match mod37_36::check_value_from(AFTER_PREFIX, party_number) {
            Some(v) => {
                bytes[17] = if v < 10 { b'0' + v } else { b'A' + v - 10 };
                Some(Dpid(bytes))
            }
            None => None,
        }
    }

    /// The strict fast path: exactly the 18 canonical bytes. Error positions count bytes
    /// from 1.
    ///
    /// # Errors
    /// A format error when `input` is not `PADPIDA` and 11 characters `0`–`9`/`A`–`Z`,
    /// [`ParseError::CheckCharacters`](ident_core::ParseError::CheckCharacters) when the
    /// check character does not match.
    #[inline]
    pub fn parse_strict(input: &[u8]) -> Result<Dpid, Error> {
        match checked(input, b"PADPIDA", AFTER_PREFIX) {
            Some(bytes) => Ok(Dpid(bytes)),
            None => Err(strict_error(&LAYOUT, input)),
        }
    }

    /// The canonical form as text, `PADPIDA2014122301Q`.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    /// The 18 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 18] {
        self.0
    }

    /// The party number, `2014122301`.
    #[must_use]
    pub fn party_number(&self) -> &str {
        &self.as_str()[7..17]
    }

    /// The check character.
    #[must_use]
    pub const fn check_char(self) -> char {
        self.0[17] as char
    }

    /// The human-readable layout, `PA-DPIDA-2014122301-Q`; it parses back.
    ///
    /// ```
    /// let dpid: grid::Dpid = "padpida2014122301q".parse()?;
    /// assert_eq!(dpid.hyphenated().to_string(), "PA-DPIDA-2014122301-Q");
    /// # Ok::<(), grid::Error>(())
    /// ```
    #[must_use]
    pub const fn hyphenated(self) -> Hyphenated {
        Hyphenated::new(self.0)
    }
}

impl FromStr for Dpid {
    type Err = Error;

    /// Parses the lenient spellings (see [`Dpid`]).
    ///
    /// # Errors
    /// What is wrong and where, counting characters of `s` from 1: an empty input, a wrong
    /// length, a character its element does not allow, a misplaced separator, text after the
    /// code; or a check error.
    #[inline]
    fn from_str(s: &str) -> Result<Dpid, Error> {
        LAYOUT.parse::<_, _, 18>(s, Dpid::parse_strict)
    }
}

ident_core::text_code!(Dpid, name: "DPID", expecting: "a DPID as a string");
