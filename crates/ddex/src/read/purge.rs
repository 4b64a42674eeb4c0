//! Reading a `PurgeReleaseMessage`: which release to remove.

use std::borrow::Cow;

use super::header::header;
use super::message::missing;
use super::{Note, rules};
use crate::pull::{Element, Pull};
use crate::{ErnVersion, Error, MessageHeader};

/// What a `PurgeReleaseMessage` says: the release to remove, by its identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Purged {
    /// The ERN version the message declares in its namespace.
    pub version: ErnVersion,
    /// Whether the header marks it a `TestMessage`.
    pub test: bool,
    /// The message header.
    pub header: MessageHeader,
    /// The release's UPC, from its ICPN.
    pub upc: Option<upc::Upc>,
    /// The ICPN as written, when it is no valid UPC.
    pub icpn: Option<String>,
    /// The release's GRid, as written.
    pub grid: Option<String>,
    /// The release's catalog number.
    pub catalog_number: Option<String>,
    /// The release's title, when the message gives one.
    pub title: Option<String>,
    /// What the reader noticed.
    pub notes: Vec<Note>,
}

impl Purged {
    /// The release in words: `upc 0614141000012`, `grid A1…`, or `catalog number X`.
    #[must_use]
    pub fn describe(&self) -> String {
        if let Some(upc) = self.upc {
            format!("upc {upc}")
        } else if let Some(icpn) = &self.icpn {
            format!("icpn {icpn}")
        } else if let Some(grid) = &self.grid {
            format!("grid {grid}")
        } else if let Some(number) = &self.catalog_number {
            format!("catalog number {number}")
        } else {
            "an unidentified release".to_owned()
        }
    }
}

pub(super) fn read<'a>(
    pull: &mut Pull<'a>,
    root: &Element<'a>,
    version: ErnVersion,
    mut notes: Vec<Note>,
) -> Result<Purged, Error> {
    let mut read_header = None;
    let mut purged = None;
    while let Some(child) = pull.child(root)? {
        match child.name() {
            b"MessageHeader" => read_header = Some(header(pull, &child, &mut notes)?),
            b"PurgedRelease" => purged = Some(purged_release(pull, &child, &mut notes)?),
            _ => pull.skip(&child)?,
        }
    }
    pull.finish()?;
    let (header, test) =
        read_header.ok_or_else(|| missing(pull, root, "MessageHeader", "PurgeReleaseMessage"))?;
    let ids = purged.ok_or_else(|| missing(pull, root, "PurgedRelease", "PurgeReleaseMessage"))?;
    Ok(Purged {
        version,
        test,
        header,
        upc: ids.upc,
        icpn: ids.icpn,
        grid: ids.grid,
        catalog_number: ids.catalog_number,
        title: ids.title,
        notes,
    })
}

#[derive(Default)]
struct Ids {
    upc: Option<upc::Upc>,
    icpn: Option<String>,
    grid: Option<String>,
    catalog_number: Option<String>,
    title: Option<String>,
}

fn purged_release<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    notes: &mut Vec<Note>,
) -> Result<Ids, Error> {
    let mut ids = Ids::default();
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"ReleaseId" => {
                while let Some(id) = pull.child(&child)? {
                    match id.name() {
                        b"ICPN" => {
                            let text = pull.text(&id)?;
                            let text = text.trim();
                            match text.parse::<upc::Upc>() {
                                Ok(code) => ids.upc = Some(code),
                                Err(error) => {
                                    notes.push(Note::new(
                                        rules::ICPN_INVALID,
                                        Some(pull.position_of(id.offset)),
                                        format!("icpn {text:?} is not a valid upc ({error})"),
                                    ));
                                    ids.icpn = Some(text.to_owned());
                                }
                            }
                        }
                        b"GRid" => ids.grid = Some(pull.text(&id)?.trim().to_owned()),
                        b"CatalogNumber" => {
                            ids.catalog_number = Some(pull.text(&id)?.trim().to_owned());
                        }
                        _ => pull.skip(&id)?,
                    }
                }
            }
            // ERN 3 `Title` (the display one preferred), ERN 4 `DisplayTitleText`.
            b"Title" | b"DisplayTitleText" | b"ReferenceTitle" => {
                let display = pull.attribute_is(&child, "TitleType", "DisplayTitle")?;
                let text: Option<Cow<'a, str>> = if child.name() == b"DisplayTitleText" {
                    Some(pull.text(&child)?)
                } else {
                    pull.child_text(&child, b"TitleText")?
                };
                if ids.title.is_none() || display {
                    ids.title = text.map(Cow::into_owned).or(ids.title.take());
                }
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok(ids)
}
