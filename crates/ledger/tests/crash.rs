//! Writers killed with SIGKILL at random moments: every code a writer printed (after its
//! commit) is in the ledger, no code is recorded twice, each pool's codes stay contiguous,
//! SQLite's `integrity_check` passes, and issuing continues after the highest code. Retry-safe
//! writers killed between commit and output, or at random, and retried: the retry prints the
//! codes the killed attempt was issued, and the ledger holds one set per request.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{RELEASE_DAY, Target, WORKER, at, location_argument};
use ledger::{Code, IsrcPool, Ledger, UpcPool};

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

/// The seed of the kill times: `LEDGER_CRASH_SEED`, or the clock (printed, to repeat a run).
fn seed() -> u64 {
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
    seed
}

#[test]
fn killed_writers_lose_nothing_they_printed() {
    let mut random = Random(seed());

    let target = Target::sqlite();
    drop(Ledger::create(target.location()).unwrap());
    let path = target.path().unwrap().display().to_string();
    let mut printed: Vec<String> = Vec::new();
    for _ in 0..ROUNDS {
        let mut children: Vec<_> = (0..WORKERS_PER_ROUND)
            .map(|_| {
                Command::new(WORKER)
                    .args([path.as_str(), "codes", "both", "forever"])
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

on_both_backends!(a_retry_after_a_kill_between_commit_and_output_gets_the_first_codes);

/// A writer killed after its codes were committed and before it printed them: the retry
/// prints the codes the first attempt was issued, and the ledger holds no others.
fn a_retry_after_a_kill_between_commit_and_output_gets_the_first_codes(target: &Target) {
    drop(Ledger::create(target.location()).unwrap());
    let argument = location_argument(&target.location());
    let mut first = Command::new(WORKER)
        .args([argument.as_str(), "drafts", "7", "7", "stall"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the worker starts");
    let mut said = String::new();
    BufReader::new(first.stderr.take().unwrap())
        .read_line(&mut said)
        .unwrap();
    assert_eq!(
        said, "committed\n",
        "the first attempt did not get its codes"
    );
    first.kill().unwrap();
    let output = first.wait_with_output().unwrap();
    assert!(
        output.stdout.is_empty(),
        "the first attempt printed its codes"
    );
    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    let committed = common::draft_line(&mut ledger, 7).expect("the first attempt committed");
    drop(ledger);

    let retry = Command::new(WORKER)
        .args([argument.as_str(), "drafts", "7", "7"])
        .output()
        .unwrap();
    assert!(
        retry.status.success(),
        "{}",
        String::from_utf8_lossy(&retry.stderr)
    );
    assert_eq!(
        String::from_utf8(retry.stdout).unwrap(),
        format!("{committed}\n")
    );
    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    assert_eq!(ledger.records().unwrap().len(), 14);
}

/// Writers assigning the codes of 60 drafts, retry-safe, killed at random moments over 10
/// rounds, then one run to the end: every line a killed writer printed is printed again by
/// the last run, and the ledger holds exactly one set of codes per draft.
#[test]
fn killed_retried_writers_issue_one_set_per_draft() {
    const DRAFTS: u64 = 60;
    let mut random = Random(seed());
    let target = Target::sqlite();
    drop(Ledger::create(target.location()).unwrap());
    let path = target.path().unwrap().display().to_string();
    let last = (DRAFTS - 1).to_string();
    let mut printed = BTreeSet::new();
    for _ in 0..10 {
        let mut children: Vec<_> = [("0", last.as_str()), (last.as_str(), "0")]
            .into_iter()
            .map(|(first, last)| {
                Command::new(WORKER)
                    .args([path.as_str(), "drafts", first, last])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("the worker starts")
            })
            .collect();
        thread::sleep(Duration::from_millis(5 + random.below(200)));
        for child in &mut children {
            child.kill().expect("the worker is killed");
        }
        for child in children {
            let text = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
            let complete = text.rfind('\n').map_or("", |end| &text[..end]);
            printed.extend(complete.lines().map(str::to_owned));
        }
    }
    let last_run = Command::new(WORKER)
        .args([path.as_str(), "drafts", "0", last.as_str()])
        .output()
        .unwrap();
    assert!(last_run.status.success());
    let final_lines: BTreeSet<String> = String::from_utf8(last_run.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let changed: Vec<&String> = printed.difference(&final_lines).collect();
    assert!(
        changed.is_empty(),
        "printed, then other codes on retry: {changed:?}"
    );
    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    assert!(ledger.integrity_problems().unwrap().is_empty());
    let recorded: BTreeSet<String> = common::assert_one_set_per_draft(&mut ledger, DRAFTS)
        .into_iter()
        .collect();
    assert_eq!(recorded, final_lines);
    eprintln!(
        "retry crash test: {} draft lines printed before the last run",
        printed.len()
    );
}
