//! The fingerprint primitives each backend implements, inside one transaction, and the
//! stored form of a fingerprint.

use crate::Error;

/// A stored fingerprint's row id.
pub(crate) type FingerprintId = i64;

/// The fingerprint primitives; a supertrait of [`Txn`](crate::backend::Txn).
pub(crate) trait FingerprintTxn {
    /// Makes every other fingerprint writer wait until this transaction ends, so that the
    /// search for a matching recording and the issuing of a new code are one step. SQLite's
    /// write transaction already does.
    fn lock_fingerprints(&mut self) -> Result<(), Error>;

    /// The row id and stored bytes of the fingerprint of the code `key`.
    fn fingerprint_of(&mut self, key: &str) -> Result<Option<(FingerprintId, Vec<u8>)>, Error>;

    /// Stores a fingerprint for the code `key` (which has none), not yet indexed.
    fn insert_fingerprint_row(
        &mut self,
        key: &str,
        bytes: &[u8],
        recorded_at: i64,
    ) -> Result<FingerprintId, Error>;

    /// Adds index entries: each a sub-fingerprint value and the fingerprint holding it. Sorted
    /// by value, they go in as appends to the index's order, which is what makes a bulk load
    /// fast.
    fn insert_index_entries(&mut self, entries: &[(u32, FingerprintId)]) -> Result<(), Error>;

    /// Stores a fingerprint for the code `key` (which has none) and indexes its distinct
    /// `values`.
    fn insert_fingerprint(
        &mut self,
        key: &str,
        bytes: &[u8],
        values: &[u32],
        recorded_at: i64,
    ) -> Result<(), Error> {
        let id = self.insert_fingerprint_row(key, bytes, recorded_at)?;
        let entries: Vec<(u32, FingerprintId)> = values.iter().map(|&value| (value, id)).collect();
        self.insert_index_entries(&entries)
    }

    /// Removes the fingerprint `id` and its index entries.
    fn delete_fingerprint(&mut self, id: FingerprintId) -> Result<(), Error>;

    /// The stored fingerprints sharing at least one of `values` (distinct), with how many they
    /// share, most first (ties by row id), at most `limit`.
    fn shared_values(
        &mut self,
        values: &[u32],
        limit: usize,
    ) -> Result<Vec<(FingerprintId, u32)>, Error>;

    /// The code key and stored bytes of the fingerprint `id`.
    fn fingerprint_by_id(&mut self, id: FingerprintId) -> Result<Option<(String, Vec<u8>)>, Error>;
}

/// A fingerprint as stored: each sub-fingerprint as 4 bytes, little-endian.
pub(crate) fn to_bytes(fingerprint: &[u32]) -> Vec<u8> {
    fingerprint
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect()
}

/// The inverse of [`to_bytes`]; a length that is not a multiple of 4 was not written here.
pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Vec<u32>, Error> {
    if !bytes.len().is_multiple_of(4) {
        return Err(crate::error::inconsistent(format!(
            "a stored fingerprint of {} bytes, not a multiple of 4",
            bytes.len()
        )));
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|chunk| u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
        .collect())
}

/// The distinct values of a fingerprint, sorted: what the index holds for it and what a
/// query looks up.
pub(crate) fn distinct_values(fingerprint: &[u32]) -> Vec<u32> {
    let mut values = fingerprint.to_vec();
    values.sort_unstable();
    values.dedup();
    values
}

/// The `limit` fingerprints sharing the most values, most first, ties by row id.
pub(crate) fn most_shared(
    shared: std::collections::HashMap<FingerprintId, u32>,
    limit: usize,
) -> Vec<(FingerprintId, u32)> {
    let mut ranked: Vec<(FingerprintId, u32)> = shared.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(limit);
    ranked
}
