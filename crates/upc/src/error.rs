//! The one error type of the crate.

use ident_core::ParseError;

use crate::{CompanyPrefix, Kind, Upc, UpcE, Warning};

/// Why an input is not a code, a conversion has no result, or an allocation cannot proceed.
///
/// Format errors and check-digit errors both arrive as [`Error::Parse`] (tell them apart with
/// [`Error::is_check_digit`]); the other variants are specific to GS1 codes. Messages are
/// lowercase, name what was expected and what was found, and positions are 1-based characters
/// of the caller's original input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not a well-formed code (the shared vocabulary of `ident-core`).
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A UPC-E whose number system is not 0 (GS1) or 1 (the common extension).
    #[error(
        "invalid UPC-E number system {found} at position {position}: expected 0, or 1 as the common extension"
    )]
    UpcENumberSystem {
        /// 1-based character position in the original input.
        position: usize,
        /// The number-system digit found.
        found: u8,
    },
    /// A UPC-E that expands to a UPC-A whose own UPC-E is a different one: no GS1
    /// zero-suppression rule produces it.
    #[error("non-canonical UPC-E: it expands to {expanded}, which compresses to {canonical}")]
    UpcENonCanonical {
        /// The UPC-A the input expands to.
        expanded: Upc,
        /// The UPC-E that the GS1 rules give for that UPC-A.
        canonical: UpcE,
    },
    /// A conversion to a form that cannot hold the code.
    #[error("cannot convert {} {code} to {to}: {reason}", code.kind())]
    Conversion {
        /// The code to convert.
        code: Upc,
        /// The form asked for.
        to: Kind,
        /// Why not.
        reason: &'static str,
    },
    /// A company prefix an allocator must not issue from.
    #[error("company prefix {prefix} cannot issue release codes: {reason}")]
    RefusedPrefix {
        /// The prefix.
        prefix: CompanyPrefix,
        /// What the prefix is reserved for.
        reason: Warning,
    },
    /// An item reference too large for the company prefix.
    #[error(
        "item reference {item_reference} is out of range for company prefix {prefix}: expected 0 to {}",
        capacity - 1
    )]
    ItemReference {
        /// The prefix.
        prefix: CompanyPrefix,
        /// The item reference asked for.
        item_reference: u64,
        /// How many item references the prefix holds.
        capacity: u64,
    },
    /// Every item reference of the prefix has been issued.
    #[error("company prefix {prefix} is exhausted: all {capacity} item references are issued")]
    Exhausted {
        /// The prefix.
        prefix: CompanyPrefix,
        /// How many item references the prefix holds.
        capacity: u64,
    },
    /// A code that was not issued under the allocator's company prefix.
    #[error("{} {code} does not belong to company prefix {prefix}", code.kind())]
    ForeignCode {
        /// The code.
        code: Upc,
        /// The allocator's prefix.
        prefix: CompanyPrefix,
    },
    /// A code that no EAN/UPC barcode carries.
    #[error(
        "{} {code} has no EAN/UPC barcode: a GTIN-14 is carried by ITF-14 or GS1-128; convert it with to_ean13() or to_upc_a() first",
        code.kind()
    )]
    Symbology {
        /// The code.
        code: Upc,
    },
}

impl Error {
    /// A stable, machine-readable name for the kind of error, for JSON output: the shared
    /// parse kinds (`empty`, `length`, `character`, `separator`, `trailing_text`,
    /// `check_digit`) and `upc_e_number_system`, `upc_e_non_canonical`, `conversion`,
    /// `refused_prefix`, `item_reference`, `exhausted`, `foreign_code`, `symbology`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Error::Parse(e) => e.kind(),
            Error::UpcENumberSystem { .. } => "upc_e_number_system",
            Error::UpcENonCanonical { .. } => "upc_e_non_canonical",
            Error::Conversion { .. } => "conversion",
            Error::RefusedPrefix { .. } => "refused_prefix",
            Error::ItemReference { .. } => "item_reference",
            Error::Exhausted { .. } => "exhausted",
            Error::ForeignCode { .. } => "foreign_code",
            Error::Symbology { .. } => "symbology",
        }
    }

    /// The 1-based character position in the original input the error points at, if any.
    #[must_use]
    pub const fn position(&self) -> Option<usize> {
        match self {
            Error::Parse(e) => e.position(),
            Error::UpcENumberSystem { position, .. } => Some(*position),
            _ => None,
        }
    }

    /// Whether the input had a valid shape and only its check digit was wrong.
    #[must_use]
    pub const fn is_check_digit(&self) -> bool {
        matches!(self, Error::Parse(e) if e.is_check_digit())
    }

    /// The shared parse error, when this is one.
    #[must_use]
    pub const fn as_parse_error(&self) -> Option<&ParseError> {
        match self {
            Error::Parse(e) => Some(e),
            _ => None,
        }
    }
}

impl ident_core::CodeError for Error {
    fn kind(&self) -> &'static str {
        Error::kind(self)
    }

    fn position(&self) -> Option<usize> {
        Error::position(self)
    }

    fn as_parse_error(&self) -> Option<&ParseError> {
        Error::as_parse_error(self)
    }
}
