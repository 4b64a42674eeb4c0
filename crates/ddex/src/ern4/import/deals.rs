//! Reading the deal list: the deals of every `ReleaseDeal`, or why the model cannot hold one.

use core::str::FromStr;

use super::message::{Located, Message, ReleaseDeal, reason};
use crate::pull::{Element, Pull};
use crate::{Deal, Error};
use release_model::PartialDate;

pub(super) fn deal_list<'a>(
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
                        Some(deals) => release_deal.deals.extend(deals),
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
pub(super) fn deal_terms<'a>(
    pull: &mut Pull<'a>,
    element: &Element<'a>,
) -> Result<Vec<Result<Deal, String>>, Error> {
    let mut problem: Option<String> = None;
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
                        name @ (b"StartDate" | b"EndDate") => {
                            let (element, slot) = if name == b"StartDate" {
                                ("StartDate", &mut start)
                            } else {
                                ("EndDate", &mut end)
                            };
                            let text = pull.text(&part)?;
                            let date =
                                text.parse::<PartialDate>().map_err(|error| Error::Value {
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
            _ => pull.skip(&child)?,
        }
    }
    if periods.is_empty() {
        // The schema requires one; without it the deal says nothing about when.
        problem.get_or_insert("it has no validity period".to_owned());
    }
    if let Some(problem) = problem {
        return Ok(vec![Err(problem)]);
    }
    Ok(periods
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
        .collect())
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
