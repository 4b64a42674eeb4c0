//! ERN 3 (3.7 … 3.8.3): the resource list and the release list, whose titles, artists,
//! labels and track lists sit in `…DetailsByTerritory` blocks, one per territory.

use std::borrow::Cow;

use crate::pull::{Element, Pull};
use crate::read::group::resource_group;
use crate::read::message::{
    Display, Item, Located, MainRelease, Message, Recording, identifiers, inline_credit,
    list_identifiers, missing, resource_list,
};
use crate::read::{Note, rules};
use crate::{Error, Family};

/// The children ERN 3.8.2 allows in a `SoundRecording` (and the 3.7 ones it dropped): any
/// other element is a message that is not ERN, and reading on would be a guess.
const SOUND_RECORDING_CHILDREN: [&str; 34] = [
    "SoundRecordingType",
    "IsArtistRelated",
    "SoundRecordingId",
    "IndirectSoundRecordingId",
    "ResourceReference",
    "ReferenceTitle",
    "InstrumentationDescription",
    "IsMedley",
    "IsPotpourri",
    "IsInstrumental",
    "IsBackground",
    "IsHiddenResource",
    "IsBonusResource",
    "HasPreOrderFulfillment",
    "IsComputerGenerated",
    "IsRemastered",
    "NoSilenceBefore",
    "NoSilenceAfter",
    "PerformerInformationRequired",
    "LanguageOfPerformance",
    "Duration",
    "RightsAgreementId",
    "SoundRecordingCollectionReferenceList",
    "ResourceMusicalWorkReferenceList",
    "ResourceContainedResourceReferenceList",
    "CreationDate",
    "MasteredDate",
    "RemasteredDate",
    "SoundRecordingDetailsByTerritory",
    "TerritoryOfCommissioning",
    "NumberOfFeaturedArtists",
    "NumberOfNonFeaturedArtists",
    "NumberOfContractedArtists",
    "NumberOfNonContractedArtists",
];

/// The children ERN 3.8.2 allows in a `Release`.
const RELEASE_CHILDREN: [&str; 20] = [
    "ReleaseId",
    "ReleaseReference",
    "ExternalResourceLink",
    "SalesReportingProxyReleaseId",
    "ReferenceTitle",
    "ReleaseResourceReferenceList",
    "ResourceOmissionReason",
    "ReleaseCollectionReferenceList",
    "ReleaseType",
    "ReleaseDetailsByTerritory",
    "LanguageOfPerformance",
    "LanguageOfDubbing",
    "SubTitleLanguage",
    "Duration",
    "RightsAgreementId",
    "PLine",
    "CLine",
    "ArtistProfilePage",
    "GlobalReleaseDate",
    "GlobalOriginalReleaseDate",
];

fn unexpected(pull: &Pull<'_>, element: &Element<'_>, parent: &str) -> Error {
    Error::Syntax {
        position: pull.position_of(element.offset),
        message: format!(
            "unexpected element {} in {parent}: not an element of ern 3",
            String::from_utf8_lossy(element.name())
        ),
    }
}

/// Reads one child of the `NewReleaseMessage` root (other than the header).
pub(crate) fn child<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    match element.name() {
        b"ResourceList" => resources(pull, element, message),
        b"ReleaseList" => release_list(pull, element, message),
        b"DealList" => crate::read::deals::deal_list(pull, element, message),
        _ => pull.skip(element),
    }
}

const RESOURCE_KINDS: [&str; 7] = [
    "SoundRecording",
    "MIDI",
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
    resource_list(pull, element, message, &RESOURCE_KINDS, sound_recording)
}

/// Whether a `…DetailsByTerritory` block applies worldwide.
fn is_worldwide(territories: &[Cow<'_, str>]) -> bool {
    territories.iter().any(|code| code.trim() == "Worldwide")
}

/// Keeps the worldwide block, else the first; the others become an info note.
struct Territorial<T> {
    /// The value, whether it is worldwide, its territories and offset.
    chosen: Option<(T, bool, String, usize)>,
    others: Vec<(String, usize)>,
}

impl<T> Territorial<T> {
    fn new() -> Territorial<T> {
        Territorial {
            chosen: None,
            others: Vec::new(),
        }
    }

    fn offer(&mut self, value: T, territories: &[Cow<'_, str>], offset: usize) {
        let worldwide = is_worldwide(territories);
        let codes = territories.join(" ");
        let replace = match &self.chosen {
            None => true,
            Some((_, chosen_worldwide, _, _)) => worldwide && !chosen_worldwide,
        };
        if replace {
            if let Some((_, _, codes, offset)) =
                self.chosen.replace((value, worldwide, codes, offset))
            {
                self.others.push((codes, offset));
            }
        } else {
            self.others.push((codes, offset));
        }
    }

    fn finish(self, pull: &Pull<'_>, what: &str, notes: &mut Vec<Note>) -> Option<T> {
        for (codes, offset) in self.others {
            notes.push(Note::new(
                rules::LEFT_OUT,
                Some(pull.position_of(offset)),
                format!("{what} details for territory {codes} left out: the model holds one set"),
            ));
        }
        self.chosen.map(|(value, ..)| value)
    }
}

fn sound_recording<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(Located<'a>, Recording<'a>), Error> {
    let mut reference = None;
    let mut has_id = false;
    let mut recording = Recording {
        offset: element.offset,
        reference_title: None,
        isrc: None,
        display: Display::default(),
        duration: None,
        explicit: false,
        iswc: None,
    };
    let mut details = Territorial::new();
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"ResourceReference" => reference = Some(Located::read(pull, &child)?),
            b"SoundRecordingId" => {
                has_id = true;
                while let Some(id) = pull.child(&child)? {
                    if id.name() == b"ISRC" && recording.isrc.is_none() {
                        recording.isrc = Some(Located::read(pull, &id)?);
                    } else {
                        pull.skip(&id)?;
                    }
                }
            }
            b"IndirectSoundRecordingId" => {
                while let Some(id) = pull.child(&child)? {
                    if id.name() == b"ISWC" && recording.iswc.is_none() {
                        recording.iswc = Some(Located::read(pull, &id)?);
                    } else {
                        pull.skip(&id)?;
                    }
                }
            }
            b"ReferenceTitle" => recording.reference_title = Some(reference_title(pull, &child)?),
            b"Duration" => recording.duration = Some(Located::read(pull, &child)?),
            b"SoundRecordingDetailsByTerritory" => {
                let (territories, display, explicit) = recording_details(pull, &child)?;
                details.offer((display, explicit), &territories, child.offset);
            }
            name if SOUND_RECORDING_CHILDREN
                .iter()
                .any(|known| known.as_bytes() == name) =>
            {
                pull.skip(&child)?;
            }
            _ => return Err(unexpected(pull, &child, "SoundRecording")),
        }
    }
    let reference =
        reference.ok_or_else(|| missing(pull, element, "ResourceReference", "SoundRecording"))?;
    // ERN 3 requires the id; a recording without one cannot be told from another.
    if !has_id {
        return Err(missing(pull, element, "SoundRecordingId", "SoundRecording"));
    }
    if let Some((display, explicit)) = details.finish(pull, "sound recording", &mut message.notes) {
        recording.display = display;
        recording.explicit = explicit;
    }
    Ok((reference, recording))
}

fn reference_title<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<(Cow<'a, str>, Option<Cow<'a, str>>), Error> {
    let mut title = None;
    let mut version = None;
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"TitleText" => title = Some(pull.text(&child)?),
            b"SubTitle" if version.is_none() => version = Some(pull.text(&child)?),
            _ => pull.skip(&child)?,
        }
    }
    let title = title.ok_or_else(|| missing(pull, element, "TitleText", "ReferenceTitle"))?;
    Ok((title, version))
}

/// The territories, display fields and parental warning of a `SoundRecordingDetailsByTerritory`.
fn recording_details<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<(Vec<Cow<'a, str>>, Display<'a>, bool), Error> {
    let mut territories = Vec::new();
    let mut display = Display::default();
    let mut warning = None;
    while let Some(child) = pull.child(element)? {
        if display.read(pull, &child)? {
            continue;
        }
        match child.name() {
            b"TerritoryCode" => territories.push(pull.text(&child)?),
            b"ParentalWarningType" if warning.is_none() => warning = Some(pull.text(&child)?),
            b"ResourceContributor" => {
                let credit = inline_credit(pull, &child, b"ResourceContributorRole")?;
                display.credits.push(credit);
            }
            b"IndirectResourceContributor" => {
                let credit = inline_credit(pull, &child, b"IndirectResourceContributorRole")?;
                display.writers.push(credit);
            }
            _ => pull.skip(&child)?,
        }
    }
    let explicit = warning.as_deref().map(str::trim) == Some("Explicit");
    Ok((territories, display, explicit))
}

fn release_list<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    message.release_list = Some(element.offset);
    while let Some(child) = pull.child(element)? {
        if child.name() != b"Release" {
            pull.skip(&child)?;
            continue;
        }
        let release = release(pull, &child, message)?;
        let is_track = release.types.iter().any(|kind| {
            matches!(
                kind.trim(),
                "TrackRelease" | "ResourceRelease" | "VideoTrackRelease" | "RingtoneRelease"
            )
        });
        if release.is_main != Some(true) && is_track {
            if let Some(grid) = &release.grid {
                message
                    .left_out
                    .add("track release identifiers", grid.offset);
            }
            for (id, offset) in release.left_out_ids {
                match id.strip_prefix("ISRC ") {
                    Some(isrc) => message.track_release_isrcs.push((isrc.to_owned(), offset)),
                    None => message.left_out.add("track release identifiers", offset),
                }
            }
            let reference = release
                .reference
                .clone()
                .ok_or_else(|| missing(pull, &child, "ReleaseReference", "Release"))?;
            message.other_releases.push((
                reference,
                release.primary.first().map(|item| item.reference.clone()),
            ));
        } else {
            message.candidates.push(release);
        }
    }
    Ok(())
}

fn release<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<MainRelease<'a>, Error> {
    let mut release = MainRelease {
        offset: element.offset,
        ..MainRelease::default()
    };
    if let Some(main) = pull.attribute(element, "IsMainRelease")? {
        release.is_main = Some(matches!(main.trim(), "true" | "1"));
    }
    let mut details = Territorial::new();
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"ReleaseReference" => release.reference = Some(pull.text(&child)?),
            b"ReleaseType" => release.types.push(pull.text(&child)?),
            b"ReferenceTitle" => release.reference_title = Some(reference_title(pull, &child)?),
            b"ReleaseId" => {
                while let Some(id) = pull.child(&child)? {
                    match id.name() {
                        b"ICPN" if release.icpn.is_none() => {
                            release.icpn = Some(Located::read(pull, &id)?);
                        }
                        b"CatalogNumber" if release.catalog_number.is_none() => {
                            release.catalog_number = Some(pull.text(&id)?);
                        }
                        b"GRid" if release.grid.is_none() => release.read_grid(pull, &id)?,
                        b"GRid" | b"ProprietaryId" | b"ISRC" => {
                            let kind = String::from_utf8_lossy(id.name()).into_owned();
                            let text = format!("{kind} {}", pull.text(&id)?.trim());
                            release.left_out_ids.push((text.clone(), id.offset));
                            release.other_id.get_or_insert(text);
                        }
                        _ => pull.skip(&id)?,
                    }
                }
            }
            b"ReleaseResourceReferenceList" => {
                while let Some(part) = pull.child(&child)? {
                    if part.name() == b"ReleaseResourceReference" {
                        let primary = !pull.attribute_is(
                            &part,
                            "ReleaseResourceType",
                            "SecondaryResource",
                        )?;
                        let reference = Located::read(pull, &part)?;
                        if primary {
                            release.primary.push(Item {
                                reference,
                                sequence: None,
                            });
                        }
                    } else {
                        pull.skip(&part)?;
                    }
                }
            }
            b"ReleaseDetailsByTerritory" => {
                let (territories, part) = release_details(pull, &child, message)?;
                details.offer(part, &territories, child.offset);
            }
            b"PLine" => {
                let text = pull.child_text(&child, b"PLineText")?;
                release.p_line = release.p_line.take().or(text);
            }
            b"CLine" => {
                let text = pull.child_text(&child, b"CLineText")?;
                release.c_line = release.c_line.take().or(text);
            }
            b"GlobalReleaseDate" if release.release_date.is_none() => {
                release.release_date = Some(Located::read(pull, &child)?);
            }
            b"GlobalOriginalReleaseDate" if release.original_release_date.is_none() => {
                release.original_release_date = Some(Located::read(pull, &child)?);
            }
            name if RELEASE_CHILDREN
                .iter()
                .any(|known| known.as_bytes() == name) =>
            {
                pull.skip(&child)?;
            }
            _ => return Err(unexpected(pull, &child, "Release")),
        }
    }
    if let Some(part) = details.finish(pull, "release", &mut message.notes) {
        merge(&mut release, part);
    }
    Ok(release)
}

/// What a `ReleaseDetailsByTerritory` adds to its release (the territory's values come
/// first: they are what the territory's store shows).
fn merge<'a>(release: &mut MainRelease<'a>, part: MainRelease<'a>) {
    release.display = part.display;
    release.label_name = part.label_name;
    release.genre = part.genre;
    release.explicit = part.explicit;
    release.compilation = part.compilation;
    release.top = part.top;
    release.discs = part.discs;
    release.linked = part.linked;
    release.types.extend(part.types);
    release.p_line = part.p_line.or(release.p_line.take());
    release.c_line = part.c_line.or(release.c_line.take());
    release.release_date = part.release_date.or(release.release_date.take());
    release.original_release_date = part
        .original_release_date
        .or(release.original_release_date.take());
}

fn release_details<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(Vec<Cow<'a, str>>, MainRelease<'a>), Error> {
    let mut territories = Vec::new();
    let mut part = MainRelease {
        offset: element.offset,
        ..MainRelease::default()
    };
    while let Some(child) = pull.child(element)? {
        if part.display.read(pull, &child)? {
            continue;
        }
        match child.name() {
            b"TerritoryCode" => territories.push(pull.text(&child)?),
            b"LabelName" if part.label_name.is_none() => {
                part.label_name = Some(pull.text(&child)?);
            }
            b"ReleaseType" => part.types.push(pull.text(&child)?),
            b"PLine" if part.p_line.is_none() => {
                part.p_line = pull.child_text(&child, b"PLineText")?;
            }
            b"CLine" if part.c_line.is_none() => {
                part.c_line = pull.child_text(&child, b"CLineText")?;
            }
            b"Genre" if part.genre.is_none() => {
                part.genre = pull.child_text(&child, b"GenreText")?;
            }
            b"ReleaseDate" if part.release_date.is_none() => {
                part.release_date = Some(Located::read(pull, &child)?);
            }
            b"OriginalReleaseDate" if part.original_release_date.is_none() => {
                part.original_release_date = Some(Located::read(pull, &child)?);
            }
            b"ParentalWarningType" => {
                let text = pull.text(&child)?;
                if part.explicit.is_none() {
                    part.explicit = Some(text.trim() == "Explicit");
                }
            }
            b"IsMultiArtistCompilation" => {
                let text = pull.text(&child)?;
                part.compilation = matches!(text.trim(), "true" | "1");
            }
            b"ResourceGroup" => {
                let mut top = Vec::new();
                resource_group(pull, &child, &mut part, &mut top, 0, Family::Ern3)?;
                part.top.extend(top);
            }
            b"RelatedRelease" => {
                let ids = identifiers(pull, &child)?;
                if !ids.is_empty() {
                    message.notes.push(Note::new(
                        rules::LEFT_OUT,
                        Some(pull.position_of(child.offset)),
                        format!(
                            "RelatedRelease {} left out: the model holds the main release only",
                            list_identifiers(&ids)
                        ),
                    ));
                }
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok((territories, part))
}
