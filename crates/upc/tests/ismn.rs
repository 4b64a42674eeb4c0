//! `Ismn`: the shared laws, the published examples, the errors.

use ident_core::ParseError;
use proptest::prelude::*;
use upc::{Error, Ismn, Kind};

fn valid() -> BoxedStrategy<Ismn> {
    prop_oneof![Just(0u32), Just(99_999_999u32), 0..100_000_000u32]
        .prop_map(|n| Ismn::from_body(n).unwrap())
        .boxed()
}

/// Every spelling the parser documents as accepted.
fn spellings(x: &Ismn) -> Vec<String> {
    let h = x.hyphenated().to_string();
    let legacy = x.legacy().to_string();
    vec![
        h.clone(),
        format!("{:#}", x.hyphenated()),
        h.replace('-', " "),
        format!("ismn:{x}"),
        legacy.clone(),
        legacy.to_lowercase(),
        format!("ISMN {legacy}"),
        legacy.replace('-', ""),
    ]
}

ident_core::code_laws! {
    type: Ismn,
    valid: valid(),
    spellings: spellings,
    check_digit: true,
}

/// `../shared/reference/identifiers.md` §6.
#[test]
fn published_examples() {
    for (text, canonical) in [
        ("ISMN 979-0-3452-4680-5", "9790345246805"),
        ("M-2306-7118-7", "9790230671187"),
        ("979-0-2306-7118-7", "9790230671187"),
        ("ISMN M-321-76543-6", "9790321765436"),
    ] {
        let x: Ismn = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(x.to_string(), canonical);
    }
    // The National Library of Finland prints 979-0-321-76543-1; the arithmetic says 6.
    for (bad, expected, found) in [("ISMN 979-0-321-76543-1", 6, 1), ("9790060115614", 5, 4)] {
        assert_eq!(
            bad.parse::<Ismn>(),
            Err(Error::Parse(ParseError::CheckDigit { expected, found })),
            "{bad}"
        );
    }
}

#[test]
fn layouts_follow_the_publisher_ranges() {
    for (canonical, hyphenated, legacy) in [
        ("9790345246805", "979-0-3452-4680-5", "M-3452-4680-5"),
        // The 1998 manual prints M-321-76543-6; under today's ranges 3217 is a publisher.
        ("9790321765436", "979-0-3217-6543-6", "M-3217-6543-6"),
        ("9790091234569", "979-0-091-23456-9", "M-091-23456-9"),
    ] {
        let x: Ismn = canonical.parse().unwrap();
        assert_eq!(x.hyphenated().to_string(), hyphenated);
        assert_eq!(x.legacy().to_string(), legacy);
    }
    let x: Ismn = "979-0-9000000-0-2"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(x.publisher(), "9000000");
    assert_eq!(x.item(), "0");
    let upc = x.to_upc();
    assert_eq!(upc.kind(), Kind::Ean13);
    assert_eq!(upc.to_string(), x.to_string());
}

#[test]
fn errors_say_what_and_where() {
    let cases: [(&str, &str); 4] = [
        ("", "empty input: expected an ISMN of 13 digits"),
        (
            "978-0-3452-4680-5",
            "invalid character '8' at position 3 in the prefix: expected '979-0'",
        ),
        (
            "M-3452-4680",
            "invalid length: expected 10 characters, found 9",
        ),
        (
            "979-0-3452-468O-5",
            "invalid character 'O' at position 15 in the publisher and item: expected a digit 0-9",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            input.parse::<Ismn>().unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
}

proptest! {
    #[test]
    fn old_and_new_forms_agree(x in valid()) {
        prop_assert_eq!(x.legacy().to_string().parse::<Ismn>().unwrap(), x);
        prop_assert_eq!(Ismn::parse_strict(x.to_upc().to_string().as_bytes()).unwrap(), x);
    }
}
