//! Reading an ERN message into the release model: the text decoded, the version taken from
//! the root's namespace, the family's walker collecting what the model needs in one pass
//! over the events, and the references resolved at the end.

pub(crate) mod deals;
mod decode;
pub(crate) mod group;
pub(crate) mod header;
pub(crate) mod message;
mod note;
mod purge;
mod resolve;

use std::io;

pub use self::note::{Level, Note};
pub use self::purge::Purged;

use self::message::Message;
use crate::pull::{Element, Pull};
use crate::version::NAMESPACE_BASE;
use crate::{Deal, ErnVersion, Error, Family, MessageHeader, ern3, ern4};
use release_model::Release;

/// What a message asks the recipient to do with its release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// A release the recipient has not had: ERN 3's `UpdateIndicator` `OriginalMessage`, or
    /// any ERN 4 `NewReleaseMessage` (ERN 4 dropped the indicator: every message is the
    /// whole release, and the recipient decides whether it already has it).
    Insert,
    /// New metadata for a release sent before (ERN 3 `UpdateIndicator` `UpdateMessage`; in
    /// an ERN 4 batch, the manifest's `DeliveryType` `ReDelivery`).
    Update,
    /// Stop offering the release: every deal for it is a takedown (ERN 3
    /// `DealTerms/TakeDown`), or every deal for it has ended by the day the message was
    /// created (an `EndDate` in the past or that day, ERN 4.3 Part 1 §6.19.4). A message
    /// without any deal reads as an insert: the standard's other takedown form, it is also what
    /// a first delivery offering no deal yet looks like ("no takedown in initial deal"); in a
    /// batch the manifest's `DeliveryType` `TakeDown` tells them apart
    /// ([`delivery::ingest`](crate::delivery::ingest)).
    Takedown,
    /// A `PurgeReleaseMessage`: remove the release and everything known about it.
    Purge,
}

impl Action {
    /// `insert`, `update`, `takedown` or `purge`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Insert => "insert",
            Action::Update => "update",
            Action::Takedown => "takedown",
            Action::Purge => "purge",
        }
    }
}

impl core::fmt::Display for Action {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a `NewReleaseMessage` holds, in the model's terms.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Imported {
    /// The ERN version the message declares in its namespace.
    pub version: ErnVersion,
    /// Insert, update or takedown.
    pub action: Action,
    /// Whether the header marks it a `TestMessage`.
    pub test: bool,
    /// The message header (the first recipient when there are several).
    pub header: MessageHeader,
    /// The main release and its tracks.
    pub release: Release,
    /// The deals that cover the main release.
    pub deals: Vec<Deal>,
    /// What the reader noticed, each with its place in the message: warnings for what it
    /// read past or mended (a 14-digit ICPN, a wrong check digit, a hyphenated ISRC, a deal
    /// the model cannot hold), and one info note for each part of the message the model has
    /// no place for (a video, a related release, another territory's details), so that a
    /// lossy conversion says where it lost what. Run [`Release::validate`] for the release's
    /// own findings.
    pub notes: Vec<Note>,
}

impl Imported {
    /// The rule ids of the notes, in order (a rule once per note).
    #[must_use]
    pub fn rules(&self) -> Vec<&'static str> {
        self.notes.iter().map(|note| note.rule.id).collect()
    }

    /// The warnings (not the info notes).
    pub fn warnings(&self) -> impl Iterator<Item = &Note> {
        self.notes
            .iter()
            .filter(|note| note.level == Level::Warning)
    }
}

/// Any message the reader understands: a release, or a purge of one.
// Messages are read one at a time and most are releases: boxing the larger variant would add
// an allocation to every read to save stack on the rarer purges.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    /// A `NewReleaseMessage`.
    Release(Imported),
    /// A `PurgeReleaseMessage`.
    Purge(Purged),
}

impl Delivery {
    /// What the message asks for.
    #[must_use]
    pub fn action(&self) -> Action {
        match self {
            Delivery::Release(imported) => imported.action,
            Delivery::Purge(_) => Action::Purge,
        }
    }

    /// The message header.
    #[must_use]
    pub fn header(&self) -> &MessageHeader {
        match self {
            Delivery::Release(imported) => &imported.header,
            Delivery::Purge(purged) => &purged.header,
        }
    }

    /// The message's ERN version.
    #[must_use]
    pub fn version(&self) -> ErnVersion {
        match self {
            Delivery::Release(imported) => imported.version,
            Delivery::Purge(purged) => purged.version,
        }
    }

    /// The reader's notes.
    #[must_use]
    pub fn notes(&self) -> &[Note] {
        match self {
            Delivery::Release(imported) => &imported.notes,
            Delivery::Purge(purged) => &purged.notes,
        }
    }
}

/// The rules of the reader's notes, in the one [`Rule`](release_model::Rule) type every
/// crate's findings share (`musicid rules` lists them): a note's level is its rule's
/// severity, `info` or `warning`. The `ddex.export.*` rules are the writer's notes, info
/// findings of an export's report naming what the version written leaves out of the
/// release's credits ([`carried`](crate::carried)).
pub mod rules {
    use release_model::{Rule, Severity};

    macro_rules! note_rules {
        ($( $name:ident = $id:literal, $severity:ident, $summary:literal; )*) => {
            $(
                #[doc = concat!("`", $id, "`: ", $summary)]
                pub const $name: &Rule = &Rule::new($id, Severity::$severity, $summary);
            )*

            /// Every rule of the reader's notes.
            pub const RULES: &[Rule] = &[$(*$name,)*];
        };
    }

    note_rules! {
        ICPN_GTIN14 = "ddex.icpn_gtin14", Warning,
            "the ICPN has 14 digits (a GTIN-14); the release keeps it as given";
        ICPN_CHECK_DIGIT = "ddex.icpn_check_digit", Warning,
            "the ICPN's check digit is wrong; the release gets no UPC";
        ICPN_INVALID = "ddex.icpn_invalid", Warning,
            "the ICPN is not a GTIN at all; the release gets no UPC";
        CODE_SPELLING = "ddex.code_spelling", Warning,
            "the ICPN or ISRC was written with spaces, hyphens or lower case and read as the code";
        DURATION_SPELLING = "ddex.duration_spelling", Warning,
            "a duration written as clock time (3:21) rather than an xs:duration; read as such";
        NO_ICPN = "ddex.no_icpn", Warning,
            "the release is identified without an ICPN (GRid or proprietary id only)";
        SKIPPED_RESOURCE = "ddex.skipped_resource", Info,
            "a resource in the track list is not a sound recording (a video, an image, a text)";
        RELEASE_TYPE = "ddex.release_type", Warning,
            "the release type has no equivalent in the model";
        SKIPPED_DEAL = "ddex.skipped_deal", Warning,
            "a deal the model cannot hold (not in whole days, excluded territories, other terms), skipped";
        CREATED_WITHOUT_ZONE = "ddex.created_without_zone", Warning,
            "the message's creation date-time has no time zone";
        UNNAMED_LABEL = "ddex.unnamed_label", Warning,
            "the label party has no name";
        INVALID_DPID = "ddex.invalid_dpid", Warning,
            "a sender or recipient PartyId that is no DPID (PADPIDA, ten characters and an ISO 7064 MOD 37,36 check character); kept as written, refused by export";
        EMPTY_MESSAGE_ID = "ddex.empty_message_id", Warning,
            "the message id is empty";
        NO_LANGUAGE = "ddex.no_language", Warning,
            "the root lacks LanguageAndScriptCode; English is assumed";
        SCHEMA_VERSION_ID = "ddex.schema_version_id", Warning,
            "MessageSchemaVersionId is misspelt (a leading slash) or names another version than the namespace; the namespace decides";
        DRAFT_VERSION = "ddex.draft_version", Warning,
            "the namespace names a draft of its version (ern/37D2)";
        UTF16 = "ddex.utf16", Warning,
            "the text came in UTF-16 and was read as such";
        UNNAMED_CREDIT = "ddex.unnamed_credit", Warning,
            "a credited party without a name; the credit is left out";
        CREDIT_ROLE = "ddex.credit_role", Warning,
            "a credit's role that is no single word (the model's roles are DDEX's tokens); the role is left out, the contributor kept";
        INVALID_IDENTIFIER = "ddex.invalid_identifier", Warning,
            "an ISNI, IPI name number, ISWC or GRid that does not read or fails its check; left out";
        LEFT_OUT = "ddex.left_out", Info,
            "something the model has no place for, left out and named with its place";
        RELEASE_CREDIT_LEFT_OUT = "ddex.export.release_credit", Info,
            "export: a release credit's roles other than main and featured artist are not written (an ERN release has display artists but no contributor)";
        WORK_TITLE_LEFT_OUT = "ddex.export.work_title", Info,
            "export: a work's title is not written (ERN 4.3 and 3.8.2 name a recording's work by its ISWC only)";
        WRITERS_LEFT_OUT = "ddex.export.writers", Info,
            "export: ERN 4.3 does not write a work's writers (a sound recording names none; 3.8.2 writes them as indirect contributors)";
        CREDIT_ORDER = "ddex.export.credit_order", Info,
            "export: ERN 3.8.2 numbers display artists and contributors apart and names a party once (Release Profile 1.4 rules 1745-1, 1721-1): the credits come back one per party, display artists first";
        ROLELESS_CREDIT_LEFT_OUT = "ddex.export.roleless_credit", Info,
            "export: ERN 4.3 does not write a track credit without a role (a Contributor has one; 3.8.2 writes it)";
    }
}

/// Reads any ERN message the reader understands: a `NewReleaseMessage` of ERN 3.7 … 4.3.x
/// (the version taken from the root's namespace) or a `PurgeReleaseMessage`.
///
/// The text may be UTF-8 (with or without a byte order mark) or UTF-16 with a byte order
/// mark. Lenient where real deliveries commit small sins whose meaning is certain, each read
/// with a warning note: a 14-digit ICPN, an ICPN or ISRC with spaces, hyphens or lower case, a
/// misspelt `MessageSchemaVersionId`, a missing `LanguageAndScriptCode`, a `PartyId` that is
/// no DPID. Strict where reading on would be guessing: malformed XML, another root element or
/// namespace, a version older than 3.7, a reference to nothing, a reference two parties or
/// resources claim, two main releases, an empty or unreadable ISRC or ICPN, duration or date
/// are errors with their line and column.
///
/// Tracks are the sound recordings the main release's resource group lists (ERN 3 without
/// a resource group: its primary resources), in disc and sequence order; discs are the
/// sub-groups of the release's group (ERN 4: the `Component` groups). A track whose display
/// artist is the release's gets `artist: None`.
///
/// # Errors
///
/// [`Error::Syntax`], [`Error::Root`], [`Error::Namespace`], [`Error::Version`],
/// [`Error::Missing`], [`Error::Value`], [`Error::Dangling`], [`Error::NoRelease`].
pub fn read(input: &[u8]) -> Result<Delivery, Error> {
    let decoded = decode::decode(input)?;
    let mut delivery = read_decoded(&decoded.text)?;
    if decoded.utf16 {
        let note = Note::new(
            rules::UTF16,
            None,
            "the message is utf-16 (with a byte order mark); read as such".to_owned(),
        );
        match &mut delivery {
            Delivery::Release(imported) => imported.notes.insert(0, note),
            Delivery::Purge(purged) => purged.notes.insert(0, note),
        }
    }
    Ok(delivery)
}

/// Reads a `NewReleaseMessage` as [`read`] does.
///
/// # Errors
///
/// As [`read`], and [`Error::Purge`] for a `PurgeReleaseMessage`, which holds no release.
pub fn import(input: &[u8]) -> Result<Imported, Error> {
    match read(input)? {
        Delivery::Release(imported) => Ok(imported),
        Delivery::Purge(purged) => Err(Error::Purge {
            release: purged.describe(),
        }),
    }
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

/// The kinds of root element the reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Root {
    NewRelease,
    Purge,
}

fn read_decoded(input: &[u8]) -> Result<Delivery, Error> {
    let mut pull = Pull::new(input);
    let root = pull.root()?;
    let mut notes = Vec::new();
    let (version, kind) = check_root(&pull, &root, &mut notes)?;
    let language = pull.attribute(&root, "LanguageAndScriptCode")?;
    if kind == Root::Purge {
        return purge::read(&mut pull, &root, version, notes).map(Delivery::Purge);
    }
    let mut message = Message {
        version: Some(version),
        notes,
        ..Message::default()
    };
    while let Some(child) = pull.child(&root)? {
        match child.name() {
            b"MessageHeader" => {
                let (header, test) = header::header(&mut pull, &child, &mut message.notes)?;
                message.header = Some(header);
                message.test = test;
            }
            b"UpdateIndicator" => {
                let text = pull.text(&child)?;
                message.update = text.trim() == "UpdateMessage";
            }
            _ => match version.family() {
                Family::Ern3 => ern3::read::child(&mut pull, &child, &mut message)?,
                Family::Ern4 => ern4::read::child(&mut pull, &child, &mut message)?,
            },
        }
    }
    pull.finish()?;
    let mut imported = message.into_imported(&pull, &root)?;
    match language {
        Some(language) => imported.header.language = language.into_owned(),
        None => imported.notes.push(Note::new(
            rules::NO_LANGUAGE,
            Some(pull.position_of(root.offset)),
            "the message has no LanguageAndScriptCode; english is assumed".to_owned(),
        )),
    }
    Ok(Delivery::Release(imported))
}

/// The version (from the namespace) and the kind of message, with notes on a
/// `MessageSchemaVersionId` that is misspelt or disagrees.
fn check_root(
    pull: &Pull<'_>,
    root: &Element<'_>,
    notes: &mut Vec<Note>,
) -> Result<(ErnVersion, Root), Error> {
    // Placed only when a finding needs it: the index of lines costs a pass over the text.
    let position = || pull.position_of(root.offset);
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
    let Some(code) = namespace.strip_prefix(NAMESPACE_BASE) else {
        return Err(match namespace.strip_prefix("http://ddex.net/xml/") {
            // ERN 3.2 and older: `http://ddex.net/xml/2010/ern-main/32`.
            Some(rest) if rest.contains("/ern-main/") => {
                let code = rest.rsplit('/').next().unwrap_or(rest);
                Error::Version {
                    position: position(),
                    found: ErnVersion::from_code(code)
                        .map_or_else(|| code.to_owned(), |(version, _)| version.to_string()),
                }
            }
            _ => Error::Namespace {
                position: position(),
                found: namespace.into_owned(),
            },
        });
    };
    let version = match ErnVersion::from_code(code) {
        Some((version, draft)) if version.is_readable() => {
            if draft {
                notes.push(Note::new(
                    rules::DRAFT_VERSION,
                    Some(position()),
                    format!(
                        "namespace {namespace} names a draft of ern {version}; read as {version}"
                    ),
                ));
            }
            version
        }
        Some((version, _)) => {
            return Err(Error::Version {
                position: position(),
                found: version.to_string(),
            });
        }
        None => {
            return Err(Error::Version {
                position: position(),
                found: code.to_owned(),
            });
        }
    };
    let kind = match root.name() {
        b"NewReleaseMessage" => Root::NewRelease,
        b"PurgeReleaseMessage" => Root::Purge,
        other => {
            return Err(Error::Root {
                position: position(),
                found: String::from_utf8_lossy(other).into_owned(),
            });
        }
    };
    if let Some(declared) = pull.attribute(root, "MessageSchemaVersionId")? {
        let text = declared.trim();
        let unslashed = text.trim_start_matches('/');
        let agrees = unslashed
            .strip_prefix("ern/")
            .and_then(ErnVersion::from_code)
            .is_some_and(|(named, _)| named == version);
        if !agrees || unslashed != text {
            notes.push(Note::new(
                rules::SCHEMA_VERSION_ID,
                Some(position()),
                format!(
                    "MessageSchemaVersionId {text:?} {}; the namespace says ern {version}",
                    if agrees {
                        "has a leading slash"
                    } else {
                        "disagrees with the namespace"
                    }
                ),
            ));
        }
    }
    Ok((version, kind))
}
