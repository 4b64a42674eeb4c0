//! The crate's one error type.

use core::fmt;

use crate::Code;

/// Everything that can go wrong opening, issuing from, importing into or reading a ledger.
///
/// Messages are lowercase and name the location, code or pool concerned. A location that holds
/// a password (a PostgreSQL URL) is shown with the password replaced by `***`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// [`Ledger::open_existing`](crate::Ledger::open_existing) found nothing at the location.
    #[error("no ledger at {location}: {what} does not exist")]
    NotFound {
        /// The location as given (password hidden).
        location: String,
        /// "the file" or "the ledger tables".
        what: &'static str,
    },
    /// [`Ledger::create`](crate::Ledger::create) found a ledger already there.
    #[error("{location} already holds a ledger")]
    AlreadyExists {
        /// The location as given (password hidden).
        location: String,
    },
    /// The location holds something else; nothing was changed.
    #[error("{location} is not a ledger: {reason}")]
    NotALedger {
        /// The location as given (password hidden).
        location: String,
        /// What was found instead.
        reason: NotALedgerReason,
    },
    /// The file starts like an SQLite database but SQLite cannot read it.
    #[error("{location} is damaged: {detail}")]
    Corrupt {
        /// The location as given.
        location: String,
        /// What SQLite reported.
        detail: String,
    },
    /// The ledger was written by a newer version of this crate; nothing was changed.
    #[error(
        "the ledger's schema version {found} is newer than the newest this version knows ({supported}): upgrade to open it"
    )]
    NewerSchema {
        /// The ledger's schema version.
        found: u32,
        /// The newest schema version this crate knows.
        supported: u32,
    },
    /// An import names a code that the ledger already records for another reference; nothing of
    /// that import was recorded.
    #[error(
        "{code} is already recorded for {}, the import says {}",
        ReferenceText(existing_reference.as_deref()),
        ReferenceText(new_reference.as_deref())
    )]
    Conflict {
        /// The code in question.
        code: Code,
        /// The reference the ledger holds.
        existing_reference: Option<String>,
        /// The reference the import gave.
        new_reference: Option<String>,
    },
    /// A code about to be recorded is already in the ledger (the uniqueness constraint on the
    /// code itself); nothing was recorded.
    #[error("{code} is already recorded in the ledger")]
    Duplicate {
        /// The code in question.
        code: Code,
    },
    /// The pool has fewer codes left than requested; nothing was issued.
    #[error("pool {pool} is exhausted: {requested} requested, {remaining} left")]
    Exhausted {
        /// The pool, as [`IsrcPool`](crate::IsrcPool) or [`UpcPool`](crate::UpcPool) display it.
        pool: String,
        /// How many codes were requested.
        requested: u64,
        /// How many codes the pool still has.
        remaining: u64,
    },
    /// The pool shares codes with a different pool already in the ledger.
    #[error("pool {requested} overlaps pool {existing} already in the ledger")]
    PoolOverlap {
        /// The pool asked for.
        requested: String,
        /// The pool in the ledger.
        existing: String,
    },
    /// A UPC pool's item-reference range lies outside what the company prefix allows.
    #[error(
        "item references {first}..={last} do not fit company prefix {prefix}: expected 0..={max}"
    )]
    InvalidRange {
        /// The company prefix.
        prefix: String,
        /// The first item reference asked for.
        first: u64,
        /// The last item reference asked for.
        last: u64,
        /// The largest item reference under this prefix.
        max: u64,
    },
    /// A year given as text is not a 2- or 4-digit year.
    #[error("invalid year {input:?}: expected 2 digits (26) or 4 digits (2026)")]
    InvalidYear {
        /// The text given.
        input: String,
    },
    /// A reference holds a NUL character, which PostgreSQL cannot store.
    #[error("invalid reference: NUL character at byte {position}")]
    InvalidReference {
        /// 0-based byte offset of the NUL.
        position: usize,
    },
    /// A key for [`Ledger::issue_once`](crate::Ledger::issue_once) that cannot name a request;
    /// nothing was issued.
    #[error("invalid key {key:?}: {reason}")]
    InvalidKey {
        /// The key given.
        key: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A key the ledger holds for a request of another shape (another pool, or another count);
    /// nothing was issued. A retry must ask for what the first request asked for.
    #[error("key {key:?} was used for {earlier}; this request asks for {requested}")]
    KeyReused {
        /// The key given.
        key: String,
        /// What the earlier request with this key was issued ("13 codes from pool isrc QZAQQ 26 00001..=99999").
        earlier: String,
        /// What this request asked for, in the same words.
        requested: String,
    },
    /// A fingerprint for a code the ledger does not record; nothing was stored.
    #[error("{code} is not recorded in the ledger")]
    UnknownCode {
        /// The code in question.
        code: Code,
    },
    /// A fingerprint that cannot be stored or searched for; nothing was stored.
    #[error("invalid fingerprint: {reason}")]
    InvalidFingerprint {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A time too far from 1970 to be recorded (beyond 64-bit Unix seconds or the years -9999
    /// to 9999).
    #[error("the time is out of the range a ledger records")]
    TimeOutOfRange,
    /// An ISRC prefix, year or range that the `isrc` crate refuses.
    #[error(transparent)]
    Isrc(#[from] isrc::Error),
    /// A UPC or company prefix that the `upc` crate refuses.
    #[error(transparent)]
    Upc(#[from] upc::Error),
    /// A `postgres://` location, but this build has no PostgreSQL support.
    #[error(
        "{location} is a postgresql location, but this build has no postgresql support (the `postgres` feature)"
    )]
    PostgresDisabled {
        /// The location as given (password hidden).
        location: String,
    },
    /// A location that cannot be read as a path or a PostgreSQL URL.
    #[error("invalid location {location}: {detail}")]
    InvalidLocation {
        /// The location as given (password hidden).
        location: String,
        /// What is wrong with it.
        detail: String,
    },
    /// The PostgreSQL server cannot be reached or refuses the connection.
    #[error("cannot connect to {location}: {detail}")]
    Unreachable {
        /// The location as given (password hidden).
        location: String,
        /// What the client reported.
        detail: String,
    },
    /// The connection to the PostgreSQL server was lost during a call (the server ended the
    /// session, restarted, or the network failed). Whether a transaction under way committed
    /// is unknown: issue again with the same key ([`Ledger::issue_once`](crate::Ledger::issue_once))
    /// to get its codes if it did, new ones if it did not. The ledger's next call connects anew.
    #[error(
        "lost the connection to {location}: {detail}; whether the last request committed is unknown: a retry with the same key gets its codes"
    )]
    ConnectionLost {
        /// The location (password hidden).
        location: String,
        /// What the client reported.
        detail: String,
    },
    /// Opening or reading the ledger file failed (a directory, a missing folder, no access).
    #[error("cannot open {location}: {source}")]
    Io {
        /// The location as given.
        location: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Writing an export failed.
    #[error("cannot write the export: {source}")]
    Write {
        /// The underlying error.
        source: std::io::Error,
    },
    /// The database reported an error not covered above.
    #[error("database error: {0}")]
    Backend(#[from] BackendError),
}

/// What a location held instead of a ledger (see [`Error::NotALedger`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotALedgerReason {
    /// A non-empty file that does not start with the SQLite header.
    NotSqlite,
    /// An empty file ([`Ledger::open_existing`](crate::Ledger::open_existing) only: `open` and
    /// `create` turn an empty file into a ledger).
    Empty,
    /// An SQLite database without tables ([`Ledger::open_existing`](crate::Ledger::open_existing)
    /// only: `open` and `create` turn it into a ledger).
    EmptyDatabase,
    /// An SQLite database of another application (its `application_id`).
    OtherApplication(i32),
    /// An SQLite database with tables of its own (the first one found).
    ForeignTables(String),
    /// A PostgreSQL table named like the ledger's that is not the ledger's.
    ForeignTable(String),
}

impl fmt::Display for NotALedgerReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotSqlite => f.write_str("not an sqlite database (no sqlite header)"),
            Self::Empty => f.write_str("the file is empty"),
            Self::EmptyDatabase => f.write_str("an sqlite database without tables"),
            Self::OtherApplication(id) => {
                write!(
                    f,
                    "an sqlite database of another application (application_id {id:#010x})"
                )
            }
            Self::ForeignTables(table) => {
                write!(f, "an sqlite database with other tables (table {table:?})")
            }
            Self::ForeignTable(table) => {
                write!(f, "table {table:?} exists but does not hold a ledger")
            }
        }
    }
}

/// An error of the database library, kept opaque so that the public API does not depend on
/// `rusqlite` or `postgres` versions. [`std::error::Error::source`] gives the original.
#[derive(Debug)]
pub struct BackendError(Box<dyn std::error::Error + Send + Sync + 'static>);

impl BackendError {
    pub(crate) fn new(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self(Box::new(error))
    }
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for BackendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        Self::Backend(BackendError::new(error))
    }
}

#[cfg(feature = "postgres")]
impl From<postgres::Error> for Error {
    fn from(error: postgres::Error) -> Self {
        Self::Backend(BackendError::new(error))
    }
}

/// A reference in messages: quoted, or "no reference".
struct ReferenceText<'a>(Option<&'a str>);

impl fmt::Display for ReferenceText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(reference) => write!(f, "{reference:?}"),
            None => f.write_str("no reference"),
        }
    }
}

/// The database holds something this crate never writes: it was edited by hand.
#[derive(Debug)]
struct Inconsistent(String);

impl fmt::Display for Inconsistent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the ledger is inconsistent: {}", self.0)
    }
}

impl std::error::Error for Inconsistent {}

/// [`Error::Backend`] for data this crate never writes (a hand-edited database).
pub(crate) fn inconsistent(detail: String) -> Error {
    Error::Backend(BackendError::new(Inconsistent(detail)))
}

/// [`Error::ConnectionLost`] for an error of the PostgreSQL client that means the session is
/// gone (closed, ended by the server, or the socket failed); any other error as it is.
pub(crate) fn connection_lost(error: Error, location: &crate::Location) -> Error {
    #[cfg(feature = "postgres")]
    if let Error::Backend(backend) = &error
        && let Some(client) = std::error::Error::source(backend)
            .and_then(|source| source.downcast_ref::<postgres::Error>())
    {
        use postgres::error::SqlState;
        let ended_by_server = client.code().is_some_and(|code| {
            [
                SqlState::ADMIN_SHUTDOWN,
                SqlState::CRASH_SHUTDOWN,
                SqlState::CANNOT_CONNECT_NOW,
            ]
            .contains(code)
        });
        let socket = std::error::Error::source(client)
            .is_some_and(|source| source.downcast_ref::<std::io::Error>().is_some());
        if client.is_closed() || ended_by_server || socket {
            return Error::ConnectionLost {
                location: location.to_string(),
                detail: client.to_string(),
            };
        }
    }
    #[cfg(not(feature = "postgres"))]
    let _ = location;
    error
}
