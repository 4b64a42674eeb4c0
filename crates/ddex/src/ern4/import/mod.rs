//! Reading a `NewReleaseMessage` into a [`Release`]: one pass over the events, references
//! collected with their offsets and resolved at the end.

mod deals;
mod message;
mod read;
mod release;
mod resolve;

use std::io;

use self::message::Message;
use crate::pull::{Element, Pull};
use crate::{Deal, Error, MessageHeader, NAMESPACE};
use release_model::{Release, Report};

/// What an ERN message holds, in the model's terms.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Imported {
    /// The message header (the first recipient when there are several).
    pub header: MessageHeader,
    /// The main release and its tracks.
    pub release: Release,
    /// The deals that cover the main release.
    pub deals: Vec<Deal>,
    /// What the reader noticed but could read past (rule ids `ddex.*`, all warnings): a
    /// 14-digit ICPN, an ICPN with a wrong check digit, a resource in the track list that is
    /// not a sound recording, a release type or deal the model cannot hold. Run
    /// [`Release::validate`] for the release's own findings.
    pub report: Report,
}

/// Rule ids of the reader's findings.
pub mod rules {
    /// The ICPN has 14 digits (a GTIN-14); the release keeps it as given.
    pub const ICPN_GTIN14: &str = "ddex.icpn_gtin14";
    /// The ICPN's check digit is wrong; the release gets no UPC.
    pub const ICPN_CHECK_DIGIT: &str = "ddex.icpn_check_digit";
    /// The ICPN is not a GTIN at all; the release gets no UPC.
    pub const ICPN_INVALID: &str = "ddex.icpn_invalid";
    /// The release is identified without an ICPN (GRid or proprietary id only).
    pub const NO_ICPN: &str = "ddex.no_icpn";
    /// A resource in the track list is not a sound recording (a video, an image, a text).
    pub const SKIPPED_RESOURCE: &str = "ddex.skipped_resource";
    /// The release type has no equivalent in the model.
    pub const RELEASE_TYPE: &str = "ddex.release_type";
    /// A deal the model's [`Deal`](crate::Deal) cannot hold.
    pub const SKIPPED_DEAL: &str = "ddex.skipped_deal";
    /// The message's creation date-time has no time zone.
    pub const CREATED_WITHOUT_ZONE: &str = "ddex.created_without_zone";
    /// The label party has no name.
    pub const UNNAMED_LABEL: &str = "ddex.unnamed_label";
}

/// Reads an ERN 4.3 `NewReleaseMessage`.
///
/// Lenient where DDEX's own sample messages are: a 14-digit ICPN is kept (with a warning), an
/// ICPN with a wrong check digit becomes a warning and no UPC. Strict where reading on would
/// be guessing: malformed XML, another root element or namespace, another ERN version, a
/// reference to nothing, a reference two parties or resources claim, a second main release,
/// an unreadable ISRC, duration or date are errors with their line and column.
///
/// Tracks are the sound recordings the main release's resource group lists, in the order of
/// the resource list; discs are the `Component` sub-groups in order (other sub-groups, such as
/// classical `MultiWorkPart`s, are read through); track numbers count 1, 2, … through each
/// disc in `SequenceNumber` order. A track whose display artist is the release's gets
/// `artist: None`.
///
/// # Errors
///
/// [`Error::Syntax`], [`Error::Root`], [`Error::Namespace`], [`Error::Version`],
/// [`Error::Missing`], [`Error::Value`], [`Error::Dangling`], [`Error::NoRelease`].
pub fn import(input: &[u8]) -> Result<Imported, Error> {
    let mut pull = Pull::new(input);
    let root = pull.root()?;
    check_root(&pull, &root)?;
    let language = pull.attribute(&root, "LanguageAndScriptCode")?;
    let mut message = Message::default();
    while let Some(child) = pull.child(&root)? {
        match child.name() {
            b"MessageHeader" => {
                message.header = Some(read::header(&mut pull, &child, &mut message)?);
            }
            b"PartyList" => read::parties(&mut pull, &child, &mut message)?,
            b"ResourceList" => read::resources(&mut pull, &child, &mut message)?,
            b"ReleaseList" => release::release_list(&mut pull, &child, &mut message)?,
            b"DealList" => deals::deal_list(&mut pull, &child, &mut message)?,
            _ => pull.skip(&child)?,
        }
    }
    pull.finish()?;
    let mut imported = message.into_imported(&pull, &root)?;
    if let Some(language) = language {
        imported.header.language = language.into_owned();
    }
    Ok(imported)
}

/// [`import`] from any reader; the message is read into memory first (ERN messages are small,
/// and errors need the text to name lines and columns).
///
/// # Errors
///
/// As [`import`], and [`Error::Io`] when reading fails.
pub fn import_reader<R: io::Read>(mut reader: R) -> Result<Imported, Error> {
    let mut input = Vec::new();
    reader.read_to_end(&mut input)?;
    import(&input)
}

fn check_root(pull: &Pull<'_>, root: &Element<'_>) -> Result<(), Error> {
    let position = pull.position_of(root.offset);
    let prefix = root.start.name().prefix();
    let declaration = match prefix {
        Some(prefix) => {
            let mut name = b"xmlns:".to_vec();
            name.extend_from_slice(prefix.into_inner());
            pull.attribute(root, &String::from_utf8_lossy(&name))?
        }
        None => pull.attribute(root, "xmlns")?,
    };
    let namespace = declaration.unwrap_or_default();
    if namespace != NAMESPACE {
        return Err(match namespace.strip_prefix("http://ddex.net/xml/ern/") {
            Some(version) => Error::Version {
                position,
                found: version.to_owned(),
            },
            None => Error::Namespace {
                position,
                found: namespace.into_owned(),
            },
        });
    }
    if root.name() != b"NewReleaseMessage" {
        return Err(Error::Root {
            position,
            found: String::from_utf8_lossy(root.name()).into_owned(),
        });
    }
    Ok(())
}
