//! Reading the deal list: the deals of every `ReleaseDeal`, or why the model cannot hold one.

use super::super::pull::{Element, Pull};
use super::super::{CommercialModelType, Deal, Error, Territory, UseType};
use super::message::{Located, Message, ReleaseDeal, date_reason};
use crate::PartialDate;

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
                b"DealReleaseReference" => release_deal.references.push(Located {
                    offset: part.offset,
                    text: pull.text(&part)?,
                }),
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
                match text.parse::<Territory>() {
                    Ok(territory) => territories.push(territory),
                    Err(_) => {
                        problem.get_or_insert(format!("territory {text:?} is not a country code"));
                    }
                }
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
                        b"StartDate" | b"EndDate" => {
                            let text = pull.text(&part)?;
                            let date =
                                text.parse::<PartialDate>().map_err(|error| Error::Value {
                                    position: pull.position_of(part.offset),
                                    element: if part.name() == b"StartDate" {
                                        "StartDate"
                                    } else {
                                        "EndDate"
                                    },
                                    value: text.clone().into_owned(),
                                    reason: date_reason(error),
                                })?;
                            if part.name() == b"StartDate" {
                                start = Some(date);
                            } else {
                                end = Some(date);
                            }
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
                match text.parse::<CommercialModelType>() {
                    Ok(model) => commercial_model_types.push(model),
                    Err(_) => {
                        problem.get_or_insert(format!(
                            "commercial model type {text:?} is not supported"
                        ));
                    }
                }
            }
            b"UseType" => {
                let text = pull.text(&child)?;
                match text.parse::<UseType>() {
                    Ok(use_type) => use_types.push(use_type),
                    Err(_) => {
                        problem.get_or_insert(format!("use type {text:?} is not supported"));
                    }
                }
            }
            _ => pull.skip(&child)?,
        }
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
