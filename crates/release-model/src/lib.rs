#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod assign;
mod builder;
mod codes;
pub mod csv;
mod date;
pub mod duration;
mod error;
mod hash;
mod import;
pub mod json;
mod lines;
mod provenance;
mod release;
mod report;
mod rules;
#[cfg(feature = "synth")]
#[cfg_attr(docsrs, doc(cfg(feature = "synth")))]
pub mod synth;
mod utc;
mod validate;

pub use assign::{Allocators, Assigned, AssignedIsrc, CodeSource};
pub use builder::ReleaseBuilder;
pub use date::PartialDate;
pub use error::Error;
pub use import::{Import, ImportWarning};
pub use provenance::{Field, Provenance};
pub use release::{Catalog, Release, ReleaseType, Track};
pub use report::{Finding, Location, Report, Severity, Within};
pub use rules::{RULES, Rule, rule};
pub use utc::{Utc, UtcError};
pub use validate::{ValidationOptions, validate_releases};

/// The rule ids as constants (`rule_ids::NUMBER_GAP == "track.number_gap"`).
pub mod rule_ids {
    pub use crate::rules::{
        DISC_GAP, DUPLICATE_ISRC, DUPLICATE_NUMBER, DUPLICATE_UPC, EMPTY_ARTIST, EMPTY_RELEASE,
        EMPTY_TITLE, EMPTY_TRACK_ARTIST, EMPTY_TRACK_TITLE, IMPLAUSIBLE_DURATION, INVALID_POSITION,
        ISRC_AFTER_RELEASE, ISRC_CONFLICT, MISSING_DURATION, MISSING_ISRC, MISSING_RELEASE_DATE,
        MISSING_RELEASE_TYPE, MISSING_UPC, NUMBER_GAP, ORIGINAL_AFTER_RELEASE,
        SINGLE_TITLE_MISMATCH, TOO_MANY_TRACKS, TYPE_MISMATCH, ZERO_DURATION,
    };
}
