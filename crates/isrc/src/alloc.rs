//! Sequential allocation of designation codes within one prefix and year.
//!
//! ISO 3901:2019 §5.4: "a designation code shall be assigned only once in any particular
//! year" within the range allocated to the prefix. The allocator issues in order from the
//! range (RIAA recommends "beginning with 00001 and moving up sequentially"), never moves
//! backwards, never wraps and never rolls into another year: when the range is used up it
//! says so with [`Error::Exhausted`].
//!
//! It holds its state in memory only; persisting the last issued code (and resuming after it
//! with [`Allocator::resume_after`]) is the caller's job.

use core::fmt;
use core::ops::RangeInclusive;

use crate::{Error, Isrc, Prefix};

/// The last designation code there is.
const MAX_DESIGNATION: u32 = 99_999;

/// Issues consecutive ISRCs under one prefix and year of reference.
///
/// ```
/// use isrc::{Allocator, Prefix};
/// let mut allocator = Allocator::new("QZAQQ".parse::<Prefix>()?, 26)?;
/// let album = allocator.issue_many(13)?;
/// assert_eq!(album.to_string(), "QZAQQ2600001..=QZAQQ2600013");
/// assert_eq!(allocator.issue()?.to_string(), "QZAQQ2600014");
/// # Ok::<(), isrc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Allocator {
    prefix: Prefix,
    year_of_reference: u8,
    start: u32,
    end: u32,
    /// The next designation to issue; `end + 1` once the range is used up.
    next: u32,
    /// The lowest designation still allowed after issuing or resuming (0 when fresh), so a
    /// later [`Allocator::with_range`] cannot move the allocator backwards.
    floor: u32,
}

impl Allocator {
    /// An allocator for `prefix` and `year_of_reference` (the last two digits of the year of
    /// assignment: the caller says which year it is) over the designations `00001..=99999`.
    ///
    /// # Errors
    /// [`Error::InvalidYear`] when `year_of_reference` is above 99.
    pub const fn new(prefix: Prefix, year_of_reference: u8) -> Result<Allocator, Error> {
        if year_of_reference > 99 {
            return Err(Error::InvalidYear {
                found: year_of_reference,
            });
        }
        Ok(Allocator {
            prefix,
            year_of_reference,
            start: 1,
            end: MAX_DESIGNATION,
            next: 1,
            floor: 0,
        })
    }

    /// The same allocator over another designation range, e.g. the subset an agency allocated
    /// (ISO 3901:2019 §5.3) or the share of one of several issuing systems. It never moves
    /// back below a code already issued or resumed after.
    ///
    /// ```
    /// use isrc::{Allocator, Prefix};
    /// let mut allocator = Allocator::new("QZAQQ".parse::<Prefix>()?, 26)?.with_range(0..=99)?;
    /// assert_eq!(allocator.issue()?.to_string(), "QZAQQ2600000");
    /// assert_eq!(allocator.remaining(), 99);
    /// # Ok::<(), isrc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidRange`] when the range is empty or reaches past 99999.
    pub fn with_range(self, range: RangeInclusive<u32>) -> Result<Allocator, Error> {
        let (start, end) = range.into_inner();
        if start > end || end > MAX_DESIGNATION {
            return Err(Error::InvalidRange { start, end });
        }
        Ok(Allocator {
            start,
            end,
            next: start.max(self.floor).min(end + 1),
            ..self
        })
    }

    /// The same allocator continuing after `last`, the last code issued before (read back
    /// from the caller's records). It never moves backwards: resuming after a code below the
    /// next one changes nothing.
    ///
    /// ```
    /// use isrc::{Allocator, Isrc, Prefix};
    /// let last: Isrc = "QZAQQ2600013".parse()?;
    /// let mut allocator = Allocator::new(last.prefix(), 26)?.resume_after(last)?;
    /// assert_eq!(allocator.issue()?.to_string(), "QZAQQ2600014");
    /// assert!(Allocator::new(last.prefix(), 27)?.resume_after(last).is_err());
    /// # Ok::<(), isrc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::ForeignCode`] when `last` has another prefix or year of reference,
    /// [`Error::OutsideRange`] when its designation is outside the allocator's range.
    pub fn resume_after(self, last: Isrc) -> Result<Allocator, Error> {
        if last.prefix() != self.prefix || last.year_of_reference() != self.year_of_reference {
            return Err(Error::ForeignCode {
                code: last,
                prefix: self.prefix,
                year_of_reference: self.year_of_reference,
            });
        }
        let designation = last.designation();
        if designation < self.start || designation > self.end {
            return Err(Error::OutsideRange {
                code: last,
                start: self.start,
                end: self.end,
            });
        }
        let after = designation + 1;
        Ok(Allocator {
            next: self.next.max(after),
            floor: self.floor.max(after),
            ..self
        })
    }

    /// Issues the next code.
    ///
    /// # Errors
    /// [`Error::Exhausted`] when the range is used up.
    pub fn issue(&mut self) -> Result<Isrc, Error> {
        self.issue_many(1).map(IsrcRange::first)
    }

    /// Issues the next `n` codes as one contiguous range, or nothing at all.
    ///
    /// # Errors
    /// [`Error::InvalidCount`] when `n` is 0, [`Error::Exhausted`] when fewer than `n` codes
    /// are left (then none is issued).
    pub fn issue_many(&mut self, n: u32) -> Result<IsrcRange, Error> {
        if n == 0 {
            return Err(Error::InvalidCount);
        }
        let remaining = self.remaining();
        if n > remaining {
            return Err(Error::Exhausted {
                prefix: self.prefix,
                year_of_reference: self.year_of_reference,
                end: self.end,
                requested: n,
                remaining,
            });
        }
        let first = self.next;
        self.next += n;
        self.floor = self.next;
        Ok(IsrcRange {
            first: Isrc::from_parts(self.prefix, self.year_of_reference, first),
            len: n,
        })
    }

    /// How many codes are left in the range.
    #[must_use]
    pub const fn remaining(&self) -> u32 {
        self.end + 1 - self.next
    }

    /// The designation the next [`Allocator::issue`] will use, or `None` when the range is
    /// used up.
    #[must_use]
    pub const fn next_designation(&self) -> Option<u32> {
        if self.next > self.end {
            None
        } else {
            Some(self.next)
        }
    }

    /// The prefix it issues under.
    #[must_use]
    pub const fn prefix(&self) -> Prefix {
        self.prefix
    }

    /// The year of reference it issues for.
    #[must_use]
    pub const fn year_of_reference(&self) -> u8 {
        self.year_of_reference
    }

    /// The designation range it issues from.
    #[must_use]
    pub const fn range(&self) -> RangeInclusive<u32> {
        self.start..=self.end
    }
}

/// Consecutive ISRCs of one prefix and year, at least one: what [`Allocator::issue_many`]
/// returns. Displays as `QZAQQ2600001..=QZAQQ2600013` and iterates over every code.
///
/// ```
/// let range = isrc::IsrcRange::new("QZAQQ2600001".parse()?, "QZAQQ2600013".parse()?)?;
/// assert_eq!(range.len(), 13);
/// assert_eq!(range.into_iter().nth(12), Some(range.last()));
/// assert!(range.contains("qzaqq2600007".parse()?));
/// # Ok::<(), isrc::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IsrcRange {
    first: Isrc,
    len: u32,
}

impl IsrcRange {
    /// The range from `first` to `last`, both included.
    ///
    /// # Errors
    /// [`Error::ForeignCode`] when `last` has another prefix or year than `first`,
    /// [`Error::InvalidRange`] when `last` comes before `first`.
    pub fn new(first: Isrc, last: Isrc) -> Result<IsrcRange, Error> {
        if first.prefix() != last.prefix() || first.year_of_reference() != last.year_of_reference()
        {
            return Err(Error::ForeignCode {
                code: last,
                prefix: first.prefix(),
                year_of_reference: first.year_of_reference(),
            });
        }
        if last.designation() < first.designation() {
            return Err(Error::InvalidRange {
                start: first.designation(),
                end: last.designation(),
            });
        }
        Ok(IsrcRange {
            first,
            len: last.designation() - first.designation() + 1,
        })
    }

    /// The first code.
    #[must_use]
    pub const fn first(self) -> Isrc {
        self.first
    }

    /// The last code.
    #[must_use]
    pub const fn last(self) -> Isrc {
        self.nth_code(self.len - 1)
    }

    const fn nth_code(self, offset: u32) -> Isrc {
        Isrc::from_parts(
            self.first.prefix(),
            self.first.year_of_reference(),
            self.first.designation() + offset,
        )
    }

    /// The number of codes (at least 1).
    #[must_use]
    pub const fn len(self) -> u32 {
        self.len
    }

    /// Always `false`: a range holds at least one code.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.len == 0
    }

    /// Whether `code` is one of the range's codes.
    #[must_use]
    pub fn contains(self, code: Isrc) -> bool {
        self.first <= code && code <= self.last()
    }

    /// The codes in order.
    #[must_use]
    pub const fn iter(self) -> IsrcRangeIter {
        IsrcRangeIter {
            range: self,
            front: 0,
            back: self.len,
        }
    }
}

impl fmt::Display for IsrcRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.first, self.last())
    }
}

impl fmt::Debug for IsrcRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IsrcRange({self})")
    }
}

impl IntoIterator for IsrcRange {
    type Item = Isrc;
    type IntoIter = IsrcRangeIter;

    fn into_iter(self) -> IsrcRangeIter {
        self.iter()
    }
}

impl IntoIterator for &IsrcRange {
    type Item = Isrc;
    type IntoIter = IsrcRangeIter;

    fn into_iter(self) -> IsrcRangeIter {
        self.iter()
    }
}

/// The iterator over an [`IsrcRange`].
#[derive(Debug, Clone)]
pub struct IsrcRangeIter {
    range: IsrcRange,
    /// Offsets not yet yielded: `front..back`.
    front: u32,
    back: u32,
}

impl Iterator for IsrcRangeIter {
    type Item = Isrc;

    fn next(&mut self) -> Option<Isrc> {
        if self.front >= self.back {
            return None;
        }
        let code = self.range.nth_code(self.front);
        self.front += 1;
        Some(code)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.back - self.front) as usize;
        (left, Some(left))
    }

    fn nth(&mut self, n: usize) -> Option<Isrc> {
        let left = self.back - self.front;
        let skip = u32::try_from(n).unwrap_or(u32::MAX).min(left);
        self.front += skip;
        self.next()
    }
}

impl DoubleEndedIterator for IsrcRangeIter {
    fn next_back(&mut self) -> Option<Isrc> {
        if self.front >= self.back {
            return None;
        }
        self.back -= 1;
        Some(self.range.nth_code(self.back))
    }
}

impl ExactSizeIterator for IsrcRangeIter {}

impl core::iter::FusedIterator for IsrcRangeIter {}
