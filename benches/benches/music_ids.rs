//! `music_ids`: the strict parse of ISWC, ISNI, IPI name and base numbers, GRid, DPID and
//! ISMN, one group per type, each over a pre-generated deterministic batch of valid codes
//! laid out in one buffer (so that the measurement is of parsing, not of memory), with the
//! lenient `FromStr` on the same canonical input beside it. The target is ≥ 100 M codes/s for
//! every strict parse. The batches are `musicid_benches::music_ids`; the example
//! `strict_parse_loop` runs the same loop for an instruction count (callgrind). python-stdnum,
//! the peer for ISNI, GRid and ISMN, is compared per line by
//! `crates/musicid/bench/check-vs-stdnum.sh`, since it is Python.

// `criterion_group!` defines a public function without documentation.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ident_core::Code;
use musicid_benches::EachType;

struct Groups<'c>(&'c mut Criterion);

impl EachType for Groups<'_> {
    fn each<T: Code>(&mut self, name: &str, codes: Vec<&'static [u8]>) {
        let texts: Vec<&str> = codes
            .iter()
            .map(|b| std::str::from_utf8(b).expect("ASCII"))
            .collect();
        for code in &codes {
            assert!(T::parse_strict(code).is_ok(), "{code:?}");
        }
        let mut group = self.0.benchmark_group(name);
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
}

fn music_ids(c: &mut Criterion) {
    musicid_benches::music_ids(&mut Groups(c));
}

criterion_group!(benches, music_ids);
criterion_main!(benches);
