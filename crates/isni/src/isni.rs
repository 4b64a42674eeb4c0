//! The `Isni` type.

use core::fmt;

use ident_core::iso7064::mod11_2;
use ident_core::layout::{Element, Layout, Separators};
use ident_core::{CharClass, CheckChars, ParseError};

use crate::Error;

/// An International Standard Name Identifier (ISO 27729): `0000000121032683`.
///
/// Sixteen characters: 15 digits and an ISO 7064 MOD 11-2 check character, `0`–`9` or `X`
/// (the value 10). ORCID iDs are ISNI-format numbers from blocks ISNI reserved for ORCID
/// ([`Isni::is_orcid`]).
///
/// - Parse with [`str::parse`] (lenient: surrounding whitespace, a lower-case `x`, an `ISNI` or
///   `ORCID` label followed by `:` or a space, and one space or `-` between the groups of four:
///   `ISNI 0000 0001 2103 2683`, `0000-0002-1825-0097`) or [`Isni::parse_strict`] (exactly the
///   16 canonical bytes).
/// - Print with [`Display`](core::fmt::Display) (`0000000121032683`, which parses back),
///   [`Isni::grouped`] (`0000 0001 2103 2683`, as ISNI prints it) or [`Isni::hyphenated`]
///   (`0000-0001-2103-2683`, as ORCID prints it).
/// - `Copy`, 16 bytes; ordered as the canonical strings.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Isni([u8; 16]);

const LAYOUT: Layout = Layout::new(
    &[
        Element::class(15, "number", CharClass::Digit),
        Element::class(1, "check character", CharClass::DigitOrX),
    ],
    "an ISNI of 16 characters",
    "16 characters",
)
.separators(b"- ", Separators::Any)
.separated_at(&[4, 8, 12])
.labels(&[b"ISNI", b"ORCID"]);

impl Isni {
    /// The ISNI whose 15 data digits are `number` (below 10¹⁵), with its check character
    /// computed; `None` when `number` is too large.
    ///
    /// ```
    /// assert_eq!(isni::Isni::from_number(12_103_268).unwrap().to_string(), "0000000121032683");
    /// ```
    #[must_use]
    pub const fn from_number(number: u64) -> Option<Isni> {
        if number >= 1_000_000_000_000_000 {
            return None;
        }
        let mut bytes = [b'0'; 16];
        let mut n = number;
        let mut i = 15;
        while i > 0 {
            i -= 1;
            bytes[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        match mod11_2::check_char(bytes.split_at(15).0) {
            Some(check) => {
                bytes[15] = check;
                Some(Isni(bytes))
            }
            None => None,
        }
    }

    /// The strict fast path: exactly the 16 canonical bytes (digits, a capital `X` only as
    /// the check character, no separators, no whitespace, no label). Error positions count
    /// bytes from 1.
    ///
    /// # Errors
    /// A format error when `input` is not 15 digits and a check character,
    /// [`ParseError::CheckCharacters`] when the check character does not match.
    #[inline]
    pub fn parse_strict(input: &[u8]) -> Result<Isni, Error> {
        if let Ok(bytes) = <&[u8; 16]>::try_from(input)
            && mod11_2::is_valid_16(bytes)
        {
            return Ok(Isni(*bytes));
        }
        Err(strict_error(input))
    }

    /// The canonical form as text, `0000000121032683`.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        ident_core::clean::ascii_str(&self.0)
    }

    /// The 16 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 16] {
        self.0
    }

    /// The 15 data digits as a number.
    #[must_use]
    pub const fn number(self) -> u64 {
        let mut n = 0;
        let mut i = 0;
        while i < 15 {
            n = n * 10 + (self.0[i] - b'0') as u64;
            i += 1;
        }
        n
    }

    /// The check character, `0`–`9` or `X`.
    #[must_use]
    pub const fn check_char(self) -> char {
        self.0[15] as char
    }

    /// The layout ISNI prints, four groups of four: `0000 0001 2103 2683`. It parses back;
    /// with `{:#}` it carries the label, `ISNI 0000 0001 2103 2683`.
    ///
    /// ```
    /// let isni: isni::Isni = "0000000121032683".parse()?;
    /// assert_eq!(isni.grouped().to_string(), "0000 0001 2103 2683");
    /// assert_eq!(format!("{:#}", isni.grouped()), "ISNI 0000 0001 2103 2683");
    /// # Ok::<(), isni::Error>(())
    /// ```
    #[must_use]
    pub const fn grouped(self) -> Grouped {
        Grouped(self)
    }

    /// The layout ORCID prints, groups joined by hyphens: `0000-0002-1825-0097`.
    #[must_use]
    pub const fn hyphenated(self) -> Hyphenated {
        Hyphenated(self)
    }

    /// The four groups joined by `separator`.
    const fn groups(self, separator: u8) -> [u8; 19] {
        let c = self.0;
        let s = separator;
        [
            c[0], c[1], c[2], c[3], s, c[4], c[5], c[6], c[7], s, c[8], c[9], c[10], c[11], s,
            c[12], c[13], c[14], c[15],
        ]
    }
}

/// Why canonical-only input was refused; out of line so the fast path stays small.
#[cold]
#[inline(never)]
fn strict_error(input: &[u8]) -> Error {
    if !LAYOUT.is_canonical(input) {
        return LAYOUT.strict_error(input);
    }
    let expected = mod11_2::check_char(&input[..15]).unwrap_or(b'?');
    ParseError::CheckCharacters {
        expected: CheckChars::one(expected),
        found: CheckChars::one(input[15]),
    }
}

ident_core::text_code!(Isni, name: "ISNI", expecting: "an ISNI as a string", layout: LAYOUT);

/// The layout `0000 0001 2103 2683` (with `{:#}`, `ISNI 0000 0001 2103 2683`), made by
/// [`Isni::grouped`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grouped(Isni);

/// The layout `0000-0002-1825-0097`, made by [`Isni::hyphenated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hyphenated(Isni);

impl Grouped {
    /// The code it formats.
    #[must_use]
    pub const fn isni(self) -> Isni {
        self.0
    }
}

impl Hyphenated {
    /// The code it formats.
    #[must_use]
    pub const fn isni(self) -> Isni {
        self.0
    }
}

impl fmt::Display for Grouped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.0.groups(b' ');
        let text = core::str::from_utf8(&bytes).unwrap_or_default();
        if f.alternate() {
            write!(f, "ISNI {text}")
        } else {
            f.pad(text)
        }
    }
}

impl fmt::Display for Hyphenated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.0.groups(b'-');
        f.pad(core::str::from_utf8(&bytes).unwrap_or_default())
    }
}
