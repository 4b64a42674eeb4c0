//! ERN 4 (4.1 … 4.3.x): the party list, the resource list and the release list.

use crate::Error;
use crate::credits::Credit;
use crate::pull::{Element, Pull};
use crate::read::message::{
    Display, Located, Message, Party, Preferred, Recording, insert_new, is_default, missing,
    resource_list, role,
};

/// Reads one child of the `NewReleaseMessage` root (other than the header).
pub(crate) fn child<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    match element.name() {
        b"PartyList" => parties(pull, element, message),
        b"ResourceList" => resources(pull, element, message),
        b"ReleaseList" => super::release::release_list(pull, element, message),
        b"DealList" => crate::read::deals::deal_list(pull, element, message),
        _ => pull.skip(element),
    }
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
        let mut found = Party::default();
        while let Some(child) = pull.child(&party)? {
            match child.name() {
                b"PartyReference" => reference = Some(Located::read(pull, &child)?),
                b"PartyId" => {
                    while let Some(id) = pull.child(&child)? {
                        match id.name() {
                            b"ISNI" if found.isni.is_none() => {
                                found.isni = Some(Located::read(pull, &id)?);
                            }
                            b"IpiNameNumber" if found.ipi.is_none() => {
                                found.ipi = Some(Located::read(pull, &id)?);
                            }
                            _ => pull.skip(&id)?,
                        }
                    }
                }
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
        let party = Party {
            name: name.value,
            ..found
        };
        insert_new(
            pull,
            &mut message.parties,
            reference,
            party,
            "PartyReference",
            "party",
        )?;
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
    resource_list(pull, element, message, &RESOURCE_KINDS, sound_recording)
}

fn sound_recording<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(Located<'a>, Recording<'a>), Error> {
    let mut reference = None;
    let mut recording = Recording {
        offset: element.offset,
        reference_title: None,
        isrc: None,
        display: Display::default(),
        duration: None,
        explicit: false,
        iswc: None,
    };
    let mut warning = None;
    while let Some(child) = pull.child(element)? {
        if recording.display.read(pull, &child)? {
            continue;
        }
        match child.name() {
            b"ResourceReference" => reference = Some(Located::read(pull, &child)?),
            // 4.3 and later: inside `SoundRecordingEdition`; 4.1 and 4.2: directly here.
            b"SoundRecordingEdition" => {
                while let Some(part) = pull.child(&child)? {
                    if part.name() == b"ResourceId" {
                        resource_id(pull, &part, &mut recording)?;
                    } else {
                        pull.skip(&part)?;
                    }
                }
            }
            b"ResourceId" => resource_id(pull, &child, &mut recording)?,
            b"Duration" => recording.duration = Some(Located::read(pull, &child)?),
            b"ParentalWarningType" if warning.is_none() => {
                warning = Some(pull.text(&child)?);
            }
            b"Contributor" => {
                let credit = contributor(pull, &child)?;
                recording.display.credits.extend(credit);
            }
            b"ResourceRightsController" => {
                message.left_out.add("rights controllers", child.offset);
                pull.skip(&child)?;
            }
            b"WorkId" => {
                while let Some(id) = pull.child(&child)? {
                    if id.name() == b"ISWC" && recording.iswc.is_none() {
                        recording.iswc = Some(Located::read(pull, &id)?);
                    } else {
                        pull.skip(&id)?;
                    }
                }
            }
            _ => pull.skip(&child)?,
        }
    }
    recording.explicit = warning.as_deref() == Some("Explicit");
    let reference =
        reference.ok_or_else(|| missing(pull, element, "ResourceReference", "SoundRecording"))?;
    Ok((reference, recording))
}

/// A `Contributor`: its party reference and roles; `None` without a party reference.
fn contributor<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<Option<Credit<'a>>, Error> {
    let sequence = pull.attribute_number(element, "SequenceNumber")?;
    let mut party = None;
    let mut roles = Vec::new();
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"ContributorPartyReference" => {
                let reference = Located::read(pull, &child)?;
                party = Some(reference.text);
            }
            b"Role" => roles.push(role(pull, &child)?),
            _ => pull.skip(&child)?,
        }
    }
    Ok(party.map(|party| Credit {
        sequence,
        party,
        inline: None,
        contributor: true,
        roles,
        offset: element.offset,
    }))
}

fn resource_id<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    recording: &mut Recording<'a>,
) -> Result<(), Error> {
    while let Some(id) = pull.child(element)? {
        if id.name() == b"ISRC" && recording.isrc.is_none() {
            recording.isrc = Some(Located::read(pull, &id)?);
        } else {
            pull.skip(&id)?;
        }
    }
    Ok(())
}
