//! Reading codes: kinds, lenient spellings, and every error with its pinned message.

mod common;

use proptest::prelude::*;
use upc::{Error, Kind, Upc};

fn err(input: &str) -> Error {
    input.parse::<Upc>().expect_err(input)
}

#[test]
fn the_length_decides_the_kind() {
    let cases = [
        ("96385074", Kind::Ean8),
        ("036000291452", Kind::UpcA),
        ("5012345678900", Kind::Ean13),
        ("00036000291452", Kind::Gtin14),
    ];
    for (text, kind) in cases {
        let upc: Upc = text.parse().unwrap();
        assert_eq!(upc.kind(), kind, "{text}");
        assert_eq!(upc.to_string(), text);
        assert_eq!(Upc::parse_digits(text.as_bytes()), Ok(upc));
        assert_eq!(Upc::try_from(text), Ok(upc));
    }
}

#[test]
fn printed_spellings_parse() {
    let upc: Upc = "036000291452".parse().unwrap();
    for text in [
        "0 36000 29145 2",
        "0-36000-29145-2",
        "  036000291452\n",
        "\u{a0}0 36000-29145 2\t",
        "0 3 6 0 0 0 2 9 1 4 5 2",
    ] {
        assert_eq!(text.parse::<Upc>(), Ok(upc), "{text:?}");
    }
    let ean: Upc = "5-012345-678900".parse().unwrap();
    assert_eq!(ean.to_string(), "5012345678900");
}

#[test]
fn display_debug_and_grouping() {
    let cases = [
        ("036000291452", "0 36000 29145 2"),
        ("5012345678900", "5 012345 678900"),
        ("96385074", "9638 5074"),
        ("10036000291459", "1 00 36000 29145 9"),
    ];
    for (text, grouped) in cases {
        let upc: Upc = text.parse().unwrap();
        assert_eq!(upc.grouped().to_string(), grouped);
        assert_eq!(grouped.parse::<Upc>(), Ok(upc));
    }
    let upc: Upc = "036000291452".parse().unwrap();
    assert_eq!(format!("{upc:?}"), "Upc(\"036000291452\")");
    assert_eq!(format!("{upc:>14}"), "  036000291452");
    assert_eq!(format!("{}", Kind::Gtin14), "GTIN-14");
}

#[test]
fn error_messages_are_pinned() {
    let cases: &[(&str, &str, &str, Option<usize>)] = &[
        (
            "",
            "empty",
            "empty input: expected a UPC/EAN of 8, 12, 13 or 14 digits",
            None,
        ),
        (
            "  \t",
            "empty",
            "empty input: expected a UPC/EAN of 8, 12, 13 or 14 digits",
            None,
        ),
        (
            "03600029145",
            "length",
            "invalid length: expected 8, 12, 13 or 14 digits, found 11",
            None,
        ),
        (
            "036000291452123",
            "length",
            "invalid length: expected 8, 12, 13 or 14 digits, found 15",
            None,
        ),
        (
            "0360002914x2",
            "character",
            "invalid character 'x' at position 11 in the code: expected a digit 0-9",
            Some(11),
        ),
        (
            "+036000291452",
            "character",
            "invalid character '+' at position 1 in the code: expected a digit 0-9",
            Some(1),
        ),
        (
            "UPC 036000291452",
            "character",
            "invalid character 'U' at position 1 in the code: expected a digit 0-9",
            Some(1),
        ),
        (
            "  0360é0291452",
            "character",
            "invalid character 'é' at position 7 in the code: expected a digit 0-9",
            Some(7),
        ),
        (
            "０36000291452",
            "character",
            "invalid character '０' at position 1 in the code: expected a digit 0-9",
            Some(1),
        ),
        (
            "036000291452x",
            "trailing_text",
            "unexpected text after the code at position 13: found 'x'",
            Some(13),
        ),
        (
            "036000291452 (CD)",
            "trailing_text",
            "unexpected text after the code at position 14: found '('",
            Some(14),
        ),
        (
            "036000291452-",
            "trailing_text",
            "unexpected text after the code at position 13: found '-'",
            Some(13),
        ),
        (
            "0 36000  29145 2",
            "separator",
            "misplaced separator ' ' at position 9: a separator goes only between two digits",
            Some(9),
        ),
        (
            "-036000291452",
            "separator",
            "misplaced separator '-' at position 1: a separator goes only between two digits",
            Some(1),
        ),
        (
            "0360002914-",
            "separator",
            "misplaced separator '-' at position 11: a separator goes only between two digits",
            Some(11),
        ),
        (
            "036000291453",
            "check_digit",
            "check digit mismatch: expected 2, found 3",
            None,
        ),
        (
            "0 36000 29145 3",
            "check_digit",
            "check digit mismatch: expected 2, found 3",
            None,
        ),
        (
            "96385075",
            "check_digit",
            "check digit mismatch: expected 4, found 5",
            None,
        ),
    ];
    for &(input, kind, message, position) in cases {
        let e = err(input);
        assert_eq!(e.to_string(), message, "{input:?}");
        assert_eq!(e.kind(), kind, "{input:?}");
        assert_eq!(e.position(), position, "{input:?}");
        assert_eq!(e.is_check_digit(), kind == "check_digit", "{input:?}");
    }
}

#[test]
fn strict_parser_errors_are_pinned() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"",
            "invalid length: expected 8, 12, 13 or 14 digits, found 0",
        ),
        (
            b"03600029145",
            "invalid length: expected 8, 12, 13 or 14 digits, found 11",
        ),
        (
            b" 036000291452",
            "invalid character ' ' at position 1 in the code: expected a digit 0-9",
        ),
        (
            b"0 36000291452",
            "invalid character ' ' at position 2 in the code: expected a digit 0-9",
        ),
        (
            b"03600029145\xff",
            "invalid character '\u{fffd}' at position 12 in the code: expected a digit 0-9",
        ),
        (
            b"036000291:52",
            "invalid character ':' at position 10 in the code: expected a digit 0-9",
        ),
        (
            b"036000291/52",
            "invalid character '/' at position 10 in the code: expected a digit 0-9",
        ),
        (
            b"00036000291453",
            "check digit mismatch: expected 2, found 3",
        ),
        (
            b"5012345678901",
            "check digit mismatch: expected 0, found 1",
        ),
    ];
    for &(input, message) in cases {
        let e = Upc::parse_digits(input).expect_err(&String::from_utf8_lossy(input));
        assert_eq!(e.to_string(), message);
    }
}

#[test]
fn a_zero_padded_code_of_another_length_is_another_kind() {
    // Mod-10 ignores leading zeros, so the length alone separates the forms: a 14-digit
    // ISBN EAN with a leading 0 is a GTIN-14, never an EAN-13 (apache/commons-validator
    // EAN13CheckDigitTest testOverLengthRejected).
    let g: Upc = "09780072129519".parse().unwrap();
    assert_eq!(g.kind(), Kind::Gtin14);
    assert_eq!(g.to_ean13().unwrap().to_string(), "9780072129519");
}

#[test]
fn check_digits_of_bodies() {
    let cases = [
        ("03600029145", 2),
        ("89040002100 3", 7), // GS1 India: 890400021003 -> 7
        ("629104150021", 3),  // GS1 Hong Kong
        ("9638507", 4),
        ("0003600029145", 2),
    ];
    for (body, check) in cases {
        assert_eq!(upc::check_digit(body), Ok(check), "{body}");
        assert_eq!(
            Upc::from_body(body).map(Upc::check_digit),
            Ok(check),
            "{body}"
        );
    }
    let errors = [
        (
            "03600029145212",
            "invalid length: expected 7, 11, 12 or 13 digits (a code without its check digit), found 14",
        ),
        (
            "",
            "empty input: expected a UPC/EAN body of 7, 11, 12 or 13 digits",
        ),
        (
            "0360002914x",
            "invalid character 'x' at position 11 in the code: expected a digit 0-9",
        ),
    ];
    for (body, message) in errors {
        assert_eq!(upc::check_digit(body).unwrap_err().to_string(), message);
        assert_eq!(Upc::from_body(body).unwrap_err().to_string(), message);
    }
    assert_eq!(
        Upc::from_body("0 36000 29145").unwrap().to_string(),
        "036000291452"
    );
    assert_eq!(Upc::from_body("9638507").unwrap().kind(), Kind::Ean8);
    assert_eq!(Upc::from_body("501234567890").unwrap().kind(), Kind::Ean13);
    assert_eq!(
        Upc::from_body("1003600029145").unwrap().to_string(),
        "10036000291459"
    );
}

#[test]
fn conversions_and_their_errors() {
    let upc: Upc = "036000291452".parse().unwrap();
    let ean = upc.to_ean13().unwrap();
    let gtin = upc.to_gtin14();
    assert_eq!(ean.to_string(), "0036000291452");
    assert_eq!(gtin.to_string(), "00036000291452");
    assert_eq!(ean.to_upc_a(), Ok(upc));
    assert_eq!(gtin.to_upc_a(), Ok(upc));
    assert_eq!(gtin.to_ean13(), Ok(ean));
    assert_ne!(upc, ean);
    assert!(upc.is_same_product(ean) && ean.is_same_product(gtin));

    let cases = [
        (
            "5012345678900",
            Kind::UpcA,
            "cannot convert EAN-13 5012345678900 to UPC-A: it does not start with 0",
        ),
        (
            "10036000291459",
            Kind::Ean13,
            "cannot convert GTIN-14 10036000291459 to EAN-13: it does not start with 0",
        ),
        (
            "05012345678900",
            Kind::UpcA,
            "cannot convert GTIN-14 05012345678900 to UPC-A: it does not start with 00",
        ),
        (
            "00036000291452",
            Kind::Ean8,
            "cannot convert GTIN-14 00036000291452 to EAN-8: it does not start with 000000",
        ),
        (
            "96385074",
            Kind::Ean13,
            "cannot convert EAN-8 96385074 to EAN-13: an EAN-8 has no 12- or 13-digit form; compare it through to_gtin14()",
        ),
        (
            "96385074",
            Kind::UpcA,
            "cannot convert EAN-8 96385074 to UPC-A: an EAN-8 has no 12- or 13-digit form; compare it through to_gtin14()",
        ),
        (
            "000096385074",
            Kind::Ean8,
            "cannot convert UPC-A 000096385074 to EAN-8: only a GTIN-14 holds an EAN-8",
        ),
    ];
    for (text, to, message) in cases {
        let e = text.parse::<Upc>().unwrap().convert(to).unwrap_err();
        assert_eq!(e.to_string(), message);
        assert_eq!(e.kind(), "conversion");
    }
    let ean8: Upc = "96385074".parse().unwrap();
    assert_eq!(ean8.to_gtin14().to_ean8(), Ok(ean8));
}

#[test]
fn numbers_with_their_kind() {
    let upc: Upc = "036000291452".parse().unwrap();
    assert_eq!(upc.to_u64(), 36_000_291_452);
    assert_eq!(Upc::from_u64(Kind::UpcA, 36_000_291_452), Ok(upc));
    assert_eq!(
        Upc::from_u64(Kind::UpcA, 36_000_291_453)
            .unwrap_err()
            .to_string(),
        "check digit mismatch: expected 2, found 3"
    );
    assert_eq!(
        Upc::from_u64(Kind::Ean8, 36_000_291_452)
            .unwrap_err()
            .to_string(),
        "invalid length: expected 8 digits, found 11"
    );
    assert_eq!(upc.check_digit(), 2);
}

#[test]
fn order_is_the_string_order_across_kinds() {
    let mut codes: Vec<Upc> = [
        "96385074",
        "036000291452",
        "0036000291452",
        "00036000291452",
        "5012345678900",
        "10036000291459",
    ]
    .iter()
    .map(|t| t.parse().unwrap())
    .collect();
    codes.sort();
    let shown: Vec<String> = codes.iter().map(ToString::to_string).collect();
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(shown, sorted);
    assert_eq!(size_of::<Upc>(), 8);
    assert_eq!(size_of::<Option<Upc>>(), 8);
}

/// Nines give the largest weighted sums the strict parser gathers in one byte: every check
/// digit of every length is judged as the shared implementation judges it.
#[test]
fn largest_weighted_sums() {
    for len in [8, 12, 13, 14] {
        let body = "9".repeat(len - 1);
        let expected = ident_core::gs1::check_digit(body.as_bytes()).unwrap();
        for last in 0..10u8 {
            let code = format!("{body}{last}");
            let parsed = Upc::parse_digits(code.as_bytes());
            if last == expected {
                assert_eq!(parsed.unwrap().to_string(), code);
            } else {
                assert_eq!(
                    parsed.unwrap_err(),
                    Error::Parse(ident_core::ParseError::CheckDigit {
                        expected,
                        found: last
                    }),
                    "{code}"
                );
            }
        }
    }
}

proptest! {
    /// The word-parallel verification of the strict parser gives the verdict of the shared
    /// `ident_core::gs1` implementation on every string of digits of every length; the second
    /// pattern keeps the weighted sums near their largest (252, for fourteen nines), where a
    /// byte of the one-multiplication sum would carry if the bound were wrong.
    #[test]
    fn strict_parser_agrees_with_ident_core(digits in "[0-9]{6,16}|[6-9]{6,16}") {
        let bytes = digits.as_bytes();
        let expected = matches!(bytes.len(), 8 | 12 | 13 | 14) && ident_core::gs1::is_valid(bytes);
        let parsed = Upc::parse_digits(bytes);
        prop_assert_eq!(parsed.is_ok(), expected, "{}", digits);
        if let Err(e) = parsed
            && matches!(bytes.len(), 8 | 12 | 13 | 14)
        {
            let (body, last) = bytes.split_at(bytes.len() - 1);
            prop_assert_eq!(
                e,
                Error::Parse(ident_core::ParseError::CheckDigit {
                    expected: ident_core::gs1::check_digit(body).unwrap(),
                    found: last[0] - b'0',
                })
            );
        }
    }

    /// Any byte in any place is caught as the first non-digit.
    #[test]
    fn strict_parser_finds_the_first_bad_byte(
        x in common::any_upc(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>().prop_filter("not a digit", |b| !b.is_ascii_digit()),
    ) {
        let mut bytes = x.to_string().into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let e = Upc::parse_digits(&bytes).unwrap_err();
        prop_assert_eq!(e.position(), Some(i + 1));
        prop_assert_eq!(e.kind(), "character");
    }
}
