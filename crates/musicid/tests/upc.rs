//! `musicid upc check|check-digit|convert|barcode`.

mod common;

use common::{assert_code, run};

#[test]
fn check_reports_check_digit_errors_and_passes_valid_codes() {
    let run = run(
        &["upc", "check"],
        b"036000291452\n036000291453\n4006381333931\n96385074\n0 36000 29145 2\n",
    );
    assert_code(&run, 1);
    assert_eq!(
        run.lines(),
        ["-:2: 036000291453: check digit mismatch: expected 2, found 3"]
    );
    assert_eq!(
        run.stderr,
        "musicid: checked 5 UPCs: 4 valid, 1 invalid, 0 warnings\n"
    );
}

#[test]
fn check_json_and_duplicates_across_kinds() {
    let run = run(
        &["upc", "check", "--format", "json", "--warnings"],
        b"036000291452\n0036000291452\n12345\n",
    );
    assert_code(&run, 1);
    let objects = run.json_lines();
    assert_eq!(objects.len(), 3, "{}", run.stdout);
    assert_eq!(objects[0]["kind"], "upc.duplicate");
    assert_eq!(objects[0]["line"], 2);
    assert_eq!(objects[0]["message"], "duplicate: first seen at line 1");
    assert_eq!(objects[1]["kind"], "length");
    assert_eq!(objects[1]["valid"], false);
    assert_eq!(objects[2]["checked"], 3);
    assert_eq!(objects[2]["invalid"], 1);
    assert_eq!(objects[2]["warnings"], 1);
}

#[test]
fn check_digit_prints_the_digit_or_the_code() {
    let digit = run(&["upc", "check-digit", "03600029145"], b"");
    assert_code(&digit, 0);
    assert_eq!(digit.stdout, "2\n");
    let full = run(&["upc", "check-digit", "--full", "03600029145"], b"");
    assert_eq!(full.stdout, "036000291452\n");
    let bad = run(&["upc", "check-digit", "0360002914x"], b"");
    assert_code(&bad, 1);
    assert_eq!(
        bad.stderr,
        "musicid: 0360002914x: invalid character 'x' at position 11 in the code: expected a digit 0-9\n"
    );
}

#[test]
fn convert_between_forms() {
    for (args, expected) in [
        (&["036000291452", "--to", "ean13"][..], "0036000291452"),
        (&["036000291452", "--to", "gtin14"], "00036000291452"),
        (&["0036000291452", "--to", "upc-a"], "036000291452"),
        (&["042100005264", "--to", "upc-e"], "04252614"),
        (&["--upc-e", "04252614", "--to", "upc-a"], "042100005264"),
    ] {
        let mut all = vec!["upc", "convert"];
        all.extend_from_slice(args);
        let run = run(&all, b"");
        assert_code(&run, 0);
        assert_eq!(run.stdout, format!("{expected}\n"), "{args:?}");
    }
    let none = run(&["upc", "convert", "036000291452", "--to", "upc-e"], b"");
    assert_code(&none, 1);
    assert!(none.stderr.contains("no UPC-E form"), "{}", none.stderr);
    let foreign = run(&["upc", "convert", "4006381333931", "--to", "upc-a"], b"");
    assert_code(&foreign, 1);
    assert_eq!(foreign.stdout, "");
}

#[test]
fn barcode_writes_an_svg_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("upc.svg");
    let out_str = out.to_str().unwrap();
    let run1 = run(&["upc", "barcode", "036000291452", "--out", out_str], b"");
    assert_code(&run1, 0);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.contains("<title>UPC-A 036000291452</title>"));
    let e = dir.path().join("e.svg");
    let run2 = run(
        &[
            "upc",
            "barcode",
            "--upc-e",
            "04252614",
            "--out",
            e.to_str().unwrap(),
        ],
        b"",
    );
    assert_code(&run2, 0);
    assert!(std::fs::read_to_string(&e).unwrap().contains("<text"));
    let gtin = run(&["upc", "barcode", "00036000291452", "--out", out_str], b"");
    assert_code(&gtin, 1);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        svg,
        "the old file is kept"
    );
}
