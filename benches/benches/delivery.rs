//! `delivery`: packaging and ingesting one delivery batch of the 1,000-release fixture catalog
//! (`fixtures/releases/synthetic-1000.json`, about 12,000 tracks) with small audio files, beside
//! `sha256sum` over the same files, in one run. Throughput in bytes of audio.
//!
//! - `delivery/musicid/package`: `ddex::delivery::package` of every release into a new batch
//!   (validation, the media QC decoding and hashing every file on two threads, the files
//!   hard-linked, one ERN 4.3 message per release, every file synced, the manifest last).
//! - `delivery/musicid/ingest`: `ddex::delivery::ingest` of that batch (manifest, guarded scan
//!   and read of every message, every file found inside the batch, decoded, hashed and compared
//!   with its `HashSum`, technical details and duration; two threads).
//! - `delivery/sha256sum/2-processes`: `sha256sum` over the same audio files, two processes
//!   each taking half of them: reading and hashing alone, the floor of both. Skipped, with a
//!   note, when `sha256sum` is absent.
//!
//! The files, written once into `target/bench-delivery/`: per track half a second of distinct
//! noise-like stereo, 16 bit, 44.1 kHz WAV (88 kB; each track's duration set to it), and one
//! 64 × 64 cover shared by every release. `MUSICID_BENCH_RELEASES=N` takes the first N
//! releases only (a quick check on a busy machine); the figure the README quotes is of all
//! of them.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput};
use ddex::delivery::{self, PackageOptions, Source};
use ddex::{ExportOptions, MessageHeader, MessageParty};
use media::{ArtworkPolicy, QcOptions, synth};
use release_model::{Catalog, Release};

const RATE: u32 = 44_100;
/// Frames of audio per track: half a second.
const FRAMES: usize = 22_050;

fn releases() -> Vec<Release> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/releases/synthetic-1000.json");
    let text =
        fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let catalog = Catalog::from_json(&text).expect("the fixture catalog parses");
    let count = std::env::var("MUSICID_BENCH_RELEASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    catalog.releases.into_iter().take(count).collect()
}

/// Half a second of stereo that no other track shares (a fixed linear congruential generator
/// seeded by the track's place), at a moderate level.
fn noise(seed: u64) -> Vec<i16> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..FRAMES * 2)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 48) as i16) / 4
        })
        .collect()
}

/// Writes each track's file and the cover under `dir/source` (once: an existing file is
/// kept), points the releases at them and sets each track's duration to its file's.
fn sources(dir: &Path, releases: Vec<Release>) -> (Vec<Source>, Vec<PathBuf>) {
    let base = dir.join("source");
    fs::create_dir_all(base.join("audio")).expect("target/bench-delivery/source");
    let cover = base.join("cover.png");
    if !cover.is_file() {
        fs::write(&cover, synth::cover(64, 64, false)).expect("the cover");
    }
    let mut files = Vec::new();
    let mut sources = Vec::with_capacity(releases.len());
    for (r, mut release) in releases.into_iter().enumerate() {
        release.cover = Some("cover.png".into());
        for (t, track) in release.tracks.iter_mut().enumerate() {
            let name = format!("audio/{r:04}-{t:03}.wav");
            let path = base.join(&name);
            if !path.is_file() {
                let samples = noise(((r as u64) << 16) | t as u64);
                fs::write(&path, synth::wav(&samples, 2, RATE, 16)).expect("a track file");
            }
            track.file = Some(name);
            track.duration = Some(Duration::from_millis(500));
            files.push(path);
        }
        sources.push(Source {
            release,
            base: base.clone(),
        });
    }
    (sources, files)
}

fn header() -> MessageHeader {
    MessageHeader::new(
        "BENCH",
        MessageParty::new("PADPIDA2013042401U".parse().expect("dpid"), "Leerecs"),
        MessageParty::new("PADPIDA2009101501Y".parse().expect("dpid"), "A DSP"),
        "2026-03-01T12:00:00.000Z".parse().expect("date-time"),
    )
}

fn options() -> PackageOptions {
    let qc = QcOptions::default()
        .with_artwork(ArtworkPolicy {
            min_side: 64,
            recommended_side: 64,
        })
        .with_threads(2);
    PackageOptions::new("20260301120000000")
        .export(ExportOptions::new().default_genre("Electronic"))
        .qc(qc)
}

fn sha256sum(halves: &[&[PathBuf]]) {
    for run in musicid_benches::run_in_parts("sha256sum", &[], halves) {
        assert!(run.status.success(), "sha256sum failed: {}", run.status);
    }
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-delivery");
    let (sources, files) = sources(&dir, releases());
    let bytes: u64 = files
        .iter()
        .map(|f| fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    eprintln!(
        "delivery: {} releases, {} audio files, {:.1} MB",
        sources.len(),
        files.len(),
        bytes as f64 / 1e6
    );
    let batches = dir.join("batches");
    let _ = fs::remove_dir_all(&batches);
    fs::create_dir_all(&batches).expect("target/bench-delivery/batches");
    // The batch ingest reads, packaged once (and checked: every message clean).
    let packaged = delivery::package(&sources, &header(), &options(), &batches.join("kept"))
        .unwrap_or_else(|error| panic!("the bench batch packages: {error:?}"));
    let ingested = delivery::ingest(&packaged.batch, &options().qc).expect("the batch ingests");
    assert!(!ingested.has_errors(), "the bench batch ingests clean");
    let have_sha256sum = Command::new("sha256sum")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok();

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("delivery");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("musicid/package", |b| {
        b.iter_batched(
            || tempfile::tempdir_in(&batches).expect("a batch folder"),
            |out| {
                let packaged = delivery::package(&sources, &header(), &options(), out.path())
                    .expect("packaged");
                black_box(packaged);
                // Removed after the timing.
                out
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("musicid/ingest", |b| {
        b.iter(|| black_box(delivery::ingest(&packaged.batch, &options().qc).expect("ingested")));
    });
    if have_sha256sum {
        let (a, b_half) = files.split_at(files.len() / 2);
        group.bench_function("sha256sum/2-processes", |b| {
            b.iter(|| sha256sum(&[a, b_half]));
        });
    } else {
        eprintln!(
            "delivery: sha256sum is not installed (Debian package coreutils); the peer did not run"
        );
    }
    group.finish();
    criterion.final_summary();
}
