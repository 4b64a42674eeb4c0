//! The primitives on one PostgreSQL transaction. The frequent statements are prepared once
//! per connection; codes go in as arrays (`unnest`), one round trip per batch.

use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator as _;
use postgres::types::ToSql;
use postgres::{Client, Row, Statement, Transaction};

use crate::backend::{
    Filter, NewCodes, POOL_COLUMNS, PoolRow, RECORD_COLUMNS, RequestRow, Txn, from_db,
    record_from_columns, scan_sql, to_db,
};
use crate::{AnyPool, Error, Record};

/// Rows per `INSERT … unnest` and keys per `= ANY` lookup.
const BATCH: usize = 10_000;

/// The connection's prepared statements.
pub(crate) struct Statements {
    find_pool: Statement,
    reserve: Statement,
    /// Rows with a time and reference each.
    insert_codes: Statement,
    /// Rows sharing one time and reference.
    insert_codes_shared: Statement,
    max_key: Statement,
    lock_keys: Statement,
    requests: Statement,
    insert_requests: Statement,
}

/// The first half of the two-part advisory lock keys of request keys (`MILG`, as the SQLite
/// `application_id`); the one-part lock of migrations lives in another key space.
const KEY_LOCK_CLASS: i32 = 0x4d49_4c47;

/// FNV-1a, 32 bits: a request key's advisory lock (stable across processes and versions,
/// unlike Rust's hashers).
fn key_hash(key: &str) -> i32 {
    let hash = key.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    i32::from_ne_bytes(hash.to_ne_bytes())
}

impl Statements {
    pub(crate) fn prepare(client: &mut Client) -> Result<Self, Error> {
        Ok(Self {
            find_pool: client.prepare(&format!(
                "SELECT {POOL_COLUMNS} FROM ledger_pools
                 WHERE kind = $1 AND prefix = $2 AND year_of_reference IS NOT DISTINCT FROM $3
                   AND first_serial = $4 AND last_serial = $5"
            ))?,
            reserve: client.prepare(
                "UPDATE ledger_pools SET next_serial = next_serial + $2
                 WHERE id = $1 AND next_serial + $2 <= last_serial + 1
                 RETURNING next_serial - $2",
            )?,
            insert_codes: client.prepare(
                "INSERT INTO ledger_codes (key, code, pool_id, issued_at, reference)
                 SELECT u.key, u.code, $1, u.issued_at, u.reference
                 FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[])
                   AS u (key, code, issued_at, reference)",
            )?,
            insert_codes_shared: client.prepare(
                "INSERT INTO ledger_codes (key, code, pool_id, issued_at, reference)
                 SELECT u.key, u.code, $1, $4, $5
                 FROM unnest($2::text[], $3::text[]) AS u (key, code)",
            )?,
            max_key: client
                .prepare("SELECT max(key) FROM ledger_codes WHERE key BETWEEN $1 AND $2")?,
            // The array's order is the locking order: unnest reads it front to back.
            lock_keys: client.prepare(
                "SELECT count(pg_advisory_xact_lock($1, hash)) FROM unnest($2::int4[]) AS hash",
            )?,
            requests: client.prepare(
                "SELECT key, pool_id, first_serial, count FROM ledger_requests
                 WHERE key = ANY($1::text[])",
            )?,
            insert_requests: client.prepare(
                "INSERT INTO ledger_requests (key, pool_id, first_serial, count, requested_at)
                 SELECT u.key, u.pool_id, u.first_serial, u.count, $5
                 FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[])
                   AS u (key, pool_id, first_serial, count)",
            )?,
        })
    }
}

pub(crate) struct PgTxn<'a> {
    pub(super) transaction: Transaction<'a>,
    statements: &'a Statements,
}

impl<'a> PgTxn<'a> {
    pub(crate) fn new(transaction: Transaction<'a>, statements: &'a Statements) -> Self {
        Self {
            transaction,
            statements,
        }
    }
}

fn to_pool_row(row: &Row) -> Result<PoolRow, Error> {
    Ok(PoolRow {
        id: row.get(0),
        pool: AnyPool::from_columns(
            row.get::<_, &str>(1),
            row.get::<_, &str>(2),
            row.get(3),
            row.get(4),
            row.get(5),
        )?,
        next: from_db(row.get(6))?,
    })
}

fn to_record(row: &Row) -> Result<Record, Error> {
    record_from_columns(row.get::<_, &str>(1), row.get(2), row.get(3), row.get(4))
}

impl Txn for PgTxn<'_> {
    fn find_pool(&mut self, pool: &AnyPool) -> Result<Option<PoolRow>, Error> {
        let columns = pool.columns();
        self.transaction
            .query_opt(
                &self.statements.find_pool,
                &[
                    &columns.kind,
                    &columns.prefix,
                    &columns.year,
                    &columns.first,
                    &columns.last,
                ],
            )?
            .as_ref()
            .map(to_pool_row)
            .transpose()
    }

    fn lock_pools(&mut self) -> Result<(), Error> {
        // EXCLUSIVE conflicts with the row locks of issuing (ROW SHARE, ROW EXCLUSIVE): running
        // issues finish first, new ones wait, and nobody holds a row lock this one needs.
        self.transaction
            .batch_execute("LOCK TABLE ledger_pools IN EXCLUSIVE MODE")?;
        Ok(())
    }

    fn all_pools(&mut self) -> Result<Vec<PoolRow>, Error> {
        self.transaction
            .query(
                &format!("SELECT {POOL_COLUMNS} FROM ledger_pools ORDER BY id"),
                &[],
            )?
            .iter()
            .map(to_pool_row)
            .collect()
    }

    fn insert_pool(&mut self, pool: &AnyPool, next: u64, created_at: i64) -> Result<i64, Error> {
        let columns = pool.columns();
        let row = self.transaction.query_one(
            "INSERT INTO ledger_pools
             (kind, prefix, year_of_reference, first_serial, last_serial, next_serial, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[
                &columns.kind,
                &columns.prefix,
                &columns.year,
                &columns.first,
                &columns.last,
                &to_db(next),
                &created_at,
            ],
        )?;
        Ok(row.get(0))
    }

    fn reserve(&mut self, pool_id: i64, count: u64) -> Result<Option<u64>, Error> {
        self.transaction
            .query_opt(&self.statements.reserve, &[&pool_id, &to_db(count)])?
            .map(|row| from_db(row.get(0)))
            .transpose()
    }

    fn set_next(&mut self, pool_id: i64, next: u64) -> Result<(), Error> {
        self.transaction.execute(
            "UPDATE ledger_pools SET next_serial = $2 WHERE id = $1",
            &[&pool_id, &to_db(next)],
        )?;
        Ok(())
    }

    fn max_key_between(&mut self, low: &str, high: &str) -> Result<Option<String>, Error> {
        Ok(self
            .transaction
            .query_one(&self.statements.max_key, &[&low, &high])?
            .get(0))
    }

    fn records(&mut self, keys: &[String]) -> Result<Vec<(String, Record)>, Error> {
        let mut found = Vec::new();
        for chunk in keys.chunks(BATCH) {
            let rows = self.transaction.query(
                &format!("SELECT {RECORD_COLUMNS} FROM ledger_codes WHERE key = ANY($1)"),
                &[&chunk],
            )?;
            for row in &rows {
                found.push((row.get::<_, String>(0), to_record(row)?));
            }
        }
        Ok(found)
    }

    fn insert_codes(&mut self, rows: &NewCodes<'_>) -> Result<(), Error> {
        let shared = rows.shares_metadata();
        for (chunk_index, chunk) in rows.codes.chunks(BATCH).enumerate() {
            let offset = chunk_index * BATCH;
            let keys: Vec<String> = chunk.iter().map(|code| code.key()).collect();
            // The code as issued is stored only where it differs from the key.
            let texts: Vec<Option<String>> = chunk
                .iter()
                .zip(&keys)
                .map(|(code, key)| {
                    let mut text = String::new();
                    code.write_as_issued(key, &mut text).then_some(text)
                })
                .collect();
            let result = if shared {
                self.transaction.execute(
                    &self.statements.insert_codes_shared,
                    &[
                        &rows.pool_id,
                        &keys,
                        &texts,
                        &rows.issued_at.get(0),
                        &rows.references.get(0),
                    ],
                )
            } else {
                let rows_here = offset..offset + chunk.len();
                let times: Vec<i64> = rows_here
                    .clone()
                    .map(|row| rows.issued_at.get(row))
                    .collect();
                let references: Vec<Option<&str>> =
                    rows_here.map(|row| rows.references.get(row)).collect();
                self.transaction.execute(
                    &self.statements.insert_codes,
                    &[&rows.pool_id, &keys, &texts, &times, &references],
                )
            };
            if let Err(error) = result {
                if error.code() == Some(&SqlState::UNIQUE_VIOLATION) {
                    let key = error
                        .as_db_error()
                        .and_then(|db| db.detail())
                        .and_then(duplicate_key);
                    return Err(duplicate_of(rows, key));
                }
                return Err(error.into());
            }
        }
        Ok(())
    }

    fn lock_keys(&mut self, keys: &[&str]) -> Result<(), Error> {
        // One transaction-scoped advisory lock per key hash, taken in ascending order so that
        // two requests sharing keys never wait for each other in a circle. Two keys with one
        // hash only take turns.
        let mut hashes: Vec<i32> = keys.iter().map(|key| key_hash(key)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        self.transaction
            .execute(&self.statements.lock_keys, &[&KEY_LOCK_CLASS, &hashes])?;
        Ok(())
    }

    fn requests(&mut self, keys: &[&str]) -> Result<Vec<RequestRow>, Error> {
        let mut found = Vec::new();
        for chunk in keys.chunks(BATCH) {
            for row in self
                .transaction
                .query(&self.statements.requests, &[&chunk])?
            {
                found.push(RequestRow {
                    key: row.get(0),
                    pool_id: row.get(1),
                    first: from_db(row.get(2))?,
                    count: from_db(row.get(3))?,
                });
            }
        }
        Ok(found)
    }

    fn insert_requests(&mut self, rows: &[RequestRow], requested_at: i64) -> Result<(), Error> {
        for chunk in rows.chunks(BATCH) {
            let keys: Vec<&str> = chunk.iter().map(|row| row.key.as_str()).collect();
            let pools: Vec<i64> = chunk.iter().map(|row| row.pool_id).collect();
            let firsts: Vec<i64> = chunk.iter().map(|row| to_db(row.first)).collect();
            let counts: Vec<i64> = chunk.iter().map(|row| to_db(row.count)).collect();
            self.transaction.execute(
                &self.statements.insert_requests,
                &[&keys, &pools, &firsts, &counts, &requested_at],
            )?;
        }
        Ok(())
    }

    fn scan(
        &mut self,
        filter: Filter<'_>,
        each: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let sql = scan_sql(filter, "$1");
        let values: Vec<&(dyn ToSql + Sync)> = match &filter.reference {
            Some(reference) => vec![reference],
            None => Vec::new(),
        };
        // Rows stream from the server as they are read: constant memory for any size.
        let mut rows = self
            .transaction
            .query_raw(sql.as_str(), values.iter().copied())?;
        while let Some(row) = rows.next()? {
            each(to_record(&row)?)?;
        }
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), Error> {
        Ok(self.transaction.commit()?)
    }
}

/// The key in a unique violation's detail: `Key (key)=(QZAQQ2600001) already exists.`
fn duplicate_key(detail: &str) -> Option<&str> {
    let start = detail.find(")=(")? + 3;
    let end = start + detail[start..].find(')')?;
    Some(&detail[start..end])
}

/// The code of a [`Error::Duplicate`]: the row whose key the database named, else the first.
fn duplicate_of(rows: &NewCodes<'_>, key: Option<&str>) -> Error {
    let code = key
        .and_then(|key| rows.codes.iter().find(|code| code.key() == key))
        .or(rows.codes.first());
    match code {
        Some(&code) => Error::Duplicate { code },
        None => crate::error::inconsistent("a duplicate in an empty insert".to_owned()),
    }
}
