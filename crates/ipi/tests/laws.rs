//! The laws every code type obeys (ident-core's shared harness), run against `NameNumber`
//! and `BaseNumber`, and the published examples.

use ipi::{BaseNumber, Error, NameNumber};
use proptest::prelude::*;

fn body() -> BoxedStrategy<u32> {
    prop_oneof![Just(0u32), Just(999_999_999u32), 0..=999_999_999u32].boxed()
}

fn valid_name() -> BoxedStrategy<NameNumber> {
    body()
        .prop_map(|n| NameNumber::from_body(n).unwrap())
        .boxed()
}

fn valid_base() -> BoxedStrategy<BaseNumber> {
    body()
        .prop_map(|n| BaseNumber::from_body(n).unwrap())
        .boxed()
}

mod name {
    use super::*;

    fn spellings(x: &NameNumber) -> Vec<String> {
        let s = x.to_string();
        vec![
            format!("IPI {s}"),
            format!("ipi:{s}"),
            format!("{}.{}.{}.{}", &s[..3], &s[3..6], &s[6..9], &s[9..]),
            format!("{} {}", &s[..9], &s[9..]),
        ]
    }

    ident_core::code_laws! {
        type: NameNumber,
        valid: valid_name(),
        spellings: spellings,
        check_digit: true,
    }
}

mod base {
    use super::*;

    fn spellings(x: &BaseNumber) -> Vec<String> {
        let h = x.hyphenated().to_string();
        vec![
            h.clone(),
            h.replace('-', " "),
            format!("IPI {h}"),
            format!("ipi:{}", x.to_string().to_lowercase()),
        ]
    }

    ident_core::code_laws! {
        type: BaseNumber,
        valid: valid_base(),
        spellings: spellings,
        check_digit: partial,
    }
}

/// `../shared/reference/identifiers.md` §3.
#[test]
fn published_examples() {
    for ok in ["00017798450", "00087038166", "00036303314"] {
        ok.parse::<NameNumber>()
            .unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    assert_eq!(
        NameNumber::from_number(36_303_314).unwrap().to_string(),
        "00036303314"
    );
    for (bad, right) in [
        ("00119750569", "68"),
        ("31823461941", "02"),
        ("73519527851", "35"),
    ] {
        let err = bad.parse::<NameNumber>().unwrap_err();
        assert!(err.is_check_digit());
        assert_eq!(
            err.to_string(),
            format!(
                "check character mismatch: expected {right}, found {}",
                &bad[9..]
            )
        );
    }
    for ok in ["I-001652493-7", "I-001631070-4", "I-001635620-8"] {
        let x: BaseNumber = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(x.hyphenated().to_string(), ok);
    }
    assert_eq!(
        "I-001652493-5".parse::<BaseNumber>(),
        Err(Error::CheckDigit {
            expected: 7,
            found: 5
        })
    );
}

#[test]
fn errors_say_what_and_where() {
    let cases: [(&str, &str); 4] = [
        ("", "empty input: expected an IPI name number of 11 digits"),
        ("0001779845", "invalid length: expected 11 digits, found 10"),
        (
            "000-177-984 5O",
            "invalid character 'O' at position 14 in the check digits: expected a digit 0-9",
        ),
        (
            "0001779845--0",
            "misplaced separator '-' at position 12: a separator goes only between two characters, one at a time",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            input.parse::<NameNumber>().unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
    assert_eq!(
        "J-001652493-7"
            .parse::<BaseNumber>()
            .unwrap_err()
            .to_string(),
        "invalid character 'J' at position 1 in the header: expected 'I'"
    );
    assert!(matches!(
        NameNumber::from_number(100_000_000_000),
        Err(Error::Length { found: 12, .. })
    ));
}

proptest! {
    #[test]
    fn parts_rebuild_the_codes(n in valid_name(), b in valid_base()) {
        prop_assert_eq!(NameNumber::from_number(n.number()), Ok(n));
        prop_assert_eq!(format!("{:011}", n.number()), n.to_string());
        prop_assert_eq!(BaseNumber::from_body(b.body()), Some(b));
    }
}
