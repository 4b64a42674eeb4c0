//! UPC-E: the zero-suppressed form of some UPC-A codes (GS1 General Specifications §5.2.2.4).

use core::fmt;
use core::str::FromStr;

use ident_core::ParseError;
use ident_core::clean::{position, trim};

use ident_core::layout::Layout;

use crate::digits::{DigitBuf, check_digit_of_value, digit_string, read};
use crate::{Error, Kind, Upc};

const SHAPE: Layout = digit_string(
    &[6, 7, 8],
    "6, 7 or 8 digits",
    "a UPC-E of 6, 7 or 8 digits",
);

/// A UPC-E: number system, six digits and the check digit of the UPC-A it stands for.
///
/// GS1 defines UPC-E for number system 0 only; number system 1 is a common extension that
/// is accepted and reported by [`UpcE::lint`]. Every `UpcE` is canonical: it is exactly what
/// [`Upc::compress`] gives for its expansion, so `expand` and `compress` are inverse.
///
/// An 8-digit string is an EAN-8 for [`Upc`]'s `FromStr` and a UPC-E for this one: the caller
/// says which.
///
/// ```
/// use upc::UpcE;
///
/// let e: UpcE = "04252614".parse()?;
/// assert_eq!(e.expand().to_string(), "042100005264");
/// assert_eq!(e.expand().compress(), Some(e));
/// // 6 digits: number system 0 and the check digit are implied.
/// assert_eq!("425261".parse::<UpcE>()?, e);
/// Ok::<(), upc::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UpcE(
    // The eight digits read as a number (fixed length, so the order is the string order).
    u32,
);

impl UpcE {
    /// The number system, 0 or 1.
    #[must_use]
    pub const fn number_system(self) -> u8 {
        (self.0 / 10_000_000) as u8
    }

    /// The check digit (that of the expanded UPC-A).
    #[must_use]
    pub const fn check_digit(self) -> u8 {
        (self.0 % 10) as u8
    }

    /// The six digits between the number system and the check digit.
    #[must_use]
    pub const fn body(self) -> u32 {
        (self.0 / 10) % 1_000_000
    }

    pub(crate) const fn digits(self) -> DigitBuf {
        DigitBuf::from_value(self.0 as u64, 8)
    }

    /// The UPC-A this UPC-E stands for.
    #[must_use]
    pub const fn expand(self) -> Upc {
        let d = self.digits();
        let ns = d.digit(0) as u64;
        let [d1, d2, d3, d4, d5, d6] = [
            d.digit(1) as u64,
            d.digit(2) as u64,
            d.digit(3) as u64,
            d.digit(4) as u64,
            d.digit(5) as u64,
            d.digit(6) as u64,
        ];
        // manufacturer (5 digits) and item (5 digits), per the last digit.
        let (manufacturer, item) = match d6 {
            0..=2 => (d1 * 10_000 + d2 * 1_000 + d6 * 100, d3 * 100 + d4 * 10 + d5),
            3 => (d1 * 10_000 + d2 * 1_000 + d3 * 100, d4 * 10 + d5),
            4 => (d1 * 10_000 + d2 * 1_000 + d3 * 100 + d4 * 10, d5),
            _ => (d1 * 10_000 + d2 * 1_000 + d3 * 100 + d4 * 10 + d5, d6),
        };
        let body = ns * 10_000_000_000 + manufacturer * 100_000 + item;
        Upc::pack(Kind::UpcA, body * 10 + check_digit_of_value(body) as u64)
    }

    /// The canonical UPC-E of number system `ns` and `digits` (six values), if there is one.
    const fn from_parts(ns: u8, digits: [u8; 6]) -> UpcE {
        let mut value = ns as u32;
        let mut i = 0;
        while i < 6 {
            value = value * 10 + digits[i] as u32;
            i += 1;
        }
        // The check digit comes from the expansion; a placeholder 0 does not affect it.
        let provisional = UpcE(value * 10);
        UpcE(value * 10 + provisional.expand().check_digit() as u32)
    }

    /// Whether a GS1 suppression rule produces this body (see [`UpcE`]); only the expansion
    /// rule for the last digit decides.
    const fn is_canonical(digits: [u8; 6]) -> bool {
        match digits[5] {
            3 => digits[2] > 2,
            4 => digits[3] != 0,
            5..=9 => digits[4] != 0,
            _ => true,
        }
    }
}

impl Upc {
    /// The UPC-E for this UPC-A, when the GS1 zero-suppression rules give one (number system
    /// 0, or 1 as the common extension). `Some` only when expanding it gives back exactly this
    /// code; other kinds give `None` (convert with [`to_upc_a`](Upc::to_upc_a) first).
    ///
    /// ```
    /// let upc: upc::Upc = "042100005264".parse()?;
    /// assert_eq!(upc.compress().map(|e| e.to_string()), Some("04252614".to_string()));
    /// // Not every UPC-A has a UPC-E: 012345000010 has none.
    /// assert_eq!("012345000010".parse::<upc::Upc>()?.compress(), None);
    /// Ok::<(), upc::Error>(())
    /// ```
    #[must_use]
    pub const fn compress(self) -> Option<UpcE> {
        if !matches!(self.kind(), Kind::UpcA) {
            return None;
        }
        let a = self.digits();
        let ns = a.digit(0);
        if ns > 1 {
            return None;
        }
        let m = [a.digit(1), a.digit(2), a.digit(3), a.digit(4), a.digit(5)];
        let p = [a.digit(6), a.digit(7), a.digit(8), a.digit(9), a.digit(10)];
        let digits = if m[2] <= 2 && m[3] == 0 && m[4] == 0 && p[0] == 0 && p[1] == 0 {
            [m[0], m[1], p[2], p[3], p[4], m[2]]
        } else if m[3] == 0 && m[4] == 0 && p[0] == 0 && p[1] == 0 && p[2] == 0 {
            [m[0], m[1], m[2], p[3], p[4], 3]
        } else if m[4] == 0 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0 {
            [m[0], m[1], m[2], m[3], p[4], 4]
        } else if m[4] != 0 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0 && p[4] >= 5 {
            [m[0], m[1], m[2], m[3], m[4], p[4]]
        } else {
            return None;
        };
        let e = UpcE::from_parts(ns, digits);
        // The rules above are exact; the check keeps the promise even so.
        if e.expand().to_u64() == self.to_u64() {
            Some(e)
        } else {
            None
        }
    }
}

/// Reads a UPC-E of 6 digits (number system 0 and check digit implied), 7 digits (number
/// system first, check digit implied) or 8 digits (number system, six digits, check digit),
/// with the same lenient spelling as [`Upc`] (whitespace around, single spaces or hyphens
/// between digits).
impl FromStr for UpcE {
    type Err = Error;

    fn from_str(input: &str) -> Result<UpcE, Error> {
        let digits = read(input, &SHAPE)?;
        let (ns, first) = if digits.len() == 6 {
            (0, 0)
        } else {
            (digits.digit(0), 1)
        };
        if ns > 1 {
            return Err(Error::UpcENumberSystem {
                position: position(input, trim(input).0),
                found: ns,
            });
        }
        let six = core::array::from_fn(|i| digits.digit(first + i));
        let e = UpcE::from_parts(ns, six);
        if digits.len() == 8 {
            let found = digits.digit(7);
            let expected = e.check_digit();
            if found != expected {
                return Err(Error::Parse(ParseError::CheckDigit { expected, found }));
            }
        }
        if !UpcE::is_canonical(six) {
            let expanded = e.expand();
            return Err(Error::UpcENonCanonical {
                expanded,
                canonical: match expanded.compress() {
                    Some(canonical) => canonical,
                    None => e,
                },
            });
        }
        Ok(e)
    }
}

impl TryFrom<&str> for UpcE {
    type Error = Error;

    fn try_from(input: &str) -> Result<UpcE, Error> {
        input.parse()
    }
}

/// The eight digits: number system, six digits, check digit (`04252614`).
impl fmt::Display for UpcE {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.digits().as_str())
    }
}

/// `UpcE("04252614")`.
impl fmt::Debug for UpcE {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UpcE")
            .field(&self.digits().as_str())
            .finish()
    }
}

impl From<UpcE> for Upc {
    fn from(e: UpcE) -> Upc {
        e.expand()
    }
}
