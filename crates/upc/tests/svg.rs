//! The SVG renderer, tested by reading the bars back: the rendered rectangles are turned into
//! modules and decoded with the digit tables of GS1 General Specifications (written out here
//! independently of the renderer), for many codes of every symbol.
#![cfg(feature = "svg")]

mod common;

use proptest::prelude::*;
use upc::{Kind, Upc, UpcE};

/// Set A (odd parity) patterns; set C is the complement, set B set C reversed.
const SET_A: [&str; 10] = [
    "0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011",
    "0110111", "0001011",
];
/// EAN-13 parity of the left half by leading digit.
const EAN13_PARITY: [&str; 10] = [
    "AAAAAA", "AABABB", "AABBAB", "AABBBA", "ABAABB", "ABBAAB", "ABBBAA", "ABABAB", "ABABBA",
    "ABBABA",
];
/// UPC-E parity by check digit, number system 0 (number system 1 swaps A and B).
const UPC_E_PARITY: [&str; 10] = [
    "BBBAAA", "BBABAA", "BBAABA", "BBAAAB", "BABBAA", "BAABBA", "BAAABB", "BABABA", "BABAAB",
    "BAABAB",
];

fn set_c(d: usize) -> String {
    SET_A[d]
        .chars()
        .map(|c| if c == '0' { '1' } else { '0' })
        .collect()
}

fn set_b(d: usize) -> String {
    set_c(d).chars().rev().collect()
}

/// The digit and set ('A', 'B' or 'C') of seven modules.
fn decode_digit(modules: &str) -> (u8, char) {
    for (d, a) in SET_A.iter().enumerate() {
        if *a == modules {
            return (d as u8, 'A');
        }
        if set_b(d) == modules {
            return (d as u8, 'B');
        }
        if set_c(d) == modules {
            return (d as u8, 'C');
        }
    }
    panic!("no digit is {modules}");
}

/// What the SVG shows: its modules (bars as '1'), where the bars start and end, the width of
/// the drawing, and the human-readable digits left to right.
struct Read {
    modules: String,
    first_bar: usize,
    after_last_bar: usize,
    width: usize,
    text: String,
}

fn attr(element: &str, name: &str) -> String {
    let start = element.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    let end = start + element[start..].find('"').unwrap();
    element[start..end].to_string()
}

fn read(svg: &str) -> Read {
    let view_box = attr(svg, "viewBox");
    let width: usize = view_box.split(' ').nth(2).unwrap().parse().unwrap();
    let bars_start = svg.find("<g fill=\"#000000\">").unwrap();
    let bars_end = bars_start + svg[bars_start..].find("</g>").unwrap();
    let mut lit = vec![false; width];
    for rect in svg[bars_start..bars_end].split("<rect").skip(1) {
        let x: usize = attr(rect, "x").parse().unwrap();
        let w: usize = attr(rect, "width").parse().unwrap();
        for m in &mut lit[x..x + w] {
            assert!(!*m, "overlapping bars");
            *m = true;
        }
    }
    let first_bar = lit.iter().position(|&b| b).unwrap();
    let after_last_bar = lit.iter().rposition(|&b| b).unwrap() + 1;
    let modules = lit[first_bar..after_last_bar]
        .iter()
        .map(|&b| if b { '1' } else { '0' })
        .collect();
    let mut labels: Vec<(f64, String)> = svg
        .split("<text")
        .skip(1)
        .map(|t| {
            let x: f64 = attr(t, "x").parse().unwrap();
            let start = t.find('>').unwrap() + 1;
            let end = t.find("</text>").unwrap();
            (x, t[start..end].to_string())
        })
        .collect();
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let text = labels.into_iter().map(|(_, t)| t).collect();
    Read {
        modules,
        first_bar,
        after_last_bar,
        width,
        text,
    }
}

/// Decodes an EAN-13/UPC-A (95 modules) or EAN-8 (67) symbol into its digits.
fn decode_ean(modules: &str) -> String {
    let half = match modules.len() {
        95 => 6,
        67 => 4,
        n => panic!("{n} modules"),
    };
    assert_eq!(&modules[..3], "101", "start guard");
    let centre = 3 + 7 * half;
    assert_eq!(&modules[centre..centre + 5], "01010", "centre guard");
    assert_eq!(&modules[modules.len() - 3..], "101", "end guard");
    let mut digits = String::new();
    let mut parity = String::new();
    for i in 0..half {
        let (d, set) = decode_digit(&modules[3 + 7 * i..10 + 7 * i]);
        assert_ne!(set, 'C', "left half in set C");
        parity.push(set);
        digits.push((b'0' + d) as char);
    }
    for i in 0..half {
        let (d, set) = decode_digit(&modules[centre + 5 + 7 * i..centre + 12 + 7 * i]);
        assert_eq!(set, 'C', "right half");
        digits.push((b'0' + d) as char);
    }
    if half == 4 {
        assert_eq!(parity, "AAAA");
        return digits;
    }
    let lead = EAN13_PARITY
        .iter()
        .position(|p| *p == parity)
        .expect("a parity pattern");
    format!("{lead}{digits}")
}

/// Decodes a UPC-E symbol (51 modules) into its eight digits.
fn decode_upc_e(modules: &str) -> String {
    assert_eq!(modules.len(), 51);
    assert_eq!(&modules[..3], "101");
    assert_eq!(&modules[45..], "010101");
    let mut digits = String::new();
    let mut parity = String::new();
    for i in 0..6 {
        let (d, set) = decode_digit(&modules[3 + 7 * i..10 + 7 * i]);
        parity.push(set);
        digits.push((b'0' + d) as char);
    }
    let swapped: String = parity
        .chars()
        .map(|c| if c == 'A' { 'B' } else { 'A' })
        .collect();
    let (ns, check) = match UPC_E_PARITY.iter().position(|p| *p == parity) {
        Some(check) => (0, check),
        None => (
            1,
            UPC_E_PARITY
                .iter()
                .position(|p| *p == swapped)
                .expect("a parity"),
        ),
    };
    format!("{ns}{digits}{check}")
}

fn quiet_zones(kind: Kind) -> (usize, usize) {
    match kind {
        Kind::Ean13 => (11, 7),
        Kind::UpcA => (9, 9),
        Kind::Ean8 => (7, 7),
        Kind::Gtin14 => unreachable!(),
    }
}

fn check_code(code: Upc) {
    let svg = upc::svg::render(&code).unwrap();
    let read = read(&svg);
    let decoded = decode_ean(&read.modules);
    // A UPC-A is the EAN-13 with a leading 0.
    let expected = match code.kind() {
        Kind::UpcA => format!("0{code}"),
        _ => code.to_string(),
    };
    assert_eq!(decoded, expected);
    let (left, right) = quiet_zones(code.kind());
    assert_eq!(read.first_bar, left, "left quiet zone of {code}");
    assert_eq!(
        read.width - read.after_last_bar,
        right,
        "right quiet zone of {code}"
    );
    assert_eq!(
        read.text,
        code.to_string(),
        "human-readable digits of {code}"
    );
}

fn check_upc_e(code: UpcE) {
    let svg = upc::svg::render_upc_e(&code);
    let read = read(&svg);
    assert_eq!(decode_upc_e(&read.modules), code.to_string());
    assert_eq!(read.first_bar, 9);
    assert_eq!(read.width - read.after_last_bar, 7);
    assert_eq!(read.text, code.to_string());
}

#[test]
fn known_codes_decode() {
    for text in [
        "036000291452",
        "5012345678900",
        "96385074",
        "4942463511227",
        "9780072129519",
    ] {
        check_code(text.parse().unwrap());
    }
    for text in ["04252614", "14252611", "02345673"] {
        check_upc_e(text.parse().unwrap());
    }
}

#[test]
fn a_gtin14_has_no_ean_upc_symbol() {
    let code: Upc = "10036000291459".parse().unwrap();
    let e = upc::svg::render(&code).unwrap_err();
    assert_eq!(
        e.to_string(),
        "GTIN-14 10036000291459 has no EAN/UPC barcode: a GTIN-14 is carried by ITF-14 or GS1-128; convert it with to_ean13() or to_upc_a() first"
    );
    assert_eq!(e.kind(), "symbology");
}

#[test]
fn document_shape() {
    let code: Upc = "5012345678900".parse().unwrap();
    let svg = upc::svg::render(&code).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>\n"));
    assert!(svg.contains("<title>EAN-13 5012345678900</title>"));
    // (11 + 95 + 7) modules of 0.33 mm; nominal bar height 69 modules plus the digits.
    assert!(svg.contains("width=\"37.290mm\""));
    assert!(svg.contains("viewBox=\"0 0 113 79\""));
    // Guard bars reach 5 modules below the others.
    assert!(svg.contains("height=\"74\"/>"));
    let mut options = upc::svg::Options::default();
    options.module_um = 264;
    options.bar_height = Some(50);
    options.human_readable = false;
    let small = upc::svg::render_with(&code, &options).unwrap();
    assert!(small.contains("width=\"29.832mm\""));
    assert!(!small.contains("<text"));
    assert_eq!(decode_ean(&read(&small).modules), "5012345678900");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_symbol_decodes_to_its_code(kind in prop::sample::select(vec![Kind::Ean8, Kind::UpcA, Kind::Ean13]), seed in any::<u64>()) {
        check_code(common::upc_of(kind, seed));
    }

    #[test]
    fn every_upc_e_decodes_to_its_code(e in common::any_upc_e()) {
        check_upc_e(e);
    }
}
