//! The one trait both databases implement: the primitive reads and writes inside one
//! transaction. The issuing, import and catch-up logic is written once on top of it
//! (`ops.rs`); the backends only speak SQL.

use crate::record::Origin;
use crate::time::from_unix_seconds;
use crate::{AnyPool, Code, CodeKind, Error, Record};

/// An open database.
pub(crate) trait Backend: Send {
    /// Starts a transaction. A write transaction waits for other writers rather than failing:
    /// SQLite `BEGIN IMMEDIATE` takes the write lock at once; PostgreSQL runs at READ
    /// COMMITTED, so that a statement that waited for a lock reads what the holder committed.
    fn begin(&mut self, mode: Mode) -> Result<Box<dyn Txn + '_>, Error>;

    /// The database's own consistency check (SQLite `integrity_check`): the problems found.
    fn integrity_problems(&mut self) -> Result<Vec<String>, Error>;
}

/// What a transaction is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Read,
    Write,
}

/// A pool as stored: its row id and next serial.
#[derive(Debug, Clone)]
pub(crate) struct PoolRow {
    pub(crate) id: i64,
    pub(crate) pool: AnyPool,
    pub(crate) next: u64,
}

/// A value for each row, or one for all.
#[derive(Debug, Clone)]
pub(crate) enum PerRow<T> {
    Same(T),
    Each(Vec<T>),
}

impl<T: Copy> PerRow<T> {
    pub(crate) fn get(&self, row: usize) -> T {
        match self {
            Self::Same(value) => *value,
            Self::Each(values) => values[row],
        }
    }
}

/// Codes to record in one statement (or one prepared statement run per row).
#[derive(Debug)]
pub(crate) struct NewCodes<'a> {
    pub(crate) codes: Vec<Code>,
    pub(crate) issued_at: PerRow<i64>,
    pub(crate) references: PerRow<Option<&'a str>>,
    /// The pool of issued codes; `None` for imported ones (which is how the ledger tells them
    /// apart).
    pub(crate) pool_id: Option<i64>,
}

impl NewCodes<'_> {
    /// Whether every row has the same time and reference.
    pub(crate) const fn shares_metadata(&self) -> bool {
        matches!(
            (&self.issued_at, &self.references),
            (PerRow::Same(_), PerRow::Same(_))
        )
    }
}

/// A retry-safe request as stored (`ledger_requests`): its codes are serials
/// `first..first + count` of the pool `pool_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestRow {
    pub(crate) key: String,
    pub(crate) pool_id: i64,
    pub(crate) first: u64,
    pub(crate) count: u64,
}

/// Which records a scan visits.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Filter<'a> {
    pub(crate) kind: Option<CodeKind>,
    pub(crate) reference: Option<&'a str>,
}

/// The primitives, all inside one transaction; dropping it without [`Txn::commit`] rolls back.
pub(crate) trait Txn: crate::recording::store::FingerprintTxn {
    /// The pool's row, if the ledger has it (a plain read, no lock).
    fn find_pool(&mut self, pool: &AnyPool) -> Result<Option<PoolRow>, Error>;

    /// Keeps every other writer off the pools until the transaction ends (creating a pool,
    /// importing). SQLite's write transaction already does.
    fn lock_pools(&mut self) -> Result<(), Error>;

    fn all_pools(&mut self) -> Result<Vec<PoolRow>, Error>;

    fn insert_pool(&mut self, pool: &AnyPool, next: u64, created_at: i64) -> Result<i64, Error>;

    /// Moves the pool's next serial on by `count` if it has that many left, returning the first
    /// serial reserved; `None` (and no change) when it has fewer.
    fn reserve(&mut self, pool_id: i64, count: u64) -> Result<Option<u64>, Error>;

    fn set_next(&mut self, pool_id: i64, next: u64) -> Result<(), Error>;

    /// The largest code key in `low..=high`.
    fn max_key_between(&mut self, low: &str, high: &str) -> Result<Option<String>, Error>;

    /// The records of those keys that the ledger holds, with their keys.
    fn records(&mut self, keys: &[String]) -> Result<Vec<(String, Record)>, Error>;

    /// Records the codes; [`Error::Duplicate`] when one is already recorded.
    fn insert_codes(&mut self, rows: &NewCodes<'_>) -> Result<(), Error>;

    /// Makes every other transaction that asks for one of `keys` wait until this one ends, so
    /// that it sees what this one committed. SQLite's write transaction already does.
    fn lock_keys(&mut self, keys: &[&str]) -> Result<(), Error>;

    /// The stored requests of those keys that the ledger holds.
    fn requests(&mut self, keys: &[&str]) -> Result<Vec<RequestRow>, Error>;

    /// Stores requests (their codes are recorded by [`Txn::insert_codes`]).
    fn insert_requests(&mut self, rows: &[RequestRow], requested_at: i64) -> Result<(), Error>;

    /// Visits the records in key order: UPCs (GTIN-14 digits) first, then ISRCs.
    fn scan(
        &mut self,
        filter: Filter<'_>,
        each: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error>;

    fn commit(self: Box<Self>) -> Result<(), Error>;
}

/// A record from the columns of a `ledger_codes` row: the code as issued
/// (`coalesce(code, key)`), the time, the reference, and whether it was imported
/// (`pool_id IS NULL`).
pub(crate) fn record_from_columns(
    code: &str,
    issued_at: i64,
    reference: Option<String>,
    imported: bool,
) -> Result<Record, Error> {
    Ok(Record {
        code: Code::from_db(code)?,
        issued_at: from_unix_seconds(issued_at)?,
        reference,
        origin: if imported {
            Origin::Imported
        } else {
            Origin::Issued
        },
    })
}

/// The columns of a [`PoolRow`], in the order both backends read them.
pub(crate) const POOL_COLUMNS: &str =
    "id, kind, prefix, year_of_reference, first_serial, last_serial, next_serial";

/// The columns of a record with its key, in the order both backends read them (see
/// [`record_from_columns`]).
pub(crate) const RECORD_COLUMNS: &str =
    "key, coalesce(code, key), issued_at, reference, pool_id IS NULL";

/// The query of a scan, in key order; `placeholder` is the backend's spelling of the first
/// parameter (`?1`, `$1`), which takes the reference when the filter has one.
pub(crate) fn scan_sql(filter: Filter<'_>, placeholder: &str) -> String {
    let mut conditions = Vec::new();
    if let Some(kind) = filter.kind {
        conditions.push(kind.key_condition().to_owned());
    }
    if filter.reference.is_some() {
        conditions.push(format!("reference = {placeholder}"));
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    format!("SELECT {RECORD_COLUMNS} FROM ledger_codes{filter} ORDER BY key")
}

/// Serials and counts are below 10^12: they fit the databases' signed 64-bit integers.
pub(crate) fn to_db(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The inverse of [`to_db`]; a negative value was never written by this crate.
pub(crate) fn from_db(value: i64) -> Result<u64, Error> {
    u64::try_from(value).map_err(|_| crate::error::inconsistent(format!("negative serial {value}")))
}
