//! Taking a batch in: the manifest first, then each message it lists, each through the
//! guarded scan before the reader, then every file the message references, found inside the
//! batch and hashed.

use std::path::{Path, PathBuf};

use release_model::{Release, Severity};

use super::digest::{FileDigest, digest_file};
use super::manifest::{self, relative_url};
use super::paths::{inventory, resolve};
use super::scan::{FileRef, resource_files, scan};
use super::{Error, Refusal};
use crate::{Action, Delivery};

/// Larger than any audio file a delivery carries (a 24-bit/192 kHz stereo hour is 4 GB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// Something found about one message; errors keep its release out of the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A stable id (`batch.hash_mismatch`, `ddex.syntax`, a validation rule, …).
    pub rule: String,
    /// What was found, with the file or resource concerned.
    pub message: String,
}

impl Finding {
    fn error(rule: impl Into<String>, message: String) -> Finding {
        Finding {
            severity: Severity::Error,
            rule: rule.into(),
            message,
        }
    }

    fn warning(rule: impl Into<String>, message: String) -> Finding {
        Finding {
            severity: Severity::Warning,
            rule: rule.into(),
            message,
        }
    }
}

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
    /// What was found.
    pub findings: Vec<Finding>,
}

impl MessageReport {
    /// Whether a finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|finding| finding.severity == Severity::Error)
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
    /// A takedown or purge of a release the catalog does not hold.
    NotHeld,
    /// Not applied: the message has errors.
    Rejected,
}

impl Applied {
    /// `inserted`, `updated`, `taken down`, `not held`, `rejected`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Applied::Inserted => "inserted",
            Applied::Updated => "updated",
            Applied::TakenDown => "taken down",
            Applied::NotHeld => "not held",
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
/// match, a release with validation errors are findings of that message.
///
/// Nothing is written, anywhere.
///
/// # Errors
///
/// [`Error::Refused`] as above; [`Error::Io`] when the folder cannot be listed or a file read.
pub fn ingest(batch: &Path) -> Result<Ingested, Error> {
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
        messages.push(message(batch, &path, entry)?);
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
        })
        .collect()
}

fn message(batch: &Path, path: &Path, entry: &manifest::Entry) -> Result<MessageReport, Error> {
    let mut report = MessageReport {
        path: path.to_path_buf(),
        message_id: entry.message_id.clone(),
        action: None,
        release: None,
        purged_upc: None,
        files: Vec::new(),
        findings: Vec::new(),
    };
    let (root, bytes) = scan(path)?;
    if let Some((algorithm, value)) = &entry.hash {
        let digest = super::digest::FileDigest::of_bytes(&bytes);
        compare_hash(&mut report.findings, path, algorithm, value, &digest);
    }
    let delivery = match crate::read(&bytes) {
        Ok(delivery) => delivery,
        Err(error) => {
            report.findings.push(Finding::error(
                format!("ddex.{}", error.kind()),
                format!("{}: {error}", path.display()),
            ));
            return Ok(report);
        }
    };
    report.action = Some(delivery.action());
    let base = path.parent().unwrap_or(batch);
    let mut release = match delivery {
        Delivery::Purge(purged) => {
            report.purged_upc = purged.upc;
            return Ok(report);
        }
        Delivery::Release(imported) => {
            for note in imported.warnings() {
                report.findings.push(Finding::warning(
                    note.rule.id,
                    format!("{}: {}", path.display(), note.message),
                ));
            }
            imported.release
        }
    };
    for resource in resource_files(&root) {
        for file in &resource.files {
            let found = resolve(batch, base, path, &file.reference)?;
            let digest = checked_digest(&found, file)?;
            if let Some((algorithm, value)) = &file.hash {
                compare_hash(&mut report.findings, &found, algorithm, value, &digest);
            } else {
                report.findings.push(Finding::warning(
                    "batch.no_hash",
                    format!(
                        "{}: resource {} names {} without a HashSum",
                        path.display(),
                        resource.reference,
                        file.reference
                    ),
                ));
            }
            let shown = found.to_string_lossy().into_owned();
            if resource.kind == "Image" {
                release.cover = Some(shown);
            } else if let Some(track) = release.tracks.iter_mut().find(|track| {
                resource.isrc.as_deref() == track.isrc.map(|i| i.to_string()).as_deref()
            }) {
                track.file = Some(shown);
            }
            report.files.push(CheckedFile {
                resource: resource.reference.clone(),
                path: found,
                digest,
            });
        }
    }
    for finding in release.validate().findings() {
        report.findings.push(Finding {
            severity: finding.severity,
            rule: finding.rule.id.to_owned(),
            message: format!("{}: {}", path.display(), finding.message),
        });
    }
    report.release = Some(release);
    Ok(report)
}

/// Hashes `found`, refusing it when it is larger than declared (read no further than one byte
/// past the declared size) or than any delivery file.
fn checked_digest(found: &Path, file: &FileRef) -> Result<FileDigest, Error> {
    let limit = file
        .declared_size
        .unwrap_or(MAX_FILE_BYTES)
        .min(MAX_FILE_BYTES);
    let digest = digest_file(found, limit + 1)?;
    if digest.size > limit {
        return Err(match file.declared_size {
            Some(declared) if declared <= MAX_FILE_BYTES => Refusal::LargerThanDeclared {
                file: found.to_path_buf(),
                declared,
                found: digest.size,
            },
            _ => Refusal::TooLarge {
                file: found.to_path_buf(),
                what: "size in bytes",
                found: digest.size,
                limit: MAX_FILE_BYTES,
            },
        }
        .into());
    }
    Ok(digest)
}

/// Compares a `HashSum` with the file's digests: MD5 and SHA-256 are checked (hex, any case);
/// another algorithm is a warning, a value of the wrong length an error (DDEX's own samples
/// carry a 33-digit "MD5").
fn compare_hash(
    findings: &mut Vec<Finding>,
    file: &Path,
    algorithm: &str,
    value: &str,
    digest: &FileDigest,
) {
    let expected = match algorithm.to_ascii_uppercase().as_str() {
        "MD5" => digest.md5_hex(),
        "SHA-256" | "SHA256" | "SHA2" => digest.sha256_hex(),
        _ => {
            findings.push(Finding::warning(
                "batch.hash_unchecked",
                format!(
                    "{}: HashSum algorithm {algorithm} is not checked (MD5 and SHA-256 are)",
                    file.display()
                ),
            ));
            return;
        }
    };
    let value = value.trim();
    if value.len() != expected.len() || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        findings.push(Finding::error(
            "batch.hash_malformed",
            format!(
                "{}: the {algorithm} HashSum {value:?} is not {} hex digits",
                file.display(),
                expected.len()
            ),
        ));
    } else if !value.eq_ignore_ascii_case(&expected) {
        findings.push(Finding::error(
            "batch.hash_mismatch",
            format!(
                "{}: {algorithm} is {expected}, the message says {value}",
                file.display()
            ),
        ));
    }
}
