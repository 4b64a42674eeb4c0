//! Delivery batches in the layout of DDEX's ERN choreography over SFTP (ECHO 1.7, batched
//! profile): a batch folder, one folder per release holding its message and `resources/`, and
//! the `BatchComplete_<BatchId>.xml` manifest, written last.
//!
//! [`ingest`] takes a batch someone else wrote and trusts nothing in it; see its
//! documentation for what is refused.

mod digest;
mod ingest;
mod manifest;
mod package;
mod paths;
mod refusal;
mod rules;
mod scan;

pub use self::digest::FileDigest;
pub use self::ingest::{Applied, CheckedFile, Ingested, MAX_FILE_BYTES, MessageReport, ingest};
pub use self::manifest::manifest_name;
pub use self::package::{PackageOptions, Packaged, Source, batch_id, package};
pub use self::refusal::Refusal;
pub use self::rules::ids as rule_ids;
pub use self::rules::{RULES, rule};

use crate::Error;
