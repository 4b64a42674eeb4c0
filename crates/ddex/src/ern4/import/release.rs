//! Reading the release list: the main release with its resource groups, and the track and
//! clip releases' references.

use std::borrow::Cow;

use super::message::{Item, Located, MainRelease, Message, is_default, missing};
use crate::Error;
use crate::pull::{Element, Pull};

pub(super) fn release_list<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    message.release_list = Some(element.offset);
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"Release" => {
                let release = main_release(pull, &child)?;
                // The schema allows one: which of two would be the product is anyone's guess.
                if message.release.is_some() {
                    return Err(Error::Value {
                        position: pull.position_of(child.offset),
                        element: "Release",
                        value: release.reference.map(Cow::into_owned).unwrap_or_default(),
                        reason: "the message already has a main Release; ERN allows one".to_owned(),
                    });
                }
                message.release = Some(release);
            }
            name @ (b"TrackRelease" | b"ClipRelease") => {
                let name = if name == b"TrackRelease" {
                    "TrackRelease"
                } else {
                    "ClipRelease"
                };
                let mut reference = None;
                let mut resource = None;
                while let Some(part) = pull.child(&child)? {
                    match part.name() {
                        b"ReleaseReference" => reference = Some(pull.text(&part)?),
                        b"ReleaseResourceReference" => {
                            resource = Some(Located::read(pull, &part)?);
                        }
                        _ => pull.skip(&part)?,
                    }
                }
                let reference =
                    reference.ok_or_else(|| missing(pull, &child, "ReleaseReference", name))?;
                message.other_releases.push((reference, resource));
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok(())
}

pub(super) fn main_release<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<MainRelease<'a>, Error> {
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
                            release.icpn = Some(Located::read(pull, &id)?);
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
                release.labels.offer(Located::read(pull, &child)?, default);
            }
            b"PLine" => {
                let text = pull.child_text(&child, b"PLineText")?;
                if release.p_line.is_none() {
                    release.p_line = text;
                }
            }
            b"CLine" => {
                let text = pull.child_text(&child, b"CLineText")?;
                if release.c_line.is_none() {
                    release.c_line = text;
                }
            }
            b"Genre" => {
                let text = pull.child_text(&child, b"GenreText")?;
                if release.genre.is_none() {
                    release.genre = text;
                }
            }
            b"ReleaseDate" | b"OriginalReleaseDate" => {
                let date = Located::read(pull, &child)?;
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
                resource_group(pull, &child, &mut release, &mut top, 0)?;
                release.top = top;
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok(release)
}

/// How deep resource groups may nest.
const MAX_GROUP_DEPTH: usize = 32;

/// Reads a resource group: `Component` sub-groups become discs; the items of other groups
/// go to `target` (the enclosing disc, or the top level).
pub(super) fn resource_group<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    release: &mut MainRelease<'a>,
    target: &mut Vec<Item<'a>>,
    depth: usize,
) -> Result<(), Error> {
    // Real messages nest two or three levels (release, disc, work); a limit keeps a hostile
    // message from exhausting the stack.
    if depth > MAX_GROUP_DEPTH {
        return Err(Error::Value {
            position: pull.position_of(element.offset),
            element: "ResourceGroup",
            value: String::new(),
            reason: format!("resource groups nested deeper than {MAX_GROUP_DEPTH} levels"),
        });
    }
    let mut items = Vec::new();
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"ResourceGroup" => {
                if pull.attribute_is(&child, "ResourceGroupType", "Component")? {
                    let mut disc = Vec::new();
                    resource_group(pull, &child, release, &mut disc, depth + 1)?;
                    release.discs.push(disc);
                } else {
                    resource_group(pull, &child, release, target, depth + 1)?;
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
                            reference = Some(Located::read(pull, &part)?);
                        }
                        b"LinkedReleaseResourceReference" => {
                            release.linked.push(Located::read(pull, &part)?);
                        }
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
            b"LinkedReleaseResourceReference" => release.linked.push(Located::read(pull, &child)?),
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
