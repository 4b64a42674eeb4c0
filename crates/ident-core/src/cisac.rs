//! The check digits of CISAC's identifiers, as `const fn`s.
//!
//! - [`weighted_check_digit`]: the weighted mod 10 of an ISWC (ISO 15707 Annex B) and of an
//!   IPI base number, which differ only in what their letter adds.
//! - [`name_number_check`]: the mod 101 pair of check digits of an IPI name number.
//!
//! Rules and worked examples: `../shared/reference/identifiers.md` §0 C and D.

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
}
