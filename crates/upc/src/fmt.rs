//! Printing: the canonical digits (`Display`), a short `Debug`, and the printed grouping.

use core::fmt;

use crate::{Kind, Upc};

/// The digits in the kind's length, leading zeros included: `036000291452`.
impl fmt::Display for Upc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.digits().as_str())
    }
}

/// `Upc("036000291452")`: the digits say the kind.
impl fmt::Debug for Upc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Upc").field(&self.digits().as_str()).finish()
    }
}

impl Upc {
    /// The code as printed under a barcode, groups separated by spaces; it parses back.
    ///
    /// | kind | grouping | example |
    /// |---|---|---|
    /// | UPC-A | 1 5 5 1 | `0 36000 29145 2` |
    /// | EAN-13 | 1 6 6 | `5 012345 678900` |
    /// | EAN-8 | 4 4 | `9638 5074` |
    /// | GTIN-14 | 1 2 5 5 1 (ITF-14) | `1 00 36000 29145 9` |
    ///
    /// ```
    /// let upc: upc::Upc = "036000291452".parse()?;
    /// assert_eq!(upc.grouped().to_string(), "0 36000 29145 2");
    /// assert_eq!(upc.grouped().to_string().parse::<upc::Upc>()?, upc);
    /// Ok::<(), upc::Error>(())
    /// ```
    #[must_use]
    pub const fn grouped(self) -> Grouped {
        Grouped(self)
    }
}

/// A [`Upc`] printed in groups (see [`Upc::grouped`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grouped(Upc);

impl Grouped {
    /// The sizes of the groups for `kind`, left to right.
    const fn groups(kind: Kind) -> &'static [usize] {
        match kind {
            Kind::UpcA => &[1, 5, 5, 1],
            Kind::Ean13 => &[1, 6, 6],
            Kind::Ean8 => &[4, 4],
            Kind::Gtin14 => &[1, 2, 5, 5, 1],
        }
    }
}

impl fmt::Display for Grouped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.digits();
        let text = digits.as_str();
        let mut buf = [b' '; 18];
        let mut out = 0;
        let mut at = 0;
        for (i, size) in Grouped::groups(self.0.kind()).iter().enumerate() {
            if i > 0 {
                out += 1;
            }
            buf[out..out + size].copy_from_slice(&text.as_bytes()[at..at + size]);
            out += size;
            at += size;
        }
        f.pad(core::str::from_utf8(&buf[..out]).unwrap_or_default())
    }
}
