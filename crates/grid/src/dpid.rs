//! The `Dpid` type.

use ident_core::CharClass;
use ident_core::layout::{Element, Layout, Separators};

use crate::{Error, Hyphenated, Scheme, canonical_bytes};

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

/// The fixed text and the layout; the rest is shared with the other code type.
const SCHEME: Scheme<7> = Scheme::new(b"PADPIDA", LAYOUT);

impl Dpid {
    /// The DPID of a party number (10 canonical characters, `0`–`9`, `A`–`Z`), with its check
    /// character computed; `None` otherwise.
    ///
    /// ```
    /// assert_eq!(grid::Dpid::new(b"2014122301").unwrap().to_string(), "PADPIDA2014122301Q");
    /// ```
    #[must_use]
    pub const fn new(party_number: &[u8; 10]) -> Option<Dpid> {
        match SCHEME.with_check(party_number) {
            Some(bytes) => Some(Dpid(bytes)),
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
        SCHEME.parse_strict(input).map(Dpid)
    }

    /// The party number, `2014122301`.
    #[must_use]
    pub fn party_number(&self) -> &str {
        &self.as_str()[7..17]
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

canonical_bytes!(Dpid, "PADPIDA2014122301Q");

ident_core::text_code!(Dpid, name: "DPID", expecting: "a DPID as a string", layout: LAYOUT);
