//! `ledger_block` and `ledger_single`: durable issuing (there is no peer crate that keeps
//! issuing state, so ours stand alone).
//!
//! - `ledger_block/sqlite/1M_in_blocks_of_10k`: 1,000,000 ISRCs into a fresh SQLite ledger,
//!   10,000 per transaction (a pool holds 99,999: each takes 9 blocks, then the next
//!   prefix/year takes over).
//! - `ledger_single/sqlite`: one ISRC per transaction, each committed to disk
//!   (`synchronous = FULL`) before the next: the rate one pipeline worker sees;
//!   `ledger_single/sqlite/keyed` the same, retry-safe (`issue_once`, a key each).
//! - `ledger_block/postgres/100k_in_blocks_of_10k`, `ledger_single/postgres`: the same
//!   against PostgreSQL (100,000 codes per run: the database is kept between runs), when
//!   `MUSICID_TEST_POSTGRES_URL` is set and the `ledger/postgres` feature is on
//!   (`cargo bench -p musicid-benches --bench ledger --features ledger/postgres`); otherwise
//!   they say on stderr that they skipped.

// `criterion_group!` defines a public function without documentation.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ledger::{IsrcPool, Ledger, Location};

const TOTAL: u64 = 1_000_000;
const TOTAL_POSTGRES: u64 = 100_000;
const BLOCK: u64 = 10_000;
/// Blocks per pool: a pool holds 99,999 designations.
const BLOCKS_PER_POOL: u64 = 9;

/// A fixed time: the library never reads the clock, and neither does the benchmark.
fn issued_at() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_772_366_400)
}

/// The `number`th pool: `QZ` and three registrant characters, and a year of reference (so
/// that no run ever runs out of pools).
fn pool(number: u64) -> IsrcPool {
    const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let registrant = number / 100;
    let prefix: String = [b'Q', b'Z']
        .into_iter()
        .chain([1296, 36, 1].map(|unit| DIGITS[(registrant / unit % 36) as usize]))
        .map(char::from)
        .collect();
    IsrcPool::new(prefix.parse().unwrap(), (number % 100) as u8).unwrap()
}

/// Issues `total` codes in blocks of `BLOCK`, from pool number `first_pool` on; returns the
/// number of the next unused pool.
fn issue_blocks(ledger: &mut Ledger, total: u64, first_pool: u64) -> u64 {
    let blocks = total / BLOCK;
    for block in 0..blocks {
        let codes = ledger
            .issue(
                &pool(first_pool + block / BLOCKS_PER_POOL),
                BLOCK,
                issued_at(),
                None,
            )
            .unwrap();
        black_box(codes);
    }
    first_pool + blocks.div_ceil(BLOCKS_PER_POOL)
}

/// Single issues from a rotating pool, so that no run exhausts one; `keyed`: retry-safe,
/// each under a key of its own (never used before: pools are never reused).
struct Singles {
    ledger: Ledger,
    issued: u64,
    keyed: bool,
}

impl Singles {
    fn issue(&mut self) {
        let number = self.issued / 99_999;
        self.issued += 1;
        let codes = if self.keyed {
            let key = format!("bench single {}", self.issued);
            self.ledger
                .issue_once(&pool(number), &key, 1, issued_at(), None)
                .unwrap()
                .codes
        } else {
            self.ledger
                .issue(&pool(number), 1, issued_at(), None)
                .unwrap()
        };
        black_box(codes);
    }
}

/// `ledger_single/<backend>` and `ledger_single/<backend>/keyed`: single issues on `ledger`,
/// from pool number `first_pool` on (the keyed ones from the pool after).
fn bench_singles(c: &mut Criterion, backend: &str, ledger: Ledger, first_pool: u64) {
    let mut group = c.benchmark_group("ledger_single");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1));
    let mut singles = Singles {
        ledger,
        issued: first_pool * 99_999,
        keyed: false,
    };
    group.bench_function(backend, |b| b.iter(|| singles.issue()));
    singles.keyed = true;
    singles.issued = (first_pool + 1) * 99_999;
    group.bench_function(format!("{backend}/keyed"), |b| b.iter(|| singles.issue()));
    group.finish();
}

fn sqlite(c: &mut Criterion) {
    let directory = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("ledger_block");
    group.sample_size(10);
    group.throughput(Throughput::Elements(TOTAL));
    let mut run = 0;
    group.bench_function("sqlite/1M_in_blocks_of_10k", |b| {
        b.iter_batched(
            || {
                run += 1;
                Ledger::create(directory.path().join(format!("block-{run}.ledger"))).unwrap()
            },
            |mut ledger| issue_blocks(&mut ledger, TOTAL, 0),
            BatchSize::PerIteration,
        );
    });
    group.finish();

    let ledger = Ledger::create(directory.path().join("single.ledger")).unwrap();
    bench_singles(c, "sqlite", ledger, 0);
}

fn postgres(c: &mut Criterion) {
    let Some(url) = std::env::var("MUSICID_TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.is_empty())
    else {
        eprintln!("ledger postgres benches: skipped: MUSICID_TEST_POSTGRES_URL not set");
        return;
    };
    let location = Location::parse(&url);
    let mut ledger = match Ledger::open(location.clone()) {
        Ok(ledger) => ledger,
        Err(error) => {
            eprintln!("ledger postgres benches: skipped: {error}");
            return;
        }
    };
    // Start after the pools of earlier runs: the database is kept between runs.
    let mut next_pool = ledger.pools().unwrap().len() as u64;
    drop(ledger);

    let mut group = c.benchmark_group("ledger_block");
    group.sample_size(10);
    group.throughput(Throughput::Elements(TOTAL_POSTGRES));
    group.bench_function("postgres/100k_in_blocks_of_10k", |b| {
        b.iter_batched(
            || Ledger::open(location.clone()).unwrap(),
            |mut ledger| next_pool = issue_blocks(&mut ledger, TOTAL_POSTGRES, next_pool),
            BatchSize::PerIteration,
        );
    });
    group.finish();

    bench_singles(c, "postgres", Ledger::open(location).unwrap(), next_pool);
}

criterion_group!(benches, sqlite, postgres);
criterion_main!(benches);
