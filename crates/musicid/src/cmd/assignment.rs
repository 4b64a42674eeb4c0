//! Assigning the missing codes of releases through the ledger (`release assign`, the demo).

use std::time::SystemTime;

use ledger::{Code, IsrcPool, Ledger, UpcPool};
use release_model::{CodeSource, Finding, Release, Severity, ValidationOptions};

use crate::clock;
use crate::cmd::findings::{Origin, text_finding};
use crate::cmd::ledger_arg::{release_reference, track_reference};
use crate::error::Error;

/// Issues codes from the ledger for one release at a time, retry-safe: each request carries
/// a key, and a key the ledger holds gets its codes back instead of new ones.
struct LedgerSource<'a> {
    ledger: &'a mut Ledger,
    isrcs: &'a IsrcPool,
    upcs: Option<&'a UpcPool>,
    issued_at: SystemTime,
    /// The (key, reference) of each track lacking an ISRC, in the order assign asks for them.
    tracks: Vec<(String, String)>,
    release: (String, String),
    /// How many of the codes an earlier run with the same keys was issued.
    already_issued: usize,
}

fn source_error(error: ledger::Error) -> release_model::Error {
    release_model::Error::CodeSource(Box::new(error))
}

impl CodeSource for LedgerSource<'_> {
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<isrc::Isrc>, release_model::Error> {
        let issued = if self.tracks.len() == n as usize {
            self.ledger
                .issue_once_for(self.isrcs, &self.tracks, self.issued_at)
                .map_err(source_error)?
        } else {
            // Assign asks for one ISRC per track lacking one; should that change, the whole
            // block is still one keyed request.
            let (key, reference) = &self.release;
            self.ledger
                .issue_once(
                    self.isrcs,
                    &format!("{key} / {n} isrcs"),
                    u64::from(n),
                    self.issued_at,
                    Some(reference),
                )
                .map_err(source_error)?
        };
        self.already_issued += issued.already_issued;
        Ok(issued.codes)
    }

    fn next_upc(&mut self) -> Result<Option<upc::Upc>, release_model::Error> {
        let Some(pool) = self.upcs else {
            return Ok(None);
        };
        let (key, reference) = &self.release;
        let issued = self
            .ledger
            .issue_once(pool, key, 1, self.issued_at, Some(reference))
            .map_err(source_error)?;
        self.already_issued += issued.already_issued;
        Ok(issued.codes.first().copied())
    }
}

/// The findings that stop assignment (their order or identity is not settled).
fn blocking(release: &Release) -> Vec<Finding> {
    release
        .validate_with(&ValidationOptions::draft())
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule.blocks_assignment)
        .cloned()
        .collect()
}

/// What [`assign_all`] did.
pub struct AssignSummary {
    /// Every code assigned, with its reference, in issue order.
    pub issued: Vec<(Code, String)>,
    /// How many of them an earlier run with the same keys was issued (a retry).
    pub already_issued: usize,
}

/// The ledger key of a release's UPC request: its reference, or with `--key PREFIX`
/// `PREFIX / release N` (N its place in the file).
fn release_key(prefix: Option<&str>, index: usize, release: &Release) -> String {
    match prefix {
        Some(prefix) => format!("{prefix} / release {}", index + 1),
        None => release_reference(release),
    }
}

/// The ledger key of a track's ISRC request: its reference, or with `--key PREFIX`
/// `PREFIX / release N / disc D track T`.
fn track_key(
    prefix: Option<&str>,
    index: usize,
    release: &Release,
    disc: u32,
    number: u32,
) -> String {
    match prefix {
        Some(_) => format!(
            "{} / disc {disc} track {number}",
            release_key(prefix, index, release)
        ),
        None => track_reference(release, disc, number),
    }
}

/// Two releases of one file whose keys are the same (the same artist and title, keyed by
/// reference) would be served one set of codes: refused before anything is issued.
fn check_distinct_keys(file: &str, releases: &[Release], key: Option<&str>) -> Result<(), Error> {
    let mut first_with: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, release) in releases.iter().enumerate() {
        let key = release_key(key, index, release);
        if let Some(earlier) = first_with.insert(key.clone(), index) {
            return Err(Error::msg(format!(
                "{file}: releases {} and {} have the same ledger key {key:?} (the same artist \
                 and title): a retry could not tell them apart; assign them from separate \
                 files with --key",
                earlier + 1,
                index + 1
            )));
        }
    }
    Ok(())
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
    key: Option<&str>,
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
    check_distinct_keys(file, releases, key)?;
    let issued_at = clock::now();
    let mut issued = Vec::new();
    let mut already_issued = 0;
    for (index, release) in releases.iter_mut().enumerate() {
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
            tracks: missing
                .iter()
                .map(|&(disc, number)| {
                    (
                        track_key(key, index, release, disc, number),
                        track_reference(release, disc, number),
                    )
                })
                .collect(),
            release: (release_key(key, index, release), release_reference(release)),
            already_issued: 0,
        };
        let assigned = release.assign(&mut source);
        already_issued += source.already_issued;
        let assigned = assigned.map_err(|error| match error {
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
    Ok(AssignSummary {
        issued,
        already_issued,
    })
}
