//! Reading the header, the parties and the resources.

use std::borrow::Cow;

use super::message::{
    Display, Located, Message, Party, Preferred, Recording, Resource, insert_new, is_default,
    missing,
};
use crate::pull::{Element, Pull};
use crate::{DateTime, Dpid, Error, MessageHeader, MessageParty};

pub(super) fn header<'a>(
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

pub(super) fn messaging_party<'a>(
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
                let name = pull.child_text(&child, b"FullName")?;
                if full_name.is_none() {
                    full_name = name.map(Cow::into_owned);
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

pub(super) fn parties<'a>(
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
                b"PartyReference" => reference = Some(Located::read(pull, &child)?),
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
        let party = Party { name: name.value };
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

pub(super) const RESOURCE_KINDS: [&str; 6] = [
    "SoundRecording",
    "Video",
    "Image",
    "Text",
    "SheetMusic",
    "Software",
];

pub(super) fn resources<'a>(
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
        let resource = Resource {
            kind,
            index,
            recording,
        };
        let resources = &mut message.resources;
        insert_new(
            pull,
            resources,
            reference,
            resource,
            "ResourceReference",
            "resource",
        )?;
    }
    Ok(())
}

/// The `ResourceReference` of a resource the model does not hold; the rest is skipped.
pub(super) fn resource_reference<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    kind: &'static str,
) -> Result<Located<'a>, Error> {
    let mut reference = None;
    while let Some(child) = pull.child(element)? {
        if child.name() == b"ResourceReference" && reference.is_none() {
            reference = Some(Located::read(pull, &child)?);
        } else {
            pull.skip(&child)?;
        }
    }
    reference.ok_or_else(|| missing(pull, element, "ResourceReference", kind))
}

pub(super) fn sound_recording<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<(Located<'a>, Recording<'a>), Error> {
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
            b"ResourceReference" => reference = Some(Located::read(pull, &child)?),
            b"SoundRecordingEdition" => {
                while let Some(part) = pull.child(&child)? {
                    if part.name() != b"ResourceId" {
                        pull.skip(&part)?;
                        continue;
                    }
                    while let Some(id) = pull.child(&part)? {
                        if id.name() == b"ISRC" && recording.isrc.is_none() {
                            recording.isrc = Some(Located::read(pull, &id)?);
                        } else {
                            pull.skip(&id)?;
                        }
                    }
                }
            }
            b"Duration" => recording.duration = Some(Located::read(pull, &child)?),
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
