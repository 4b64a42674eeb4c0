//! `music_ids`: the strict parse of ISWC, ISNI, IPI name and base numbers, GRid, DPID and
//! ISMN, one group per type, each over a pre-generated deterministic batch of valid codes
//! laid out in one buffer (so that the measurement is of parsing, not of memory), with the
//! lenient `FromStr` on the same canonical input beside it. The target is ≥ 100 M codes/s for
//! every strict parse. python-stdnum, the peer for ISNI, GRid, ISMN and ISWC, is compared per
//! line by `crates/musicid/bench/check-vs-stdnum.sh`, since it is Python.

// `criterion_group!` defines a public function without documentation.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ident_core::Code;

const BATCH: usize = 1_000;

/// A deterministic sequence of numbers (a fixed linear congruential generator).
fn numbers(seed: u64) -> impl Iterator<Item = u64> {
    let mut state = seed;
    std::iter::repeat_with(move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 11
    })
}

/// Alphanumeric characters from a number, for GRid and DPID bodies.
fn alnum<const N: usize>(mut n: u64) -> [u8; N] {
    const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::array::from_fn(|_| {
        let c = ALPHABET[(n % 36) as usize];
        n = (n / 36) ^ n.rotate_left(17);
        c
    })
}

/// The canonical forms of `BATCH` codes made by `make`, in one leaked buffer.
fn batch<T: Code>(make: impl Fn(u64) -> T) -> Vec<&'static [u8]> {
    let codes: Vec<String> = numbers(0x2545_f491_4f6c_dd1d)
        .take(BATCH)
        .map(|n| make(n).to_string())
        .collect();
    let len = codes[0].len();
    let text: &'static str = Box::leak(codes.concat().into_boxed_str());
    (0..BATCH)
        .map(|i| &text.as_bytes()[i * len..(i + 1) * len])
        .collect()
}

fn group<T: Code>(c: &mut Criterion, name: &str, make: impl Fn(u64) -> T) {
    let codes = batch(make);
    let texts: Vec<&str> = codes
        .iter()
        .map(|b| std::str::from_utf8(b).expect("ASCII"))
        .collect();
    for code in &codes {
        assert!(T::parse_strict(code).is_ok(), "{code:?}");
    }
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(codes.len() as u64));
    group.bench_function("parse_strict", |b| {
        b.iter(|| {
            for code in black_box(&codes) {
                black_box(T::parse_strict(code).ok());
            }
        });
    });
    group.bench_function("from_str", |b| {
        b.iter(|| {
            for text in black_box(&texts) {
                black_box(text.parse::<T>().ok());
            }
        });
    });
    group.finish();
}

fn music_ids(c: &mut Criterion) {
    group(c, "iswc", |n| {
        iswc::Iswc::from_work_number((n % 1_000_000_000) as u32).expect("9 digits")
    });
    group(c, "isni", |n| {
        isni::Isni::from_number(n % 1_000_000_000_000_000).expect("15 digits")
    });
    group(c, "ipi_name", |n| {
        ipi::NameNumber::from_body((n % 1_000_000_000) as u32).expect("9 digits")
    });
    group(c, "ipi_base", |n| {
        ipi::BaseNumber::from_body((n % 1_000_000_000) as u32).expect("9 digits")
    });
    group(c, "grid", |n| {
        grid::Grid::new(&alnum::<5>(n), &alnum::<10>(n >> 7)).expect("alphanumeric")
    });
    group(c, "dpid", |n| {
        let number: [u8; 10] = format!("{:010}", n % 10_000_000_000)
            .into_bytes()
            .try_into()
            .expect("10 digits");
        grid::Dpid::new(&number).expect("digits")
    });
    group(c, "ismn", |n| {
        upc::Ismn::from_body((n % 100_000_000) as u32).expect("8 digits")
    });
}

criterion_group!(benches, music_ids);
criterion_main!(benches);
