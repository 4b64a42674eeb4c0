//! Reading codes: the strict fast path, the lenient `FromStr`, and check digits of bodies.

use core::str::FromStr;

use ident_core::clean::byte_char;
use ident_core::{CharClass, ParseError};

use crate::digits::{DigitBuf, Shape, read};
use crate::{Error, Kind, Upc};

const LENGTHS: &str = "8, 12, 13 or 14 digits";

const CODE: Shape = Shape {
    lengths: &[8, 12, 13, 14],
    expected: LENGTHS,
    empty: "a UPC/EAN of 8, 12, 13 or 14 digits",
};

const BODY: Shape = Shape {
    lengths: &[7, 11, 12, 13],
    expected: "7, 11, 12 or 13 digits (a code without its check digit)",
    empty: "a UPC/EAN body of 7, 11, 12 or 13 digits",
};

impl Upc {
    /// The strict fast path for pipelines: exactly 8, 12, 13 or 14 ASCII digits, nothing
    /// around or between them, with a correct check digit. Accepts exactly what
    /// [`Display`](core::fmt::Display) prints.
    ///
    /// ```
    /// let upc = upc::Upc::parse_digits(b"036000291452")?;
    /// assert_eq!(upc.kind(), upc::Kind::UpcA);
    /// assert!(upc::Upc::parse_digits(b" 036000291452").is_err());
    /// Ok::<(), upc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`]: a length error (counting bytes), an invalid character with its
    /// 1-based position, or a check-digit mismatch.
    #[inline]
    pub fn parse_digits(input: &[u8]) -> Result<Upc, Error> {
        let Some(kind) = Kind::from_len(input.len()) else {
            return Err(Error::Parse(ParseError::Length {
                expected: LENGTHS,
                found: input.len(),
            }));
        };
        let mut value = 0u64;
        let mut bad = false;
        for &b in input {
            let d = b.wrapping_sub(b'0');
            bad |= d > 9;
            value = value * 10 + u64::from(d);
        }
        if bad {
            return Err(invalid_byte(input));
        }
        let (body, last) = input.split_at(input.len() - 1);
        let expected = checked(ident_core::gs1::check_digit(body));
        let found = last[0] - b'0';
        if expected != found {
            return Err(Error::Parse(ParseError::CheckDigit { expected, found }));
        }
        Ok(Upc::pack(kind, value))
    }

    /// The code for `body` (7, 11, 12 or 13 digits, written as for [`FromStr`]) with its check
    /// digit appended; the body's length decides the kind (EAN-8, UPC-A, EAN-13, GTIN-14).
    ///
    /// ```
    /// let upc = upc::Upc::from_body("03600029145")?;
    /// assert_eq!(upc.to_string(), "036000291452");
    /// Ok::<(), upc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`] when `body` is not 7, 11, 12 or 13 digits.
    pub fn from_body(body: &str) -> Result<Upc, Error> {
        let digits = read(body, &BODY)?;
        let check = checked(ident_core::gs1::check_digit(digits.as_bytes()));
        let kind = Kind::from_len(digits.len() + 1).unwrap_or(Kind::Gtin14);
        Ok(Upc::pack(kind, digits.value() * 10 + u64::from(check)))
    }

    fn from_digits(digits: &DigitBuf) -> Result<Upc, Error> {
        // `digits` is ASCII digits in a length `CODE` allows; the strict path does the rest.
        Upc::parse_digits(digits.as_bytes())
    }
}

/// The GS1 check digit for `body` (7, 11, 12 or 13 digits, optionally with single spaces or
/// hyphens between digits and whitespace around), computed by the shared
/// [`ident_core::gs1::check_digit`].
///
/// ```
/// assert_eq!(upc::check_digit("03600029145")?, 2);
/// assert_eq!(upc::check_digit("0 36000 29145")?, 2);
/// assert_eq!(upc::check_digit("501234567890")?, 0);
/// Ok::<(), upc::Error>(())
/// ```
///
/// # Errors
/// [`Error::Parse`] when `body` is empty, has another length, or holds a character that is not
/// a digit or a separator between digits.
pub fn check_digit(body: &str) -> Result<u8, Error> {
    let digits = read(body, &BODY)?;
    Ok(checked(ident_core::gs1::check_digit(digits.as_bytes())))
}

/// Reads a code as people print it: surrounding whitespace, and single spaces or hyphens
/// between digits (`0 36000 29145 2`, `5-012345-678900`). The number of digits decides the
/// kind; an 8-digit string is an EAN-8 (read a UPC-E with [`UpcE`](crate::UpcE)).
impl FromStr for Upc {
    type Err = Error;

    fn from_str(input: &str) -> Result<Upc, Error> {
        // Most inputs are canonical: try the fast path first, and read leniently (with exact
        // error positions) only when it fails.
        if let Ok(upc) = Upc::parse_digits(input.trim_ascii().as_bytes()) {
            return Ok(upc);
        }
        Upc::from_digits(&read(input, &CODE)?)
    }
}

impl TryFrom<&str> for Upc {
    type Error = Error;

    fn try_from(input: &str) -> Result<Upc, Error> {
        input.parse()
    }
}

/// The error for the first byte of `input` that is not an ASCII digit.
fn invalid_byte(input: &[u8]) -> Error {
    let index = input
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or_default();
    Error::Parse(ParseError::InvalidChar {
        position: index + 1,
        found: byte_char(input[index]),
        element: "code",
        expected: CharClass::Digit,
    })
}

/// The check digit of a body already known to be all digits.
const fn checked(digit: Option<u8>) -> u8 {
    match digit {
        Some(d) => d,
        None => 0,
    }
}
