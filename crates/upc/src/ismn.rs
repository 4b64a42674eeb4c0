//! [`Ismn`], the International Standard Music Number (ISO 10957) of printed music, and its
//! printed layouts.

use core::fmt;
use core::str::FromStr;

use ident_core::layout::{Element, Layout, Separators};
use ident_core::padded::Padded;
use ident_core::{CharClass, ParseError, gs1};

use crate::parse::digit_words;
use crate::{Error, Kind, Upc};

/// An International Standard Music Number (ISO 10957): `9790345246805`, a piece of printed
/// music (a score, a part, a songbook).
///
/// Since 2008 an ISMN is a 13-digit EAN under the prefix `979-0`: publisher element, item
/// element and the GS1 check digit. The older 10-character form `M-2306-7118-7` is the same
/// number: `M` counts 3 at weight 3, exactly what `9790` adds at GS1's weights, so the check
/// digit is unchanged and converting is replacing `M` with `979-0`.
///
/// - Parse with [`str::parse`] (lenient: surrounding whitespace, an `ISMN` label followed by
///   `:` or a space, a `-` or space between any two characters, and the old `M` form in any
///   case) or [`Ismn::parse_strict`] (exactly the 13 digits).
/// - Print with [`Display`](core::fmt::Display) (`9790345246805`, which parses back),
///   [`Ismn::hyphenated`] (`979-0-3452-4680-5`, with `{:#}` the labelled
///   `ISMN 979-0-3452-4680-5`) or [`Ismn::legacy`] (`M-3452-4680-5`).
/// - `Copy`, 16 bytes (the 13 and zeros, see [`Padded`]); ordered as the canonical strings. [`Ismn::to_upc`] gives the EAN-13.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ismn(Padded<13, 16>);

const LAYOUT: Layout = Layout::new(
    &[
        Element::literal(b"9790", "prefix", "'979-0'"),
        Element::class(8, "publisher and item", CharClass::Digit),
        Element::class(1, "check digit", CharClass::Digit),
    ],
    "an ISMN of 13 digits",
    "13 digits",
)
.separators(b"- ", Separators::Any)
.separated_anywhere()
.labels(&[b"ISMN"]);

/// The form before 2008, `M-2306-7118-7`.
const LEGACY_LAYOUT: Layout = Layout::new(
    &[
        Element::literal(b"M", "prefix", "'M'"),
        Element::class(8, "publisher and item", CharClass::Digit),
        Element::class(1, "check digit", CharClass::Digit),
    ],
    "an ISMN of 10 characters",
    "10 characters",
)
.separators(b"- ", Separators::Any)
.separated_anywhere()
.labels(&[b"ISMN"]);

impl Ismn {
    /// The ISMN of publisher-and-item digits `body` (below 10⁸), with its check digit
    /// computed.
    ///
    /// ```
    /// assert_eq!(upc::Ismn::from_body(34_524_680).unwrap().to_string(), "9790345246805");
    /// ```
    #[must_use]
    pub const fn from_body(body: u32) -> Option<Ismn> {
        if body >= 100_000_000 {
            return None;
        }
        let mut bytes = *b"9790000000000";
        let mut n = body;
        let mut i = 12;
        while i > 4 {
            i -= 1;
            bytes[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        match gs1::check_digit(bytes.split_at(12).0) {
            Some(check) => {
                bytes[12] = b'0' + check;
                Some(Ismn(Padded::new(&bytes)))
            }
            None => None,
        }
    }

    /// The strict fast path: exactly the 13 digits (`9790345246805`). Error positions count
    /// bytes from 1.
    ///
    /// # Errors
    /// [`Error::Parse`]: a format error when `input` is not 13 digits starting `9790`, a
    /// check-digit mismatch otherwise.
    #[inline]
    pub fn parse_strict(input: &[u8]) -> Result<Ismn, Error> {
        if let Ok(bytes) = <&[u8; 13]>::try_from(input)
            && bytes[..4] == *b"9790"
            && digit_words::<13>(bytes).is_some()
        {
            return Ok(Ismn(Padded::new(bytes)));
        }
        Err(strict_error(input))
    }

    /// The 13 digits as text.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The 13 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 13] {
        self.0.to_bytes()
    }

    /// The publisher element, `3452` for `979-0-3452-4680-5`: its length follows from its
    /// first digit (000–099: 3 digits, 1000–3999: 4, 40000–69999: 5, 700000–899999: 6,
    /// 9000000–9999999: 7).
    #[must_use]
    pub fn publisher(&self) -> &str {
        &self.as_str()[4..4 + self.publisher_len()]
    }

    /// The item element, `4680` for `979-0-3452-4680-5`.
    #[must_use]
    pub fn item(&self) -> &str {
        &self.as_str()[4 + self.publisher_len()..12]
    }

    const fn publisher_len(&self) -> usize {
        match self.0.as_bytes()[4] {
            b'0' => 3,
            b'1'..=b'3' => 4,
            b'4'..=b'6' => 5,
            b'7' | b'8' => 6,
            _ => 7,
        }
    }

    /// The check digit (0–9).
    #[must_use]
    pub const fn check_digit(self) -> u8 {
        self.0.as_bytes()[12] - b'0'
    }

    /// The ISMN as the EAN-13 printed under its barcode.
    #[must_use]
    pub const fn to_upc(self) -> Upc {
        let bytes = self.0.as_bytes();
        let mut value = 0;
        let mut i = 0;
        while i < 13 {
            value = value * 10 + (bytes[i] - b'0') as u64;
            i += 1;
        }
        Upc::pack(Kind::Ean13, value)
    }

    /// The printed layout, `979-0-3452-4680-5`; with `{:#}`, `ISMN 979-0-3452-4680-5`. It
    /// parses back.
    ///
    /// ```
    /// let ismn: upc::Ismn = "M-2306-7118-7".parse()?;
    /// assert_eq!(ismn.hyphenated().to_string(), "979-0-2306-7118-7");
    /// assert_eq!(format!("{:#}", ismn.hyphenated()), "ISMN 979-0-2306-7118-7");
    /// # Ok::<(), upc::Error>(())
    /// ```
    #[must_use]
    pub const fn hyphenated(self) -> Hyphenated {
        Hyphenated(self)
    }

    /// The form before 2008, `M-2306-7118-7`; it parses back.
    #[must_use]
    pub const fn legacy(self) -> Legacy {
        Legacy(self)
    }
}

/// Why canonical-only input was refused; out of line so the fast path stays small.
#[cold]
#[inline(never)]
fn strict_error(input: &[u8]) -> Error {
    if !LAYOUT.is_canonical(input) {
        return Error::Parse(LAYOUT.strict_error(input));
    }
    Error::Parse(ParseError::CheckDigit {
        expected: gs1::check_digit(&input[..12]).unwrap_or(0),
        found: input[12] - b'0',
    })
}

impl FromStr for Ismn {
    type Err = Error;

    /// Parses the lenient spellings (see [`Ismn`]).
    ///
    /// # Errors
    /// [`Error::Parse`] saying what is wrong and where, counting characters of `s` from 1; a
    /// check-digit mismatch apart.
    #[inline]
    fn from_str(s: &str) -> Result<Ismn, Error> {
        if matches!(LAYOUT.first_byte(s), Some(b'M' | b'm')) {
            let mut legacy = [0u8; 10];
            LEGACY_LAYOUT.scan(s, &mut legacy)?;
            let mut bytes = *b"9790000000000";
            bytes[4..].copy_from_slice(&legacy[1..]);
            return Ismn::parse_strict(&bytes);
        }
        LAYOUT.parse::<_, _, 13>(s, Ismn::parse_strict)
    }
}

ident_core::text_code!(Ismn, name: "ISMN", expecting: "an ISMN as a string of 13 digits");

/// The printed layout `979-0-3452-4680-5` (with `{:#}`, `ISMN 979-0-3452-4680-5`), made by
/// [`Ismn::hyphenated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hyphenated(Ismn);

/// The form before 2008, `M-3452-4680-5`, made by [`Ismn::legacy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Legacy(Ismn);

impl Hyphenated {
    /// The code it formats.
    #[must_use]
    pub const fn ismn(self) -> Ismn {
        self.0
    }
}

impl Legacy {
    /// The code it formats.
    #[must_use]
    pub const fn ismn(self) -> Ismn {
        self.0
    }
}

impl fmt::Display for Hyphenated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        let text = x.as_str();
        if f.alternate() {
            f.write_str("ISMN ")?;
        }
        write!(f, "979-0-{}-{}-{}", x.publisher(), x.item(), &text[12..])
    }
}

impl fmt::Display for Legacy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        write!(f, "M-{}-{}-{}", x.publisher(), x.item(), &x.as_str()[12..])
    }
}
