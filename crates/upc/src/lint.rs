//! Classification: what a valid code is reserved for, reported as warnings, never as errors.
//!
//! Sources (GS1 company-prefix list as of 2025-03, GS1 General Specifications §2.1.11–2.1.12 on
//! restricted circulation numbers, and the UPC number-system digit):
//!
//! | GS1 prefix (GTIN-13 view) | warning |
//! |---|---|
//! | `0000000` | restricted circulation, within a company |
//! | `020`–`029`, `200`–`299` | restricted circulation, within a geographic region |
//! | `040`–`049` | restricted circulation, within a company |
//! | `050`–`059` | coupon (the historic UPC coupons, number system 5) |
//! | `952` | GS1 demonstration prefix |
//! | `977` | ISSN (serial publication) |
//! | `978`, `979` | Bookland (ISBN) |
//! | `9790` | ISMN (printed music) |
//! | `980` | refund receipt |
//! | `981`–`983`, `990`–`999` | coupon |
//!
//! A code that is a UPC-A, or has a UPC-A form, reports its number system 2–5; a GTIN-14
//! with indicator digit 9 is a variable-measure trade item; an EAN-8 starting with 0 or 2 is a
//! restricted circulation number (RCN-8); a UPC-E with number system 1 uses the common
//! extension outside the GS1 specification.

use core::fmt;

use crate::{Kind, Upc, UpcE};

/// Where a restricted circulation number is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Circulation {
    /// Within a geographic region, by rules of the local GS1 organisation (variable-measure
    /// items, weight or price in the code).
    Region,
    /// Within one company (store-internal numbers, loyalty cards).
    Company,
}

/// Something to know about a valid code: it is reserved for a purpose other than a release
/// sold in the open market. Each warning has a stable [`rule`](Warning::rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// A restricted circulation number (RCN), not unique outside its region or company.
    RestrictedCirculation {
        /// Where it is valid.
        within: Circulation,
    },
    /// A coupon number.
    Coupon,
    /// A refund-receipt number (prefix 980).
    RefundReceipt,
    /// A Bookland EAN: an ISBN (prefix 978 or 979).
    Bookland,
    /// An ISMN: printed music (prefix 979-0).
    Ismn,
    /// An ISSN: a serial publication (prefix 977).
    Issn,
    /// The GS1 prefix 952, kept for demonstrations and examples.
    DemoPrefix,
    /// A UPC number system (the first digit of a UPC-A) with a special meaning: 2 variable
    /// measure, 3 drugs (the digits are a US NDC), 4 in-store use, 5 coupons.
    NumberSystem {
        /// The number-system digit.
        digit: u8,
    },
    /// A GTIN-14 with indicator digit 9: a variable-measure trade item.
    VariableMeasure,
    /// A UPC-E with number system 1, a common extension outside the GS1 specification (which
    /// knows UPC-E with number system 0 only).
    UpcENumberSystem1,
}

impl Warning {
    /// The stable identifier of the warning, for machines: `upc.restricted_circulation`,
    /// `upc.coupon`, `upc.refund_receipt`, `upc.bookland`, `upc.ismn`, `upc.issn`,
    /// `upc.demo_prefix`, `upc.number_system`, `upc.variable_measure`,
    /// `upc.upc_e_number_system`.
    #[must_use]
    pub const fn rule(&self) -> &'static str {
        match self {
            Warning::RestrictedCirculation { .. } => "upc.restricted_circulation",
            Warning::Coupon => "upc.coupon",
            Warning::RefundReceipt => "upc.refund_receipt",
            Warning::Bookland => "upc.bookland",
            Warning::Ismn => "upc.ismn",
            Warning::Issn => "upc.issn",
            Warning::DemoPrefix => "upc.demo_prefix",
            Warning::NumberSystem { .. } => "upc.number_system",
            Warning::VariableMeasure => "upc.variable_measure",
            Warning::UpcENumberSystem1 => "upc.upc_e_number_system",
        }
    }

    /// Whether an allocator must refuse a company prefix with this warning: the number would
    /// not identify a release in the open market.
    pub(crate) const fn refuses_allocation(&self) -> bool {
        matches!(
            self,
            Warning::RestrictedCirculation { .. }
                | Warning::Coupon
                | Warning::RefundReceipt
                | Warning::Bookland
                | Warning::Ismn
                | Warning::Issn
        )
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::RestrictedCirculation {
                within: Circulation::Region,
            } => f.write_str(
                "restricted circulation number: valid only within a geographic region (variable-measure or in-store items)",
            ),
            Warning::RestrictedCirculation {
                within: Circulation::Company,
            } => f.write_str("restricted circulation number: valid only within one company"),
            Warning::Coupon => f.write_str("coupon number, not a trade item"),
            Warning::RefundReceipt => f.write_str("refund receipt number (prefix 980), not a trade item"),
            Warning::Bookland => f.write_str("bookland EAN: an ISBN (prefix 978 or 979)"),
            Warning::Ismn => f.write_str("ISMN for printed music (prefix 979-0)"),
            Warning::Issn => f.write_str("ISSN for a serial publication (prefix 977)"),
            Warning::DemoPrefix => {
                f.write_str("GS1 demonstration prefix 952: for examples, never on a product")
            }
            Warning::NumberSystem { digit } => {
                let meaning = match digit {
                    2 => "variable-measure item, weight or price in the code",
                    3 => "drug or health item, the digits are a US NDC",
                    4 => "in-store use without format restriction",
                    _ => "coupon",
                };
                write!(f, "UPC number system {digit}: {meaning}")
            }
            Warning::VariableMeasure => {
                f.write_str("GTIN-14 indicator digit 9: a variable-measure trade item")
            }
            Warning::UpcENumberSystem1 => f.write_str(
                "UPC-E with number system 1: a common extension, GS1 defines UPC-E for number system 0 only",
            ),
        }
    }
}

/// The warnings about one code, in a fixed order; no allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lints {
    items: [Option<Warning>; 3],
    next: usize,
}

impl Lints {
    const fn new() -> Lints {
        Lints {
            items: [None; 3],
            next: 0,
        }
    }

    const fn push(mut self, warning: Warning) -> Lints {
        let mut i = 0;
        while i < self.items.len() {
            if self.items[i].is_none() {
                self.items[i] = Some(warning);
                return self;
            }
            i += 1;
        }
        self
    }

    /// Whether there are no warnings left.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items[self.next..].iter().all(Option::is_none)
    }

    /// Whether a warning with the stable id `code` (its [`rule`](Warning::rule)) is among them.
    #[must_use]
    pub fn contains(&self, code: &str) -> bool {
        self.items[self.next..]
            .iter()
            .flatten()
            .any(|w| w.rule() == code)
    }
}

impl Iterator for Lints {
    type Item = Warning;

    fn next(&mut self) -> Option<Warning> {
        let item = self.items.get(self.next).copied().flatten();
        if item.is_some() {
            self.next += 1;
        }
        item
    }
}

/// The prefix-based warning for a code in its GTIN-13 view (the thirteen digits read as a
/// number; a UPC-A reads as `0` + its digits): its first three digits, and the fourth for 979.
pub(crate) const fn prefix_warning(gtin13: u64) -> Option<Warning> {
    let fourth = (gtin13 / 1_000_000_000) % 10;
    Some(match gtin13 / 10_000_000_000 {
        0 if gtin13 < 1_000_000 => Warning::RestrictedCirculation {
            within: Circulation::Company,
        },
        20..=29 | 200..=299 => Warning::RestrictedCirculation {
            within: Circulation::Region,
        },
        40..=49 => Warning::RestrictedCirculation {
            within: Circulation::Company,
        },
        50..=59 | 981..=983 | 990..=999 => Warning::Coupon,
        952 => Warning::DemoPrefix,
        977 => Warning::Issn,
        978 => Warning::Bookland,
        979 if fourth == 0 => Warning::Ismn,
        979 => Warning::Bookland,
        980 => Warning::RefundReceipt,
        _ => return None,
    })
}

impl Upc {
    /// The warnings about this code (see the table in the crate documentation); empty for an
    /// ordinary release code. A product gets the same warnings in every form it has.
    ///
    /// ```
    /// let upc: upc::Upc = "9790060115615".parse()?;
    /// let codes: Vec<&str> = upc.lint().map(|w| w.rule()).collect();
    /// assert_eq!(codes, ["upc.ismn"]);
    /// assert!("036000291452".parse::<upc::Upc>()?.lint().is_empty());
    /// Ok::<(), upc::Error>(())
    /// ```
    #[must_use]
    pub const fn lint(self) -> Lints {
        let mut lints = Lints::new();
        let value = self.to_u64();
        if let Kind::Ean8 = self.kind() {
            let first = value / 10_000_000;
            if first == 0 || first == 2 {
                lints = lints.push(Warning::RestrictedCirculation {
                    within: Circulation::Company,
                });
            } else if value / 100_000 == 952 {
                lints = lints.push(Warning::DemoPrefix);
            }
            return lints;
        }
        if matches!(self.kind(), Kind::Gtin14) && value / 10_000_000_000_000 == 9 {
            lints = lints.push(Warning::VariableMeasure);
        }
        let gtin13 = value % 10_000_000_000_000;
        if let Some(w) = prefix_warning(gtin13) {
            lints = lints.push(w);
        }
        // A UPC-A form exists when the GTIN-13 view starts with 0; its first digit after that
        // is the number system.
        if gtin13 < 1_000_000_000_000 {
            let digit = (gtin13 / 100_000_000_000) as u8;
            if digit >= 2 && digit <= 5 {
                lints = lints.push(Warning::NumberSystem { digit });
            }
        }
        lints
    }
}

impl UpcE {
    /// The warnings about this UPC-E: number system 1, and whatever its UPC-A reports.
    ///
    /// ```
    /// let e: upc::UpcE = "1234567".parse()?;
    /// assert_eq!(e.lint().next().map(|w| w.rule()), Some("upc.upc_e_number_system"));
    /// Ok::<(), upc::Error>(())
    /// ```
    #[must_use]
    pub const fn lint(self) -> Lints {
        let mut lints = self.expand().lint();
        if self.number_system() == 1 {
            lints = lints.push(Warning::UpcENumberSystem1);
        }
        lints
    }
}
