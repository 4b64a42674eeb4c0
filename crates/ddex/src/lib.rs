#![doc = include_str!("../README.md")]

mod batch;
mod carry;
mod credits;
mod deal;
#[cfg(feature = "delivery")]
pub mod delivery;
mod ern3;
mod ern4;
mod error;
mod files;
mod header;
mod position;
pub mod profile;
mod pull;
mod read;
mod version;
mod write;

pub use batch::{Batch, FileOutcome, read_files, xml_files};
pub use carry::carried;
pub use deal::{CommercialModelType, Deal, Territory, UseType};
pub use error::Error;
pub use files::{
    AudioFile, DeliveredFile, ImageFile, ResourceFiles, bytes_of_kilobytes, kilobytes,
};
pub use header::{DateTime, Dpid, MessageHeader, MessageParty};
pub use position::Position;
pub use read::{
    Action, Delivery, Imported, Level, Note, Purged, import, import_reader, read, rules,
};
pub use version::{ErnVersion, Family};
pub use write::{ExportOptions, export, export_to_string};

/// The ERN 4.3 namespace of the `NewReleaseMessage` root.
pub const NAMESPACE: &str = "http://ddex.net/xml/ern/43";

/// The `xsi:schemaLocation` DDEX's own 4.3 samples give.
pub const SCHEMA_LOCATION: &str =
    "http://ddex.net/xml/ern/43 http://ddex.net/xml/ern/43/release-notification.xsd";

/// The `AvsVersionId` written: the version of the allowed-value sets the 4.3 schema imports
/// (the `AvsVersionId` its `avs.xsd` documents).
pub const AVS_VERSION: &str = "6";
