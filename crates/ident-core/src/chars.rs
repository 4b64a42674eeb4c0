//! Character classes by table lookup.

use core::fmt;

const DIGIT: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
const SEPARATOR: u8 = 8;
/// `X`, besides being a letter: the check character of value 10.
const X: u8 = 16;

/// One byte of flags per ASCII byte; non-ASCII bytes have no class.
const TABLE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c == b'X' {
            UPPER | X
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c == b'-' || c == b' ' {
            SEPARATOR
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The characters one element of a code allows.
///
/// The canonical classes are upper case; lenient parsers fold lower case before they
/// ask ([`CharClass::contains_folded`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CharClass {
    /// `0`–`9`.
    Digit,
    /// `A`–`Z`.
    Letter,
    /// `A`–`Z` or `0`–`9`.
    Alphanumeric,
    /// The separators a printed code may carry: `-` or a space.
    Separator,
    /// `0`–`9` or `X`: an ISO 7064 MOD 11-2 check character, whose value 10 is written `X`.
    DigitOrX,
}

impl CharClass {
    /// The class as flags of the table, for [`in_mask`].
    pub(crate) const fn mask(self) -> u8 {
        match self {
            CharClass::Digit => DIGIT,
            CharClass::Letter => UPPER,
            CharClass::Alphanumeric => DIGIT | UPPER,
            CharClass::Separator => SEPARATOR,
            CharClass::DigitOrX => DIGIT | X,
        }
    }

    /// Whether the canonical byte `b` belongs to the class.
    #[inline]
    #[must_use]
    pub const fn contains(self, b: u8) -> bool {
        in_mask(b, self.mask())
    }

    /// Whether `b` belongs to the class once a lower-case letter is read as upper case
    /// (IFPI Bulletin 2015/01: lower-case letters "should be interpreted as uppercase").
    #[inline]
    #[must_use]
    pub const fn contains_folded(self, b: u8) -> bool {
        self.contains(b.to_ascii_uppercase())
    }

    /// What the class is called in an error message ("a digit 0-9").
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            CharClass::Digit => "a digit 0-9",
            CharClass::Letter => "a letter A-Z",
            CharClass::Alphanumeric => "a letter A-Z or a digit 0-9",
            CharClass::Separator => "a separator ('-' or ' ')",
            CharClass::DigitOrX => "a digit 0-9 or X",
        }
    }
}

impl fmt::Display for CharClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Whether byte `b` belongs to one of the classes of `mask` (flags of [`CharClass::mask`]).
#[inline]
pub(crate) const fn in_mask(b: u8, mask: u8) -> bool {
    TABLE[b as usize] & mask != 0
}

/// The class flags of byte `b`, for [`with_lower_case`] and [`upper_case`].
#[inline]
pub(crate) const fn flags(b: u8) -> u8 {
    TABLE[b as usize]
}

/// The class flags `mask` with lower-case letters where it has capitals: what a lenient
/// reader accepts before it folds case.
#[inline]
pub(crate) const fn with_lower_case(mask: u8) -> u8 {
    mask | ((mask & UPPER) << 1)
}

/// Whether the class flags `mask` take letters.
#[inline]
pub(crate) const fn has_letters(mask: u8) -> bool {
    mask & UPPER != 0
}

/// Byte `b`, whose class flags are `flags`, in upper case.
#[inline]
pub(crate) const fn upper_case(b: u8, flags: u8) -> u8 {
    // LOWER is 4: shifted by 3 it is the case bit, 0x20.
    b & !((flags & LOWER) << 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_agrees_with_core() {
        for b in 0..=255u8 {
            assert_eq!(CharClass::Digit.contains(b), b.is_ascii_digit(), "{b}");
            assert_eq!(CharClass::Letter.contains(b), b.is_ascii_uppercase(), "{b}");
            assert_eq!(
                CharClass::Alphanumeric.contains(b),
                b.is_ascii_digit() || b.is_ascii_uppercase(),
                "{b}"
            );
            assert_eq!(CharClass::Separator.contains(b), b == b'-' || b == b' ');
            assert_eq!(
                CharClass::DigitOrX.contains(b),
                b.is_ascii_digit() || b == b'X',
                "{b}"
            );
            assert_eq!(
                CharClass::Letter.contains_folded(b),
                b.is_ascii_alphabetic(),
                "{b}"
            );
        }
    }
}
