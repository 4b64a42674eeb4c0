//! `musicid demo`: the main job, and what a second run does.

mod common;

use common::{assert_code, assert_contains, fixture, run, track_isrcs};

#[test]
fn demo_issues_the_codes_writes_the_files_and_reuses_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let demo_str = demo.to_str().unwrap();

    let first = run(&["demo", "--dir", demo_str], b"");
    assert_code(&first, 0);
    for n in 1..=13 {
        assert_contains(&first.stdout, &format!("QZAQQ26{n:05}"));
    }
    assert!(!first.stdout.contains("QZAQQ2600014\n"));
    for part in [
        "UPC 614141000012 (UPC-A)",
        "Issued 14 codes through the ledger",
        // The fictional credits' made-up identifiers, and nothing else.
        "Validated: 0 errors, 3 warnings:\n  release #1 (upc 614141000012): warning \
         [grid.documentation_example] grid A1-2425G-ABC1234002-M",
        "warning [isni.unassigned_range] isni 9999 9999 9000 0021 of \"Mara Quill\"",
        "disc 1 track 1: warning [isni.unassigned_range] isni 9999 9999 9000 0013 of \"Ines Varga\"",
        "(the fictional credits' identifiers are made up where they can name no one, and \
         validation says so)\nWrote ",
        "vesica-piscis.csv and ",
        "vesica-piscis.xml.",
        "Next from the ledger: ISRC QZAQQ2600014, UPC 614141000029.",
        "and ingested it back into",
        "(inserted, 14 files checked): both directions agree, no findings but 2 of the \
         validation's warnings above, carried back.",
        "fingerprints with their ISRCs in the ledger, as `musicid ledger fingerprint` does \
         for codes issued before fingerprints: 13 added, 0 already there.",
        "reused 13 of its 13 ISRCs and issued 0 codes, because each file is a recording the \
         ledger already holds",
        "warning [media.recording_known] reuses QZAQQ2600001, issued for One Yen / Vesica \
         Piscis / disc 1 track 1",
    ] {
        assert_contains(&first.stdout, part);
    }
    // The re-encoded masters really are other files (another format, other samples), and
    // their release carries the album's ISRCs, track for track.
    let re_encoded = demo.join("media/re-encoded");
    let master = std::fs::read(demo.join("media/01.flac")).unwrap();
    let copy = std::fs::read(re_encoded.join("01.wav")).unwrap();
    assert!(copy.starts_with(b"RIFF") && master.starts_with(b"fLaC"));
    assert!(
        std::fs::read(re_encoded.join("13.flac"))
            .unwrap()
            .starts_with(b"fLaC")
    );
    let expected: Vec<String> = (1..=13).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(
        track_isrcs(&re_encoded.join("vesica-piscis.json")),
        expected
    );
    assert!(
        track_isrcs(&re_encoded.join("vesica-piscis.draft.json"))
            .iter()
            .all(String::is_empty)
    );
    // The release written is the committed credited album, byte for byte, in both formats.
    for (name, fixture_name) in [
        ("vesica-piscis.json", "vesica-piscis.credited.json"),
        ("vesica-piscis.csv", "vesica-piscis.credited.csv"),
    ] {
        assert_eq!(
            std::fs::read_to_string(demo.join(name)).unwrap(),
            fixture(fixture_name),
            "{name}"
        );
    }

    // The ERN 4.3 message reads back to the release as ERN 4.3 carries it (its credits but
    // the producer's release credit and the works' titles and writers), plus the genre ERN
    // requires.
    let back = demo.join("back.json");
    let import = run(
        &[
            "release",
            "import-ddex",
            demo.join("vesica-piscis.xml").to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ],
        b"",
    );
    assert_code(&import, 0);
    let read = |path: &std::path::Path| {
        release_model::json::from_str(&std::fs::read_to_string(path).unwrap())
            .into_result()
            .unwrap()
            .remove(0)
    };
    let mut sent = read(&demo.join("vesica-piscis.json"));
    sent.genre = Some("Electronic".to_owned());
    let expected = ddex::carried(&sent, ddex::ErnVersion::V4_3);
    assert_eq!(read(&back), expected);
    assert!(
        expected
            .tracks
            .iter()
            .all(|track| !track.contributors.is_empty())
    );
    assert!(expected.grid.is_some());
    std::fs::remove_file(&back).unwrap();

    let second = run(&["demo", "--dir", demo_str], b"");
    assert_code(&second, 0);
    for part in [
        "Reused the demo folder",
        "nothing was issued",
        "Next from the ledger: ISRC QZAQQ2600014, UPC 614141000029.",
        "13 already there.",
        "reused 13 of its 13 ISRCs and issued 0 codes",
    ] {
        assert_contains(&second.stdout, part);
    }
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
    assert_contains(&run.stderr, "is not empty and holds no demo ledger");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
