//! The `Upc` value: its packed representation, accessors and conversions between forms.

use core::cmp::Ordering;
use core::num::NonZeroU64;

use crate::digits::{DigitBuf, POW10, check_digit_of_value};
use crate::swar::{NIBBLES, digit_words, eight_digits};
use crate::{Error, Kind};

/// A GS1 product code as used for releases: a UPC-A (12 digits), an EAN-13, an EAN-8 or a
/// GTIN-14, with a verified check digit.
///
/// DDEX calls the release code an ICPN; in practice it is a UPC-A or an EAN-13.
///
/// - **Equality is per kind**: the UPC-A `036000291452` and the EAN-13 `0036000291452` are
///   different values but the same product; compare products with [`Upc::to_gtin14`] or
///   [`Upc::is_same_product`].
/// - **Order is the order of the canonical strings** (`Display`), across kinds too.
/// - `Copy`, 8 bytes, and `Option<Upc>` is 8 bytes as well.
///
/// ```
/// use upc::{Kind, Upc};
///
/// let upc: Upc = "0 36000 29145 2".parse()?;
/// assert_eq!(upc.kind(), Kind::UpcA);
/// assert_eq!(upc.to_string(), "036000291452");
/// let ean: Upc = "0036000291452".parse()?;
/// assert_ne!(upc, ean);
/// assert!(upc.is_same_product(ean));
/// assert_eq!(upc.to_gtin14().to_string(), "00036000291452");
/// Ok::<(), upc::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Upc(
    // The digits one a nibble, laid out as the strict parser reads them, so that a parse
    // builds the value in a shift and two ORs: fourteen slots holding the code's digits from
    // the left and zeros after them, slots 0–7 in the low nibbles of bytes 0–7 and slots 8–13
    // in the high nibbles of bytes 0–5. The top nibble holds the kind's tag (1–4), so the word
    // is never zero. The order is not this word's: see `order_key`.
    NonZeroU64,
);

const _: () = assert!(size_of::<Upc>() == 8);
const _: () = assert!(size_of::<Option<Upc>>() == 8);

/// Where the kind's tag sits in the packed word.
const TAG_SHIFT: u32 = 60;

impl Upc {
    /// The code of kind `kind` whose digits are `first` (digits 0–7) and `rest` (digits 8–13),
    /// both digit words (see [`crate::swar`]) with zeros past the code's last digit.
    #[inline(always)]
    pub(crate) const fn from_digit_words(kind: Kind, first: u64, rest: u64) -> Upc {
        match NonZeroU64::new(first | (rest << 4) | (kind.tag() << TAG_SHIFT)) {
            Some(packed) => Upc(packed),
            // The tag is never 0.
            None => Upc(NonZeroU64::MIN),
        }
    }

    /// Packs `value` (the digits read as a number, below 10^len) of kind `kind`.
    pub(crate) const fn pack(kind: Kind, value: u64) -> Upc {
        let (first, rest) = digit_words(value, kind.len());
        Upc::from_digit_words(kind, first, rest)
    }

    /// Digits 0–7 as a digit word.
    const fn first_digits(self) -> u64 {
        self.0.get() & NIBBLES
    }

    /// Digits 8–13 as a digit word (its top two bytes zero).
    const fn rest_digits(self) -> u64 {
        (self.0.get() >> 4) & (NIBBLES >> 16)
    }

    /// The digit at `index` (below 14; 0 past the code's last digit), read from its nibble.
    const fn digit(self, index: usize) -> u8 {
        let shift = if index < 8 {
            8 * index
        } else {
            8 * (index - 8) + 4
        };
        ((self.0.get() >> shift) & 0xF) as u8
    }

    /// A key whose integer order is the order of the canonical strings: the fourteen digit
    /// slots from the left, then the tag. Padding with zeros and then comparing the tags puts a
    /// code before a longer one that extends it with zeros, as a string sorts before its
    /// extensions, and the tags grow with the length.
    const fn order_key(self) -> u128 {
        ((self.first_digits().swap_bytes() as u128) << 64)
            | (self.rest_digits().swap_bytes() | self.kind().tag()) as u128
    }

    /// Which form the code was written in.
    #[must_use]
    pub const fn kind(self) -> Kind {
        Kind::from_tag(self.0.get() >> TAG_SHIFT)
    }

    /// The digits read as a decimal number, check digit included. Leading zeros are lost, so
    /// keep [`kind`](Upc::kind) beside it; the number is the same for every form of one product.
    ///
    /// ```
    /// let upc: upc::Upc = "036000291452".parse()?;
    /// assert_eq!(upc.to_u64(), 36_000_291_452);
    /// assert_eq!(upc.to_u64(), upc.to_gtin14().to_u64());
    /// Ok::<(), upc::Error>(())
    /// ```
    #[must_use]
    pub const fn to_u64(self) -> u64 {
        let left_aligned =
            eight_digits(self.first_digits()) * POW10[6] + eight_digits(self.rest_digits() << 16);
        // One constant divisor for each kind, not a division by a looked-up power.
        match self.kind() {
            Kind::Ean8 => left_aligned / POW10[6],
            Kind::UpcA => left_aligned / POW10[2],
            Kind::Ean13 => left_aligned / POW10[1],
            Kind::Gtin14 => left_aligned,
        }
    }

    /// The code of kind `kind` whose digits read as a number are `value` (the inverse of
    /// [`to_u64`](Upc::to_u64)), for codes stored as numbers beside their kind.
    ///
    /// # Errors
    /// [`Error::Parse`] with a length error when `value` has more digits than `kind` holds, or a
    /// check-digit error when its last digit is not the check digit of the others.
    pub fn from_u64(kind: Kind, value: u64) -> Result<Upc, Error> {
        if value >= POW10[kind.len()] {
            return Err(Error::Parse(ident_core::ParseError::Length {
                expected: kind_length_words(kind),
                // At least 10^8, so the logarithm is defined.
                found: value.ilog10() as usize + 1,
            }));
        }
        let expected = check_digit_of_value(value / 10);
        let found = (value % 10) as u8;
        if expected != found {
            return Err(Error::Parse(ident_core::ParseError::CheckDigit {
                expected,
                found,
            }));
        }
        Ok(Upc::pack(kind, value))
    }

    /// The check digit (the last digit).
    #[must_use]
    pub const fn check_digit(self) -> u8 {
        self.digit(self.kind().len() - 1)
    }

    /// The same product as a GTIN-14 (indicator digit and zeros on the left), the form GS1
    /// recommends for storing and comparing codes of any kind ("right justified in a 14 digit
    /// field"). A GTIN-14 is returned as it is.
    ///
    /// ```
    /// let ean8: upc::Upc = "96385074".parse()?;
    /// assert_eq!(ean8.to_gtin14().to_string(), "00000096385074");
    /// Ok::<(), upc::Error>(())
    /// ```
    #[must_use]
    pub const fn to_gtin14(self) -> Upc {
        Upc::pack(Kind::Gtin14, self.to_u64())
    }

    /// Whether two codes identify the same product, whatever their forms.
    #[must_use]
    pub const fn is_same_product(self, other: Upc) -> bool {
        self.to_u64() == other.to_u64()
    }

    /// The code as an EAN-13: a UPC-A gains a leading `0`; a GTIN-14 must have the
    /// indicator digit `0`.
    ///
    /// ```
    /// let upc: upc::Upc = "036000291452".parse()?;
    /// assert_eq!(upc.to_ean13()?.to_string(), "0036000291452");
    /// Ok::<(), upc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Conversion`] for an EAN-8 (GS1 keeps GTIN-8 out of EAN-13 symbols; use
    /// [`to_gtin14`](Upc::to_gtin14)) and for a GTIN-14 whose indicator digit is not `0`.
    pub fn to_ean13(self) -> Result<Upc, Error> {
        self.convert(Kind::Ean13)
    }

    /// The code as a UPC-A: an EAN-13 or a GTIN-14 must start with `0` or `00`.
    ///
    /// ```
    /// let ean: upc::Upc = "0036000291452".parse()?;
    /// assert_eq!(ean.to_upc_a()?.to_string(), "036000291452");
    /// let err = "5012345678900".parse::<upc::Upc>()?.to_upc_a().unwrap_err();
    /// assert_eq!(err.to_string(), "cannot convert EAN-13 5012345678900 to UPC-A: it does not start with 0");
    /// Ok::<(), upc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Conversion`] when the code does not start with the zeros a UPC-A needs, and for
    /// an EAN-8.
    pub fn to_upc_a(self) -> Result<Upc, Error> {
        self.convert(Kind::UpcA)
    }

    /// The code as an EAN-8: only an EAN-8 or a GTIN-14 that holds one (six leading zeros).
    ///
    /// # Errors
    /// [`Error::Conversion`] for a UPC-A, an EAN-13, or a GTIN-14 that does not start with
    /// `000000`.
    pub fn to_ean8(self) -> Result<Upc, Error> {
        self.convert(Kind::Ean8)
    }

    /// The code in form `to`, when that form can hold it.
    ///
    /// # Errors
    /// [`Error::Conversion`], as for the `to_*` methods.
    pub fn convert(self, to: Kind) -> Result<Upc, Error> {
        let from = self.kind();
        if from == to {
            return Ok(self);
        }
        let refuse = |reason| {
            Err(Error::Conversion {
                code: self,
                to,
                reason,
            })
        };
        // GTIN-8 has its own symbol; it enters the 14-digit field only (GS1 GenSpecs §3.2).
        if (from == Kind::Ean8) != (to == Kind::Ean8) && from != Kind::Gtin14 && to != Kind::Gtin14
        {
            return refuse(if from == Kind::Ean8 {
                "an EAN-8 has no 12- or 13-digit form; compare it through to_gtin14()"
            } else {
                "only a GTIN-14 holds an EAN-8"
            });
        }
        let value = self.to_u64();
        if value >= POW10[to.len()] {
            return refuse(match from.len() - to.len() {
                1 => "it does not start with 0",
                2 => "it does not start with 00",
                _ => "it does not start with 000000",
            });
        }
        Ok(Upc::pack(to, value))
    }

    /// The digits, printed into a buffer on the stack.
    pub(crate) const fn digits(self) -> DigitBuf {
        DigitBuf::from_words(self.first_digits(), self.rest_digits(), self.kind().len())
    }
}

/// By the canonical strings (see [`Upc`]).
impl Ord for Upc {
    fn cmp(&self, other: &Upc) -> Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for Upc {
    fn partial_cmp(&self, other: &Upc) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

const fn kind_length_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Ean8 => "8 digits",
        Kind::UpcA => "12 digits",
        Kind::Ean13 => "13 digits",
        Kind::Gtin14 => "14 digits",
    }
}

/// The shared code-type interface: `NAME` is `"UPC"`, the strict parser is
/// [`Upc::parse_digits`].
impl ident_core::Code for Upc {
    type Error = Error;

    const NAME: &'static str = "UPC";

    fn parse_strict(input: &[u8]) -> Result<Upc, Error> {
        Upc::parse_digits(input)
    }
}
