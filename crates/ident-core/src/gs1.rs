//! The GS1 mod-10 check digit (GS1 General Specifications §7.9.1), shared by every GTIN form.
//!
//! Weights alternate 3, 1, 3, … starting from the digit nearest the check digit, so one
//! function serves GTIN-8, -12, -13 and -14 and a body padded with leading zeros keeps its
//! check digit. Computing and verifying go through the same [`check_digit`].

/// The check digit (0–9) for `body`, a slice of ASCII digits without its check digit, or
/// `None` when `body` holds a byte that is not an ASCII digit.
///
/// ```
/// assert_eq!(ident_core::gs1::check_digit(b"400638133393"), Some(1));
/// assert_eq!(ident_core::gs1::check_digit(b"40063813339x"), None);
/// ```
#[must_use]
pub const fn check_digit(body: &[u8]) -> Option<u8> {
    weighted_check_digit::<b'0'>(body)
}

/// The check digit for a body given as digit values (0–9) rather than ASCII, or `None`
/// when a value is above 9.
#[must_use]
pub const fn check_digit_of_values(body: &[u8]) -> Option<u8> {
    weighted_check_digit::<0>(body)
}

/// The one weighted sum behind both entry points: each byte less `ZERO` is a digit value,
/// and a byte that does not give 0–9 (wrapping below `ZERO` included) is not a digit. The sum
/// is a `u64` so that no body a caller can hold in memory overflows it.
#[inline]
const fn weighted_check_digit<const ZERO: u8>(body: &[u8]) -> Option<u8> {
    let mut sum: u64 = 0;
    let mut i = 0;
    let n = body.len();
    while i < n {
        let d = body[n - 1 - i].wrapping_sub(ZERO);
        if d > 9 {
            return None;
        }
        let weight = if i % 2 == 0 { 3 } else { 1 };
        sum += weight * d as u64;
        i += 1;
    }
    Some(((10 - sum % 10) % 10) as u8)
}

/// Whether `code` (ASCII digits, check digit last) carries the right check digit.
///
/// ```
/// assert!(ident_core::gs1::is_valid(b"4006381333931"));
/// assert!(!ident_core::gs1::is_valid(b"4006381333932"));
/// ```
#[must_use]
pub const fn is_valid(code: &[u8]) -> bool {
    let Some((last, body)) = code.split_last() else {
        return false;
    };
    match check_digit(body) {
        Some(expected) => *last == b'0' + expected,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        assert_eq!(check_digit(b"400638133393"), Some(1));
        assert!(is_valid(b"036000291452"));
        assert!(is_valid(b"0036000291452"));
        assert!(is_valid(b"00036000291452"));
        assert!(is_valid(b"96385074"));
        assert!(!is_valid(b""));
        assert!(!is_valid(b"3"));
        assert_eq!(check_digit(b""), Some(0));
    }

    #[test]
    fn values_agree_with_ascii() {
        let ascii = b"0123456789012";
        let values: [u8; 13] = core::array::from_fn(|i| ascii[i] - b'0');
        assert_eq!(check_digit(ascii), check_digit_of_values(&values));
        assert_eq!(check_digit_of_values(&[10]), None);
        assert_eq!(check_digit_of_values(&[u8::MAX]), None);
        assert_eq!(check_digit(b"0123/"), None, "a byte just below '0'");
        assert_eq!(check_digit(b"0123:"), None, "a byte just above '9'");
    }

    #[test]
    fn leading_zeros_keep_the_check_digit() {
        assert_eq!(check_digit(b"03600029145"), check_digit(b"0003600029145"));
    }
}
