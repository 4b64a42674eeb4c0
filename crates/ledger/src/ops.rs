//! The ledger's rules, written once over [`Txn`] for both databases.

use std::collections::HashMap;

use crate::backend::{NewCodes, PerRow, PoolRow, Txn};
use crate::time::to_unix_seconds;
use crate::{AnyPool, Error, Import, ImportSummary, Pool, PoolStatus};

/// Issues `count` codes from `typed` (the same pool as `pool`, whose row id the caller may
/// know): reserves them by moving the pool's high-water mark, records each, and returns the
/// pool's row id and the codes, each made once. The caller commits, and only then shows them.
pub(crate) fn issue<P: Pool>(
    txn: &mut dyn Txn,
    typed: &P,
    pool: &AnyPool,
    known_id: Option<i64>,
    count: u64,
    issued_at: i64,
    references: PerRow<Option<&str>>,
) -> Result<(i64, Vec<P::Code>), Error> {
    let pool_id = match known_id {
        Some(id) => id,
        None => find_or_create(txn, pool, issued_at)?.id,
    };
    // A count beyond the pool's size never reaches the database (nor its integer range).
    let reserved = if count <= pool.capacity() {
        txn.reserve(pool_id, count)?
    } else {
        None
    };
    let Some(first) = reserved else {
        let next = txn.find_pool(pool)?.map_or(pool.last() + 1, |row| row.next);
        return Err(Error::Exhausted {
            pool: pool.to_string(),
            requested: count,
            remaining: (pool.last() + 1).saturating_sub(next),
        });
    };
    let issued = (first..first + count)
        .map(|serial| {
            typed.code_at_serial(serial).ok_or_else(|| {
                crate::error::inconsistent(format!("pool {pool} reserved serial {serial}"))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let rows = NewCodes {
        codes: issued.iter().map(|&code| code.into()).collect(),
        issued_at: PerRow::Same(issued_at),
        references,
        pool_id: Some(pool_id),
    };
    txn.insert_codes(&rows)?;
    Ok((pool_id, issued))
}

/// The pool's row, created when missing: refused when it overlaps another pool, and started
/// after the highest code already recorded in its range (imported earlier).
fn find_or_create(txn: &mut dyn Txn, pool: &AnyPool, created_at: i64) -> Result<PoolRow, Error> {
    if let Some(row) = txn.find_pool(pool)? {
        return Ok(row);
    }
    txn.lock_pools()?;
    // Another writer may have created it while this one waited for the lock.
    if let Some(row) = txn.find_pool(pool)? {
        return Ok(row);
    }
    if let Some(existing) = txn
        .all_pools()?
        .into_iter()
        .find(|row| row.pool.overlaps(pool))
    {
        return Err(Error::PoolOverlap {
            requested: pool.to_string(),
            existing: existing.pool.to_string(),
        });
    }
    let next = catch_up(txn, pool, pool.first())?;
    let id = txn.insert_pool(pool, next, created_at)?;
    Ok(PoolRow {
        id,
        pool: pool.clone(),
        next,
    })
}

/// `next`, or the serial after the highest code recorded in the pool's range if that is
/// further on.
fn catch_up(txn: &mut dyn Txn, pool: &AnyPool, next: u64) -> Result<u64, Error> {
    let (low, high) = pool.key_bounds();
    let highest = txn
        .max_key_between(&low, &high)?
        .and_then(|key| pool.serial_of_key(&key));
    Ok(highest.map_or(next, |serial| next.max(serial + 1)))
}

/// The pool's position without creating it: a pool not yet in the ledger starts after the
/// codes imported into its range.
pub(crate) fn pool_status(txn: &mut dyn Txn, pool: &AnyPool) -> Result<PoolStatus, Error> {
    let next = match txn.find_pool(pool)? {
        Some(row) => row.next,
        None => catch_up(txn, pool, pool.first())?,
    };
    Ok(PoolStatus::new(pool.clone(), next))
}

/// Records codes issued elsewhere: all or nothing. A code the ledger (or the import itself)
/// already holds for another reference is a [`Error::Conflict`]; for the same reference it
/// is left alone. Every pool then moves past the highest code recorded in its range.
pub(crate) fn import(txn: &mut dyn Txn, imports: &[Import]) -> Result<ImportSummary, Error> {
    txn.lock_pools()?;
    let mut summary = ImportSummary::default();
    let mut first_of_key: HashMap<String, usize> = HashMap::with_capacity(imports.len());
    let mut keys = Vec::with_capacity(imports.len());
    for (index, import) in imports.iter().enumerate() {
        let key = import.code().key();
        if let Some(&earlier) = first_of_key.get(&key) {
            compare(&imports[earlier], import)?;
            summary.unchanged += 1;
            continue;
        }
        first_of_key.insert(key.clone(), index);
        keys.push(key);
    }
    for (key, existing) in txn.records(&keys)? {
        let import = &imports[first_of_key[&key]];
        if existing.reference.as_deref() != import.reference() {
            return Err(Error::Conflict {
                code: import.code(),
                existing_reference: existing.reference,
                new_reference: import.reference().map(str::to_owned),
            });
        }
        summary.unchanged += 1;
        first_of_key.remove(&key);
    }
    let mut fresh: Vec<usize> = first_of_key.into_values().collect();
    fresh.sort_unstable();
    let rows = NewCodes {
        codes: fresh.iter().map(|&index| imports[index].code()).collect(),
        issued_at: PerRow::Each(
            fresh
                .iter()
                .map(|&index| to_unix_seconds(imports[index].issued_at()))
                .collect::<Result<_, _>>()?,
        ),
        references: PerRow::Each(
            fresh
                .iter()
                .map(|&index| imports[index].reference())
                .collect(),
        ),
        pool_id: None,
    };
    if !rows.codes.is_empty() {
        txn.insert_codes(&rows)?;
    }
    summary.recorded = rows.codes.len() as u64;
    for row in txn.all_pools()? {
        let next = catch_up(txn, &row.pool, row.next)?;
        if next != row.next {
            txn.set_next(row.id, next)?;
        }
    }
    Ok(summary)
}

/// Two imports of one code: the same reference, or a conflict.
fn compare(earlier: &Import, later: &Import) -> Result<(), Error> {
    if earlier.reference() == later.reference() {
        return Ok(());
    }
    Err(Error::Conflict {
        code: later.code(),
        existing_reference: earlier.reference().map(str::to_owned),
        new_reference: later.reference().map(str::to_owned),
    })
}
