//! The SQLite schema and its forward migrations.
//!
//! A ledger file is recognised by its `application_id` (the SQLite header field meant for
//! this); its schema version is the `user_version`. `MIGRATIONS[n]` takes a ledger from
//! version `n` to `n + 1`; a new ledger runs them all. The array's length is the crate's
//! [`SCHEMA_VERSION`]: a new version does not build until both backends have its step.

use crate::SCHEMA_VERSION;

/// `MILG` ("musicid ledger") in the SQLite header's `application_id`.
pub(crate) const APPLICATION_ID: i32 = 0x4d49_4c47;

/// Version 1: pools, codes, and a view for people reading the file.
///
/// A code's row is kept small, since issuing writes one per code: `key` is what must be
/// unique (the ISRC, or the UPC as GTIN-14; a UPC key is all digits, an ISRC key starts with
/// a letter, so the kind needs no column); `code` is the code as issued where it differs from
/// `key` (a UPC-A, an EAN-13), else NULL; `pool_id` is the pool an issued code came from and
/// NULL for an imported one (so the origin needs no column either). `pool_id` is not a
/// declared foreign key, which would cost a lookup per code on the issuing path.
///
/// Version 2: an index to find codes by reference.
///
/// Version 3: the keys of retry-safe requests. A request's codes are contiguous serials of
/// one pool, so a row of `ledger_requests` (its key, pool, first serial and count) gives
/// them back without touching `ledger_codes`.
///
/// Version 4: recordings' fingerprints. `ledger_fingerprints` holds one per ISRC (`key` as in
/// `ledger_codes`), its sub-fingerprints as 4-byte little-endian values; the inverted index
/// `ledger_fingerprint_index` has a row per distinct value of each fingerprint, so the
/// fingerprints sharing values with a query are found by key lookups, as AcoustID's index
/// finds them.
pub(crate) const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [
    "CREATE TABLE ledger_pools (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('isrc', 'upc')),
        prefix TEXT NOT NULL,
        year_of_reference INTEGER CHECK (year_of_reference BETWEEN 0 AND 99),
        first_serial INTEGER NOT NULL,
        last_serial INTEGER NOT NULL,
        next_serial INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        CHECK (first_serial <= last_serial),
        CHECK (next_serial BETWEEN first_serial AND last_serial + 1),
        UNIQUE (kind, prefix, year_of_reference, first_serial, last_serial)
    );
    CREATE TABLE ledger_codes (
        key TEXT PRIMARY KEY NOT NULL,
        code TEXT,
        pool_id INTEGER,
        issued_at INTEGER NOT NULL,
        reference TEXT
    ) WITHOUT ROWID;
    CREATE VIEW ledger_records AS
        SELECT CASE WHEN key < 'A' THEN 'upc' ELSE 'isrc' END AS kind,
               coalesce(code, key) AS code,
               datetime(issued_at, 'unixepoch') AS issued_at,
               reference,
               CASE WHEN pool_id IS NULL THEN 'imported' ELSE 'issued' END AS origin,
               pool_id
        FROM ledger_codes;",
    "CREATE INDEX ledger_codes_reference ON ledger_codes (reference)
        WHERE reference IS NOT NULL;",
    "CREATE TABLE ledger_requests (
        key TEXT PRIMARY KEY NOT NULL,
        pool_id INTEGER NOT NULL,
        first_serial INTEGER NOT NULL,
        count INTEGER NOT NULL CHECK (count > 0),
        requested_at INTEGER NOT NULL
    ) WITHOUT ROWID;",
    "CREATE TABLE ledger_fingerprints (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        fingerprint BLOB NOT NULL CHECK (length(fingerprint) % 4 = 0),
        recorded_at INTEGER NOT NULL
    );
    CREATE TABLE ledger_fingerprint_index (
        value INTEGER NOT NULL,
        fingerprint_id INTEGER NOT NULL,
        PRIMARY KEY (value, fingerprint_id)
    ) WITHOUT ROWID;",
];
