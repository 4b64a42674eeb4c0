//! Digits in a word, one a byte: the byte-parallel arithmetic that the strict parser and the
//! packed [`Upc`](crate::Upc) share. A "digit word" holds digit values (0–9) in its bytes, the
//! first digit in the lowest byte, which is how a little-endian load of ASCII digits reads.

use crate::digits::POW10;

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// ASCII `'0'` in every byte: XOR turns ASCII digits into digit values and back.
pub(crate) const ZEROS: u64 = 0x30 * ONES;

/// The low nibble of every byte.
pub(crate) const NIBBLES: u64 = 0x0F * ONES;

/// The number written by the eight digits of a digit word: pairs in 16-bit lanes, quadruples
/// in 32-bit lanes, then the whole, each by one multiplication that adds a lane times its
/// weight to its neighbour.
#[inline(always)]
pub(crate) const fn eight_digits(digits: u64) -> u64 {
    let pairs = (digits.wrapping_mul(10 << 8 | 1) >> 8) & 0x00FF_00FF_00FF_00FF;
    let quads = (pairs.wrapping_mul(100 << 16 | 1) >> 16) & 0x0000_FFFF_0000_FFFF;
    quads.wrapping_mul(10_000 << 32 | 1) >> 32
}

/// The two digit words of `value` (below `10^len`, `len` at most 14) written with exactly
/// `len` digits, leading zeros included: digits 0–7 and digits 8–13, zeros past the last
/// digit. The one conversion from a number to digits, for packed codes and printed ones.
pub(crate) const fn digit_words(value: u64, len: usize) -> (u64, u64) {
    let left_aligned = value * POW10[14 - len];
    (
        spread(left_aligned / POW10[6], 8),
        spread(left_aligned % POW10[6], 6),
    )
}

/// The digit word of `value` (below `10^count`, `count` at most 8) written with exactly
/// `count` digits, leading zeros included; the bytes past `count` are zero.
const fn spread(mut value: u64, count: usize) -> u64 {
    let mut word = 0;
    let mut i = count;
    while i > 0 {
        i -= 1;
        word |= (value % 10) << (8 * i);
        value /= 10;
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_and_eight_digits_are_inverses() {
        for value in [0, 1, 9, 10, 12_345_678, 99_999_999, 36_000_291, 10_000_000] {
            assert_eq!(eight_digits(spread(value, 8)), value);
        }
        assert_eq!(spread(123, 3), 0x03_02_01);
        assert_eq!(spread(7, 3), 0x07_00_00);
        assert_eq!(
            spread(12_345_678, 8) ^ ZEROS,
            u64::from_le_bytes(*b"12345678")
        );
        assert_eq!(
            digit_words(36_000_291_452, 12),
            (spread(3_600_029, 8), 0x02_05_04_01)
        );
    }
}
