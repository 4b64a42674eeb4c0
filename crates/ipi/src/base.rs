//! The IPI base number.

use core::fmt;

use ident_core::CharClass;
use ident_core::cisac::LetterCode;
use ident_core::layout::{Element, Layout, Separators};
use ident_core::padded::Padded;

use crate::Error;

/// An IPI base number: `I0016524937`, printed `I-001652493-7`, one interested party (a person
/// or a legal entity) with all its names in CISAC's IPI system.
///
/// A header letter `I`, nine digits and a check digit: the weighted mod 10 of an ISWC with the
/// `I` adding 2 (`S = 2 + Σ i·dᵢ`, check `(10 − S mod 10) mod 10`).
///
/// - Parse with [`str::parse`] (lenient: surrounding whitespace, a lower-case `i`, an `IPI`
///   label followed by `:` or a space, one `-` or space after the `I` and before the check
///   digit) or [`BaseNumber::parse_strict`] (exactly the 11 canonical bytes).
/// - Print with [`Display`](core::fmt::Display) (`I0016524937`, which parses back) or
///   [`BaseNumber::hyphenated`] (`I-001652493-7`, the customary layout).
/// - `Copy`, 12 bytes (the 11 and a zero, see [`Padded`]); ordered as the canonical strings.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BaseNumber(Padded<11, 12>);

const LAYOUT: Layout = Layout::new(
    &[
        Element::literal(b"I", "header", "'I'"),
        Element::class(9, "base number", CharClass::Digit),
        Element::class(1, "check digit", CharClass::Digit),
    ],
    "an IPI base number of 11 characters",
    "11 characters",
)
.separators(b"- ", Separators::Any)
.labels(&[b"IPI"]);

impl BaseNumber {
    /// The base number of nine digits `body` (below 10⁹), with its check digit computed.
    ///
    /// ```
    /// let base = ipi::BaseNumber::from_body(1_652_493).unwrap();
    /// assert_eq!(base.hyphenated().to_string(), "I-001652493-7");
    /// ```
    #[must_use]
    pub const fn from_body(body: u32) -> Option<BaseNumber> {
        match LetterCode::IPI_BASE.with_check_digit(body) {
            Some(bytes) => Some(BaseNumber(Padded::new(&bytes))),
            None => None,
        }
    }

    /// The strict fast path: exactly the 11 canonical bytes (`I0016524937`). Error positions
    /// count bytes from 1.
    ///
    /// # Errors
    /// A format error when `input` is not `I` and ten digits,
    /// [`ParseError::CheckDigit`](ident_core::ParseError::CheckDigit) when the check digit
    /// does not match.
    #[inline]
    pub fn parse_strict(input: &[u8]) -> Result<BaseNumber, Error> {
        LetterCode::IPI_BASE
            .parse_strict(&LAYOUT, input)
            .map(BaseNumber)
    }

    /// The canonical form as text, `I0016524937`.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The 11 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 11] {
        self.0.to_bytes()
    }

    /// The nine digits between the header and the check digit, as a number.
    #[must_use]
    pub const fn body(self) -> u32 {
        LetterCode::number(self.0.as_bytes())
    }

    /// The customary layout, `I-001652493-7`; it parses back.
    #[must_use]
    pub const fn hyphenated(self) -> Hyphenated {
        Hyphenated(self)
    }
}

ident_core::text_code!(BaseNumber, name: "IPI base number", expecting: "an IPI base number as a string", layout: LAYOUT);

/// The customary layout `I-001652493-7`, made by [`BaseNumber::hyphenated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hyphenated(BaseNumber);

impl Hyphenated {
    /// The code it formats.
    #[must_use]
    pub const fn base_number(self) -> BaseNumber {
        self.0
    }
}

impl fmt::Display for Hyphenated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0.0.as_bytes();
        let bytes = [
            c[0], b'-', c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], b'-', c[10],
        ];
        f.pad(core::str::from_utf8(&bytes).unwrap_or_default())
    }
}
