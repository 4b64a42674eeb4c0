//! `fingerprint`: acoustic fingerprints beside the reference `fpcalc`, and identifying a
//! recording among a million stored fingerprints through the ledger's index.
//!
//! - `fingerprint_folder/musicid/fingerprint`: `media::fingerprint::fingerprint_file` of every
//!   file on two threads (FLAC decode, down-mix, resampling to 11 025 Hz, Chromaprint).
//!   Throughput in bytes of FLAC read.
//! - `fingerprint_folder/fpcalc/raw`: `fpcalc -raw -ignore-errors` over the same files, two
//!   processes each taking half of them, every file's fingerprint checked to be printed.
//!   fpcalc 1.5.1 with FFmpeg 5 reports the end of these FLAC files as a decoding error
//!   (`flac -t` finds them sound) and, without `-ignore-errors` (accepted, not in its help),
//!   stops after the first file. Skipped, with a note, when `fpcalc` is absent.
//! - `fingerprint_identify/sqlite/1m`: one identification among 1,000,000 stored
//!   fingerprints: the candidates the index finds (`Ledger::fingerprint_candidates`, the 10
//!   sharing the most values) and the comparison of each, as `musicid media identify` does.
//!   Before criterion's figure, the 50th and 99th percentiles over 1,000 identifications are
//!   printed (`fingerprint_identify sqlite: p50 … p99 …`). Built or opened only when this
//!   benchmark runs: `-- fingerprint_folder` alone never touches the million.
//! - `fingerprint_identify/postgres/1m`: the same on PostgreSQL, when
//!   `MUSICID_TEST_POSTGRES_URL` is set (`source .ci/postgres.sh`), in the schema
//!   `bench_fingerprint_million`, kept between runs.
//!
//! The files: 8 × 30 s of synthesised stereo music, 16 bit, 44.1 kHz FLAC, written once into
//! `target/bench-fingerprint/`: shorter than `fpcalc`'s 120 s `-length`, so both sides decode
//! every file whole. The million: 100 recordings of generated music, 30 s each,
//! fingerprinted for real, and 999,900 filler fingerprints of 40 values (about 5 s of audio).
//! Uniform random fillers would leave every index value with about one entry, which flatters
//! the index; real Chromaprint values are skewed (neighbouring values share most bits, and
//! some values recur in many recordings). So each filler is a 40-value window of the real
//! fingerprint of one of 200 other generated recordings (the pool), each bit flipped with a
//! probability drawn per filler between 0 and 1/4 (as another encoding or another take would
//! change it): values then recur across fillers with the skew of real fingerprints, from
//! exact copies to nearly random. Built once (the codes, then every fingerprint in one
//! transaction with `Ledger::store_fingerprints`) into
//! `target/bench-fingerprint/million-<parameters>.sqlite`, which later runs reuse. Queries
//! alternate: one of the 100 rendered 6 dB quieter with its first 2 s cut (found), and a
//! recording never stored (not found).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, Throughput};
use isrc::Isrc;
use ledger::{CANDIDATES_JUDGED, ImportedCode, Ledger, Location};
use media::fingerprint::music::{Instrument, Performance, Score};
use media::fingerprint::{SAMPLE_RATE, fingerprint_file, fingerprint_samples};

const FILES: u64 = 8;
const SECONDS: f64 = 30.0;
const STORED: usize = 1_000_000;
const RECORDINGS: usize = 100;
const FILLER_VALUES: usize = 40;
const POOL: usize = 200;
const TIMED: usize = 1_000;

fn bench_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-fingerprint");
    std::fs::create_dir_all(&dir).expect("target/bench-fingerprint");
    dir
}

/// Recording `seed`: its score played at a tempo and with an instrument of its own.
fn render(seed: u64, rate: u32, channels: u16) -> Vec<i16> {
    let score = Score::new(seed, 8);
    Performance {
        score: &score,
        instrument: Instrument::ALL[(seed % 4) as usize],
        tempo: 90.0 + (seed % 40) as f64,
        seed,
    }
    .render(SECONDS, rate, channels)
}

fn folder() -> Vec<PathBuf> {
    let dir = bench_dir();
    (0..FILES)
        .map(|i| {
            let path = dir.join(format!("{i:02}.flac"));
            if !path.is_file() {
                let samples = render(500 + i, 44_100, 2);
                std::fs::write(&path, media::synth::flac(&samples, 2, 44_100))
                    .expect("a bench file");
            }
            path
        })
        .collect()
}

fn fingerprint_folder(criterion: &mut Criterion) {
    let files = folder();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    eprintln!(
        "fingerprint: {FILES} FLAC files, {SECONDS} s stereo each, {:.1} MB",
        bytes as f64 / 1e6
    );
    let mut group = criterion.benchmark_group("fingerprint_folder");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("musicid/fingerprint", |b| {
        b.iter(|| {
            let prints = media::parallel::map(&files, 2, |f| fingerprint_file(f).expect("decodes"));
            assert!(prints.iter().all(|(print, _)| print.values().len() > 200));
            black_box(prints)
        });
    });
    if Command::new("fpcalc").arg("-version").output().is_ok() {
        let (a, b_half) = files.split_at(files.len() / 2);
        group.bench_function("fpcalc/raw", |b| {
            b.iter(|| {
                let runs = musicid_benches::run_in_parts(
                    "fpcalc",
                    &["-raw", "-ignore-errors"],
                    &[a, b_half],
                );
                let printed: usize = runs
                    .iter()
                    .map(|run| {
                        String::from_utf8_lossy(&run.stdout)
                            .lines()
                            .filter(|line| line.starts_with("FINGERPRINT="))
                            .count()
                    })
                    .sum();
                assert_eq!(printed, files.len(), "fpcalc fingerprints every file");
            });
        });
    } else {
        eprintln!(
            "fingerprint: fpcalc is not installed (Debian package libchromaprint-tools); the peer did not run"
        );
    }
    group.finish();
}

/// The `index`-th stored code: ten registrants of 100,000 codes each.
fn code(index: usize) -> Isrc {
    format!("QZF{:02}26{:05}", index / 100_000, index % 100_000)
        .parse()
        .expect("a valid ISRC")
}

/// SplitMix64: the filler's deterministic randomness.
fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The real fingerprints fillers are made from: recordings never stored nor queried.
fn pool() -> Vec<Vec<u32>> {
    (0..POOL as u64)
        .map(|s| heard(20_000 + s, 1.0, 0.0))
        .collect()
}

/// Filler `index`: a window of [`FILLER_VALUES`] values of a pool fingerprint, each bit
/// flipped with a probability of its own between 0 and 1/4 (in 1/256 steps).
fn filler(index: usize, pool: &[Vec<u32>]) -> Vec<u32> {
    let mut state = (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0xF1_11E5;
    let source = &pool[(split_mix(&mut state) % pool.len() as u64) as usize];
    let start = (split_mix(&mut state) % (source.len() - FILLER_VALUES) as u64) as usize;
    let flip_per_256 = split_mix(&mut state) % 65;
    source[start..start + FILLER_VALUES]
        .iter()
        .map(|&value| {
            let mask = (0..32).fold(0u32, |mask, bit| {
                if split_mix(&mut state) % 256 < flip_per_256 {
                    mask | 1 << bit
                } else {
                    mask
                }
            });
            value ^ mask
        })
        .collect()
}

/// The fingerprint of recording `seed` at 11 025 Hz mono, `gain` applied and the first
/// `cut` seconds left out.
fn heard(seed: u64, gain: f64, cut: f64) -> Vec<u32> {
    let samples: Vec<i16> = render(seed, SAMPLE_RATE, 1)
        .iter()
        .skip((cut * f64::from(SAMPLE_RATE)) as usize)
        .map(|&s| (f64::from(s) * gain).round() as i16)
        .collect();
    fingerprint_samples(&samples, 1, SAMPLE_RATE)
        .values()
        .to_vec()
}

/// Stores the million in `ledger`: the codes, then every fingerprint in one transaction.
fn fill(ledger: &mut Ledger, real: &[Vec<u32>]) {
    let started = Instant::now();
    let issued_at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_772_323_200);
    let imports: Vec<ImportedCode> = (0..STORED)
        .map(|i| ImportedCode::new(code(i), issued_at, Some("bench")).expect("an import"))
        .collect();
    ledger.import(&imports).expect("the codes import");
    let pool = pool();
    let fillers: Vec<Vec<u32>> = (RECORDINGS..STORED).map(|i| filler(i, &pool)).collect();
    let items: Vec<(Isrc, &[u32])> = real
        .iter()
        .chain(&fillers)
        .enumerate()
        .map(|(i, values)| (code(i), values.as_slice()))
        .collect();
    ledger
        .store_fingerprints(&items, issued_at, false)
        .expect("the fingerprints store");
    eprintln!(
        "fingerprint_identify: stored {STORED} fingerprints in {:.0} s",
        started.elapsed().as_secs_f64()
    );
}

/// Whether `ledger` already holds the million (a kept database or PostgreSQL schema).
fn filled(ledger: &mut Ledger) -> bool {
    ledger
        .fingerprint(code(STORED - 1))
        .expect("the ledger reads")
        .is_some()
}

/// The SQLite ledger holding the million, built on first use into a file named by the
/// parameters it was built with (a half-built file never takes that name).
fn sqlite_million(real: &[Vec<u32>]) -> Ledger {
    let path = bench_dir().join(format!(
        "million-{STORED}-{RECORDINGS}-{FILLER_VALUES}-pool{POOL}-flip.sqlite"
    ));
    if !path.is_file() {
        let building = path.with_extension("building");
        let _ = std::fs::remove_file(&building);
        let mut ledger = Ledger::open(building.as_path()).expect("the bench ledger");
        fill(&mut ledger, real);
        drop(ledger);
        std::fs::rename(&building, &path).expect("the bench ledger is kept");
    }
    Ledger::open(path.as_path()).expect("the bench ledger")
}

/// Identifies `query` as `musicid media identify` does.
fn identify(ledger: &mut Ledger, query: &[u32]) -> Option<Isrc> {
    ledger
        .fingerprint_candidates(query, CANDIDATES_JUDGED)
        .expect("the index answers")
        .into_iter()
        .find(|candidate| media::fingerprint::compare(&candidate.fingerprint, query).is_match())
        .map(|candidate| candidate.isrc)
}

/// A query's fingerprint and the code it should find.
type Query = (Vec<u32>, Option<Isrc>);

/// Found and unknown queries, alternating, with the code each should find.
fn queries() -> Vec<Query> {
    (0..RECORDINGS)
        .flat_map(|i| {
            let seed = i as u64;
            [
                (heard(seed, 0.5, 2.0), Some(code(i))),
                (heard(10_000 + seed, 1.0, 0.0), None),
            ]
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Checks every query, prints the percentiles, and returns the ledger and queries to time.
fn prepare(name: &str, mut ledger: Ledger) -> (Ledger, Vec<Query>) {
    let queries = queries();
    for (query, expected) in &queries {
        assert_eq!(identify(&mut ledger, query), *expected, "{name}");
    }
    let mut times: Vec<Duration> = (0..TIMED)
        .map(|i| {
            let started = Instant::now();
            black_box(identify(&mut ledger, &queries[i % queries.len()].0));
            started.elapsed()
        })
        .collect();
    times.sort_unstable();
    eprintln!(
        "fingerprint_identify {name}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {TIMED} identifications among {STORED}",
        percentile(&times, 50.0).as_secs_f64() * 1e3,
        percentile(&times, 99.0).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
    );
    (ledger, queries)
}

/// `fingerprint_identify/{name}/1m`. The million is built or opened (`open`) only when
/// criterion runs this benchmark, not when a filter leaves it out: criterion calls the
/// routine only for the benchmarks selected, and once per sample, so it is prepared once.
fn identify_in(criterion: &mut Criterion, name: &str, open: impl FnOnce() -> Ledger) {
    let mut group = criterion.benchmark_group("fingerprint_identify");
    group.sample_size(20);
    let mut open = Some(open);
    let mut prepared = None;
    let mut next = 0;
    group.bench_function(format!("{name}/1m"), |b| {
        let (ledger, queries) = prepared.get_or_insert_with(|| {
            let open = open.take().expect("opened once");
            prepare(name, open())
        });
        b.iter(|| {
            next = (next + 1) % queries.len();
            black_box(identify(ledger, &queries[next].0))
        });
    });
    group.finish();
}

/// The fingerprints of the 100 stored recordings, computed once.
fn real() -> &'static [Vec<u32>] {
    static REAL: std::sync::OnceLock<Vec<Vec<u32>>> = std::sync::OnceLock::new();
    REAL.get_or_init(|| (0..RECORDINGS as u64).map(|s| heard(s, 1.0, 0.0)).collect())
}

fn fingerprint_identify(criterion: &mut Criterion) {
    identify_in(criterion, "sqlite", || sqlite_million(real()));

    let Some(url) = std::env::var("MUSICID_TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.is_empty())
    else {
        eprintln!("fingerprint_identify postgres: skipped: MUSICID_TEST_POSTGRES_URL not set");
        return;
    };
    if let Some(ledger) = postgres_ledger(&url) {
        identify_in(criterion, "postgres", || postgres_million(ledger));
    }
}

/// The PostgreSQL ledger in the schema `bench_fingerprint_million`; none (with a note) when
/// the server cannot be reached.
fn postgres_ledger(url: &str) -> Option<Ledger> {
    let schema = "bench_fingerprint_million";
    let created = match ledger::testing::postgres_client(url) {
        Ok(mut client) => client
            .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
            .map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    };
    if let Err(error) = created {
        eprintln!("fingerprint_identify postgres: skipped: {error}");
        return None;
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    let location = Location::parse(&format!("{url}{separator}options=-csearch_path%3D{schema}"));
    match Ledger::open(location) {
        Ok(ledger) => Some(ledger),
        Err(error) => {
            eprintln!("fingerprint_identify postgres: skipped: {error}");
            None
        }
    }
}

/// `ledger` holding the million, filled on first use (kept between runs).
fn postgres_million(mut ledger: Ledger) -> Ledger {
    if !filled(&mut ledger) {
        fill(&mut ledger, real());
    }
    ledger
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    fingerprint_folder(&mut criterion);
    fingerprint_identify(&mut criterion);
    criterion.final_summary();
}
