//! The SQLite schema and its forward migrations.
//!
//! A ledger file is recognised by its `application_id` (the SQLite header field meant for
//! this); its schema version is the `user_version`. `MIGRATIONS[n]` takes a ledger from
//! version `n` to `n + 1`; a new ledger runs them all.

/// `MILG` ("musicid ledger") in the SQLite header's `application_id`.
pub(crate) const APPLICATION_ID: i32 = 0x4d49_4c47;

/// Version 1: pools and codes. Version 2: an index to find codes by reference.
pub(crate) const MIGRATIONS: [&str; 2] = [
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
        kind TEXT NOT NULL CHECK (kind IN ('isrc', 'upc')),
        code TEXT NOT NULL,
        pool_id INTEGER REFERENCES ledger_pools (id),
        issued_at INTEGER NOT NULL,
        reference TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('issued', 'imported'))
    ) WITHOUT ROWID;",
    "CREATE INDEX ledger_codes_reference ON ledger_codes (reference)
        WHERE reference IS NOT NULL;",
];

/// The newest schema version this crate knows.
pub(crate) const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;
