//! The primitives on one SQLite transaction. Statements are prepared once per connection
//! (SQLite's statement cache) and re-bound per row: no per-row parsing.

use rusqlite::{OptionalExtension as _, Transaction, params};

use crate::backend::{
    Filter, NewCodes, POOL_COLUMNS, PoolRow, RECORD_COLUMNS, RequestRow, Txn, from_db,
    record_from_columns, scan_sql, to_db,
};
use crate::{AnyPool, Code, Error, Record};

pub(crate) struct SqliteTxn<'conn> {
    pub(super) transaction: Transaction<'conn>,
}

impl<'conn> SqliteTxn<'conn> {
    pub(crate) fn new(transaction: Transaction<'conn>) -> Self {
        Self { transaction }
    }
}

/// A `ledger_pools` row: read by SQLite, then checked (a row this crate did not write is an
/// error of its own).
fn pool_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<PoolRow, Error>> {
    let kind: String = row.get(1)?;
    let prefix: String = row.get(2)?;
    let (year, first, last) = (row.get(3)?, row.get(4)?, row.get(5)?);
    let (id, next): (i64, i64) = (row.get(0)?, row.get(6)?);
    Ok(
        AnyPool::from_columns(&kind, &prefix, year, first, last).and_then(|pool| {
            Ok(PoolRow {
                id,
                pool,
                next: from_db(next)?,
            })
        }),
    )
}

fn record_row(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<(String, String, i64, Option<String>, bool)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

/// Rows per many-row `INSERT`: one statement run per this many codes.
const ROWS_PER_INSERT: usize = 64;

/// How an `INSERT` of several rows takes its parameters: `?1` is the pool id, then either
/// `?2` time and `?3` reference for all rows and key, code per row (`shared`), or key, code,
/// time, reference per row.
#[derive(Clone, Copy)]
struct InsertShape {
    rows: usize,
    shared: bool,
}

impl InsertShape {
    const fn per_row(self) -> usize {
        if self.shared { 2 } else { 4 }
    }

    /// The first parameter of `row`.
    const fn first(self, row: usize) -> usize {
        if self.shared {
            4 + 2 * row
        } else {
            2 + 4 * row
        }
    }

    fn sql(self) -> String {
        let mut sql = String::from(
            "INSERT INTO ledger_codes (key, code, pool_id, issued_at, reference) VALUES ",
        );
        for row in 0..self.rows {
            let first = self.first(row);
            if row > 0 {
                sql.push(',');
            }
            if self.shared {
                sql.push_str(&format!("(?{first}, ?{}, ?1, ?2, ?3)", first + 1));
            } else {
                sql.push_str(&format!(
                    "(?{first}, ?{}, ?1, ?{}, ?{})",
                    first + 1,
                    first + 2,
                    first + 3
                ));
            }
        }
        debug_assert_eq!(
            self.first(self.rows),
            self.first(0) + self.rows * self.per_row()
        );
        sql
    }
}

/// A primary-key violation is [`Error::Duplicate`]. SQLite does not say which row of a
/// many-row statement it was, and has undone the statement: the code is the first of `codes`
/// that the ledger already holds or that the statement repeats (where SQLite stopped).
fn insert_error(transaction: &Transaction<'_>, error: rusqlite::Error, codes: &[Code]) -> Error {
    let duplicate = error
        .sqlite_error()
        .is_some_and(|e| e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY);
    if !duplicate {
        return error.into();
    }
    duplicate_in(transaction, codes).unwrap_or_else(|error| error)
}

/// [`Error::Duplicate`] for the first of `codes` that the ledger holds or that `codes` repeats.
fn duplicate_in(transaction: &Transaction<'_>, codes: &[Code]) -> Result<Error, Error> {
    let mut recorded = transaction.prepare_cached("SELECT 1 FROM ledger_codes WHERE key = ?1")?;
    for (index, &code) in codes.iter().enumerate() {
        let key = code.key();
        if codes[..index].iter().any(|earlier| earlier.key() == key) || recorded.exists([&key])? {
            return Ok(Error::Duplicate { code });
        }
    }
    Ok(crate::error::inconsistent(format!(
        "a duplicate key among {} new codes",
        codes.len()
    )))
}

impl Txn for SqliteTxn<'_> {
    fn find_pool(&mut self, pool: &AnyPool) -> Result<Option<PoolRow>, Error> {
        let columns = pool.columns();
        let row = self
            .transaction
            .prepare_cached(&format!(
                "SELECT {POOL_COLUMNS} FROM ledger_pools
                 WHERE kind = ?1 AND prefix = ?2 AND year_of_reference IS ?3
                   AND first_serial = ?4 AND last_serial = ?5"
            ))?
            .query_row(
                params![
                    columns.kind,
                    columns.prefix,
                    columns.year,
                    columns.first,
                    columns.last
                ],
                pool_row,
            )
            .optional()?;
        row.transpose()
    }

    fn lock_pools(&mut self) -> Result<(), Error> {
        // Write transactions begin IMMEDIATE: this one is the only writer already.
        Ok(())
    }

    fn all_pools(&mut self) -> Result<Vec<PoolRow>, Error> {
        let rows = self
            .transaction
            .prepare_cached(&format!(
                "SELECT {POOL_COLUMNS} FROM ledger_pools ORDER BY id"
            ))?
            .query_map([], pool_row)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    fn insert_pool(&mut self, pool: &AnyPool, next: u64, created_at: i64) -> Result<i64, Error> {
        let columns = pool.columns();
        self.transaction
            .prepare_cached(
                "INSERT INTO ledger_pools
                 (kind, prefix, year_of_reference, first_serial, last_serial, next_serial, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                columns.kind,
                columns.prefix,
                columns.year,
                columns.first,
                columns.last,
                to_db(next),
                created_at
            ])?;
        Ok(self.transaction.last_insert_rowid())
    }

    fn reserve(&mut self, pool_id: i64, count: u64) -> Result<Option<u64>, Error> {
        let first = self
            .transaction
            .prepare_cached(
                "UPDATE ledger_pools SET next_serial = next_serial + ?2
                 WHERE id = ?1 AND next_serial + ?2 <= last_serial + 1
                 RETURNING next_serial - ?2",
            )?
            .query_row(params![pool_id, to_db(count)], |row| row.get::<_, i64>(0))
            .optional()?;
        first.map(from_db).transpose()
    }

    fn set_next(&mut self, pool_id: i64, next: u64) -> Result<(), Error> {
        self.transaction
            .prepare_cached("UPDATE ledger_pools SET next_serial = ?2 WHERE id = ?1")?
            .execute(params![pool_id, to_db(next)])?;
        Ok(())
    }

    fn max_key_between(&mut self, low: &str, high: &str) -> Result<Option<String>, Error> {
        Ok(self
            .transaction
            .prepare_cached("SELECT max(key) FROM ledger_codes WHERE key BETWEEN ?1 AND ?2")?
            .query_row(params![low, high], |row| row.get(0))?)
    }

    fn records(&mut self, keys: &[String]) -> Result<Vec<(String, Record)>, Error> {
        let mut statement = self.transaction.prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM ledger_codes WHERE key = ?1"
        ))?;
        let mut found = Vec::new();
        for key in keys {
            if let Some((key, code, issued_at, reference, imported)) =
                statement.query_row([key], record_row).optional()?
            {
                found.push((
                    key,
                    record_from_columns(&code, issued_at, reference, imported)?,
                ));
            }
        }
        Ok(found)
    }

    fn insert_codes(&mut self, rows: &NewCodes<'_>) -> Result<(), Error> {
        let shared = rows.shares_metadata();
        let mut key = String::with_capacity(14);
        let mut text = String::with_capacity(14);
        let mut row = 0;
        // Whole chunks through the many-row statement, the rest row by row: a fixed handful of
        // statements in the cache, whatever the count.
        for rows_per_statement in [ROWS_PER_INSERT, 1] {
            let shape = InsertShape {
                rows: rows_per_statement,
                shared,
            };
            let mut statement = self.transaction.prepare_cached(&shape.sql())?;
            statement.raw_bind_parameter(1, rows.pool_id)?;
            if shared {
                statement.raw_bind_parameter(2, rows.issued_at.get(0))?;
                statement.raw_bind_parameter(3, rows.references.get(0))?;
            }
            while rows.codes.len() - row >= rows_per_statement {
                for slot in 0..rows_per_statement {
                    let code = rows.codes[row + slot];
                    code.write_key(&mut key);
                    let first = shape.first(slot);
                    statement.raw_bind_parameter(first, key.as_str())?;
                    // The code as issued is stored only where it differs from the key.
                    let as_issued = code.write_as_issued(&key, &mut text);
                    statement.raw_bind_parameter(first + 1, as_issued.then_some(text.as_str()))?;
                    if !shared {
                        statement.raw_bind_parameter(first + 2, rows.issued_at.get(row + slot))?;
                        statement.raw_bind_parameter(first + 3, rows.references.get(row + slot))?;
                    }
                }
                if let Err(error) = statement.raw_execute() {
                    return Err(insert_error(
                        &self.transaction,
                        error,
                        &rows.codes[row..row + rows_per_statement],
                    ));
                }
                row += rows_per_statement;
            }
        }
        Ok(())
    }

    fn lock_keys(&mut self, _keys: &[&str]) -> Result<(), Error> {
        // Write transactions begin IMMEDIATE: this one is the only writer already.
        Ok(())
    }

    fn requests(&mut self, keys: &[&str]) -> Result<Vec<RequestRow>, Error> {
        let mut statement = self.transaction.prepare_cached(
            "SELECT key, pool_id, first_serial, count FROM ledger_requests WHERE key = ?1",
        )?;
        let mut found = Vec::new();
        for key in keys {
            let row = statement
                .query_row([key], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, i64>(3)?,
                    ))
                })
                .optional()?;
            if let Some((key, pool_id, first, count)) = row {
                found.push(RequestRow {
                    key,
                    pool_id,
                    first: from_db(first)?,
                    count: from_db(count)?,
                });
            }
        }
        Ok(found)
    }

    fn insert_requests(&mut self, rows: &[RequestRow], requested_at: i64) -> Result<(), Error> {
        let mut statement = self.transaction.prepare_cached(
            "INSERT INTO ledger_requests (key, pool_id, first_serial, count, requested_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for row in rows {
            statement.execute(params![
                row.key,
                row.pool_id,
                to_db(row.first),
                to_db(row.count),
                requested_at
            ])?;
        }
        Ok(())
    }

    fn scan(
        &mut self,
        filter: Filter<'_>,
        each: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        // Key order is the primary key's: rows stream without a sort.
        let mut statement = self.transaction.prepare_cached(&scan_sql(filter, "?1"))?;
        let mut rows = match filter.reference {
            Some(reference) => statement.query([reference])?,
            None => statement.query([])?,
        };
        while let Some(row) = rows.next()? {
            let (_key, code, issued_at, reference, imported) = record_row(row)?;
            each(record_from_columns(&code, issued_at, reference, imported)?)?;
        }
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), Error> {
        Ok(self.transaction.commit()?)
    }
}
