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
        // UPC-A first, inline: the release code of most catalogues. The other lengths are
        // out of line so that this path stays small enough to inline into a caller's loop.
        if input.len() == 12 {
            return parse_fixed::<12>(input, Kind::UpcA);
        }
        parse_other_lengths(input)
    }
}

/// [`Upc::parse_digits`] for every length but 12.
#[inline(never)]
fn parse_other_lengths(input: &[u8]) -> Result<Upc, Error> {
    match input.len() {
        8 => parse_fixed::<8>(input, Kind::Ean8),
        13 => parse_fixed::<13>(input, Kind::Ean13),
        14 => parse_fixed::<14>(input, Kind::Gtin14),
        found => Err(Error::Parse(ParseError::Length {
            expected: LENGTHS,
            found,
        })),
    }
}

impl Upc {
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

    #[inline]
    fn from_str(input: &str) -> Result<Upc, Error> {
        // Most inputs are canonical: try the fast path first, and read leniently (with exact
        // error positions) only when it fails.
        if let Ok(upc) = Upc::parse_digits(input.trim_ascii().as_bytes()) {
            return Ok(upc);
        }
        parse_lenient(input)
    }
}

/// The lenient reading, out of line so that [`Upc::from_str`] inlines.
#[inline(never)]
fn parse_lenient(input: &str) -> Result<Upc, Error> {
    Upc::from_digits(&read(input, &CODE)?)
}

impl TryFrom<&str> for Upc {
    type Error = Error;

    fn try_from(input: &str) -> Result<Upc, Error> {
        input.parse()
    }
}

/// The strict parser for exactly `N` bytes, word-parallel: the input is read as two 64-bit
/// words (left-padded with `'0'` to 16 digits, which changes neither the number nor the
/// GS1 sum), checked for digits, verified and converted eight digits at a time.
///
/// The verification sums the weighted digits in the words (see [`weighted_sum`]); it is a
/// faster form of the shared [`ident_core::gs1`] mod-10, which still computes every check
/// digit this crate issues and the expected digit of a mismatch, and a property test holds
/// the two to the same verdict on every input.
#[inline(always)]
fn parse_fixed<const N: usize>(input: &[u8], kind: Kind) -> Result<Upc, Error> {
    // Straight from the input (no copy through a buffer, which would stall the loads on the
    // stores): `low` is the last eight bytes, `high` the first N − 8 behind '0' bytes.
    let word = |at: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&input[at..at + 8]);
        u64::from_le_bytes(bytes)
    };
    // For an even N the sum's weights fall on the same bytes whether the digits are padded to
    // 16 or split at 8 (the first eight, then the rest), so UPC-A skips the shift.
    let (high, low) = match N {
        8 => (0, word(0) ^ ZEROS),
        12 => {
            let mut tail = [0u8; 4];
            tail.copy_from_slice(&input[8..12]);
            (
                word(0) ^ ZEROS,
                u64::from(u32::from_le_bytes(tail) ^ 0x3030_3030),
            )
        }
        _ => ((word(0) ^ ZEROS) << (8 * (16 - N)), word(N - 8) ^ ZEROS),
    };
    // ASCII digits become 0–9 by the XOR; any other byte is 10 or more, or has its top bit set.
    if ((high.wrapping_add(SEVENTY_SIX) | high | low.wrapping_add(SEVENTY_SIX) | low) & TOP_BITS)
        != 0
    {
        return Err(invalid_byte(input));
    }
    if !weighted_sum(high, low).is_multiple_of(10) {
        return Err(check_digit_error(input));
    }
    let value = if N == 12 {
        eight_digits(high) * 10_000 + four_digits(low)
    } else {
        eight_digits(high) * 100_000_000 + eight_digits(low)
    };
    Ok(Upc::pack(kind, value))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const ZEROS: u64 = 0x30 * ONES;
const SEVENTY_SIX: u64 = 0x76 * ONES;
const TOP_BITS: u64 = 0x80 * ONES;
const EVEN_BYTES: u64 = 0x00FF_00FF_00FF_00FF;

/// The GS1 weighted sum of digit values in two little-endian words whose even bytes hold the
/// digits at odd distances from the check digit (weight 3) and whose odd bytes the others
/// (weight 1, the check digit included). The code is valid when the sum is a multiple of 10.
#[inline(always)]
const fn weighted_sum(high: u64, low: u64) -> u64 {
    let digits = high + low; // at most 18 a byte, 144 in all: byte sums by one multiplication
    let all = digits.wrapping_mul(ONES) >> 56;
    let tripled = (digits & EVEN_BYTES).wrapping_mul(ONES) >> 56;
    all + 2 * tripled
}

/// The number written by eight digit values in a little-endian word (first digit in the
/// lowest byte): pairs, then quadruples, then the whole, by multiplication.
#[inline(always)]
const fn eight_digits(digits: u64) -> u64 {
    let pairs = digits.wrapping_mul(10).wrapping_add(digits >> 8);
    let mask = 0x0000_00FF_0000_00FF;
    let quads = (pairs & mask)
        .wrapping_mul(100 + (1_000_000 << 32))
        .wrapping_add(((pairs >> 16) & mask).wrapping_mul(1 + (10_000 << 32)));
    quads >> 32
}

/// The number written by four digit values in the low half of a little-endian word.
#[inline(always)]
const fn four_digits(digits: u64) -> u64 {
    let pairs = digits.wrapping_mul(10).wrapping_add(digits >> 8);
    (pairs & 0xFF) * 100 + ((pairs >> 16) & 0xFF)
}

/// The check-digit error for `input`, all digits, computed by the shared implementation.
#[cold]
fn check_digit_error(input: &[u8]) -> Error {
    let (body, last) = input.split_at(input.len() - 1);
    Error::Parse(ParseError::CheckDigit {
        expected: checked(ident_core::gs1::check_digit(body)),
        found: last[0].wrapping_sub(b'0'),
    })
}

/// The error for the first byte of `input` that is not an ASCII digit.
#[cold]
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
