//! The `Iswc` type.

use core::fmt;

use ident_core::CharClass;
use ident_core::cisac::LetterCode;
use ident_core::layout::{Element, Layout, Separators};
use ident_core::padded::Padded;

use crate::Error;

/// An International Standard Musical Work Code (ISO 15707): `T0345246801`.
///
/// Eleven characters: the prefix `T` (the only one defined so far), a 9-digit work number and
/// a check digit, the weighted mod 10 of ISO 15707 Annex B (`S = 1 + Σ i·dᵢ`, check
/// `(10 − S mod 10) mod 10`; not Luhn). CISAC stores the compact form `[T][0-9]{10}`
/// (rule IV/14) and prints `T-034.524.680-1`.
///
/// - Parse with [`str::parse`] (lenient: surrounding whitespace, a lower-case `t`, an `ISWC`
///   label followed by `:` or a space, and one `-`, `.` or space at any of the customary places
///   `T-034.524.680-1`) or [`Iswc::parse_strict`] (exactly the 11 canonical bytes).
/// - Print with [`Display`](core::fmt::Display) (`T0345246801`, which parses back) or
///   [`Iswc::hyphenated`] (`T-034.524.680-1`).
/// - `Copy`, 12 bytes (the 11 and a zero, see [`Padded`]); ordered as the canonical strings.
///
/// The check digit weighs the digits 1 to 9, so it misses a change of a digit by 5 at an even
/// weight (and by 2, 4, 6 or 8 at weight 5): a code that parses can still be mistyped.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iswc(Padded<11, 12>);

const LAYOUT: Layout = Layout::new(
    &[
        Element::literal(b"T", "prefix", "'T'"),
        Element::class(9, "work number", CharClass::Digit),
        Element::class(1, "check digit", CharClass::Digit),
    ],
    "an ISWC of 11 characters",
    "11 characters",
)
.separators(b"-. ", Separators::Any)
.separated_at(&[1, 4, 7, 10])
.labels(&[b"ISWC"]);

impl Iswc {
    /// The ISWC of a work number (0–999999999), with its check digit computed.
    ///
    /// ```
    /// assert_eq!(iswc::Iswc::from_work_number(34_524_680).unwrap().to_string(), "T0345246801");
    /// assert!(iswc::Iswc::from_work_number(1_000_000_000).is_none());
    /// ```
    #[must_use]
    pub const fn from_work_number(work_number: u32) -> Option<Iswc> {
        match LetterCode::ISWC.with_check_digit(work_number) {
            Some(bytes) => Some(Iswc(Padded::new(&bytes))),
            None => None,
        }
    }

    /// The strict fast path: exactly the 11 canonical bytes (`T0345246801`, capital `T`, no
    /// separators, no whitespace, no label). Error positions count bytes from 1.
    ///
    /// ```
    /// assert!(iswc::Iswc::parse_strict(b"T0345246801").is_ok());
    /// assert!(iswc::Iswc::parse_strict(b"T-034.524.680-1").is_err());
    /// ```
    ///
    /// # Errors
    /// A format error when `input` is not 11 bytes of `T` and ten digits,
    /// [`ParseError::CheckDigit`](ident_core::ParseError::CheckDigit) when the check digit
    /// does not match the work number.
    #[inline]
    pub fn parse_strict(input: &[u8]) -> Result<Iswc, Error> {
        LetterCode::ISWC.parse_strict(&LAYOUT, input).map(Iswc)
    }

    /// The canonical form as text, `T0345246801`.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The 11 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 11] {
        self.0.to_bytes()
    }

    /// The 9-digit work number (`34524680` for `T-034.524.680-1`).
    #[must_use]
    pub const fn work_number(self) -> u32 {
        LetterCode::number(self.0.as_bytes())
    }

    /// The check digit (0–9).
    #[must_use]
    pub const fn check_digit(self) -> u8 {
        self.0.as_bytes()[10] - b'0'
    }

    /// The customary layout, `T-034.524.680-1`; it parses back.
    ///
    /// ```
    /// let iswc: iswc::Iswc = "ISWC T0345246801".parse()?;
    /// assert_eq!(iswc.hyphenated().to_string(), "T-034.524.680-1");
    /// # Ok::<(), iswc::Error>(())
    /// ```
    #[must_use]
    pub const fn hyphenated(self) -> Hyphenated {
        Hyphenated(self)
    }
}

ident_core::text_code!(Iswc, name: "ISWC", expecting: "an ISWC as a string", layout: LAYOUT);

/// The customary layout `T-034.524.680-1`, made by [`Iswc::hyphenated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hyphenated(Iswc);

impl Hyphenated {
    /// The code it formats.
    #[must_use]
    pub const fn iswc(self) -> Iswc {
        self.0
    }
}

impl fmt::Display for Hyphenated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0.0.as_bytes();
        let bytes = [
            c[0], b'-', c[1], c[2], c[3], b'.', c[4], c[5], c[6], b'.', c[7], c[8], c[9], b'-',
            c[10],
        ];
        f.pad(core::str::from_utf8(&bytes).unwrap_or_default())
    }
}
