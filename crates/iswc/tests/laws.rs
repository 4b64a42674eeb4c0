//! The laws every code type obeys (ident-core's shared harness), run against `Iswc`, and the
//! published examples.

use iswc::{Error, Iswc};
use proptest::prelude::*;

fn valid() -> BoxedStrategy<Iswc> {
    prop_oneof![Just(0u32), Just(999_999_999u32), 0..=999_999_999u32]
        .prop_map(|n| Iswc::from_work_number(n).unwrap())
        .boxed()
}

/// Every spelling the parser documents as accepted.
fn spellings(x: &Iswc) -> Vec<String> {
    let canonical = x.to_string();
    let hyphenated = x.hyphenated().to_string();
    vec![
        hyphenated.clone(),
        hyphenated.replace(['-', '.'], " "),
        format!("ISWC {hyphenated}"),
        format!("iswc:{canonical}"),
        format!(
            "{}-{}-{}",
            &canonical[..1],
            &canonical[1..10],
            &canonical[10..]
        ),
    ]
}

ident_core::code_laws! {
    type: Iswc,
    valid: valid(),
    spellings: spellings,
    check_digit: partial,
}

#[test]
fn the_documented_spellings_parse() {
    let x: Iswc = "T0345246801".parse().unwrap();
    for spelling in spellings(&x) {
        assert_eq!(spelling.parse::<Iswc>().unwrap(), x, "{spelling:?}");
    }
}

/// `../shared/reference/identifiers.md` §1.
#[test]
fn published_examples() {
    for ok in ["T-034.524.680-1", "T0302332075", "T-000.000.001-0"] {
        let x: Iswc = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(x.to_string(), ok.replace(['-', '.'], ""));
    }
    assert_eq!(
        "T1234567890".parse::<Iswc>(),
        Err(Error::CheckDigit {
            expected: 4,
            found: 0
        })
    );
}

#[test]
fn errors_say_what_and_where() {
    let cases: [(&str, &str); 7] = [
        ("", "empty input: expected an ISWC of 11 characters"),
        (
            "T034524680",
            "invalid length: expected 11 characters, found 10",
        ),
        (
            "X0345246801",
            "invalid character 'X' at position 1 in the prefix: expected 'T'",
        ),
        (
            "T-0345.24680-1",
            "misplaced separator '.' at position 7: separators may stand only between two elements, one at each boundary",
        ),
        (
            "T0345246801 x",
            "unexpected text after the code at position 13: found 'x'",
        ),
        (
            "T03452468é1",
            "invalid character 'é' at position 10 in the work number: expected a digit 0-9",
        ),
        ("T0345246802", "check digit mismatch: expected 1, found 2"),
    ];
    for (input, message) in cases {
        assert_eq!(
            input.parse::<Iswc>().unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
    assert_eq!(
        Iswc::parse_strict(b"t0345246801").unwrap_err().position(),
        Some(1)
    );
}

proptest! {
    #[test]
    fn parts_rebuild_the_code(x in valid()) {
        prop_assert_eq!(Iswc::from_work_number(x.work_number()), Some(x));
        let text = x.to_string();
        prop_assert_eq!(&format!("T{:09}{}", x.work_number(), x.check_digit()), &text);
        prop_assert_eq!(x.to_bytes(), *<&[u8; 11]>::try_from(text.as_bytes()).unwrap());
    }
}
