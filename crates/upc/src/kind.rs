//! The four GTIN forms a [`Upc`](crate::Upc) can take.

use core::fmt;

/// Which GS1 form a [`Upc`](crate::Upc) was written in; the form decides its length and its
/// barcode, not the product (compare products with [`Upc::to_gtin14`](crate::Upc::to_gtin14)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// EAN-8 (GTIN-8): 8 digits.
    Ean8,
    /// UPC-A (GTIN-12): 12 digits, the North American release code.
    UpcA,
    /// EAN-13 (GTIN-13): 13 digits; a UPC-A with a leading `0` is the same product.
    Ean13,
    /// GTIN-14: an indicator digit and a GTIN-13 body, carried by ITF-14 or GS1-128.
    Gtin14,
}

impl Kind {
    /// All kinds, shortest first.
    pub const ALL: [Kind; 4] = [Kind::Ean8, Kind::UpcA, Kind::Ean13, Kind::Gtin14];

    /// The number of digits, check digit included.
    #[must_use]
    #[allow(clippy::len_without_is_empty)] // a code is never empty
    pub const fn len(self) -> usize {
        match self {
            Kind::Ean8 => 8,
            Kind::UpcA => 12,
            Kind::Ean13 => 13,
            Kind::Gtin14 => 14,
        }
    }

    /// The kind of a code with `len` digits, check digit included.
    #[must_use]
    pub const fn from_len(len: usize) -> Option<Kind> {
        match len {
            8 => Some(Kind::Ean8),
            12 => Some(Kind::UpcA),
            13 => Some(Kind::Ean13),
            14 => Some(Kind::Gtin14),
            _ => None,
        }
    }

    /// The name used in messages: `UPC-A`, `EAN-13`, `EAN-8`, `GTIN-14`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Ean8 => "EAN-8",
            Kind::UpcA => "UPC-A",
            Kind::Ean13 => "EAN-13",
            Kind::Gtin14 => "GTIN-14",
        }
    }

    /// The 1–4 tag stored beside the digits; it grows with the length, which keeps the
    /// order of codes equal to the order of their strings (see [`Upc`](crate::Upc)).
    pub(crate) const fn tag(self) -> u64 {
        match self {
            Kind::Ean8 => 1,
            Kind::UpcA => 2,
            Kind::Ean13 => 3,
            Kind::Gtin14 => 4,
        }
    }

    pub(crate) const fn from_tag(tag: u64) -> Kind {
        match tag {
            1 => Kind::Ean8,
            2 => Kind::UpcA,
            3 => Kind::Ean13,
            _ => Kind::Gtin14,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}
