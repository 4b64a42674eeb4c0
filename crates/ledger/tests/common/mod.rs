//! Helpers shared by the ledger's integration tests: the two backends as test targets.
#![allow(dead_code)] // each test file uses its own share of the helpers

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ledger::{Ledger, Location};

/// The environment variable naming the PostgreSQL server the tests may use.
pub const POSTGRES_URL_VARIABLE: &str = "MUSICID_TEST_POSTGRES_URL";

/// A time `seconds` after 1970, to the second.
pub fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

/// 2026-03-01T12:00:00Z.
pub const RELEASE_DAY: u64 = 1_772_366_400;

/// Where a test's ledger lives: a file in a fresh temporary directory, or a fresh schema
/// of the PostgreSQL test database.
pub struct Target {
    location: Location,
    _directory: Option<tempfile::TempDir>,
    /// The test's name, for the PostgreSQL schema of [`Target::fresh`].
    name: String,
}

impl Target {
    pub fn sqlite() -> Self {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let path = directory.path().join("test.ledger");
        Self {
            location: Location::Sqlite(path),
            _directory: Some(directory),
            name: String::new(),
        }
    }

    /// Another empty target on the same backend (a new file, or the schema
    /// `ledger_test_<name>_<suffix>`), for a test that needs several ledgers.
    pub fn fresh(&self, suffix: &str) -> Self {
        match &self.location {
            Location::Sqlite(_) => Self::sqlite(),
            _ => Self::postgres(&format!("{}_{suffix}", self.name))
                .expect("a postgres target makes more"),
        }
    }

    /// A fresh, empty schema named after the test, or `None` (with the reason on stderr) when
    /// no PostgreSQL server is configured or this build has no PostgreSQL support.
    pub fn postgres(test: &str) -> Option<Self> {
        let url = postgres_url(test)?;
        Some(Self {
            location: Location::parse(&fresh_schema(&url, test)),
            _directory: None,
            name: test.to_owned(),
        })
    }

    /// The same PostgreSQL target with a server setting for its connections (`-cNAME=VALUE`
    /// added to the URL's `options`, which [`Target::postgres`] ends with), e.g. a default
    /// isolation level the ledger must not depend on.
    pub fn with_setting(self, name: &str, value: &str) -> Self {
        let Location::Postgres(url) = &self.location else {
            panic!("server settings are for postgres targets");
        };
        Self {
            location: Location::Postgres(format!("{url}%20-c{name}%3D{value}")),
            ..self
        }
    }

    pub fn location(&self) -> Location {
        self.location.clone()
    }

    pub fn path(&self) -> Option<&Path> {
        match &self.location {
            Location::Sqlite(path) => Some(path),
            _ => None,
        }
    }

    pub fn open(&self) -> Ledger {
        Ledger::open(self.location()).expect("the test ledger opens")
    }
}

/// The PostgreSQL URL the tests may use, or `None` after saying on stderr why the test skips.
pub fn postgres_url(test: &str) -> Option<String> {
    if !cfg!(feature = "postgres") {
        eprintln!("{test}: skipped: built without the `postgres` feature");
        return None;
    }
    match std::env::var(POSTGRES_URL_VARIABLE) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!("{test}: skipped: {POSTGRES_URL_VARIABLE} not set");
            None
        }
    }
}

/// Drops and recreates the schema `ledger_test_<test>` and returns a URL whose connections
/// use it (`search_path`).
#[cfg(feature = "postgres")]
fn fresh_schema(url: &str, test: &str) -> String {
    let mut schema = format!("ledger_test_{test}");
    // PostgreSQL identifiers hold 63 bytes.
    schema.truncate(63);
    let mut client = ledger::testing::postgres_client(url)
        .unwrap_or_else(|error| panic!("{POSTGRES_URL_VARIABLE}: {error}"));
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
        ))
        .expect("a fresh schema");
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}options=-csearch_path%3D{schema}")
}

#[cfg(not(feature = "postgres"))]
fn fresh_schema(url: &str, _test: &str) -> String {
    url.to_owned()
}

/// A connection of its own to the PostgreSQL target.
#[cfg(feature = "postgres")]
pub fn postgres_client(location: &Location) -> postgres::Client {
    let Location::Postgres(url) = location else {
        panic!("not a postgres location");
    };
    ledger::testing::postgres_client(url).expect("connects")
}

/// Runs SQL on the PostgreSQL target (for tests that tamper with the tables).
#[cfg(feature = "postgres")]
pub fn postgres_execute(location: &Location, sql: &str) {
    postgres_client(location)
        .batch_execute(sql)
        .expect("the sql runs");
}

/// The bytes of a file, to show that a refused open changed nothing.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("the file reads")
}

pub fn temp_path(directory: &tempfile::TempDir, name: &str) -> PathBuf {
    directory.path().join(name)
}

/// Runs each named suite function (taking a `&Target`) once per backend:
/// `sqlite::<name>` and `postgres::<name>`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(&$crate::common::Target::sqlite());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(target) = $crate::common::Target::postgres(stringify!($name)) {
                        super::$name(&target);
                    }
                }
            )*
        }
    };
}

/// The worker process of the concurrency, crash and fault tests.
pub const WORKER: &str = env!("CARGO_BIN_EXE_ledger-test-worker");

/// Tracks per draft in the worker's `drafts` mode.
pub const DRAFT_TRACKS: u64 = 13;

/// The location as a worker's command line takes it.
pub fn location_argument(location: &Location) -> String {
    match location {
        Location::Sqlite(path) => path.display().to_string(),
        Location::Postgres(url) => url.clone(),
        _ => unreachable!("two backends"),
    }
}

/// The lines the worker's `drafts` mode prints (`draft N: UPC ISRC…`), read back from what
/// the ledger recorded under each draft's references; `None` for a draft with no codes.
pub fn draft_line(ledger: &mut Ledger, draft: u64) -> Option<String> {
    let key = format!("draft {draft}");
    let upc = ledger.records_for(&key).unwrap();
    if upc.is_empty() {
        return None;
    }
    assert_eq!(upc.len(), 1, "{key} has {} UPCs", upc.len());
    let mut line = format!("{key}: {}", upc[0].code);
    for track in 1..=DRAFT_TRACKS {
        let isrc = ledger
            .records_for(&format!("{key} / track {track}"))
            .unwrap();
        assert_eq!(
            isrc.len(),
            1,
            "{key} track {track} has {} ISRCs",
            isrc.len()
        );
        line.push(' ');
        line.push_str(&isrc[0].code.to_string());
    }
    Some(line)
}

/// Asserts that the ledger holds the codes of `drafts` drafts and nothing else: one UPC and
/// 13 ISRCs each, the ISRCs designations `1..=13 × drafts` and the UPCs item references
/// `0..drafts` of the worker's pools (none missing, none twice); returns each draft's line.
#[track_caller]
pub fn assert_one_set_per_draft(ledger: &mut Ledger, drafts: u64) -> Vec<String> {
    let records = ledger.records().unwrap();
    assert_eq!(records.len() as u64, drafts * (DRAFT_TRACKS + 1));
    let upcs = upc::Allocator::new("0614141".parse().unwrap()).unwrap();
    let mut designations = Vec::new();
    let mut item_references = Vec::new();
    for record in &records {
        match record.code {
            ledger::Code::Isrc(isrc) => designations.push(u64::from(isrc.designation())),
            ledger::Code::Upc(upc) => item_references.push(upcs.item_reference_of(upc).unwrap()),
            _ => unreachable!("only ISRCs and UPCs are issued"),
        }
    }
    designations.sort_unstable();
    item_references.sort_unstable();
    assert_eq!(
        designations,
        (1..=drafts * DRAFT_TRACKS).collect::<Vec<_>>()
    );
    assert_eq!(item_references, (0..drafts).collect::<Vec<_>>());
    (0..drafts)
        .map(|draft| draft_line(ledger, draft).expect("every draft has its codes"))
        .collect()
}
