//! The `Isrc` type: a packed, validated code and its parts.

use core::num::NonZeroU64;

use crate::fixed::FixedStr;
use crate::pack;
use crate::{Error, Prefix};

/// The number of designation codes in one year (`00000`–`99999`).
const DESIGNATION_RADIX: u32 = 100_000;

/// An International Standard Recording Code (ISO 3901): `QZAQQ2600001`.
///
/// Twelve characters in four elements: the agency code (2 letters) and registrant code
/// (3 letters or digits) that together form the [`Prefix`], the year of reference (2 digits)
/// and the designation code (5 digits). There is no check character.
///
/// The value is packed into 8 bytes (`Option<Isrc>` too) as one number whose order is the
/// order of the canonical strings, so sorting codes sorts their text. Compare with `==`, sort,
/// hash and copy freely.
///
/// - Parse with [`str::parse`] (lenient: case, whitespace, separators, the `ISRC` label) or
///   [`Isrc::parse_compact`] (strict, fast).
/// - Print with [`Display`](core::fmt::Display) (`QZAQQ2600001`), [`Isrc::hyphenated`]
///   (`QZ-AQQ-26-00001`), [`Isrc::labelled`] (`ISRC QZ-AQQ-26-00001`) or, without the
///   formatting machinery, [`Isrc::encode`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Isrc(NonZeroU64);

impl Isrc {
    /// Wraps a packed code (never zero: it carries a marker bit).
    #[inline]
    pub(crate) const fn from_packed(packed: u64) -> Isrc {
        match NonZeroU64::new(packed) {
            Some(value) => Isrc(value),
            // Packed codes carry a marker bit, so this is never taken.
            None => Isrc(NonZeroU64::MIN),
        }
    }

    /// The code for parts the caller has checked.
    pub(crate) const fn from_parts(
        prefix: Prefix,
        year_of_reference: u8,
        designation: u32,
    ) -> Isrc {
        Isrc::from_packed(pack::pack(prefix.bits(), year_of_reference, designation))
    }

    /// The code made of its parts.
    ///
    /// ```
    /// use isrc::{Isrc, Prefix};
    /// let prefix: Prefix = "QZAQQ".parse()?;
    /// assert_eq!(Isrc::new(prefix, 26, 1)?.to_string(), "QZAQQ2600001");
    /// assert!(Isrc::new(prefix, 126, 1).is_err());
    /// # Ok::<(), isrc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidYear`] when `year_of_reference` is above 99 (it is the last two digits
    /// of the year), [`Error::InvalidDesignation`] when `designation` is above 99999.
    pub const fn new(
        prefix: Prefix,
        year_of_reference: u8,
        designation: u32,
    ) -> Result<Isrc, Error> {
        if year_of_reference > 99 {
            return Err(Error::InvalidYear {
                found: year_of_reference,
            });
        }
        if designation >= DESIGNATION_RADIX {
            return Err(Error::InvalidDesignation { found: designation });
        }
        Ok(Isrc::from_parts(prefix, year_of_reference, designation))
    }

    const fn packed(self) -> u64 {
        self.0.get()
    }

    /// The registrant prefix: agency and registrant code (`QZAQQ`).
    #[must_use]
    pub const fn prefix(self) -> Prefix {
        Prefix::from_bits(pack::prefix_of(self.packed()))
    }

    /// The first two letters (`QZ`), allocated to a national ISRC agency or the International
    /// ISRC Registration Authority. Called the country code in earlier editions of ISO 3901;
    /// since 2019 it is only part of the prefix and says nothing about a country.
    #[must_use]
    pub const fn agency_code(self) -> FixedStr<2> {
        self.prefix().agency_code()
    }

    /// The three letters or digits after the agency code (`AQQ`).
    #[must_use]
    pub const fn registrant_code(self) -> FixedStr<3> {
        self.prefix().registrant_code()
    }

    /// The last two digits of the year the code was assigned (0–99), not the year of
    /// recording (ISO 3901:2019 §5.4). See [`Isrc::full_year`].
    #[must_use]
    pub const fn year_of_reference(self) -> u8 {
        pack::year_of(self.packed())
    }

    /// The designation code (0–99999); `00000` is a valid designation.
    #[must_use]
    pub const fn designation(self) -> u32 {
        pack::designation_of(self.packed())
    }

    /// The year of reference as a full year, read against `reference_year` (for example the
    /// current year, which the caller supplies): the latest year, at most one year after
    /// `reference_year`, that ends in the two digits (and fits in a `u16`). One year ahead is
    /// allowed because codes are often assigned just before the year they are released in.
    ///
    /// No standard defines this mapping (the two digits cannot tell 1926 from 2026), so treat
    /// it as a heuristic, and never as the year of recording. This is the workspace's rule for
    /// two-digit years; [`Isrc::full_year_nearest`] is the one alternative, for an anchor that
    /// is not today.
    ///
    /// ```
    /// let isrc: isrc::Isrc = "QZAQQ2600001".parse()?;
    /// assert_eq!(isrc.full_year(2026), 2026);
    /// assert_eq!(isrc.full_year(2025), 2026);
    /// assert_eq!(isrc.full_year(2024), 1926);
    /// # Ok::<(), isrc::Error>(())
    /// ```
    #[must_use]
    pub const fn full_year(self, reference_year: u16) -> u16 {
        full_year(self.year_of_reference(), reference_year)
    }

    /// The year of reference as the full year nearest to `anchor_year` (ties go to the
    /// earlier; never below 0 or above `u16::MAX`).
    ///
    /// The alternative to [`Isrc::full_year`] for an anchor that may lie far in the past, such
    /// as a release date: asked whether a code was assigned after a 1999 release, the digits
    /// `05` mean 2005, which `full_year(1999)` (at most one year ahead) would read as 1905.
    /// Release validation's `isrc_after_release` rule is its user.
    ///
    /// ```
    /// let isrc: isrc::Isrc = "QZAQQ0500001".parse()?;
    /// assert_eq!(isrc.full_year_nearest(1999), 2005);
    /// assert_eq!(isrc.full_year(1999), 1905);
    /// # Ok::<(), isrc::Error>(())
    /// ```
    #[must_use]
    pub const fn full_year_nearest(self, anchor_year: u16) -> u16 {
        full_year_nearest(self.year_of_reference(), anchor_year)
    }

    /// The 12 canonical bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 12] {
        pack::encode(self.packed())
    }

    /// Writes the canonical form into `buf` and returns it as text: formatting without the
    /// formatting machinery and without allocating.
    ///
    /// ```
    /// let isrc: isrc::Isrc = "qz-aqq-26-00001".parse()?;
    /// let mut buf = [0u8; 12];
    /// assert_eq!(isrc.encode(&mut buf), "QZAQQ2600001");
    /// # Ok::<(), isrc::Error>(())
    /// ```
    #[inline]
    pub fn encode(self, buf: &mut [u8; 12]) -> &str {
        *buf = self.to_bytes();
        // Always ASCII by construction, so never the empty fallback.
        core::str::from_utf8(buf).unwrap_or_default()
    }
}

/// See [`Isrc::full_year`].
pub(crate) const fn full_year(two_digits: u8, reference_year: u16) -> u16 {
    let latest = reference_year as u32 + 1;
    let back = (latest % 100 + 100 - two_digits as u32) % 100;
    if back > latest {
        // Only for reference years below 100: the year is the two digits themselves.
        two_digits as u16
    } else if latest - back > u16::MAX as u32 {
        // Only for reference year 65535 and the digits 36: a year ahead does not fit, so the
        // latest year that does is a century earlier (never a wrap to 0).
        (latest - back - 100) as u16
    } else {
        (latest - back) as u16
    }
}

/// See [`Isrc::full_year_nearest`].
pub(crate) const fn full_year_nearest(two_digits: u8, anchor_year: u16) -> u16 {
    let anchor = anchor_year as i32;
    let same_century = anchor / 100 * 100 + two_digits as i32;
    let too_late = same_century - anchor >= 50 || same_century > u16::MAX as i32;
    let year = if too_late && same_century >= 100 {
        same_century - 100
    } else if anchor - same_century > 50 && same_century + 100 <= u16::MAX as i32 {
        same_century + 100
    } else {
        same_century
    };
    year as u16
}

impl ident_core::Code for Isrc {
    type Error = Error;

    const NAME: &'static str = "ISRC";

    fn parse_strict(input: &[u8]) -> Result<Isrc, Error> {
        Isrc::parse_compact(input)
    }
}
