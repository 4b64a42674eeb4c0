//! Assigning the missing codes of releases through the ledger (`release assign`, the demo).

use std::time::SystemTime;

use ledger::{Code, IsrcPool, Ledger, UpcPool};
use release_model::{CodeSource, Finding, Release, Severity, ValidationOptions};

use crate::clock;
use crate::cmd::findings::{Origin, text_finding};
use crate::cmd::ledger_arg::{release_reference, track_reference};
use crate::error::Error;

/// Issues codes from the ledger for one release at a time.
struct LedgerSource<'a> {
    ledger: &'a mut Ledger,
    isrcs: &'a IsrcPool,
    upcs: Option<&'a UpcPool>,
    issued_at: SystemTime,
    /// The references of the tracks lacking an ISRC, in the order assign asks for them.
    track_references: Vec<String>,
    release_reference: String,
}

fn source_error(error: ledger::Error) -> release_model::Error {
    release_model::Error::CodeSource(Box::new(error))
}

impl CodeSource for LedgerSource<'_> {
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<isrc::Isrc>, release_model::Error> {
        if self.track_references.len() == n as usize {
            self.ledger
                .issue_for(self.isrcs, &self.track_references, self.issued_at)
                .map_err(source_error)
        } else {
            self.ledger
                .issue(
                    self.isrcs,
                    u64::from(n),
                    self.issued_at,
                    Some(&self.release_reference),
                )
                .map_err(source_error)
        }
    }

    fn next_upc(&mut self) -> Result<Option<upc::Upc>, release_model::Error> {
        let Some(pool) = self.upcs else {
            return Ok(None);
        };
        let codes = self
            .ledger
            .issue(pool, 1, self.issued_at, Some(&self.release_reference))
            .map_err(source_error)?;
        Ok(codes.first().copied())
    }
}

/// The findings that stop assignment (their order or identity is not settled).
fn blocking(release: &Release) -> Vec<Finding> {
    release
        .validate_with(&ValidationOptions::draft())
        .findings()
        .iter()
        .filter(|f| {
            f.severity == Severity::Error
                && release_model::rule(f.rule).is_some_and(|rule| rule.blocks_assignment)
        })
        .cloned()
        .collect()
}

/// What [`assign_all`] did.
pub struct AssignSummary {
    /// Every code issued, with its reference, in issue order.
    pub issued: Vec<(Code, String)>,
}

/// Assigns the missing codes of every release through the ledger, refusing (with the
/// findings printed, nothing issued) when any release is not ready.
///
/// # Errors
/// [`Error::Invalid`] when a release is not ready; ledger failures.
pub fn assign_all(
    file: &str,
    releases: &mut [Release],
    ledger: &mut Ledger,
    isrcs: &IsrcPool,
    upcs: Option<&UpcPool>,
) -> Result<AssignSummary, Error> {
    let mut refused = false;
    for (index, release) in releases.iter().enumerate() {
        for finding in blocking(release) {
            refused = true;
            let origin = Origin {
                file: file.to_owned(),
                index_in_file: index + 1,
            };
            eprintln!("{}", text_finding(&finding, release, &origin));
        }
    }
    if refused {
        eprintln!("musicid: {file}: not ready for codes: nothing was issued");
        return Err(Error::Invalid);
    }
    let issued_at = clock::now();
    let mut issued = Vec::new();
    for release in releases.iter_mut() {
        let mut missing: Vec<(u32, u32)> = release
            .tracks
            .iter()
            .filter(|t| t.isrc.is_none())
            .map(|t| (t.disc, t.number))
            .collect();
        missing.sort_unstable();
        let mut source = LedgerSource {
            ledger: &mut *ledger,
            isrcs,
            upcs,
            issued_at,
            track_references: missing
                .iter()
                .map(|&(disc, number)| track_reference(release, disc, number))
                .collect(),
            release_reference: release_reference(release),
        };
        let assigned = release.assign(&mut source).map_err(|error| match error {
            release_model::Error::CodeSource(inner) => Error::with("", inner),
            other => Error::with(file, other),
        })?;
        if let Some(upc) = assigned.upc {
            issued.push((Code::from(upc), release_reference(release)));
        }
        for code in assigned.isrcs {
            issued.push((
                Code::from(code.isrc),
                track_reference(release, code.disc, code.number),
            ));
        }
    }
    Ok(AssignSummary { issued })
}
