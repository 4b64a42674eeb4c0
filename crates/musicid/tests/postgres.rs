//! The CLI against a PostgreSQL ledger: the location several workers or machines share.
//! Runs when `MUSICID_TEST_POSTGRES_URL` points at a database (CI starts one); says it skipped
//! otherwise.

mod common;

use std::collections::HashSet;

use common::{assert_code, run};

const VARIABLE: &str = "MUSICID_TEST_POSTGRES_URL";

/// A URL whose connections use a schema of their own, dropped and created afresh.
fn fresh_location(test: &str) -> Option<String> {
    let Some(url) = std::env::var(VARIABLE).ok().filter(|url| !url.is_empty()) else {
        eprintln!("{test}: skipped: {VARIABLE} not set");
        return None;
    };
    let schema = format!("musicid_cli_{test}");
    // Connected as the ledger connects: the URL may ask for TLS (sslmode, sslrootcert).
    let mut client = ledger::testing::postgres_client(&url)
        .unwrap_or_else(|error| panic!("{VARIABLE}: {error}"));
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
        ))
        .expect("a fresh schema");
    let separator = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{separator}options=-csearch_path%3D{schema}"))
}

#[test]
fn allocate_through_a_postgres_ledger() {
    let Some(location) = fresh_location("allocate") else {
        return;
    };
    assert_code(&run(&["ledger", "init", "--ledger", &location], b""), 0);
    let allocate = |count: &str| {
        run(
            &[
                "isrc", "allocate", "--prefix", "QZAQQ", "--year", "2026", "--count", count,
                "--ledger", &location,
            ],
            b"",
        )
    };
    let album = allocate("13");
    assert_code(&album, 0);
    let expected: Vec<String> = (1..=13).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(album.lines(), expected);

    // Four processes at once: every code distinct, and together the next 100.
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let location = location.clone();
            std::thread::spawn(move || {
                run(
                    &[
                        "isrc", "allocate", "--prefix", "QZAQQ", "--year", "2026", "--count", "25",
                        "--ledger", &location,
                    ],
                    b"",
                )
            })
        })
        .collect();
    let mut seen = HashSet::new();
    for worker in workers {
        let out = worker.join().expect("the worker thread");
        assert_code(&out, 0);
        for line in out.lines() {
            assert!(seen.insert(line.to_owned()), "{line} issued twice");
        }
    }
    let expected: HashSet<String> = (14..=113).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(seen, expected);

    let lookup = run(
        &["ledger", "lookup", "QZAQQ2600001", "--ledger", &location],
        b"",
    );
    assert_code(&lookup, 0);
    assert!(
        lookup.stdout.starts_with("QZAQQ2600001\t"),
        "{}",
        lookup.stdout
    );
}

#[test]
fn a_postgres_database_without_a_ledger_is_refused() {
    let Some(location) = fresh_location("refused") else {
        return;
    };
    let out = run(
        &[
            "isrc", "allocate", "--prefix", "QZAQQ", "--year", "2026", "--count", "1", "--ledger",
            &location,
        ],
        b"",
    );
    assert_code(&out, 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

/// The location with `user:password@` for its user-info (a server that trusts the user takes
/// any password): every message and --help must show `***` instead.
fn with_password(location: &str, password: &str) -> String {
    let (scheme, rest) = location.split_once("://").expect("a URL");
    let (user_info, host) = rest.split_once('@').expect("a user in the URL");
    let user = user_info.split(':').next().unwrap();
    format!("{scheme}://{user}:{password}@{host}")
}

#[test]
fn a_password_in_the_location_never_shows() {
    let Some(location) = fresh_location("password") else {
        return;
    };
    let secret = "hunter2-in-the-url";
    let location = with_password(&location, secret);
    let allocate = [
        "isrc", "allocate", "--prefix", "QZAQQ", "--year", "2026", "--ledger", &location,
    ];
    // No ledger there yet: the error and its hint name the location, password hidden.
    let missing = run(&allocate, b"");
    assert_code(&missing, 2);
    assert!(missing.stderr.contains(":***@"), "{}", missing.stderr);
    let init = run(&["ledger", "init", "--ledger", &location], b"");
    assert_code(&init, 0);
    let again = run(&["ledger", "init", "--ledger", &location], b"");
    assert_code(&again, 2);
    assert!(
        again.stderr.contains("already holds a ledger"),
        "{}",
        again.stderr
    );
    let issued = run(&allocate, b"");
    assert_code(&issued, 0);
    for out in [&missing, &init, &again, &issued] {
        assert!(!out.stderr.contains(secret), "{}", out.stderr);
        assert!(!out.stdout.contains(secret), "{}", out.stdout);
    }
    // --help with the location in $MUSICID_LEDGER names the variable, not its value.
    let help = common::musicid()
        .args(["isrc", "allocate", "--help"])
        .env("MUSICID_LEDGER", &location)
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("MUSICID_LEDGER"), "{help}");
    assert!(!help.contains(secret), "{help}");
}
