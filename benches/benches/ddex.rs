//! `ddex`: DDEX ERN export and import over the 1,000-release fixture catalog
//! (`fixtures/releases/synthetic-1000.json`, about 11,000 tracks; one message per release), in
//! each version written.
//!
//! - `ddex/export-4.3`, `ddex/export-3.8.2`: `ddex::export` of every release (validation and
//!   the release profile's rules included) into a reused buffer. Throughput in bytes of XML
//!   written.
//! - `ddex/import-4.3`, `ddex/import-3.8.2`: `ddex::import` of every message back into the
//!   model (version from the namespace, references resolved, every code, date and duration
//!   parsed). Throughput in bytes read.
//! - `ddex/read_files-10000-2-threads`: a folder of 10,000 files (the 3.8.2 and 4.3 messages,
//!   five times over), read with `ddex::read_files` on two threads into one batch (file
//!   reading included). After it, the process's processor time (user and system) over the
//!   wall time of the timed passes: how many cores were busy on average, with the load
//!   average, since on a loaded machine the figure measures the machine, not the import.
//!
//! Release Profile 1.4 asks for ℗ and © lines and more than one track on an album, which the
//! synthetic releases do not all have: for 3.8.2 the lines are filled in and a one-track album
//! becomes a single before the timing starts.
//!
//! No peer crate writes ERN that passes the official schemas (see the reference notes on the
//! DDEX Suite crates), so there is no peer beside ours here.

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use ddex::{ErnVersion, ExportOptions, MessageHeader, MessageParty};
use release_model::{Catalog, Release, ReleaseType};

/// Messages in the folder `read_files` reads.
const FOLDER_MESSAGES: usize = 10_000;

/// The processor time (user and system) of the whole process so far, every thread, ended
/// ones included: the kernel's `getrusage(RUSAGE_SELF)` counters, read from `/proc/self/stat`
/// (calling `getrusage` itself would need `unsafe` or a crate that changes `libc`'s features
/// for the whole workspace); `None` where that is unavailable.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let (_, rest) = stat.rsplit_once(')')?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields
        .get(11..13)?
        .iter()
        .map(|field| field.parse::<u64>().ok())
        .sum::<Option<u64>>()?;
    // The kernel's USER_HZ, 100 on every Linux configuration in use.
    Some(Duration::from_millis(ticks * 10))
}

/// The 1-minute load average (`/proc/loadavg`), to read a cores-busy figure by.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".to_owned(),
        |text| {
            text.split_whitespace()
                .next()
                .unwrap_or("unknown")
                .to_owned()
        },
    )
}

fn catalog() -> Catalog {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/releases/synthetic-1000.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    Catalog::from_json(&text).expect("the fixture catalog parses")
}

fn header() -> MessageHeader {
    MessageHeader::new(
        "BENCH-1",
        MessageParty::new("PADPIDA2013042401U".parse().expect("a dpid"), "Leerecs"),
        MessageParty::new("PADPIDA2009101501Y".parse().expect("a dpid"), "Example DSP"),
        "2026-03-01T12:00:00Z".parse().expect("a date-time"),
    )
}

/// What Release Profile 1.4 asks beyond the model, filled in (see the module's comment).
fn for_rp14(release: &Release) -> Release {
    let mut release = release.clone();
    let owner = release
        .label
        .clone()
        .unwrap_or_else(|| release.artist.clone());
    release
        .p_line
        .get_or_insert_with(|| format!("(P) 2026 {owner}"));
    release
        .c_line
        .get_or_insert_with(|| format!("(C) 2026 {owner}"));
    if release.tracks.len() == 1 {
        release.release_type = Some(ReleaseType::Single);
    }
    release
}

fn main() {
    let catalog = catalog();
    let header = header();
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("ddex");
    let mut all_messages = Vec::new();
    for version in [ErnVersion::V4_3, ErnVersion::V3_8_2] {
        let releases: Vec<Release> = match version.family() {
            ddex::Family::Ern3 => catalog.releases.iter().map(for_rp14).collect(),
            ddex::Family::Ern4 => catalog.releases.clone(),
        };
        let options = ExportOptions::new()
            .ern(version)
            .default_genre("Electronic");
        let messages: Vec<Vec<u8>> = releases
            .iter()
            .map(|release| {
                let mut out = Vec::new();
                ddex::export(release, &header, &options, &mut out)
                    .expect("fixture releases export");
                out
            })
            .collect();
        let bytes: u64 = messages.iter().map(|m| m.len() as u64).sum();
        eprintln!(
            "ddex: ern {version}: {} releases, {} tracks, {:.1} MiB of ERN",
            releases.len(),
            catalog.track_count(),
            bytes as f64 / (1 << 20) as f64
        );
        group.throughput(Throughput::Bytes(bytes));
        let mut buffer = Vec::with_capacity(1 << 20);
        group.bench_function(format!("export-{version}"), |b| {
            b.iter(|| {
                for release in &releases {
                    buffer.clear();
                    ddex::export(black_box(release), &header, &options, &mut buffer)
                        .expect("fixture releases export");
                }
                black_box(buffer.len())
            });
        });
        group.bench_function(format!("import-{version}"), |b| {
            b.iter(|| {
                let mut tracks = 0;
                for message in &messages {
                    let imported = ddex::import(black_box(message)).expect("our messages import");
                    tracks += imported.release.tracks.len();
                }
                black_box(tracks)
            });
        });
        all_messages.extend(messages);
    }

    // A folder of 10,000 messages: the 2,000 above, five times over.
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut files = Vec::with_capacity(FOLDER_MESSAGES);
    for index in 0..FOLDER_MESSAGES {
        let path = folder.path().join(format!("{index:05}.xml"));
        std::fs::write(&path, &all_messages[index % all_messages.len()])
            .expect("the temporary folder is writable");
        files.push(path);
    }
    let bytes: u64 = (0..FOLDER_MESSAGES)
        .map(|index| all_messages[index % all_messages.len()].len() as u64)
        .sum();
    eprintln!(
        "ddex: a folder of {FOLDER_MESSAGES} messages, {:.1} MiB",
        bytes as f64 / (1 << 20) as f64
    );
    let two = NonZeroUsize::new(2).expect("two");
    // Cores busy during the measurement: the process's processor time over the wall time of
    // the timed passes only (the batch is dropped after each pass's clock stops: freeing it
    // is the caller's business, and serial).
    let mut cpu = Some(Duration::ZERO);
    let mut wall = Duration::ZERO;
    let mut passes = 0u64;
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("read_files-10000-2-threads", |b| {
        b.iter_custom(|iterations| {
            let mut timed = Duration::ZERO;
            for _ in 0..iterations {
                let (before, started) = (process_cpu(), Instant::now());
                let batch = ddex::read_files(black_box(&files), two);
                let elapsed = started.elapsed();
                cpu = cpu
                    .zip(before.zip(process_cpu()))
                    .map(|(sum, (before, after))| sum + after.saturating_sub(before));
                timed += elapsed;
                assert_eq!(batch.error_count(), 0);
                drop(black_box(batch));
            }
            wall += timed;
            passes += iterations;
            timed
        });
    });
    if let Some(cpu) = cpu.filter(|_| passes > 0) {
        eprintln!(
            "ddex: read_files-10000-2-threads: {:.2} s of processor time in {:.2} s over {passes} \
             timed passes: {:.2} cores busy on average (load average {})",
            cpu.as_secs_f64(),
            wall.as_secs_f64(),
            cpu.as_secs_f64() / wall.as_secs_f64(),
            load_average(),
        );
    }
    group.finish();
    criterion.final_summary();
}
