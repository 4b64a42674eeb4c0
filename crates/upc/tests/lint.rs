//! Classification: warnings with stable codes and pinned messages, never parse errors.

use upc::{Upc, Warning};

/// The code with the body of `text` and its right check digit (the tables below are about
/// prefixes, so their last digit is only a placeholder).
fn code(text: &str) -> Upc {
    Upc::from_body(&text[..text.len() - 1]).unwrap()
}

fn codes(text: &str) -> Vec<&'static str> {
    code(text).lint().map(|w| w.rule()).collect()
}

#[test]
fn prefixes_and_number_systems() {
    let cases: &[(&str, &[&str])] = &[
        ("036000291452", &[]),
        ("5012345678900", &[]),
        ("4942463511227", &[]),
        // UPC number system 2: variable measure, restricted circulation in a region.
        (
            "212345678902",
            &["upc.restricted_circulation", "upc.number_system"],
        ),
        (
            "0212345678902",
            &["upc.restricted_circulation", "upc.number_system"],
        ),
        // Number system 3: drugs (NDC).
        ("312345678909", &["upc.number_system"]),
        // Number system 4: in-store, restricted within a company.
        (
            "412345678906",
            &["upc.restricted_circulation", "upc.number_system"],
        ),
        // Number system 5: coupons.
        ("512345678903", &["upc.coupon", "upc.number_system"]),
        ("2001234567893", &["upc.restricted_circulation"]),
        ("2991234567892", &["upc.restricted_circulation"]),
        ("0000000123455", &["upc.restricted_circulation"]),
        ("9521234567899", &["upc.demo_prefix"]),
        ("9770264359008", &["upc.issn"]),
        ("9780072129519", &["upc.bookland"]),
        ("9791234567896", &["upc.bookland"]),
        ("9790060115615", &["upc.ismn"]),
        ("9801234567893", &["upc.refund_receipt"]),
        ("9811234567890", &["upc.coupon"]),
        ("9901234567897", &["upc.coupon"]),
        ("9841234567899", &[]),
        // GTIN-14: indicator 9 is variable measure; the prefix is read after the indicator.
        ("99780072129517", &["upc.variable_measure", "upc.bookland"]),
        ("10036000291459", &[]),
        // EAN-8: prefixes 0 and 2 are restricted circulation numbers (RCN-8).
        ("96385074", &[]),
        ("02345673", &["upc.restricted_circulation"]),
        ("20123451", &["upc.restricted_circulation"]),
        ("95212349", &["upc.demo_prefix"]),
    ];
    for &(text, expected) in cases {
        assert_eq!(codes(text), expected, "{text}");
    }
}

#[test]
fn a_product_has_the_same_warnings_in_every_form() {
    for text in ["212345678902", "512345678903", "036000291452"] {
        let upc = code(text);
        let a: Vec<Warning> = upc.lint().collect();
        let b: Vec<Warning> = upc.to_ean13().unwrap().lint().collect();
        let c: Vec<Warning> = upc.to_gtin14().lint().collect();
        assert_eq!(a, b);
        assert_eq!(a, c);
    }
}

#[test]
fn messages_are_pinned() {
    let cases: &[(&str, &[&str])] = &[
        (
            "212345678902",
            &[
                "restricted circulation number: valid only within a geographic region (variable-measure or in-store items)",
                "UPC number system 2: variable-measure item, weight or price in the code",
            ],
        ),
        (
            "312345678909",
            &["UPC number system 3: drug or health item, the digits are a US NDC"],
        ),
        (
            "412345678906",
            &[
                "restricted circulation number: valid only within one company",
                "UPC number system 4: in-store use without format restriction",
            ],
        ),
        (
            "512345678903",
            &[
                "coupon number, not a trade item",
                "UPC number system 5: coupon",
            ],
        ),
        (
            "9521234567899",
            &["GS1 demonstration prefix 952: for examples, never on a product"],
        ),
        (
            "9770264359008",
            &["ISSN for a serial publication (prefix 977)"],
        ),
        (
            "9780072129519",
            &["bookland EAN: an ISBN (prefix 978 or 979)"],
        ),
        ("9790060115615", &["ISMN for printed music (prefix 979-0)"]),
        (
            "9801234567893",
            &["refund receipt number (prefix 980), not a trade item"],
        ),
        (
            "99780072129517",
            &[
                "GTIN-14 indicator digit 9: a variable-measure trade item",
                "bookland EAN: an ISBN (prefix 978 or 979)",
            ],
        ),
    ];
    for &(text, messages) in cases {
        let shown: Vec<String> = code(text).lint().map(|w| w.to_string()).collect();
        assert_eq!(shown, messages, "{text}");
    }
    let e: upc::UpcE = "14252611".parse().unwrap();
    assert_eq!(
        e.lint().next().unwrap().to_string(),
        "UPC-E with number system 1: a common extension, GS1 defines UPC-E for number system 0 only"
    );
}

#[test]
fn lints_can_be_queried_without_collecting() {
    let upc = code("512345678903");
    let lints = upc.lint();
    assert!(lints.contains("upc.coupon"));
    assert!(!lints.contains("upc.bookland"));
    assert!(!lints.is_empty());
    assert!("036000291452".parse::<Upc>().unwrap().lint().is_empty());
}
