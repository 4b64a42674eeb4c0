//! Digits on the stack, and the lenient reader every digit-string type here shares.

use ident_core::clean::{char_at, position, trim};
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

/// What a digit-string type accepts, for the reader and its messages.
pub(crate) struct Shape {
    /// The allowed numbers of digits, ascending, at most 14.
    pub(crate) lengths: &'static [usize],
    /// The lengths in words, for the length error ("8, 12, 13 or 14 digits").
    pub(crate) expected: &'static str,
    /// What a value looks like, for the empty-input error.
    pub(crate) empty: &'static str,
}

const SEPARATOR_RULE: &str = "a separator goes only between two digits";

/// Reads `input` as printed digits: surrounding whitespace is trimmed, a single space or hyphen
/// may stand between two digits, and nothing else is allowed. Errors point at 1-based character
/// positions in `input` itself.
///
/// A non-digit right after a complete code (a length `shape` allows) is reported as trailing
/// text; anywhere else it is an invalid character.
pub(crate) fn read(input: &str, shape: &Shape) -> Result<DigitBuf, ParseError> {
    let (start, text) = trim(input);
    if text.is_empty() {
        return Err(ParseError::Empty {
            expected: shape.empty,
        });
    }
    let bytes = text.as_bytes();
    let mut buf = DigitBuf {
        bytes: [b'0'; 14],
        len: 0,
    };
    let mut count = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            if count < buf.bytes.len() {
                buf.bytes[count] = b;
            }
            count += 1;
            i += 1;
            continue;
        }
        let complete = shape.lengths.contains(&count);
        if CharClass::Separator.contains(b) {
            match bytes.get(i + 1) {
                Some(next) if next.is_ascii_digit() && count > 0 => {
                    i += 1;
                    continue;
                }
                Some(next) if CharClass::Separator.contains(*next) && !complete => {
                    return Err(separator(input, start + i + 1));
                }
                _ if !complete => return Err(separator(input, start + i)),
                _ => {}
            }
            // A complete code followed by separators and then text: point at the text.
            let mut j = i;
            while j + 1 < bytes.len() && CharClass::Separator.contains(bytes[j]) {
                j += 1;
            }
            return Err(trailing(input, start + j));
        }
        if complete {
            return Err(trailing(input, start + i));
        }
        let at = start + i;
        return Err(ParseError::InvalidChar {
            position: position(input, at),
            found: char_at(input, at),
            element: "code",
            expected: CharClass::Digit,
        });
    }
    if !shape.lengths.contains(&count) {
        return Err(ParseError::Length {
            expected: shape.expected,
            found: count,
        });
    }
    buf.len = count;
    Ok(buf)
}

fn separator(input: &str, at: usize) -> ParseError {
    ParseError::Separator {
        position: position(input, at),
        found: char_at(input, at),
        rule: SEPARATOR_RULE,
    }
}

fn trailing(input: &str, at: usize) -> ParseError {
    ParseError::TrailingText {
        position: position(input, at),
        found: char_at(input, at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPE: Shape = Shape {
        lengths: &[8, 12],
        expected: "8 or 12 digits",
        empty: "digits",
    };

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
