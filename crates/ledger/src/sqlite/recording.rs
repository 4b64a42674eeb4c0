//! The fingerprint primitives on one SQLite transaction.

use std::collections::HashMap;

use rusqlite::{OptionalExtension as _, params};

use super::txn::SqliteTxn;
use crate::Error;
use crate::recording::store::{FingerprintId, FingerprintTxn};

impl FingerprintTxn for SqliteTxn<'_> {
    fn lock_fingerprints(&mut self) -> Result<(), Error> {
        // Write transactions begin IMMEDIATE: this one is the only writer already.
        Ok(())
    }

    fn fingerprint_of(&mut self, key: &str) -> Result<Option<(FingerprintId, Vec<u8>)>, Error> {
        Ok(self
            .transaction
            .prepare_cached("SELECT id, fingerprint FROM ledger_fingerprints WHERE key = ?1")?
            .query_row([key], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }

    fn insert_fingerprint_row(
        &mut self,
        key: &str,
        bytes: &[u8],
        recorded_at: i64,
    ) -> Result<FingerprintId, Error> {
        Ok(self
            .transaction
            .prepare_cached(
                "INSERT INTO ledger_fingerprints (key, fingerprint, recorded_at)
                 VALUES (?1, ?2, ?3) RETURNING id",
            )?
            .query_row(params![key, bytes, recorded_at], |row| row.get(0))?)
    }

    fn insert_index_entries(&mut self, entries: &[(u32, FingerprintId)]) -> Result<(), Error> {
        let mut statement = self.transaction.prepare_cached(
            "INSERT INTO ledger_fingerprint_index (value, fingerprint_id) VALUES (?1, ?2)",
        )?;
        for &(value, id) in entries {
            statement.execute(params![i64::from(value), id])?;
        }
        Ok(())
    }

    fn delete_fingerprint(&mut self, id: FingerprintId) -> Result<(), Error> {
        let stored: Vec<u8> = self
            .transaction
            .prepare_cached("DELETE FROM ledger_fingerprints WHERE id = ?1 RETURNING fingerprint")?
            .query_row([id], |row| row.get(0))?;
        let mut statement = self.transaction.prepare_cached(
            "DELETE FROM ledger_fingerprint_index WHERE value = ?1 AND fingerprint_id = ?2",
        )?;
        let values = crate::recording::store::from_bytes(&stored)?;
        for value in crate::recording::store::distinct_values(&values) {
            statement.execute(params![i64::from(value), id])?;
        }
        Ok(())
    }

    fn shared_values(
        &mut self,
        values: &[u32],
        limit: usize,
    ) -> Result<Vec<(FingerprintId, u32)>, Error> {
        // One primary-key range read per value: the index's rows for a value sit together.
        let mut statement = self.transaction.prepare_cached(
            "SELECT fingerprint_id FROM ledger_fingerprint_index WHERE value = ?1",
        )?;
        let mut shared: HashMap<FingerprintId, u32> = HashMap::new();
        for &value in values {
            let mut rows = statement.query([i64::from(value)])?;
            while let Some(row) = rows.next()? {
                *shared.entry(row.get(0)?).or_default() += 1;
            }
        }
        Ok(crate::recording::store::most_shared(shared, limit))
    }

    fn fingerprint_by_id(&mut self, id: FingerprintId) -> Result<Option<(String, Vec<u8>)>, Error> {
        Ok(self
            .transaction
            .prepare_cached("SELECT key, fingerprint FROM ledger_fingerprints WHERE id = ?1")?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }
}
