//! `isrc_parse` and `isrc_format`: ISRC parsing and formatting, ours beside the crates.io
//! `isrc` 0.1.2 (`isrc_peer`), on one pre-generated deterministic batch of real-looking codes.
//! The codes lie back to back in one buffer, as in a file a pipeline reads, so the figures
//! measure the parsers rather than the allocator's scattering of small strings.
//!
//! - `isrc_parse/musicid/parse_compact`: the strict fast path.
//! - `isrc_parse/musicid/from_str`: the lenient `FromStr` on the same canonical input.
//! - `isrc_parse/isrc_peer/from_code`: the peer's parser (12 bytes, any case).
//! - `isrc_parse/musicid/from_str_lenient`: ours on hyphenated, labelled, lower-case and
//!   padded spellings, which the peer refuses (no peer beside it).
//! - `isrc_format/*`: ours writing into a stack buffer (`encode`, `Display`, `labelled`) and
//!   the peer's `Display` (which prints the labelled form) into the same buffer, then both
//!   through `to_string`.

// `criterion_group!` defines a public function without documentation.
#![allow(missing_docs)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const BATCH: usize = 10_000;

/// Agency codes weighted roughly as in streaming catalogues.
const AGENCIES: [&str; 16] = [
    "US", "US", "US", "US", "QZ", "QM", "GB", "GB", "FR", "DE", "IN", "TC", "SE", "JP", "BR", "QT",
];

/// A small deterministic generator (a fixed linear congruential sequence): no extra deps.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

/// A deterministic batch of valid canonical ISRCs.
fn batch() -> Vec<String> {
    const ALNUM: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut rng = Lcg(0x2545_f491_4f6c_dd1d);
    (0..BATCH)
        .map(|_| {
            let agency = AGENCIES[rng.next(AGENCIES.len() as u64) as usize];
            let registrant: String = (0..3)
                .map(|_| ALNUM[rng.next(36) as usize] as char)
                .collect();
            let year = rng.next(26);
            let designation = rng.next(100_000);
            format!("{agency}{registrant}{year:02}{designation:05}")
        })
        .collect()
}

/// A fixed-capacity `fmt::Write` target on the stack.
struct StackBuf {
    bytes: [u8; 32],
    len: usize,
}

impl StackBuf {
    const fn new() -> Self {
        StackBuf {
            bytes: [0; 32],
            len: 0,
        }
    }
}

impl std::fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Formats `value` through `Display` into a fresh stack buffer, as writing one line would. The
/// longest form measured (the labelled one, 20 bytes) fits, so the result needs no check.
#[inline]
fn display_on_stack(value: impl std::fmt::Display) {
    let mut buf = StackBuf::new();
    let _ = write!(buf, "{value}");
    black_box(&buf.bytes[..buf.len]);
}

fn isrc_parse(c: &mut Criterion) {
    let owned = batch();
    let joined = owned.concat();
    let codes: Vec<&str> = (0..owned.len())
        .map(|i| &joined[i * 12..i * 12 + 12])
        .collect();
    // Both sides must agree on every code before their speed means anything.
    for code in &codes {
        let ours = isrc::Isrc::parse_compact(code.as_bytes()).expect(code);
        let peer = isrc_peer::Isrc::from_code(code).expect(code);
        assert_eq!(ours.to_bytes(), peer.to_code_fixed(), "{code}");
    }
    let lenient_owned: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let isrc: isrc::Isrc = code.parse().expect(code);
            let spelling = match i % 4 {
                0 => isrc.hyphenated().to_string(),
                1 => isrc.labelled().to_string(),
                2 => code.to_ascii_lowercase(),
                _ => format!("  {code}\n"),
            };
            assert_eq!(spelling.parse::<isrc::Isrc>(), Ok(isrc), "{spelling:?}");
            spelling
        })
        .collect();
    let lenient: Vec<&str> = lenient_owned.iter().map(String::as_str).collect();

    let mut group = c.benchmark_group("isrc_parse");
    group.throughput(Throughput::Elements(codes.len() as u64));
    group.bench_function("musicid/parse_compact", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(isrc::Isrc::parse_compact(black_box(code.as_bytes())).ok());
            }
        });
    });
    group.bench_function("musicid/from_str", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(black_box(*code).parse::<isrc::Isrc>().ok());
            }
        });
    });
    group.bench_function("isrc_peer/from_code", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(isrc_peer::Isrc::from_code(black_box(*code)).ok());
            }
        });
    });
    group.bench_function("musicid/from_str_lenient", |b| {
        b.iter(|| {
            for code in &lenient {
                black_box(black_box(*code).parse::<isrc::Isrc>().ok());
            }
        });
    });
    group.finish();
}

fn isrc_format(c: &mut Criterion) {
    let codes = batch();
    let ours: Vec<isrc::Isrc> = codes.iter().map(|c| c.parse().expect(c)).collect();
    let peers: Vec<isrc_peer::Isrc> = codes
        .iter()
        .map(|c| isrc_peer::Isrc::from_code(c).expect(c))
        .collect();

    let mut group = c.benchmark_group("isrc_format");
    group.throughput(Throughput::Elements(ours.len() as u64));
    group.bench_function("musicid/encode", |b| {
        b.iter(|| {
            let mut buf = [0u8; 12];
            for isrc in &ours {
                black_box(black_box(isrc).encode(&mut buf));
            }
        });
    });
    group.bench_function("musicid/display_stack", |b| {
        b.iter(|| {
            for isrc in &ours {
                display_on_stack(black_box(isrc));
            }
        });
    });
    group.bench_function("musicid/labelled_stack", |b| {
        b.iter(|| {
            for isrc in &ours {
                display_on_stack(black_box(isrc).labelled());
            }
        });
    });
    group.bench_function("isrc_peer/display_stack", |b| {
        b.iter(|| {
            for isrc in &peers {
                display_on_stack(black_box(isrc));
            }
        });
    });
    group.bench_function("musicid/to_string", |b| {
        b.iter(|| {
            for isrc in &ours {
                black_box(black_box(isrc).to_string());
            }
        });
    });
    group.bench_function("isrc_peer/to_string", |b| {
        b.iter(|| {
            for isrc in &peers {
                black_box(black_box(isrc).to_string());
            }
        });
    });
    group.bench_function("isrc_peer/to_code_fixed", |b| {
        b.iter(|| {
            for isrc in &peers {
                black_box(black_box(isrc).to_code_fixed());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, isrc_parse, isrc_format);
criterion_main!(benches);
