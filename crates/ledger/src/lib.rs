#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod backend;
mod code;
mod error;
mod export;
mod location;
mod ops;
mod pool;
#[cfg(feature = "postgres")]
mod postgres;
mod record;
mod recording;
mod request;
mod sqlite;
mod time;

/// For the tests of this workspace: a PostgreSQL connection made as the ledger makes its own
/// (TLS settings of the URL included). Not part of the API.
#[cfg(feature = "postgres")]
#[doc(hidden)]
pub mod testing {
    /// Connects to `url` as [`Ledger::open`](crate::Ledger::open) would.
    ///
    /// # Errors
    /// As [`Ledger::open`](crate::Ledger::open) for the location.
    pub fn postgres_client(url: &str) -> Result<postgres::Client, crate::Error> {
        let shown = crate::Location::Postgres(url.to_owned()).to_string();
        crate::postgres::connect(url, &shown)
    }
}

use core::fmt;
use std::io;
use std::time::SystemTime;

pub use crate::code::{Code, CodeKind};
pub use crate::error::{BackendError, Error, NotALedgerReason};
pub use crate::export::CSV_HEADER;
pub use crate::location::Location;
pub use crate::pool::{AnyPool, IsrcPool, Pool, UpcPool};
pub use crate::record::{ImportSummary, ImportedCode, Origin, PoolStatus, Record};
pub use crate::recording::{Assignment, CANDIDATES_JUDGED, Candidate, RecordingRequest, Stored};
pub use crate::request::Issued;

use crate::backend::{Backend, Filter, Mode, PerRow};
use crate::record::normalize_reference;
use crate::request::{IssueRequest, Keys};
use crate::time::to_unix_seconds;

/// The newest schema version this crate reads and writes, one number for both backends
/// (SQLite `user_version`, PostgreSQL `ledger_meta.schema_version`). Older ledgers are
/// migrated forward when opened; newer ones are refused with [`Error::NewerSchema`].
///
/// Each backend's migrations are an array of exactly this many steps (step `n` takes a
/// ledger from version `n` to `n + 1`): raising it does not build until both have the new
/// step. 1: pools, codes; 2: codes by reference; 3: keys of retry-safe requests;
/// 4: recordings' fingerprints and their index.
pub const SCHEMA_VERSION: u32 = 4;

/// What opening does when the location holds no ledger yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpenMode {
    /// Open a ledger, creating it when missing ([`Ledger::open`]).
    OpenOrCreate,
    /// Create a ledger, refusing an existing one ([`Ledger::create`]).
    Create,
    /// Open a ledger, refusing to create one ([`Ledger::open_existing`]).
    Existing,
}

/// The database at `location`, opened as `mode` says.
fn open_backend(location: &Location, mode: OpenMode) -> Result<Box<dyn Backend>, Error> {
    Ok(match location {
        Location::Sqlite(path) => Box::new(sqlite::Sqlite::open(path, mode)?),
        #[cfg(feature = "postgres")]
        Location::Postgres(url) => Box::new(
            postgres::Postgres::open(url, location, mode)
                .map_err(|error| error::connection_lost(error, location))?,
        ),
        #[cfg(not(feature = "postgres"))]
        Location::Postgres(_) => {
            return Err(Error::PostgresDisabled {
                location: location.to_string(),
            });
        }
    })
}

/// A durable issuing ledger on SQLite or PostgreSQL. See the [crate docs](crate).
///
/// One `Ledger` is one connection: give each thread or worker its own (it is `Send`). Any
/// number of them, in any number of processes, may share one location.
pub struct Ledger {
    backend: Box<dyn Backend>,
    location: Location,
    /// Row ids of the pools this ledger has issued from (they never change once committed).
    pool_ids: Vec<(AnyPool, i64)>,
    /// The connection was lost ([`Error::ConnectionLost`]): the next call connects anew.
    lost: bool,
}

impl fmt::Debug for Ledger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ledger")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

impl Ledger {
    /// Opens the ledger at `location`, creating it when there is none: a missing or empty
    /// SQLite file, or a PostgreSQL database without the ledger's tables. An older schema is
    /// migrated forward.
    ///
    /// # Errors
    /// [`Error::NotALedger`] for a file or database holding something else,
    /// [`Error::Corrupt`] for a damaged SQLite file, [`Error::NewerSchema`] for a ledger of a
    /// newer version (in all three cases nothing is written),
    /// [`Error::Unreachable`] when the PostgreSQL server cannot be reached,
    /// [`Error::PostgresDisabled`] for a PostgreSQL URL without the `postgres` feature,
    /// [`Error::Io`] when the file cannot be read, [`Error::Backend`] for other database errors.
    pub fn open(location: impl Into<Location>) -> Result<Self, Error> {
        Self::open_as(location.into(), OpenMode::OpenOrCreate)
    }

    /// Creates a new ledger at `location` (as `musicid ledger init` does): a missing or empty
    /// SQLite file, or a PostgreSQL database without the ledger's tables.
    ///
    /// # Errors
    /// [`Error::AlreadyExists`] when the location already holds a ledger; otherwise as
    /// [`Ledger::open`].
    pub fn create(location: impl Into<Location>) -> Result<Self, Error> {
        Self::open_as(location.into(), OpenMode::Create)
    }

    /// Opens the ledger at `location`, never creating one (as `--ledger` does).
    ///
    /// # Errors
    /// [`Error::NotFound`] when the file does not exist or the PostgreSQL database has no
    /// ledger tables, [`Error::NotALedger`] for an empty file or database; otherwise as
    /// [`Ledger::open`].
    pub fn open_existing(location: impl Into<Location>) -> Result<Self, Error> {
        Self::open_as(location.into(), OpenMode::Existing)
    }

    fn open_as(location: Location, mode: OpenMode) -> Result<Self, Error> {
        Ok(Self {
            backend: open_backend(&location, mode)?,
            location,
            pool_ids: Vec::new(),
            lost: false,
        })
    }

    /// Runs `work` in one transaction and commits it. After a lost connection the next call
    /// connects again (the ledger exists: it was open), so that a caller's retry just works.
    fn transaction<T>(
        &mut self,
        mode: Mode,
        work: impl FnOnce(&mut dyn backend::Txn) -> Result<T, Error>,
    ) -> Result<T, Error> {
        if self.lost {
            self.backend = open_backend(&self.location, OpenMode::Existing)?;
            self.lost = false;
        }
        let result = self.backend.begin(mode).and_then(|mut txn| {
            let value = work(&mut *txn)?;
            txn.commit()?;
            Ok(value)
        });
        result.map_err(|error| {
            let error = error::connection_lost(error, &self.location);
            self.lost = matches!(error, Error::ConnectionLost { .. });
            error
        })
    }

    /// Where the ledger lives.
    #[must_use]
    pub const fn location(&self) -> &Location {
        &self.location
    }

    /// Issues `count` codes from `pool`, all for `reference` if given, recorded at
    /// `issued_at` (the caller's clock: the library never reads one). The pool is added to
    /// the ledger on first use, after any codes imported into its range.
    ///
    /// One transaction: the pool's high-water mark moves on by `count`, every code is
    /// recorded, the transaction commits (to disk), and only then are the codes returned, in
    /// order. Concurrent callers on the same location wait for each other and never get the
    /// same code. `count` 0 returns no codes and changes nothing.
    ///
    /// # Errors
    /// [`Error::Exhausted`] when the pool has fewer than `count` codes left,
    /// [`Error::PoolOverlap`] when the pool shares codes with another pool of the ledger,
    /// [`Error::InvalidReference`] for a reference with a NUL character,
    /// [`Error::TimeOutOfRange`], [`Error::Duplicate`] (a code already recorded: the ledger
    /// was edited by hand), [`Error::Backend`]. Nothing is issued in any of these cases.
    pub fn issue<P: Pool>(
        &mut self,
        pool: &P,
        count: u64,
        issued_at: SystemTime,
        reference: Option<&str>,
    ) -> Result<Vec<P::Code>, Error> {
        let reference = normalize_reference(reference)?;
        self.issue_with(pool, count, issued_at, PerRow::Same(reference))
    }

    /// Issues one code from `pool` for each of `references` (for example one ISRC per track
    /// of a release), in order; otherwise as [`Ledger::issue`].
    ///
    /// # Errors
    /// As [`Ledger::issue`].
    pub fn issue_for<P: Pool, R: AsRef<str>>(
        &mut self,
        pool: &P,
        references: &[R],
        issued_at: SystemTime,
    ) -> Result<Vec<P::Code>, Error> {
        let references = references
            .iter()
            .map(|reference| normalize_reference(Some(reference.as_ref())))
            .collect::<Result<Vec<_>, _>>()?;
        self.issue_with(
            pool,
            references.len() as u64,
            issued_at,
            PerRow::Each(references),
        )
    }

    /// Issues `count` codes from `pool` once for `key`: the first request with a key issues
    /// them as [`Ledger::issue`] does and records the key with them, in the same transaction;
    /// any later request with that key (a retry after a failure between issuing and using the
    /// codes, in this process or another, after a crash) gets the same codes back and issues
    /// none. [`Issued::already_issued`] says which happened.
    ///
    /// A key names one request: reused for another pool or another count it is refused
    /// ([`Error::KeyReused`]). The reference is not part of the request: a retry that gives
    /// another one gets the codes recorded under the first. Concurrent requests with one key
    /// wait for each other; exactly one issues.
    ///
    /// ```
    /// # use std::time::UNIX_EPOCH;
    /// # use ledger::{IsrcPool, Ledger};
    /// # let directory = tempfile::tempdir().unwrap();
    /// # let mut ledger = Ledger::create(directory.path().join("catalog.ledger"))?;
    /// let pool = IsrcPool::parse("QZAQQ", "2026")?;
    /// let first = ledger.issue_once(&pool, "order 4711", 2, UNIX_EPOCH, Some("Vesica Piscis"))?;
    /// let retry = ledger.issue_once(&pool, "order 4711", 2, UNIX_EPOCH, Some("Vesica Piscis"))?;
    /// assert_eq!((first.already_issued, retry.already_issued), (0, 2));
    /// assert_eq!(retry.codes, first.codes);
    /// assert_eq!(ledger.records()?.len(), 2);
    /// # Ok::<(), ledger::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::KeyReused`] for a key used for another pool or count, [`Error::InvalidKey`]
    /// for an empty key or one with a NUL character; otherwise as [`Ledger::issue`]. Nothing is
    /// issued in any of these cases.
    pub fn issue_once<P: Pool>(
        &mut self,
        pool: &P,
        key: &str,
        count: u64,
        issued_at: SystemTime,
        reference: Option<&str>,
    ) -> Result<Issued<P::Code>, Error> {
        request::check_keys(&[key])?;
        let reference = normalize_reference(reference)?;
        self.serve(IssueRequest {
            pool,
            count,
            issued_at: to_unix_seconds(issued_at)?,
            references: PerRow::Same(reference),
            keys: Keys::Whole(key),
        })
    }

    /// Issues one code from `pool` for each `(key, reference)` of `requests` (for example one
    /// ISRC per track, keyed by the track), each once as [`Ledger::issue_once`] does, in one
    /// transaction: keys the ledger holds get their code back, the others new codes, in order.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] also for a key given twice; otherwise as [`Ledger::issue_once`].
    pub fn issue_once_for<P: Pool, K: AsRef<str>, R: AsRef<str>>(
        &mut self,
        pool: &P,
        requests: &[(K, R)],
        issued_at: SystemTime,
    ) -> Result<Issued<P::Code>, Error> {
        let keys: Vec<&str> = requests.iter().map(|(key, _)| key.as_ref()).collect();
        request::check_keys(&keys)?;
        let references = requests
            .iter()
            .map(|(_, reference)| normalize_reference(Some(reference.as_ref())))
            .collect::<Result<Vec<_>, _>>()?;
        self.serve(IssueRequest {
            pool,
            count: keys.len() as u64,
            issued_at: to_unix_seconds(issued_at)?,
            references: PerRow::Each(references),
            keys: Keys::Each(keys),
        })
    }

    fn issue_with<P: Pool>(
        &mut self,
        pool: &P,
        count: u64,
        issued_at: SystemTime,
        references: PerRow<Option<&str>>,
    ) -> Result<Vec<P::Code>, Error> {
        let request = IssueRequest {
            pool,
            count,
            issued_at: to_unix_seconds(issued_at)?,
            references,
            keys: Keys::None,
        };
        Ok(self.serve(request)?.codes)
    }

    /// One transaction for one request; `count` 0 changes nothing.
    fn serve<P: Pool>(&mut self, request: IssueRequest<'_, P>) -> Result<Issued<P::Code>, Error> {
        if request.count == 0 {
            return Ok(Issued {
                codes: Vec::new(),
                already_issued: 0,
            });
        }
        let any: AnyPool = request.pool.clone().into();
        let known_id = self
            .pool_ids
            .iter()
            .find(|(known, _)| *known == any)
            .map(|&(_, id)| id);
        // The codes leave this function only once they are committed; a failed commit
        // rolls back and shows none.
        let outcome = self.transaction(Mode::Write, |txn| ops::issue(txn, &request, known_id))?;
        if let (None, Some(id)) = (known_id, outcome.pool_id) {
            self.pool_ids.push((any, id));
        }
        Ok(outcome.issued)
    }

    /// Records codes issued elsewhere (a catalog moving in), all or nothing, so that issuing
    /// continues after them: every pool moves past the highest code recorded in its range.
    /// A code the ledger already holds with the same reference is left as it is.
    ///
    /// # Errors
    /// [`Error::Conflict`] when the ledger (or the import itself) holds one of the codes for
    /// another reference (nothing is recorded), [`Error::TimeOutOfRange`], [`Error::Backend`].
    pub fn import(&mut self, imports: &[ImportedCode]) -> Result<ImportSummary, Error> {
        self.transaction(Mode::Write, |txn| ops::import(txn, imports))
    }

    /// Who got `code`, and when. UPCs are compared as products: a UPC-A finds the record of
    /// the same code written as EAN-13.
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn lookup(&mut self, code: impl Into<Code>) -> Result<Option<Record>, Error> {
        let key = code.into().key();
        self.transaction(Mode::Read, |txn| {
            Ok(txn.records(&[key])?.pop().map(|(_, record)| record))
        })
    }

    /// Everything recorded, in code order (UPCs first, then ISRCs).
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn records(&mut self) -> Result<Vec<Record>, Error> {
        self.collect(Filter::default())
    }

    /// The codes recorded for `reference`, in code order.
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn records_for(&mut self, reference: &str) -> Result<Vec<Record>, Error> {
        self.collect(Filter {
            reference: Some(reference),
            ..Filter::default()
        })
    }

    /// The codes of one kind, in code order.
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn records_of(&mut self, kind: CodeKind) -> Result<Vec<Record>, Error> {
        self.collect(Filter {
            kind: Some(kind),
            ..Filter::default()
        })
    }

    fn collect(&mut self, filter: Filter<'_>) -> Result<Vec<Record>, Error> {
        let mut records = Vec::new();
        self.scan(filter, &mut |record| {
            records.push(record);
            Ok(())
        })?;
        Ok(records)
    }

    /// Calls `each` with every record, in code order, without holding them all in memory;
    /// stops at the first error `each` returns.
    ///
    /// # Errors
    /// [`Error::Backend`], or the error `each` returned.
    pub fn for_each_record(
        &mut self,
        mut each: impl FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.scan(Filter::default(), &mut each)
    }

    fn scan(
        &mut self,
        filter: Filter<'_>,
        each: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.transaction(Mode::Read, |txn| txn.scan(filter, each))
    }

    /// Writes everything recorded as CSV (columns [`CSV_HEADER`]: `kind`, `code`, `issued_at`
    /// as RFC 3339 UTC, `reference`, `origin`), in code order, streaming; returns the number
    /// of rows.
    ///
    /// # Errors
    /// [`Error::Write`] when writing fails, [`Error::Backend`].
    pub fn export_csv<W: io::Write>(&mut self, writer: W) -> Result<u64, Error> {
        let mut export = export::CsvExport::new(writer)?;
        self.scan(Filter::default(), &mut |record| export.write(&record))?;
        export.finish()
    }

    /// Every pool of the ledger with its high-water mark, in the order they were added.
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn pools(&mut self) -> Result<Vec<PoolStatus>, Error> {
        let rows = self.transaction(Mode::Read, |txn| txn.all_pools())?;
        Ok(rows
            .into_iter()
            .map(|row| PoolStatus::new(row.pool, row.next))
            .collect())
    }

    /// Where `pool` stands: for a pool not yet in the ledger, where it would start (after
    /// codes imported into its range). Changes nothing.
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn pool_status<P: Pool>(&mut self, pool: &P) -> Result<PoolStatus, Error> {
        let any: AnyPool = pool.clone().into();
        self.transaction(Mode::Read, |txn| ops::pool_status(txn, &any))
    }

    /// The database's own consistency check: SQLite's `integrity_check` (empty when the file
    /// is sound); PostgreSQL keeps its own, so there it is always empty.
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn integrity_problems(&mut self) -> Result<Vec<String>, Error> {
        self.backend.integrity_problems()
    }
}
