//! Parsing: every accepted spelling, and every error message pinned.

use isrc::{Error, Isrc, ParseError, Prefix};

fn canonical(input: &str) -> String {
    match input.parse::<Isrc>() {
        Ok(isrc) => isrc.to_string(),
        Err(e) => panic!("{input:?} refused: {e}"),
    }
}

fn message(input: &str) -> String {
    match input.parse::<Isrc>() {
        Ok(isrc) => panic!("{input:?} accepted as {isrc}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn accepts_the_lenient_spellings() {
    for input in [
        "QZAQQ2600001",
        "qzaqq2600001",
        "QzAqQ2600001",
        "  QZAQQ2600001\n",
        "\u{a0}QZAQQ2600001\t",
        "QZ-AQQ-26-00001",
        "qz-aqq-26-00001",
        "QZ AQQ 26 00001",
        "ISRC QZ-AQQ-26-00001",
        "isrc qz-aqq-26-00001",
        "Isrc QZAQQ2600001",
        "ISRC:QZAQQ2600001",
        "ISRC: QZAQQ2600001",
        "ISRC   QZ AQQ 26 00001",
        " ISRC QZ-AQQ-26-00001 ",
    ] {
        assert_eq!(canonical(input), "QZAQQ2600001", "{input:?}");
    }
}

#[test]
fn reads_every_element() {
    let isrc: Isrc = "AA6Q72000047".parse().unwrap();
    assert_eq!(isrc.agency_code(), "AA");
    assert_eq!(isrc.registrant_code(), "6Q7");
    assert_eq!(isrc.year_of_reference(), 20);
    assert_eq!(isrc.designation(), 47);
    let isrc: Isrc = "ZZ9999999999".parse().unwrap();
    assert_eq!(isrc.to_string(), "ZZ9999999999");
    let isrc: Isrc = "AA0000000000".parse().unwrap();
    assert_eq!((isrc.year_of_reference(), isrc.designation()), (0, 0));
}

#[test]
fn strict_and_lenient_agree_on_canonical_input() {
    for input in [
        "QZAQQ2600001",
        "AA0000000000",
        "ZZZZZ9999999",
        "GX26J2400002",
        "FXR592300639",
    ] {
        let lenient: Isrc = input.parse().unwrap();
        let strict = Isrc::parse_compact(input.as_bytes()).unwrap();
        assert_eq!(lenient, strict);
        assert_eq!(strict.to_string(), input);
        assert_eq!(Isrc::try_from(input).unwrap(), strict);
    }
}

#[test]
fn pins_every_lenient_error_message() {
    let cases = [
        ("", "empty input: expected an ISRC of 12 characters"),
        ("   \t", "empty input: expected an ISRC of 12 characters"),
        (
            "QZAQQ260001",
            "invalid length: expected 12 characters, found 11",
        ),
        (
            "QZAQQ26000012",
            "invalid length: expected 12 characters, found 13",
        ),
        (
            "US-SKG-19-123456",
            "invalid length: expected 12 characters, found 13",
        ),
        ("QZ", "invalid length: expected 12 characters, found 2"),
        ("ISRC:", "invalid length: expected 12 characters, found 0"),
        ("ISRC", "invalid length: expected 12 characters, found 4"),
        (
            "ISRCQZAQQ2600001",
            "invalid character 'Z' at position 6 in the year of reference: expected a digit 0-9",
        ),
        (
            "ISRC:QZAQQ26",
            "invalid length: expected 12 characters, found 7",
        ),
        (
            "1ZAQQ2600001",
            "invalid character '1' at position 1 in the agency code: expected a letter A-Z",
        ),
        (
            "  Q1AQQ2600001",
            "invalid character '1' at position 4 in the agency code: expected a letter A-Z",
        ),
        (
            "QZA!Q2600001",
            "invalid character '!' at position 4 in the registrant code: expected a letter A-Z or a digit 0-9",
        ),
        (
            "QZAQQ2O00001",
            "invalid character 'O' at position 7 in the year of reference: expected a digit 0-9",
        ),
        (
            "QZAQQ26000O1",
            "invalid character 'O' at position 11 in the designation code: expected a digit 0-9",
        ),
        (
            "QZ-AQQ-26-000x1",
            "invalid character 'x' at position 14 in the designation code: expected a digit 0-9",
        ),
        (
            "ISRC QZ-AQQ-26-0000é",
            "invalid character 'é' at position 20 in the designation code: expected a digit 0-9",
        ),
        (
            "éQZAQQ2600001",
            "invalid character 'é' at position 1 in the agency code: expected a letter A-Z",
        ),
        (
            "QZ\u{2013}AQQ\u{2013}26\u{2013}00001",
            "invalid character '–' at position 3 in the registrant code: expected a letter A-Z or a digit 0-9",
        ),
        (
            "QZ-AQQ2600001",
            "misplaced separator '-' at position 3: separators go at all element boundaries or at none",
        ),
        (
            "QZ-AQQ-2600001",
            "misplaced separator '-' at position 3: separators go at all element boundaries or at none",
        ),
        (
            "QZAQQ-26-00001",
            "misplaced separator '-' at position 6: separators go at all element boundaries or at none",
        ),
        (
            "QZAQQ26-00001",
            "misplaced separator '-' at position 8: separators go at all element boundaries or at none",
        ),
        (
            "Q-ZAQQ2600001",
            "misplaced separator '-' at position 2: separators may stand only between two elements, one at each boundary",
        ),
        (
            "QZ--AQQ-26-00001",
            "misplaced separator '-' at position 4: separators may stand only between two elements, one at each boundary",
        ),
        (
            "QZ-AQQ-26-0-0001",
            "misplaced separator '-' at position 12: separators may stand only between two elements, one at each boundary",
        ),
        (
            "-QZAQQ2600001",
            "misplaced separator '-' at position 1: separators may stand only between two elements, one at each boundary",
        ),
        (
            "QZ-AQQ 26-00001",
            "misplaced separator ' ' at position 7: all separators must be the same character",
        ),
        (
            "QZAQQ2600001 (remastered)",
            "unexpected text after the code at position 14: found '('",
        ),
        (
            "ISRC QZ-AQQ-26-00001  x",
            "unexpected text after the code at position 23: found 'x'",
        ),
        (
            "QZAQQ2600001-",
            "unexpected text after the code at position 13: found '-'",
        ),
        (
            "QZ-AQQ-26-00001-2",
            "unexpected text after the code at position 16: found '-'",
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(message(input), expected, "{input:?}");
    }
}

#[test]
fn errors_carry_kind_and_position() {
    let e = "QZAQQ2O00001".parse::<Isrc>().unwrap_err();
    assert_eq!(e.kind(), "character");
    assert_eq!(e.position(), Some(7));
    assert!(matches!(
        e.as_parse_error(),
        Some(ParseError::InvalidChar {
            element: "year of reference",
            ..
        })
    ));
    let e = "QZAQQ260001".parse::<Isrc>().unwrap_err();
    assert_eq!((e.kind(), e.position()), ("length", None));
    let e = "QZ-AQQ2600001".parse::<Isrc>().unwrap_err();
    assert_eq!((e.kind(), e.position()), ("separator", Some(3)));
    let e = "QZAQQ2600001 x".parse::<Isrc>().unwrap_err();
    assert_eq!((e.kind(), e.position()), ("trailing_text", Some(14)));
    let e = "".parse::<Isrc>().unwrap_err();
    assert_eq!((e.kind(), e.position()), ("empty", None));
}

#[test]
fn pins_every_strict_error_message() {
    let strict = |input: &[u8]| Isrc::parse_compact(input).unwrap_err().to_string();
    assert_eq!(
        strict(b""),
        "empty input: expected an ISRC of 12 characters"
    );
    assert_eq!(
        strict(b"QZ-AQQ-26-00001"),
        "invalid length: expected 12 characters, found 15"
    );
    assert_eq!(
        strict(b"qzaqq2600001"),
        "invalid character 'q' at position 1 in the agency code: expected a letter A-Z"
    );
    assert_eq!(
        strict(b"QZaqq2600001"),
        "invalid character 'a' at position 3 in the registrant code: expected a letter A-Z or a digit 0-9"
    );
    assert_eq!(
        strict(b"QZAQQ2\xff00001"),
        "invalid character '\u{fffd}' at position 7 in the year of reference: expected a digit 0-9"
    );
    assert_eq!(
        strict(b"QZAQQ26 0001"),
        "invalid character ' ' at position 8 in the designation code: expected a digit 0-9"
    );
    assert_eq!(
        strict(b" ZAQQ2600001"),
        "invalid character ' ' at position 1 in the agency code: expected a letter A-Z"
    );
}

#[test]
fn never_truncates() {
    for input in [
        "QZAQQ26000011",
        "QZAQQ2600001QZAQQ2600002",
        "QZ-AQQ-26-000012",
    ] {
        assert!(input.parse::<Isrc>().is_err(), "{input:?}");
    }
}

#[test]
fn prefixes_parse_leniently_with_the_same_vocabulary() {
    for input in ["QZAQQ", "qzaqq", "QZ-AQQ", "qz aqq", " QZAQQ\n"] {
        assert_eq!(
            input.parse::<Prefix>().unwrap().to_string(),
            "QZAQQ",
            "{input:?}"
        );
    }
    assert_eq!(
        Prefix::try_from("QZAQQ").unwrap(),
        Prefix::parse_compact(b"QZAQQ").unwrap()
    );
    let message = |input: &str| input.parse::<Prefix>().unwrap_err().to_string();
    assert_eq!(
        message(""),
        "empty input: expected an ISRC prefix of 5 characters"
    );
    assert_eq!(
        message("QZAQ"),
        "invalid length: expected 5 characters, found 4"
    );
    assert_eq!(
        message("QZAQQ26"),
        "invalid length: expected 5 characters, found 7"
    );
    assert_eq!(
        message("Q1AQQ"),
        "invalid character '1' at position 2 in the agency code: expected a letter A-Z"
    );
    assert_eq!(
        message("QZA_Q"),
        "invalid character '_' at position 4 in the registrant code: expected a letter A-Z or a digit 0-9"
    );
    assert_eq!(
        message("QZA-QQ"),
        "misplaced separator '-' at position 4: separators may stand only between two elements, one at each boundary"
    );
    assert_eq!(
        message("QZAQQ x"),
        "unexpected text after the code at position 7: found 'x'"
    );
    assert_eq!(
        message("ISRC QZAQQ"),
        "misplaced separator ' ' at position 5: separators may stand only between two elements, one at each boundary"
    );
    assert_eq!(
        Prefix::parse_compact(b"qzaqq").unwrap_err().to_string(),
        "invalid character 'q' at position 1 in the agency code: expected a letter A-Z"
    );
    assert_eq!(
        Prefix::parse_compact(b"QZAQQ2").unwrap_err().to_string(),
        "invalid length: expected 5 characters, found 6"
    );
}

#[test]
fn pins_the_other_error_messages() {
    let prefix: Prefix = "QZAQQ".parse().unwrap();
    let isrc: Isrc = "QZAQQ2500007".parse().unwrap();
    let cases: [(Error, &str, &str); 7] = [
        (
            Error::InvalidYear { found: 126 },
            "invalid year of reference 126: expected 0-99, the last two digits of the year",
            "year",
        ),
        (
            Error::InvalidDesignation { found: 100_000 },
            "invalid designation code 100000: expected 0-99999",
            "designation",
        ),
        (
            Error::InvalidRange { start: 5, end: 3 },
            "invalid designation range 5..=3: expected a non-empty range within 0..=99999",
            "range",
        ),
        (
            Error::InvalidCount,
            "invalid count 0: expected at least 1 code",
            "count",
        ),
        (
            Error::Exhausted {
                prefix,
                year_of_reference: 6,
                end: 99_999,
                requested: 5,
                remaining: 3,
            },
            "designation range exhausted: requested 5 under QZAQQ for year of reference 06, 3 left up to 99999",
            "exhausted",
        ),
        (
            Error::ForeignCode {
                code: isrc,
                prefix,
                year_of_reference: 26,
            },
            "code QZAQQ2500007 does not belong to prefix QZAQQ and year of reference 26",
            "foreign_code",
        ),
        (
            Error::OutsideRange {
                code: isrc,
                start: 10,
                end: 99,
            },
            "code QZAQQ2500007 is outside the designation range 00010..=00099",
            "outside_range",
        ),
    ];
    for (error, message, kind) in cases {
        assert_eq!(error.to_string(), message);
        assert_eq!(error.kind(), kind);
        assert_eq!(error.position(), None);
        assert!(error.as_parse_error().is_none());
    }
}
