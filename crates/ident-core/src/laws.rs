//! The property laws every code type must pass, run by each code crate's tests through
//! [`code_laws!`](crate::code_laws) so that `isrc` and `upc` are held to one harness.
//!
//! The laws:
//! - **round trip**: `parse(display(x)) == x`, through [`FromStr`](core::str::FromStr) and
//!   through [`Code::parse_strict`];
//! - **total**: parsing never panics on any string (non-ASCII, very long, near misses of valid
//!   codes) nor on any bytes, and whatever it accepts prints a form that parses back to it;
//! - **lenient spellings**: every spelling the type documents as accepted (lower case,
//!   surrounding whitespace, separators, labels) parses to the same value;
//! - **order**: `Ord` agrees with the order of the canonical strings;
//! - **serde**: a value serialises as its canonical string and deserialises back; a JSON number
//!   is refused;
//! - **check digits** (for codes that carry one): every single-digit substitution is detected
//!   as a check-digit error — or, for a check system that misses some (the weighted mod 10 of
//!   ISWC and IPI base numbers: weight 2 misses a change by 5), every substitution that is
//!   refused is refused as a check-digit error, never as a format error.

use std::string::{String, ToString};
use std::vec::Vec;

pub use proptest;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::{Code, CodeError};

/// What the laws need of a code type beyond [`Code`]: serde through the string form.
pub trait Lawful: Code + serde::Serialize + serde::de::DeserializeOwned {}

impl<T: Code + serde::Serialize + serde::de::DeserializeOwned> Lawful for T {}

/// `parse(display(x)) == x` for the lenient and the strict parser.
///
/// # Errors
/// A failed law, as a proptest failure.
pub fn round_trip<T: Lawful>(x: T) -> Result<(), TestCaseError> {
    let shown = x.to_string();
    let parsed: T = shown
        .parse()
        .map_err(|e| TestCaseError::fail(std::format!("{shown:?} does not parse back: {e}")))?;
    prop_assert_eq!(parsed, x);
    let strict = T::parse_strict(shown.as_bytes())
        .map_err(|e| TestCaseError::fail(std::format!("{shown:?} fails the strict parser: {e}")))?;
    prop_assert_eq!(strict, x);
    Ok(())
}

/// Parsing `input` never panics, and an accepted input prints a canonical form that parses back
/// to the same value (both parsers agree on canonical input).
///
/// # Errors
/// A failed law, as a proptest failure.
pub fn total<T: Lawful>(input: &str) -> Result<(), TestCaseError> {
    if let Ok(x) = input.parse::<T>() {
        let shown = x.to_string();
        prop_assert_eq!(
            shown.parse::<T>().ok(),
            Some(x),
            "{:?} -> {:?}",
            input,
            shown
        );
        prop_assert_eq!(T::parse_strict(shown.as_bytes()).ok(), Some(x));
    }
    if let Ok(x) = T::parse_strict(input.as_bytes()) {
        prop_assert_eq!(
            x.to_string(),
            input,
            "the strict parser accepts only canonical input"
        );
    }
    Ok(())
}

/// The strict parser never panics on any bytes and accepts only canonical text.
///
/// # Errors
/// A failed law, as a proptest failure.
pub fn total_bytes<T: Lawful>(input: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(x) = T::parse_strict(input) {
        let shown = x.to_string();
        prop_assert_eq!(shown.as_bytes(), input);
    }
    Ok(())
}

/// Every lenient spelling of `x`, with and without surrounding whitespace, parses to `x`.
/// `spellings` are the type's own (separators, labels, mixed case); the all-lower-case form
/// and surrounding whitespace are added here.
///
/// # Errors
/// A failed law, as a proptest failure.
pub fn lenient<T: Lawful>(
    x: T,
    mut spellings: Vec<String>,
    before: &str,
    after: &str,
) -> Result<(), TestCaseError> {
    let canonical = x.to_string();
    spellings.push(canonical.to_ascii_lowercase());
    spellings.push(canonical);
    for spelling in spellings {
        for candidate in [spelling.clone(), std::format!("{before}{spelling}{after}")] {
            match candidate.parse::<T>() {
                Ok(parsed) => prop_assert_eq!(parsed, x, "{:?}", candidate),
                Err(e) => {
                    return Err(TestCaseError::fail(std::format!(
                        "lenient spelling {candidate:?} of {x} is refused: {e}"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// `Ord` agrees with the order of the canonical strings, and `Eq` with their equality.
///
/// # Errors
/// A failed law, as a proptest failure.
pub fn order<T: Lawful>(a: T, b: T) -> Result<(), TestCaseError> {
    let (sa, sb) = (a.to_string(), b.to_string());
    prop_assert_eq!(a.cmp(&b), sa.cmp(&sb), "{} vs {}", sa, sb);
    prop_assert_eq!(a == b, sa == sb);
    Ok(())
}

/// serde writes the canonical string, reads it back, and refuses a JSON number.
///
/// # Errors
/// A failed law, as a proptest failure.
pub fn serde_round_trip<T: Lawful>(x: T) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(&x).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&json, &std::format!("\"{x}\""));
    let back: T = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(back, x);
    let digits: String = x.to_string().chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let number = digits.trim_start_matches('0');
        let number = if number.is_empty() { "0" } else { number };
        prop_assert!(
            serde_json::from_str::<T>(number).is_err(),
            "a JSON number was accepted"
        );
    }
    Ok(())
}

/// Replacing any one digit of the canonical form by another digit is refused, and refused as a
/// check-digit error: the shape is still right, so any other error would misreport it. (A digit
/// of fixed text, such as the `1` of a GRid's `A1`, is refused as the wrong text instead.)
///
/// # Errors
/// A failed law, as a proptest failure.
pub fn single_substitution<T: Lawful>(x: T) -> Result<(), TestCaseError> {
    substitution::<T>(x, true)
}

/// Replacing any one digit of the canonical form by another digit gives a valid code or a
/// check-digit error, never a format error: the law for check systems that do not detect every
/// substitution.
///
/// # Errors
/// A failed law, as a proptest failure.
pub fn substitution_is_check_error<T: Lawful>(x: T) -> Result<(), TestCaseError> {
    substitution::<T>(x, false)
}

fn substitution<T: Lawful>(x: T, detects_all: bool) -> Result<(), TestCaseError> {
    let canonical = x.to_string().into_bytes();
    for i in 0..canonical.len() {
        if !canonical[i].is_ascii_digit() {
            continue;
        }
        for d in b'0'..=b'9' {
            if d == canonical[i] {
                continue;
            }
            let mut changed = canonical.clone();
            changed[i] = d;
            let text =
                String::from_utf8(changed).map_err(|e| TestCaseError::fail(e.to_string()))?;
            match text.parse::<T>() {
                Ok(y) if detects_all => {
                    return Err(TestCaseError::fail(std::format!(
                        "substitution at {i} not detected: {x} -> {text} parsed as {y}"
                    )));
                }
                Ok(y) => prop_assert_ne!(y, x),
                // A digit of fixed text (the `1` of a GRid's scheme `A1`) belongs to the
                // shape: changing it is a format error, rightly.
                Err(e) if matches!(e.as_parse_error(), Some(crate::ParseError::Literal { .. })) => {
                }
                Err(e) => {
                    prop_assert!(
                        e.is_check_digit(),
                        "{} -> {}: expected a check-digit error, got {}",
                        x,
                        text,
                        e
                    );
                }
            }
        }
    }
    Ok(())
}

/// Strings near a valid code: one character inserted, removed or replaced, so the laws reach
/// the parser's deeper branches and not only its first check.
pub fn near_misses<T: Lawful>(valid: BoxedStrategy<T>) -> BoxedStrategy<String> {
    (valid, any::<prop::sample::Index>(), any::<char>(), 0..3u8)
        .prop_map(|(x, at, c, op)| {
            let mut chars: Vec<char> = x.to_string().chars().collect();
            let i = at.index(chars.len() + 1);
            match op {
                0 => chars.insert(i, c),
                1 if i < chars.len() => {
                    chars.remove(i);
                }
                _ if i < chars.len() => chars[i] = c,
                _ => chars.push(c),
            }
            chars.into_iter().collect()
        })
        .boxed()
}

/// Any string: short arbitrary Unicode, long arbitrary Unicode, and near misses.
pub fn any_text<T: Lawful>(valid: BoxedStrategy<T>) -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<char>(), 0..4096).prop_map(String::from_iter),
        "[ -~]{0,40}",
        near_misses(valid),
    ]
    .boxed()
}

/// Whitespace that may surround a code.
pub fn whitespace() -> BoxedStrategy<String> {
    "[ \t\r\n\u{a0}]{0,3}".boxed()
}

/// Expands to the law tests for a code type, in the calling test crate (so proptest's
/// regression files land beside that crate's tests).
///
/// ```text
/// ident_core::code_laws! {
///     type: Isrc,
///     valid: strategy(),            // a `BoxedStrategy<Isrc>` of valid values
///     spellings: lenient_spellings, // fn(&Isrc) -> Vec<String>
/// }
/// ```
/// Add `check_digit: true,` for a code with a check digit to run the substitution law too, or
/// `check_digit: partial,` for a check system that does not detect every substitution.
#[macro_export]
macro_rules! code_laws {
    (type: $ty:ty, valid: $valid:expr, spellings: $spellings:expr $(,)?) => {
        $crate::laws::proptest::proptest! {
            #[test]
            fn law_round_trip(x in $valid) {
                $crate::laws::round_trip::<$ty>(x)?;
            }

            #[test]
            fn law_total(s in $crate::laws::any_text::<$ty>($valid)) {
                $crate::laws::total::<$ty>(&s)?;
            }

            #[test]
            fn law_total_bytes(b in $crate::laws::proptest::collection::vec(
                $crate::laws::proptest::prelude::any::<u8>(), 0..32)) {
                $crate::laws::total_bytes::<$ty>(&b)?;
            }

            #[test]
            fn law_lenient(
                x in $valid,
                before in $crate::laws::whitespace(),
                after in $crate::laws::whitespace(),
            ) {
                let spellings: ::std::vec::Vec<::std::string::String> = ($spellings)(&x);
                $crate::laws::lenient::<$ty>(x, spellings, &before, &after)?;
            }

            #[test]
            fn law_order(a in $valid, b in $valid) {
                $crate::laws::order::<$ty>(a, b)?;
                $crate::laws::order::<$ty>(a, a)?;
            }

            #[test]
            fn law_serde(x in $valid) {
                $crate::laws::serde_round_trip::<$ty>(x)?;
            }
        }
    };
    (type: $ty:ty, valid: $valid:expr, spellings: $spellings:expr, check_digit: true $(,)?) => {
        $crate::code_laws!(type: $ty, valid: $valid, spellings: $spellings);

        $crate::laws::proptest::proptest! {
            #[test]
            fn law_single_substitution(x in $valid) {
                $crate::laws::single_substitution::<$ty>(x)?;
            }
        }
    };
    (type: $ty:ty, valid: $valid:expr, spellings: $spellings:expr, check_digit: partial $(,)?) => {
        $crate::code_laws!(type: $ty, valid: $valid, spellings: $spellings);

        $crate::laws::proptest::proptest! {
            #[test]
            fn law_substitution_is_check_error(x in $valid) {
                $crate::laws::substitution_is_check_error::<$ty>(x)?;
            }
        }
    };
}
