//! UPC-E: reading 6, 7 and 8 digits, expansion, compression, and the errors.

use upc::{Error, Upc, UpcE};

fn upc(text: &str) -> Upc {
    text.parse().unwrap()
}

#[test]
fn expansion_rules() {
    // jodal/biip tests/upc/test_encode.py: one vector per suppression condition, and
    // gs1utils#9 (07838604 is 078000003864, not a zero-padded 07838604).
    let cases = [
        ("02345673", "023456000073"),
        ("02345147", "023450000017"),
        ("06397126", "063200009716"),
        ("08679339", "086700000939"),
        ("04252614", "042100005264"),
        ("07838604", "078000003864"),
        ("14252611", "142100005261"),
    ];
    for (e, a) in cases {
        let parsed: UpcE = e.parse().unwrap();
        assert_eq!(parsed.expand(), upc(a), "{e}");
        assert_eq!(Upc::from(parsed), upc(a));
        assert_eq!(upc(a).compress(), Some(parsed), "{a}");
        assert_eq!(parsed.to_string(), e);
    }
    assert_eq!(
        upc("07838604"
            .parse::<UpcE>()
            .unwrap()
            .expand()
            .to_gtin14()
            .to_string()
            .as_str())
        .to_string(),
        "00078000003864"
    );
}

#[test]
fn short_forms_imply_number_system_and_check_digit() {
    // biip tests/upc/test_parse.py
    let e: UpcE = "425261".parse().unwrap();
    assert_eq!(e.to_string(), "04252614");
    assert_eq!(e.number_system(), 0);
    assert_eq!(e.check_digit(), 4);
    assert_eq!(e.body(), 425_261);
    let e: UpcE = "1425261".parse().unwrap();
    assert_eq!(e.to_string(), "14252611");
    assert_eq!(
        "0 425261 4".parse::<UpcE>(),
        Ok("04252614".parse().unwrap())
    );
    assert_eq!(format!("{e:?}"), "UpcE(\"14252611\")");
}

#[test]
fn not_every_upc_a_compresses() {
    // The npm `gtin` package compresses 012345000010 to 01234510, whose body expands to
    // 012100003454 (and whose check digit 0 is not even that code's): a different product.
    // There is no UPC-E for it.
    assert_eq!(upc("012345000010").compress(), None);
    assert_eq!(
        "0123451".parse::<UpcE>().unwrap().expand(),
        upc("012100003454")
    );
    assert_eq!(
        "01234510".parse::<UpcE>().unwrap_err().to_string(),
        "check digit mismatch: expected 4, found 0"
    );
    // biip: 123456789012 cannot be represented as UPC-E.
    assert_eq!(upc("123456789012").compress(), None);
    // Number systems other than 0 and 1 have no UPC-E.
    assert_eq!(Upc::from_body("22345600007").unwrap().compress(), None);
    // Only a UPC-A compresses; its EAN-13 form does not.
    assert_eq!(upc("0023456000073").compress(), None);
}

#[test]
fn errors_are_pinned() {
    let cases: &[(&str, &str, &str, Option<usize>)] = &[
        (
            "04252613",
            "check_digit",
            "check digit mismatch: expected 4, found 3",
            None,
        ),
        (
            "2425261",
            "upc_e_number_system",
            "invalid UPC-E number system 2 at position 1: expected 0, or 1 as the common extension",
            Some(1),
        ),
        (
            "  9-425261",
            "upc_e_number_system",
            "invalid UPC-E number system 9 at position 3: expected 0, or 1 as the common extension",
            Some(3),
        ),
        (
            "12345",
            "length",
            "invalid length: expected 6, 7 or 8 digits, found 5",
            None,
        ),
        (
            "042526140",
            "length",
            "invalid length: expected 6, 7 or 8 digits, found 9",
            None,
        ),
        (
            "",
            "empty",
            "empty input: expected a UPC-E of 6, 7 or 8 digits",
            None,
        ),
        (
            "0425x614",
            "character",
            "invalid character 'x' at position 5 in the code: expected a digit 0-9",
            Some(5),
        ),
        (
            "04252614 x",
            "trailing_text",
            "unexpected text after the code at position 10: found 'x'",
            Some(10),
        ),
        // d6 = 3 with d3 in 0-2: rule 1 gives another body for the same UPC-A.
        (
            "0120453",
            "upc_e_non_canonical",
            "non-canonical UPC-E: it expands to 012000000454, which compresses to 01204504",
            None,
        ),
        // d6 = 4 with d4 = 0.
        (
            "0123054",
            "upc_e_non_canonical",
            "non-canonical UPC-E: it expands to 012300000055, which compresses to 01230535",
            None,
        ),
        // d6 in 5-9 with d5 = 0.
        (
            "0123405",
            "upc_e_non_canonical",
            "non-canonical UPC-E: it expands to 012340000053, which compresses to 01234543",
            None,
        ),
    ];
    for &(input, kind, message, position) in cases {
        let e: Error = input.parse::<UpcE>().expect_err(input);
        assert_eq!(e.to_string(), message, "{input:?}");
        assert_eq!(e.kind(), kind, "{input:?}");
        assert_eq!(e.position(), position, "{input:?}");
    }
}

#[test]
fn an_eight_digit_string_is_what_the_caller_says() {
    // 02345673 is a valid EAN-8 and a valid UPC-E, of two different products (biip#77):
    // `Upc` reads EAN-8, `UpcE` reads UPC-E, never a guess.
    let e: UpcE = "02345673".parse().unwrap();
    assert_eq!(e.expand().to_string(), "023456000073");
    let ean8: Upc = "02345673".parse().unwrap();
    assert_eq!(ean8.kind(), upc::Kind::Ean8);
    assert!(!ean8.is_same_product(e.expand()));
}

#[test]
fn number_system_one_is_flagged() {
    let e: UpcE = "14252611".parse().unwrap();
    let codes: Vec<&str> = e.lint().map(|w| w.rule()).collect();
    assert_eq!(codes, ["upc.upc_e_number_system"]);
    assert!("04252614".parse::<UpcE>().unwrap().lint().is_empty());
}

#[test]
fn exhaustive_round_trip() {
    // All two million bodies: canonical ones round-trip, the others are refused and name the
    // canonical form, which expands to the same UPC-A.
    let mut canonical = 0;
    for ns in 0..2u32 {
        for six in 0..1_000_000u32 {
            let text = format!("{ns}{six:06}");
            match text.parse::<UpcE>() {
                Ok(e) => {
                    canonical += 1;
                    assert_eq!(e.expand().compress(), Some(e), "{text}");
                }
                Err(Error::UpcENonCanonical {
                    expanded,
                    canonical,
                }) => {
                    assert_eq!(canonical.expand(), expanded, "{text}");
                }
                Err(other) => panic!("{text}: {other}"),
            }
        }
    }
    // 180,000 of the 2,000,000 bodies are non-canonical.
    assert_eq!(canonical, 1_820_000);
}
