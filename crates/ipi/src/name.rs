//! The IPI name number.

use ident_core::cisac::{is_valid_name_number, name_number_check};
use ident_core::layout::{Element, Layout, Separators};
use ident_core::padded::Padded;
use ident_core::{CharClass, CheckChars, ParseError};

use crate::{Error, digits};

/// An IPI name number: `00017798450`, one name (a person's legal name, a pseudonym, a
/// publisher's name) in CISAC's Interested Party Information system.
///
/// Eleven digits, zero-padded: nine digits and two check digits (weights 10, 9, …, 2 from the
/// left, `r = S mod 101`, check `0` when `r` is 0, else `(101 − r) mod 100`). DDEX's
/// `IpiNameNumber` is `[0-9]{11}`; CISAC's REST model carries it as an integer, so leading
/// zeros get lost there: [`NameNumber::from_number`] reads that form.
///
/// - Parse with [`str::parse`] (lenient: surrounding whitespace, an `IPI` label followed by
///   `:` or a space, one `-`, `.` or space between any two digits) or
///   [`NameNumber::parse_strict`] (exactly the 11 digits). The 11 digits are also the
///   customary layout.
/// - `Copy`, 12 bytes (the 11 and a zero, see [`Padded`]); ordered as the canonical strings
///   (and the numbers).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NameNumber(Padded<11, 12>);

const LAYOUT: Layout = Layout::new(
    &[
        Element::class(9, "name number", CharClass::Digit),
        Element::class(2, "check digits", CharClass::Digit),
    ],
    "an IPI name number of 11 digits",
    "11 digits",
)
.separators(b"-. ", Separators::Any)
.separated_anywhere()
.labels(&[b"IPI"]);

impl NameNumber {
    /// The name number whose first nine digits are `body` (below 10⁹), with its check
    /// digits computed.
    ///
    /// ```
    /// assert_eq!(ipi::NameNumber::from_body(177_984).unwrap().to_string(), "00017798450");
    /// ```
    #[must_use]
    pub const fn from_body(body: u32) -> Option<NameNumber> {
        let Some(nine) = digits::<9>(body as u64) else {
            return None;
        };
        let Some(check) = name_number_check(&nine) else {
            return None;
        };
        let mut bytes = [b'0'; 11];
        let mut i = 0;
        while i < 9 {
            bytes[i] = nine[i];
            i += 1;
        }
        bytes[9] = b'0' + check / 10;
        bytes[10] = b'0' + check % 10;
        Some(NameNumber(Padded::new(&bytes)))
    }

    /// The name number written as an integer, as CISAC's interfaces carry it
    /// (`17798450` for `00017798450`).
    ///
    /// ```
    /// let ipi = ipi::NameNumber::from_number(17_798_450)?;
    /// assert_eq!(ipi.to_string(), "00017798450");
    /// # Ok::<(), ipi::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ParseError::Length`] for more than 11 digits, [`ParseError::CheckCharacters`] when
    /// the last two digits are not the check digits of the others.
    pub fn from_number(number: u64) -> Result<NameNumber, Error> {
        match digits::<11>(number) {
            Some(bytes) => NameNumber::parse_strict(&bytes),
            None => Err(ParseError::Length {
                expected: "11 digits",
                found: number.ilog10() as usize + 1,
            }),
        }
    }

    /// The strict fast path: exactly the 11 digits. Error positions count bytes from 1.
    ///
    /// # Errors
    /// A format error when `input` is not 11 digits, [`ParseError::CheckCharacters`] when the
    /// check digits do not match.
    #[inline]
    pub fn parse_strict(input: &[u8]) -> Result<NameNumber, Error> {
        if let Ok(bytes) = <&[u8; 11]>::try_from(input)
            && is_valid_name_number(bytes)
        {
            return Ok(NameNumber(Padded::new(bytes)));
        }
        Err(strict_error(input))
    }

    /// The 11 digits as text.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The 11 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 11] {
        self.0.to_bytes()
    }

    /// The 11 digits read as a number (CISAC's integer form).
    #[must_use]
    pub const fn number(self) -> u64 {
        let bytes = self.0.as_bytes();
        let mut n = 0;
        let mut i = 0;
        while i < 11 {
            n = n * 10 + (bytes[i] - b'0') as u64;
            i += 1;
        }
        n
    }
}

/// Why canonical-only input was refused; out of line so the fast path stays small.
#[cold]
#[inline(never)]
fn strict_error(input: &[u8]) -> Error {
    if !LAYOUT.is_canonical(input) {
        return LAYOUT.strict_error(input);
    }
    let check = name_number_check(&input[..9]).unwrap_or(0);
    ParseError::CheckCharacters {
        expected: CheckChars::two([b'0' + check / 10, b'0' + check % 10]),
        found: CheckChars::two([input[9], input[10]]),
    }
}

ident_core::text_code!(NameNumber, name: "IPI name number", expecting: "an IPI name number as a string", layout: LAYOUT);
