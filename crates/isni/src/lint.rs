//! Lints: what is worth knowing about a valid ISNI. Never parse errors.

use core::fmt;

use crate::Isni;

/// The blocks ISNI reserved for ORCID iDs, as their first and last 15 data digits inclusive
/// (ORCID support, "What is the relationship between ISNI and ORCID": 0000-0001-5000-0007 …
/// 0000-0003-5000-0001 in 2013, 0009-0000-0000-0000 … 0009-0010-0000-0000 in 2023). The 2023
/// bounds are round numbers rather than valid ISNIs, so the blocks are compared on the data
/// digits, without the check character.
const ORCID_BLOCKS: [(u64, u64); 2] = [
    (15_000_000, 35_000_000),
    (9_000_000_000_000, 9_001_000_000_000),
];

/// Something worth knowing about a valid ISNI. `Display` gives a lower-case message;
/// [`Warning::rule`] a stable identifier for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// The number lies in a block reserved for ORCID (rule `isni.orcid`): it names a
    /// researcher's ORCID record, rarely a music party.
    Orcid,
    /// The number lies outside every block assigned so far (rule `isni.unassigned_range`):
    /// ISNI's own numbers start `0000` and ORCID's later block `0009`, so anything else is
    /// most likely a mistyped or invented number.
    UnassignedRange,
}

impl Warning {
    /// A stable identifier: `isni.orcid` or `isni.unassigned_range`.
    #[must_use]
    pub const fn rule(&self) -> &'static str {
        match self {
            Warning::Orcid => "isni.orcid",
            Warning::UnassignedRange => "isni.unassigned_range",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Warning::Orcid => "an ORCID iD: the number lies in a block ISNI reserved for ORCID",
            Warning::UnassignedRange => {
                "outside the blocks assigned so far (ISNI numbers start 0000, ORCID's also 0009-0000 to 0009-0010)"
            }
        })
    }
}

impl Isni {
    /// Whether the number lies in a block ISNI reserved for ORCID, i.e. is an ORCID iD.
    ///
    /// ```
    /// let orcid: isni::Isni = "ORCID 0000-0002-1825-0097".parse()?;
    /// assert!(orcid.is_orcid());
    /// assert!(!"0000 0001 2103 2683".parse::<isni::Isni>()?.is_orcid());
    /// # Ok::<(), isni::Error>(())
    /// ```
    #[must_use]
    pub const fn is_orcid(self) -> bool {
        let n = self.number();
        (ORCID_BLOCKS[0].0 <= n && n <= ORCID_BLOCKS[0].1)
            || (ORCID_BLOCKS[1].0 <= n && n <= ORCID_BLOCKS[1].1)
    }

    /// What is worth knowing about the number: at most one [`Warning`].
    ///
    /// (ISNI's own numbers are those starting `0000`: below 10¹² as a number.)
    ///
    /// ```
    /// use isni::{Isni, Warning};
    /// let isni: Isni = "0000 0001 2103 2683".parse()?;
    /// assert_eq!(isni.lint(), None);
    /// assert_eq!("0000-0002-1825-0097".parse::<Isni>()?.lint(), Some(Warning::Orcid));
    /// assert_eq!(Isni::from_number(100_000_000_000_000).unwrap().lint(), Some(Warning::UnassignedRange));
    /// # Ok::<(), isni::Error>(())
    /// ```
    #[must_use]
    pub fn lint(self) -> Option<Warning> {
        if self.is_orcid() {
            Some(Warning::Orcid)
        } else if self.number() < 1_000_000_000_000 {
            None
        } else {
            Some(Warning::UnassignedRange)
        }
    }
}
