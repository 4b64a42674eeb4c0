//! Lints: what is odd about a valid code. Never parse errors: real, distributed codes break
//! every one of these rules somewhere.

use core::fmt;

use crate::fixed::FixedStr;
use crate::isrc::full_year;
use crate::prefixes::{PrefixStatus, TABLE_DATE};
use crate::{Isrc, Prefix};

/// The year ISO 3901 was first published: genuine years of assignment are not earlier.
pub const ISO_3901_YEAR: u16 = 1986;

/// Something odd about a valid ISRC. `Display` gives a lower-case message; [`Warning::rule`] a
/// stable identifier for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// The agency code is not in the IFPI prefix table (rule `isrc.unknown_prefix`).
    UnknownPrefix {
        /// The first two letters.
        agency_code: FixedStr<2>,
    },
    /// The agency code is retired (rule `isrc.retired_prefix`): old codes under it stay
    /// valid, but nobody issues new ones.
    RetiredPrefix {
        /// The first two letters.
        agency_code: FixedStr<2>,
        /// The territory the list names for it.
        territory: &'static str,
    },
    /// The prefix is a documentation example that is never assigned (rule
    /// `isrc.documentation_registrant`).
    DocumentationRegistrant {
        /// The prefix.
        prefix: Prefix,
    },
    /// The registrant code is `000`, which often stands for blank or dummy data (rule
    /// `isrc.blank_registrant`).
    BlankRegistrant,
    /// The year of reference, read against the reference year, is after it (rule
    /// `isrc.future_year`).
    FutureYear {
        /// The two digits.
        year_of_reference: u8,
        /// The full year they were read as.
        year: u16,
        /// The reference year the caller gave.
        reference_year: u16,
    },
    /// The year of reference reads as a year before ISO 3901 existed (1986) or, the other way,
    /// as one after the reference year (rule `isrc.implausible_year`). Legacy codes used the
    /// year of recording (IFPI Bulletin 2006/03), so old catalogue can carry such years.
    ImplausibleYear {
        /// The two digits.
        year_of_reference: u8,
        /// The full year they were read as (before 1986).
        year: u16,
        /// The reference year the caller gave.
        reference_year: u16,
    },
}

impl Warning {
    /// A stable identifier: `isrc.unknown_prefix`, `isrc.retired_prefix`,
    /// `isrc.documentation_registrant`, `isrc.blank_registrant`, `isrc.future_year` or
    /// `isrc.implausible_year`.
    #[must_use]
    pub const fn rule(&self) -> &'static str {
        match self {
            Warning::UnknownPrefix { .. } => "isrc.unknown_prefix",
            Warning::RetiredPrefix { .. } => "isrc.retired_prefix",
            Warning::DocumentationRegistrant { .. } => "isrc.documentation_registrant",
            Warning::BlankRegistrant => "isrc.blank_registrant",
            Warning::FutureYear { .. } => "isrc.future_year",
            Warning::ImplausibleYear { .. } => "isrc.implausible_year",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::UnknownPrefix { agency_code } => write!(
                f,
                "unknown prefix: {agency_code} is not in the IFPI prefix table of {TABLE_DATE}"
            ),
            Warning::RetiredPrefix {
                agency_code,
                territory,
            } => write!(
                f,
                "retired prefix: {agency_code} ({territory}) is no longer used for new codes"
            ),
            Warning::DocumentationRegistrant { prefix } => write!(
                f,
                "documentation registrant: {}-{} is an example prefix that is never assigned",
                prefix.agency_code(),
                prefix.registrant_code()
            ),
            Warning::BlankRegistrant => f.write_str(
                "blank registrant: registrant code 000 often stands for blank or dummy data",
            ),
            Warning::FutureYear {
                year_of_reference,
                year,
                reference_year,
            } => write!(
                f,
                "future year: year of reference {year_of_reference:02} reads as {year}, after {reference_year}"
            ),
            Warning::ImplausibleYear {
                year_of_reference,
                year,
                reference_year,
            } => write!(
                f,
                "implausible year: year of reference {year_of_reference:02} reads as {year}, before ISO 3901 ({ISO_3901_YEAR}), or as {}, after {reference_year}",
                year + 100
            ),
        }
    }
}

/// How many warnings one code can draw at most: one about the prefix, one about the
/// registrant, one about the year, and room to grow.
const CAPACITY: usize = 4;

/// The warnings for one code, held without allocating. Iterate over it (by value or by
/// reference) to get each [`Warning`].
///
/// ```
/// let isrc: isrc::Isrc = "RDRAY2200003".parse()?;
/// let codes: Vec<&str> = isrc.lint(Some(2024)).iter().map(|w| w.rule()).collect();
/// assert_eq!(codes, ["isrc.unknown_prefix"]);
/// # Ok::<(), isrc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Lints {
    items: [Option<Warning>; CAPACITY],
    len: u8,
}

impl Lints {
    fn push(&mut self, warning: Warning) {
        if let Some(slot) = self.items.get_mut(self.len as usize) {
            *slot = Some(warning);
            self.len += 1;
        }
    }

    /// The number of warnings.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the code drew no warning.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The warnings, in the order prefix, registrant, year.
    #[must_use]
    pub const fn iter(&self) -> LintsIter {
        LintsIter {
            lints: *self,
            next: 0,
        }
    }

    /// Whether a warning with this [`Warning::rule`] is among them.
    #[must_use]
    pub fn contains(&self, code: &str) -> bool {
        self.iter().any(|w| w.rule() == code)
    }
}

/// The iterator over [`Lints`].
#[derive(Debug, Clone)]
pub struct LintsIter {
    lints: Lints,
    next: u8,
}

impl Iterator for LintsIter {
    type Item = Warning;

    fn next(&mut self) -> Option<Warning> {
        if self.next >= self.lints.len {
            return None;
        }
        let item = self.lints.items[self.next as usize];
        self.next += 1;
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.lints.len - self.next.min(self.lints.len)) as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for LintsIter {}

impl core::iter::FusedIterator for LintsIter {}

impl IntoIterator for Lints {
    type Item = Warning;
    type IntoIter = LintsIter;

    fn into_iter(self) -> LintsIter {
        self.iter()
    }
}

impl IntoIterator for &Lints {
    type Item = Warning;
    type IntoIter = LintsIter;

    fn into_iter(self) -> LintsIter {
        self.iter()
    }
}

impl Isrc {
    /// What is odd about this code, as [`Warning`]s: a prefix that the IFPI table (of
    /// [`TABLE_DATE`](crate::prefixes::TABLE_DATE)) does not know or lists as retired, a
    /// documentation example prefix, the registrant code `000`, and, when the caller gives the
    /// `reference_year` (typically the current year), a year of reference that reads as a
    /// future year or as one before ISO 3901 (see [`Isrc::full_year`]). Without a reference
    /// year no year is judged: the library never reads the clock.
    ///
    /// ```
    /// use isrc::{Isrc, Warning};
    /// let isrc: Isrc = "GBLPF6787759".parse()?;
    /// assert!(isrc.lint(None).is_empty());
    /// let warnings = isrc.lint(Some(2024));
    /// assert_eq!(warnings.iter().next().map(|w| w.rule()), Some("isrc.implausible_year"));
    /// # Ok::<(), isrc::Error>(())
    /// ```
    #[must_use]
    pub fn lint(self, reference_year: Option<u16>) -> Lints {
        let mut lints = Lints::default();
        let prefix = self.prefix();
        match prefix.status() {
            PrefixStatus::Allocated(_) => {}
            PrefixStatus::Retired(allocation) => lints.push(Warning::RetiredPrefix {
                agency_code: prefix.agency_code(),
                territory: allocation.territory(),
            }),
            PrefixStatus::Documentation => {
                lints.push(Warning::DocumentationRegistrant { prefix });
            }
            PrefixStatus::Unknown => lints.push(Warning::UnknownPrefix {
                agency_code: prefix.agency_code(),
            }),
        }
        if prefix.registrant_code() == "000" {
            lints.push(Warning::BlankRegistrant);
        }
        if let Some(reference_year) = reference_year {
            let year_of_reference = self.year_of_reference();
            let year = full_year(year_of_reference, reference_year);
            if year > reference_year {
                lints.push(Warning::FutureYear {
                    year_of_reference,
                    year,
                    reference_year,
                });
            } else if year < ISO_3901_YEAR {
                lints.push(Warning::ImplausibleYear {
                    year_of_reference,
                    year,
                    reference_year,
                });
            }
        }
        lints
    }
}
