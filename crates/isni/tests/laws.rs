//! The laws every code type obeys (ident-core's shared harness), run against `Isni`, and the
//! published examples.

use isni::{Error, Isni, Warning};
use proptest::prelude::*;

fn valid() -> BoxedStrategy<Isni> {
    prop_oneof![
        Just(0u64),
        Just(999_999_999_999_999u64),
        0..1_000_000_000_000_000u64,
        // ISNI's own numbers and ORCID's blocks, where real ones are.
        0..400_000_000u64,
        9_000_000_000_000..9_001_000_000_000u64,
    ]
    .prop_map(|n| Isni::from_number(n).unwrap())
    .boxed()
}

/// Every spelling the parser documents as accepted.
fn spellings(x: &Isni) -> Vec<String> {
    let grouped = x.grouped().to_string();
    let hyphenated = x.hyphenated().to_string();
    vec![
        grouped.clone(),
        format!("{:#}", x.grouped()),
        format!("isni:{x}"),
        format!("ORCID {hyphenated}"),
        hyphenated,
        format!("{}-{}", &grouped[..9], &grouped[10..]),
    ]
}

ident_core::code_laws! {
    type: Isni,
    valid: valid(),
    spellings: spellings,
    check_digit: true,
}

#[test]
fn the_documented_spellings_parse() {
    let x: Isni = "000000012281955X".parse().unwrap();
    for spelling in spellings(&x) {
        assert_eq!(spelling.parse::<Isni>().unwrap(), x, "{spelling:?}");
    }
}

/// `../shared/reference/identifiers.md` §2.
#[test]
fn published_examples() {
    for (ok, orcid) in [
        ("0000 0001 2103 2683", false),
        ("0000 0001 2281 955X", false),
        ("0000 0001 1481 9103", false),
        ("0000-0003-1415-9269", true),
        ("0000-0002-1694-233X", true),
        ("0000-0002-1825-0097", true),
    ] {
        let x: Isni = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(x.is_orcid(), orcid, "{ok}");
        assert_eq!(x.lint(), orcid.then_some(Warning::Orcid));
    }
    let err = "0000 0001 1111 955X".parse::<Isni>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "check character mismatch: expected 8, found X"
    );
}

#[test]
fn orcid_blocks_are_inclusive() {
    // The 2013 bounds are valid ISNIs themselves.
    for text in ["0000000150000007", "0000000350000001"] {
        assert!(text.parse::<Isni>().unwrap().is_orcid(), "{text}");
    }
    for (number, orcid) in [
        (14_999_999, false),
        (15_000_000, true),
        (35_000_000, true),
        (35_000_001, false),
        (8_999_999_999_999, false),
        (9_000_000_000_000, true),
        (9_001_000_000_000, true),
        (9_001_000_000_001, false),
    ] {
        let isni = Isni::from_number(number).unwrap();
        assert_eq!(isni.is_orcid(), orcid, "{isni}");
    }
    let after = Isni::from_number(9_001_000_000_001).unwrap();
    assert_eq!(after.lint(), Some(Warning::UnassignedRange));
}

#[test]
fn errors_say_what_and_where() {
    let cases: [(&str, &str); 6] = [
        ("", "empty input: expected an ISNI of 16 characters"),
        (
            "0000 0001 2103 268",
            "invalid length: expected 16 characters, found 15",
        ),
        (
            "0000 0001 21O3 2683",
            "invalid character 'O' at position 13 in the number: expected a digit 0-9",
        ),
        (
            "000 00001 2103 2683",
            "misplaced separator ' ' at position 4: separators may stand only between two elements, one at each boundary",
        ),
        (
            "0000 0001 2103 268Y",
            "invalid character 'Y' at position 19 in the check character: expected a digit 0-9 or X",
        ),
        (
            "0000000121032684",
            "check character mismatch: expected 3, found 4",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            input.parse::<Isni>().unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
    assert!(matches!(
        Isni::parse_strict(b"000000012281955x"),
        Err(Error::InvalidChar { position: 16, .. })
    ));
}

proptest! {
    #[test]
    fn parts_rebuild_the_code(x in valid()) {
        prop_assert_eq!(Isni::from_number(x.number()), Some(x));
        prop_assert_eq!(format!("{:015}{}", x.number(), x.check_char()), x.to_string());
    }
}
