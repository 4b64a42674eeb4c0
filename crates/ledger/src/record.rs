//! What the ledger holds about each code and pool, and what an import brings in.

use std::time::SystemTime;

use crate::{AnyPool, Code, Error};

/// One code the ledger records: who got it (the reference) and when.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Record {
    /// The code, in the form it was issued or imported in.
    pub code: Code,
    /// When it was issued, to the second, as the caller said.
    pub issued_at: SystemTime,
    /// What it was issued for (for example a release and track), if the caller said.
    pub reference: Option<String>,
    /// Whether this ledger issued it or an import recorded it.
    pub origin: Origin,
}

/// Where a recorded code came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// Issued from one of the ledger's pools.
    Issued,
    /// Recorded by [`Ledger::import`](crate::Ledger::import): issued elsewhere.
    Imported,
}

impl Origin {
    /// `"issued"` or `"imported"`: the name used in the database and in exports.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Issued => "issued",
            Self::Imported => "imported",
        }
    }
}

/// A code issued elsewhere, to record with [`Ledger::import`](crate::Ledger::import).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCode {
    code: Code,
    issued_at: SystemTime,
    reference: Option<String>,
}

impl ImportedCode {
    /// A code issued at `issued_at` (to the second), for `reference` if given (an empty
    /// reference is no reference).
    ///
    /// # Errors
    /// [`Error::InvalidReference`] when `reference` holds a NUL character.
    pub fn new(
        code: impl Into<Code>,
        issued_at: SystemTime,
        reference: Option<&str>,
    ) -> Result<Self, Error> {
        Ok(Self {
            code: code.into(),
            issued_at,
            reference: normalize_reference(reference)?.map(str::to_owned),
        })
    }

    /// The code.
    #[must_use]
    pub const fn code(&self) -> Code {
        self.code
    }

    /// When it was issued.
    #[must_use]
    pub const fn issued_at(&self) -> SystemTime {
        self.issued_at
    }

    /// What it was issued for.
    #[must_use]
    pub fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ImportSummary {
    /// Codes newly recorded.
    pub recorded: u64,
    /// Codes the ledger already held with the same reference (left as they were).
    pub unchanged: u64,
}

/// A pool's position, as [`Ledger::pools`](crate::Ledger::pools) and
/// [`Ledger::pool_status`](crate::Ledger::pool_status) report it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PoolStatus {
    /// The pool.
    pub pool: AnyPool,
    /// The high-water mark: how many of the pool's codes, from its first, are used up (issued,
    /// or passed over because an import recorded a later one).
    pub used: u64,
    /// How many codes are left.
    pub remaining: u64,
    /// The code issued next, or `None` when the pool is exhausted.
    pub next: Option<Code>,
}

impl PoolStatus {
    pub(crate) fn new(pool: AnyPool, next_serial: u64) -> Self {
        let used = next_serial - pool.first();
        let remaining = pool.capacity() - used;
        let next = pool.code_at(next_serial);
        Self {
            pool,
            used,
            remaining,
            next,
        }
    }
}

/// `None` for no reference or an empty one; refuses a NUL, which PostgreSQL cannot store.
pub(crate) fn normalize_reference(reference: Option<&str>) -> Result<Option<&str>, Error> {
    match reference {
        None | Some("") => Ok(None),
        Some(text) => match text.find('\0') {
            Some(position) => Err(Error::InvalidReference { position }),
            None => Ok(Some(text)),
        },
    }
}
