//! `upc_parse`: parsing and verifying UPC-A codes, ours beside `gtin-validate` 1.3, on the
//! same pre-generated deterministic batch.
//!
//! - `upc/parse_digits`: the strict fast path, returning a `Upc` value.
//! - `upc/from_str`: the lenient `FromStr` on the same canonical input.
//! - `upc/from_str_spaced`: the lenient `FromStr` on the same codes as printed under the
//!   barcode (`0 36000 29145 2`), which the fast path refuses and the layout reader reads.
//! - `gtin_validate/gtin12_check`: the peer's validator (returns only a bool).

// `criterion_group!` defines a public function without documentation.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The batch of valid UPC-A codes (see [`musicid_benches::upc_a_batch`]), laid out in one
/// buffer so that both sides read the same cache-resident bytes and the measurement is of
/// parsing, not of memory.
fn batch(codes: Vec<String>) -> Vec<&'static str> {
    let text: &'static str = Box::leak(codes.concat().into_boxed_str());
    let mut rest = text;
    codes
        .iter()
        .map(|code| {
            let (one, tail) = rest.split_at(code.len());
            rest = tail;
            one
        })
        .collect()
}

fn upc_parse(c: &mut Criterion) {
    let codes = batch(musicid_benches::upc_a_batch());
    let spaced = batch(codes.iter().map(|c| musicid_benches::spaced(c)).collect());
    // Both sides must agree on every code before their speed means anything.
    for code in &codes {
        assert!(gtin_validate::gtin12::check(code), "{code}");
        assert!(upc::Upc::parse_digits(code.as_bytes()).is_ok(), "{code}");
    }
    let mut group = c.benchmark_group("upc_parse");
    group.throughput(Throughput::Elements(codes.len() as u64));
    group.bench_function("upc/parse_digits", |b| {
        b.iter(|| {
            for code in black_box(&codes) {
                black_box(upc::Upc::parse_digits(code.as_bytes()).ok());
            }
        });
    });
    group.bench_function("upc/from_str", |b| {
        b.iter(|| {
            for code in black_box(&codes) {
                black_box(code.parse::<upc::Upc>().ok());
            }
        });
    });
    group.bench_function("upc/from_str_spaced", |b| {
        b.iter(|| {
            for code in black_box(&spaced) {
                black_box(code.parse::<upc::Upc>().ok());
            }
        });
    });
    group.bench_function("gtin_validate/gtin12_check", |b| {
        b.iter(|| {
            for code in black_box(&codes) {
                black_box(gtin_validate::gtin12::check(code));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, upc_parse);
criterion_main!(benches);
