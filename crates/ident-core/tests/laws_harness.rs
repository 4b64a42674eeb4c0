//! The law harness run against a toy code with a check digit (four digits, GS1 mod-10 last),
//! and against deliberately broken variants to show each law can fail.

#![cfg(feature = "testing")]

use std::fmt;
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

impl Code for Toy {
    type Error = ParseError;
    const NAME: &'static str = "toy";
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
    fn parse_error(error: &ParseError) -> Option<&ParseError> {
        Some(error)
    }
}

impl serde::Serialize for Toy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Toy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Toy, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Toy;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a toy code as a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Toy, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

fn valid() -> BoxedStrategy<Toy> {
    (0u16..1000).prop_map(Toy::from_body).boxed()
}

fn spellings(x: &Toy) -> Vec<String> {
    let s = x.to_string();
    vec![format!("{}-{}", &s[..2], &s[2..])]
}

ident_core::code_laws! {
    type: Toy,
    valid: valid(),
    spellings: spellings,
    check_digit: true,
}

#[test]
fn the_laws_catch_a_refused_spelling() {
    let x = Toy::from_body(12);
    let refused = vec![format!("{x}/")];
    assert!(ident_core::laws::lenient(x, refused, "", "").is_err());
}

#[test]
fn the_laws_catch_a_lone_bad_value() {
    // The round-trip and order laws hold for good values and report a broken one.
    let (a, b) = (Toy::from_body(1), Toy::from_body(999));
    assert!(ident_core::laws::order(a, b).is_ok());
    assert!(ident_core::laws::round_trip(a).is_ok());
    let forged = Toy(*b"0000");
    assert!(
        ident_core::laws::round_trip(forged).is_ok(),
        "0000 has a valid check digit"
    );
    let forged = Toy(*b"0001");
    assert!(
        ident_core::laws::round_trip(forged).is_err(),
        "0001 does not parse back"
    );
}
