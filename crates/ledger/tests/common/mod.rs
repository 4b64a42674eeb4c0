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
    let mut client = postgres::Client::connect(url, postgres::NoTls)
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
    postgres::Client::connect(url, postgres::NoTls).expect("connects")
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
