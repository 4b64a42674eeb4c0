//! The fingerprint primitives on one PostgreSQL transaction: values go in and are looked up as
//! arrays, one round trip each.

use super::txn::PgTxn;
use crate::Error;
use crate::recording::store::{FingerprintId, FingerprintTxn, distinct_values, from_bytes};

/// The advisory lock that serialises fingerprint writers (`FPRINT` in ASCII); one-part locks
/// live apart from the two-part ones of request keys.
const FINGERPRINT_LOCK: i64 = 0x4650_5249_4e54;

/// A sub-fingerprint value as the `integer` with the same 32 bits.
fn to_db(values: &[u32]) -> Vec<i32> {
    values
        .iter()
        .map(|value| i32::from_ne_bytes(value.to_ne_bytes()))
        .collect()
}

impl FingerprintTxn for PgTxn<'_> {
    fn lock_fingerprints(&mut self) -> Result<(), Error> {
        self.transaction
            .execute("SELECT pg_advisory_xact_lock($1)", &[&FINGERPRINT_LOCK])?;
        Ok(())
    }

    fn fingerprint_of(&mut self, key: &str) -> Result<Option<(FingerprintId, Vec<u8>)>, Error> {
        Ok(self
            .transaction
            .query_opt(
                "SELECT id, fingerprint FROM ledger_fingerprints WHERE key = $1",
                &[&key],
            )?
            .map(|row| (row.get(0), row.get(1))))
    }

    fn insert_fingerprint_row(
        &mut self,
        key: &str,
        bytes: &[u8],
        recorded_at: i64,
    ) -> Result<FingerprintId, Error> {
        Ok(self
            .transaction
            .query_one(
                "INSERT INTO ledger_fingerprints (key, fingerprint, recorded_at)
                 VALUES ($1, $2, $3) RETURNING id",
                &[&key, &bytes, &recorded_at],
            )?
            .get(0))
    }

    fn insert_index_entries(&mut self, entries: &[(u32, FingerprintId)]) -> Result<(), Error> {
        // One round trip per 100 000 entries: two arrays, unnested side by side.
        for chunk in entries.chunks(100_000) {
            let values: Vec<u32> = chunk.iter().map(|&(value, _)| value).collect();
            let ids: Vec<i64> = chunk.iter().map(|&(_, id)| id).collect();
            self.transaction.execute(
                "INSERT INTO ledger_fingerprint_index (value, fingerprint_id)
                 SELECT * FROM unnest($1::int4[], $2::int8[])",
                &[&to_db(&values), &ids],
            )?;
        }
        Ok(())
    }

    fn delete_fingerprint(&mut self, id: FingerprintId) -> Result<(), Error> {
        let stored: Vec<u8> = self
            .transaction
            .query_one(
                "DELETE FROM ledger_fingerprints WHERE id = $1 RETURNING fingerprint",
                &[&id],
            )?
            .get(0);
        let values = distinct_values(&from_bytes(&stored)?);
        self.transaction.execute(
            "DELETE FROM ledger_fingerprint_index
             WHERE value = ANY($1::int4[]) AND fingerprint_id = $2",
            &[&to_db(&values), &id],
        )?;
        Ok(())
    }

    fn shared_values(
        &mut self,
        values: &[u32],
        limit: usize,
    ) -> Result<Vec<(FingerprintId, u32)>, Error> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.transaction.query(
            "SELECT fingerprint_id, count(*) AS shared FROM ledger_fingerprint_index
             WHERE value = ANY($1::int4[])
             GROUP BY fingerprint_id ORDER BY shared DESC, fingerprint_id LIMIT $2",
            &[&to_db(values), &limit],
        )?;
        Ok(rows
            .iter()
            .map(|row| {
                let shared: i64 = row.get(1);
                (row.get(0), u32::try_from(shared).unwrap_or(u32::MAX))
            })
            .collect())
    }

    fn fingerprint_by_id(&mut self, id: FingerprintId) -> Result<Option<(String, Vec<u8>)>, Error> {
        Ok(self
            .transaction
            .query_opt(
                "SELECT key, fingerprint FROM ledger_fingerprints WHERE id = $1",
                &[&id],
            )?
            .map(|row| (row.get(0), row.get(1))))
    }
}
