//! Resolving what was read: references checked, discs and tracks built, findings reported.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use isrc::Isrc;

use super::message::{Located, MainRelease, Message, Party, Recording, Resource, missing, reason};
use super::{Action, Imported, Note, rules};
use crate::credits::Credit;
use crate::pull::{Element, Pull};
use crate::{Deal, ErnVersion, Error};
use release_model::{Contributor, PartialDate, Release, ReleaseType, Role, Track, Work};

/// A reference that names nothing in the message.
fn dangling(
    pull: &Pull<'_>,
    reference: &Located<'_>,
    element: &'static str,
    target: &'static str,
) -> Error {
    Error::Dangling {
        position: pull.position_of(reference.offset),
        element,
        reference: reference.text.clone().into_owned(),
        target,
    }
}

impl<'a> Message<'a> {
    fn party_name(
        &self,
        pull: &Pull<'_>,
        reference: &Located<'a>,
        element: &'static str,
    ) -> Result<Option<&Cow<'a, str>>, Error> {
        match self.parties.get(&reference.text) {
            Some(party) => Ok(party.name.as_ref()),
            None => Err(dangling(pull, reference, element, "party")),
        }
    }

    /// The main release: ERN 4's one `Release`; in ERN 3 the release marked
    /// `IsMainRelease`, else the first that is no track release (the others are noted).
    fn main_release(
        &mut self,
        pull: &Pull<'a>,
        release_list: usize,
    ) -> Result<MainRelease<'a>, Error> {
        if let Some(release) = self.release.take() {
            return Ok(release);
        }
        let mut candidates = std::mem::take(&mut self.candidates);
        let marked: Vec<usize> = (0..candidates.len())
            .filter(|&i| candidates[i].is_main == Some(true))
            .collect();
        if let [_, second, ..] = marked[..] {
            return Err(Error::Value {
                position: pull.position_of(candidates[second].offset),
                element: "Release",
                value: candidates[second]
                    .reference
                    .as_deref()
                    .unwrap_or_default()
                    .to_owned(),
                reason: "a second release marked IsMainRelease; ern allows one".to_owned(),
            });
        }
        if candidates.is_empty() {
            return Err(Error::NoRelease {
                position: pull.position_of(release_list),
            });
        }
        let main = candidates.remove(marked.first().copied().unwrap_or(0));
        for other in candidates {
            let mut ids: Vec<String> = other
                .icpn
                .iter()
                .map(|icpn| format!("ICPN {}", icpn.text.trim()))
                .collect();
            ids.extend(
                other
                    .grid
                    .iter()
                    .map(|grid| format!("GRid {}", grid.text.trim())),
            );
            ids.extend(other.left_out_ids.into_iter().map(|(id, _)| id));
            self.notes.push(Note::new(
                rules::LEFT_OUT,
                Some(pull.position_of(other.offset)),
                format!(
                    "release {} ({}) left out: the model holds the main release only",
                    other.reference.as_deref().unwrap_or("without a reference"),
                    if ids.is_empty() {
                        "no identifier".to_owned()
                    } else {
                        ids.join(", ")
                    }
                ),
            ));
        }
        Ok(main)
    }

    pub(crate) fn into_imported(
        mut self,
        pull: &Pull<'a>,
        root: &Element<'a>,
    ) -> Result<Imported, Error> {
        let version = self.version.unwrap_or(ErnVersion::V4_3);
        let header = self
            .header
            .take()
            .ok_or_else(|| missing(pull, root, "MessageHeader", "NewReleaseMessage"))?;
        let release_list = self
            .release_list
            .ok_or_else(|| missing(pull, root, "ReleaseList", "NewReleaseMessage"))?;
        let mut main = self.main_release(pull, release_list)?;
        let mut notes = std::mem::take(&mut self.notes);
        let upc = icpn(pull, &main, &mut notes)?;
        for (id, offset) in &main.left_out_ids {
            notes.push(Note::new(
                rules::LEFT_OUT,
                Some(pull.position_of(*offset)),
                format!("the release's {id} left out: the model identifies a release by its upc"),
            ));
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
                return Err(dangling(
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
                return Err(dangling(
                    pull,
                    reference,
                    "ReleaseResourceReference",
                    "resource",
                ));
            }
        }
        let label = match main.labels.value.take() {
            Some(reference) => match self.party_name(pull, &reference, "ReleaseLabelReference")? {
                Some(name) => Some(name.clone().into_owned()),
                None => {
                    notes.push(Note::new(
                        rules::UNNAMED_LABEL,
                        Some(pull.position_of(reference.offset)),
                        format!(
                            "the label party {} has no name; the release has no label",
                            reference.text
                        ),
                    ));
                    None
                }
            },
            None => main.label_name.take().map(Cow::into_owned),
        };

        let (title, version_title) = main
            .display
            .title()
            .or_else(|| {
                main.reference_title
                    .as_ref()
                    .map(|(t, v)| (t.as_ref().to_owned(), v.as_deref().map(str::to_owned)))
            })
            .ok_or_else(|| Error::Missing {
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

        // Discs in order: the disc groups, then any items outside them; ERN 3 without a
        // resource group lists its primary resources instead.
        let mut discs = std::mem::take(&mut main.discs);
        if !main.top.is_empty() {
            discs.push(std::mem::take(&mut main.top));
        }
        if discs.iter().all(Vec::is_empty) && !main.primary.is_empty() {
            discs = vec![std::mem::take(&mut main.primary)];
        }
        let mut tracks = Vec::new();
        let mut disc_number = 0;
        let mut skipped = Vec::new();
        for items in discs {
            let mut number = 0;
            for item in items {
                let Some(resource) = self.resources.get_mut(&item.reference.text) else {
                    return Err(dangling(
                        pull,
                        &item.reference,
                        "ReleaseResourceReference",
                        "resource",
                    ));
                };
                resource.listed = true;
                let Some(recording) = &resource.recording else {
                    skipped.push((
                        item.reference.text.clone(),
                        resource.kind,
                        item.reference.offset,
                    ));
                    continue;
                };
                if number == 0 {
                    disc_number += 1;
                }
                number += 1;
                let track = recording_track(
                    pull,
                    recording,
                    &self.parties,
                    disc_number,
                    number,
                    &artist,
                    &mut notes,
                )?;
                tracks.push((resource.index, tracks.len(), track));
            }
        }
        // The cover: the front cover image the release links (ERN 4) or lists as a secondary
        // resource (ERN 3).
        let mut cover = main
            .linked
            .iter()
            .find_map(|reference| self.resources.get(&reference.text)?.front_cover.clone());
        for (reference, kind, offset) in skipped {
            if cover.is_none()
                && let Some(file) = self
                    .resources
                    .get(&reference)
                    .and_then(|resource| resource.front_cover.clone())
            {
                cover = Some(file);
                continue;
            }
            notes.push(Note::new(
                rules::SKIPPED_RESOURCE,
                Some(pull.position_of(offset)),
                format!(
                    "resource {reference} in the track list ({kind}) left out: the model's tracks are sound recordings"
                ),
            ));
        }
        let mut unlisted: Vec<(&Cow<'a, str>, &Resource<'a>)> = self
            .resources
            .iter()
            .filter(|(_, resource)| !resource.listed && resource.recording.is_some())
            .collect();
        unlisted.sort_by_key(|(_, resource)| resource.index);
        for (reference, resource) in unlisted {
            if let Some(recording) = &resource.recording {
                let isrc = recording
                    .isrc
                    .as_ref()
                    .map(|isrc| format!(" (ISRC {})", isrc.text.trim()))
                    .unwrap_or_default();
                notes.push(Note::new(
                    rules::LEFT_OUT,
                    Some(pull.position_of(recording.offset)),
                    format!(
                        "sound recording {reference}{isrc} is in no track list of the main release; left out"
                    ),
                ));
            }
        }
        let held: HashSet<[u8; 12]> = tracks
            .iter()
            .filter_map(|(_, _, track): &(usize, usize, Track)| track.isrc.map(Isrc::to_bytes))
            .collect();
        for (isrc, offset) in std::mem::take(&mut self.track_release_isrcs) {
            if !held.contains(isrc.trim().as_bytes()) {
                notes.push(Note::new(
                    rules::LEFT_OUT,
                    Some(pull.position_of(offset)),
                    format!("track release ISRC {isrc} left out: its recording is in no track list of the main release"),
                ));
            }
        }
        // The model keeps tracks in the order given; ERN's resource list is that order.
        tracks.sort_by_key(|&(index, occurrence, _)| (index, occurrence));

        let release_type = release_type(pull, &main, &mut notes);
        let date = |located: &Option<Located<'_>>,
                    element: &'static str|
         -> Result<Option<PartialDate>, Error> {
            located
                .as_ref()
                .map(|date| {
                    date.text
                        .trim()
                        .parse::<PartialDate>()
                        .map_err(|error| Error::Value {
                            position: pull.position_of(date.offset),
                            element,
                            value: date.text.clone().into_owned(),
                            reason: reason(error),
                        })
                })
                .transpose()
        };
        let credits = contributors(
            pull,
            &main.display.credits,
            &self.parties,
            Some(&artist),
            &mut notes,
        );
        let grid = party_id::<grid::Grid>(pull, main.grid.as_ref(), "GRid", &mut notes);
        let mut release = Release::new(title, artist);
        release.upc = upc;
        release.grid = grid;
        release.contributors = credits;
        release.version = version_title;
        release.label = label;
        release.catalog_number = main.catalog_number.take().map(Cow::into_owned);
        release.release_type = release_type;
        release.release_date = date(&main.release_date, "ReleaseDate")?;
        release.original_release_date = date(&main.original_release_date, "OriginalReleaseDate")?;
        release.genre = main.genre.take().map(Cow::into_owned);
        release.p_line = main.p_line.take().map(Cow::into_owned);
        release.c_line = main.c_line.take().map(Cow::into_owned);
        release.explicit = main.explicit.unwrap_or(false);
        release.cover = cover;
        release.tracks = tracks.into_iter().map(|(_, _, track)| track).collect();

        let (deals, takedowns) = self.deals(pull, main.reference.as_deref(), &mut notes)?;
        for (what, (count, offset)) in std::mem::take(&mut self.left_out.counts) {
            notes.push(Note::new(
                rules::LEFT_OUT,
                Some(pull.position_of(offset)),
                format!(
                    "{what} left out ({count}, the first here): the model has no place for them"
                ),
            ));
        }
        // ERN 4.3 Part 1, §6.19.4: a takedown may be sent as deals whose EndDate is past.
        let created = header.created.date().parse::<PartialDate>().ok();
        let ended = !deals.is_empty()
            && created.is_some_and(|day| deals.iter().all(|deal| deal.has_ended(day)));
        let action = if (takedowns > 0 && deals.is_empty()) || ended {
            Action::Takedown
        } else if self.update {
            Action::Update
        } else {
            Action::Insert
        };
        Ok(Imported {
            version,
            action,
            test: self.test,
            header,
            release,
            deals,
            notes,
        })
    }

    /// The deals covering the main release, and how many of its deal terms are takedowns.
    fn deals(
        &mut self,
        pull: &Pull<'_>,
        main_reference: Option<&str>,
        notes: &mut Vec<Note>,
    ) -> Result<(Vec<Deal>, usize), Error> {
        let mut deals = Vec::new();
        let mut takedowns = 0;
        // A set: a message may name thousands of track releases, each in a deal.
        let releases: HashSet<&str> = self
            .other_releases
            .iter()
            .map(|(r, _)| r.as_ref())
            .chain(
                self.candidates
                    .iter()
                    .filter_map(|c| c.reference.as_deref()),
            )
            .collect();
        for release_deal in std::mem::take(&mut self.release_deals) {
            let mut covers_main = false;
            for reference in &release_deal.references {
                let text = reference.text.trim();
                if main_reference.map(str::trim) == Some(text) {
                    covers_main = true;
                } else if !releases.contains(text) {
                    return Err(dangling(pull, reference, "DealReleaseReference", "release"));
                }
            }
            if !covers_main {
                continue;
            }
            takedowns += release_deal.takedowns;
            let offset = release_deal.references.first().map(|r| r.offset);
            for deal in release_deal.deals {
                match deal {
                    Ok(deal) => deals.push(deal),
                    Err(problem) => notes.push(Note::new(
                        rules::SKIPPED_DEAL,
                        offset.map(|offset| pull.position_of(offset)),
                        format!("a deal for the release was skipped: {problem}"),
                    )),
                }
            }
        }
        Ok((deals, takedowns))
    }
}

fn recording_track<'a>(
    pull: &Pull<'_>,
    recording: &Recording<'a>,
    parties: &HashMap<Cow<'a, str>, Party<'a>>,
    disc: u32,
    number: u32,
    release_artist: &str,
    notes: &mut Vec<Note>,
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
        .or_else(|| {
            recording
                .reference_title
                .as_ref()
                .map(|(t, v)| (t.as_ref().to_owned(), v.as_deref().map(str::to_owned)))
        })
        .ok_or_else(|| missing("DisplayTitle"))?;
    let artist = recording
        .display
        .artist(parties)
        .ok_or_else(|| missing("DisplayArtistName"))?;
    let mut track = Track::new(disc, number, title);
    track.version = version;
    track.contributors = contributors(
        pull,
        &recording.display.credits,
        parties,
        Some(&artist),
        notes,
    );
    track.artist = (artist != release_artist).then_some(artist);
    track.explicit = recording.explicit;
    let iswc = party_id::<iswc::Iswc>(pull, recording.iswc.as_ref(), "ISWC", notes);
    let writers = contributors(pull, &recording.display.writers, parties, None, notes);
    if iswc.is_some() || !writers.is_empty() {
        let mut work = Work::new();
        work.iswc = iswc;
        work.writers = writers;
        track.work = Some(work);
    }
    if let Some(isrc) = &recording.isrc {
        let code = isrc.text.parse::<Isrc>().map_err(|error| Error::Value {
            position: pull.position_of(isrc.offset),
            element: "ISRC",
            value: isrc.text.clone().into_owned(),
            reason: error.to_string(),
        })?;
        if *isrc.text.trim().as_bytes() != code.to_bytes() {
            notes.push(Note::new(
                rules::CODE_SPELLING,
                Some(pull.position_of(isrc.offset)),
                format!("isrc {:?} read as {code}", isrc.text.trim()),
            ));
        }
        track.isrc = Some(code);
    }
    let duration = recording
        .duration
        .as_ref()
        .ok_or_else(|| missing("Duration"))?;
    let text = duration.text.trim();
    let value = release_model::duration::parse(text).map_err(|error| Error::Value {
        position: pull.position_of(duration.offset),
        element: "Duration",
        value: duration.text.clone().into_owned(),
        reason: reason(error),
    })?;
    if !text.starts_with('P') {
        notes.push(Note::new(
            rules::DURATION_SPELLING,
            Some(pull.position_of(duration.offset)),
            format!(
                "duration {text:?} is no xs:duration; read as {}",
                release_model::duration::Iso8601(value)
            ),
        ));
    }
    track.duration = Some(value);
    Ok(track)
}

/// The release's UPC from its ICPN, leniently: DDEX's own samples carry 14-digit ICPNs and
/// ICPNs with wrong check digits, real deliveries ICPNs with spaces. An empty ICPN is an
/// error: the element says there is a code and gives none.
fn icpn(
    pull: &Pull<'_>,
    main: &MainRelease<'_>,
    notes: &mut Vec<Note>,
) -> Result<Option<upc::Upc>, Error> {
    let Some(icpn) = &main.icpn else {
        let message = match &main.other_id {
            Some(id) => format!("the release has no icpn, only a {id}; it gets no upc"),
            None => "the release has no icpn; it gets no upc".to_owned(),
        };
        notes.push(Note::new(
            rules::NO_ICPN,
            Some(pull.position_of(main.offset)),
            message,
        ));
        return Ok(None);
    };
    // Placed only when a finding needs it: the index of lines costs a pass over the text.
    let position = || pull.position_of(icpn.offset);
    let text = icpn.text.trim();
    if text.is_empty() {
        return Err(Error::Value {
            position: position(),
            element: "ICPN",
            value: icpn.text.clone().into_owned(),
            reason: "empty: an icpn is a gtin of 8, 12, 13 or 14 digits".to_owned(),
        });
    }
    let mut warn = |rule: &'static release_model::Rule, message: String| {
        notes.push(Note::new(rule, Some(position()), message));
    };
    // `FromStr` takes the strict fast path first and reads leniently only when it fails.
    match text.parse::<upc::Upc>() {
        Ok(code) => {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            if digits != text {
                warn(
                    rules::CODE_SPELLING,
                    format!("icpn {text:?} read as {code}"),
                );
            }
            if code.kind() == upc::Kind::Gtin14 {
                let message = match code.to_ean13() {
                    Ok(ean) => format!("icpn {code} has 14 digits; the product's ean-13 is {ean}"),
                    Err(_) => format!("icpn {code} has 14 digits (a gtin-14, not a retail code)"),
                };
                warn(rules::ICPN_GTIN14, message);
            }
            Ok(Some(code))
        }
        Err(error) => {
            let rule = if error.is_check_digit() {
                rules::ICPN_CHECK_DIGIT
            } else {
                rules::ICPN_INVALID
            };
            warn(
                rule,
                format!("icpn {text:?} is not a valid upc ({error}); the release gets no upc"),
            );
            Ok(None)
        }
    }
}

/// The model's release type from ERN's: the first `ReleaseType` with an equivalent; a
/// compilation flag makes it a compilation.
fn release_type(
    pull: &Pull<'_>,
    main: &MainRelease<'_>,
    notes: &mut Vec<Note>,
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
        notes.push(Note::new(
            rules::RELEASE_TYPE,
            Some(pull.position_of(main.offset)),
            format!(
                "release type {} has no equivalent (album, single, ep, compilation); left empty",
                kinds.join(", ")
            ),
        ));
    }
    mapped
}

/// The contributors of a release or recording from its credits: credits in the order of
/// their `SequenceNumber`s (document order among equals), the credits naming one party
/// under one number joined into one contributor with every role, the party's name, ISNI and
/// IPI name number read from the party list (ERN 3: named inline). The display artist
/// credited as `MainArtist` under its own name without identifiers is the display artist
/// itself (every message names it so), not a credit: the first such credit is left out (a
/// work's writers have no `display_artist`).
///
/// An identifier that does not read, or a role that is no single word, is left out with a
/// warning; the contributor stays.
pub(crate) fn contributors<'a>(
    pull: &Pull<'_>,
    credits: &[Credit<'a>],
    parties: &HashMap<Cow<'a, str>, Party<'a>>,
    display_artist: Option<&str>,
    notes: &mut Vec<Note>,
) -> Vec<Contributor> {
    let inline = credits.iter().any(|credit| credit.inline.is_some());
    let mut ordered: Vec<&Credit<'a>> = credits.iter().collect();
    // ERN 3 numbers display artists and contributors apart (and names a party once):
    // display artists first. ERN 4 numbers all credits in one run.
    ordered.sort_by_key(|credit| {
        (
            inline && credit.contributor,
            credit.sequence.unwrap_or(u64::MAX),
        )
    });
    if inline
        && let Some(display_artist) = display_artist
        && let Some(at) = ordered.iter().position(|credit| {
            credit.inline.as_ref().is_some_and(|party| {
                party.name.as_deref() == Some(display_artist)
                    && party.isni.is_none()
                    && party.ipi.is_none()
            }) && !credit.contributor
                && credit.roles.len() == 1
                && credit.roles[0].parse::<Role>().ok() == Some(Role::MainArtist)
        })
    {
        // The display artist's own credit, before it could join a credit of the same name.
        ordered.remove(at);
    }
    let mut joined: Vec<(Option<u64>, &Cow<'a, str>, Contributor)> = Vec::new();
    for credit in ordered {
        let Some(party) = credit
            .inline
            .as_ref()
            .or_else(|| parties.get(&credit.party))
        else {
            // The dangling reference is reported with the display artist's.
            continue;
        };
        let Some(name) = party.name.as_deref() else {
            notes.push(Note::new(
                rules::UNNAMED_CREDIT,
                Some(pull.position_of(credit.offset)),
                format!("the credited party {} has no name; left out", credit.party),
            ));
            continue;
        };
        // An inline party is one contributor whatever its numbers; a party of the list is
        // one per number.
        let at = match joined.iter().position(|(sequence, reference, _)| {
            (inline || *sequence == credit.sequence) && **reference == credit.party
        }) {
            Some(at) => at,
            None => {
                let mut contributor = Contributor::new(name, []);
                contributor.isni = party_id(pull, party.isni.as_ref(), "ISNI", notes);
                contributor.ipi = party_id(pull, party.ipi.as_ref(), "IpiNameNumber", notes);
                joined.push((credit.sequence, &credit.party, contributor));
                joined.len() - 1
            }
        };
        for role in &credit.roles {
            match role.parse::<Role>() {
                Ok(role) if inline && joined[at].2.roles.contains(&role) => {}
                Ok(role) => joined[at].2.roles.push(role),
                Err(_) => notes.push(Note::new(
                    rules::CREDIT_ROLE,
                    Some(pull.position_of(credit.offset)),
                    format!(
                        "role {:?} of {} is no single word; left out",
                        role.trim(),
                        joined[at].2.name
                    ),
                )),
            }
        }
    }
    let mut contributors: Vec<Contributor> = joined
        .into_iter()
        .map(|(_, _, contributor)| contributor)
        .collect();
    if !inline
        && let Some(display_artist) = display_artist
        && let Some(at) = contributors.iter().position(|contributor| {
            contributor.name == display_artist
                && contributor.roles == [Role::MainArtist]
                && contributor.isni.is_none()
                && contributor.ipi.is_none()
        })
    {
        contributors.remove(at);
    }
    contributors
}

/// A party identifier that reads, or a warning saying why it was left out.
fn party_id<T: std::str::FromStr>(
    pull: &Pull<'_>,
    id: Option<&Located<'_>>,
    element: &'static str,
    notes: &mut Vec<Note>,
) -> Option<T>
where
    T::Err: std::fmt::Display,
{
    let id = id?;
    match id.text.parse::<T>() {
        Ok(code) => Some(code),
        Err(error) => {
            notes.push(Note::new(
                rules::INVALID_IDENTIFIER,
                Some(pull.position_of(id.offset)),
                format!(
                    "{element} {:?} is not valid ({error}); left out",
                    id.text.trim()
                ),
            ));
            None
        }
    }
}
