//! Pools: the sets of codes a ledger issues from, in order.

use core::fmt;
use core::ops::RangeInclusive;

use isrc::{Isrc, Prefix};
use upc::{CompanyPrefix, Upc};

use crate::{Code, CodeKind, Error};

/// ISRCs under one registrant prefix and year of reference, within a designation range
/// (by default all of `00001..=99999`).
///
/// Displays as `QZAQQ 26 00001..=99999`.
///
/// ```
/// use ledger::IsrcPool;
///
/// let pool = IsrcPool::parse("QZAQQ", "2026")?.with_range(1..=13)?;
/// assert_eq!(pool.to_string(), "QZAQQ 26 00001..=00013");
/// assert_eq!(pool.capacity(), 13);
/// # Ok::<(), ledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IsrcPool {
    prefix: Prefix,
    year_of_reference: u8,
    first: u32,
    last: u32,
}

impl IsrcPool {
    /// The pool of `prefix` for `year_of_reference` (the last two digits of the year of
    /// assignment), designations `00001..=99999`.
    ///
    /// # Errors
    /// [`Error::Isrc`] when `year_of_reference` is above 99.
    pub fn new(prefix: Prefix, year_of_reference: u8) -> Result<Self, Error> {
        let range = isrc::Allocator::new(prefix, year_of_reference)?.range();
        Ok(Self {
            prefix,
            year_of_reference,
            first: *range.start(),
            last: *range.end(),
        })
    }

    /// The pool of a prefix and a year given as text, as a command line gives them: the year
    /// as 2 digits (`26`) or 4 digits (`2026`, of which the last two count, ISO 3901 §4.7).
    ///
    /// # Errors
    /// [`Error::Isrc`] for a prefix that is not 5 ISRC characters, [`Error::InvalidYear`] for
    /// a year that is not 2 or 4 digits.
    pub fn parse(prefix: &str, year: &str) -> Result<Self, Error> {
        let prefix: Prefix = prefix.parse()?;
        let digits = year.trim();
        let two_digits = match digits.len() {
            2 | 4 if digits.bytes().all(|byte| byte.is_ascii_digit()) => {
                &digits[digits.len() - 2..]
            }
            _ => {
                return Err(Error::InvalidYear {
                    input: year.to_owned(),
                });
            }
        };
        let year_of_reference = two_digits.parse::<u8>().map_err(|_| Error::InvalidYear {
            input: year.to_owned(),
        })?;
        Self::new(prefix, year_of_reference)
    }

    /// The same pool over a narrower designation range, e.g. one of several machines' shares.
    ///
    /// # Errors
    /// [`Error::Isrc`] when the range is empty or reaches past 99999.
    pub fn with_range(self, designations: RangeInclusive<u32>) -> Result<Self, Error> {
        let range = isrc::Allocator::new(self.prefix, self.year_of_reference)?
            .with_range(designations)?
            .range();
        Ok(Self {
            first: *range.start(),
            last: *range.end(),
            ..self
        })
    }

    /// The registrant prefix.
    #[must_use]
    pub const fn prefix(&self) -> Prefix {
        self.prefix
    }

    /// The year of reference, 0 to 99.
    #[must_use]
    pub const fn year_of_reference(&self) -> u8 {
        self.year_of_reference
    }

    /// The designations the pool issues, in order.
    #[must_use]
    pub const fn designations(&self) -> RangeInclusive<u32> {
        self.first..=self.last
    }

    /// How many codes the pool holds.
    #[must_use]
    pub const fn capacity(&self) -> u64 {
        (self.last - self.first) as u64 + 1
    }

    /// The code of `designation`, if it is in the pool.
    #[must_use]
    pub fn code_at(&self, designation: u32) -> Option<Isrc> {
        if !(self.first..=self.last).contains(&designation) {
            return None;
        }
        Isrc::new(self.prefix, self.year_of_reference, designation).ok()
    }
}

impl fmt::Display for IsrcPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {:02} {:05}..={:05}",
            self.prefix, self.year_of_reference, self.first, self.last
        )
    }
}

/// UPC/EANs under one GS1 company prefix, within an item-reference range (by default all of
/// them, `0..=capacity − 1`). A prefix starting with `0` issues UPC-A codes, any other EAN-13
/// (as [`upc::Allocator`] does).
///
/// Displays as `0614141 0..=99999`.
///
/// ```
/// use ledger::UpcPool;
///
/// let pool = UpcPool::parse("0614141")?;
/// assert_eq!(pool.capacity(), 100_000);
/// assert_eq!(pool.code_at(0).unwrap().to_string(), "614141000005");
/// # Ok::<(), ledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpcPool {
    allocator: upc::Allocator,
    first: u64,
    last: u64,
}

impl UpcPool {
    /// All item references of `prefix`.
    ///
    /// # Errors
    /// [`Error::Upc`] for a prefix reserved for restricted circulation, coupons, Bookland,
    /// ISMN or ISSN, under which no release is numbered.
    pub fn new(prefix: CompanyPrefix) -> Result<Self, Error> {
        let allocator = upc::Allocator::new(prefix)?;
        let last = allocator.capacity() - 1;
        Ok(Self {
            allocator,
            first: 0,
            last,
        })
    }

    /// The pool of a company prefix given as text (4 to 12 digits, GTIN-13 view: a U.P.C.
    /// company prefix needs its leading `0`).
    ///
    /// # Errors
    /// [`Error::Upc`] for text that is not a company prefix, or a refused prefix as for
    /// [`UpcPool::new`].
    pub fn parse(prefix: &str) -> Result<Self, Error> {
        Self::new(prefix.parse()?)
    }

    /// The same pool over a narrower item-reference range.
    ///
    /// # Errors
    /// [`Error::InvalidRange`] when the range is empty or reaches past the prefix's capacity.
    pub fn with_range(self, item_references: RangeInclusive<u64>) -> Result<Self, Error> {
        let (first, last) = item_references.into_inner();
        let max = self.allocator.capacity() - 1;
        if first > last || last > max {
            return Err(Error::InvalidRange {
                prefix: self.prefix().to_string(),
                first,
                last,
                max,
            });
        }
        Ok(Self {
            first,
            last,
            ..self
        })
    }

    /// The company prefix.
    #[must_use]
    pub const fn prefix(&self) -> CompanyPrefix {
        self.allocator.prefix()
    }

    /// The item references the pool issues, in order.
    #[must_use]
    pub const fn item_references(&self) -> RangeInclusive<u64> {
        self.first..=self.last
    }

    /// How many codes the pool holds.
    #[must_use]
    pub const fn capacity(&self) -> u64 {
        self.last - self.first + 1
    }

    /// The code of `item_reference`, if it is in the pool.
    #[must_use]
    pub fn code_at(&self, item_reference: u64) -> Option<Upc> {
        if !(self.first..=self.last).contains(&item_reference) {
            return None;
        }
        self.allocator.code_at(item_reference).ok()
    }
}

impl fmt::Display for UpcPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}..={}", self.prefix(), self.first, self.last)
    }
}

/// A pool the ledger issues from: [`IsrcPool`] or [`UpcPool`]. Sealed.
pub trait Pool: sealed::Sealed + fmt::Display + Clone + Into<AnyPool> {
    /// The codes the pool issues.
    type Code: Copy + Into<Code> + fmt::Debug + fmt::Display;

    /// The code at `serial` (designation or item reference), if it is in the pool.
    fn code_at_serial(&self, serial: u64) -> Option<Self::Code>;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::IsrcPool {}
    impl Sealed for super::UpcPool {}
}

impl Pool for IsrcPool {
    type Code = Isrc;

    fn code_at_serial(&self, serial: u64) -> Option<Isrc> {
        self.code_at(u32::try_from(serial).ok()?)
    }
}

impl Pool for UpcPool {
    type Code = Upc;

    fn code_at_serial(&self, serial: u64) -> Option<Upc> {
        self.code_at(serial)
    }
}

/// Either kind of pool, as [`Ledger::pools`](crate::Ledger::pools) lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnyPool {
    /// An ISRC pool.
    Isrc(IsrcPool),
    /// A UPC pool.
    Upc(UpcPool),
}

impl From<IsrcPool> for AnyPool {
    fn from(pool: IsrcPool) -> Self {
        Self::Isrc(pool)
    }
}

impl From<UpcPool> for AnyPool {
    fn from(pool: UpcPool) -> Self {
        Self::Upc(pool)
    }
}

impl fmt::Display for AnyPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Isrc(pool) => write!(f, "isrc {pool}"),
            Self::Upc(pool) => write!(f, "upc {pool}"),
        }
    }
}

/// How a pool is stored: one row of `ledger_pools`.
pub(crate) struct PoolColumns {
    pub(crate) kind: &'static str,
    pub(crate) prefix: String,
    pub(crate) year: Option<i32>,
    pub(crate) first: i64,
    pub(crate) last: i64,
}

impl AnyPool {
    /// Which kind of codes the pool issues.
    #[must_use]
    pub const fn kind(&self) -> CodeKind {
        match self {
            Self::Isrc(_) => CodeKind::Isrc,
            Self::Upc(_) => CodeKind::Upc,
        }
    }

    /// The first serial (designation or item reference).
    #[must_use]
    pub const fn first(&self) -> u64 {
        match self {
            Self::Isrc(pool) => pool.first as u64,
            Self::Upc(pool) => pool.first,
        }
    }

    /// The last serial (designation or item reference).
    #[must_use]
    pub const fn last(&self) -> u64 {
        match self {
            Self::Isrc(pool) => pool.last as u64,
            Self::Upc(pool) => pool.last,
        }
    }

    /// How many codes the pool holds.
    #[must_use]
    pub const fn capacity(&self) -> u64 {
        self.last() - self.first() + 1
    }

    /// The code at `serial`, if it is in the pool.
    #[must_use]
    pub fn code_at(&self, serial: u64) -> Option<Code> {
        match self {
            Self::Isrc(pool) => pool.code_at_serial(serial).map(Code::Isrc),
            Self::Upc(pool) => pool.code_at_serial(serial).map(Code::Upc),
        }
    }

    /// The serial of `key` (a key as [`Code::write_key`] writes it), if it is one of the pool's.
    pub(crate) fn serial_of_key(&self, key: &str) -> Option<u64> {
        let code = match self {
            Self::Isrc(_) => Code::Isrc(Isrc::parse_compact(key.as_bytes()).ok()?),
            Self::Upc(_) => Code::Upc(Upc::parse_digits(key.as_bytes()).ok()?),
        };
        self.serial_of(code)
    }

    /// The serial of `code`, if it is one of the pool's.
    pub(crate) fn serial_of(&self, code: Code) -> Option<u64> {
        let serial = match (self, code) {
            (Self::Isrc(pool), Code::Isrc(isrc)) => {
                if isrc.prefix() != pool.prefix
                    || isrc.year_of_reference() != pool.year_of_reference
                {
                    return None;
                }
                u64::from(isrc.designation())
            }
            (Self::Upc(pool), Code::Upc(upc)) => pool.allocator.item_reference_of(upc).ok()?,
            _ => return None,
        };
        (self.first()..=self.last())
            .contains(&serial)
            .then_some(serial)
    }

    /// The smallest and largest key the pool's codes can have. Keys of one kind have one
    /// length, so every key between the two in text order is a code of the pool's namespace.
    pub(crate) fn key_bounds(&self) -> (String, String) {
        let first = self.code_at(self.first()).map(Code::key);
        let last = self.code_at(self.last()).map(Code::key);
        // Both ends are in the pool by construction.
        (first.unwrap_or_default(), last.unwrap_or_default())
    }

    /// Whether the two pools can issue a code in common.
    pub(crate) fn overlaps(&self, other: &AnyPool) -> bool {
        match (self, other) {
            (Self::Isrc(a), Self::Isrc(b)) => {
                a.prefix == b.prefix
                    && a.year_of_reference == b.year_of_reference
                    && a.first <= b.last
                    && b.first <= a.last
            }
            (Self::Upc(a), Self::Upc(b)) => {
                // Compare the 12-digit bodies (prefix and item reference) the pools cover.
                let span = |pool: &UpcPool| {
                    let base = pool.prefix().to_u64() * pool.allocator.capacity();
                    (base + pool.first, base + pool.last)
                };
                let (a_first, a_last) = span(a);
                let (b_first, b_last) = span(b);
                a_first <= b_last && b_first <= a_last
            }
            _ => false,
        }
    }

    pub(crate) fn columns(&self) -> PoolColumns {
        match self {
            Self::Isrc(pool) => PoolColumns {
                kind: CodeKind::Isrc.as_str(),
                prefix: pool.prefix.to_string(),
                year: Some(i32::from(pool.year_of_reference)),
                first: i64::from(pool.first),
                last: i64::from(pool.last),
            },
            Self::Upc(pool) => PoolColumns {
                kind: CodeKind::Upc.as_str(),
                prefix: pool.prefix().to_string(),
                year: None,
                // Item references are below 10^8 (the shortest prefix has 4 digits).
                first: pool.first as i64,
                last: pool.last as i64,
            },
        }
    }

    /// The pool a `ledger_pools` row describes.
    pub(crate) fn from_columns(
        kind: &str,
        prefix: &str,
        year: Option<i32>,
        first: i64,
        last: i64,
    ) -> Result<Self, Error> {
        let bad_row = || {
            crate::error::inconsistent(format!(
                "invalid pool {kind} {prefix} {year:?} {first}..={last}"
            ))
        };
        match (CodeKind::from_db(kind), year) {
            (Some(CodeKind::Isrc), Some(year)) => {
                let year = u8::try_from(year).map_err(|_| bad_row())?;
                let first = u32::try_from(first).map_err(|_| bad_row())?;
                let last = u32::try_from(last).map_err(|_| bad_row())?;
                Ok(Self::Isrc(
                    IsrcPool::new(prefix.parse()?, year)?.with_range(first..=last)?,
                ))
            }
            (Some(CodeKind::Upc), None) => {
                let first = u64::try_from(first).map_err(|_| bad_row())?;
                let last = u64::try_from(last).map_err(|_| bad_row())?;
                Ok(Self::Upc(UpcPool::parse(prefix)?.with_range(first..=last)?))
            }
            _ => Err(bad_row()),
        }
    }
}
