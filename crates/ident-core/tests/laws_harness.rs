//! The law harness run against a toy code with a check digit (four digits, GS1 mod-10 last),
//! and against deliberately broken variants to show each law can fail.

#![cfg(feature = "testing")]

use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use ident_core::laws::proptest::prelude::*;
use ident_core::{Code, ParseError, clean, gs1};

/// Three digits and a GS1 check digit, e.g. `0123`... only when the check digit fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Toy([u8; 4]);

impl Toy {
    fn from_body(body: u16) -> Toy {
        let digits = [
            (body / 100) as u8,
            (body / 10 % 10) as u8,
            (body % 10) as u8,
        ];
        let ascii = digits.map(|d| b'0' + d);
        let check = gs1::check_digit(&ascii).expect("digits");
        Toy([ascii[0], ascii[1], ascii[2], b'0' + check])
    }
}

impl fmt::Display for Toy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.0).expect("ascii"))
    }
}

impl FromStr for Toy {
    type Err = ParseError;
    fn from_str(input: &str) -> Result<Toy, ParseError> {
        let (offset, text) = clean::trim(input);
        if text.is_empty() {
            return Err(ParseError::Empty {
                expected: "4 digits",
            });
        }
        let mut digits = [0u8; 4];
        let mut n = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'-' && i > 0 && n > 0 && n < 4 {
                continue;
            }
            if !b.is_ascii_digit() {
                return Err(ParseError::InvalidChar {
                    position: clean::position(input, offset + i),
                    found: clean::char_at(input, offset + i),
                    element: "toy code",
                    expected: ident_core::CharClass::Digit,
                });
            }
            if n == 4 {
                return Err(ParseError::Length {
                    expected: "4 digits",
                    found: 5,
                });
            }
            digits[n] = b;
            n += 1;
        }
        if n != 4 {
            return Err(ParseError::Length {
                expected: "4 digits",
                found: n,
            });
        }
        Toy::parse_strict(&digits)
    }
}

impl Toy {
    /// Exactly the four canonical digits.
    fn parse_strict(input: &[u8]) -> Result<Toy, ParseError> {
        let Ok(digits) = <[u8; 4]>::try_from(input) else {
            return Err(ParseError::Length {
                expected: "4 digits",
                found: input.len(),
            });
        };
        if let Some(i) = digits.iter().position(|b| !b.is_ascii_digit()) {
            return Err(ParseError::InvalidChar {
                position: i + 1,
                found: clean::byte_char(digits[i]),
                element: "toy code",
                expected: ident_core::CharClass::Digit,
            });
        }
        let expected = gs1::check_digit(&digits[..3]).expect("digits");
        if digits[3] - b'0' != expected {
            return Err(ParseError::CheckDigit {
                expected,
                found: digits[3] - b'0',
            });
        }
        Ok(Toy(digits))
    }
}

/// The toy without a flaw: what the generated laws run against.
const SOUND: u8 = 0;
/// `Ord` runs against the order of the text.
const REVERSED_ORDER: u8 = 1;
/// The strict parser also takes surrounding whitespace.
const LAX_STRICT: u8 = 2;
/// The parsers ignore the check digit.
const NO_CHECK: u8 = 3;
/// A wrong check digit is reported as a length error.
const MISREPORTED_CHECK: u8 = 4;
/// serde also reads a JSON number.
const NUMBER_SERDE: u8 = 5;
/// `Display` prints a hyphenated spelling that the strict parser refuses.
const HYPHENATED_DISPLAY: u8 = 6;

/// The toy code as a [`Code`], carrying the deliberate flaw `FLAW` (or none, [`SOUND`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Flawed<const FLAW: u8>(Toy);

type Sound = Flawed<SOUND>;

fn toy<const FLAW: u8>(body: u16) -> Flawed<FLAW> {
    Flawed(Toy::from_body(body))
}

impl<const FLAW: u8> Flawed<FLAW> {
    /// A sound parser's `result` on `text`, with the check-digit flaws applied.
    fn from_result(result: Result<Toy, ParseError>, text: &[u8]) -> Result<Self, ParseError> {
        match result {
            Err(ParseError::CheckDigit { .. }) if FLAW == NO_CHECK => {
                let digits: Vec<u8> = text.iter().copied().filter(u8::is_ascii_digit).collect();
                let digits = digits
                    .try_into()
                    .expect("a check-digit error has four digits");
                Ok(Flawed(Toy(digits)))
            }
            Err(ParseError::CheckDigit { .. }) if FLAW == MISREPORTED_CHECK => {
                Err(ParseError::Length {
                    expected: "4 digits",
                    found: 4,
                })
            }
            other => other.map(Flawed),
        }
    }
}

impl<const FLAW: u8> Ord for Flawed<FLAW> {
    fn cmp(&self, other: &Self) -> Ordering {
        if FLAW == REVERSED_ORDER {
            other.0.cmp(&self.0)
        } else {
            self.0.cmp(&other.0)
        }
    }
}

impl<const FLAW: u8> PartialOrd for Flawed<FLAW> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<const FLAW: u8> fmt::Display for Flawed<FLAW> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if FLAW == HYPHENATED_DISPLAY {
            let s = self.0.to_string();
            write!(f, "{}-{}", &s[..2], &s[2..])
        } else {
            fmt::Display::fmt(&self.0, f)
        }
    }
}

impl<const FLAW: u8> FromStr for Flawed<FLAW> {
    type Err = ParseError;
    fn from_str(input: &str) -> Result<Self, ParseError> {
        Self::from_result(input.parse(), input.as_bytes())
    }
}

impl<const FLAW: u8> Code for Flawed<FLAW> {
    type Error = ParseError;
    const NAME: &'static str = "toy";
    fn parse_strict(input: &[u8]) -> Result<Self, ParseError> {
        let input = if FLAW == LAX_STRICT {
            input.trim_ascii()
        } else {
            input
        };
        Self::from_result(Toy::parse_strict(input), input)
    }
}

impl<const FLAW: u8> serde::Serialize for Flawed<FLAW> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de, const FLAW: u8> serde::Deserialize<'de> for Flawed<FLAW> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if FLAW != NUMBER_SERDE {
            return ident_core::serde::deserialize(d, "a toy code as a string");
        }
        struct V<T>(PhantomData<T>);
        impl<const FLAW: u8> serde::de::Visitor<'_> for V<Flawed<FLAW>> {
            type Value = Flawed<FLAW>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a toy code as a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Flawed<FLAW>, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Flawed<FLAW>, E> {
                self.visit_str(&format!("{v:04}"))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

fn valid() -> BoxedStrategy<Sound> {
    (0u16..1000).prop_map(toy).boxed()
}

fn spellings(x: &Sound) -> Vec<String> {
    let s = x.to_string();
    vec![format!("{}-{}", &s[..2], &s[2..])]
}

ident_core::code_laws! {
    type: Sound,
    valid: valid(),
    spellings: spellings,
    check_digit: true,
}

#[test]
fn the_laws_catch_a_refused_spelling() {
    let x = toy::<SOUND>(12);
    let refused = vec![format!("{x}/")];
    assert!(ident_core::laws::lenient(x, refused, "", "").is_err());
}

#[test]
fn the_laws_catch_a_lone_bad_value() {
    // The round-trip and order laws hold for good values and report a broken one.
    let (a, b) = (toy::<SOUND>(1), toy::<SOUND>(999));
    assert!(ident_core::laws::order(a, b).is_ok());
    assert!(ident_core::laws::round_trip(a).is_ok());
    let forged: Sound = Flawed(Toy(*b"0000"));
    assert!(
        ident_core::laws::round_trip(forged).is_ok(),
        "0000 has a valid check digit"
    );
    let forged: Sound = Flawed(Toy(*b"0001"));
    assert!(
        ident_core::laws::round_trip(forged).is_err(),
        "0001 does not parse back"
    );
}

// Each law against the flaw it exists to catch, beside the sound toy that passes it, so a law
// that could never fail would show here.

#[test]
fn the_round_trip_law_catches_a_display_the_strict_parser_refuses() {
    assert!(ident_core::laws::round_trip(toy::<SOUND>(123)).is_ok());
    assert!(ident_core::laws::round_trip(toy::<HYPHENATED_DISPLAY>(123)).is_err());
}

#[test]
fn the_order_law_catches_an_order_that_is_not_text_order() {
    assert!(ident_core::laws::order(toy::<SOUND>(1), toy::<SOUND>(999)).is_ok());
    assert!(ident_core::laws::order(toy::<REVERSED_ORDER>(1), toy::<REVERSED_ORDER>(999)).is_err());
}

#[test]
fn the_totality_laws_catch_a_lax_strict_parser() {
    assert!(ident_core::laws::total::<Sound>(" 0000").is_ok());
    assert!(ident_core::laws::total::<Flawed<LAX_STRICT>>(" 0000").is_err());
    assert!(ident_core::laws::total_bytes::<Sound>(b"0000\n").is_ok());
    assert!(ident_core::laws::total_bytes::<Flawed<LAX_STRICT>>(b"0000\n").is_err());
}

#[test]
fn the_substitution_law_catches_an_unchecked_or_misreported_check_digit() {
    assert!(ident_core::laws::single_substitution(toy::<SOUND>(123)).is_ok());
    assert!(ident_core::laws::single_substitution(toy::<NO_CHECK>(123)).is_err());
    assert!(ident_core::laws::single_substitution(toy::<MISREPORTED_CHECK>(123)).is_err());
    assert!(ident_core::laws::substitution_is_check_error(toy::<SOUND>(123)).is_ok());
    assert!(ident_core::laws::substitution_is_check_error(toy::<NO_CHECK>(123)).is_ok());
    assert!(ident_core::laws::substitution_is_check_error(toy::<MISREPORTED_CHECK>(123)).is_err());
}

#[test]
fn the_serde_law_catches_a_json_number() {
    assert!(ident_core::laws::serde_round_trip(toy::<SOUND>(123)).is_ok());
    assert!(ident_core::laws::serde_round_trip(toy::<NUMBER_SERDE>(123)).is_err());
}
