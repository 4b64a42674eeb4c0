//! What the reader collects before resolving: texts with their offsets, and the parts of the
//! message the model needs.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use super::Note;
use crate::credits::Credit;
use crate::pull::{Element, Pull};
use crate::{Deal, ErnVersion, Error, MessageHeader};

/// A text with the offset of its element, for errors found later.
#[derive(Debug, Clone)]
pub(crate) struct Located<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) offset: usize,
}

impl<'a> Located<'a> {
    /// The text of the leaf `element`, with the element's offset.
    pub(crate) fn read(pull: &mut Pull<'a>, element: &Element<'a>) -> Result<Located<'a>, Error> {
        Ok(Located {
            offset: element.offset,
            text: pull.text(element)?,
        })
    }
}

/// Keeps the first value, or the first one marked `IsDefault="true"`.
#[derive(Debug)]
pub(crate) struct Preferred<T> {
    pub(crate) value: Option<T>,
    pub(crate) is_default: bool,
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
    pub(crate) fn offer(&mut self, value: T, is_default: bool) {
        if self.value.is_none() || (is_default && !self.is_default) {
            self.value = Some(value);
            self.is_default = is_default;
        }
    }
}

pub(crate) fn is_default(pull: &Pull<'_>, element: &Element<'_>) -> Result<bool, Error> {
    pull.attribute_is_any(element, "IsDefault", &["true", "1"])
}

/// Title, version and artist as a `SoundRecording` or `Release` states them.
#[derive(Debug, Default)]
pub(crate) struct Display<'a> {
    pub(crate) title: Preferred<(Cow<'a, str>, Option<Cow<'a, str>>)>,
    pub(crate) title_text: Preferred<Cow<'a, str>>,
    pub(crate) artist_name: Preferred<Cow<'a, str>>,
    /// ERN 3's `Title`s: the display title, else the formal one.
    pub(crate) title3: Preferred<(Cow<'a, str>, Option<Cow<'a, str>>)>,
    /// The first `DisplayArtist` by sequence number.
    pub(crate) artist_party: Option<(u64, Located<'a>)>,
    /// ERN 3's first `DisplayArtist` by sequence number, named inline.
    pub(crate) artist_inline: Option<(u64, Cow<'a, str>)>,
    /// Every party reference, for the dangling check.
    pub(crate) party_references: Vec<Located<'a>>,
    /// Every `DisplayArtist` (and, for a resource, `Contributor`; ERN 3's
    /// `ResourceContributor`) as a credit.
    pub(crate) credits: Vec<Credit<'a>>,
    /// ERN 3's `IndirectResourceContributor`s: the writers of the recording's work.
    pub(crate) writers: Vec<Credit<'a>>,
}

impl<'a> Display<'a> {
    /// Reads `element` when it is one of the display elements; `false` when it is not.
    pub(crate) fn read(
        &mut self,
        pull: &mut Pull<'a>,
        element: &Element<'a>,
    ) -> Result<bool, Error> {
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
            b"Title" => {
                // ERN 3: `TitleType` DisplayTitle is what a store shows; FormalTitle is next.
                let kind =
                    pull.attribute_which(element, "TitleType", &["DisplayTitle", "FormalTitle"])?;
                let (display, formal) = (kind == Some(0), kind == Some(1));
                let mut title = None;
                let mut version = None;
                while let Some(child) = pull.child(element)? {
                    match child.name() {
                        b"TitleText" => title = Some(pull.text(&child)?),
                        b"SubTitle" if version.is_none() => version = Some(pull.text(&child)?),
                        _ => pull.skip(&child)?,
                    }
                }
                let title = title.ok_or_else(|| missing(pull, element, "TitleText", "Title"))?;
                if display || formal {
                    self.title3.offer((title, version), display);
                }
            }
            b"DisplayArtistName" => {
                let default = is_default(pull, element)?;
                let text = pull.text(element)?;
                self.artist_name.offer(text, default);
            }
            b"DisplayArtist" => {
                let sequence = pull
                    .attribute_number(element, "SequenceNumber")?
                    .unwrap_or(u64::MAX);
                let mut roles = Vec::new();
                let mut credited = None;
                let mut inline = InlineParty::default();
                while let Some(child) = pull.child(element)? {
                    if inline.read(pull, &child)? {
                        continue;
                    }
                    // ERN 4 `DisplayArtistRole`, ERN 3 `ArtistRole`.
                    if matches!(child.name(), b"DisplayArtistRole" | b"ArtistRole") {
                        roles.push(role(pull, &child)?);
                    } else if child.name() == b"ArtistPartyReference" {
                        let reference = Located::read(pull, &child)?;
                        if self
                            .artist_party
                            .as_ref()
                            .is_none_or(|(n, _)| sequence < *n)
                        {
                            self.artist_party = Some((sequence, reference.clone()));
                        }
                        credited = Some(reference.text.clone());
                        self.party_references.push(reference);
                    } else {
                        pull.skip(&child)?;
                    }
                }
                // ERN 3 names the artist inline.
                if let Some(name) = &inline.party.name
                    && self
                        .artist_inline
                        .as_ref()
                        .is_none_or(|(n, _)| sequence < *n)
                {
                    self.artist_inline = Some((sequence, name.clone()));
                }
                let sequence = (sequence != u64::MAX).then_some(sequence);
                match credited {
                    Some(reference) => self.credits.push(Credit {
                        sequence,
                        party: reference,
                        inline: None,
                        contributor: false,
                        roles,
                        offset: element.offset,
                    }),
                    None if inline.is_given() => {
                        self.credits.push(inline.into_credit(
                            sequence,
                            roles,
                            false,
                            element.offset,
                        ));
                    }
                    None => {}
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The title and version: `DisplayTitle`, else ERN 3's display or formal `Title`, else
    /// the `DisplayTitleText`. Copies, so that a recording the track list names twice reads
    /// the same both times.
    pub(crate) fn title(&self) -> Option<(String, Option<String>)> {
        match self.title.value.as_ref().or(self.title3.value.as_ref()) {
            Some((title, version)) => Some((
                title.as_ref().to_owned(),
                version.as_deref().map(str::to_owned),
            )),
            None => self
                .title_text
                .value
                .as_deref()
                .map(|t| (t.to_owned(), None)),
        }
    }

    /// The artist name: `DisplayArtistName`, else the name of the first display artist.
    pub(crate) fn artist(&self, parties: &HashMap<Cow<'a, str>, Party<'a>>) -> Option<String> {
        if let Some(name) = &self.artist_name.value {
            return Some(name.as_ref().to_owned());
        }
        if let Some((_, name)) = &self.artist_inline {
            return Some(name.as_ref().to_owned());
        }
        let (_, reference) = self.artist_party.as_ref()?;
        parties
            .get(&reference.text)?
            .name
            .as_deref()
            .map(str::to_owned)
    }
}

/// A role element's text: its `UserDefinedValue` when it is `UserDefined` and has one.
pub(crate) fn role<'a>(pull: &mut Pull<'a>, element: &Element<'a>) -> Result<Cow<'a, str>, Error> {
    let own = pull.attribute(element, "UserDefinedValue")?;
    let text = pull.text(element)?;
    Ok(match own {
        Some(own) if text.trim() == "UserDefined" && !own.trim().is_empty() => own,
        _ => text,
    })
}

pub(crate) fn missing(
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

/// Files `value` under `reference`, which no earlier element may have claimed: a reference
/// names one party or one resource, or resolving it would be a guess.
pub(crate) fn insert_new<'a, T>(
    pull: &Pull<'_>,
    map: &mut HashMap<Cow<'a, str>, T>,
    reference: Located<'a>,
    value: T,
    element: &'static str,
    target: &'static str,
) -> Result<(), Error> {
    match map.entry(reference.text) {
        Entry::Vacant(slot) => {
            slot.insert(value);
            Ok(())
        }
        Entry::Occupied(slot) => Err(Error::Value {
            position: pull.position_of(reference.offset),
            element,
            value: slot.key().clone().into_owned(),
            reason: format!("another {target} has this reference"),
        }),
    }
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Party<'a> {
    pub(crate) name: Option<Cow<'a, str>>,
    /// The first `PartyId/ISNI`.
    pub(crate) isni: Option<Located<'a>>,
    /// The first `PartyId/IpiNameNumber`.
    pub(crate) ipi: Option<Located<'a>>,
}

/// A party as ERN 3 names it, inline in each credit: `PartyName/FullName` and `PartyId`s
/// (an ISNI flagged `IsISNI`, an IPI name number in the namespace `IPI`).
#[derive(Debug, Default)]
pub(crate) struct InlineParty<'a> {
    pub(crate) party: Party<'a>,
    /// Whether any `PartyName` or `PartyId` was read.
    given: bool,
}

/// The `PartyId` namespaces read as an IPI name number (ERN 3 has no element for one; the
/// writer uses the first).
pub(crate) const IPI_NAMESPACES: [&str; 2] = ["IPI", "IpiNameNumber"];

impl<'a> InlineParty<'a> {
    /// Reads `element` when it is a `PartyName` or a `PartyId`; `false` when it is not. The
    /// first `FullName`, ISNI and IPI name number are kept; a DPID or another namespace's id
    /// names no credit the model holds.
    pub(crate) fn read(
        &mut self,
        pull: &mut Pull<'a>,
        element: &Element<'a>,
    ) -> Result<bool, Error> {
        match element.name() {
            b"PartyName" => {
                self.given = true;
                if let Some(name) = pull.child_text(element, b"FullName")? {
                    self.party.name.get_or_insert(name);
                }
            }
            b"PartyId" => {
                self.given = true;
                let isni = pull.attribute_is_any(element, "IsISNI", &["true", "1"])?;
                let ipi = pull
                    .attribute(element, "Namespace")?
                    .is_some_and(|namespace| {
                        IPI_NAMESPACES
                            .iter()
                            .any(|known| known.eq_ignore_ascii_case(namespace.trim()))
                    });
                let id = Located::read(pull, element)?;
                if isni {
                    self.party.isni.get_or_insert(id);
                } else if ipi {
                    self.party.ipi.get_or_insert(id);
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    pub(crate) fn is_given(&self) -> bool {
        self.given
    }

    /// The credit of this party: its key is its name and identifiers, so that the credits
    /// one party gets under one number (a `DisplayArtist` and a `ResourceContributor`) join.
    pub(crate) fn into_credit(
        self,
        sequence: Option<u64>,
        roles: Vec<Cow<'a, str>>,
        contributor: bool,
        offset: usize,
    ) -> Credit<'a> {
        let text =
            |id: &Option<Located<'_>>| id.as_ref().map_or("", |id| id.text.trim()).to_owned();
        let key = format!(
            "{}\u{1f}{}\u{1f}{}",
            self.party.name.as_deref().unwrap_or_default(),
            text(&self.party.isni),
            text(&self.party.ipi)
        );
        Credit {
            sequence,
            party: Cow::Owned(key),
            inline: Some(self.party),
            contributor,
            roles,
            offset,
        }
    }
}

/// An ERN 3 `ResourceContributor` or `IndirectResourceContributor`: its party named inline
/// and its roles (`role_element`).
pub(crate) fn inline_credit<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    role_element: &[u8],
) -> Result<Credit<'a>, Error> {
    let sequence = pull.attribute_number(element, "SequenceNumber")?;
    let mut inline = InlineParty::default();
    let mut roles = Vec::new();
    while let Some(child) = pull.child(element)? {
        if inline.read(pull, &child)? {
            continue;
        }
        if child.name() == role_element {
            roles.push(role(pull, &child)?);
        } else {
            pull.skip(&child)?;
        }
    }
    Ok(inline.into_credit(sequence, roles, true, element.offset))
}

#[derive(Debug)]
pub(crate) struct Recording<'a> {
    pub(crate) offset: usize,
    /// ERN 3's `ReferenceTitle`, the title of last resort.
    pub(crate) reference_title: Option<(Cow<'a, str>, Option<Cow<'a, str>>)>,
    pub(crate) isrc: Option<Located<'a>>,
    pub(crate) display: Display<'a>,
    pub(crate) duration: Option<Located<'a>>,
    pub(crate) explicit: bool,
    /// The work's ISWC (ERN 4 `WorkId/ISWC`, ERN 3 `IndirectSoundRecordingId/ISWC`).
    pub(crate) iswc: Option<Located<'a>>,
}

#[derive(Debug)]
pub(crate) struct Resource<'a> {
    /// The element name (`SoundRecording`, `Image`, …).
    pub(crate) kind: &'static str,
    /// Position in the resource list.
    pub(crate) index: usize,
    pub(crate) recording: Option<Recording<'a>>,
    /// For a `FrontCoverImage`, its file as the message names it (4.x `File/URI`, 3.x
    /// `FilePath` and `FileName`): the release's cover.
    pub(crate) front_cover: Option<String>,
    /// Whether a track list names it.
    pub(crate) listed: bool,
}

#[derive(Debug)]
pub(crate) struct Item<'a> {
    pub(crate) reference: Located<'a>,
    pub(crate) sequence: Option<u64>,
}

#[derive(Debug, Default)]
pub(crate) struct MainRelease<'a> {
    pub(crate) offset: usize,
    /// ERN 3's `IsMainRelease`.
    pub(crate) is_main: Option<bool>,
    pub(crate) reference: Option<Cow<'a, str>>,
    /// ERN 3's `ReferenceTitle`, the title of last resort.
    pub(crate) reference_title: Option<(Cow<'a, str>, Option<Cow<'a, str>>)>,
    /// ERN 3's `LabelName`.
    pub(crate) label_name: Option<Cow<'a, str>>,
    /// ERN 3's primary resources (`ReleaseResourceReferenceList`), the track list of a
    /// release without a resource group.
    pub(crate) primary: Vec<Item<'a>>,
    pub(crate) types: Vec<Cow<'a, str>>,
    pub(crate) icpn: Option<Located<'a>>,
    pub(crate) grid: Option<Located<'a>>,
    pub(crate) other_id: Option<String>,
    /// Identifiers the model has no place for (GRid, proprietary ids), with their offsets.
    pub(crate) left_out_ids: Vec<(String, usize)>,
    pub(crate) catalog_number: Option<Cow<'a, str>>,
    pub(crate) display: Display<'a>,
    pub(crate) labels: Preferred<Located<'a>>,
    pub(crate) p_line: Option<Cow<'a, str>>,
    pub(crate) c_line: Option<Cow<'a, str>>,
    pub(crate) genre: Option<Cow<'a, str>>,
    pub(crate) release_date: Option<Located<'a>>,
    pub(crate) original_release_date: Option<Located<'a>>,
    pub(crate) explicit: Option<bool>,
    pub(crate) compilation: bool,
    /// Items outside any `Component` group.
    pub(crate) top: Vec<Item<'a>>,
    /// One list of items per `Component` group.
    pub(crate) discs: Vec<Vec<Item<'a>>>,
    pub(crate) linked: Vec<Located<'a>>,
}

impl<'a> MainRelease<'a> {
    /// Reads a `ReleaseId/GRid`, both families' element: the first is kept, and named in
    /// `other_id` (the note on a release without an ICPN names it).
    pub(crate) fn read_grid(&mut self, pull: &mut Pull<'a>, id: &Element<'a>) -> Result<(), Error> {
        let grid = Located::read(pull, id)?;
        self.other_id
            .get_or_insert_with(|| format!("GRid {}", grid.text.trim()));
        self.grid = Some(grid);
        Ok(())
    }
}

#[derive(Debug)]
pub(crate) struct ReleaseDeal<'a> {
    pub(crate) references: Vec<Located<'a>>,
    pub(crate) deals: Vec<Result<Deal, String>>,
    /// How many of its deal terms are takedowns.
    pub(crate) takedowns: usize,
}

/// Parts of the message the model has no place for, counted: each becomes one info note
/// at its first occurrence.
#[derive(Debug, Default)]
pub(crate) struct LeftOut {
    /// What (`"rights controllers"`) → how many, and the offset of the first.
    pub(crate) counts: BTreeMap<&'static str, (usize, usize)>,
}

impl LeftOut {
    pub(crate) fn add(&mut self, what: &'static str, offset: usize) {
        self.counts
            .entry(what)
            .and_modify(|(count, _)| *count += 1)
            .or_insert((1, offset));
    }
}

#[derive(Debug, Default)]
pub(crate) struct Message<'a> {
    /// The version the namespace names (always set before reading starts).
    pub(crate) version: Option<ErnVersion>,
    pub(crate) notes: Vec<Note>,
    /// ERN 3's `UpdateIndicator` says `UpdateMessage`.
    pub(crate) update: bool,
    pub(crate) test: bool,
    pub(crate) left_out: LeftOut,
    /// ERN 3's releases other than track releases, one of them the main release.
    pub(crate) candidates: Vec<MainRelease<'a>>,
    pub(crate) header: Option<MessageHeader>,
    pub(crate) parties: HashMap<Cow<'a, str>, Party<'a>>,
    pub(crate) resources: HashMap<Cow<'a, str>, Resource<'a>>,
    pub(crate) release_list: Option<usize>,
    pub(crate) release: Option<MainRelease<'a>>,
    /// Track and clip releases: their references, and the resource each names.
    pub(crate) other_releases: Vec<(Cow<'a, str>, Option<Located<'a>>)>,
    pub(crate) release_deals: Vec<ReleaseDeal<'a>>,
    /// ERN 3 track releases' ISRCs, each the ISRC of a track unless its recording is left out.
    pub(crate) track_release_isrcs: Vec<(String, usize)>,
}

/// What is wrong with a field's text, from the model's error about it (the error's own message
/// repeats the text, which [`Error::Value`] already shows).
pub(crate) fn reason(error: release_model::Error) -> String {
    match error {
        release_model::Error::Date { reason, .. }
        | release_model::Error::Duration { reason, .. } => reason,
        release_model::Error::Isrc { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// The identifiers ISRC, ICPN, GRid and ISWC anywhere inside `element` (which is consumed),
/// for the notes on what the model leaves out.
pub(crate) fn identifiers<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<Vec<(&'static str, Located<'a>)>, Error> {
    const NAMES: [&str; 4] = ["ISRC", "ICPN", "GRid", "ISWC"];
    let mut found = Vec::new();
    let mut depth = 0;
    while let Some(child) = pull.descendant(element, &mut depth)? {
        if let Some(name) = NAMES.iter().find(|name| name.as_bytes() == child.name()) {
            found.push((*name, Located::read(pull, &child)?));
            depth -= 1;
        }
    }
    Ok(found)
}

/// `"ISRC QZAQQ2600001, GRid A1…"`.
pub(crate) fn list_identifiers(found: &[(&'static str, Located<'_>)]) -> String {
    found
        .iter()
        .map(|(name, id)| format!("{name} {}", id.text.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a family reads a `SoundRecording`: its reference and what the model needs of it.
pub(crate) type ReadRecording = for<'a> fn(
    &mut Pull<'a>,
    &Element<'a>,
    &mut Message<'a>,
) -> Result<(Located<'a>, Recording<'a>), Error>;

/// Reads a `ResourceList`: sound recordings with the family's `sound_recording`, the other
/// resource kinds (`kinds`) by reference with their identifiers noted as left out.
pub(crate) fn resource_list<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
    kinds: &[&'static str],
    sound_recording: ReadRecording,
) -> Result<(), Error> {
    while let Some(resource) = pull.child(element)? {
        let Some(kind) = kinds
            .iter()
            .copied()
            .find(|kind| kind.as_bytes() == resource.name())
        else {
            pull.skip(&resource)?;
            continue;
        };
        let index = message.resources.len();
        let (reference, recording, front_cover) = if kind == "SoundRecording" {
            let (reference, recording) = sound_recording(pull, &resource, message)?;
            (reference, Some(recording), None)
        } else {
            let (reference, front_cover) = other_resource(pull, &resource, kind, message)?;
            (reference, None, front_cover)
        };
        let resource = Resource {
            kind,
            index,
            recording,
            front_cover,
            listed: false,
        };
        insert_new(
            pull,
            &mut message.resources,
            reference,
            resource,
            "ResourceReference",
            "resource",
        )?;
    }
    Ok(())
}

/// The `ResourceReference` of a resource the model does not hold, and for a front cover image
/// its file; the identifiers become an info note, the rest is skipped.
fn other_resource<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    kind: &'static str,
    message: &mut Message<'a>,
) -> Result<(Located<'a>, Option<String>), Error> {
    let mut reference = None;
    let mut ids = Vec::new();
    let mut front = false;
    let (mut uri, mut name, mut path) = (None, None, None);
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"ResourceReference" if reference.is_none() => {
                reference = Some(Located::read(pull, &child)?);
            }
            // 4.x `Type`, 3.x `ImageType`.
            b"Type" | b"ImageType" => front |= pull.text(&child)?.trim() == "FrontCoverImage",
            _ => {
                let mut depth = 0;
                while let Some(part) = pull.descendant(&child, &mut depth)? {
                    let slot = match part.name() {
                        b"ISRC" | b"ICPN" | b"GRid" | b"ISWC" => None,
                        b"URI" => Some(&mut uri),
                        b"FileName" => Some(&mut name),
                        b"FilePath" => Some(&mut path),
                        _ => continue,
                    };
                    let located = Located::read(pull, &part)?;
                    depth -= 1;
                    match slot {
                        Some(slot) => {
                            slot.get_or_insert(located.text.trim().to_owned());
                        }
                        None => {
                            let id = String::from_utf8_lossy(part.name()).into_owned();
                            let id = ["ISRC", "ICPN", "GRid", "ISWC"]
                                .into_iter()
                                .find(|known| *known == id)
                                .unwrap_or("ISRC");
                            ids.push((id, located));
                        }
                    }
                }
            }
        }
    }
    let reference = reference.ok_or_else(|| missing(pull, element, "ResourceReference", kind))?;
    let file = uri.or_else(|| {
        name.map(|name| match path.as_deref() {
            Some(dir) if !dir.is_empty() => {
                format!("{}/{name}", dir.trim_end_matches('/'))
            }
            _ => name,
        })
    });
    let front_cover = if front && kind == "Image" { file } else { None };
    if !ids.is_empty() {
        message.notes.push(Note::new(
            super::rules::LEFT_OUT,
            Some(pull.position_of(element.offset)),
            format!(
                "{kind} {} ({}) left out: the model holds sound recordings only",
                reference.text,
                list_identifiers(&ids)
            ),
        ));
    }
    Ok((reference, front_cover))
}
