//! serde through the digit string.
#![cfg(feature = "serde")]

use serde_test::{Token, assert_de_tokens_error, assert_tokens};
use upc::{CompanyPrefix, Upc, UpcE};

#[test]
fn strings_both_ways() {
    let upc: Upc = "036000291452".parse().unwrap();
    assert_tokens(&upc, &[Token::Str("036000291452")]);
    let e: UpcE = "04252614".parse().unwrap();
    assert_tokens(&e, &[Token::Str("04252614")]);
    let p: CompanyPrefix = "0614141".parse().unwrap();
    assert_tokens(&p, &[Token::Str("0614141")]);
    assert_eq!(serde_json::to_string(&upc).unwrap(), "\"036000291452\"");
    // Deserialising reads as FromStr does, spacing included.
    assert_eq!(
        serde_json::from_str::<Upc>("\"0 36000 29145 2\"").unwrap(),
        upc
    );
}

#[test]
fn numbers_and_bad_strings_are_refused() {
    assert_de_tokens_error::<Upc>(
        &[Token::U64(36_000_291_452)],
        "invalid type: integer `36000291452`, expected a UPC/EAN as a string of 8, 12, 13 or 14 digits",
    );
    assert_de_tokens_error::<UpcE>(
        &[Token::U32(4_252_614)],
        "invalid type: integer `4252614`, expected a UPC-E as a string of 6, 7 or 8 digits",
    );
    assert_de_tokens_error::<Upc>(
        &[Token::Str("036000291453")],
        "check digit mismatch: expected 2, found 3",
    );
    let err = serde_json::from_str::<Upc>("36000291452")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "invalid type: integer `36000291452`, expected a UPC/EAN as a string of 8, 12, 13 or 14 digits at line 1 column 11"
    );
    let err = serde_json::from_str::<CompanyPrefix>("614141")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("invalid type: integer `614141`"), "{err}");
}
