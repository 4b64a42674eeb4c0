//! The GS1 company prefix a company numbers its products under.

use core::cmp::Ordering;
use core::fmt;
use core::str::FromStr;

use crate::Error;
use ident_core::layout::Layout;

use crate::digits::{DigitBuf, POW10, digit_string, read};

const SHAPE: Layout = digit_string(
    &[4, 5, 6, 7, 8, 9, 10, 11, 12],
    "4 to 12 digits",
    "a GS1 company prefix of 4 to 12 digits",
);

const UPC_SHAPE: Layout = digit_string(
    &[3, 4, 5, 6, 7, 8, 9, 10, 11],
    "3 to 11 digits",
    "a U.P.C. company prefix of 3 to 11 digits",
);

/// A GS1 company prefix (GCP) of 4 to 12 digits, in the GTIN-13 view: the digits a GTIN-13
/// starts with. The prefix length decides how many products it can number: 10^(12 − length).
///
/// A U.P.C. company prefix (the start of a UPC-A, as GS1 US prints it) is the GS1 company
/// prefix without its leading `0`: read it with [`CompanyPrefix::from_upc_prefix`], never with
/// `FromStr`, which would read `614141` as the EAN-13 prefix 614141 (a different company).
///
/// ```
/// use upc::CompanyPrefix;
///
/// let gcp: CompanyPrefix = "0614141".parse()?;
/// assert_eq!(gcp.len(), 7);
/// assert_eq!(gcp.capacity(), 100_000);
/// assert_eq!(CompanyPrefix::from_upc_prefix("614141")?, gcp);
/// Ok::<(), upc::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CompanyPrefix {
    value: u64,
    len: u8,
}

impl CompanyPrefix {
    /// A GS1 company prefix from a U.P.C. company prefix (3 to 11 digits, the first digits of
    /// a UPC-A): the same digits after a `0`.
    ///
    /// # Errors
    /// [`Error::Parse`] when `input` is not 3 to 11 digits (spelt as for [`Upc`](crate::Upc)).
    pub fn from_upc_prefix(input: &str) -> Result<CompanyPrefix, Error> {
        let digits = read(input, &UPC_SHAPE)?;
        Ok(CompanyPrefix {
            value: digits.value(),
            len: digits.len() as u8 + 1,
        })
    }

    /// The number of digits, 4 to 12.
    #[must_use]
    #[allow(clippy::len_without_is_empty)] // a prefix is never empty
    pub const fn len(self) -> usize {
        self.len as usize
    }

    /// The prefix digits read as a number (leading zeros are lost; keep [`len`](Self::len)).
    #[must_use]
    pub const fn to_u64(self) -> u64 {
        self.value
    }

    /// How many item references the prefix holds: 10^(12 − length) (GS1 General
    /// Specifications: prefix and item reference fill the 12 digits before the check digit).
    #[must_use]
    pub const fn capacity(self) -> u64 {
        POW10[12 - self.len as usize]
    }

    /// Whether codes under this prefix have a UPC-A form (the prefix starts with `0`).
    #[must_use]
    pub const fn is_upc(self) -> bool {
        self.value < POW10[self.len as usize - 1]
    }

    pub(crate) const fn digits(self) -> DigitBuf {
        DigitBuf::from_value(self.value, self.len as usize)
    }

    /// The prefix as the first digits of a 12-digit body: prefix × 10^(12 − length).
    pub(crate) const fn base(self) -> u64 {
        self.value * self.capacity()
    }
}

/// Reads 4 to 12 digits, spelt as for [`Upc`](crate::Upc).
impl FromStr for CompanyPrefix {
    type Err = Error;

    fn from_str(input: &str) -> Result<CompanyPrefix, Error> {
        let digits = read(input, &SHAPE)?;
        Ok(CompanyPrefix {
            value: digits.value(),
            len: digits.len() as u8,
        })
    }
}

impl TryFrom<&str> for CompanyPrefix {
    type Error = Error;

    fn try_from(input: &str) -> Result<CompanyPrefix, Error> {
        input.parse()
    }
}

/// The digits, leading zeros included.
impl fmt::Display for CompanyPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.digits().as_str())
    }
}

/// `CompanyPrefix("0614141")`.
impl fmt::Debug for CompanyPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CompanyPrefix")
            .field(&self.digits().as_str())
            .finish()
    }
}

/// The order of the digit strings.
impl Ord for CompanyPrefix {
    fn cmp(&self, other: &CompanyPrefix) -> Ordering {
        // Zeros on the right keep the string order; a prefix of a longer string sorts first.
        (self.base(), self.len).cmp(&(other.base(), other.len))
    }
}

impl PartialOrd for CompanyPrefix {
    fn partial_cmp(&self, other: &CompanyPrefix) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
