#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod assign;
mod builder;
mod codes;
mod credits;
pub mod csv;
mod date;
pub mod duration;
mod error;
mod hash;
mod import;
pub mod json;
mod lines;
mod plural;
mod provenance;
mod release;
mod report;
pub mod rules;
#[cfg(feature = "synth")]
#[cfg_attr(docsrs, doc(cfg(feature = "synth")))]
pub mod synth;
mod utc;
mod validate;

pub use assign::{Allocators, Assigned, AssignedIsrc, CodeSource};
pub use builder::ReleaseBuilder;
pub use credits::{Contributor, Role, Work};
pub use date::PartialDate;
pub use error::Error;
pub use import::{Import, ImportWarning};
pub use provenance::{Field, Provenance};
pub use release::{Catalog, Release, ReleaseType, Track};
pub use report::{Finding, Location, Report, Within};
pub use rules::{RULES, Rule, Severity, rule};
pub use utc::{Utc, UtcError};
pub use validate::{ValidationOptions, validate_releases};

/// The rule ids as constants (`rule_ids::NUMBER_GAP == "track.number_gap"`); the rules
/// themselves, with their severities, are [`rules`]' constants of the same names.
pub mod rule_ids {
    pub use crate::rules::ids::*;
}
