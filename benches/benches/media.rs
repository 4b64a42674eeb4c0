//! `media`: decoding, hashing and measuring a folder of FLAC files, beside the reference
//! decoder's test mode, both on two cores in the same run.
//!
//! - `media_inspect/musicid/inspect`: `media::inspect` of every file on two threads, largest
//!   files first (`media::parallel::map_files`) — full decode, STREAMINFO MD5 verified, MD5
//!   and SHA-256 of the file and SHA-256 of the decoded samples. Throughput in bytes of FLAC
//!   read.
//! - `media_inspect/flac/test`: `flac -t -s` (decode and MD5 check only) over the same files,
//!   two processes each taking half of them. Skipped, with a note, when `flac` is absent.
//! - `media_sha256/sha2/sha256`: SHA-256 alone over 64 MiB (sha2 uses the CPU's SHA
//!   extensions when it has them); `media_sha256/musicid/digests`: MD5 and SHA-256 together,
//!   as `media::Digests::of` computes them.
//!
//! The files: 8 × 30 s of synthesised stereo music, 16 bit, 44.1 kHz, written once into
//! `target/bench-media/`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, Throughput};
use media::synth;
use sha2::{Digest, Sha256};

const FILES: u64 = 8;
const SECONDS: u32 = 30;

fn folder() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-media");
    std::fs::create_dir_all(&dir).expect("target/bench-media");
    (0..FILES)
        .map(|i| {
            let path = dir.join(format!("{i:02}.flac"));
            if !path.is_file() {
                let left = synth::music(100 + i, SECONDS, 44_100);
                let right = synth::music(200 + i, SECONDS, 44_100);
                let stereo: Vec<i16> = left
                    .iter()
                    .zip(&right)
                    .flat_map(|(l, r)| [*l, *r])
                    .collect();
                std::fs::write(&path, synth::flac(&stereo, 2, 44_100)).expect("a bench file");
            }
            path
        })
        .collect()
}

fn main() {
    let files = folder();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    eprintln!(
        "media: {FILES} FLAC files, {SECONDS} s stereo each, {:.1} MB",
        bytes as f64 / 1e6
    );
    // The ≥ 1 GB/s asked of SHA-256 (`media_sha256/sha2/sha256`) holds where the CPU has the
    // SHA extensions, which sha2 detects at run time.
    #[cfg(target_arch = "x86_64")]
    eprintln!(
        "media: x86 SHA extensions {}",
        if std::arch::is_x86_feature_detected!("sha") {
            "present: sha2 uses them"
        } else {
            "absent: sha2 hashes in software"
        }
    );
    let have_flac = Command::new("flac").arg("--version").output().is_ok();

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("media_inspect");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("musicid/inspect", |b| {
        b.iter(|| {
            let infos = media::parallel::map_files(&files, 2, PathBuf::as_path, |f| {
                media::inspect(f).expect("inspect")
            });
            assert!(infos.iter().all(|i| i.integrity.is_complete()));
            black_box(infos)
        });
    });
    if have_flac {
        let (a, b_half) = files.split_at(files.len() / 2);
        group.bench_function("flac/test", |b| {
            b.iter(|| {
                for run in musicid_benches::run_in_parts("flac", &["-t", "-s"], &[a, b_half]) {
                    assert!(run.status.success(), "flac -t failed: {}", run.status);
                }
            });
        });
    } else {
        eprintln!("media: flac is not installed (Debian package flac); the peer did not run");
    }
    group.finish();

    let data: Vec<u8> = (0..64u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let mut group = criterion.benchmark_group("media_sha256");
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.sample_size(10);
    group.bench_function("sha2/sha256", |b| {
        b.iter(|| black_box(Sha256::digest(&data)))
    });
    group.bench_function("musicid/digests", |b| {
        b.iter(|| black_box(media::Digests::of(&data)))
    });
    group.finish();
    criterion.final_summary();
}
