//! `upc_parse`: parsing and verifying UPC-A codes, ours beside `gtin-validate` 1.3, on the
//! same pre-generated deterministic batch.
//!
//! - `upc/parse_digits`: the strict fast path, returning a `Upc` value.
//! - `upc/from_str`: the lenient `FromStr` on the same canonical input.
//! - `gtin_validate/gtin12_check`: the peer's validator (returns only a bool).

// `criterion_group!` defines a public function without documentation.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const BATCH: usize = 1_000;

/// A deterministic batch of valid UPC-A codes (a fixed linear congruential sequence of bodies,
/// each with its check digit), laid out in one buffer so that both sides read the same
/// cache-resident bytes and the measurement is of parsing, not of memory.
fn batch() -> Vec<&'static str> {
    let text: &'static str = Box::leak(codes().concat().into_boxed_str());
    (0..BATCH).map(|i| &text[i * 12..i * 12 + 12]).collect()
}

fn codes() -> Vec<String> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..BATCH)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let body = format!("{:011}", (state >> 11) % 100_000_000_000);
            upc::Upc::from_body(&body)
                .expect("an 11-digit body")
                .to_string()
        })
        .collect()
}

fn upc_parse(c: &mut Criterion) {
    let codes = batch();
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
