//! What the reader collects before resolving: texts with their offsets, and the parts of the
//! message the model needs.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::pull::{Element, Pull};
use crate::{Deal, Error, MessageHeader};

/// A text with the offset of its element, for errors found later.
#[derive(Debug, Clone)]
pub(super) struct Located<'a> {
    pub(super) text: Cow<'a, str>,
    pub(super) offset: usize,
}

impl<'a> Located<'a> {
    /// The text of the leaf `element`, with the element's offset.
    pub(super) fn read(pull: &mut Pull<'a>, element: &Element<'a>) -> Result<Located<'a>, Error> {
        Ok(Located {
            offset: element.offset,
            text: pull.text(element)?,
        })
    }
}

/// Keeps the first value, or the first one marked `IsDefault="true"`.
#[derive(Debug)]
pub(super) struct Preferred<T> {
    pub(super) value: Option<T>,
    pub(super) is_default: bool,
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
    pub(super) fn offer(&mut self, value: T, is_default: bool) {
        if self.value.is_none() || (is_default && !self.is_default) {
            self.value = Some(value);
            self.is_default = is_default;
        }
    }
}

pub(super) fn is_default(pull: &Pull<'_>, element: &Element<'_>) -> Result<bool, Error> {
    Ok(pull.attribute_is(element, "IsDefault", "true")?
        || pull.attribute_is(element, "IsDefault", "1")?)
}

/// Title, version and artist as a `SoundRecording` or `Release` states them.
#[derive(Debug, Default)]
pub(super) struct Display<'a> {
    pub(super) title: Preferred<(Cow<'a, str>, Option<Cow<'a, str>>)>,
    pub(super) title_text: Preferred<Cow<'a, str>>,
    pub(super) artist_name: Preferred<Cow<'a, str>>,
    /// The first `DisplayArtist` by sequence number.
    pub(super) artist_party: Option<(u64, Located<'a>)>,
    /// Every party reference, for the dangling check.
    pub(super) party_references: Vec<Located<'a>>,
}

impl<'a> Display<'a> {
    /// Reads `element` when it is one of the display elements; `false` when it is not.
    pub(super) fn read(
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
                        let reference = Located::read(pull, &child)?;
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

    /// The title and version: `DisplayTitle`, else the `DisplayTitleText`. Copies, so that a
    /// recording the track list names twice reads the same both times.
    pub(super) fn title(&self) -> Option<(String, Option<String>)> {
        match &self.title.value {
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
    pub(super) fn artist(&self, parties: &HashMap<Cow<'a, str>, Party<'a>>) -> Option<String> {
        if let Some(name) = &self.artist_name.value {
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

pub(super) fn missing(
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
pub(super) fn insert_new<'a, T>(
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

#[derive(Debug)]
pub(super) struct Party<'a> {
    pub(super) name: Option<Cow<'a, str>>,
}

#[derive(Debug)]
pub(super) struct Recording<'a> {
    pub(super) offset: usize,
    pub(super) isrc: Option<Located<'a>>,
    pub(super) display: Display<'a>,
    pub(super) duration: Option<Located<'a>>,
    pub(super) explicit: bool,
}

#[derive(Debug)]
pub(super) struct Resource<'a> {
    /// The element name (`SoundRecording`, `Image`, …).
    pub(super) kind: &'static str,
    /// Position in the resource list.
    pub(super) index: usize,
    pub(super) recording: Option<Recording<'a>>,
}

#[derive(Debug)]
pub(super) struct Item<'a> {
    pub(super) reference: Located<'a>,
    pub(super) sequence: Option<u64>,
}

#[derive(Debug, Default)]
pub(super) struct MainRelease<'a> {
    pub(super) offset: usize,
    pub(super) reference: Option<Cow<'a, str>>,
    pub(super) types: Vec<Cow<'a, str>>,
    pub(super) icpn: Option<Located<'a>>,
    pub(super) other_id: Option<String>,
    pub(super) catalog_number: Option<Cow<'a, str>>,
    pub(super) display: Display<'a>,
    pub(super) labels: Preferred<Located<'a>>,
    pub(super) p_line: Option<Cow<'a, str>>,
    pub(super) c_line: Option<Cow<'a, str>>,
    pub(super) genre: Option<Cow<'a, str>>,
    pub(super) release_date: Option<Located<'a>>,
    pub(super) original_release_date: Option<Located<'a>>,
    pub(super) explicit: Option<bool>,
    pub(super) compilation: bool,
    /// Items outside any `Component` group.
    pub(super) top: Vec<Item<'a>>,
    /// One list of items per `Component` group.
    pub(super) discs: Vec<Vec<Item<'a>>>,
    pub(super) linked: Vec<Located<'a>>,
}

#[derive(Debug)]
pub(super) struct ReleaseDeal<'a> {
    pub(super) references: Vec<Located<'a>>,
    pub(super) deals: Vec<Result<Deal, String>>,
}

#[derive(Debug, Default)]
pub(super) struct Message<'a> {
    pub(super) header: Option<MessageHeader>,
    pub(super) parties: HashMap<Cow<'a, str>, Party<'a>>,
    pub(super) resources: HashMap<Cow<'a, str>, Resource<'a>>,
    pub(super) release_list: Option<usize>,
    pub(super) release: Option<MainRelease<'a>>,
    /// Track and clip releases: their references, and the resource each names.
    pub(super) other_releases: Vec<(Cow<'a, str>, Option<Located<'a>>)>,
    pub(super) release_deals: Vec<ReleaseDeal<'a>>,
    /// The creation date-time, when it lacks a time zone.
    pub(super) created_without_zone: Option<String>,
}

/// What is wrong with a field's text, from the model's error about it (the error's own message
/// repeats the text, which [`Error::Value`] already shows).
pub(super) fn reason(error: release_model::Error) -> String {
    match error {
        release_model::Error::Date { reason, .. }
        | release_model::Error::Duration { reason, .. } => reason,
        release_model::Error::Isrc { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}
