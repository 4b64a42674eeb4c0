//! The catalog rules by sound: one recording under two ISRCs, and one ISRC over two
//! recordings, found by comparing acoustic fingerprints across every release checked at once.
//! Sample-identical audio under two ISRCs is `media.duplicate_audio`'s, not reported again.

use std::collections::HashMap;
use std::path::Path;

use isrc::Isrc;
use release_model::{Finding, Location, Report};

use super::rules;
use crate::fingerprint::{MIN_OVERLAP, compare};

/// How many earlier tracks (those sharing the most sub-fingerprint values) a track is compared
/// with for `media.same_recording`: the index narrows the pairs, as the ledger's does.
const CANDIDATES: usize = 10;

/// A track with an ISRC whose audio could be read.
pub(super) struct Heard<'a> {
    pub at: Location,
    pub isrc: Isrc,
    pub path: &'a Path,
    pub audio_digest: [u8; 32],
    pub fingerprint: &'a [u32],
}

impl Heard<'_> {
    /// Whether the fingerprint is long enough for a comparison to say anything.
    fn comparable(&self) -> bool {
        self.fingerprint.len() >= MIN_OVERLAP
    }
}

/// Reports `media.same_recording` and `media.isrc_sounds_different` among `heard`, each on
/// the later track, related to the earlier one.
pub(super) fn check(report: &mut Report, heard: &[Heard<'_>]) {
    let mut by_value: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut first_with_isrc: HashMap<Isrc, usize> = HashMap::new();
    for (index, track) in heard.iter().enumerate() {
        if !track.comparable() {
            continue;
        }
        match first_with_isrc.get(&track.isrc) {
            Some(&first) => different_recordings(report, &heard[first], track),
            None => {
                first_with_isrc.insert(track.isrc, index);
            }
        }
        let mut values = track.fingerprint.to_vec();
        values.sort_unstable();
        values.dedup();
        let mut shared: HashMap<usize, u32> = HashMap::new();
        for value in &values {
            for &earlier in by_value.get(value).into_iter().flatten() {
                *shared.entry(earlier).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, u32)> = shared.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for &(earlier, _) in candidates.iter().take(CANDIDATES) {
            if one_recording_two_isrcs(report, &heard[earlier], track) {
                break;
            }
        }
        for value in values {
            by_value.entry(value).or_default().push(index);
        }
    }
}

/// `media.isrc_sounds_different` when `track` carries `first`'s ISRC over other audio.
fn different_recordings(report: &mut Report, first: &Heard<'_>, track: &Heard<'_>) {
    if first.audio_digest == track.audio_digest {
        return;
    }
    let comparison = compare(first.fingerprint, track.fingerprint);
    if comparison.is_match() {
        return;
    }
    report.push(
        Finding::new(
            &rules::ISRC_SOUNDS_DIFFERENT,
            track.at,
            format!(
                "{} is under ISRC {}, as {} ({}), but is another recording: {:.0} % of the \
                 fingerprint bits differ at best ({comparison}; one recording differs in at \
                 most 10 %)",
                track.path.display(),
                track.isrc,
                first.at,
                first.path.display(),
                comparison.bit_error_rate * 100.0,
            ),
        )
        .related(first.at),
    );
}

/// `media.same_recording` when `track` is `earlier`'s recording under another ISRC (and not
/// its very samples, which `media.duplicate_audio` reports); whether it was reported.
fn one_recording_two_isrcs(report: &mut Report, earlier: &Heard<'_>, track: &Heard<'_>) -> bool {
    if earlier.isrc == track.isrc || earlier.audio_digest == track.audio_digest {
        return false;
    }
    let comparison = compare(earlier.fingerprint, track.fingerprint);
    if !comparison.is_match() {
        return false;
    }
    report.push(
        Finding::new(
            &rules::SAME_RECORDING,
            track.at,
            format!(
                "{} is the recording of {} ({}) under ISRC {} ({comparison}), but this track is \
                 {}: one recording, one ISRC",
                track.path.display(),
                earlier.at,
                earlier.path.display(),
                earlier.isrc,
                track.isrc
            ),
        )
        .related(earlier.at),
    );
    true
}
