//! A request for codes as the issuing logic takes it, and what a retry-safe request returns.

use crate::backend::PerRow;
use crate::{Error, Pool};

/// What a retry-safe issue returns ([`Ledger::issue_once`](crate::Ledger::issue_once),
/// [`Ledger::issue_once_for`](crate::Ledger::issue_once_for)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Issued<C> {
    /// The request's codes, in order: issued now, or (for a key the ledger already held) the
    /// ones an earlier request with that key was issued.
    pub codes: Vec<C>,
    /// How many of `codes` an earlier request with the same key was issued (a retry): 0 when
    /// all are new, `codes.len()` when the request had been served whole before.
    pub already_issued: usize,
}

/// One request for codes from one pool, in one transaction.
pub(crate) struct IssueRequest<'a, P> {
    pub(crate) pool: &'a P,
    /// How many codes, over all parts.
    pub(crate) count: u64,
    /// Unix seconds.
    pub(crate) issued_at: i64,
    /// The reference of each code (row), or one for all.
    pub(crate) references: PerRow<Option<&'a str>>,
    pub(crate) keys: Keys<'a>,
}

/// Which keys a request carries.
pub(crate) enum Keys<'a> {
    /// None: every call issues new codes.
    None,
    /// One key for all of the request's codes.
    Whole(&'a str),
    /// A key for each code (one part per code).
    Each(Vec<&'a str>),
}

/// A run of a request's codes under one key (or none): parts follow each other, and the
/// codes of one part are contiguous serials.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part<'a> {
    pub(crate) key: Option<&'a str>,
    pub(crate) count: u64,
}

impl<P: Pool> IssueRequest<'_, P> {
    /// The request's parts, in order.
    pub(crate) fn parts(&self) -> Vec<Part<'_>> {
        match &self.keys {
            Keys::None => vec![Part {
                key: None,
                count: self.count,
            }],
            Keys::Whole(key) => vec![Part {
                key: Some(key),
                count: self.count,
            }],
            Keys::Each(keys) => keys
                .iter()
                .map(|&key| Part {
                    key: Some(key),
                    count: 1,
                })
                .collect(),
        }
    }
}

/// Refuses a key that cannot name a request: empty, with a NUL character (PostgreSQL cannot
/// store it), or given twice in one request (two parts cannot be one request).
pub(crate) fn check_keys(keys: &[&str]) -> Result<(), Error> {
    let invalid = |key: &str, reason: String| Error::InvalidKey {
        key: key.to_owned(),
        reason,
    };
    let mut seen = std::collections::HashSet::with_capacity(keys.len());
    for &key in keys {
        if key.is_empty() {
            return Err(invalid(key, "a key must not be empty".to_owned()));
        }
        if let Some(position) = key.find('\0') {
            return Err(invalid(key, format!("NUL character at byte {position}")));
        }
        if !seen.insert(key) {
            return Err(invalid(key, "given twice in one request".to_owned()));
        }
    }
    Ok(())
}

/// "1 code" or "N codes".
pub(crate) fn codes_text(count: u64) -> String {
    if count == 1 {
        "1 code".to_owned()
    } else {
        format!("{count} codes")
    }
}
