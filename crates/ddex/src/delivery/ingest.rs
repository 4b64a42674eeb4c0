//! Taking a batch in: the manifest first, then each message it lists, each through the
//! guarded scan before the reader, then every file the message references, found inside the
//! batch and hashed.

use std::fs;
use std::path::{Path, PathBuf};

use media::{ArtworkInfo, AudioInfo, QcOptions, ReleaseMedia, Seconds};
use release_model::{Finding, Location, Release, Report, Rule};

use super::digest::FileDigest;
use super::manifest::{self, relative_url};
use super::paths::{inventory, resolve};
use super::rules;
use super::scan::{Claims, FileRef, resource_files, scan};
use super::{Error, Refusal};
use crate::{Action, Delivery};

/// Larger than any audio file a delivery carries (a 24-bit/192 kHz stereo hour is 4 GB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// A resource file found and hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFile {
    /// The resource's `ResourceReference`.
    pub resource: String,
    /// The file, inside the batch.
    pub path: PathBuf,
    /// Its size and digests.
    pub digest: FileDigest,
}

/// One message of the batch and what was found about it.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageReport {
    /// The message file.
    pub path: PathBuf,
    /// Its `MessageId` in the manifest.
    pub message_id: String,
    /// What it asks for (`None` when it could not be read).
    pub action: Option<Action>,
    /// Its release (for a purge: none), with each track's `file` and the `cover` set to the
    /// file found in the batch.
    pub release: Option<Release>,
    /// The ICPN of a purge.
    pub purged_upc: Option<upc::Upc>,
    /// The files it references, found and hashed.
    pub files: Vec<CheckedFile>,
    /// What was found: the delivery's own findings ([`RULES`](super::RULES)), the reader's
    /// warnings ([`rules::RULES`](crate::rules::RULES)), the media QC's and the release's
    /// validation, each with its rule from its table; errors keep the release out of the
    /// catalog.
    pub findings: Report,
}

impl MessageReport {
    /// Whether a finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.findings.has_errors()
    }
}

/// What a batch held.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    /// The batch folder.
    pub batch: PathBuf,
    /// Its manifest.
    pub manifest: PathBuf,
    /// One report per message, in the manifest's order.
    pub messages: Vec<MessageReport>,
}

/// What applying a message did to a catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Applied {
    /// A release the catalog did not have.
    Inserted,
    /// A release the catalog had, replaced.
    Updated,
    /// A release taken out (a takedown or a purge).
    TakenDown,
    /// A takedown or purge of a release the catalog does not hold (never delivered to it, or
    /// taken down before): reported as a takedown, the catalog unchanged.
    NotHeld,
    /// Not applied: the message has errors.
    Rejected,
}

impl Applied {
    /// `inserted`, `updated`, `taken down`, `taken down (not held)`, `rejected`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Applied::Inserted => "inserted",
            Applied::Updated => "updated",
            Applied::TakenDown => "taken down",
            Applied::NotHeld => "taken down (not held)",
            Applied::Rejected => "rejected",
        }
    }
}

impl Ingested {
    /// Applies every message without errors to `catalog`, in order, releases matched by UPC
    /// (as products: a UPC-A and its EAN-13 are one release); one outcome per message.
    pub fn apply(&self, catalog: &mut Vec<Release>) -> Vec<Applied> {
        let same = |a: Option<upc::Upc>, b: Option<upc::Upc>| match (a, b) {
            (Some(a), Some(b)) => a.to_gtin14() == b.to_gtin14(),
            _ => false,
        };
        self.messages
            .iter()
            .map(|message| {
                if message.has_errors() {
                    return Applied::Rejected;
                }
                match (message.action, &message.release) {
                    (Some(Action::Takedown), Some(release)) => {
                        take_out(catalog, |held| same(held.upc, release.upc))
                    }
                    (Some(Action::Purge), _) => {
                        take_out(catalog, |held| same(held.upc, message.purged_upc))
                    }
                    (Some(_), Some(release)) => {
                        match catalog.iter_mut().find(|held| same(held.upc, release.upc)) {
                            Some(held) => {
                                *held = release.clone();
                                Applied::Updated
                            }
                            None => {
                                catalog.push(release.clone());
                                Applied::Inserted
                            }
                        }
                    }
                    _ => Applied::Rejected,
                }
            })
            .collect()
    }

    /// Whether any message has an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.messages.iter().any(MessageReport::has_errors)
    }
}

fn take_out(catalog: &mut Vec<Release>, matches: impl Fn(&Release) -> bool) -> Applied {
    let before = catalog.len();
    catalog.retain(|held| !matches(held));
    if catalog.len() < before {
        Applied::TakenDown
    } else {
        Applied::NotHeld
    }
}

/// Reads the batch in the folder `batch`, trusting nothing in it.
///
/// The batch is refused as a whole ([`Error::Refused`]) when it has no manifest (it is not
/// complete), when a name collides with another by case, when a reference is a URL, absolute,
/// climbs with `..` or leads out of the batch through a symlink, when a file the manifest or a
/// message names is missing, when an XML file has a DOCTYPE or an undeclared entity, nests
/// too deep or is too large, and when a resource file is larger than its message declares.
/// Otherwise each message gets its report: a message that does not read, a hash that does not
/// match, technical details or a duration that are not the file's, the media QC's findings on
/// the files (`qc`: integrity, the embedded ISRC against the message's, the cover), a release
/// with validation errors are findings of that message. Each audio file and the cover are
/// decoded once, by `media`, which hashes them as it reads.
///
/// Nothing is written, anywhere.
///
/// # Errors
///
/// [`Error::Refused`] as above; [`Error::Io`] when the folder cannot be listed or a file read.
pub fn ingest(batch: &Path, qc: &QcOptions) -> Result<Ingested, Error> {
    let files = inventory(batch)?;
    let manifest = manifest::find(batch, &files)?;
    let folder_name = batch
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let entries = match &manifest.entries {
        Some(entries) => entries.clone(),
        None => semaphore_entries(&files),
    };
    let mut names: Vec<&str> = vec![&folder_name];
    if let Some(root) = &manifest.root_directory {
        names.push(root);
    }
    let mut messages = Vec::with_capacity(entries.len());
    for entry in &entries {
        let reference = relative_url(&entry.url, &names);
        let path = resolve(batch, batch, &manifest.path, reference)?;
        messages.push(message(batch, &path, entry, qc)?);
    }
    Ok(Ingested {
        batch: batch.to_path_buf(),
        manifest: manifest.path,
        messages,
    })
}

/// With the zero-byte semaphore, the messages are the releases' `<folder>/<folder>.xml`.
fn semaphore_entries(files: &[PathBuf]) -> Vec<manifest::Entry> {
    files
        .iter()
        .filter(|path| {
            let parts: Vec<_> = path.components().collect();
            parts.len() == 2
                && path.extension().is_some_and(|ext| ext == "xml")
                && path.file_stem() == Some(parts[0].as_os_str())
        })
        .map(|path| manifest::Entry {
            message_type: "NewReleaseMessage".into(),
            message_id: String::new(),
            url: path.to_string_lossy().replace('\\', "/"),
            hash: None,
            delivery_type: None,
        })
        .collect()
}

fn message(
    batch: &Path,
    path: &Path,
    entry: &manifest::Entry,
    qc: &QcOptions,
) -> Result<MessageReport, Error> {
    let mut report = MessageReport {
        path: path.to_path_buf(),
        message_id: entry.message_id.clone(),
        action: None,
        release: None,
        purged_upc: None,
        files: Vec::new(),
        findings: Report::new(),
    };
    let (root, bytes) = scan(path)?;
    let here = Location::release(0, None);
    if let Some((algorithm, value)) = &entry.hash {
        let digest = FileDigest::of_bytes(&bytes);
        compare_hash(&mut report.findings, here, path, algorithm, value, &digest);
    }
    let delivery = match crate::read(&bytes) {
        Ok(delivery) => delivery,
        Err(error) => {
            push(
                &mut report.findings,
                &rules::UNREADABLE_MESSAGE,
                here,
                format!("{}: {error} [{}]", path.display(), error.kind()),
            );
            return Ok(report);
        }
    };
    let action = with_manifest(
        delivery.action(),
        entry.delivery_type.as_deref(),
        &delivery,
        &mut report.findings,
        path,
    );
    report.action = Some(action);
    let base = path.parent().unwrap_or(batch);
    let mut release = match delivery {
        Delivery::Purge(purged) => {
            report.purged_upc = purged.upc;
            return Ok(report);
        }
        Delivery::Release(imported) => {
            let at = Location::release(0, imported.release.upc);
            for note in imported.warnings() {
                let place = note
                    .position
                    .map(|position| format!(" {position}"))
                    .unwrap_or_default();
                push(
                    &mut report.findings,
                    note.rule,
                    at,
                    format!("{}:{place}: {}", path.display(), note.message),
                );
            }
            imported.release
        }
    };
    let here = Location::release(0, release.upc);
    // Every file is found inside the batch and its size checked against its declaration
    // before a byte of it is read.
    let mut found_files = Vec::new();
    for resource in resource_files(&root) {
        for file in resource.files {
            let found = resolve(batch, base, path, &file.reference)?;
            check_size(&found, &file)?;
            let target = if resource.kind == "Image" {
                Some(Target::Cover)
            } else {
                release
                    .tracks
                    .iter()
                    .position(|track| {
                        track.isrc.is_some_and(|isrc| {
                            resource.isrc.as_deref() == Some(isrc.to_string().as_str())
                        })
                    })
                    .map(Target::Track)
            };
            let shown = found.to_string_lossy().into_owned();
            match target {
                Some(Target::Cover) => release.cover = Some(shown),
                Some(Target::Track(index)) => release.tracks[index].file = Some(shown),
                None => {}
            }
            found_files.push((resource.reference.clone(), found, file, target));
        }
    }
    // The QC on the files as found (one decode each: hashes, details, duration, tags). A
    // takedown and an update without files (new metadata for files delivered before) have
    // no files to check.
    let qc_runs = match action {
        Action::Takedown => false,
        Action::Update => !found_files.is_empty(),
        _ => true,
    };
    let measured = if qc_runs {
        let media = ReleaseMedia::of(&release, Path::new(""));
        let check = media::check_media(std::slice::from_ref(&release), &[media], qc, &|_| {});
        for finding in check.report.findings() {
            report.findings.push(finding.clone());
        }
        check.releases.into_iter().next().unwrap_or_default()
    } else {
        media::ReleaseMediaInfo::default()
    };
    for (resource, found, file, target) in found_files {
        let (digest, details) = match target {
            Some(Target::Track(index)) => {
                let audio = measured
                    .tracks
                    .get(index)
                    .and_then(Option::as_ref)
                    .filter(|media| media.path == found)
                    .and_then(|media| media.audio.as_ref());
                let at = release
                    .tracks
                    .get(index)
                    .map_or(here, |track| here.track(track.disc, track.number));
                match audio {
                    Some(audio) => (
                        digest_of(audio.file_size, audio.digests),
                        Some((at, Measured::Audio(audio))),
                    ),
                    None => (hash_whole(&found, &file)?, None),
                }
            }
            Some(Target::Cover) => match &measured.cover {
                Some(image) => (
                    digest_of(image.file_size, image.digests),
                    Some((here, Measured::Image(image))),
                ),
                None => (hash_whole(&found, &file)?, None),
            },
            None => {
                push(
                    &mut report.findings,
                    &rules::UNLISTED_FILE,
                    here,
                    format!(
                        "{}: resource {resource} ({}) is no track of the release nor its front cover",
                        path.display(),
                        found.display()
                    ),
                );
                (hash_whole(&found, &file)?, None)
            }
        };
        // The file may have grown since its size was checked: the bytes measured decide.
        if let Some(declared) = file.declared_size
            && digest.size > declared
        {
            return Err(Refusal::LargerThanDeclared {
                file: found,
                declared,
                found: digest.size,
            }
            .into());
        }
        if let Some((algorithm, value)) = &file.hash {
            compare_hash(
                &mut report.findings,
                here,
                &found,
                algorithm,
                value,
                &digest,
            );
        } else {
            push(
                &mut report.findings,
                &rules::NO_HASH,
                here,
                format!(
                    "{}: resource {resource} names {} without a HashSum",
                    path.display(),
                    file.reference
                ),
            );
        }
        if let Some((at, measured)) = details {
            compare_claims(
                &mut report.findings,
                at,
                &found,
                &file.claims,
                &measured,
                qc,
            );
        }
        report.files.push(CheckedFile {
            resource,
            path: found,
            digest,
        });
    }
    for finding in release.validate().findings() {
        report.findings.push(finding.clone());
    }
    report.release = Some(release);
    Ok(report)
}

/// What a message asks, from the message and its manifest entry's `DeliveryType`. ERN 4 has
/// no update indicator and takes a release down with a message without deals (ERN 4.3 Part
/// 1, §6.19.4), which a first delivery offering no deal yet also is: the manifest tells them
/// apart, `ReDelivery` making an insert an update, `TakeDown` making a message without deals a
/// takedown. Where the two disagree otherwise the message is followed, with a warning.
fn with_manifest(
    action: Action,
    delivery_type: Option<&str>,
    delivery: &Delivery,
    findings: &mut Report,
    path: &Path,
) -> Action {
    let offers_deals = match delivery {
        Delivery::Release(imported) => !imported.deals.is_empty(),
        Delivery::Purge(_) => false,
    };
    let at = match delivery {
        Delivery::Release(imported) => Location::release(0, imported.release.upc),
        Delivery::Purge(purged) => Location::release(0, purged.upc),
    };
    match (action, delivery_type) {
        (Action::Insert, Some("ReDelivery")) => Action::Update,
        (Action::Insert | Action::Update, Some("TakeDown")) if !offers_deals => Action::Takedown,
        (Action::Insert | Action::Update, Some("TakeDown")) => {
            push(
                findings,
                &rules::KIND_MISMATCH,
                at,
                format!(
                    "{}: the manifest's DeliveryType is TakeDown, but the message offers deals: read as an {action}",
                    path.display()
                ),
            );
            action
        }
        (Action::Takedown, Some(other @ ("NewReleaseDelivery" | "ReDelivery"))) => {
            push(
                findings,
                &rules::KIND_MISMATCH,
                at,
                format!(
                    "{}: the message takes the release down, but the manifest's DeliveryType is {other}: read as a takedown",
                    path.display()
                ),
            );
            action
        }
        _ => action,
    }
}

/// Which part of the release a resource file is.
#[derive(Debug, Clone, Copy)]
enum Target {
    Track(usize),
    Cover,
}

/// What the QC measured of a file.
enum Measured<'a> {
    Audio(&'a AudioInfo),
    Image(&'a ArtworkInfo),
}

fn digest_of(size: u64, digests: media::Digests) -> FileDigest {
    FileDigest { size, digests }
}

fn push(report: &mut Report, rule: &'static Rule, at: Location, message: String) {
    report.push(Finding::new(rule, at, message));
}

/// Refuses `found` when it is larger than declared or than any delivery file, from its size
/// on disk, before it is read.
fn check_size(found: &Path, file: &FileRef) -> Result<(), Error> {
    let size = fs::metadata(found)?.len();
    match file.declared_size {
        Some(declared) if size > declared && declared <= MAX_FILE_BYTES => {
            Err(Refusal::LargerThanDeclared {
                file: found.to_path_buf(),
                declared,
                found: size,
            }
            .into())
        }
        _ if size > MAX_FILE_BYTES => Err(Refusal::TooLarge {
            file: found.to_path_buf(),
            what: "size in bytes",
            found: size,
            limit: MAX_FILE_BYTES,
        }
        .into()),
        _ => Ok(()),
    }
}

/// Hashes a file the QC did not decode, reading no further than one byte past what it may
/// hold.
fn hash_whole(found: &Path, file: &FileRef) -> Result<FileDigest, Error> {
    let limit = file
        .declared_size
        .unwrap_or(MAX_FILE_BYTES)
        .min(MAX_FILE_BYTES);
    let digest = FileDigest::of_file(found, limit + 1)?;
    if digest.size > limit {
        return Err(Refusal::TooLarge {
            file: found.to_path_buf(),
            what: "size in bytes",
            found: digest.size,
            limit,
        }
        .into());
    }
    Ok(digest)
}

/// Compares what the technical details claim with what the QC measured: the codec, channels,
/// sampling rate and bits per sample (or the image's codec and size) exactly, the duration to
/// within the QC's tolerance.
fn compare_claims(
    report: &mut Report,
    at: Location,
    file: &Path,
    claims: &Claims,
    measured: &Measured<'_>,
    qc: &QcOptions,
) {
    let mut differ = Vec::new();
    let mut compare = |what: &str, claimed: &Option<String>, actual: Option<String>| {
        if let Some(claimed) = claimed {
            let same = actual.as_deref().is_some_and(|actual| {
                actual.eq_ignore_ascii_case(claimed.trim())
                    || (actual.parse::<f64>().ok())
                        .is_some_and(|a| claimed.trim().parse::<f64>().is_ok_and(|c| c == a))
            });
            if !same {
                differ.push(format!(
                    "{what} {claimed:?} claimed, {} found",
                    actual.as_deref().unwrap_or("none")
                ));
            }
        }
    };
    match measured {
        Measured::Audio(audio) => {
            compare(
                "codec",
                &claims.codec,
                Some(audio.codec.as_str().to_owned()),
            );
            compare(
                "channels",
                &claims.channels,
                Some(audio.channels.to_string()),
            );
            compare(
                "sampling rate",
                &claims.sample_rate,
                Some(audio.sample_rate.to_string()),
            );
            compare(
                "bits per sample",
                &claims.bits_per_sample,
                audio.bits_per_sample.map(|bits| bits.to_string()),
            );
        }
        Measured::Image(image) => {
            compare(
                "codec",
                &claims.codec,
                Some(image.format.as_str().to_owned()),
            );
            compare("width", &claims.width, Some(image.width.to_string()));
            compare("height", &claims.height, Some(image.height.to_string()));
        }
    }
    if !differ.is_empty() {
        push(
            report,
            &rules::DETAILS_MISMATCH,
            at,
            format!("{}: {}", file.display(), differ.join("; ")),
        );
    }
    if let (Measured::Audio(audio), Some(claimed)) = (measured, &claims.duration) {
        let plays = audio.duration();
        match release_model::duration::parse(claimed) {
            Ok(claimed) if claimed.abs_diff(plays) <= qc.duration_tolerance => {}
            Ok(claimed) => push(
                report,
                &rules::DURATION_MISMATCH,
                at,
                format!(
                    "{}: plays {}, its technical details claim {} ({claimed:?} off by more than {})",
                    file.display(),
                    Seconds(plays),
                    Seconds(claimed),
                    Seconds(qc.duration_tolerance)
                ),
            ),
            Err(error) => push(
                report,
                &rules::DURATION_MISMATCH,
                at,
                format!(
                    "{}: plays {}, its technical details claim {claimed:?}, which is no duration ({error})",
                    file.display(),
                    Seconds(plays)
                ),
            ),
        }
    }
}

/// Compares a `HashSum` with the file's digests: MD5 and SHA-256 are checked (hex, any case);
/// another algorithm is a warning, a value of the wrong length an error (DDEX's own samples
/// carry a 33-digit "MD5").
fn compare_hash(
    report: &mut Report,
    at: Location,
    file: &Path,
    algorithm: &str,
    value: &str,
    digest: &FileDigest,
) {
    let expected = match algorithm.to_ascii_uppercase().as_str() {
        "MD5" => digest.md5_hex(),
        "SHA-256" | "SHA256" | "SHA2" => digest.sha256_hex(),
        _ => {
            push(
                report,
                &rules::HASH_UNCHECKED,
                at,
                format!(
                    "{}: HashSum algorithm {algorithm} is not checked (MD5 and SHA-256 are)",
                    file.display()
                ),
            );
            return;
        }
    };
    let value = value.trim();
    if value.len() != expected.len() || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        push(
            report,
            &rules::HASH_MALFORMED,
            at,
            format!(
                "{}: the {algorithm} HashSum {value:?} is not {} hex digits",
                file.display(),
                expected.len()
            ),
        );
    } else if !value.eq_ignore_ascii_case(&expected) {
        push(
            report,
            &rules::HASH_MISMATCH,
            at,
            format!(
                "{}: {algorithm} is {expected}, the message says {value}",
                file.display()
            ),
        );
    }
}
