//! `musicid iswc|isni|ipi|ipi-base|grid|dpid|ismn check|format` and `musicid id detect`.

mod common;

use common::{assert_code, run};

/// The path of a committed code file.
fn codes(name: &str) -> String {
    format!("{}/../../fixtures/codes/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn each_check_passes_its_valid_fixture_and_refuses_its_invalid_one() {
    for (command, name) in [
        ("iswc", "iswc"),
        ("isni", "isni"),
        ("ipi", "ipi-name"),
        ("ipi-base", "ipi-base"),
        ("grid", "grid"),
        ("dpid", "dpid"),
        ("ismn", "ismn"),
    ] {
        let valid = codes(&format!("{name}-valid.txt"));
        let ok = run(&[command, "check", "--strict", &valid], b"");
        assert_code(&ok, 0);
        assert!(ok.stdout.is_empty(), "{command}: {}", ok.stdout);
        assert!(
            ok.stderr.contains("1000 valid, 0 invalid"),
            "{command}: {}",
            ok.stderr
        );

        let invalid =
            std::fs::read_to_string(codes(&format!("{name}-invalid.tsv"))).expect("fixture");
        let inputs: String = invalid
            .lines()
            .map(|l| format!("{}\n", l.split_once('\t').expect("two columns").0))
            .collect();
        let kinds: Vec<&str> = invalid
            .lines()
            .map(|l| l.split_once('\t').expect("two columns").1)
            .collect();
        let bad = run(&[command, "check", "--format", "json"], inputs.as_bytes());
        assert_code(&bad, 1);
        let objects = bad.json_lines();
        assert_eq!(objects.len(), kinds.len() + 1, "{command}");
        for (object, kind) in objects.iter().zip(&kinds) {
            assert_eq!(object["valid"], false, "{command}: {object}");
            assert_eq!(object["kind"], *kind, "{command}: {object}");
        }
        assert_eq!(objects[kinds.len()]["invalid"], kinds.len());
    }
}

#[test]
fn check_messages_name_the_check_character_and_the_place() {
    let run = run(
        &["isni", "check"],
        b"0000 0001 2103 2683\n0000 0001 1111 955X\n0000 0001 21O3 2683\n",
    );
    assert_code(&run, 1);
    assert_eq!(
        run.lines(),
        [
            "-:2: 0000 0001 1111 955X: check character mismatch: expected 8, found X",
            "-:3: 0000 0001 21O3 2683: invalid character 'O' at position 13 in the number: expected a digit 0-9",
        ]
    );
    assert_eq!(
        run.stderr,
        "musicid: checked 3 ISNIs: 1 valid, 2 invalid, 0 warnings\n"
    );
}

#[test]
fn warnings_carry_the_lints() {
    let orcid = run(&["isni", "check", "--warnings"], b"0000-0002-1825-0097\n");
    assert_code(&orcid, 0);
    assert!(orcid.stdout.contains("an ORCID iD"), "{}", orcid.stdout);
    let denied = run(
        &["dpid", "check", "--deny-warnings"],
        b"PADPIDA2014122301Q\n",
    );
    assert_code(&denied, 1);
    assert!(
        denied.stdout.contains("example in DDEX's documentation"),
        "{}",
        denied.stdout
    );
}

#[test]
fn format_prints_each_layout() {
    for (args, expected) in [
        (
            &["iswc", "format", "T0345246801", "--style", "hyphenated"][..],
            "T-034.524.680-1\n",
        ),
        (
            &["isni", "format", "ISNI 0000 0001 2103 2683"],
            "0000000121032683\n",
        ),
        (
            &["isni", "format", "0000000121032683", "--style", "grouped"],
            "0000 0001 2103 2683\n",
        ),
        (&["ipi", "format", "IPI 000 177 984 50"], "00017798450\n"),
        (
            &["ipi-base", "format", "I0016524937", "--style", "hyphenated"],
            "I-001652493-7\n",
        ),
        (
            &[
                "grid",
                "format",
                "a12425gabc1234002m",
                "--style",
                "hyphenated",
            ],
            "A1-2425G-ABC1234002-M\n",
        ),
        (
            &["dpid", "format", "PA-DPIDA-2013042401-U"],
            "PADPIDA2013042401U\n",
        ),
        (&["ismn", "format", "M-2306-7118-7"], "9790230671187\n"),
        (
            &["ismn", "format", "9790230671187", "--style", "legacy"],
            "M-2306-7118-7\n",
        ),
    ] {
        let out = run(args, b"");
        assert_code(&out, 0);
        assert_eq!(out.stdout, expected, "{args:?}");
    }
    let bad = run(&["grid", "format", "A12425GABC1234002Q"], b"");
    assert_code(&bad, 1);
    assert_eq!(
        bad.stderr,
        "musicid: A12425GABC1234002Q: check character mismatch: expected M, found Q\n"
    );
}

#[test]
fn detect_names_each_line() {
    let run = run(
        &["id", "detect"],
        "T-034.524.680-1\nQZAQQ2600001\n9790230671187\nPADPIDA2007061302U\nnothing\n".as_bytes(),
    );
    assert_code(&run, 1);
    assert_eq!(
        run.lines(),
        [
            "T-034.524.680-1\tISWC",
            "QZAQQ2600001\tISRC",
            "9790230671187\tUPC/EAN, ISMN",
            "PADPIDA2007061302U\tunknown (could be: DPID, with a wrong check character)",
            "nothing\tunknown",
        ]
    );
    assert_eq!(
        run.stderr,
        "musicid: 5 lines: 1 ISRC, 1 UPC/EAN, 1 ISMN, 1 ISWC; 2 unknown\n"
    );
}

#[test]
fn detect_json_and_a_clean_exit() {
    let run = run(
        &["id", "detect", "--format", "json", "-"],
        b"0000000121032683\n",
    );
    assert_code(&run, 0);
    let objects = run.json_lines();
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0]["line"], 1);
    assert_eq!(objects[0]["is"], serde_json::json!(["ISNI"]));
    assert_eq!(objects[0]["could_be"], serde_json::json!([]));
}
