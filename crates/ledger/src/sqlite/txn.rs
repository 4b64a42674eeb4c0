//! The primitives on one SQLite transaction. Statements are prepared once per connection
//! (SQLite's statement cache) and re-bound per row: no per-row parsing.

use rusqlite::{ErrorCode, OptionalExtension as _, Transaction, params};

use crate::backend::{Filter, NewCodes, PoolRow, Txn, from_db, record_from_columns, to_db};
use crate::{AnyPool, Error, Record};

pub(crate) struct SqliteTxn<'conn> {
    transaction: Transaction<'conn>,
}

impl<'conn> SqliteTxn<'conn> {
    pub(crate) fn new(transaction: Transaction<'conn>) -> Self {
        Self { transaction }
    }
}

const POOL_COLUMNS: &str =
    "id, kind, prefix, year_of_reference, first_serial, last_serial, next_serial";

fn pool_row(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<(i64, String, String, Option<i32>, i64, i64, i64)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
    ))
}

fn to_pool_row(
    (id, kind, prefix, year, first, last, next): (i64, String, String, Option<i32>, i64, i64, i64),
) -> Result<PoolRow, Error> {
    Ok(PoolRow {
        id,
        pool: AnyPool::from_columns(&kind, &prefix, year, first, last)?,
        next: from_db(next)?,
    })
}

const RECORD_COLUMNS: &str = "key, kind, code, issued_at, reference, origin";

fn record_row(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<(String, String, String, i64, Option<String>, String)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
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
        row.map(to_pool_row).transpose()
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
        rows.into_iter().map(to_pool_row).collect()
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
            if let Some((key, kind, code, issued_at, reference, origin)) =
                statement.query_row([key], record_row).optional()?
            {
                let record = record_from_columns(&kind, &code, issued_at, reference, &origin)?;
                found.push((key, record));
            }
        }
        Ok(found)
    }

    fn insert_codes(&mut self, rows: &NewCodes<'_>) -> Result<(), Error> {
        let mut statement = self.transaction.prepare_cached(
            "INSERT INTO ledger_codes (key, kind, code, pool_id, issued_at, reference, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        statement.raw_bind_parameter(4, rows.pool_id)?;
        statement.raw_bind_parameter(7, rows.origin.as_str())?;
        let mut key = String::with_capacity(14);
        let mut text = String::with_capacity(14);
        for (row, code) in rows.codes.iter().enumerate() {
            code.write_key(&mut key);
            text.clear();
            {
                use core::fmt::Write as _;
                // Writing to a String cannot fail.
                let _ = write!(text, "{code}");
            }
            statement.raw_bind_parameter(1, key.as_str())?;
            statement.raw_bind_parameter(2, code.kind().as_str())?;
            statement.raw_bind_parameter(3, text.as_str())?;
            statement.raw_bind_parameter(5, rows.issued_at.get(row))?;
            statement.raw_bind_parameter(6, rows.references.get(row))?;
            match statement.raw_execute() {
                Ok(_) => {}
                Err(error)
                    if error.sqlite_error_code() == Some(ErrorCode::ConstraintViolation)
                        && error.sqlite_error().is_some_and(|e| {
                            e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                        }) =>
                {
                    return Err(Error::Duplicate { code: *code });
                }
                Err(error) => return Err(error.into()),
            }
        }
        Ok(())
    }

    fn scan(
        &mut self,
        filter: Filter<'_>,
        each: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let kind = filter.kind.map(|kind| kind.as_str());
        let mut conditions = Vec::new();
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::new();
        if let Some(kind) = &kind {
            values.push(kind);
            conditions.push(format!("kind = ?{}", values.len()));
        }
        if let Some(reference) = &filter.reference {
            values.push(reference);
            conditions.push(format!("reference = ?{}", values.len()));
        }
        let mut sql = format!("SELECT {RECORD_COLUMNS} FROM ledger_codes");
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        // Key order is the primary key's: rows stream without a sort.
        sql.push_str(" ORDER BY key");
        let mut statement = self.transaction.prepare_cached(&sql)?;
        let mut rows = statement.query(values.as_slice())?;
        while let Some(row) = rows.next()? {
            let (_key, kind, code, issued_at, reference, origin) = record_row(row)?;
            each(record_from_columns(
                &kind, &code, issued_at, reference, &origin,
            )?)?;
        }
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), Error> {
        Ok(self.transaction.commit()?)
    }
}
