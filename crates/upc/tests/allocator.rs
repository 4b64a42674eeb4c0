//! Allocation from a GS1 company prefix.

use upc::{Allocator, CompanyPrefix, Kind, Upc};

fn prefix(text: &str) -> CompanyPrefix {
    text.parse().unwrap()
}

#[test]
fn issues_in_order_with_check_digits() {
    // GS1 US demonstration prefix 0614141 (jodal/biip: 614141 00003 -> 614141000036).
    let mut alloc = Allocator::new(prefix("0614141")).unwrap();
    assert_eq!(alloc.kind(), Kind::UpcA);
    assert_eq!(alloc.capacity(), 100_000);
    let issued: Vec<String> = (0..4).map(|_| alloc.issue().unwrap().to_string()).collect();
    assert_eq!(
        issued,
        [
            "614141000005",
            "614141000012",
            "614141000029",
            "614141000036"
        ]
    );
    assert_eq!(alloc.next_item_reference(), Some(4));
    assert_eq!(alloc.remaining(), 99_996);
    assert_eq!(alloc.code_at(99_999).unwrap().to_string(), "614141999996");
}

#[test]
fn ean13_prefixes_issue_ean13() {
    let mut alloc = Allocator::new(prefix("5012345")).unwrap();
    assert_eq!(alloc.kind(), Kind::Ean13);
    assert_eq!(alloc.issue().unwrap().to_string(), "5012345000008");
    assert_eq!(alloc.code_at(67_890).unwrap().to_string(), "5012345678900");
    for len in 4..=12 {
        let p: CompanyPrefix = "5".repeat(len).parse().unwrap();
        assert_eq!(p.len(), len);
        assert_eq!(p.capacity(), 10u64.pow(12 - len as u32));
    }
}

#[test]
fn item_references_round_trip() {
    let alloc = Allocator::new(prefix("0614141")).unwrap();
    for item in [0, 1, 4_242, 99_999] {
        let code = alloc.code_at(item).unwrap();
        assert_eq!(alloc.item_reference_of(code), Ok(item));
        assert_eq!(alloc.item_reference_of(code.to_ean13().unwrap()), Ok(item));
        assert_eq!(alloc.item_reference_of(code.to_gtin14()), Ok(item));
    }
}

#[test]
fn resumes_after_the_last_code_and_never_goes_back() {
    let last: Upc = "614141000036".parse().unwrap();
    let mut alloc = Allocator::new(prefix("0614141"))
        .unwrap()
        .resume_after(last)
        .unwrap();
    assert_eq!(alloc.issue().unwrap().to_string(), "614141000043");
    let earlier: Upc = "614141000012".parse().unwrap();
    let mut alloc = alloc.resume_after(earlier).unwrap();
    assert_eq!(alloc.issue().unwrap().to_string(), "614141000050");
}

#[test]
fn exhaustion_is_explicit() {
    let mut alloc = Allocator::new(prefix("50123456789")).unwrap();
    assert_eq!(alloc.capacity(), 10);
    for _ in 0..10 {
        alloc.issue().unwrap();
    }
    for _ in 0..2 {
        let e = alloc.issue().unwrap_err();
        assert_eq!(
            e.to_string(),
            "company prefix 50123456789 is exhausted: all 10 item references are issued"
        );
        assert_eq!(e.kind(), "exhausted");
    }
    assert_eq!(alloc.next_item_reference(), None);
    assert_eq!(alloc.remaining(), 0);
    let full = Allocator::new(prefix("501234567890")).unwrap();
    assert_eq!(full.capacity(), 1);
    assert_eq!(full.code_at(0).unwrap().to_string(), "5012345678900");
    let last: Upc = "5012345678900".parse().unwrap();
    let mut resumed = full.resume_after(last).unwrap();
    assert_eq!(resumed.issue().unwrap_err().kind(), "exhausted");
}

#[test]
fn errors_are_pinned() {
    let alloc = Allocator::new(prefix("0614141")).unwrap();
    let e = alloc.code_at(100_000).unwrap_err();
    assert_eq!(
        e.to_string(),
        "item reference 100000 is out of range for company prefix 0614141: expected 0 to 99999"
    );
    assert_eq!(e.kind(), "item_reference");
    let foreign: Upc = "5012345678900".parse().unwrap();
    let e = alloc.clone().resume_after(foreign).unwrap_err();
    assert_eq!(
        e.to_string(),
        "EAN-13 5012345678900 does not belong to company prefix 0614141"
    );
    assert_eq!(e.kind(), "foreign_code");
    let ean8: Upc = "96385074".parse().unwrap();
    assert_eq!(
        alloc.item_reference_of(ean8).unwrap_err().kind(),
        "foreign_code"
    );
}

#[test]
fn refuses_reserved_prefixes() {
    let cases = [
        (
            "0212345",
            "company prefix 0212345 cannot issue release codes: restricted circulation number: valid only within a geographic region (variable-measure or in-store items)",
        ),
        (
            "2001234",
            "company prefix 2001234 cannot issue release codes: restricted circulation number: valid only within a geographic region (variable-measure or in-store items)",
        ),
        (
            "0401234",
            "company prefix 0401234 cannot issue release codes: restricted circulation number: valid only within one company",
        ),
        (
            "0000012",
            "company prefix 0000012 cannot issue release codes: restricted circulation number: valid only within one company",
        ),
        (
            "0512345",
            "company prefix 0512345 cannot issue release codes: coupon number, not a trade item",
        ),
        (
            "9812345",
            "company prefix 9812345 cannot issue release codes: coupon number, not a trade item",
        ),
        (
            "9912345",
            "company prefix 9912345 cannot issue release codes: coupon number, not a trade item",
        ),
        (
            "9801234",
            "company prefix 9801234 cannot issue release codes: refund receipt number (prefix 980), not a trade item",
        ),
        (
            "9781234",
            "company prefix 9781234 cannot issue release codes: bookland EAN: an ISBN (prefix 978 or 979)",
        ),
        (
            "9791234",
            "company prefix 9791234 cannot issue release codes: bookland EAN: an ISBN (prefix 978 or 979)",
        ),
        (
            "9790123",
            "company prefix 9790123 cannot issue release codes: ISMN for printed music (prefix 979-0)",
        ),
        (
            "9771234",
            "company prefix 9771234 cannot issue release codes: ISSN for a serial publication (prefix 977)",
        ),
    ];
    for (text, message) in cases {
        let e = Allocator::new(prefix(text)).unwrap_err();
        assert_eq!(e.to_string(), message, "{text}");
        assert_eq!(e.kind(), "refused_prefix");
    }
    // The demonstration prefix and GS1 US prefixes are allowed.
    assert!(Allocator::new(prefix("9521234")).is_ok());
    assert!(Allocator::new(prefix("0312345")).is_ok());
}

#[test]
fn company_prefixes_parse_and_print() {
    let p: CompanyPrefix = " 0614-141 ".parse().unwrap();
    assert_eq!(p.to_string(), "0614141");
    assert_eq!(format!("{p:?}"), "CompanyPrefix(\"0614141\")");
    assert!(p.is_upc());
    assert_eq!(CompanyPrefix::from_upc_prefix("614141"), Ok(p));
    assert!(prefix("0614141") > prefix("061414"));
    assert!(prefix("061414") < prefix("0614141"));
    let cases = [
        ("123", "invalid length: expected 4 to 12 digits, found 3"),
        (
            "1234567890123",
            "invalid length: expected 4 to 12 digits, found 13",
        ),
        (
            "",
            "empty input: expected a GS1 company prefix of 4 to 12 digits",
        ),
        (
            "061x4141",
            "invalid character 'x' at position 4 in the code: expected a digit 0-9",
        ),
        (
            "06141x1",
            "unexpected text after the code at position 6: found 'x'",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(
            text.parse::<CompanyPrefix>().unwrap_err().to_string(),
            message
        );
    }
    assert_eq!(
        CompanyPrefix::from_upc_prefix("061414123456")
            .unwrap_err()
            .to_string(),
        "invalid length: expected 3 to 11 digits, found 12"
    );
}
