//! The `Grid` type.

use core::str::FromStr;

use ident_core::CharClass;
use ident_core::iso7064::mod37_36;
use ident_core::layout::{Element, Layout, Separators};

use ident_core::clean::ascii_str;

use crate::{Error, Hyphenated, checked, strict_error};

/// A Global Release Identifier: `A12425GABC1234002M`, DDEX's preferred `ReleaseId`.
///
/// Eighteen characters: the scheme `A1`, a 5-character issuer code (issued by IFPI), a
/// 10-character release number and an ISO 7064 MOD 37,36 check character, all `0`–`9` or
/// `A`–`Z`.
///
/// - Parse with [`str::parse`] (lenient: surrounding whitespace, any letter case, a `GRid`
///   label followed by `:` or a space, one `-` or space between the elements:
///   `A1-2425G-ABC1234002-M`) or [`Grid::parse_strict`] (exactly the 18 canonical bytes).
/// - Print with [`Display`](core::fmt::Display) (`A12425GABC1234002M`, as DDEX messages carry
///   it; it parses back) or [`Grid::hyphenated`] (`A1-2425G-ABC1234002-M`, as people print it).
/// - `Copy`, 18 bytes; ordered as the canonical strings.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grid([u8; 18]);

const LAYOUT: Layout = Layout::new(
    &[
        Element::literal(b"A1", "scheme", "'A1'"),
        Element::class(5, "issuer code", CharClass::Alphanumeric),
        Element::class(10, "release number", CharClass::Alphanumeric),
        Element::class(1, "check character", CharClass::Alphanumeric),
    ],
    "a GRid of 18 characters",
    "18 characters",
)
.separators(b"- ", Separators::Any)
.labels(&[b"GRID"]);

/// The MOD 37,36 state after the scheme `A1`, where every GRid's check starts.
const AFTER_SCHEME: u8 = match mod37_36::state_after(b"A1") {
    Some(state) => state,
    None => panic!("A1 is in the alphabet"),
};

impl Grid {
    /// The GRid of an issuer code (5 characters) and release number (10 characters), both
    /// canonical (`0`–`9`, `A`–`Z`), with its check character computed; `None` otherwise.
    ///
    /// ```
    /// let grid = grid::Grid::new(b"2425G", b"ABC1234002").unwrap();
    /// assert_eq!(grid.to_string(), "A12425GABC1234002M");
    /// ```
    #[must_use]
    pub const fn new(issuer_code: &[u8; 5], release_number: &[u8; 10]) -> Option<Grid> {
        let mut bytes = [b'A'; 18];
        bytes[1] = b'1';
        let mut i = 0;
        while i < 15 {
            bytes[2 + i] = if i < 5 {
                issuer_code[i]
            } else {
                release_number[i - 5]
            };
            i += 1;
        }
        let (body, _) = bytes.split_at(17);
        match mod37_36::check_char(body) {
            Some(check) => {
                bytes[17] = check;
                Some(Grid(bytes))
            }
            None => None,
        }
    }

    /// The strict fast path: exactly the 18 canonical bytes (upper case, no separators, no
    /// whitespace, no label). Error positions count bytes from 1.
    ///
    /// # Errors
    /// A format error when `input` is not `A1` and 16 characters `0`–`9`/`A`–`Z`,
    /// [`ParseError::CheckCharacters`](ident_core::ParseError::CheckCharacters) when the
    /// check character does not match.
    #[inline]
    pub fn parse_strict(input: &[u8]) -> Result<Grid, Error> {
        match checked(input, b"A1", AFTER_SCHEME) {
            Some(bytes) => Ok(Grid(bytes)),
            None => Err(strict_error(&LAYOUT, input)),
        }
    }

    /// The canonical form as text, `A12425GABC1234002M`.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    /// The 18 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 18] {
        self.0
    }

    /// The issuer code, `2425G`.
    #[must_use]
    pub fn issuer_code(&self) -> &str {
        &self.as_str()[2..7]
    }

    /// The release number, `ABC1234002`.
    #[must_use]
    pub fn release_number(&self) -> &str {
        &self.as_str()[7..17]
    }

    /// The check character.
    #[must_use]
    pub const fn check_char(self) -> char {
        self.0[17] as char
    }

    /// The printed layout, `A1-2425G-ABC1234002-M`; it parses back.
    ///
    /// ```
    /// let grid: grid::Grid = "GRid: a12425gabc1234002m".parse()?;
    /// assert_eq!(grid.hyphenated().to_string(), "A1-2425G-ABC1234002-M");
    /// # Ok::<(), grid::Error>(())
    /// ```
    #[must_use]
    pub const fn hyphenated(self) -> Hyphenated {
        Hyphenated::new(self.0)
    }
}

impl FromStr for Grid {
    type Err = Error;

    /// Parses the lenient spellings (see [`Grid`]).
    ///
    /// # Errors
    /// What is wrong and where, counting characters of `s` from 1: an empty input, a wrong
    /// length, a character its element does not allow, a misplaced separator, text after the
    /// code; or a check error.
    #[inline]
    fn from_str(s: &str) -> Result<Grid, Error> {
        LAYOUT.parse::<_, _, 18>(s, Grid::parse_strict)
    }
}

ident_core::text_code!(Grid, name: "GRid", expecting: "a GRid as a string");
