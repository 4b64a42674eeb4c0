//! Writing a batch: each release's files into its `resources/` (hard-linked, or copied and
//! verified), its message beside them, every file synced, and the manifest last.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use media::{QcOptions, ReleaseMedia, ReleaseMediaInfo, TrackMedia};
use release_model::{Release, Report};

use super::digest::FileDigest;
use super::ingest::MAX_FILE_BYTES;
use super::manifest::{delivery_type, manifest_name};
use crate::{
    Action, AudioFile, DateTime, DeliveredFile, ErnVersion, Error, ExportOptions, ImageFile,
    MessageHeader, ResourceFiles,
};

/// A release to package and the folder its `file` and `cover` paths are relative to.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The release.
    pub release: Release,
    /// The folder of its release file.
    pub base: PathBuf,
}

/// How a batch is written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PackageOptions {
    /// The batch id (`YYYYMMDDhhmmssnnn`, [`batch_id`]).
    pub batch_id: String,
    /// ECHO 1.7's priority indicator (`P`, `M`, `N`) before the batch folder's id, or none.
    pub priority: Option<char>,
    /// The export's options (version, deals, default genre); its files are set per release
    /// from what the QC measured.
    pub export: ExportOptions,
    /// The media QC every release's files pass before anything is written (its threads
    /// decode the files in parallel).
    pub qc: QcOptions,
}

impl PackageOptions {
    /// A batch `batch_id`, priority `N` (none), ERN 4.3.
    #[must_use]
    pub fn new(batch_id: impl Into<String>) -> PackageOptions {
        PackageOptions {
            batch_id: batch_id.into(),
            priority: Some('N'),
            export: ExportOptions::new(),
            qc: QcOptions::default(),
        }
    }

    /// Sets the QC's options.
    #[must_use]
    pub fn qc(mut self, qc: QcOptions) -> PackageOptions {
        self.qc = qc;
        self
    }

    /// Sets the export options.
    #[must_use]
    pub fn export(mut self, export: ExportOptions) -> PackageOptions {
        self.export = export;
        self
    }

    /// Sets the priority indicator (`None`: the folder is the batch id alone).
    #[must_use]
    pub fn priority(mut self, priority: Option<char>) -> PackageOptions {
        self.priority = priority;
        self
    }
}

/// The batch id DDEX's SFTP choreographies use: the creation time `YYYYMMDDhhmmssnnn`.
#[must_use]
pub fn batch_id(created: &DateTime) -> String {
    let text = created.to_string();
    let (whole, fraction) = text.split_at(text.len().min(19));
    let mut id: String = whole.chars().filter(char::is_ascii_digit).collect();
    let millis: String = fraction
        .strip_prefix('.')
        .unwrap_or("")
        .chars()
        .take_while(char::is_ascii_digit)
        .chain("000".chars())
        .take(3)
        .collect();
    id.push_str(&millis);
    id
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packaged {
    /// The batch folder.
    pub batch: PathBuf,
    /// Its manifest (written last).
    pub manifest: PathBuf,
    /// Each release's message.
    pub messages: Vec<PathBuf>,
    /// Files hard-linked and files copied.
    pub linked: usize,
    /// Files copied (and verified by hash).
    pub copied: usize,
}

/// Writes `sources` as one batch in a new folder under `out`: per release (by UPC) a folder with
/// its message (`UPC.xml`) and `resources/` holding its audio files renamed
/// `UPC_DD_TTT.ext` (disc, track) and its cover `UPC_front.ext`, the message referencing
/// each file with its MD5 `HashSum`, its size and the track's duration; then the manifest
/// `BatchComplete_<BatchId>.xml`, written last, after every other file is complete and synced,
/// so that a batch stopped half-way has no manifest and is never taken.
///
/// `options.export.action` says what every message of the batch asks
/// ([`ExportOptions::action`]): an update is packaged as a first delivery is, with its files;
/// a takedown is each release's message alone, no file measured or delivered. The manifest's
/// `DeliveryType` says it too (`NewReleaseDelivery`, `ReDelivery`, `TakeDown`).
///
/// # Errors
///
/// [`Error::Invalid`] (and the other export errors) for a release the exporter refuses,
/// checked for every release before anything is written; [`Error::UnwritableVersion`] for a
/// version other than 4.3 and 3.8.2; [`Error::Io`] when the batch folder
/// exists or a file cannot be read, linked, copied or written, or a copy differs from its source.
pub fn package(
    sources: &[Source],
    header: &MessageHeader,
    options: &PackageOptions,
    out: &Path,
) -> Result<Packaged, Error> {
    if !ErnVersion::WRITE.contains(&options.export.ern) {
        return Err(Error::UnwritableVersion {
            version: options.export.ern,
        });
    }
    // Every release is checked — validated and through the exporter's own checks, then its
    // files through the media QC, which measures them (one decode: hashes, details, duration)
    // — before the first byte is written.
    let mut report = Report::new();
    let mut upcs = Vec::with_capacity(sources.len());
    for (index, source) in sources.iter().enumerate() {
        let upc = source.release.upc.ok_or_else(|| {
            Error::Io(io::Error::other(format!(
                "release {} has no UPC to name its batch folder",
                index + 1
            )))
        })?;
        match crate::export(&source.release, header, &options.export, io::sink()) {
            Ok(_) => {}
            Err(Error::Invalid { report: found }) => {
                for mut finding in found.findings().iter().cloned() {
                    finding.location.release = index;
                    report.push(finding);
                }
            }
            Err(error) => return Err(error),
        }
        let name = upc.to_string();
        // Each release's folder is named by its UPC: two releases with one UPC would write
        // one folder.
        if let Some(first) = upcs.iter().position(|seen| *seen == name) {
            return Err(Error::Io(io::Error::other(format!(
                "releases {} and {} have the same UPC {name}: a batch holds one folder per UPC",
                first + 1,
                index + 1
            ))));
        }
        upcs.push(name);
    }
    // A takedown carries no files: nothing to measure.
    let takedown = options.export.action == Action::Takedown;
    let measured = if takedown {
        vec![ReleaseMediaInfo::default(); sources.len()]
    } else {
        let releases: Vec<Release> = sources.iter().map(|s| s.release.clone()).collect();
        let media: Vec<ReleaseMedia> = sources
            .iter()
            .map(|s| ReleaseMedia::of(&s.release, &s.base))
            .collect();
        let measured = media::check_media(&releases, &media, &options.qc, &|_| {});
        for finding in measured.report.findings() {
            report.push(finding.clone());
        }
        measured.releases
    };
    if report.has_errors() {
        return Err(Error::Invalid {
            report: Box::new(report),
        });
    }
    let mut planned = Vec::with_capacity(sources.len());
    for ((source, upc), info) in sources.iter().zip(&upcs).zip(&measured) {
        planned.push(plan(source, upc, info, header, &options.export)?);
    }
    let folder = match options.priority {
        Some(priority) => format!("{priority}_{}", options.batch_id),
        None => options.batch_id.clone(),
    };
    let batch = out.join(&folder);
    fs::create_dir_all(out)?;
    fs::create_dir(&batch)?;
    let mut packaged = Packaged {
        batch: batch.clone(),
        manifest: batch.join(manifest_name(&options.batch_id)),
        messages: Vec::new(),
        linked: 0,
        copied: 0,
    };
    let mut entries = Vec::new();
    for plan in planned {
        let release_dir = batch.join(&plan.upc);
        let resources = release_dir.join("resources");
        fs::create_dir_all(if plan.files.is_empty() {
            &release_dir
        } else {
            &resources
        })?;
        for (from, name, digest) in &plan.files {
            place(from, &resources.join(name), digest, &mut packaged)?;
        }
        let message = release_dir.join(format!("{}.xml", plan.upc));
        // Written whole or not at all, synced with its folder (`media`'s one atomic write).
        media::atomic::write(&message, plan.xml.as_bytes())?;
        if !plan.files.is_empty() {
            media::atomic::sync_folder(&resources);
        }
        entries.push((
            plan.message_id,
            format!("{0}/{0}.xml", plan.upc),
            plan.upc,
            FileDigest::of_bytes(plan.xml.as_bytes()),
        ));
        packaged.messages.push(message);
    }
    media::atomic::sync_folder(&batch);
    let manifest = manifest_xml(header, &folder, &entries, options.export.action);
    // Written under a name no reader takes for a manifest, synced, then renamed (the one
    // atomic replacement of `media`): the manifest appears whole or not at all.
    let mut replacement = media::atomic::Replacement::new(&packaged.manifest)?;
    replacement.file().write_all(manifest.as_bytes())?;
    if let Ok(seconds) = std::env::var("MUSICID_TEST_PAUSE_BEFORE_MANIFEST")
        && let Ok(seconds) = seconds.parse::<f64>()
    {
        std::thread::sleep(std::time::Duration::from_secs_f64(seconds));
    }
    replacement.commit()?;
    Ok(packaged)
}

/// One release's message, ready to write, and the files to place beside it.
struct Plan {
    upc: String,
    message_id: String,
    xml: String,
    /// Each file: where it comes from, its name in `resources/`, its digest.
    files: Vec<(PathBuf, String, FileDigest)>,
}

/// Writes the release's message with its files' references, from what the QC measured: each
/// track's file renamed `UPC_DD_TTT.ext`, the cover `UPC_front.ext`, all in `resources/`.
fn plan(
    source: &Source,
    upc: &str,
    measured: &ReleaseMediaInfo,
    header: &MessageHeader,
    export: &ExportOptions,
) -> Result<Plan, Error> {
    let mut message_header = header.clone();
    message_header.message_id = format!("{}_{upc}", header.message_id);
    let mut release = source.release.clone();
    if export.action == Action::Takedown {
        // A takedown names the release, not its files: none is delivered with it.
        release.cover = None;
        let xml = crate::export_to_string(&release, &message_header, export)?;
        return Ok(Plan {
            upc: upc.to_owned(),
            message_id: message_header.message_id,
            xml,
            files: Vec::new(),
        });
    }
    let mut files = Vec::new();
    let mut tracks = Vec::with_capacity(release.tracks.len());
    for (index, track) in release.tracks.iter().enumerate() {
        let Some(TrackMedia {
            path,
            audio: Some(info),
            ..
        }) = measured.tracks.get(index).and_then(Option::as_ref)
        else {
            // The QC reported a track without a readable file as an error: never here.
            tracks.push(None);
            continue;
        };
        let name = format!(
            "{upc}_{:02}_{:03}.{}",
            track.disc,
            track.number,
            extension(path)
        );
        let digest = FileDigest {
            size: info.file_size,
            digests: info.digests,
        };
        let mut audio = AudioFile::new(delivered(&name, &digest));
        audio.codec = Some(info.codec.as_str().to_owned());
        audio.channels = Some(info.channels);
        audio.sample_rate = Some(info.sample_rate);
        audio.bits_per_sample = info.bits_per_sample;
        audio.duration = Some(info.duration());
        tracks.push(Some(audio));
        files.push((path.clone(), name, digest));
    }
    let cover = match (&source.release.cover, &measured.cover) {
        (Some(cover), Some(info)) => {
            let from = source.base.join(cover);
            let name = format!("{upc}_front.{}", extension(&from));
            let digest = FileDigest {
                size: info.file_size,
                digests: info.digests,
            };
            let mut image = ImageFile::new(delivered(&name, &digest));
            image.codec = Some(info.format.as_str().to_owned());
            image.width = Some(info.width);
            image.height = Some(info.height);
            release.cover = Some(format!("resources/{name}"));
            files.push((from, name, digest));
            Some(image)
        }
        _ => None,
    };
    let export = export.clone().files(ResourceFiles::new(tracks, cover));
    let xml = crate::export_to_string(&release, &message_header, &export)?;
    Ok(Plan {
        upc: upc.to_owned(),
        message_id: message_header.message_id,
        xml,
        files,
    })
}

fn delivered(name: &str, digest: &FileDigest) -> DeliveredFile {
    DeliveredFile::new(format!("resources/{name}"))
        .with_md5_and_size(digest.digests.md5, digest.size)
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|ext| ext.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_else(|| "bin".into())
}

/// `from` into the batch at `to`: a hard link when both are on one file system, otherwise a
/// copy, synced and verified against the source's digest, measured before.
fn place(
    from: &Path,
    to: &Path,
    source: &FileDigest,
    packaged: &mut Packaged,
) -> Result<(), Error> {
    if fs::hard_link(from, to).is_ok() {
        packaged.linked += 1;
        return Ok(());
    }
    fs::copy(from, to)?;
    File::open(to)?.sync_all()?;
    let copy = FileDigest::of_file(to, MAX_FILE_BYTES + 1)?;
    if copy != *source {
        return Err(Error::Io(io::Error::other(format!(
            "the copy {} differs from {} as measured: sha-256 {} against {}",
            to.display(),
            from.display(),
            copy.sha256_hex(),
            source.sha256_hex()
        ))));
    }
    packaged.copied += 1;
    Ok(())
}

fn manifest_xml(
    header: &MessageHeader,
    root: &str,
    entries: &[(String, String, String, FileDigest)],
    action: Action,
) -> String {
    use std::fmt::Write as _;
    let escape = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let party = |tag: &str, party: &crate::MessageParty| {
        let name = party
            .name
            .as_deref()
            .map(|name| {
                format!(
                    "\n      <PartyName>\n        <FullName>{}</FullName>\n      </PartyName>",
                    escape(name)
                )
            })
            .unwrap_or_default();
        format!(
            "    <{tag}>\n      <PartyId>{}</PartyId>{name}\n    </{tag}>\n",
            party.dpid
        )
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ern-c:ManifestMessage xmlns:ern-c=\"http://ddex.net/xml/ern-c/15\" MessageVersionId=\"ern-c/15\">\n  <MessageHeader>\n",
    );
    xml.push_str(&party("MessageSender", &header.sender));
    xml.push_str(&party("MessageRecipient", &header.recipient));
    let _ = write!(
        xml,
        "    <MessageCreatedDateTime>{}</MessageCreatedDateTime>\n  </MessageHeader>\n  <IsTestFlag>false</IsTestFlag>\n  <RootDirectory>{}</RootDirectory>\n  <NumberOfMessages>{}</NumberOfMessages>\n",
        header.created,
        escape(root),
        entries.len()
    );
    for (message_id, url, upc, digest) in entries {
        let _ = write!(
            xml,
            "  <MessageInBatch>\n    <MessageType>NewReleaseMessage</MessageType>\n    <MessageId>{}</MessageId>\n    <URL>{}</URL>\n    <IncludedReleaseId>\n      <ICPN>{upc}</ICPN>\n    </IncludedReleaseId>\n    <DeliveryType>{}</DeliveryType>\n    <ProductType>AudioProduct</ProductType>\n    <HashSum>\n      <HashSum>{}</HashSum>\n      <HashSumAlgorithmType>MD5</HashSumAlgorithmType>\n    </HashSum>\n  </MessageInBatch>\n",
            escape(message_id),
            escape(url),
            delivery_type(action),
            digest.md5_hex(),
        );
    }
    xml.push_str("</ern-c:ManifestMessage>\n");
    xml
}
