//! The ledger's rules, written once over [`Txn`] for both databases.

use std::collections::HashMap;

use crate::backend::{NewCodes, PerRow, PoolRow, RequestRow, Txn};
use crate::request::{IssueRequest, Issued, codes_text};
use crate::time::to_unix_seconds;
use crate::{AnyPool, Error, ImportSummary, ImportedCode, Pool, PoolStatus};

/// What [`issue`] did: the pool's row id (when the ledger has the pool) and the codes.
pub(crate) struct Outcome<C> {
    pub(crate) pool_id: Option<i64>,
    pub(crate) issued: Issued<C>,
}

/// Serves `request` inside `txn`: the parts whose key the ledger holds get the codes stored
/// for it (after checking that the key was used for the same pool and count); the rest are
/// reserved together by moving the pool's high-water mark, recorded with their keys, and made
/// once each. `known_id` is the pool's row id if the caller knows it. The caller commits, and
/// only then shows the codes.
pub(crate) fn issue<P: Pool>(
    txn: &mut dyn Txn,
    request: &IssueRequest<'_, P>,
    known_id: Option<i64>,
) -> Result<Outcome<P::Code>, Error> {
    let pool: AnyPool = request.pool.clone().into();
    let parts = request.parts();
    let keys: Vec<&str> = parts.iter().filter_map(|part| part.key).collect();
    let mut stored: HashMap<String, RequestRow> = HashMap::new();
    if !keys.is_empty() {
        // Keys first: a second request with one of them waits here, then finds this one's.
        txn.lock_keys(&keys)?;
        stored = txn
            .requests(&keys)?
            .into_iter()
            .map(|row| (row.key.clone(), row))
            .collect();
    }
    let mut pool_id = known_id;
    if !stored.is_empty() && pool_id.is_none() {
        pool_id = txn.find_pool(&pool)?.map(|row| row.id);
    }
    // Earlier requests: the same pool and count, or the key names another request.
    for part in &parts {
        let Some(row) = part.key.and_then(|key| stored.get(key)) else {
            continue;
        };
        if Some(row.pool_id) != pool_id || row.count != part.count {
            return Err(key_reused(txn, row, &pool, part.count));
        }
    }
    let fresh_count: u64 = parts
        .iter()
        .filter(|part| part.key.is_none_or(|key| !stored.contains_key(key)))
        .map(|part| part.count)
        .sum();
    let mut fresh = Vec::new();
    let mut first_fresh = 0;
    if fresh_count > 0 {
        let id = match pool_id {
            Some(id) => id,
            None => find_or_create(txn, &pool, request.issued_at)?.id,
        };
        pool_id = Some(id);
        first_fresh = reserve(txn, id, &pool, fresh_count)?;
        fresh = (first_fresh..first_fresh + fresh_count)
            .map(|serial| code_at(request.pool, &pool, serial))
            .collect::<Result<Vec<_>, _>>()?;
    }

    // The codes in the request's order; the new ones' references and request rows.
    let mut codes = Vec::new();
    let mut references = Vec::new();
    let mut new_requests = Vec::new();
    let mut already_issued = 0;
    let (mut row, mut next_fresh) = (0_usize, first_fresh);
    for part in &parts {
        let rows = row..row + usize::try_from(part.count).unwrap_or(usize::MAX);
        row = rows.end;
        if let Some(stored) = part.key.and_then(|key| stored.get(key)) {
            for serial in stored.first..stored.first + stored.count {
                codes.push(code_at(request.pool, &pool, serial)?);
            }
            already_issued += rows.len();
            continue;
        }
        if let (Some(key), Some(pool_id)) = (part.key, pool_id) {
            new_requests.push(RequestRow {
                key: key.to_owned(),
                pool_id,
                first: next_fresh,
                count: part.count,
            });
        }
        if !stored.is_empty() {
            let offset = usize::try_from(next_fresh - first_fresh).unwrap_or(usize::MAX);
            codes.extend_from_slice(&fresh[offset..offset + rows.len()]);
            if let PerRow::Each(_) = request.references {
                references.extend(rows.map(|row| request.references.get(row)));
            }
        }
        next_fresh += part.count;
    }
    if !fresh.is_empty() {
        let rows = NewCodes {
            codes: fresh.iter().map(|&code| code.into()).collect(),
            issued_at: PerRow::Same(request.issued_at),
            // Without earlier parts, every row is new: the references as given.
            references: match &request.references {
                PerRow::Each(_) if !stored.is_empty() => PerRow::Each(references),
                given => given.clone(),
            },
            pool_id,
        };
        txn.insert_codes(&rows)?;
    }
    if !new_requests.is_empty() {
        txn.insert_requests(&new_requests, request.issued_at)?;
    }
    if stored.is_empty() {
        codes = fresh;
    }
    Ok(Outcome {
        pool_id,
        issued: Issued {
            codes,
            already_issued,
        },
    })
}

/// Moves the pool's high-water mark on by `count`: the first serial reserved, or
/// [`Error::Exhausted`].
fn reserve(txn: &mut dyn Txn, pool_id: i64, pool: &AnyPool, count: u64) -> Result<u64, Error> {
    // A count beyond the pool's size never reaches the database (nor its integer range).
    let reserved = if count <= pool.capacity() {
        txn.reserve(pool_id, count)?
    } else {
        None
    };
    match reserved {
        Some(first) => Ok(first),
        None => {
            let next = txn.find_pool(pool)?.map_or(pool.last() + 1, |row| row.next);
            Err(Error::Exhausted {
                pool: pool.to_string(),
                requested: count,
                remaining: (pool.last() + 1).saturating_sub(next),
            })
        }
    }
}

fn code_at<P: Pool>(typed: &P, pool: &AnyPool, serial: u64) -> Result<P::Code, Error> {
    typed
        .code_at_serial(serial)
        .ok_or_else(|| crate::error::inconsistent(format!("pool {pool} has no serial {serial}")))
}

/// [`Error::KeyReused`]: the key's stored request names another pool or count.
fn key_reused(txn: &mut dyn Txn, stored: &RequestRow, pool: &AnyPool, count: u64) -> Error {
    let earlier_pool = match txn.all_pools() {
        Ok(pools) => pools
            .into_iter()
            .find(|row| row.id == stored.pool_id)
            .map_or_else(
                || format!("pool #{}", stored.pool_id),
                |row| row.pool.to_string(),
            ),
        Err(error) => return error,
    };
    Error::KeyReused {
        key: stored.key.clone(),
        earlier: format!("{} from pool {earlier_pool}", codes_text(stored.count)),
        requested: format!("{} from pool {pool}", codes_text(count)),
    }
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
pub(crate) fn import(txn: &mut dyn Txn, imports: &[ImportedCode]) -> Result<ImportSummary, Error> {
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
fn compare(earlier: &ImportedCode, later: &ImportedCode) -> Result<(), Error> {
    if earlier.reference() == later.reference() {
        return Ok(());
    }
    Err(Error::Conflict {
        code: later.code(),
        existing_reference: earlier.reference().map(str::to_owned),
        new_reference: later.reference().map(str::to_owned),
    })
}
