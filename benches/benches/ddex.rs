//! `ddex_*`: DDEX ERN 4.3 export and import over the 1,000-release fixture catalog
//! (`fixtures/releases/synthetic-1000.json`, about 11,000 tracks; one message per release).
//!
//! - `ddex_export/musicid/export`: `ddex::export` of every release (validation included) into
//!   a reused buffer. Throughput in bytes of XML written.
//! - `ddex_import/musicid/import`: `ddex::import` of every message back into the model
//!   (references resolved, every code, date and duration parsed). Throughput in bytes read.
//!
//! No peer crate writes ERN 4.3 that passes the official schema (see the reference notes on
//! the DDEX Suite crates), so there is no peer beside ours here.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput};
use ddex::{ExportOptions, MessageHeader, MessageParty};
use release_model::Catalog;

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

fn main() {
    let catalog = catalog();
    let header = header();
    let options = ExportOptions::new().default_genre("Electronic");
    let messages: Vec<Vec<u8>> = catalog
        .releases
        .iter()
        .map(|release| {
            let mut out = Vec::new();
            ddex::export(release, &header, &options, &mut out).expect("fixture releases export");
            out
        })
        .collect();
    let bytes: u64 = messages.iter().map(|m| m.len() as u64).sum();
    eprintln!(
        "ddex: {} releases, {} tracks, {:.1} MB of ERN",
        catalog.releases.len(),
        catalog.track_count(),
        bytes as f64 / 1e6
    );

    let mut criterion = Criterion::default().configure_from_args();

    let mut group = criterion.benchmark_group("ddex_export");
    group.throughput(Throughput::Bytes(bytes));
    let mut buffer = Vec::with_capacity(1 << 20);
    group.bench_function("musicid/export", |b| {
        b.iter(|| {
            for release in &catalog.releases {
                buffer.clear();
                ddex::export(black_box(release), &header, &options, &mut buffer)
                    .expect("fixture releases export");
            }
            black_box(buffer.len())
        });
    });
    group.finish();

    let mut group = criterion.benchmark_group("ddex_import");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("musicid/import", |b| {
        b.iter(|| {
            let mut tracks = 0;
            for message in &messages {
                let imported = ddex::import(black_box(message)).expect("our messages import");
                tracks += imported.release.tracks.len();
            }
            black_box(tracks)
        });
    });
    group.finish();

    criterion.final_summary();
}
