//! The embedded backend: one SQLite file, WAL, `synchronous = FULL`.

mod recording;
mod schema;
mod txn;

use std::fs;
use std::io::{self, Read as _};
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::backend::{Backend, Mode, Txn};
use crate::{Error, NotALedgerReason, OpenMode};

use crate::SCHEMA_VERSION;
use schema::{APPLICATION_ID, MIGRATIONS};

/// How long a writer waits for another one before giving up: issuing transactions last
/// milliseconds, so a wait this long means something is stuck.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub(crate) struct Sqlite {
    connection: Connection,
}

/// What a file holds, read before SQLite is allowed to touch it.
enum FileState {
    Missing,
    Empty,
    NotSqlite,
    Sqlite,
}

/// What an SQLite database holds.
enum Contents {
    Blank,
    Ledger { version: u32 },
    Foreign(NotALedgerReason),
}

impl Sqlite {
    /// Opens (or creates, as `mode` allows) the ledger at `path`. Every check that can refuse
    /// the file runs before anything is written to it.
    ///
    /// Several processes may open a new file at the same moment. SQLite answers "busy" at once,
    /// without waiting in its busy handler, when two connections would deadlock (both reading
    /// the blank file, both wanting to switch it to WAL); the open then starts again from the
    /// top, after a short pause, until [`BUSY_TIMEOUT`] has been spent waiting.
    pub(crate) fn open(path: &Path, mode: OpenMode) -> Result<Self, Error> {
        let pause = Duration::from_millis(5);
        let mut waited = Duration::ZERO;
        loop {
            match Self::open_once(path, mode) {
                Err(error) if is_busy(&error) && waited < BUSY_TIMEOUT => {
                    std::thread::sleep(pause);
                    waited += pause;
                }
                result => return result,
            }
        }
    }

    fn open_once(path: &Path, mode: OpenMode) -> Result<Self, Error> {
        let location = path.display().to_string();
        let state = file_state(path).map_err(|source| Error::Io {
            location: location.clone(),
            source,
        })?;
        let flags = match (&state, mode) {
            (FileState::Missing, OpenMode::Existing) => {
                return Err(Error::NotFound {
                    location,
                    what: "the file",
                });
            }
            (FileState::Empty, OpenMode::Existing) => {
                return Err(Error::NotALedger {
                    location,
                    reason: NotALedgerReason::Empty,
                });
            }
            (FileState::NotSqlite, _) => {
                return Err(Error::NotALedger {
                    location,
                    reason: NotALedgerReason::NotSqlite,
                });
            }
            (FileState::Missing, _) => {
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
            }
            (FileState::Empty | FileState::Sqlite, _) => OpenFlags::SQLITE_OPEN_READ_WRITE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let corrupt = |error| classify(error, &location);
        let connection = Connection::open_with_flags(path, flags).map_err(|e| corrupt(e.into()))?;
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| corrupt(e.into()))?;

        match contents(&connection).map_err(|e| corrupt(e.into()))? {
            Contents::Foreign(reason) => return Err(Error::NotALedger { location, reason }),
            Contents::Ledger { version } if version > SCHEMA_VERSION => {
                return Err(Error::NewerSchema {
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            Contents::Ledger { .. } if mode == OpenMode::Create => {
                return Err(Error::AlreadyExists { location });
            }
            Contents::Blank if mode == OpenMode::Existing => {
                return Err(Error::NotALedger {
                    location,
                    reason: NotALedgerReason::EmptyDatabase,
                });
            }
            Contents::Blank | Contents::Ledger { .. } => {}
        }

        // The file is a ledger or is becoming one: from here on, writing is allowed.
        let mut sqlite = Self { connection };
        sqlite
            .configure()
            .and_then(|()| sqlite.migrate())
            .map_err(corrupt)?;
        Ok(sqlite)
    }

    fn configure(&mut self) -> Result<(), Error> {
        let journal_mode: String =
            self.connection
                .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
        if !journal_mode.eq_ignore_ascii_case("wal") {
            return Err(crate::error::inconsistent(format!(
                "the file stays in journal mode {journal_mode:?}, not wal"
            )));
        }
        // Every commit reaches the disk before the codes are returned.
        self.connection.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// Brings the schema to [`SCHEMA_VERSION`], in one write transaction that first looks
    /// again: another process may have done it meanwhile.
    fn migrate(&mut self) -> Result<(), Error> {
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = match contents(&transaction)? {
            Contents::Blank => 0,
            Contents::Ledger { version } if version <= SCHEMA_VERSION => version,
            Contents::Ledger { version } => {
                return Err(Error::NewerSchema {
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            Contents::Foreign(reason) => {
                return Err(Error::NotALedger {
                    location: transaction.path().unwrap_or_default().to_owned(),
                    reason,
                });
            }
        };
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        if version == 0 {
            transaction.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        for step in &MIGRATIONS[version as usize..] {
            transaction.execute_batch(step)?;
        }
        transaction.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        transaction.commit()?;
        Ok(())
    }
}

impl Backend for Sqlite {
    fn begin(&mut self, mode: Mode) -> Result<Box<dyn Txn + '_>, Error> {
        let behavior = match mode {
            Mode::Read => TransactionBehavior::Deferred,
            Mode::Write => TransactionBehavior::Immediate,
        };
        let transaction = self.connection.transaction_with_behavior(behavior)?;
        Ok(Box::new(txn::SqliteTxn::new(transaction)))
    }

    fn integrity_problems(&mut self) -> Result<Vec<String>, Error> {
        let mut statement = self.connection.prepare("PRAGMA integrity_check")?;
        let lines = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(lines.into_iter().filter(|line| line != "ok").collect())
    }
}

/// Reads the first bytes of the file without opening it as a database.
fn file_state(path: &Path) -> io::Result<FileState> {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(error) => return Err(error),
    };
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "a directory, not a file",
        ));
    }
    let mut header = Vec::with_capacity(SQLITE_HEADER.len());
    file.by_ref()
        .take(SQLITE_HEADER.len() as u64)
        .read_to_end(&mut header)?;
    Ok(match header.as_slice() {
        [] => FileState::Empty,
        start if start == SQLITE_HEADER => FileState::Sqlite,
        _ => FileState::NotSqlite,
    })
}

/// Reads what the database holds (reads only), in one read transaction: the header fields
/// and the table list must come from the same snapshot, or a ledger another process is
/// creating right now would look like a foreign database (no application id yet, tables
/// already there).
fn contents(connection: &Connection) -> rusqlite::Result<Contents> {
    if connection.is_autocommit() {
        let snapshot = connection.unchecked_transaction()?;
        let found = contents(&snapshot);
        snapshot.finish()?;
        return found;
    }
    let application_id: i32 =
        connection.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    let user_version: u32 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let first_table: Option<String> = connection
        .query_row(
            "SELECT name FROM sqlite_schema
             WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
             ORDER BY name LIMIT 1",
            [],
            |row| row.get(0),
        )
        .map(Some)
        .or_else(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })?;
    Ok(match (application_id, first_table) {
        (APPLICATION_ID, _) => Contents::Ledger {
            version: user_version,
        },
        // No tables: nothing to lose by making it a ledger.
        (0, None) => Contents::Blank,
        (0, Some(table)) => Contents::Foreign(NotALedgerReason::ForeignTables(table)),
        (other, _) => Contents::Foreign(NotALedgerReason::OtherApplication(other)),
    })
}

/// The SQLite result code behind a backend error.
fn sqlite_code(error: &Error) -> Option<ErrorCode> {
    let Error::Backend(backend) = error else {
        return None;
    };
    std::error::Error::source(backend)
        .and_then(|source| source.downcast_ref::<rusqlite::Error>())
        .and_then(rusqlite::Error::sqlite_error_code)
}

/// Whether SQLite refused with "busy" or "locked" (another connection holds the lock).
fn is_busy(error: &Error) -> bool {
    matches!(
        sqlite_code(error),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// SQLite's "not a database" and "malformed" are [`Error::Corrupt`], "cannot open" is
/// [`Error::Io`]; the rest stays as it is.
fn classify(error: Error, location: &str) -> Error {
    match sqlite_code(&error) {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            location: location.to_owned(),
            detail: match &error {
                Error::Backend(backend) => backend.to_string(),
                other => other.to_string(),
            },
        },
        // SQLite says no more than this, and puts the path in its message: say it plainly.
        Some(ErrorCode::CannotOpen) => cannot_open(
            location,
            "sqlite cannot open or create the file (a missing folder, or no access)",
        ),
        Some(ErrorCode::PermissionDenied) => cannot_open(location, "access denied"),
        Some(ErrorCode::ReadOnly) => cannot_open(location, "the file or its folder is read-only"),
        _ => error,
    }
}

fn cannot_open(location: &str, why: &str) -> Error {
    Error::Io {
        location: location.to_owned(),
        source: io::Error::other(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Code, IsrcPool, Ledger, Origin};
    use std::time::{Duration, UNIX_EPOCH};

    /// A ledger written by version 1 of the schema opens, migrated to the newest, with its
    /// codes and pools as they were.
    #[test]
    fn version_1_migrates_forward() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("v1.ledger");
        {
            let connection = Connection::open(&path).unwrap();
            connection
                .pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            connection.execute_batch(MIGRATIONS[0]).unwrap();
            connection.pragma_update(None, "user_version", 1).unwrap();
            connection
                .execute_batch(
                    "INSERT INTO ledger_pools VALUES (1, 'isrc', 'QZAQQ', 26, 1, 99999, 3, 0);
                     INSERT INTO ledger_codes VALUES ('QZAQQ2600001', NULL, 1, 100, 'a');
                     INSERT INTO ledger_codes VALUES ('QZAQQ2600002', NULL, 1, 100, 'a');",
                )
                .unwrap();
        }
        let mut ledger = Ledger::open_existing(path.as_path()).unwrap();
        let version: u32 = Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let index: Option<String> = Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT name FROM sqlite_schema WHERE name = 'ledger_codes_reference'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(index.as_deref(), Some("ledger_codes_reference"));
        let records = ledger.records_for("a").unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].origin, Origin::Issued);
        assert_eq!(records[0].issued_at, UNIX_EPOCH + Duration::from_secs(100));
        let pool = IsrcPool::parse("QZAQQ", "26").unwrap();
        let next = ledger.issue(&pool, 1, UNIX_EPOCH, None).unwrap();
        assert_eq!(Code::Isrc(next[0]).to_string(), "QZAQQ2600003");
    }
}
