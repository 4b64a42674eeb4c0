//! `release_*`: the release model on a deterministic synthetic catalog of 100,000 releases
//! (about 1.2 million tracks, from `release_model::synth`).
//!
//! - `release_validate/musicid/catalog`: `Catalog::validate` over the whole catalog, every rule
//!   (per-release rules, numbering, lints of both code types, duplicate UPCs as GTIN-14,
//!   ISRC reuse across releases). Throughput in tracks.
//! - `release_json_load/musicid/from_str`: `json::from_str` of the catalog's JSON (one compact
//!   release per line, as `json::to_writer` writes it) into the typed model, every code and
//!   date validated. Beside it `serde_json/value`: the same text into an untyped
//!   `serde_json::Value` (no peer crate models releases; this is the floor of parsing the
//!   JSON at all). Throughput in bytes.
//! - `release_csv_load/musicid/read`: `csv::from_str` of the same catalog as CSV.
//!
//! The loads are timed without freeing their result (`iter_with_large_drop`): the figure is
//! the time to get a catalog into memory.
//!
//! Before the groups run, the bench prints the memory a loaded catalog takes beside its JSON
//! size, measured two ways: the growth of the process's resident set (Linux `/proc`) while the
//! catalog is parsed and the text is still held, and an estimate from `size_of` and the
//! capacities of every `String` and `Vec` (no allocator overhead). The workspace forbids
//! `unsafe`, so a counting global allocator is not an option.
//!
//! `RELEASE_BENCH_RELEASES` changes the catalog size (default 100,000).

use std::hint::black_box;
use std::mem::size_of;

use criterion::{Criterion, Throughput};
use release_model::{Catalog, Release, Track, csv, json, synth};

const SEED: u64 = 0x00BE_7C11;

fn releases() -> usize {
    std::env::var("RELEASE_BENCH_RELEASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn json_text(catalog: &Catalog) -> String {
    let mut out = Vec::new();
    json::to_writer(&mut out, &catalog.releases).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

fn option_size(s: &Option<String>) -> usize {
    s.as_ref().map_or(0, String::capacity)
}

fn track_heap(t: &Track) -> usize {
    t.title.capacity() + option_size(&t.version) + option_size(&t.artist)
}

fn release_heap(r: &Release) -> usize {
    r.title.capacity()
        + r.artist.capacity()
        + [
            &r.version,
            &r.label,
            &r.catalog_number,
            &r.genre,
            &r.p_line,
            &r.c_line,
        ]
        .into_iter()
        .map(option_size)
        .sum::<usize>()
        + r.tracks.capacity() * size_of::<Track>()
        + r.tracks.iter().map(track_heap).sum::<usize>()
}

/// Bytes of the model: the `Vec<Release>` buffer plus everything the releases own.
fn estimate(catalog: &Catalog) -> usize {
    catalog.releases.capacity() * size_of::<Release>()
        + catalog.releases.iter().map(release_heap).sum::<usize>()
}

fn resident_bytes() -> Option<usize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn memory_report(text: &str) {
    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    let before = resident_bytes();
    let catalog = json::from_str(text)
        .into_catalog()
        .expect("the synthetic JSON loads");
    let after = resident_bytes();
    let estimate = estimate(&catalog);
    println!(
        "release memory: {} releases, {} tracks, JSON {:.1} MiB",
        catalog.releases.len(),
        catalog.track_count(),
        mib(text.len())
    );
    println!(
        "release memory: size_of estimate {:.1} MiB = {:.2}x the JSON (Release {} B, Track {} B)",
        mib(estimate),
        estimate as f64 / text.len() as f64,
        size_of::<Release>(),
        size_of::<Track>()
    );
    match (before, after) {
        (Some(b), Some(a)) => println!(
            "release memory: resident set grew {:.1} MiB = {:.2}x the JSON while loading",
            mib(a.saturating_sub(b)),
            a.saturating_sub(b) as f64 / text.len() as f64
        ),
        _ => println!("release memory: resident set skipped (no /proc/self/statm here)"),
    }
    black_box(catalog);
}

fn main() {
    let catalog = synth::catalog(SEED, releases());
    let tracks = catalog.track_count() as u64;
    let text = json_text(&catalog);
    memory_report(&text);
    let csv_text = csv::to_string(&catalog.releases).expect("the synthetic catalog writes as CSV");

    let mut c = Criterion::default().sample_size(10).configure_from_args();

    let mut group = c.benchmark_group("release_validate");
    group.throughput(Throughput::Elements(tracks));
    group.bench_function("musicid/catalog", |b| {
        b.iter(|| black_box(black_box(&catalog).validate()));
    });
    group.finish();

    let mut group = c.benchmark_group("release_json_load");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("musicid/from_str", |b| {
        b.iter_with_large_drop(|| json::from_str(black_box(&text)));
    });
    group.bench_function("serde_json/value", |b| {
        b.iter_with_large_drop(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).ok());
    });
    group.finish();

    let mut group = c.benchmark_group("release_csv_load");
    group.throughput(Throughput::Bytes(csv_text.len() as u64));
    group.bench_function("musicid/read", |b| {
        b.iter_with_large_drop(|| csv::from_str(black_box(&csv_text)));
    });
    group.finish();

    c.final_summary();
}
