//! Reading the release list: the main release with its resource groups, and the track and
//! clip releases' references.

use std::borrow::Cow;

use crate::pull::{Element, Pull};
use crate::read::group::resource_group;
use crate::read::message::{
    Located, MainRelease, Message, identifiers, is_default, list_identifiers, missing,
};
use crate::read::{Note, rules};
use crate::{Error, Family};

pub(crate) fn release_list<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    message.release_list = Some(element.offset);
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"Release" => {
                let release = main_release(pull, &child, message)?;
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
                        b"ReleaseId" => {
                            let ids = identifiers(pull, &part)?;
                            leave_out_icpns(pull, &part, &ids, name, message);
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

fn main_release<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
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
                        b"GRid" if release.grid.is_none() => release.read_grid(pull, &id)?,
                        b"ProprietaryId" => {
                            let kind = String::from_utf8_lossy(id.name()).into_owned();
                            let text = format!("{kind} {}", pull.text(&id)?.trim());
                            release.left_out_ids.push((text.clone(), id.offset));
                            release.other_id.get_or_insert(text);
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
                resource_group(pull, &child, &mut release, &mut top, 0, Family::Ern4)?;
                release.top = top;
            }
            b"RelatedRelease" => {
                let ids = identifiers(pull, &child)?;
                leave_out_icpns(pull, &child, &ids, "RelatedRelease", message);
            }
            _ => pull.skip(&child)?,
        }
    }
    Ok(release)
}

/// An info note for the identifiers of a release the model does not hold.
pub(crate) fn leave_out_icpns(
    pull: &Pull<'_>,
    element: &Element<'_>,
    ids: &[(&'static str, Located<'_>)],
    what: &str,
    message: &mut Message<'_>,
) {
    if ids.is_empty() {
        return;
    }
    message.notes.push(Note::new(
        rules::LEFT_OUT,
        Some(pull.position_of(element.offset)),
        format!(
            "{what} {} left out: the model holds the main release only",
            list_identifiers(ids)
        ),
    ));
}
