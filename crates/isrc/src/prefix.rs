//! The registrant prefix: agency code and registrant code.

use crate::fixed::FixedStr;
use crate::pack;
use crate::prefixes::{self, PrefixStatus};

/// A registrant prefix (ISO 3901:2019 §4.2, "prefix code"): the agency code (2 letters) and
/// the registrant code (3 letters or digits) that start every ISRC the registrant assigns,
/// e.g. `QZAQQ`. Ordered like its canonical text.
///
/// ```
/// let prefix: isrc::Prefix = "qz-aqq".parse()?;
/// assert_eq!(prefix.to_string(), "QZAQQ");
/// assert_eq!(prefix.agency_code(), "QZ");
/// assert_eq!(prefix.registrant_code(), "AQQ");
/// # Ok::<(), isrc::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Prefix(u32);

impl Prefix {
    /// The prefix of packed prefix bits (see the `pack` module).
    pub(crate) const fn from_bits(bits: u32) -> Prefix {
        Prefix(bits)
    }

    /// Its packed bits, ordered like the text.
    pub(crate) const fn bits(self) -> u32 {
        self.0
    }

    /// The 5 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 5] {
        pack::prefix_bytes(self.0)
    }

    /// The 5 canonical characters, as text.
    pub(crate) const fn text(self) -> FixedStr<5> {
        FixedStr::from_ascii(self.to_bytes())
    }

    /// The agency code (`QZ`): see [`Isrc::agency_code`](crate::Isrc::agency_code).
    #[must_use]
    pub const fn agency_code(self) -> FixedStr<2> {
        let [a0, a1, ..] = self.to_bytes();
        FixedStr::from_ascii([a0, a1])
    }

    /// The registrant code (`AQQ`).
    #[must_use]
    pub const fn registrant_code(self) -> FixedStr<3> {
        let [_, _, r0, r1, r2] = self.to_bytes();
        FixedStr::from_ascii([r0, r1, r2])
    }

    /// What the IFPI prefix table (dated [`prefixes::TABLE_DATE`]) says of this prefix:
    /// reserved for documentation, allocated, retired or unknown.
    ///
    /// ```
    /// use isrc::{Prefix, PrefixStatus};
    /// let status = "QZAQQ".parse::<Prefix>()?.status();
    /// assert!(matches!(status, PrefixStatus::Allocated(a) if a.agency() == "RIAA"));
    /// assert_eq!("US-S1Z".parse::<Prefix>()?.status(), PrefixStatus::Documentation);
    /// assert_eq!("RDRAY".parse::<Prefix>()?.status(), PrefixStatus::Unknown);
    /// # Ok::<(), isrc::Error>(())
    /// ```
    #[must_use]
    pub fn status(self) -> PrefixStatus {
        prefixes::lookup_prefix(self)
    }
}

impl core::fmt::Display for Prefix {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&self.text(), f)
    }
}

impl core::fmt::Debug for Prefix {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Prefix").field(&self.text()).finish()
    }
}
