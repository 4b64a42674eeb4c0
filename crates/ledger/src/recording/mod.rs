//! Recordings by their sound: each issued ISRC may carry the acoustic fingerprint of its
//! recording (Chromaprint sub-fingerprints, `u32` each), and an inverted index of the
//! fingerprints' values finds the recordings a new fingerprint may match without reading every
//! stored fingerprint, as AcoustID's index does. The ledger only stores and finds; whether two
//! fingerprints are one recording is the caller's judgement (a closure), so the ledger does not
//! depend on any fingerprinting code.

pub(crate) mod store;

use std::collections::{HashMap, HashSet};
use std::time::SystemTime;

use isrc::Isrc;

use crate::backend::{Mode, PerRow, Txn};
use crate::record::normalize_reference;
use crate::request::{IssueRequest, Keys, check_keys};
use crate::time::to_unix_seconds;
use crate::{AnyPool, Code, Error, IsrcPool, Ledger, Record, ops};
use store::{distinct_values, from_bytes, to_bytes};

/// How many candidates (those sharing the most values) a search judges, at most.
pub const CANDIDATES_JUDGED: usize = 10;

/// A stored fingerprint that shares values with a query.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Candidate {
    /// The ISRC whose recording it is.
    pub isrc: Isrc,
    /// What the ledger records about that ISRC.
    pub record: Record,
    /// The stored fingerprint.
    pub fingerprint: Vec<u32>,
    /// How many distinct values it shares with the query.
    pub shared_values: u32,
}

/// What [`Ledger::store_fingerprint`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stored {
    /// The code had no fingerprint; it has this one now.
    Added,
    /// The code already had this very fingerprint.
    Unchanged,
    /// The code had another fingerprint, replaced as asked.
    Replaced,
    /// The code has another fingerprint, kept (replacing was not asked for).
    KeptOther,
}

/// One track to give an ISRC ([`Ledger::assign_recordings`]).
#[derive(Debug, Clone, Copy)]
pub struct RecordingRequest<'a> {
    /// The retry-safe key of the request (as for [`Ledger::issue_once_for`]).
    pub key: &'a str,
    /// What a new code is recorded for (a release and track).
    pub reference: &'a str,
    /// The recording's fingerprint, when its audio is at hand.
    pub fingerprint: Option<&'a [u32]>,
}

/// The ISRC a [`RecordingRequest`] ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Assignment<M> {
    /// A code from the pool: new, or (`already_issued`) the one an earlier request with the
    /// same key was issued.
    Issued {
        /// The code.
        isrc: Isrc,
        /// Whether an earlier request with this key was issued it.
        already_issued: bool,
    },
    /// The code of a recording the ledger already holds (or one issued earlier in the same
    /// request), which the judgement found to be the same recording.
    Reused {
        /// The code.
        isrc: Isrc,
        /// What the ledger records about it (its reference names where it was issued).
        record: Record,
        /// What the judge said about the match.
        judgement: M,
    },
}

impl<M> Assignment<M> {
    /// The code, whichever way it came.
    pub const fn isrc(&self) -> Isrc {
        match self {
            Self::Issued { isrc, .. } | Self::Reused { isrc, .. } => *isrc,
        }
    }
}

impl Ledger {
    /// Stores `fingerprint` as the fingerprint of the recording `isrc` names, and indexes it.
    /// A code with another fingerprint keeps it unless `replace` is set.
    ///
    /// # Errors
    /// [`Error::UnknownCode`] when the ledger does not record `isrc`,
    /// [`Error::InvalidFingerprint`] for an empty fingerprint, [`Error::TimeOutOfRange`],
    /// [`Error::Backend`]. Nothing is stored in any of these cases.
    pub fn store_fingerprint(
        &mut self,
        isrc: Isrc,
        fingerprint: &[u32],
        recorded_at: SystemTime,
        replace: bool,
    ) -> Result<Stored, Error> {
        check_fingerprint(fingerprint)?;
        let recorded_at = to_unix_seconds(recorded_at)?;
        let key = Code::Isrc(isrc).key();
        let mut txn = self.backend.begin(Mode::Write)?;
        txn.lock_fingerprints()?;
        if txn.records(std::slice::from_ref(&key))?.is_empty() {
            return Err(Error::UnknownCode {
                code: Code::Isrc(isrc),
            });
        }
        let bytes = to_bytes(fingerprint);
        let outcome = match txn.fingerprint_of(&key)? {
            Some((_, stored)) if stored == bytes => Stored::Unchanged,
            Some(_) if !replace => Stored::KeptOther,
            Some((id, _)) => {
                txn.delete_fingerprint(id)?;
                txn.insert_fingerprint(&key, &bytes, &distinct_values(fingerprint), recorded_at)?;
                Stored::Replaced
            }
            None => {
                txn.insert_fingerprint(&key, &bytes, &distinct_values(fingerprint), recorded_at)?;
                Stored::Added
            }
        };
        txn.commit()?;
        Ok(outcome)
    }

    /// [`Ledger::store_fingerprint`] for many codes in one transaction (a catalog's
    /// back-fill): what was done for each, in order. The index entries of all the new
    /// fingerprints go in sorted by value, which keeps a load of millions of fingerprints fast.
    ///
    /// # Errors
    /// As [`Ledger::store_fingerprint`], for the first item that fails; nothing is stored then.
    pub fn store_fingerprints(
        &mut self,
        items: &[(Isrc, &[u32])],
        recorded_at: SystemTime,
        replace: bool,
    ) -> Result<Vec<Stored>, Error> {
        for (_, fingerprint) in items {
            check_fingerprint(fingerprint)?;
        }
        let recorded_at = to_unix_seconds(recorded_at)?;
        let mut txn = self.backend.begin(Mode::Write)?;
        txn.lock_fingerprints()?;
        let keys: Vec<String> = items
            .iter()
            .map(|(isrc, _)| Code::Isrc(*isrc).key())
            .collect();
        let mut recorded: HashSet<String> = HashSet::with_capacity(keys.len());
        for chunk in keys.chunks(10_000) {
            recorded.extend(txn.records(chunk)?.into_iter().map(|(key, _)| key));
        }
        let mut outcomes = Vec::with_capacity(items.len());
        let mut entries = Vec::new();
        for ((isrc, fingerprint), key) in items.iter().zip(&keys) {
            if !recorded.contains(key) {
                return Err(Error::UnknownCode {
                    code: Code::Isrc(*isrc),
                });
            }
            let bytes = to_bytes(fingerprint);
            let outcome = match txn.fingerprint_of(key)? {
                Some((_, stored)) if stored == bytes => Stored::Unchanged,
                Some(_) if !replace => Stored::KeptOther,
                Some((id, _)) => {
                    txn.delete_fingerprint(id)?;
                    // An earlier item of this call may have stored it, its entries not yet in.
                    entries.retain(|&(_, entry)| entry != id);
                    Stored::Replaced
                }
                None => Stored::Added,
            };
            if matches!(outcome, Stored::Added | Stored::Replaced) {
                let id = txn.insert_fingerprint_row(key, &bytes, recorded_at)?;
                entries.extend(distinct_values(fingerprint).into_iter().map(|v| (v, id)));
            }
            outcomes.push(outcome);
        }
        entries.sort_unstable();
        txn.insert_index_entries(&entries)?;
        txn.commit()?;
        Ok(outcomes)
    }

    /// The fingerprint stored for `isrc`, if any.
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn fingerprint(&mut self, isrc: Isrc) -> Result<Option<Vec<u32>>, Error> {
        let mut txn = self.backend.begin(Mode::Read)?;
        let found = txn.fingerprint_of(&Code::Isrc(isrc).key())?;
        txn.commit()?;
        found.map(|(_, bytes)| from_bytes(&bytes)).transpose()
    }

    /// The stored fingerprints that share the most distinct values with `query`, most first,
    /// at most `limit`: the candidates to compare `query` with. Found through the index, never
    /// by reading every fingerprint.
    ///
    /// # Errors
    /// [`Error::Backend`].
    pub fn fingerprint_candidates(
        &mut self,
        query: &[u32],
        limit: usize,
    ) -> Result<Vec<Candidate>, Error> {
        let mut txn = self.backend.begin(Mode::Read)?;
        let found = candidates(&mut *txn, query, limit)?;
        txn.commit()?;
        Ok(found)
    }

    /// Gives each request an ISRC, in one transaction: a request whose key the ledger holds gets
    /// its code back (as [`Ledger::issue_once_for`]); a request with a fingerprint that `judge`
    /// finds to be a recording the ledger holds (among the [`CANDIDATES_JUDGED`] sharing the
    /// most values) gets that recording's code, issuing none; the rest get new codes from
    /// `pool`, each stored with its fingerprint. Two requests of one call whose fingerprints
    /// `judge` matches share the first one's code.
    ///
    /// `judge(query, stored)` says whether two fingerprints are one recording (and what it
    /// found, kept in [`Assignment::Reused`]). Concurrent calls wait for each other, so two
    /// processes assigning the same new recording end with one code.
    ///
    /// # Errors
    /// [`Error::InvalidFingerprint`] for an empty fingerprint; otherwise as
    /// [`Ledger::issue_once_for`]. Nothing is issued or stored in any of these cases.
    pub fn assign_recordings<M>(
        &mut self,
        pool: &IsrcPool,
        requests: &[RecordingRequest<'_>],
        issued_at: SystemTime,
        mut judge: impl FnMut(&[u32], &[u32]) -> Option<M>,
    ) -> Result<Vec<Assignment<M>>, Error> {
        let keys: Vec<&str> = requests.iter().map(|request| request.key).collect();
        check_keys(&keys)?;
        for request in requests {
            normalize_reference(Some(request.reference))?;
            if let Some(fingerprint) = request.fingerprint {
                check_fingerprint(fingerprint)?;
            }
        }
        let issued_at_seconds = to_unix_seconds(issued_at)?;
        let any: AnyPool = pool.clone().into();
        let known_id = self
            .pool_ids
            .iter()
            .find(|(known, _)| *known == any)
            .map(|&(_, id)| id);

        let mut txn = self.backend.begin(Mode::Write)?;
        txn.lock_fingerprints()?;
        txn.lock_keys(&keys)?;
        let held: HashSet<String> = txn
            .requests(&keys)?
            .into_iter()
            .map(|row| row.key)
            .collect();

        // Decide each request: reuse a stored recording, share an earlier request's code, or
        // take a code from the pool (new, or the one its key already holds).
        let mut decisions: Vec<Decision<M>> = Vec::with_capacity(requests.len());
        for (index, request) in requests.iter().enumerate() {
            let decision = match request.fingerprint {
                Some(query) if !held.contains(request.key) => {
                    match best_stored(&mut *txn, query, &mut judge)? {
                        Some((isrc, record, judgement)) => Decision::Stored {
                            isrc,
                            record,
                            judgement,
                        },
                        None => earlier_in_call(requests, &decisions, index, query, &mut judge)
                            .map_or(Decision::Pool, |(earlier, judgement)| Decision::Earlier {
                                earlier,
                                judgement,
                            }),
                    }
                }
                _ => Decision::Pool,
            };
            decisions.push(decision);
        }

        let from_pool: Vec<usize> = (0..requests.len())
            .filter(|&index| matches!(decisions[index], Decision::Pool))
            .collect();
        let mut codes: HashMap<usize, Isrc> = HashMap::new();
        if !from_pool.is_empty() {
            let request = IssueRequest {
                pool,
                count: from_pool.len() as u64,
                issued_at: issued_at_seconds,
                references: PerRow::Each(
                    from_pool
                        .iter()
                        .map(|&index| Some(requests[index].reference))
                        .collect(),
                ),
                keys: Keys::Each(from_pool.iter().map(|&index| requests[index].key).collect()),
            };
            let outcome = ops::issue(&mut *txn, &request, known_id)?;
            for (&index, &isrc) in from_pool.iter().zip(&outcome.issued.codes) {
                codes.insert(index, isrc);
                if let Some(fingerprint) = requests[index].fingerprint {
                    let key = Code::Isrc(isrc).key();
                    if txn.fingerprint_of(&key)?.is_none() {
                        txn.insert_fingerprint(
                            &key,
                            &to_bytes(fingerprint),
                            &distinct_values(fingerprint),
                            issued_at_seconds,
                        )?;
                    }
                }
            }
            if let (None, Some(id)) = (known_id, outcome.pool_id) {
                self.pool_ids.push((any, id));
            }
        }

        let mut assignments = Vec::with_capacity(requests.len());
        for (index, decision) in decisions.into_iter().enumerate() {
            assignments.push(match decision {
                Decision::Pool => Assignment::Issued {
                    isrc: codes[&index],
                    already_issued: held.contains(requests[index].key),
                },
                Decision::Stored {
                    isrc,
                    record,
                    judgement,
                } => Assignment::Reused {
                    isrc,
                    record,
                    judgement,
                },
                Decision::Earlier { earlier, judgement } => {
                    let isrc = codes[&earlier];
                    let key = Code::Isrc(isrc).key();
                    let record = txn
                        .records(std::slice::from_ref(&key))?
                        .pop()
                        .map(|(_, record)| record)
                        .ok_or_else(|| {
                            crate::error::inconsistent(format!("{isrc} issued but not recorded"))
                        })?;
                    Assignment::Reused {
                        isrc,
                        record,
                        judgement,
                    }
                }
            });
        }
        txn.commit()?;
        Ok(assignments)
    }
}

/// How one request of [`Ledger::assign_recordings`] gets its code.
enum Decision<M> {
    /// From the pool (or its key's earlier request).
    Pool,
    /// A recording the ledger held before the call.
    Stored {
        isrc: Isrc,
        record: Record,
        judgement: M,
    },
    /// The code of an earlier request of the same call.
    Earlier { earlier: usize, judgement: M },
}

/// The first candidate (most shared values first) that `judge` finds to be the recording.
fn best_stored<M>(
    txn: &mut dyn Txn,
    query: &[u32],
    judge: &mut impl FnMut(&[u32], &[u32]) -> Option<M>,
) -> Result<Option<(Isrc, Record, M)>, Error> {
    for candidate in candidates(txn, query, CANDIDATES_JUDGED)? {
        if let Some(judgement) = judge(query, &candidate.fingerprint) {
            return Ok(Some((candidate.isrc, candidate.record, judgement)));
        }
    }
    Ok(None)
}

/// An earlier request of the call, taking a code from the pool, that `judge` finds to be the
/// same recording.
fn earlier_in_call<M>(
    requests: &[RecordingRequest<'_>],
    decisions: &[Decision<M>],
    index: usize,
    query: &[u32],
    judge: &mut impl FnMut(&[u32], &[u32]) -> Option<M>,
) -> Option<(usize, M)> {
    (0..index).find_map(|earlier| {
        let fingerprint = requests[earlier].fingerprint?;
        if !matches!(decisions[earlier], Decision::Pool) {
            return None;
        }
        judge(query, fingerprint).map(|judgement| (earlier, judgement))
    })
}

fn candidates(txn: &mut dyn Txn, query: &[u32], limit: usize) -> Result<Vec<Candidate>, Error> {
    let values = distinct_values(query);
    if values.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for (id, shared_values) in txn.shared_values(&values, limit)? {
        let Some((key, bytes)) = txn.fingerprint_by_id(id)? else {
            continue;
        };
        let Some((_, record)) = txn.records(std::slice::from_ref(&key))?.pop() else {
            return Err(crate::error::inconsistent(format!(
                "a fingerprint for {key}, which the ledger does not record"
            )));
        };
        let Code::Isrc(isrc) = record.code else {
            return Err(crate::error::inconsistent(format!(
                "a fingerprint for {key}, which is not an isrc"
            )));
        };
        found.push(Candidate {
            isrc,
            record,
            fingerprint: from_bytes(&bytes)?,
            shared_values,
        });
    }
    Ok(found)
}

fn check_fingerprint(fingerprint: &[u32]) -> Result<(), Error> {
    if fingerprint.is_empty() {
        return Err(Error::InvalidFingerprint {
            reason: "it holds no sub-fingerprint (audio shorter than the fingerprint's window)",
        });
    }
    Ok(())
}
