//! Assigning the missing codes of releases through the ledger (`release assign`, the demo).

use std::path::Path;
use std::time::SystemTime;

use ledger::{Assignment, Code, IsrcPool, Ledger, RecordingRequest, UpcPool};
use media::fingerprint::Comparison;
use release_model::{CodeSource, Finding, Location, Release, Report, Severity, ValidationOptions};

use crate::clock;
use crate::cmd::findings::{Origin, text_finding};
use crate::cmd::fingerprints::{self, same_recording};
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
    /// With `--media`: each track's fingerprint (in the order of `tracks`), for the ledger to
    /// reuse the ISRC of a recording it already holds.
    fingerprints: Option<Vec<Option<Vec<u32>>>>,
    /// The tracks given a known recording's ISRC: (place in `tracks`, code, earlier reference,
    /// how the recordings compared).
    reused: Vec<(usize, isrc::Isrc, String, Comparison)>,
}

fn source_error(error: ledger::Error) -> release_model::Error {
    release_model::Error::CodeSource(Box::new(error))
}

impl CodeSource for LedgerSource<'_> {
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<isrc::Isrc>, release_model::Error> {
        if let (Some(fingerprints), true) = (&self.fingerprints, self.tracks.len() == n as usize) {
            let requests: Vec<RecordingRequest<'_>> = self
                .tracks
                .iter()
                .zip(fingerprints)
                .map(|((key, reference), fingerprint)| RecordingRequest {
                    key,
                    reference,
                    fingerprint: fingerprint.as_deref(),
                })
                .collect();
            let assigned = self
                .ledger
                .assign_recordings(self.isrcs, &requests, self.issued_at, same_recording)
                .map_err(source_error)?;
            let mut codes = Vec::with_capacity(assigned.len());
            for (index, assignment) in assigned.into_iter().enumerate() {
                codes.push(assignment.isrc());
                match assignment {
                    Assignment::Issued {
                        already_issued: true,
                        ..
                    } => self.already_issued += 1,
                    Assignment::Reused {
                        isrc,
                        record,
                        judgement,
                    } => self.reused.push((
                        index,
                        isrc,
                        record.reference.unwrap_or_default(),
                        judgement,
                    )),
                    _ => {}
                }
            }
            return Ok(codes);
        }
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
    /// The tracks given the ISRC of a recording the ledger already held (`--media`), one
    /// `media.recording_known` finding each, naming the earlier release and track; locations
    /// are the releases' places in the slice assigned.
    pub reused: Report,
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
/// With `media_folder` (the folder track files are relative to), each track lacking an ISRC is
/// fingerprinted from its file, and a track whose recording the ledger already holds gets that
/// recording's ISRC; every new ISRC is stored with its fingerprint.
///
/// # Errors
/// [`Error::Invalid`] when a release is not ready; a track file that cannot be fingerprinted;
/// ledger failures.
pub fn assign_all(
    file: &str,
    releases: &mut [Release],
    ledger: &mut Ledger,
    isrcs: &IsrcPool,
    upcs: Option<&UpcPool>,
    key: Option<&str>,
    media_folder: Option<&Path>,
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
    let mut reused = Report::new();
    for (index, release) in releases.iter_mut().enumerate() {
        let mut missing: Vec<(u32, u32)> = release
            .tracks
            .iter()
            .filter(|t| t.isrc.is_none())
            .map(|t| (t.disc, t.number))
            .collect();
        missing.sort_unstable();
        let fingerprints = match media_folder {
            Some(folder) => Some(track_fingerprints(release, &missing, folder)?),
            None => None,
        };
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
            fingerprints,
            reused: Vec::new(),
        };
        let assigned = release.assign(&mut source);
        already_issued += source.already_issued;
        let found = std::mem::take(&mut source.reused);
        let assigned = assigned.map_err(|error| match error {
            release_model::Error::CodeSource(inner) => Error::with("", inner),
            other => Error::with(file, other),
        })?;
        let here = Location::release(index, release.upc);
        for (place, isrc, earlier, comparison) in found {
            let (disc, number) = missing[place];
            reused.push(reused_finding(
                here.track(disc, number),
                isrc,
                &earlier,
                &comparison,
            ));
        }
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
        reused,
    })
}

/// The `media.recording_known` finding of a track given `isrc`, the code the ledger issued for
/// `earlier` (a release and track), because its audio is that recording.
fn reused_finding(
    at: Location,
    isrc: isrc::Isrc,
    earlier: &str,
    comparison: &Comparison,
) -> Finding {
    let earlier = if earlier.is_empty() {
        "a recording the ledger holds (no reference recorded)".to_owned()
    } else {
        earlier.to_owned()
    };
    Finding::new(
        &media::qc::RECORDING_KNOWN,
        at,
        format!(
            "reuses {isrc}, issued for {earlier}: this audio is that recording ({comparison}); \
             one recording, one ISRC, so no new code was issued"
        ),
    )
}

/// The fingerprint of each of the `missing` tracks' files (`None` for a track without one).
fn track_fingerprints(
    release: &Release,
    missing: &[(u32, u32)],
    folder: &Path,
) -> Result<Vec<Option<Vec<u32>>>, Error> {
    missing
        .iter()
        .map(|&(disc, number)| {
            let file = release
                .tracks
                .iter()
                .find(|t| (t.disc, t.number) == (disc, number))
                .and_then(|t| t.file.as_deref());
            file.map(|file| fingerprints::of_file(&folder.join(file)).map(|f| f.values().to_vec()))
                .transpose()
        })
        .collect()
}
