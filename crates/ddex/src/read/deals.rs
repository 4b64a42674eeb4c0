//! Reading the deal list: the deals of every `ReleaseDeal`, or why the model cannot hold one.

use core::str::FromStr;

use super::message::{Located, Message, ReleaseDeal, reason};
use crate::pull::{Element, Pull};
use crate::{DateTime, Deal, Error};
use release_model::PartialDate;

/// One `DealTerms`: the deals it makes, or why the model cannot hold them, or a takedown.
enum Terms {
    Deals(Vec<Result<Deal, String>>),
    Takedown,
}

/// Reads the `DealList`. The families differ only inside `DealTerms`: ERN 3 wraps the use
/// types in `Usage` and has a `TakeDown` flag.
pub(crate) fn deal_list<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
    message: &mut Message<'a>,
) -> Result<(), Error> {
    while let Some(child) = pull.child(element)? {
        if child.name() != b"ReleaseDeal" {
            pull.skip(&child)?;
            continue;
        }
        let mut release_deal = ReleaseDeal {
            references: Vec::new(),
            deals: Vec::new(),
            takedowns: 0,
        };
        while let Some(part) = pull.child(&child)? {
            match part.name() {
                b"DealReleaseReference" => {
                    release_deal.references.push(Located::read(pull, &part)?);
                }
                b"Deal" => {
                    let mut terms = None;
                    while let Some(inner) = pull.child(&part)? {
                        if inner.name() == b"DealTerms" {
                            terms = Some(deal_terms(pull, &inner)?);
                        } else {
                            pull.skip(&inner)?;
                        }
                    }
                    match terms {
                        Some(Terms::Deals(deals)) => release_deal.deals.extend(deals),
                        Some(Terms::Takedown) => release_deal.takedowns += 1,
                        None => release_deal
                            .deals
                            .push(Err("the deal has no DealTerms".to_owned())),
                    }
                }
                _ => pull.skip(&part)?,
            }
        }
        message.release_deals.push(release_deal);
    }
    Ok(())
}

/// The deals of one `DealTerms`: one per validity period, or why the model cannot hold them.
fn deal_terms<'a>(pull: &mut Pull<'a>, element: &Element<'a>) -> Result<Terms, Error> {
    let mut problem: Option<String> = None;
    let mut takedown = false;
    let mut territories = Vec::new();
    let mut periods = Vec::new();
    let mut commercial_model_types = Vec::new();
    let mut use_types = Vec::new();
    while let Some(child) = pull.child(element)? {
        match child.name() {
            b"TerritoryCode" => {
                let text = pull.text(&child)?;
                collect(
                    &text,
                    &mut territories,
                    &mut problem,
                    "territory",
                    "a country code",
                );
            }
            b"ExcludedTerritoryCode" => {
                pull.skip(&child)?;
                problem.get_or_insert("it excludes territories".to_owned());
            }
            b"ValidityPeriod" => {
                let mut start = None;
                let mut end = None;
                while let Some(part) = pull.child(&child)? {
                    match part.name() {
                        name @ (b"StartDate" | b"EndDate" | b"StartDateTime" | b"EndDateTime") => {
                            let (element, slot) = match name {
                                b"StartDate" => ("StartDate", &mut start),
                                b"StartDateTime" => ("StartDateTime", &mut start),
                                b"EndDate" => ("EndDate", &mut end),
                                _ => ("EndDateTime", &mut end),
                            };
                            let text = pull.text(&part)?;
                            // A date-time's day, as written in its own time zone, is the
                            // deal's day: the model's deals are in whole days. The rest
                            // still has to be a real time.
                            let day = if name.ends_with(b"Time") {
                                if DateTime::parse_received(&text).is_none() {
                                    return Err(Error::Value {
                                        position: pull.position_of(part.offset),
                                        element,
                                        value: text.clone().into_owned(),
                                        reason: "expected an xs:dateTime such as \
                                                 2026-03-01T00:00:00Z"
                                            .to_owned(),
                                    });
                                }
                                text.trim().split('T').next().unwrap_or_default()
                            } else {
                                text.trim()
                            };
                            let date =
                                day.parse::<PartialDate>().map_err(|error| Error::Value {
                                    position: pull.position_of(part.offset),
                                    element,
                                    value: text.clone().into_owned(),
                                    reason: reason(error),
                                })?;
                            *slot = Some(date);
                        }
                        _ => {
                            pull.skip(&part)?;
                            problem.get_or_insert(
                                "its validity period is not in whole dates".to_owned(),
                            );
                        }
                    }
                }
                periods.push((start, end));
            }
            b"CommercialModelType" => {
                let text = pull.text(&child)?;
                collect(
                    &text,
                    &mut commercial_model_types,
                    &mut problem,
                    "commercial model type",
                    "supported",
                );
            }
            b"UseType" => {
                let text = pull.text(&child)?;
                collect(&text, &mut use_types, &mut problem, "use type", "supported");
            }
            // ERN 3: the use types inside `Usage`.
            b"Usage" => {
                while let Some(part) = pull.child(&child)? {
                    if part.name() == b"UseType" {
                        let text = pull.text(&part)?;
                        collect(&text, &mut use_types, &mut problem, "use type", "supported");
                    } else {
                        pull.skip(&part)?;
                    }
                }
            }
            b"TakeDown" => takedown = matches!(pull.text(&child)?.trim(), "true" | "1"),
            _ => pull.skip(&child)?,
        }
    }
    if takedown {
        return Ok(Terms::Takedown);
    }
    if periods.is_empty() {
        // The schema requires one; without it the deal says nothing about when.
        problem.get_or_insert("it has no validity period".to_owned());
    }
    if let Some(problem) = problem {
        return Ok(Terms::Deals(vec![Err(problem)]));
    }
    Ok(Terms::Deals(
        periods
            .into_iter()
            .map(|(start, end)| {
                let start_date =
                    start.ok_or_else(|| "its validity period has no start date".to_owned())?;
                let deal = Deal {
                    territories: territories.clone(),
                    start_date,
                    end_date: end,
                    commercial_model_types: commercial_model_types.clone(),
                    use_types: use_types.clone(),
                };
                deal.check().map_err(|error| match error {
                    Error::IncompleteDeal { problem } => format!("it has {problem}"),
                    other => other.to_string(),
                })?;
                Ok(deal)
            })
            .collect(),
    ))
}

/// Parses one allowed value into `values`, or keeps the first reason the model cannot hold the
/// deal ("use type \"X\" is not supported").
fn collect<T: FromStr>(
    text: &str,
    values: &mut Vec<T>,
    problem: &mut Option<String>,
    what: &str,
    expected: &str,
) {
    match text.parse() {
        Ok(value) => values.push(value),
        Err(_) => {
            if problem.is_none() {
                *problem = Some(format!("{what} {text:?} is not {expected}"));
            }
        }
    }
}
