//! Reading a `NewReleaseMessage` into a [`Release`]: one pass over the events, references
//! collected with their offsets and resolved at the end.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;

use super::pull::{Element, Pull};
use super::{
    CommercialModelType, DateTime, Deal, Dpid, Error, MessageHeader, MessageParty, NAMESPACE,
    Territory, UseType,
};
use crate::report::{Finding, Location, Severity};
use crate::{PartialDate, Release, ReleaseType, Report, Track};

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
    /// A deal the model's [`Deal`](crate::ddex::Deal) cannot hold.
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
/// reference to nothing, an unreadable ISRC, duration or date are errors with their line and
/// column.
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
            b"MessageHeader" => message.header = Some(header(&mut pull, &child, &mut message)?),
            b"PartyList" => parties(&mut pull, &child, &mut message)?,
            b"ResourceList" => resources(&mut pull, &child, &mut message)?,
            b"ReleaseList" => release_list(&mut pull, &child, &mut message)?,
            b"DealList" => deal_list(&mut pull, &child, &mut message)?,
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

/// A text with the offset of its element, for errors found later.
#[derive(Debug, Clone)]
struct Located<'a> {
    text: Cow<'a, str>,
    offset: usize,
}

/// Keeps the first value, or the first one marked `IsDefault="true"`.
#[derive(Debug)]
struct Preferred<T> {
    value: Option<T>,
    is_default: bool,
}

impl<T> Default for Preferred<T> {
    fn default() -> Self {
        Preferred {
            value: None,
            is_default: false,
        }
    }
}

impl<T> Preferred<T> {
    fn offer(&mut self, value: T, is_default: bool) {
        if self.value.is_none() || (is_default && !self.is_default) {
            self.value = Some(value);
            self.is_default = is_default;
        }
    }
}

fn is_default(pull: &Pull<'_>, element: &Element<'_>) -> Result<bool, Error> {
    Ok(pull.attribute_is(element, "IsDefault", "true")?
        || pull.attribute_is(element, "IsDefault", "1")?)
}

/// Title, version and artist as a `SoundRecording` or `Release` states them.
#[derive(Debug, Default)]
struct Display<'a> {
    title: Preferred<(Cow<'a, str>, Option<Cow<'a, str>>)>,
    title_text: Preferred<Cow<'a, str>>,
    artist_name: Preferred<Cow<'a, str>>,
    /// The first `DisplayArtist` by sequence number.
    artist_party: Option<(u64, Located<'a>)>,
    /// Every party reference, for the dangling check.
    party_references: Vec<Located<'a>>,
}

impl<'a> Display<'a> {
    /// Reads `element` when it is one of the display elements; `false` when it is not.
    fn read(&mut self, pull: &mut Pull<'a>, element: &Element<'a>) -> Result<bool, Error> {
        match element.name() {
            b"DisplayTitleText" => {
                let default = is_default(pull, element)?;
                let text = pull.text(element)?;
                self.title_text.offer(text, default);
            }
            b"DisplayTitle" => {
                let default = is_default(pull, element)?;
                let mut title = None;
                let mut version = None;
                while let Some(child) = pull.child(element)? {
                    match child.name() {
                        b"TitleText" => title = Some(pull.text(&child)?),
                        b"SubTitle" => {
                            let is_version =
                                pull.attribute_is(&child, "SubTitleType", "Version")?;
                            let text = pull.text(&child)?;
                            if is_version && version.is_none() {
                                version = Some(text);
                            }
                        }
                        _ => pull.skip(&child)?,
                    }
                }
                let title =
                    title.ok_or_else(|| missing(pull, element, "TitleText", "DisplayTitle"))?;
                self.title.offer((title, version), default);
            }
            b"DisplayArtistName" => {
                let default = is_default(pull, element)?;
                let text = pull.text(element)?;
                self.artist_name.offer(text, default);
            }
            b"DisplayArtist" => {
                let sequence = pull
                    .attribute(element, "SequenceNumber")?
                    .and_then(|n| n.trim().parse::<u64>().ok())
                    .unwrap_or(u64::MAX);
                while let Some(child) = pull.child(element)? {
                    if child.name() == b"ArtistPartyReference" {
                        let reference = Located {
                            offset: child.offset,
                            text: pull.text(&child)?,
                        };
                        if self
                            .artist_party
                            .as_ref()
                            .is_none_or(|(n, _)| sequence < *n)
                        {
                            self.artist_party = Some((sequence, reference.clone()));
                        }
                        self.party_references.push(reference);
                    } else {
                        pull.skip(&child)?;
                    }
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The title and version: `DisplayTitle`, else the `DisplayTitleText`.
    fn title(&mut self) -> Option<(String, Option<String>)> {
        match self.title.value.take() {
            Some((title, version)) => Some((title.into_owned(), version.map(Cow::into_owned))),
            None => self.title_text.value.take().map(|t| (t.into_owned(), None)),
        }
    }

    /// The artist name: `DisplayArtistName`, else the name of the first display artist.
    fn artist(&mut self, parties: &HashMap<Cow<'a, str>, Party<'a>>) -> Option<String> {
        if let Some(name) = self.artist_name.value.take() {
            return Some(name.into_owned());
        }
        let (_, reference) = self.artist_party.as_ref()?;
        let name = parties.get(&reference.text)?.name.as_ref()?;
        Some(name.clone().into_owned())
    }
}

fn missing(
    pull: &Pull<'_>,
    parent: &Element<'_>,
    element: &'static str,
    name: &'static str,
) -> Error {
    Error::Missing {
        position: pull.position_of(parent.offset),
        element,
        parent: name,
    }
}

#[derive(Debug)]
struct Party<'a> {
    name: Option<Cow<'a, str>>,
}

#[derive(Debug)]
struct Recording<'a> {
    offset: usize,
    isrc: Option<Located<'a>>,
    display: Display<'a>,
    duration: Option<Located<'a>>,
    explicit: bool,
}

#[derive(Debug)]
struct Resource<'a> {
    /// The element name (`SoundRecording`, `Image`, …).
    kind: &'static str,
    /// Position in the resource list.
    index: usize,
    recording: Option<Recording<'a>>,
}

#[derive(Debug)]
struct Item<'a> {
    reference: Located<'a>,
    sequence: Option<u64>,
}

#[derive(Debug, Default)]
struct MainRelease<'a> {
    offset: usize,
    reference: Option<Cow<'a, str>>,
    types: Vec<Cow<'a, str>>,
    icpn: Option<Located<'a>>,
    other_id: Option<String>,
    catalog_number: Option<Cow<'a, str>>,
    display: Display<'a>,
    labels: Preferred<Located<'a>>,
    p_line: Option<Cow<'a, str>>,
    c_line: Option<Cow<'a, str>>,
    genre: Option<Cow<'a, str>>,
    release_date: Option<Located<'a>>,
    original_release_date: Option<Located<'a>>,
    explicit: Option<bool>,
    compilation: bool,
    /// Items outside any `Component` group.
    top: Vec<Item<'a>>,
    /// One list of items per `Component` group.
    discs: Vec<Vec<Item<'a>>>,
    linked: Vec<Located<'a>>,
}

#[derive(Debug)]
struct ReleaseDeal<'a> {
    references: Vec<Located<'a>>,
    deals: Vec<Result<Deal, String>>,
}

#[derive(Debug, Default)]
struct Message<'a> {
    header: Option<MessageHeader>,
    parties: HashMap<Cow<'a, str>, Party<'a>>,
    resources: HashMap<Cow<'a, str>, Resource<'a>>,
    release_list: Option<usize>,
    release: Option<MainRelease<'a>>,
    /// Track and clip releases: their references, and the resource each names.
    other_releases: Vec<(Cow<'a, str>, Option<Located<'a>>)>,
    release_deals: Vec<ReleaseDeal<'a>>,
    /// The creation date-time, when it lacks a time zone.
    created_without_zone: Option<String>,
}

fn header<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<MessageHeader, Error> {
    let mut message_id = None;
    let mut sender = None;
    let mut recipient = None;
    let mut created = None;
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"MessageId" => message_id = Some(pull.text(&child)?.into_owned()),
            b"MessageSender" => sender = Some(messaging_party(pull, &child, "MessageSender")?),
            b"MessageRecipient" if recipient.is_none() => {
                recipient = Some(messaging_party(pull, &child, "MessageRecipient")?);
            }
            b"MessageCreatedDateTime" => {
                let text = pull.text(&child)?;
                let (value, has_zone) =
                    DateTime::parse_received(&text).ok_or_else(|| Error::Value {
                        position: pull.position_of(child.offset),
                        element: "MessageCreatedDateTime",
                        value: text.clone().into_owned(),
                        reason: "expected an xs:dateTime such as 2026-03-01T12:00:00Z".to_owned(),
                    })?;
                if !has_zone {
                    message.created_without_zone = Some(value.as_str().to_owned());
                }
                created = Some(value);
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok(MessageHeader::new(
        message_id.ok_or_else(|| missing(pull, element, "MessageId", "MessageHeader"))?,
        sender.ok_or_else(|| missing(pull, element, "MessageSender", "MessageHeader"))?,
        recipient.ok_or_else(|| missing(pull, element, "MessageRecipient", "MessageHeader"))?,
        created.ok_or_else(|| missing(pull, element, "MessageCreatedDateTime", "MessageHeader"))?,
    ))
}

fn messaging_party<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    name: &'static str,
) -> Result<MessageParty, Error> {
    let mut dpid = None;
    let mut full_name = None;
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"PartyId" => {
                let text = pull.text(&child)?;
                let value = text.parse::<Dpid>().map_err(|_| Error::Value {
                    position: pull.position_of(child.offset),
                    element: "PartyId",
                    value: text.clone().into_owned(),
                    reason: "expected a dpid (PADPIDA followed by letters and digits)".to_owned(),
                })?;
                dpid = Some(value);
            }
            b"PartyName" => {
                while let Some(part) = pull.child(&child)? {
                    if part.name() == b"FullName" && full_name.is_none() {
                        full_name = Some(pull.text(&part)?.into_owned());
                    } else {
                        pull.skip(&part)?;
                    }
                }
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok(MessageParty {
        dpid: dpid.ok_or_else(|| missing(pull, element, "PartyId", name))?,
        name: full_name,
    })
}

fn parties<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    while let Some(party) = pull.child(element)? {
        if party.name() != b"Party" {
            pull.skip(&party)?;
            continue;
        }
        let mut reference = None;
        let mut name = Preferred::default();
        while let Some(child) = pull.child(&party)? {
            match child.name() {
                b"PartyReference" => reference = Some(pull.text(&child)?),
                b"PartyName" => {
                    let default = is_default(pull, &child)?;
                    while let Some(part) = pull.child(&child)? {
                        if part.name() == b"FullName" {
                            name.offer(pull.text(&part)?, default);
                        } else {
                            pull.skip(&part)?;
                        }
                    }
                }
                _ => pull.skip(&child)?,
            }
        }
        let reference =
            reference.ok_or_else(|| missing(pull, &party, "PartyReference", "Party"))?;
        message
            .parties
            .insert(reference, Party { name: name.value });
    }
    Ok(())
}

const RESOURCE_KINDS: [&str; 6] = [
    "SoundRecording",
    "Video",
    "Image",
    "Text",
    "SheetMusic",
    "Software",
];

fn resources<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    while let Some(resource) = pull.child(element)? {
        let Some(kind) = RESOURCE_KINDS
            .iter()
            .copied()
            .find(|kind| kind.as_bytes() == resource.name())
        else {
            pull.skip(&resource)?;
            continue;
        };
        let index = message.resources.len();
        let (reference, recording) = if kind == "SoundRecording" {
            let (reference, recording) = sound_recording(pull, &resource)?;
            (reference, Some(recording))
        } else {
            (resource_reference(pull, &resource, kind)?, None)
        };
        message.resources.insert(
            reference,
            Resource {
                kind,
                index,
                recording,
            },
        );
    }
    Ok(())
}

/// The `ResourceReference` of a resource the model does not hold; the rest is skipped.
fn resource_reference<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    kind: &'static str,
) -> Result<Cow<'a, str>, Error> {
    let mut reference = None;
    while let Some(child) = pull.child(element)? {
        if child.name() == b"ResourceReference" {
            reference = Some(pull.text(&child)?);
        } else {
            pull.skip(&child)?;
        }
    }
    reference.ok_or_else(|| missing(pull, element, "ResourceReference", kind))
}

fn sound_recording<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<(Cow<'a, str>, Recording<'a>), Error> {
    let mut reference = None;
    let mut recording = Recording {
        offset: element.offset,
        isrc: None,
        display: Display::default(),
        duration: None,
        explicit: false,
    };
    let mut warning = None;
    while let Some(child) = pull.child(element)? {
        if recording.display.read(pull, &child)? {
            continue;
        }
        match child.name() {
            b"ResourceReference" => reference = Some(pull.text(&child)?),
            b"SoundRecordingEdition" => {
                while let Some(part) = pull.child(&child)? {
                    if part.name() != b"ResourceId" {
                        pull.skip(&part)?;
                        continue;
                    }
                    while let Some(id) = pull.child(&part)? {
                        if id.name() == b"ISRC" && recording.isrc.is_none() {
                            recording.isrc = Some(Located {
                                offset: id.offset,
                                text: pull.text(&id)?,
                            });
                        } else {
                            pull.skip(&id)?;
                        }
                    }
                }
            }
            b"Duration" => {
                recording.duration = Some(Located {
                    offset: child.offset,
                    text: pull.text(&child)?,
                });
            }
            b"ParentalWarningType" if warning.is_none() => {
                warning = Some(pull.text(&child)?);
            }
            _ => pull.skip(&child)?,
        }
    }
    recording.explicit = warning.as_deref() == Some("Explicit");
    let reference =
        reference.ok_or_else(|| missing(pull, element, "ResourceReference", "SoundRecording"))?;
    Ok((reference, recording))
}

fn release_list<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    message.release_list = Some(element.offset);
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"Release" => message.release = Some(main_release(pull, &child)?),
            b"TrackRelease" | b"ClipRelease" => {
                let mut reference = None;
                let mut resource = None;
                while let Some(part) = pull.child(&child)? {
                    match part.name() {
                        b"ReleaseReference" => reference = Some(pull.text(&part)?),
                        b"ReleaseResourceReference" => {
                            resource = Some(Located {
                                offset: part.offset,
                                text: pull.text(&part)?,
                            });
                        }
                        _ => pull.skip(&part)?,
                    }
                }
                let name = if child.name() == b"TrackRelease" {
                    "TrackRelease"
                } else {
                    "ClipRelease"
                };
                let reference =
                    reference.ok_or_else(|| missing(pull, &child, "ReleaseReference", name))?;
                message.other_releases.push((reference, resource));
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok(())
}

fn text_of_child<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    name: &[u8],
) -> Result<Option<Cow<'a, str>>, Error> {
    let mut found = None;
    while let Some(child) = pull.child(element)? {
        if child.name() == name && found.is_none() {
            found = Some(pull.text(&child)?);
        } else {
            pull.skip(&child)?;
        }
    }
    Ok(found)
}

fn main_release<'a>(pull: &mut Pull<'a>, element: &Element<'a>) -> Result<MainRelease<'a>, Error> {
    let mut release = MainRelease {
        offset: element.offset,
        ..MainRelease::default()
    };
    while let Some(child) = pull.child(element)? {
        if release.display.read(pull, &child)? {
            continue;
        }
        match child.name() {
            b"ReleaseReference" => release.reference = Some(pull.text(&child)?),
            b"ReleaseType" => release.types.push(pull.text(&child)?),
            b"ReleaseId" => {
                while let Some(id) = pull.child(&child)? {
                    match id.name() {
                        b"ICPN" if release.icpn.is_none() => {
                            release.icpn = Some(Located {
                                offset: id.offset,
                                text: pull.text(&id)?,
                            });
                        }
                        b"CatalogNumber" if release.catalog_number.is_none() => {
                            release.catalog_number = Some(pull.text(&id)?);
                        }
                        b"GRid" | b"ProprietaryId" if release.other_id.is_none() => {
                            let kind = String::from_utf8_lossy(id.name()).into_owned();
                            release.other_id = Some(format!("{kind} {}", pull.text(&id)?));
                        }
                        _ => pull.skip(&id)?,
                    }
                }
            }
            b"ReleaseLabelReference" => {
                let default = is_default(pull, &child)?;
                let reference = Located {
                    offset: child.offset,
                    text: pull.text(&child)?,
                };
                release.labels.offer(reference, default);
            }
            b"PLine" => {
                let text = text_of_child(pull, &child, b"PLineText")?;
                if release.p_line.is_none() {
                    release.p_line = text;
                }
            }
            b"CLine" => {
                let text = text_of_child(pull, &child, b"CLineText")?;
                if release.c_line.is_none() {
                    release.c_line = text;
                }
            }
            b"Genre" => {
                let text = text_of_child(pull, &child, b"GenreText")?;
                if release.genre.is_none() {
                    release.genre = text;
                }
            }
            b"ReleaseDate" | b"OriginalReleaseDate" => {
                let date = Located {
                    offset: child.offset,
                    text: pull.text(&child)?,
                };
                let slot = if child.name() == b"ReleaseDate" {
                    &mut release.release_date
                } else {
                    &mut release.original_release_date
                };
                if slot.is_none() {
                    *slot = Some(date);
                }
            }
            b"ParentalWarningType" => {
                let text = pull.text(&child)?;
                if release.explicit.is_none() {
                    release.explicit = Some(text == "Explicit");
                }
            }
            b"IsSingleArtistCompilation" | b"IsMultiArtistCompilation" => {
                let text = pull.text(&child)?;
                release.compilation = matches!(text.trim(), "true" | "1");
            }
            b"ResourceGroup" => {
                let mut top = Vec::new();
                resource_group(pull, &child, &mut release, &mut top)?;
                release.top = top;
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok(release)
}

/// Reads a resource group: `Component` sub-groups become discs; the items of other groups
/// go to `target` (the enclosing disc, or the top level).
fn resource_group<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    release: &mut MainRelease<'a>,
    target: &mut Vec<Item<'a>>,
) -> Result<(), Error> {
    let mut items = Vec::new();
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"ResourceGroup" => {
                if pull.attribute_is(&child, "ResourceGroupType", "Component")? {
                    let mut disc = Vec::new();
                    resource_group(pull, &child, release, &mut disc)?;
                    release.discs.push(disc);
                } else {
                    resource_group(pull, &child, release, target)?;
                }
            }
            b"ResourceGroupContentItem" => {
                let mut sequence = None;
                let mut reference = None;
                while let Some(part) = pull.child(&child)? {
                    match part.name() {
                        b"SequenceNumber" => {
                            sequence = pull.text(&part)?.trim().parse::<u64>().ok();
                        }
                        b"ReleaseResourceReference" => {
                            reference = Some(Located {
                                offset: part.offset,
                                text: pull.text(&part)?,
                            });
                        }
                        b"LinkedReleaseResourceReference" => release.linked.push(Located {
                            offset: part.offset,
                            text: pull.text(&part)?,
                        }),
                        _ => pull.skip(&part)?,
                    }
                }
                let reference = reference.ok_or_else(|| {
                    missing(
                        pull,
                        &child,
                        "ReleaseResourceReference",
                        "ResourceGroupContentItem",
                    )
                })?;
                items.push(Item {
                    reference,
                    sequence,
                });
            }
            b"LinkedReleaseResourceReference" => release.linked.push(Located {
                offset: child.offset,
                text: pull.text(&child)?,
            }),
            _ => pull.skip(&child)?,
        }
    }
    // SequenceNumber is "the logical order of the ContentItem in its ResourceGroup"; items
    // without one keep their place in the document.
    if items.iter().all(|item| item.sequence.is_some()) {
        items.sort_by_key(|item| item.sequence);
    }
    target.extend(items);
    Ok(())
}

fn deal_list<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    while let Some(child) = pull.child(element)? {
        if child.name() != b"ReleaseDeal" {
            pull.skip(&child)?;
            continue;
        }
        let mut release_deal = ReleaseDeal {
            references: Vec::new(),
            deals: Vec::new(),
        };
        while let Some(part) = pull.child(&child)? {
            match part.name() {
                b"DealReleaseReference" => release_deal.references.push(Located {
                    offset: part.offset,
                    text: pull.text(&part)?,
                }),
                b"Deal" => {
                    let mut terms = None;
                    while let Some(inner) = pull.child(&part)? {
                        if inner.name() == b"DealTerms" {
                            terms = Some(deal_terms(pull, &inner)?);
                        } else {
                            pull.skip(&inner)?;
                        }
                    }
                    match terms {
                        Some(deals) => release_deal.deals.extend(deals),
                        None => release_deal
                            .deals
                            .push(Err("the deal has no DealTerms".to_owned())),
                    }
                }
                _ => pull.skip(&part)?,
            }
        }
        message.release_deals.push(release_deal);
    }
    Ok(())
}

/// The deals of one `DealTerms`: one per validity period, or why the model cannot hold them.
fn deal_terms<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<Vec<Result<Deal, String>>, Error> {
    let mut problem: Option<String> = None;
    let mut territories = Vec::new();
    let mut periods = Vec::new();
    let mut commercial_model_types = Vec::new();
    let mut use_types = Vec::new();
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"TerritoryCode" => {
                let text = pull.text(&child)?;
                match text.parse::<Territory>() {
                    Ok(territory) => territories.push(territory),
                    Err(_) => {
                        problem.get_or_insert(format!("territory {text:?} is not a country code"));
                    }
                }
            }
            b"ExcludedTerritoryCode" => {
                pull.skip(&child)?;
                problem.get_or_insert("it excludes territories".to_owned());
            }
            b"ValidityPeriod" => {
                let mut start = None;
                let mut end = None;
                while let Some(part) = pull.child(&child)? {
                    match part.name() {
                        b"StartDate" | b"EndDate" => {
                            let text = pull.text(&part)?;
                            let date =
                                text.parse::<PartialDate>().map_err(|error| Error::Value {
                                    position: pull.position_of(part.offset),
                                    element: if part.name() == b"StartDate" {
                                        "StartDate"
                                    } else {
                                        "EndDate"
                                    },
                                    value: text.clone().into_owned(),
                                    reason: date_reason(error),
                                })?;
                            if part.name() == b"StartDate" {
                                start = Some(date);
                            } else {
                                end = Some(date);
                            }
                        }
                        _ => {
                            pull.skip(&part)?;
                            problem.get_or_insert(
                                "its validity period is not in whole dates".to_owned(),
                            );
                        }
                    }
                }
                periods.push((start, end));
            }
            b"CommercialModelType" => {
                let text = pull.text(&child)?;
                match text.parse::<CommercialModelType>() {
                    Ok(model) => commercial_model_types.push(model),
                    Err(_) => {
                        problem.get_or_insert(format!(
                            "commercial model type {text:?} is not supported"
                        ));
                    }
                }
            }
            b"UseType" => {
                let text = pull.text(&child)?;
                match text.parse::<UseType>() {
                    Ok(use_type) => use_types.push(use_type),
                    Err(_) => {
                        problem.get_or_insert(format!("use type {text:?} is not supported"));
                    }
                }
            }
            _ => pull.skip(&child)?,
        }
    }
    if let Some(problem) = problem {
        return Ok(vec![Err(problem)]);
    }
    Ok(periods
        .into_iter()
        .map(|(start, end)| {
            let start_date =
                start.ok_or_else(|| "its validity period has no start date".to_owned())?;
            let deal = Deal {
                territories: territories.clone(),
                start_date,
                end_date: end,
                commercial_model_types: commercial_model_types.clone(),
                use_types: use_types.clone(),
            };
            deal.check().map_err(|error| match error {
                Error::IncompleteDeal { problem } => format!("it has {problem}"),
                other => other.to_string(),
            })?;
            Ok(deal)
        })
        .collect())
}

/// The reason part of a model date error.
fn date_reason(error: crate::Error) -> String {
    match error {
        crate::Error::Date { reason, .. } => reason,
        other => other.to_string(),
    }
}

impl<'a> Message<'a> {
    fn dangling(
        &self,
        pull: &Pull<'_>,
        reference: &Located<'_>,
        element: &'static str,
        target: &'static str,
    ) -> Error {
        let _ = self;
        Error::Dangling {
            position: pull.position_of(reference.offset),
            element,
            reference: reference.text.clone().into_owned(),
            target,
        }
    }

    fn party_name(
        &self,
        pull: &Pull<'_>,
        reference: &Located<'a>,
        element: &'static str,
    ) -> Result<Option<&Cow<'a, str>>, Error> {
        match self.parties.get(&reference.text) {
            Some(party) => Ok(party.name.as_ref()),
            None => Err(self.dangling(pull, reference, element, "party")),
        }
    }

    fn into_imported(mut self, pull: &Pull<'a>, root: &Element<'a>) -> Result<Imported, Error> {
        let header = self
            .header
            .take()
            .ok_or_else(|| missing(pull, root, "MessageHeader", "NewReleaseMessage"))?;
        let release_list = self
            .release_list
            .ok_or_else(|| missing(pull, root, "ReleaseList", "NewReleaseMessage"))?;
        let mut main = self.release.take().ok_or_else(|| Error::NoRelease {
            position: pull.position_of(release_list),
        })?;
        let mut report = Report::new();
        let upc = icpn(pull, &main, &mut report)?;
        let place = Location::release(0, upc);
        let mut warn = |rule: &'static str, location: Location, message: String| {
            report.push(Finding {
                rule,
                severity: Severity::Warning,
                location,
                message,
                related: None,
            });
        };

        if let Some(created) = &self.created_without_zone {
            warn(
                rules::CREATED_WITHOUT_ZONE,
                place,
                format!("the message creation time {created} has no time zone"),
            );
        }
        // References first: a dangling one is an error whatever else the message holds.
        for reference in &main.display.party_references {
            self.party_name(pull, reference, "ArtistPartyReference")?;
        }
        for resource in self.resources.values() {
            if let Some(recording) = &resource.recording {
                for reference in &recording.display.party_references {
                    self.party_name(pull, reference, "ArtistPartyReference")?;
                }
            }
        }
        for reference in &main.linked {
            if !self.resources.contains_key(&reference.text) {
                return Err(self.dangling(
                    pull,
                    reference,
                    "LinkedReleaseResourceReference",
                    "resource",
                ));
            }
        }
        for (_, resource) in &self.other_releases {
            if let Some(reference) = resource
                && !self.resources.contains_key(&reference.text)
            {
                return Err(self.dangling(pull, reference, "ReleaseResourceReference", "resource"));
            }
        }
        let label = match main.labels.value.take() {
            Some(reference) => match self.party_name(pull, &reference, "ReleaseLabelReference")? {
                Some(name) => Some(name.clone().into_owned()),
                None => {
                    warn(
                        rules::UNNAMED_LABEL,
                        place,
                        format!(
                            "the label party {} has no name; the release has no label",
                            reference.text
                        ),
                    );
                    None
                }
            },
            None => None,
        };

        let (title, version) = main.display.title().ok_or_else(|| Error::Missing {
            position: pull.position_of(main.offset),
            element: "DisplayTitle",
            parent: "Release",
        })?;
        let artist = main
            .display
            .artist(&self.parties)
            .ok_or_else(|| Error::Missing {
                position: pull.position_of(main.offset),
                element: "DisplayArtistName",
                parent: "Release",
            })?;

        // Discs in order: the Component groups, then any items outside them.
        let mut discs = std::mem::take(&mut main.discs);
        if !main.top.is_empty() {
            discs.push(std::mem::take(&mut main.top));
        }
        let mut tracks = Vec::new();
        let mut disc_number = 0;
        for items in discs {
            let mut number = 0;
            for item in items {
                let Some(resource) = self.resources.get_mut(&item.reference.text) else {
                    return Err(Error::Dangling {
                        position: pull.position_of(item.reference.offset),
                        element: "ReleaseResourceReference",
                        reference: item.reference.text.into_owned(),
                        target: "resource",
                    });
                };
                let Some(recording) = resource.recording.as_mut() else {
                    warn(
                        rules::SKIPPED_RESOURCE,
                        place,
                        format!(
                            "resource {} in the track list is a {}, not a sound recording; skipped",
                            item.reference.text, resource.kind
                        ),
                    );
                    continue;
                };
                if number == 0 {
                    disc_number += 1;
                }
                number += 1;
                let track =
                    recording_track(pull, recording, &self.parties, disc_number, number, &artist)?;
                tracks.push((resource.index, tracks.len(), track));
            }
        }
        // The model keeps tracks in the order given; ERN's resource list is that order.
        tracks.sort_by_key(|&(index, occurrence, _)| (index, occurrence));

        let release_type = release_type(&main, &mut warn, place);
        let date = |located: &Option<Located<'_>>,
                    element: &'static str|
         -> Result<Option<PartialDate>, Error> {
            located
                .as_ref()
                .map(|date| {
                    date.text
                        .parse::<PartialDate>()
                        .map_err(|error| Error::Value {
                            position: pull.position_of(date.offset),
                            element,
                            value: date.text.clone().into_owned(),
                            reason: date_reason(error),
                        })
                })
                .transpose()
        };
        let mut release = Release::new(title, artist);
        release.upc = upc;
        release.version = version;
        release.label = label;
        release.catalog_number = main.catalog_number.map(Cow::into_owned);
        release.release_type = release_type;
        release.release_date = date(&main.release_date, "ReleaseDate")?;
        release.original_release_date = date(&main.original_release_date, "OriginalReleaseDate")?;
        release.genre = main.genre.map(Cow::into_owned);
        release.p_line = main.p_line.map(Cow::into_owned);
        release.c_line = main.c_line.map(Cow::into_owned);
        release.explicit = main.explicit.unwrap_or(false);
        release.tracks = tracks.into_iter().map(|(_, _, track)| track).collect();

        let deals = self.deals(pull, main.reference.as_deref(), &mut warn, place)?;
        Ok(Imported {
            header,
            release,
            deals,
            report,
        })
    }

    fn deals(
        &mut self,
        pull: &Pull<'_>,
        main_reference: Option<&str>,
        warn: &mut impl FnMut(&'static str, Location, String),
        place: Location,
    ) -> Result<Vec<Deal>, Error> {
        let mut deals = Vec::new();
        for release_deal in std::mem::take(&mut self.release_deals) {
            let mut covers_main = false;
            for reference in &release_deal.references {
                let text = reference.text.as_ref();
                if main_reference == Some(text) {
                    covers_main = true;
                } else if !self.other_releases.iter().any(|(r, _)| r == text) {
                    return Err(self.dangling(pull, reference, "DealReleaseReference", "release"));
                }
            }
            if !covers_main {
                continue;
            }
            for deal in release_deal.deals {
                match deal {
                    Ok(deal) => deals.push(deal),
                    Err(problem) => warn(
                        rules::SKIPPED_DEAL,
                        place,
                        format!("a deal for the release was skipped: {problem}"),
                    ),
                }
            }
        }
        Ok(deals)
    }
}

fn recording_track<'a>(
    pull: &Pull<'_>,
    recording: &mut Recording<'a>,
    parties: &HashMap<Cow<'a, str>, Party<'a>>,
    disc: u32,
    number: u32,
    release_artist: &str,
) -> Result<Track, Error> {
    // Positions only for errors: finding one scans the text up to it.
    let missing = |element| Error::Missing {
        position: pull.position_of(recording.offset),
        element,
        parent: "SoundRecording",
    };
    let (title, version) = recording
        .display
        .title()
        .ok_or_else(|| missing("DisplayTitle"))?;
    let artist = recording
        .display
        .artist(parties)
        .ok_or_else(|| missing("DisplayArtistName"))?;
    let mut track = Track::new(disc, number, title);
    track.version = version;
    track.artist = (artist != release_artist).then_some(artist);
    track.explicit = recording.explicit;
    if let Some(isrc) = &recording.isrc {
        let code = crate::codes::parse_isrc(&isrc.text).map_err(|error| Error::Value {
            position: pull.position_of(isrc.offset),
            element: "ISRC",
            value: isrc.text.clone().into_owned(),
            reason: match error {
                crate::Error::Isrc { source, .. } => source.to_string(),
                other => other.to_string(),
            },
        })?;
        track.isrc = Some(code);
    }
    let duration = recording
        .duration
        .as_ref()
        .ok_or_else(|| missing("Duration"))?;
    track.duration =
        Some(
            crate::duration::parse(&duration.text).map_err(|error| Error::Value {
                position: pull.position_of(duration.offset),
                element: "Duration",
                value: duration.text.clone().into_owned(),
                reason: match error {
                    crate::Error::Duration { reason, .. } => reason,
                    other => other.to_string(),
                },
            })?,
        );
    Ok(track)
}

/// The release's UPC from its ICPN, leniently: DDEX's own samples carry 14-digit ICPNs and
/// ICPNs with wrong check digits.
fn icpn(
    pull: &Pull<'_>,
    main: &MainRelease<'_>,
    report: &mut Report,
) -> Result<Option<upc::Upc>, Error> {
    let _ = pull;
    let mut warn = |rule: &'static str, upc: Option<upc::Upc>, message: String| {
        report.push(Finding {
            rule,
            severity: Severity::Warning,
            location: Location::release(0, upc),
            message,
            related: None,
        });
    };
    let Some(icpn) = &main.icpn else {
        let message = match &main.other_id {
            Some(id) => format!("the release has no icpn, only a {id}; it gets no upc"),
            None => "the release has no icpn; it gets no upc".to_owned(),
        };
        warn(rules::NO_ICPN, None, message);
        return Ok(None);
    };
    let text = icpn.text.trim();
    match upc::Upc::parse_digits(text.as_bytes()).or_else(|_| text.parse::<upc::Upc>()) {
        Ok(code) => {
            if code.kind() == upc::Kind::Gtin14 {
                let message = match code.to_ean13() {
                    Ok(ean) => format!("icpn {code} has 14 digits; the product's ean-13 is {ean}"),
                    Err(_) => format!("icpn {code} has 14 digits (a gtin-14, not a retail code)"),
                };
                warn(rules::ICPN_GTIN14, Some(code), message);
            }
            Ok(Some(code))
        }
        Err(error) => {
            let rule = if error.to_string().contains("check digit") {
                rules::ICPN_CHECK_DIGIT
            } else {
                rules::ICPN_INVALID
            };
            warn(
                rule,
                None,
                format!(
                    "icpn {text:?} at {} is not a valid upc ({error}); the release gets no upc",
                    pull.position_of(icpn.offset)
                ),
            );
            Ok(None)
        }
    }
}

/// The model's release type from ERN's: the first `ReleaseType` with an equivalent; a
/// compilation flag makes it a compilation.
fn release_type(
    main: &MainRelease<'_>,
    warn: &mut impl FnMut(&'static str, Location, String),
    place: Location,
) -> Option<ReleaseType> {
    if main.compilation {
        return Some(ReleaseType::Compilation);
    }
    let mapped = main.types.iter().find_map(|kind| match kind.trim() {
        "Album" | "ClassicalAlbum" => Some(ReleaseType::Album),
        // DDEX: "a Release containing only one primary resource".
        "Single" | "SingleResourceRelease" => Some(ReleaseType::Single),
        "EP" => Some(ReleaseType::Ep),
        _ => None,
    });
    if mapped.is_none() {
        let kinds: Vec<&str> = main.types.iter().map(|kind| kind.as_ref()).collect();
        warn(
            rules::RELEASE_TYPE,
            place,
            format!(
                "release type {} has no equivalent (album, single, ep, compilation); left empty",
                kinds.join(", ")
            ),
        );
    }
    mapped
}
