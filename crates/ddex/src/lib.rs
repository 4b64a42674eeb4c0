//! DDEX ERN 4.3: export a [`Release`](release_model::Release) as a `NewReleaseMessage` and import one
//! back, valid against the official schema.
//!
//! Streaming services take release deliveries as DDEX ERN messages (Spotify accepts nothing
//! older than 4.3 from April 2026). The XSD checks structure, not business rules, so
//! [`export`] first validates the release ([`Release::validate`](release_model::Release::validate))
//! and refuses one with errors, then writes every element in the order of the schema's
//! `xs:sequence`s with quick-xml. What the message says about the sender, the recipient and
//! the time comes from the caller ([`MessageHeader`]); the library never reads the clock.
//!
//! [`import`] reads a message with quick-xml's streaming reader: parties and resources are
//! resolved by reference, discs come from `Component` resource groups, and problems DDEX's own
//! sample messages have (14-digit ICPNs, wrong check digits) are warnings in the import's
//! report rather than failures. Malformed XML, a wrong namespace or ERN version and dangling
//! references are errors with line and column.
//!
//! Export → import gives the release back: every field the model holds has its place in the
//! message. A track artist equal to the release artist comes back as `None` (the model's
//! "same as the release").
//!
//! ```
//! use std::time::Duration;
//! use release_model::{Release, ReleaseType};
//! use ddex::{self, CommercialModelType, Deal, MessageHeader, MessageParty,
//!     Territory, UseType};
//!
//! let mut release = Release::builder("Vesica Piscis", "One Yen")
//!     .upc("0123456789012".parse()?)
//!     .label("Leerecs")
//!     .genre("Electronic")
//!     .release_type(ReleaseType::Single)
//!     .release_date("2026-03-01".parse()?)
//!     .track("Vesica Piscis", Duration::from_secs(201))
//!     .build();
//! release.tracks[0].isrc = Some("QZAQQ2600001".parse()?);
//! let header = MessageHeader::new(
//!     "M1",
//!     MessageParty::new("PADPIDA2013042401U".parse()?, "Leerecs"),
//!     MessageParty::new("PADPIDA2009101501Y".parse()?, "A DSP"),
//!     "2026-03-01T12:00:00Z".parse()?,
//! );
//! let deal = Deal::new(
//!     vec![Territory::WORLDWIDE],
//!     "2026-03-01".parse()?,
//!     CommercialModelType::SubscriptionModel,
//!     vec![UseType::OnDemandStream],
//! );
//! let options = ddex::ExportOptions::new().deals(vec![deal.clone()]);
//! let xml = ddex::export_to_string(&release, &header, &options)?;
//! let imported = ddex::import(xml.as_bytes())?;
//! assert_eq!(imported.release, release);
//! assert_eq!(imported.deals, [deal]);
//! assert_eq!(imported.header, header);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batch;
mod deal;
mod ern3;
mod ern4;
mod error;
mod header;
mod position;
mod pull;
mod read;
mod version;

pub use batch::{Batch, FileOutcome, read_files, xml_files};
pub use deal::{CommercialModelType, Deal, Territory, UseType};
pub use ern4::export::{ExportOptions, export, export_to_string};
pub use error::Error;
pub use header::{DateTime, Dpid, MessageHeader, MessageParty};
pub use position::Position;
pub use read::{
    Action, Delivery, Imported, Level, Note, Purged, import, import_reader, read, rules,
};
pub use version::{ErnVersion, Family};

/// The ERN 4.3 namespace of the `NewReleaseMessage` root.
pub const NAMESPACE: &str = "http://ddex.net/xml/ern/43";

/// The `xsi:schemaLocation` DDEX's own 4.3 samples give.
pub const SCHEMA_LOCATION: &str =
    "http://ddex.net/xml/ern/43 http://ddex.net/xml/ern/43/release-notification.xsd";

/// The `AvsVersionId` written: the version of the allowed-value sets the 4.3 schema imports
/// (the `AvsVersionId` its `avs.xsd` documents).
pub const AVS_VERSION: &str = "6";
