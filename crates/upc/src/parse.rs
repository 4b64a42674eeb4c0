//! Reading codes: the strict fast path, the lenient `FromStr`, and check digits of bodies.

use core::str::FromStr;

use ident_core::clean::byte_char;
use ident_core::{CharClass, ParseError};

use ident_core::layout::Layout;

use crate::digits::{check_digit_of, digit_string, read};
use crate::swar::{ONES, ZEROS};
use crate::{Error, Kind, Upc};
use ident_core::swar::MULTIPLE_OF_TEN;

const LENGTHS: &str = "8, 12, 13 or 14 digits";

const EMPTY: &str = "a UPC/EAN of 8, 12, 13 or 14 digits";

const CODE: Layout = digit_string(&[8, 12, 13, 14], LENGTHS, EMPTY);

const BODY: Layout = digit_string(
    &[7, 11, 12, 13],
    "7, 11, 12 or 13 digits (a code without its check digit)",
    "a UPC/EAN body of 7, 11, 12 or 13 digits",
);

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
        // UPC-A first, inline: the release code of most catalogues. Everything else (the
        // other lengths, and every error) is out of line so that this path stays small enough
        // to inline into a caller's loop and hands its value back in a register.
        match upc_a(input) {
            Some(upc) => Ok(upc),
            None => parse_digits_slow(input),
        }
    }
}

/// The inlined fast path: `input` read as a valid UPC-A, or `None`.
#[inline(always)]
fn upc_a(input: &[u8]) -> Option<Upc> {
    if input.len() == 12 {
        read_fixed::<12>(input, Kind::UpcA)
    } else {
        None
    }
}

/// [`Upc::parse_digits`] for every length, with its errors.
#[inline(never)]
fn parse_digits_slow(input: &[u8]) -> Result<Upc, Error> {
    let upc = match input.len() {
        8 => read_fixed::<8>(input, Kind::Ean8),
        12 => read_fixed::<12>(input, Kind::UpcA),
        13 => read_fixed::<13>(input, Kind::Ean13),
        14 => read_fixed::<14>(input, Kind::Gtin14),
        found => {
            return Err(Error::Parse(ParseError::Length {
                expected: LENGTHS,
                found,
            }));
        }
    };
    upc.ok_or_else(|| rejection(input))
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
        let check = digits.check_digit();
        let kind = Kind::from_len(digits.len() + 1).unwrap_or(Kind::Gtin14);
        Ok(Upc::pack(kind, digits.value() * 10 + u64::from(check)))
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
    Ok(read(body, &BODY)?.check_digit())
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
        match upc_a(input.as_bytes()) {
            Some(upc) => Ok(upc),
            None => parse_lenient(input),
        }
    }
}

/// The lenient reading, out of line so that [`Upc::from_str`] inlines.
#[inline(never)]
fn parse_lenient(input: &str) -> Result<Upc, Error> {
    if let Ok(upc) = parse_digits_slow(input.trim_ascii().as_bytes()) {
        return Ok(upc);
    }
    // ASCII digits in a length `CODE` allows: the strict reading does the rest.
    parse_digits_slow(read(input, &CODE)?.as_bytes())
}

impl TryFrom<&str> for Upc {
    type Error = Error;

    fn try_from(input: &str) -> Result<Upc, Error> {
        input.parse()
    }
}

/// The strict reading of exactly `N` bytes, word-parallel: the input is read as two 64-bit
/// words (left-padded with `'0'` to 16 digits, which does not change the GS1 sum), checked
/// for digits and verified eight digits at a time; the digit values are then the packed
/// value's nibbles as they stand (see [`Upc`]). `None` when a byte is not a digit or the
/// check digit is wrong; [`rejection`] says which.
///
/// The verification sums the weighted digits in the words (see [`weighted_sum`]); it is a
/// faster form of the shared [`ident_core::gs1`] mod-10, which still computes every check
/// digit this crate issues and the expected digit of a mismatch, and property tests hold
/// the two to the same verdict on every input.
#[inline(always)]
fn read_fixed<const N: usize>(input: &[u8], kind: Kind) -> Option<Upc> {
    let (first, rest) = digit_words::<N>(input)?;
    Some(Upc::from_digit_words(kind, first, rest))
}

/// The verification of [`read_fixed`], which an [`Ismn`](crate::Ismn) shares: the digit words
/// of exactly `N` bytes of ASCII digits with a right GS1 check digit (digits 0–7 in `first`,
/// the rest from the lowest byte of `rest`), or `None`.
#[inline(always)]
pub(crate) fn digit_words<const N: usize>(input: &[u8]) -> Option<(u64, u64)> {
    // Straight from the input (no copy through a buffer, which would stall the loads on the
    // stores): `low` is the last eight bytes, `high` the first N − 8 behind '0' bytes.
    let word = |at: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&input[at..at + 8]);
        u64::from_le_bytes(bytes)
    };
    // For an even N the sum's weights fall on the same bytes whether the digits are padded to
    // 16 or split at 8 (the first eight, then the rest), so UPC-A skips the shift.
    let first = word(0) ^ ZEROS;
    let (high, low) = match N {
        8 => (0, first),
        12 => {
            let mut tail = [0u8; 4];
            tail.copy_from_slice(&input[8..12]);
            (first, u64::from(u32::from_le_bytes(tail) ^ 0x3030_3030))
        }
        _ => (first << (8 * (16 - N)), word(N - 8) ^ ZEROS),
    };
    // ASCII digits become 0–9 by the XOR; any other byte is 10 or more, or has its top bit set.
    let not_digits =
        (high.wrapping_add(SEVENTY_SIX) | high | low.wrapping_add(SEVENTY_SIX) | low) & TOP_BITS;
    if not_digits != 0 || !MULTIPLE_OF_TEN[weighted_sum(high, low)] {
        return None;
    }
    // The digits after the first eight, from the lowest byte.
    let rest = match N {
        8 => 0,
        12 => low,
        _ => low >> (8 * (16 - N)),
    };
    Some((first, rest))
}

const SEVENTY_SIX: u64 = 0x76 * ONES;
const TOP_BITS: u64 = 0x80 * ONES;

/// The GS1 weights by byte of the product in [`weighted_sum`]: byte `7 − i` of the multiplier
/// weights byte `i` of the digits, 3 for the even bytes and 1 for the odd ones.
const WEIGHTS: u64 = 0x0301_0301_0301_0301;

/// The GS1 weighted sum of digit values in two little-endian words whose even bytes hold the
/// digits at odd distances from the check digit (weight 3) and whose odd bytes the others
/// (weight 1, the check digit included). The code is valid when the sum is a multiple of 10.
///
/// One multiplication gathers the whole sum in the top byte of the product: byte `k` of
/// `digits × WEIGHTS` is the weighted sum of the digit bytes `0..=k`, and none of those sums
/// reaches 256, so no byte carries into the next. The largest is 252, for 14 nines: the two
/// bytes where `high` is padding hold at most 9 and the other six at most 18 (a digit of
/// `high` plus one of `low`), weighted `9 × 4 + 18 × 12`. Thirteen digits reach at most 225,
/// twelve 216 and eight 144.
#[inline(always)]
const fn weighted_sum(high: u64, low: u64) -> usize {
    ((high + low).wrapping_mul(WEIGHTS) >> 56) as usize
}

/// Why [`read_fixed`] refused `input`: its first byte that is not an ASCII digit, or else a
/// check-digit mismatch, with the expected digit computed by the shared implementation.
#[cold]
fn rejection(input: &[u8]) -> Error {
    if let Some(index) = input.iter().position(|b| !b.is_ascii_digit()) {
        return Error::Parse(ParseError::InvalidChar {
            position: index + 1,
            found: byte_char(input[index]),
            element: "code",
            expected: CharClass::Digit,
        });
    }
    let Some((&last, body)) = input.split_last() else {
        return Error::Parse(ParseError::Empty { expected: EMPTY });
    };
    Error::Parse(ParseError::CheckDigit {
        expected: check_digit_of(body),
        found: last.wrapping_sub(b'0'),
    })
}
