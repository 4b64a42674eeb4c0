//! The check digits of CISAC's identifiers, as `const fn`s.
//!
//! - [`weighted_check_digit`]: the weighted mod 10 of an ISWC (ISO 15707 Annex B) and of an
//!   IPI base number, which differ only in what their letter adds.
//! - [`name_number_check`]: the mod 101 pair of check digits of an IPI name number.
//! - [`LetterCode`]: the whole of an ISWC or an IPI base number (a letter, nine digits and the
//!   weighted mod 10), read, verified and explained once for both.
//!
//! Rules and worked examples: `../shared/reference/identifiers.md` §0 C and D.

use crate::ParseError;
use crate::layout::Layout;
use crate::padded::Padded;
use crate::swar::{self, MULTIPLE_OF_TEN, Weights};

/// What the `T` of an ISWC adds to the weighted sum (CISAC's own code adds 1).
pub const ISWC_INITIAL: u32 = 1;
/// What the `I` of an IPI base number adds to the weighted sum.
pub const IPI_BASE_INITIAL: u32 = 2;

/// The check digit of a 9-digit `body` (ASCII) under the weighted mod 10: `S = initial +
/// Σ i·dᵢ` for `i = 1..9` from the left, check `(10 − S mod 10) mod 10`; `None` when a byte is
/// not an ASCII digit.
///
/// Not Luhn: an older description of the ISWC said so, but Luhn gives 5 for `034524680`,
/// whose registered check digit is 1.
///
/// ```
/// use ident_core::cisac::{weighted_check_digit, ISWC_INITIAL, IPI_BASE_INITIAL};
/// assert_eq!(weighted_check_digit(ISWC_INITIAL, b"034524680"), Some(1));
/// assert_eq!(weighted_check_digit(IPI_BASE_INITIAL, b"001652493"), Some(7));
/// ```
#[inline]
#[must_use]
pub const fn weighted_check_digit(initial: u32, body: &[u8]) -> Option<u8> {
    let mut sum = initial as u64;
    let mut i = 0;
    while i < body.len() {
        let d = body[i].wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        sum += (i as u64 + 1) * d as u64;
        i += 1;
    }
    Some(((10 - sum % 10) % 10) as u8)
}

/// The two check digits (0–99) of the 9 leading digits of an IPI name number (ASCII):
/// weights 10, 9, …, 2 from the left, `r = S mod 101`, check `0` when `r` is 0, else
/// `(101 − r) mod 100`; `None` when a byte is not an ASCII digit.
///
/// ```
/// use ident_core::cisac::name_number_check;
/// assert_eq!(name_number_check(b"000177984"), Some(50));
/// assert_eq!(name_number_check(b"000363033"), Some(14));
/// ```
#[inline]
#[must_use]
pub const fn name_number_check(body: &[u8]) -> Option<u8> {
    let n = body.len();
    let mut sum: u64 = 0;
    let mut i = 0;
    while i < n {
        let d = body[i].wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        sum += (n - i + 1) as u64 * d as u64;
        i += 1;
    }
    let r = sum % 101;
    Some(if r == 0 { 0 } else { ((101 - r) % 100) as u8 })
}

/// Whether the 11 canonical bytes of an IPI name number (ASCII digits) carry the check digits
/// of [`name_number_check`]: word at a time, no branch on the data.
///
/// ```
/// assert!(ident_core::cisac::is_valid_name_number(b"00017798450"));
/// assert!(!ident_core::cisac::is_valid_name_number(b"00017798451"));
/// ```
#[inline(always)]
#[must_use]
pub const fn is_valid_name_number(bytes: &[u8; 11]) -> bool {
    /// Weights 10 … 3 of the first eight digits.
    const FIRST: Weights = Weights::new([10, 9, 8, 7, 6, 5, 4, 3]);
    /// Bytes 3 … 10: only the ninth digit (byte 8, weight 2) is not in `FIRST`.
    const LAST: Weights = Weights::new([0, 0, 0, 0, 0, 2, 0, 0]);
    /// Bytes 3 … 10: the two check digits as one number.
    const CHECK: Weights = Weights::new([0, 0, 0, 0, 0, 0, 10, 1]);
    /// The check digits of each weighted sum (at most 9 × 54 = 486): a load, not a division.
    const CHECK_OF_SUM: [u8; 512] = {
        let mut table = [0u8; 512];
        let mut sum = 0;
        while sum < 512 {
            let r = sum % 101;
            table[sum] = if r == 0 { 0 } else { ((101 - r) % 100) as u8 };
            sum += 1;
        }
        table
    };
    let (first, bad_first) = swar::digits(swar::load(bytes, 0));
    let (last, bad_last) = swar::digits(swar::load(bytes, 3));
    let expected = CHECK_OF_SUM[(FIRST.sum(first) + LAST.sum(last)) as usize & 511];
    ((bad_first | bad_last) == 0) & (CHECK.sum(last) == expected as u32)
}

/// A CISAC code of 11 canonical bytes: a letter, nine digits and the weighted mod 10 check
/// digit of [`weighted_check_digit`], with what the letter adds. [`LetterCode::ISWC`] and
/// [`LetterCode::IPI_BASE`] are the two there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LetterCode {
    letter: u8,
    initial: u32,
}

impl LetterCode {
    /// The ISWC: `T`, adding [`ISWC_INITIAL`].
    pub const ISWC: LetterCode = LetterCode {
        letter: b'T',
        initial: ISWC_INITIAL,
    };
    /// The IPI base number: `I`, adding [`IPI_BASE_INITIAL`].
    pub const IPI_BASE: LetterCode = LetterCode {
        letter: b'I',
        initial: IPI_BASE_INITIAL,
    };

    /// Whether `bytes` are the letter, nine digits and their check digit: word at a time, the
    /// check digit weighed 1 so that a valid code's whole sum is a multiple of 10.
    ///
    /// ```
    /// use ident_core::cisac::LetterCode;
    /// assert!(LetterCode::ISWC.is_valid(b"T0345246801"));
    /// assert!(!LetterCode::ISWC.is_valid(b"T0345246802"));
    /// assert!(LetterCode::IPI_BASE.is_valid(b"I0016524937"));
    /// assert!(!LetterCode::IPI_BASE.is_valid(b"T0016524937"));
    /// ```
    #[inline(always)]
    #[must_use]
    pub const fn is_valid(self, bytes: &[u8; 11]) -> bool {
        /// Bytes 0 … 7: the letter (read as `0`) and digits 1 … 7 at their weights.
        const FIRST: Weights = Weights::new([0, 1, 2, 3, 4, 5, 6, 7]);
        /// Bytes 3 … 10: digits 8 and 9, and the check digit at weight 1.
        const LAST: Weights = Weights::new([0, 0, 0, 0, 0, 8, 9, 1]);
        let (first, bad_first) = swar::digits(swar::with_byte(swar::load(bytes, 0), 0, b'0'));
        let (last, bad_last) = swar::digits(swar::load(bytes, 3));
        // At most 2 + 9 × 28 + 9 × 18 = 416.
        let sum = self.initial + FIRST.sum(first) + LAST.sum(last);
        ((bad_first | bad_last) == 0)
            & (bytes[0] == self.letter)
            & MULTIPLE_OF_TEN[sum as usize & 511]
    }

    /// The canonical bytes of the code whose nine digits are `number` (below 10⁹), with its
    /// check digit computed.
    ///
    /// ```
    /// use ident_core::cisac::LetterCode;
    /// assert_eq!(LetterCode::ISWC.with_check_digit(34_524_680), Some(*b"T0345246801"));
    /// assert_eq!(LetterCode::ISWC.with_check_digit(1_000_000_000), None);
    /// ```
    #[must_use]
    pub const fn with_check_digit(self, number: u32) -> Option<[u8; 11]> {
        if number > 999_999_999 {
            return None;
        }
        let mut bytes = [self.letter; 11];
        let mut n = number;
        let mut i = 9;
        while i >= 1 {
            bytes[i] = b'0' + (n % 10) as u8;
            n /= 10;
            i -= 1;
        }
        let (_, body) = bytes.split_at(1);
        let (body, _) = body.split_at(9);
        match weighted_check_digit(self.initial, body) {
            Some(check) => {
                bytes[10] = b'0' + check;
                Some(bytes)
            }
            None => None,
        }
    }

    /// The nine digits of valid canonical bytes, as a number.
    #[must_use]
    pub const fn number(bytes: &[u8; 11]) -> u32 {
        let mut n = 0;
        let mut i = 1;
        while i < 10 {
            n = n * 10 + (bytes[i] - b'0') as u32;
            i += 1;
        }
        n
    }

    /// The strict parse: exactly the 11 canonical bytes, valid. `layout` (the code type's,
    /// whose canonical form is this one) names what is wrong in an error, at byte positions
    /// from 1.
    ///
    /// # Errors
    /// A format error of `layout`, or [`ParseError::CheckDigit`] when the check digit does not
    /// match the nine digits.
    #[inline(always)]
    pub fn parse_strict(self, layout: &Layout, input: &[u8]) -> Result<Padded<11, 12>, ParseError> {
        if let Ok(bytes) = <&[u8; 11]>::try_from(input)
            && self.is_valid(bytes)
        {
            return Ok(Padded::new(bytes));
        }
        Err(self.strict_error(layout, input))
    }

    /// Why [`parse_strict`](Self::parse_strict) refused `input`; out of line so the fast path
    /// stays small.
    #[cold]
    #[inline(never)]
    fn strict_error(self, layout: &Layout, input: &[u8]) -> ParseError {
        if !layout.is_canonical(input) {
            return layout.strict_error(input);
        }
        ParseError::CheckDigit {
            expected: weighted_check_digit(self.initial, &input[1..10]).unwrap_or(0),
            found: input[10] - b'0',
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked examples of `../shared/reference/identifiers.md` §1 and §3.
    #[test]
    fn published_examples() {
        for (body, check) in [
            (&b"034524680"[..], 1),
            (b"030233207", 5),
            (b"000000001", 0),
            (b"123456789", 4), // DDEX's placeholder T1234567890 carries 0: it is invalid.
        ] {
            assert_eq!(weighted_check_digit(ISWC_INITIAL, body), Some(check));
        }
        for (body, check) in [(&b"001652493"[..], 7), (b"001631070", 4), (b"001635620", 8)] {
            assert_eq!(weighted_check_digit(IPI_BASE_INITIAL, body), Some(check));
        }
        for (body, check) in [
            (&b"000177984"[..], 50),
            (b"000870381", 66),
            (b"000363033", 14),
            (b"001197505", 68), // Wikidata's Picasso example prints 69: invalid.
            (b"318234619", 2),  // DDEX's illustrative 31823461941: invalid.
            (b"735195278", 35), // DDEX's illustrative 73519527851: invalid.
        ] {
            assert_eq!(name_number_check(body), Some(check), "{body:?}");
        }
        assert_eq!(weighted_check_digit(1, b"12x"), None);
        assert_eq!(name_number_check(b"12x"), None);
    }

    /// The word-at-a-time checks agree with the plain sums: for codes made from many numbers,
    /// the code and every change of one byte of it.
    #[test]
    fn fast_checks_agree_with_the_plain_sums() {
        let bytes_to_try = [
            b'0', b'1', b'5', b'9', b'/', b':', b'T', b'I', b't', b'X', 0xC3,
        ];
        for seed in 0..3_000u32 {
            let number = seed.wrapping_mul(2_654_435_761) % 1_000_000_000;
            for kind in [LetterCode::ISWC, LetterCode::IPI_BASE] {
                let code = kind.with_check_digit(number).unwrap();
                assert!(kind.is_valid(&code));
                assert_eq!(LetterCode::number(&code), number);
                for at in 0..11 {
                    for &b in &bytes_to_try {
                        let mut other = code;
                        other[at] = b;
                        let plain = other[0] == kind.letter
                            && other[1..].iter().all(u8::is_ascii_digit)
                            && weighted_check_digit(kind.initial, &other[1..10])
                                == Some(other[10] - b'0');
                        assert_eq!(kind.is_valid(&other), plain, "{other:?}");
                    }
                }
            }
            let nine: [u8; 9] =
                core::array::from_fn(|i| b'0' + (number / 10u32.pow(8 - i as u32) % 10) as u8);
            let check = name_number_check(&nine).unwrap();
            let mut name = [0u8; 11];
            name[..9].copy_from_slice(&nine);
            name[9] = b'0' + check / 10;
            name[10] = b'0' + check % 10;
            for at in 0..11 {
                for &b in &bytes_to_try {
                    let mut other = name;
                    other[at] = b;
                    let plain = other.iter().all(u8::is_ascii_digit)
                        && name_number_check(&other[..9])
                            == Some((other[9] - b'0') * 10 + other[10] - b'0');
                    assert_eq!(is_valid_name_number(&other), plain, "{other:?}");
                }
            }
        }
    }
}
