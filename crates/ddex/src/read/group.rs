//! Reading a release's resource groups: discs, and the items in sequence order.

use super::message::{Item, Located, MainRelease, identifiers, list_identifiers, missing};
use crate::pull::{Element, Pull};
use crate::{Error, Family};

/// How deep resource groups may nest.
const MAX_GROUP_DEPTH: usize = 32;

/// Reads a resource group: `Component` sub-groups become discs; the items of other groups
/// go to `target` (the enclosing disc, or the top level).
pub(crate) fn resource_group<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    release: &mut MainRelease<'a>,
    target: &mut Vec<Item<'a>>,
    depth: usize,
    family: Family,
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
                let is_disc = match family {
                    Family::Ern4 => pull.attribute_is(&child, "ResourceGroupType", "Component")?,
                    // ERN 3 has no group types: the groups of the release's group are its
                    // discs (DDEX RP 1.4, rule 1080-1 sequences them).
                    Family::Ern3 => depth == 0,
                };
                if is_disc {
                    let mut disc = Vec::new();
                    resource_group(pull, &child, release, &mut disc, depth + 1, family)?;
                    release.discs.push(disc);
                } else {
                    resource_group(pull, &child, release, target, depth + 1, family)?;
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
            b"ReleaseId" => {
                let ids = identifiers(pull, &child)?;
                if !ids.is_empty() {
                    let text = format!("resource group's own {}", list_identifiers(&ids));
                    release.left_out_ids.push((text, child.offset));
                }
            }
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
