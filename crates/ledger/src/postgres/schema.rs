//! The PostgreSQL schema and its forward migrations.
//!
//! The ledger's tables live in the first schema of the connection's `search_path` (add
//! `?options=-csearch_path%3Dname` to the URL to choose one). `ledger_meta` says whose tables
//! they are and which schema version they have. `MIGRATIONS[n]` takes a ledger from version
//! `n` to `n + 1`, as for SQLite, and both backends share one version number
//! ([`SCHEMA_VERSION`], the array's length).

use crate::SCHEMA_VERSION;

/// The `application` value in `ledger_meta`.
pub(crate) const APPLICATION: &str = "musicid-ledger";

/// Serialises creating and migrating the tables across connections (`pg_advisory_xact_lock`):
/// `MILG`, as the SQLite `application_id`.
pub(crate) const MIGRATION_LOCK: i64 = 0x4d49_4c47;

/// Version 1: pools, codes and a view for people, as for SQLite (see there for why a code's
/// row has no kind, origin or foreign key); keys compare bytewise (`COLLATE "C"`), as in
/// SQLite. Version 2: an index to find codes by reference. Version 3: the keys of retry-safe
/// requests (see SQLite's). Version 4: recordings' fingerprints and their inverted index (see
/// SQLite's); a value is stored as the `integer` with the same 32 bits.
pub(crate) const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [
    "CREATE TABLE ledger_meta (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO ledger_meta (name, value) VALUES ('application', 'musicid-ledger');
    INSERT INTO ledger_meta (name, value) VALUES ('schema_version', '0');
    CREATE TABLE ledger_pools (
        id BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('isrc', 'upc')),
        prefix TEXT NOT NULL,
        year_of_reference INTEGER CHECK (year_of_reference BETWEEN 0 AND 99),
        first_serial BIGINT NOT NULL,
        last_serial BIGINT NOT NULL,
        next_serial BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        CHECK (first_serial <= last_serial),
        CHECK (next_serial BETWEEN first_serial AND last_serial + 1)
    );
    CREATE TABLE ledger_codes (
        key TEXT COLLATE \"C\" PRIMARY KEY,
        code TEXT,
        pool_id BIGINT,
        issued_at BIGINT NOT NULL,
        reference TEXT
    );
    CREATE VIEW ledger_records AS
        SELECT CASE WHEN key < 'A' THEN 'upc' ELSE 'isrc' END AS kind,
               coalesce(code, key) AS code,
               to_timestamp(issued_at) AS issued_at,
               reference,
               CASE WHEN pool_id IS NULL THEN 'imported' ELSE 'issued' END AS origin,
               pool_id
        FROM ledger_codes;",
    "CREATE INDEX ledger_codes_reference ON ledger_codes (reference)
        WHERE reference IS NOT NULL;",
    "CREATE TABLE ledger_requests (
        key TEXT COLLATE \"C\" PRIMARY KEY,
        pool_id BIGINT NOT NULL,
        first_serial BIGINT NOT NULL,
        count BIGINT NOT NULL CHECK (count > 0),
        requested_at BIGINT NOT NULL
    );",
    "CREATE TABLE ledger_fingerprints (
        id BIGSERIAL PRIMARY KEY,
        key TEXT COLLATE \"C\" NOT NULL UNIQUE,
        fingerprint BYTEA NOT NULL CHECK (length(fingerprint) % 4 = 0),
        recorded_at BIGINT NOT NULL
    );
    CREATE TABLE ledger_fingerprint_index (
        value INTEGER NOT NULL,
        fingerprint_id BIGINT NOT NULL,
        PRIMARY KEY (value, fingerprint_id)
    );",
];
