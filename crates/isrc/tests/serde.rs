//! serde through the string form (the `serde` feature, which the crate's dev-dependency on
//! itself turns on for every test build).

use isrc::{Isrc, Prefix};
use serde_test::{Token, assert_de_tokens, assert_de_tokens_error, assert_tokens};

fn isrc(text: &str) -> Isrc {
    text.parse().unwrap()
}

#[test]
fn tokens() {
    assert_tokens(&isrc("QZAQQ2600001"), &[Token::Str("QZAQQ2600001")]);
    assert_de_tokens(
        &isrc("QZAQQ2600001"),
        &[Token::BorrowedStr("ISRC QZ-AQQ-26-00001")],
    );
    assert_de_tokens(&isrc("QZAQQ2600001"), &[Token::String("qzaqq2600001")]);
    assert_de_tokens(&isrc("QZAQQ2600001"), &[Token::Bytes(b"QZAQQ2600001")]);
    let prefix: Prefix = "QZAQQ".parse().unwrap();
    assert_tokens(&prefix, &[Token::Str("QZAQQ")]);
    assert_de_tokens(&prefix, &[Token::Str("qz-aqq")]);
}

#[test]
fn refuses_invalid_text_numbers_and_bad_bytes() {
    assert_de_tokens_error::<Isrc>(
        &[Token::Str("QZAQQ260001")],
        "invalid length: expected 12 characters, found 11",
    );
    assert_de_tokens_error::<Isrc>(
        &[Token::U64(2_600_001)],
        "invalid type: integer `2600001`, expected an ISRC as a string",
    );
    assert_de_tokens_error::<Prefix>(
        &[Token::I32(1)],
        "invalid type: integer `1`, expected an ISRC prefix as a string",
    );
    assert_de_tokens_error::<Isrc>(
        &[Token::Bytes(b"\xffZAQQ2600001")],
        "invalid value: byte array, expected an ISRC as a string",
    );
}

#[test]
fn json() {
    let codes: Vec<Isrc> = serde_json::from_str(r#"["QZAQQ2600001", "qz-aqq-26-00002"]"#).unwrap();
    assert_eq!(
        serde_json::to_string(&codes).unwrap(),
        r#"["QZAQQ2600001","QZAQQ2600002"]"#
    );
    let err = serde_json::from_str::<Isrc>("\"QZAQQ2600001 x\"").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected text after the code at position 14: found 'x' at line 1 column 16"
    );
    assert_eq!(
        serde_json::from_str::<Isrc>("2600001")
            .unwrap_err()
            .to_string(),
        "invalid type: integer `2600001`, expected an ISRC as a string at line 1 column 7"
    );
}
