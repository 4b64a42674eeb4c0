//! `musicid ledger …` and the allocate commands: codes come only from an existing ledger.

mod common;

use common::{assert_code, in_dir};

#[test]
fn allocate_needs_a_ledger_and_then_issues_in_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let missing = in_dir(
        dir.path(),
        &[
            "isrc", "allocate", "--prefix", "QZAQQ", "--year", "2026", "--count", "2",
        ],
    );
    assert_code(&missing, 2);
    assert_eq!(
        missing.stderr,
        "musicid: error: no ledger at musicid-ledger.sqlite: the file does not exist \
         (create one with `musicid ledger init --ledger musicid-ledger.sqlite`)\n"
    );
    assert!(
        !dir.path().join("musicid-ledger.sqlite").exists(),
        "nothing created"
    );

    assert_code(&in_dir(dir.path(), &["ledger", "init"]), 0);
    let again = in_dir(dir.path(), &["ledger", "init"]);
    assert_code(&again, 2);
    assert_eq!(
        again.stderr,
        "musicid: error: musicid-ledger.sqlite already holds a ledger\n"
    );

    let first = in_dir(
        dir.path(),
        &[
            "isrc", "allocate", "--prefix", "QZAQQ", "--year", "2026", "--count", "13",
        ],
    );
    assert_code(&first, 0);
    let expected: Vec<String> = (1..=13).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(first.lines(), expected);
    let second = in_dir(
        dir.path(),
        &[
            "isrc",
            "allocate",
            "--prefix",
            "QZ-AQQ",
            "--year",
            "26",
            "--reference",
            "next",
        ],
    );
    assert_eq!(second.lines(), ["QZAQQ2600014"]);

    let upc = in_dir(
        dir.path(),
        &[
            "upc",
            "allocate",
            "--company-prefix",
            "0614141",
            "--count",
            "2",
        ],
    );
    assert_code(&upc, 0);
    assert_eq!(upc.lines(), ["614141000005", "614141000012"]);

    let pools = in_dir(dir.path(), &["ledger", "pools"]);
    assert_eq!(
        pools.lines(),
        [
            "isrc QZAQQ 26 00001..=99999\t14 used\t99985 left\tnext QZAQQ2600015",
            "upc 0614141 0..=99999\t2 used\t99998 left\tnext 614141000029",
        ]
    );
}

#[test]
fn the_ledger_location_comes_from_the_option_or_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("shared.sqlite");
    let location = location.to_str().unwrap();
    assert_code(
        &in_dir(dir.path(), &["ledger", "init", "--ledger", location]),
        0,
    );
    let mut command = common::musicid();
    let output = command
        .args(["isrc", "allocate", "--prefix", "QZAQQ", "--year", "2026"])
        .env("MUSICID_LEDGER", location)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "QZAQQ2600001\n");
}

#[test]
fn a_location_that_is_not_a_ledger_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let not_ledger = dir.path().join("notes.txt");
    std::fs::write(&not_ledger, "shopping list\n").unwrap();
    let not_ledger = not_ledger.to_str().unwrap();
    for args in [
        &["ledger", "pools", "--ledger", not_ledger][..],
        &["ledger", "export", "--ledger", not_ledger],
        &[
            "isrc", "allocate", "--prefix", "QZAQQ", "--year", "26", "--ledger", not_ledger,
        ],
    ] {
        let run = in_dir(dir.path(), args);
        assert_code(&run, 2);
        assert!(
            run.stderr
                .starts_with(&format!("musicid: error: {not_ledger} is not a ledger: ")),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "shopping list\n"
    );
}

#[test]
fn import_lookup_and_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    std::fs::write(
        d.join("old.txt"),
        "QZAQQ2600007\tOld single\n\n614141000012\nqz-aqq-25-00001\n",
    )
    .unwrap();
    let import = in_dir(d, &["ledger", "import", "old.txt"]);
    assert_code(&import, 0);
    assert_eq!(
        import.stderr,
        "musicid: imported 3 codes into musicid-ledger.sqlite: 3 newly recorded, 0 already there\n"
    );
    // Issuing continues after the imported code.
    let next = in_dir(
        d,
        &["isrc", "allocate", "--prefix", "QZAQQ", "--year", "26"],
    );
    assert_eq!(next.lines(), ["QZAQQ2600008"]);

    let lookup = in_dir(d, &["ledger", "lookup", "QZAQQ2600007", "0614141000012"]);
    assert_code(&lookup, 0);
    let lines = lookup.lines();
    assert!(
        lines[0].starts_with("QZAQQ2600007\timported\t"),
        "{}",
        lookup.stdout
    );
    assert!(lines[0].ends_with("\tOld single"), "{}", lookup.stdout);
    assert!(
        lines[1].starts_with("614141000012\timported\t"),
        "{}",
        lookup.stdout
    );

    let json = in_dir(
        d,
        &[
            "ledger",
            "lookup",
            "--format",
            "json",
            "QZAQQ2600099",
            "nope",
        ],
    );
    assert_code(&json, 1);
    let objects = json.json_lines();
    assert_eq!(objects[0]["found"], false);
    assert_eq!(objects[1]["found"], false);
    assert_eq!(
        objects[1]["error"],
        "invalid length: expected 12 characters, found 4"
    );

    let export = in_dir(d, &["ledger", "export", "-o", "backup.csv"]);
    assert_code(&export, 0);
    let csv = std::fs::read_to_string(d.join("backup.csv")).unwrap();
    assert!(
        csv.starts_with("kind,code,issued_at,reference,origin\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 5, "{csv}");

    // The export seeds a new ledger with the same codes, times and references.
    assert_code(&in_dir(d, &["ledger", "init", "--ledger", "new.sqlite"]), 0);
    let seeded = in_dir(
        d,
        &["ledger", "import", "--ledger", "new.sqlite", "backup.csv"],
    );
    assert_code(&seeded, 0);
    let copy = in_dir(d, &["ledger", "export", "--ledger", "new.sqlite"]);
    assert_eq!(
        copy.stdout.replace(",issued\n", ",imported\n"),
        csv.replace(",issued\n", ",imported\n")
    );
}

#[test]
fn invalid_imports_record_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    std::fs::write(d.join("codes.txt"), "QZAQQ2600001\nQZAQQ26000X2\n").unwrap();
    let import = in_dir(d, &["ledger", "import", "codes.txt"]);
    assert_code(&import, 1);
    assert_eq!(
        import.stderr,
        "codes.txt:2: QZAQQ26000X2: invalid character 'X' at position 11 in the designation code: expected a digit 0-9\n\
         musicid: 1 invalid inputs: nothing was imported\n"
    );
    let export = in_dir(d, &["ledger", "export"]);
    assert_eq!(
        export.lines().len(),
        1,
        "only the header: {}",
        export.stdout
    );

    std::fs::write(d.join("a.txt"), "QZAQQ2600001\tTrack A\n").unwrap();
    std::fs::write(d.join("b.txt"), "QZAQQ2600001\tTrack B\n").unwrap();
    assert_code(&in_dir(d, &["ledger", "import", "a.txt"]), 0);
    let conflict = in_dir(d, &["ledger", "import", "b.txt"]);
    assert_code(&conflict, 1);
    assert!(
        conflict
            .stderr
            .starts_with("musicid: b.txt:1: QZAQQ2600001 is already recorded for"),
        "{}",
        conflict.stderr
    );
}

#[test]
fn concurrent_allocations_never_share_a_code() {
    let dir = tempfile::tempdir().unwrap();
    assert_code(&in_dir(dir.path(), &["ledger", "init"]), 0);
    let children: Vec<_> = (0..4)
        .map(|_| {
            common::musicid()
                .args([
                    "isrc", "allocate", "--prefix", "QZAQQ", "--year", "26", "--count", "25",
                ])
                .current_dir(dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut all = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        all.extend(
            String::from_utf8(output.stdout)
                .unwrap()
                .lines()
                .map(str::to_owned),
        );
    }
    all.sort();
    let expected: Vec<String> = (1..=100).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(all, expected);
}

#[test]
fn allocate_with_a_key_issues_once() {
    let dir = tempfile::tempdir().unwrap();
    assert_code(&in_dir(dir.path(), &["ledger", "init"]), 0);
    let args = [
        "isrc",
        "allocate",
        "--prefix",
        "QZAQQ",
        "--year",
        "2026",
        "--count",
        "3",
        "--key",
        "order-4711",
    ];
    let first = in_dir(dir.path(), &args);
    assert_code(&first, 0);
    assert_eq!(
        first.lines(),
        ["QZAQQ2600001", "QZAQQ2600002", "QZAQQ2600003"]
    );
    assert_eq!(first.stderr, "");
    // The retry prints the same codes, says so, and issues none.
    let retry = in_dir(dir.path(), &args);
    assert_code(&retry, 0);
    assert_eq!(retry.stdout, first.stdout);
    assert_eq!(
        retry.stderr,
        "musicid: key \"order-4711\" was issued these codes before: none issued now\n"
    );
    let other_count = in_dir(
        dir.path(),
        &[
            "isrc",
            "allocate",
            "--prefix",
            "QZAQQ",
            "--year",
            "2026",
            "--count",
            "2",
            "--key",
            "order-4711",
        ],
    );
    assert_code(&other_count, 2);
    assert_eq!(
        other_count.stderr,
        "musicid: error: key \"order-4711\" was used for 3 codes from pool isrc QZAQQ 26 \
         00001..=99999; this request asks for 2 codes from pool isrc QZAQQ 26 00001..=99999\n"
    );
    let upc = in_dir(
        dir.path(),
        &[
            "upc",
            "allocate",
            "--company-prefix",
            "0614141",
            "--key",
            "order-4711",
        ],
    );
    assert_code(&upc, 2);
    let export = in_dir(dir.path(), &["ledger", "export"]);
    assert_eq!(export.lines().len(), 4, "{}", export.stdout);
}

/// A PostgreSQL location that cannot be used: the message names it with its password hidden,
/// and --help never shows the value of $MUSICID_LEDGER.
#[test]
fn a_password_in_a_location_never_shows() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "hunter2-in-the-url";
    for (location, expected) in [
        (
            format!("postgres://u:{secret}@127.0.0.1:1/db?connect_timeout=2"),
            "musicid: error: cannot connect to postgres://u:***@127.0.0.1:1/db?connect_timeout=2: ",
        ),
        (
            format!("postgres://u:{secret}@h:notaport/db"),
            "musicid: error: invalid location postgres://u:***@h:notaport/db: ",
        ),
        (
            format!("postgres://u@h/db?password={secret}&sslmode=allow"),
            "musicid: error: invalid location postgres://u@h/db?password=***&sslmode=allow: \
             sslmode \"allow\": expected disable, prefer, require, verify-ca or verify-full",
        ),
    ] {
        for args in [
            vec!["ledger", "init", "--ledger", location.as_str()],
            vec![
                "isrc", "allocate", "--prefix", "QZAQQ", "--year", "26", "--ledger", &location,
            ],
            vec!["ledger", "export", "--ledger", &location],
        ] {
            let out = in_dir(dir.path(), &args);
            assert_code(&out, 2);
            assert!(out.stderr.starts_with(expected), "{}", out.stderr);
            assert!(!out.stderr.contains(secret), "{}", out.stderr);
        }
        let help = common::musicid()
            .args(["release", "assign", "--help"])
            .env("MUSICID_LEDGER", &location)
            .output()
            .unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        assert!(help.contains("[env: MUSICID_LEDGER]"), "{help}");
        assert!(!help.contains(secret), "{help}");
    }
}
