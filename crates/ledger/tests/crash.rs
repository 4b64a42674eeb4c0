//! Writers killed with SIGKILL at random moments: every code a writer printed (after its
//! commit) is in the ledger, no code is recorded twice, each pool's codes stay contiguous,
//! SQLite's `integrity_check` passes, and issuing continues after the highest code.

mod common;

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{RELEASE_DAY, Target, at};
use ledger::{Code, IsrcPool, Ledger, UpcPool};

const WORKER: &str = env!("CARGO_BIN_EXE_ledger-test-worker");
const ROUNDS: usize = 20;
const WORKERS_PER_ROUND: usize = 2;

/// xorshift64*: enough randomness for kill times, reproducible from the printed seed.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % bound
    }
}

#[test]
fn killed_writers_lose_nothing_they_printed() {
    let seed = std::env::var("LEDGER_CRASH_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("crash test seed: {seed} (LEDGER_CRASH_SEED={seed} repeats it)");
    let mut random = Random(seed);

    let target = Target::sqlite();
    drop(Ledger::create(target.location()).unwrap());
    let path = target.path().unwrap().display().to_string();
    let mut printed: Vec<String> = Vec::new();
    for _ in 0..ROUNDS {
        let mut children: Vec<_> = (0..WORKERS_PER_ROUND)
            .map(|_| {
                Command::new(WORKER)
                    .args([path.as_str(), "both", "forever"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("the worker starts")
            })
            .collect();
        // From before the first commit to well into the loop.
        thread::sleep(Duration::from_millis(5 + random.below(150)));
        for child in &mut children {
            // SIGKILL on Unix: no destructor, no flush, no rollback runs in the child.
            child.kill().expect("the worker is killed");
        }
        for child in children {
            let output = child.wait_with_output().unwrap();
            let text = String::from_utf8(output.stdout).unwrap();
            // A line cut short by the kill was never shown whole: it does not count.
            let complete = text.rfind('\n').map_or("", |end| &text[..end]);
            printed.extend(complete.lines().map(str::to_owned));
        }
    }
    assert!(!printed.is_empty(), "no worker got to print a code");

    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    assert_eq!(ledger.integrity_problems().unwrap(), Vec::<String>::new());
    let records = ledger.records().unwrap();
    let recorded: BTreeSet<String> = records.iter().map(|r| r.code.to_string()).collect();
    assert_eq!(recorded.len(), records.len(), "a code is recorded twice");
    let shown: BTreeSet<String> = printed.iter().cloned().collect();
    assert_eq!(shown.len(), printed.len(), "a code was printed twice");
    let lost: Vec<&String> = shown.difference(&recorded).collect();
    assert!(lost.is_empty(), "printed but not recorded: {lost:?}");

    // Each pool's codes are contiguous from its first, up to its high-water mark.
    let isrc_pool = IsrcPool::parse("QZAQQ", "26").unwrap();
    let upc_pool = UpcPool::parse("0614141").unwrap();
    let mut designations = Vec::new();
    let mut item_references = Vec::new();
    let upc_allocator = upc::Allocator::new(upc_pool.prefix()).unwrap();
    for record in &records {
        match record.code {
            Code::Isrc(isrc) => designations.push(u64::from(isrc.designation())),
            Code::Upc(upc) => item_references.push(upc_allocator.item_reference_of(upc).unwrap()),
            _ => unreachable!("only ISRCs and UPCs are issued"),
        }
    }
    designations.sort_unstable();
    item_references.sort_unstable();
    let isrc_used = ledger.pool_status(&isrc_pool).unwrap().used;
    let upc_used = ledger.pool_status(&upc_pool).unwrap().used;
    assert_eq!(designations, (1..=isrc_used).collect::<Vec<_>>());
    assert_eq!(item_references, (0..upc_used).collect::<Vec<_>>());

    // Issuing continues right after the highest code.
    let next = ledger.issue(&isrc_pool, 1, at(RELEASE_DAY), None).unwrap();
    assert_eq!(u64::from(next[0].designation()), isrc_used + 1);
    let next = ledger.issue(&upc_pool, 1, at(RELEASE_DAY), None).unwrap();
    assert_eq!(upc_allocator.item_reference_of(next[0]).unwrap(), upc_used);
    eprintln!(
        "crash test: {ROUNDS} rounds, {} codes printed, {} recorded",
        printed.len(),
        records.len()
    );
}
