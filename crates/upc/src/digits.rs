//! Digits on the stack, and the lenient reader every digit-string type here shares.

use ident_core::layout::{Element, Layout};
use ident_core::{CharClass, ParseError};

use crate::swar::{ZEROS, digit_words};

/// `10^n` for `n` in `0..=14`.
pub(crate) const POW10: [u64; 15] = {
    let mut table = [1u64; 15];
    let mut i = 1;
    while i < 15 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// Up to 14 ASCII digits, as read from the caller's input or printed from a value.
#[derive(Clone, Copy)]
pub(crate) struct DigitBuf {
    bytes: [u8; 14],
    len: usize,
}

impl DigitBuf {
    /// `value` printed with exactly `len` digits (leading zeros are data).
    pub(crate) const fn from_value(value: u64, len: usize) -> DigitBuf {
        let (first, rest) = digit_words(value, len);
        DigitBuf::from_words(first, rest, len)
    }

    /// The first `len` digits of two digit words (see [`crate::swar`]): digits 0–7 in
    /// `first`, digits 8–13 in the low six bytes of `rest`.
    pub(crate) const fn from_words(first: u64, rest: u64, len: usize) -> DigitBuf {
        let mut bytes = [0u8; 14];
        let (first, rest) = ((first ^ ZEROS).to_le_bytes(), (rest ^ ZEROS).to_le_bytes());
        let mut i = 0;
        while i < 14 {
            bytes[i] = if i < 8 { first[i] } else { rest[i - 8] };
            i += 1;
        }
        DigitBuf { bytes, len }
    }

    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    pub(crate) const fn as_bytes(&self) -> &[u8] {
        self.bytes.split_at(self.len).0
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The digit value (0–9) at `index`.
    pub(crate) const fn digit(&self, index: usize) -> u8 {
        self.bytes[index] - b'0'
    }

    /// The GS1 check digit of these digits as a body, by the shared implementation.
    pub(crate) const fn check_digit(&self) -> u8 {
        check_digit_of(self.as_bytes())
    }

    /// The digits read as a number.
    pub(crate) const fn value(&self) -> u64 {
        let mut value = 0;
        let mut i = 0;
        while i < self.len {
            value = value * 10 + self.digit(i) as u64;
            i += 1;
        }
        value
    }
}

/// The GS1 check digit of `body`, ASCII digits only, by the shared implementation.
pub(crate) const fn check_digit_of(body: &[u8]) -> u8 {
    match ident_core::gs1::check_digit(body) {
        Some(d) => d,
        // Not reached: every caller holds digits.
        None => 0,
    }
}

/// The GS1 check digit of a body held as a number (at most 13 digits; the leading zeros
/// that printing adds do not change it).
pub(crate) const fn check_digit_of_value(body: u64) -> u8 {
    DigitBuf::from_value(body, 13).check_digit()
}

/// A digit string of up to 14 digits, the longest code here (a GTIN-14).
const DIGITS: &[Element] = &[Element::class(14, "code", CharClass::Digit)];

/// The rule a misplaced separator in a printed digit string breaks.
const SEPARATOR_RULE: &str = "a separator goes only between two digits";

/// The layout of a printed digit string of one of `lengths` digits (at most 14, as a GTIN-14):
/// surrounding whitespace, and a single space or hyphen between two digits (see
/// [`Layout::lengths`]). `length` says the lengths for a length error, `empty` what a value
/// looks like for the empty-input error.
pub(crate) const fn digit_string(
    lengths: &[usize],
    length: &'static str,
    empty: &'static str,
) -> Layout {
    Layout::new(DIGITS, empty, length).lengths(lengths, SEPARATOR_RULE)
}

/// Reads `input` as printed digits of `layout` (a [`digit_string`]). Errors point at 1-based
/// character positions in `input` itself.
pub(crate) fn read(input: &str, layout: &Layout) -> Result<DigitBuf, ParseError> {
    let mut buf = DigitBuf {
        bytes: [b'0'; 14],
        len: 0,
    };
    buf.len = layout.scan(input, &mut buf.bytes)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPE: Layout = digit_string(&[8, 12], "8 or 12 digits", "digits");

    #[test]
    fn values_print_with_leading_zeros() {
        let buf = DigitBuf::from_value(36_000_291_452, 12);
        assert_eq!(buf.as_str(), "036000291452");
        assert_eq!(buf.value(), 36_000_291_452);
        assert_eq!(buf.digit(1), 3);
        assert_eq!(DigitBuf::from_value(7, 3).as_str(), "007");
        assert_eq!(check_digit_of_value(3_600_029_145), 2);
        assert_eq!(POW10[14], 100_000_000_000_000);
    }

    #[test]
    fn separators_only_between_digits() {
        assert_eq!(
            read(" 0 36000-29145 2\n", &SHAPE).map(|b| b.value()),
            Ok(36_000_291_452)
        );
        assert!(matches!(
            read("0360--00291452", &SHAPE),
            Err(ParseError::Separator {
                position: 6,
                found: '-',
                rule: SEPARATOR_RULE
            })
        ));
        assert!(matches!(
            read("-036000291452", &SHAPE),
            Err(ParseError::Separator { position: 1, .. })
        ));
        assert!(matches!(
            read("036000291452 - x", &SHAPE),
            Err(ParseError::TrailingText {
                position: 16,
                found: 'x'
            })
        ));
        assert!(matches!(
            read("036000291452-", &SHAPE),
            Err(ParseError::TrailingText {
                position: 13,
                found: '-'
            })
        ));
    }
}
