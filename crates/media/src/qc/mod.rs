//! The QC a store's ingest runs on a release's files: [`check_media`].
//!
//! Findings use `release_model`'s [`Report`], with this module's [`RULES`], so a media report
//! reads like a validation report and the two can be merged.

mod catalog;
mod rules;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use release_model::{Finding, Location, Release, Report, Rule};

pub use rules::{RULES, rule};

/// The rule of a track whose recording the ledger already holds, reported by the tool that
/// assigns codes (`release assign --media`), not by [`check_media`].
pub use rules::RECORDING_KNOWN;

/// The rule ids as constants (`rule_ids::INCOMPLETE == "media.incomplete"`).
pub use rules::ids as rule_ids;

use crate::artwork::ArtworkProblem;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::{ArtworkInfo, ArtworkPolicy, AudioInfo, EmbeddedTags, Seconds};

/// How strict the QC is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct QcOptions {
    /// What the cover must be.
    pub artwork: ArtworkPolicy,
    /// How far the decoded duration may stray from the track's metadata (1 s).
    pub duration_tolerance: Duration,
    /// The lowest bit depth accepted for lossless audio (16).
    pub min_bits: u32,
    /// The lowest sample rate accepted for lossless audio (44 100 Hz).
    pub min_rate: u32,
    /// How many files are decoded at once.
    pub threads: usize,
}

impl Default for QcOptions {
    fn default() -> QcOptions {
        QcOptions {
            artwork: ArtworkPolicy::default(),
            duration_tolerance: Duration::from_secs(1),
            min_bits: 16,
            min_rate: 44_100,
            threads: 1,
        }
    }
}

impl QcOptions {
    /// These options with `threads` decoding threads.
    #[must_use]
    pub const fn with_threads(self, threads: usize) -> QcOptions {
        QcOptions { threads, ..self }
    }

    /// These options with another cover policy.
    #[must_use]
    pub const fn with_artwork(self, artwork: ArtworkPolicy) -> QcOptions {
        QcOptions { artwork, ..self }
    }
}

/// Where a release's files are: its cover and, parallel to `Release::tracks`, each track's
/// audio file (already resolved against the release file's folder).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseMedia {
    /// The front cover.
    pub cover: Option<PathBuf>,
    /// The audio file of each track, in the order of the release's tracks.
    pub tracks: Vec<Option<PathBuf>>,
}

impl ReleaseMedia {
    /// The files `release` names (`Track::file`, `Release::cover`), joined to `folder`: the
    /// folder of the release file they are relative to.
    #[must_use]
    pub fn of(release: &Release, folder: &Path) -> ReleaseMedia {
        ReleaseMedia {
            cover: release.cover.as_deref().map(|p| folder.join(p)),
            tracks: release
                .tracks
                .iter()
                .map(|t| t.file.as_deref().map(|p| folder.join(p)))
                .collect(),
        }
    }
}

/// What the QC measured of one track's file.
#[derive(Debug, Clone)]
pub struct TrackMedia {
    /// The file.
    pub path: PathBuf,
    /// Its audio, when it could be read.
    pub audio: Option<AudioInfo>,
    /// Its tags, when they could be read.
    pub tags: Option<EmbeddedTags>,
    /// Its acoustic fingerprint, when its audio could be read (empty for audio under about
    /// 3 s), measured in the same decode.
    pub fingerprint: Option<Fingerprint>,
}

/// What the QC measured of one release's files.
#[derive(Debug, Clone, Default)]
pub struct ReleaseMediaInfo {
    /// The cover, when it could be read.
    pub cover: Option<ArtworkInfo>,
    /// Each track's file, in track order (`None` where the track has no file or it is missing).
    pub tracks: Vec<Option<TrackMedia>>,
}

/// The outcome of [`check_media`]: the findings, and the measurements for whoever needs them
/// next (hashes and technical details for a delivery).
#[derive(Debug, Clone, Default)]
pub struct MediaCheck {
    /// The findings.
    pub report: Report,
    /// The measurements, one per release.
    pub releases: Vec<ReleaseMediaInfo>,
}

/// Checks the files of `releases` (with `media[i]` giving the files of `releases[i]`):
/// every rule of [`RULES`] but `media.recording_known` (the ledger's), the catalog rules by
/// sound across all `releases`. Never stops at the first problem; `on_file` is called after each
/// audio file is measured (for a progress bar), from the decoding threads.
#[must_use]
pub fn check_media(
    releases: &[Release],
    media: &[ReleaseMedia],
    options: &QcOptions,
    on_file: &(dyn Fn(&Path) + Sync),
) -> MediaCheck {
    let jobs: Vec<(usize, usize, &Path)> = media
        .iter()
        .enumerate()
        .flat_map(|(r, m)| {
            m.tracks
                .iter()
                .enumerate()
                .filter_map(move |(t, p)| Some((r, t, p.as_deref()?)))
        })
        .filter(|(_, _, p)| p.is_file())
        .collect();
    let measured = crate::parallel::map(&jobs, options.threads, |&(_, _, path)| {
        let mut fingerprinter = Fingerprinter::new();
        let audio = crate::decode(path, |block| fingerprinter.push(block))
            .map(|audio| (audio, fingerprinter.finish().0));
        let tags = crate::read_tags(path);
        on_file(path);
        (audio, tags)
    });
    let mut by_place: HashMap<(usize, usize), _> =
        jobs.iter().map(|&(r, t, _)| (r, t)).zip(measured).collect();

    let mut check = MediaCheck::default();
    let mut seen_audio: HashMap<[u8; 32], (Location, isrc::Isrc)> = HashMap::new();
    for (index, release) in releases.iter().enumerate() {
        let files = media.get(index).cloned().unwrap_or_default();
        let here = Location::release(index, release.upc);
        let mut info = ReleaseMediaInfo {
            cover: check_cover(&mut check.report, here, files.cover.as_deref(), options),
            tracks: Vec::with_capacity(release.tracks.len()),
        };
        for (t, track) in release.tracks.iter().enumerate() {
            let at = here.track(track.disc, track.number);
            let path = files.tracks.get(t).cloned().flatten();
            let Some(path) = path else {
                push(
                    &mut check.report,
                    &rules::FILE_MISSING,
                    at,
                    "the track names no audio file".to_owned(),
                );
                info.tracks.push(None);
                continue;
            };
            let Some((audio, tags)) = by_place.remove(&(index, t)) else {
                push(
                    &mut check.report,
                    &rules::FILE_MISSING,
                    at,
                    format!("{} does not exist", path.display()),
                );
                info.tracks.push(None);
                continue;
            };
            let (audio, fingerprint) = match audio {
                Ok((audio, fingerprint)) => (Some(audio), Some(fingerprint)),
                Err(e) => {
                    push(&mut check.report, &rules::UNREADABLE, at, e.to_string());
                    (None, None)
                }
            };
            let tags = match tags {
                Ok(tags) => Some(tags),
                Err(e) => {
                    push(&mut check.report, &rules::UNREADABLE, at, e.to_string());
                    None
                }
            };
            if let Some(audio) = &audio {
                check_audio(&mut check.report, at, track, audio, options);
                if let Some(isrc) = track.isrc
                    && audio.frames > 0
                {
                    match seen_audio.get(&audio.audio_digest) {
                        Some(&(first, other)) if other != isrc => {
                            check.report.push(
                                finding(
                                    &rules::DUPLICATE_AUDIO,
                                    at,
                                    format!(
                                        "{} has the same audio, sample for sample, as {first} under ISRC {other}, but this track is {isrc}",
                                        path.display()
                                    ),
                                )
                                .related(first),
                            );
                        }
                        Some(_) => {}
                        None => {
                            seen_audio.insert(audio.audio_digest, (at, isrc));
                        }
                    }
                }
            }
            if let (Some(tags), Some(isrc)) = (&tags, track.isrc) {
                check_isrc(&mut check.report, at, isrc, tags);
            }
            info.tracks.push(Some(TrackMedia {
                path,
                audio,
                tags,
                fingerprint,
            }));
        }
        check.releases.push(info);
    }
    let heard = heard(releases, &check.releases);
    catalog::check(&mut check.report, &heard);
    check
}

/// Every track with an ISRC whose audio was read, in catalog order, for the catalog rules.
fn heard<'a>(releases: &[Release], measured: &'a [ReleaseMediaInfo]) -> Vec<catalog::Heard<'a>> {
    let mut heard = Vec::new();
    for (index, (release, info)) in releases.iter().zip(measured).enumerate() {
        for (track, media) in release.tracks.iter().zip(&info.tracks) {
            let Some(TrackMedia {
                path,
                audio: Some(audio),
                fingerprint: Some(fingerprint),
                ..
            }) = media
            else {
                continue;
            };
            let Some(isrc) = track.isrc else {
                continue;
            };
            heard.push(catalog::Heard {
                at: Location::release(index, release.upc).track(track.disc, track.number),
                isrc,
                path,
                audio_digest: audio.audio_digest,
                fingerprint: fingerprint.values(),
            });
        }
    }
    heard
}

fn check_audio(
    report: &mut Report,
    at: Location,
    track: &release_model::Track,
    audio: &AudioInfo,
    options: &QcOptions,
) {
    if let crate::Integrity::Damaged(damage) = &audio.integrity {
        push(report, &rules::INCOMPLETE, at, damage.to_string());
    } else if let Some(expected) = track.duration {
        let measured = audio.duration();
        if measured.abs_diff(expected) > options.duration_tolerance {
            push(
                report,
                &rules::DURATION_MISMATCH,
                at,
                format!(
                    "the audio plays {}, the metadata says {} ({})",
                    Seconds(measured),
                    release_model::duration::Iso8601(expected),
                    Seconds(expected)
                ),
            );
        }
    }
    if audio.is_lossless() {
        let bits = audio.bits_per_sample.unwrap_or(0);
        if bits < options.min_bits || audio.sample_rate < options.min_rate {
            push(
                report,
                &rules::BELOW_FLOOR,
                at,
                format!(
                    "{} at {bits} bit / {} Hz; the floor is {} bit / {} Hz",
                    audio.codec, audio.sample_rate, options.min_bits, options.min_rate
                ),
            );
        }
    } else {
        push(
            report,
            &rules::LOSSY,
            at,
            format!(
                "{} is lossy; deliver a lossless master (FLAC or WAV)",
                audio.codec
            ),
        );
    }
}

fn check_isrc(report: &mut Report, at: Location, isrc: isrc::Isrc, tags: &EmbeddedTags) {
    match tags.parsed_isrc() {
        None => push(
            report,
            &rules::ISRC_ABSENT,
            at,
            format!("the file carries no ISRC; the track's is {isrc}"),
        ),
        Some(Ok(found)) if found == isrc => {}
        Some(Ok(found)) => push(
            report,
            &rules::ISRC_MISMATCH,
            at,
            format!("the file carries ISRC {found}, the track's is {isrc}"),
        ),
        Some(Err(e)) => push(
            report,
            &rules::ISRC_MISMATCH,
            at,
            format!(
                "the file's ISRC tag {:?} is not a valid ISRC ({e}); the track's is {isrc}",
                tags.isrc.as_deref().unwrap_or_default()
            ),
        ),
    }
}

fn check_cover(
    report: &mut Report,
    at: Location,
    cover: Option<&Path>,
    options: &QcOptions,
) -> Option<ArtworkInfo> {
    let Some(path) = cover else {
        push(
            report,
            &rules::COVER_MISSING,
            at,
            "the release names no cover image".to_owned(),
        );
        return None;
    };
    if !path.is_file() {
        push(
            report,
            &rules::COVER_MISSING,
            at,
            format!("{} does not exist", path.display()),
        );
        return None;
    }
    let info = match crate::inspect_artwork(path) {
        Ok(info) => info,
        Err(e) => {
            push(report, &rules::COVER_UNREADABLE, at, e.to_string());
            return None;
        }
    };
    for problem in info.problems(&options.artwork) {
        let rule = match problem {
            ArtworkProblem::DoesNotDecode(_) => &rules::COVER_UNREADABLE,
            ArtworkProblem::NotSquare { .. } => &rules::COVER_NOT_SQUARE,
            ArtworkProblem::TooSmall { .. } => &rules::COVER_TOO_SMALL,
            ArtworkProblem::BelowRecommended { .. } => &rules::COVER_BELOW_RECOMMENDED,
            ArtworkProblem::NotRgb { .. } => &rules::COVER_NOT_RGB,
        };
        push(report, rule, at, format!("{}: {problem}", path.display()));
    }
    Some(info)
}

fn finding(rule: &'static Rule, location: Location, message: String) -> Finding {
    Finding::new(rule, location, message)
}

fn push(report: &mut Report, rule: &'static Rule, location: Location, message: String) {
    report.push(finding(rule, location, message));
}
