//! Fingerprints: agreement with the reference (`fpcalc -raw`, Debian `libchromaprint-tools`)
//! on every audio fixture and on longer synthesised music in each format, and the comparison's
//! behaviour on generated music — one recording is found again after the changes a master
//! goes through (gain, resampling, down-mix, FLAC and MP3 re-encoding with `lame`, a cut or
//! silence at the start), and distinct recordings never match, not even the same notes played
//! with another instrument or at another tempo.
//!
//! On CI (`CI=true`) a missing tool fails the test; elsewhere the test says on stderr that it
//! skipped.

mod common;

use std::path::{Path, PathBuf};
use std::thread;

use common::{arg, have, run};
use media::fingerprint::music::{Instrument, Performance, Score};
use media::fingerprint::{Fingerprint, compare, fingerprint_file, fingerprint_samples};

/// `fpcalc -raw` of `path`: its sub-fingerprints, or none when it finds the audio too short
/// ("Empty fingerprint").
fn fpcalc(path: &Path) -> Vec<u32> {
    let out = std::process::Command::new("fpcalc")
        .args(["-raw", arg(path)])
        .output()
        .expect("fpcalc runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    match stdout.lines().find_map(|l| l.strip_prefix("FINGERPRINT=")) {
        Some(values) => values
            .split(',')
            .map(|v| v.parse().expect("fpcalc prints numbers"))
            .collect(),
        None if stderr.contains("Empty fingerprint") => Vec::new(),
        None => panic!("fpcalc -raw {}: {stderr}", path.display()),
    }
}

/// Ours against fpcalc's for one file: identical, or the same length with ≥ 98 % of bits
/// equal. Returns the share of equal bits.
fn agrees_with_fpcalc(path: &Path) -> f64 {
    let (ours, _) = fingerprint_file(path).expect("the file decodes");
    let reference = fpcalc(path);
    assert_eq!(
        ours.values().len(),
        reference.len(),
        "{}: {} sub-fingerprints, fpcalc {}",
        path.display(),
        ours.values().len(),
        reference.len()
    );
    if reference.is_empty() {
        return 1.0;
    }
    let differing: u32 = ours
        .values()
        .iter()
        .zip(&reference)
        .map(|(a, b)| (a ^ b).count_ones())
        .sum();
    let equal = 1.0 - f64::from(differing) / (32.0 * reference.len() as f64);
    assert!(
        equal >= 0.98,
        "{}: only {:.2} % of bits equal",
        path.display(),
        equal * 100.0
    );
    equal
}

fn audio_fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["album", "broken"] {
        for entry in std::fs::read_dir(common::fixtures().join(folder)).expect("fixtures") {
            let path = entry.expect("an entry").path();
            let audio = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "wav" | "flac" | "mp3"));
            if audio && media::inspect(&path).is_ok() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn agrees_with_fpcalc_on_every_audio_fixture() {
    if !have("fpcalc", "libchromaprint-tools") {
        return;
    }
    let files = audio_fixtures();
    assert!(files.len() >= 13, "the album's tracks at least");
    for path in files {
        let equal = agrees_with_fpcalc(&path);
        eprintln!(
            "{}: {:.2} % of bits equal to fpcalc's",
            path.display(),
            equal * 100.0
        );
    }
}

/// `seconds` of the performance of score `seed` (piano, 110 bpm) at `rate` Hz.
fn music(seed: u64, seconds: f64, rate: u32, channels: u16) -> Vec<i16> {
    let score = Score::new(seed, 8);
    Performance {
        score: &score,
        instrument: Instrument::Piano,
        tempo: 110.0,
        seed,
    }
    .render(seconds, rate, channels)
}

#[test]
fn agrees_with_fpcalc_on_longer_music_in_every_format() {
    if !have("fpcalc", "libchromaprint-tools") {
        return;
    }
    let dir = tempfile::tempdir().expect("a scratch folder");
    let write = |name: &str, bytes: Vec<u8>| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        path
    };
    let mut files = vec![
        write(
            "stereo-44k.wav",
            media::synth::wav(&music(1, 8.0, 44_100, 2), 2, 44_100, 16),
        ),
        write(
            "stereo-48k.flac",
            media::synth::flac(&music(2, 8.0, 48_000, 2), 2, 48_000),
        ),
        write(
            "mono-22k.wav",
            media::synth::wav(&music(3, 8.0, 22_050, 1), 1, 22_050, 16),
        ),
        write(
            "mono-11k.flac",
            media::synth::flac(&music(4, 8.0, 11_025, 1), 1, 11_025),
        ),
        write(
            "stereo-96k-24bit.wav",
            media::synth::wav(&music(5, 8.0, 96_000, 2), 2, 96_000, 24),
        ),
    ];
    if have("lame", "lame") {
        let source = write(
            "source.wav",
            media::synth::wav(&music(6, 8.0, 44_100, 2), 2, 44_100, 16),
        );
        let mp3 = dir.path().join("stereo-128k.mp3");
        run("lame", &["--quiet", "-b", "128", arg(&source), arg(&mp3)]);
        files.push(mp3);
    }
    for path in files {
        let equal = agrees_with_fpcalc(&path);
        eprintln!(
            "{}: {:.2} % of bits equal to fpcalc's",
            path.display(),
            equal * 100.0
        );
    }
}

/// Seconds of each generated recording: short, to keep the tests quick, yet long enough for
/// a 2 s cut to leave well over [`media::fingerprint::MIN_OVERLAP`] sub-fingerprints.
const SECONDS: f64 = 12.0;
const RATE: u32 = 44_100;
/// Seconds of each recording of the false-match test: 45 sub-fingerprints, above
/// [`media::fingerprint::MIN_OVERLAP`], so that a match is possible and must be refused.
const DISTINCT_SECONDS: f64 = 8.0;

/// What a master goes through on its way to a second delivery.
#[derive(Debug, Clone, Copy)]
enum Change {
    Gain(f64),
    Resample48k,
    DownMix,
    Flac,
    Mp3,
    CutStart,
    SilenceBefore,
}

const CHANGES: [Change; 8] = [
    Change::Gain(-6.0),
    Change::Gain(3.0),
    Change::Resample48k,
    Change::DownMix,
    Change::Flac,
    Change::Mp3,
    Change::CutStart,
    Change::SilenceBefore,
];

/// The stereo master of recording `seed`.
fn master(seed: u64) -> Vec<i16> {
    let score = Score::new(seed, 8);
    Performance {
        score: &score,
        instrument: Instrument::ALL[usize::try_from(seed % 4).unwrap_or(0)],
        tempo: 96.0 + (seed % 5) as f64 * 8.0,
        seed,
    }
    .render(SECONDS, RATE, 2)
}

/// The fingerprint of `samples` (stereo, 44.1 kHz) after `change`, going through real files
/// and tools where the change is an encoding (`None` when the tool is missing off CI).
fn changed(samples: &[i16], change: Change, dir: &Path) -> Option<Fingerprint> {
    let write = |name: &str, bytes: Vec<u8>| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("written");
        path
    };
    let from_file = |path: &Path| fingerprint_file(path).expect("decodes").0;
    Some(match change {
        Change::Gain(db) => {
            let factor = 10f64.powf(db / 20.0);
            let louder: Vec<i16> = samples
                .iter()
                .map(|&s| (f64::from(s) * factor).round().clamp(-32_768.0, 32_767.0) as i16)
                .collect();
            fingerprint_samples(&louder, 2, RATE)
        }
        Change::Resample48k => {
            if !have("sox", "sox") {
                return None;
            }
            let source = write("source.wav", media::synth::wav(samples, 2, RATE, 16));
            let resampled = dir.join("48k.wav");
            run("sox", &[arg(&source), "-r", "48000", arg(&resampled)]);
            from_file(&resampled)
        }
        Change::DownMix => {
            let mono: Vec<i16> = samples
                .chunks_exact(2)
                .map(|lr| ((i32::from(lr[0]) + i32::from(lr[1])) / 2) as i16)
                .collect();
            fingerprint_samples(&mono, 1, RATE)
        }
        Change::Flac => from_file(&write("master.flac", media::synth::flac(samples, 2, RATE))),
        Change::Mp3 => {
            if !have("lame", "lame") {
                return None;
            }
            let source = write("source.wav", media::synth::wav(samples, 2, RATE, 16));
            let mp3 = dir.join("128k.mp3");
            run("lame", &["--quiet", "-b", "128", arg(&source), arg(&mp3)]);
            from_file(&mp3)
        }
        Change::CutStart => fingerprint_samples(&samples[2 * 2 * RATE as usize..], 2, RATE),
        Change::SilenceBefore => {
            let mut padded = vec![0_i16; 2 * 2 * RATE as usize];
            padded.extend_from_slice(samples);
            fingerprint_samples(&padded, 2, RATE)
        }
    })
}

#[test]
fn one_recording_is_found_after_every_change_and_no_other_is() {
    let seeds: Vec<u64> = (1..=6).collect();
    let masters: Vec<Vec<i16>> = seeds.iter().map(|&seed| master(seed)).collect();
    let originals: Vec<Fingerprint> = masters
        .iter()
        .map(|samples| fingerprint_samples(samples, 2, RATE))
        .collect();
    let dir = tempfile::tempdir().expect("a scratch folder");
    for (index, samples) in masters.iter().enumerate() {
        for change in CHANGES {
            let Some(query) = changed(samples, change, dir.path()) else {
                continue;
            };
            let own = compare(originals[index].values(), query.values());
            eprintln!(
                "recording {index}, {change:?}: bit error rate {:.3}, score {:.3}, offset {}",
                own.bit_error_rate, own.score, own.offset
            );
            assert!(
                own.is_match(),
                "recording {index} not found after {change:?}: {own:?}"
            );
            for (other, original) in originals.iter().enumerate() {
                if other != index {
                    let c = compare(original.values(), query.values());
                    assert!(
                        !c.is_match(),
                        "recording {index} after {change:?} matches {other}: {c:?}"
                    );
                }
            }
        }
    }
}

/// Recordings for the false-match test: for each score, three recordings — one instrument and
/// tempo, the same notes with another instrument, and with the first instrument at another
/// tempo. Rendered at 11 025 Hz mono (what the fingerprint sees anyway), on both cores.
fn distinct_recordings(scores: u64) -> Vec<(String, Fingerprint)> {
    let work = |range: std::ops::Range<u64>| {
        let mut out = Vec::new();
        for seed in range {
            let score = Score::new(seed, 8);
            let first = Instrument::ALL[usize::try_from(seed % 4).unwrap_or(0)];
            let second = Instrument::ALL[usize::try_from((seed + 1) % 4).unwrap_or(0)];
            let tempo = 90.0 + (seed % 7) as f64 * 6.0;
            for (name, instrument, tempo) in [
                ("as written", first, tempo),
                ("another instrument", second, tempo),
                ("another tempo", first, tempo * 1.2),
            ] {
                let samples = Performance {
                    score: &score,
                    instrument,
                    tempo,
                    seed,
                }
                .render(DISTINCT_SECONDS, 11_025, 1);
                out.push((
                    format!("score {seed}, {name}"),
                    fingerprint_samples(&samples, 1, 11_025),
                ));
            }
        }
        out
    };
    let half = 100 + scores / 2;
    let other = thread::spawn(move || work(half..100 + scores));
    let mut all = work(100..half);
    all.extend(other.join().expect("the other half renders"));
    all
}

#[test]
fn distinct_recordings_never_match_over_ten_thousand_pairs() {
    let recordings = distinct_recordings(48);
    let mut pairs = 0_u32;
    // The lowest bit error rate of pairs of one score (another instrument or tempo) and of
    // different scores, to show the margin to the threshold.
    let (mut same_notes, mut other_notes) = (1.0_f64, 1.0_f64);
    let mut matched = Vec::new();
    for (i, (name_a, a)) in recordings.iter().enumerate() {
        for (name_b, b) in &recordings[i + 1..] {
            let c = compare(a.values(), b.values());
            if c.is_match() {
                matched.push(format!("{name_a} matches {name_b}: {c:?}"));
            }
            let score_of = |name: &str| name.split(',').next().unwrap_or("").to_owned();
            if score_of(name_a) == score_of(name_b) {
                same_notes = same_notes.min(c.bit_error_rate);
            } else {
                other_notes = other_notes.min(c.bit_error_rate);
            }
            pairs += 1;
        }
    }
    eprintln!(
        "{pairs} pairs; lowest bit error rate: {same_notes:.3} for the same notes played \
         otherwise, {other_notes:.3} for other notes"
    );
    assert!(
        matched.is_empty(),
        "{} false matches:\n{}",
        matched.len(),
        matched.join("\n")
    );
    assert!(pairs >= 10_000, "{pairs} pairs");
}
