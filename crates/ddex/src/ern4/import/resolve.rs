//! Resolving what was read: references checked, discs and tracks built, findings reported.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use isrc::Isrc;

use super::message::{Located, MainRelease, Message, Party, Recording, missing, reason};
use super::{Imported, rules};
use crate::pull::{Element, Pull};
use crate::{Deal, Error};
use release_model::{Finding, Location, Severity};
use release_model::{PartialDate, Release, ReleaseType, Report, Track};

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

    pub(super) fn into_imported(
        mut self,
        pull: &Pull<'a>,
        root: &Element<'a>,
    ) -> Result<Imported, Error> {
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
                let Some(resource) = self.resources.get(&item.reference.text) else {
                    return Err(dangling(
                        pull,
                        &item.reference,
                        "ReleaseResourceReference",
                        "resource",
                    ));
                };
                let Some(recording) = &resource.recording else {
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
                            reason: reason(error),
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
        // A set: a message may name thousands of track releases, each in a deal.
        let releases: HashSet<&str> = self
            .other_releases
            .iter()
            .map(|(r, _)| r.as_ref())
            .collect();
        for release_deal in std::mem::take(&mut self.release_deals) {
            let mut covers_main = false;
            for reference in &release_deal.references {
                let text = reference.text.as_ref();
                if main_reference == Some(text) {
                    covers_main = true;
                } else if !releases.contains(text) {
                    return Err(dangling(pull, reference, "DealReleaseReference", "release"));
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
    recording: &Recording<'a>,
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
        let code = isrc.text.parse::<Isrc>().map_err(|error| Error::Value {
            position: pull.position_of(isrc.offset),
            element: "ISRC",
            value: isrc.text.clone().into_owned(),
            reason: error.to_string(),
        })?;
        track.isrc = Some(code);
    }
    let duration = recording
        .duration
        .as_ref()
        .ok_or_else(|| missing("Duration"))?;
    track.duration = Some(
        release_model::duration::parse(&duration.text).map_err(|error| Error::Value {
            position: pull.position_of(duration.offset),
            element: "Duration",
            value: duration.text.clone().into_owned(),
            reason: reason(error),
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
    // `FromStr` takes the strict fast path first and reads leniently only when it fails.
    match text.parse::<upc::Upc>() {
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
            let rule = if error.is_check_digit() {
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
