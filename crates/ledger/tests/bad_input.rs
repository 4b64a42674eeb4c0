//! Locations that are not ledgers, and input that does not parse: each a specific error, and
//! nothing written (the file's bytes are compared before and after).

mod common;

use std::path::Path;

use common::{RELEASE_DAY, at, bytes};
use ledger::{Error, IsrcPool, Ledger, Location, NotALedgerReason, SCHEMA_VERSION, UpcPool};

type Opener = fn(Location) -> Result<Ledger, Error>;

/// The three ways to open.
const OPENERS: [Opener; 3] = [Ledger::open, Ledger::create, Ledger::open_existing];
/// The two ways that accept an existing ledger.
const REOPENERS: [Opener; 2] = [Ledger::open, Ledger::open_existing];

/// Opens `path` every way there is and asserts that each fails the same way and that the file
/// did not change.
#[track_caller]
fn refused_every_way(path: &Path, expected: &str) -> Error {
    let before = bytes(path);
    let mut last = None;
    for open in OPENERS {
        let error = open(path.into()).unwrap_err();
        assert_eq!(error.to_string(), expected);
        assert_eq!(bytes(path), before, "the file changed");
        last = Some(error);
    }
    last.unwrap()
}

fn new_ledger(directory: &tempfile::TempDir) -> std::path::PathBuf {
    let path = directory.path().join("real.ledger");
    let mut ledger = Ledger::create(path.as_path()).unwrap();
    ledger
        .issue(
            &IsrcPool::parse("QZAQQ", "26").unwrap(),
            3,
            at(RELEASE_DAY),
            None,
        )
        .unwrap();
    path
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("notes.txt");
    std::fs::write(&path, "QZAQQ2600001\nQZAQQ2600002\n").unwrap();
    let error = refused_every_way(
        &path,
        &format!(
            "{} is not a ledger: not an sqlite database (no sqlite header)",
            path.display()
        ),
    );
    assert!(matches!(
        error,
        Error::NotALedger {
            reason: NotALedgerReason::NotSqlite,
            ..
        }
    ));
}

#[test]
fn a_foreign_sqlite_database_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("app.db");
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);")
            .unwrap();
    }
    let error = refused_every_way(
        &path,
        &format!(
            "{} is not a ledger: an sqlite database with other tables (table \"invoices\")",
            path.display()
        ),
    );
    assert!(matches!(
        error,
        Error::NotALedger {
            reason: NotALedgerReason::ForeignTables(_),
            ..
        }
    ));
}

#[test]
fn another_applications_database_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("other.db");
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute_batch("PRAGMA application_id = 1234;")
            .unwrap();
    }
    let error = refused_every_way(
        &path,
        &format!(
            "{} is not a ledger: an sqlite database of another application (application_id 0x000004d2)",
            path.display()
        ),
    );
    assert!(matches!(
        error,
        Error::NotALedger {
            reason: NotALedgerReason::OtherApplication(1234),
            ..
        }
    ));
}

#[test]
fn a_corrupt_header_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("corrupt.ledger");
    let mut content = b"SQLite format 3\0".to_vec();
    content.extend(std::iter::repeat_n(0xA5, 4096));
    std::fs::write(&path, &content).unwrap();
    let error = refused_every_way(
        &path,
        &format!("{} is damaged: file is not a database", path.display()),
    );
    assert!(matches!(error, Error::Corrupt { .. }));
}

#[test]
fn a_damaged_ledger_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = new_ledger(&directory);
    // Overwrite the schema page's content after the 100-byte file header.
    let mut content = bytes(&path);
    for byte in &mut content[100..4096] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &content).unwrap();
    let error = refused_every_way(
        &path,
        &format!(
            "{} is damaged: database disk image is malformed",
            path.display()
        ),
    );
    assert!(matches!(error, Error::Corrupt { .. }));
}

#[test]
fn a_newer_schema_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = new_ledger(&directory);
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = bytes(&path);
    for open in REOPENERS {
        let error = open(path.as_path().into()).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "the ledger's schema version {} is newer than the newest this version knows ({SCHEMA_VERSION}): upgrade to open it",
                SCHEMA_VERSION + 1
            )
        );
        assert!(matches!(error, Error::NewerSchema { found, supported }
            if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION));
        assert_eq!(bytes(&path), before);
    }
}

#[test]
fn an_empty_file_becomes_a_ledger_only_when_asked() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("empty.ledger");
    std::fs::write(&path, b"").unwrap();
    let error = Ledger::open_existing(path.as_path()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{} is not a ledger: the file is empty", path.display())
    );
    assert_eq!(bytes(&path), b"");
    // `create` (as `ledger init` on a file made by mktemp) makes it one.
    let mut ledger = Ledger::create(path.as_path()).unwrap();
    assert_eq!(ledger.records().unwrap(), []);
    drop(ledger);
    assert!(Ledger::open_existing(path.as_path()).is_ok());
}

#[test]
fn a_blank_sqlite_database_becomes_a_ledger_only_when_asked() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("blank.db");
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        // A database file with a header and no tables.
        connection.execute_batch("VACUUM;").unwrap();
    }
    let before = bytes(&path);
    assert!(!before.is_empty());
    let error = Ledger::open_existing(path.as_path()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{} is not a ledger: an sqlite database without tables",
            path.display()
        )
    );
    assert_eq!(bytes(&path), before);
    assert!(Ledger::open(path.as_path()).is_ok());
}

#[test]
fn a_missing_file_is_created_only_when_asked() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("new.ledger");
    let error = Ledger::open_existing(path.as_path()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("no ledger at {}: the file does not exist", path.display())
    );
    assert!(!path.exists());
    let missing_folder = directory.path().join("no/such/folder/x.ledger");
    let error = Ledger::open(missing_folder.as_path()).unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "cannot open {}: sqlite cannot open or create the file (a missing folder, or no access)",
            missing_folder.display()
        )
    );
    assert!(Ledger::open(path.as_path()).is_ok());
    assert!(path.exists());
}

#[test]
fn a_directory_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let error = Ledger::open(directory.path()).unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "cannot open {}: a directory, not a file",
            directory.path().display()
        )
    );
}

#[test]
fn a_prefix_or_year_that_does_not_parse_is_refused() {
    let error = IsrcPool::parse("QZ!QQ", "26").unwrap_err();
    assert!(matches!(error, Error::Isrc(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid character '!' at position 3 in the registrant code: expected a letter A-Z or a digit 0-9"
    );
    let error = IsrcPool::parse("QZAQQ", "20x6").unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid year \"20x6\": expected 2 digits (26) or 4 digits (2026)"
    );
    for year in ["", "2", "202", "20266", "+26", "-1"] {
        assert!(
            matches!(
                IsrcPool::parse("QZAQQ", year),
                Err(Error::InvalidYear { .. })
            ),
            "{year:?}"
        );
    }
    assert_eq!(
        IsrcPool::parse("QZAQQ", "1999")
            .unwrap()
            .year_of_reference(),
        99
    );
    assert_eq!(
        IsrcPool::parse("qz-aqq", " 26 ").unwrap().to_string(),
        "QZAQQ 26 00001..=99999"
    );
    // An empty range, as a caller computing its share might produce.
    let (start, end) = (5, 4);
    let error = IsrcPool::parse("QZAQQ", "26")
        .unwrap()
        .with_range(start..=end)
        .unwrap_err();
    assert!(matches!(error, Error::Isrc(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid designation range 5..=4: expected a non-empty range within 0..=99999"
    );
    assert!(
        IsrcPool::parse("QZAQQ", "26")
            .unwrap()
            .with_range(1..=100_000)
            .is_err()
    );

    let error = UpcPool::parse("06141x1").unwrap_err();
    assert!(matches!(error, Error::Upc(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "unexpected text after the code at position 6: found 'x'"
    );
    // Restricted circulation: never a release's code.
    let error = UpcPool::parse("0212345").unwrap_err();
    assert!(matches!(error, Error::Upc(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "company prefix 0212345 cannot issue release codes: restricted circulation number: valid only within a geographic region (variable-measure or in-store items)"
    );
    let error = UpcPool::parse("0614141")
        .unwrap()
        .with_range(0..=100_000)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "item references 0..=100000 do not fit company prefix 0614141: expected 0..=99999"
    );
}

#[test]
fn bad_input_writes_nothing_to_an_existing_ledger() {
    let directory = tempfile::tempdir().unwrap();
    let path = new_ledger(&directory);
    let before = bytes(&path);
    // The pool is refused before the ledger is touched.
    assert!(IsrcPool::parse("QZAQQ", "2x").is_err());
    let mut ledger = Ledger::open_existing(path.as_path()).unwrap();
    let pool = IsrcPool::parse("QZAQQ", "26").unwrap();
    let error = ledger.issue(&pool, 1, at(0), Some("\0")).unwrap_err();
    assert!(
        matches!(error, Error::InvalidReference { position: 0 }),
        "{error:?}"
    );
    // A new pool asked for more than it holds: not even the pool is added.
    let small = IsrcPool::parse("QZAQQ", "27")
        .unwrap()
        .with_range(1..=2)
        .unwrap();
    let error = ledger.issue(&small, 3, at(0), None).unwrap_err();
    assert!(
        matches!(
            error,
            Error::Exhausted {
                requested: 3,
                remaining: 2,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(ledger.pools().unwrap().len(), 1);
    drop(ledger);
    assert_eq!(bytes(&path), before);
}

#[test]
fn an_unreachable_postgres_server_is_reported() {
    // Port 1 on the loopback interface: nothing listens there.
    let url = "postgres://musicid:secret@127.0.0.1:1/musicid_test?connect_timeout=5";
    let error = Ledger::open(url).unwrap_err();
    if cfg!(feature = "postgres") {
        assert!(matches!(error, Error::Unreachable { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.starts_with(
                "cannot connect to postgres://musicid:***@127.0.0.1:1/musicid_test?connect_timeout=5: error connecting to server: "
            ),
            "{message}"
        );
        // The cause is in the message, not only the client's summary.
        assert!(message.contains("refused"), "{message}");
        assert!(!message.contains("secret"));
    } else {
        assert_eq!(
            error.to_string(),
            "postgres://musicid:***@127.0.0.1:1/musicid_test?connect_timeout=5 is a postgresql location, but this build has no postgresql support (the `postgres` feature)"
        );
    }
}

#[cfg(feature = "postgres")]
#[test]
fn an_invalid_postgres_url_is_reported() {
    let error = Ledger::open("postgres://h:notaport/db").unwrap_err();
    assert!(matches!(error, Error::InvalidLocation { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("invalid location postgres://h:notaport/db: ")
    );
}

#[cfg(feature = "postgres")]
#[test]
fn foreign_or_newer_postgres_tables_are_refused_and_left_alone() {
    use common::{Target, postgres_execute};
    let Some(target) = Target::postgres("foreign_or_newer_postgres_tables") else {
        return;
    };
    let location = target.location();
    let shown = location.to_string();
    // Tables of the same name that belong to something else.
    postgres_execute(&location, "CREATE TABLE ledger_codes (id INTEGER);");
    for open in OPENERS {
        let error = open(location.clone()).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("{shown} is not a ledger: table ")),
            "{error}"
        );
    }
    postgres_execute(
        &location,
        "DROP TABLE ledger_codes; CREATE TABLE ledger_meta (name TEXT, value TEXT);",
    );
    for open in REOPENERS {
        let error = open(location.clone()).unwrap_err();
        assert!(
            matches!(
                error,
                Error::NotALedger {
                    reason: NotALedgerReason::ForeignTable(_),
                    ..
                }
            ),
            "{error:?}"
        );
    }
    // A ledger of a newer version.
    postgres_execute(&location, "DROP TABLE ledger_meta;");
    drop(Ledger::create(location.clone()).unwrap());
    postgres_execute(
        &location,
        &format!(
            "UPDATE ledger_meta SET value = '{}' WHERE name = 'schema_version';",
            SCHEMA_VERSION + 1
        ),
    );
    let error = Ledger::open(location.clone()).unwrap_err();
    assert!(matches!(error, Error::NewerSchema { .. }), "{error:?}");
    // Nothing was written: the version is still the newer one.
    let error = Ledger::open_existing(location).unwrap_err();
    assert!(matches!(error, Error::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1));
}
