//! `musicid demo`: the main job, and what a second run does.

mod common;

use common::{assert_code, run};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/releases");

#[test]
fn demo_issues_the_codes_writes_the_files_and_reuses_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let demo_str = demo.to_str().unwrap();

    let first = run(&["demo", "--dir", demo_str], b"");
    assert_code(&first, 0);
    for n in 1..=13 {
        assert!(
            first.stdout.contains(&format!("QZAQQ26{n:05}")),
            "{}",
            first.stdout
        );
    }
    assert!(!first.stdout.contains("QZAQQ2600014\n"));
    assert!(
        first.stdout.contains("UPC 614141000012 (UPC-A)"),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.contains("Issued 14 codes through the ledger"),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.contains("Validated: no findings."),
        "{}",
        first.stdout
    );
    assert!(
        first
            .stdout
            .contains("Next from the ledger: ISRC QZAQQ2600014, UPC 614141000029."),
        "{}",
        first.stdout
    );
    // The release written is the committed fixture, byte for byte, in both formats.
    for name in ["vesica-piscis.json", "vesica-piscis.csv"] {
        assert_eq!(
            std::fs::read_to_string(demo.join(name)).unwrap(),
            std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap(),
            "{name}"
        );
    }

    // The ERN message reads back to the same release (plus the genre ERN requires).
    let ern = demo.join("vesica-piscis.xml");
    let back = demo.join("back.json");
    let import = run(
        &[
            "release",
            "import-ddex",
            ern.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ],
        b"",
    );
    assert_code(&import, 0);
    let mut expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(demo.join("vesica-piscis.json")).unwrap())
            .unwrap();
    expected["genre"] = "Electronic".into();
    let imported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(imported, expected);
    std::fs::remove_file(&back).unwrap();

    let second = run(&["demo", "--dir", demo_str], b"");
    assert_code(&second, 0);
    assert!(
        second.stdout.contains("Reused the demo folder"),
        "{}",
        second.stdout
    );
    assert!(
        second.stdout.contains("nothing was issued"),
        "{}",
        second.stdout
    );
    assert!(
        second
            .stdout
            .contains("Next from the ledger: ISRC QZAQQ2600014, UPC 614141000029."),
        "{}",
        second.stdout
    );
    // The ledger holds each code once: 13 ISRCs and 1 UPC.
    let ledger = demo.join("ledger.sqlite");
    let export = run(
        &["ledger", "export", "--ledger", ledger.to_str().unwrap()],
        b"",
    );
    assert_code(&export, 0);
    assert_eq!(export.lines().len(), 15, "{}", export.stdout);
    assert!(export.stdout.contains("isrc,QZAQQ2600001,"));
    assert!(
        export
            .stdout
            .contains(",One Yen / Vesica Piscis / disc 1 track 13,issued")
    );
}

#[test]
fn demo_refuses_a_folder_that_is_not_a_demo() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.txt"), "do not touch").unwrap();
    let run = run(&["demo", "--dir", dir.path().to_str().unwrap()], b"");
    assert_code(&run, 2);
    assert!(
        run.stderr.contains("is not empty and holds no demo ledger"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
