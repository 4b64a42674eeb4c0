//! The `Grid` type.

use ident_core::CharClass;
use ident_core::layout::{Element, Layout, Separators};

use crate::{Error, Hyphenated, Scheme, canonical_bytes};

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

/// The fixed text and the layout; the rest is shared with the other code type.
const SCHEME: Scheme<2> = Scheme::new(b"A1", LAYOUT);

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
        let mut body = [0u8; 15];
        let mut i = 0;
        while i < 15 {
            body[i] = if i < 5 {
                issuer_code[i]
            } else {
                release_number[i - 5]
            };
            i += 1;
        }
        match SCHEME.with_check(&body) {
            Some(bytes) => Some(Grid(bytes)),
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
        SCHEME.parse_strict(input).map(Grid)
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

canonical_bytes!(Grid, "A12425GABC1234002M");

ident_core::text_code!(Grid, name: "GRid", expecting: "a GRid as a string", layout: LAYOUT);
