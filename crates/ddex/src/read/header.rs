//! Reading the message header: who sent the message to whom, when, and whether it is a test.

use std::borrow::Cow;

use super::message::missing;
use super::{Note, rules};
use crate::pull::{Element, Pull};
use crate::{DateTime, Dpid, Error, MessageHeader, MessageParty};

/// The header, and whether `MessageControlType` marks the message a test.
pub(crate) fn header<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    notes: &mut Vec<Note>,
) -> Result<(MessageHeader, bool), Error> {
    let mut message_id = None;
    let mut sender = None;
    let mut recipient = None;
    let mut created = None;
    let mut test = false;
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"MessageId" => {
                let text = pull.text(&child)?;
                if text.trim().is_empty() {
                    notes.push(Note::new(
                        rules::EMPTY_MESSAGE_ID,
                        Some(pull.position_of(child.offset)),
                        "the MessageId is empty".to_owned(),
                    ));
                }
                message_id = Some(text.trim().to_owned());
            }
            b"MessageSender" => {
                sender = Some(messaging_party(pull, &child, "MessageSender", notes)?);
            }
            b"MessageRecipient" if recipient.is_none() => {
                recipient = Some(messaging_party(pull, &child, "MessageRecipient", notes)?);
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
                    notes.push(Note::new(
                        rules::CREATED_WITHOUT_ZONE,
                        Some(pull.position_of(child.offset)),
                        format!("the message creation time {value} has no time zone"),
                    ));
                }
                created = Some(value);
            }
            b"MessageControlType" => test = pull.text(&child)?.trim() == "TestMessage",
            _ => pull.skip(&child)?,
        }
    }
    let header = MessageHeader::new(
        message_id.ok_or_else(|| missing(pull, element, "MessageId", "MessageHeader"))?,
        sender.ok_or_else(|| missing(pull, element, "MessageSender", "MessageHeader"))?,
        recipient.ok_or_else(|| missing(pull, element, "MessageRecipient", "MessageHeader"))?,
        created.ok_or_else(|| missing(pull, element, "MessageCreatedDateTime", "MessageHeader"))?,
    );
    Ok((header, test))
}

fn messaging_party<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    name: &'static str,
    notes: &mut Vec<Note>,
) -> Result<MessageParty, Error> {
    let mut dpid = None;
    let mut full_name = None;
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"PartyId" if dpid.is_none() => {
                let text = pull.text(&child)?;
                let value = match text.parse::<Dpid>() {
                    Ok(value) => value,
                    Err(_) => {
                        notes.push(Note::new(
                            rules::INVALID_DPID,
                            Some(pull.position_of(child.offset)),
                            format!(
                                "the {name} PartyId {text:?} is no dpid (PADPIDA, ten letters \
                                 or digits and a check character); kept as written, never \
                                 written out"
                            ),
                        ));
                        Dpid::unchecked(text.trim().to_owned())
                    }
                };
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
