//! Many writers on one ledger: OS processes (the `ledger-test-worker` binary) and threads with
//! their own connections. Every code is distinct, each pool's codes are contiguous from its
//! first, and each pool's high-water mark equals the number of codes it issued.

mod common;

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::thread;

use common::{RELEASE_DAY, Target, WORKER, assert_one_set_per_draft, at, location_argument};
use ledger::{Code, IsrcPool, Ledger, Location, Origin, UpcPool};

on_both_backends!(
    threads_with_their_own_connections_never_share_a_code,
    concurrent_retries_of_one_draft_end_with_one_set_of_codes,
);

fn isrc_pool() -> IsrcPool {
    IsrcPool::parse("QZAQQ", "26").unwrap()
}

fn upc_pool() -> UpcPool {
    UpcPool::parse("0614141").unwrap()
}

/// Asserts the ledger holds exactly `expected` (as printed by the writers), that the ISRC
/// pool's codes are designations `1..=isrcs` and the UPC pool's item references `0..upcs`,
/// and that the pools' high-water marks say the same.
#[track_caller]
fn assert_contiguous(ledger: &mut Ledger, expected: &[String], isrcs: u64, upcs: u64) {
    let distinct: BTreeSet<&String> = expected.iter().collect();
    assert_eq!(
        distinct.len(),
        expected.len(),
        "a code was handed out twice"
    );
    let records = ledger.records().unwrap();
    let recorded: BTreeSet<String> = records.iter().map(|r| r.code.to_string()).collect();
    assert_eq!(recorded.len(), records.len());
    assert_eq!(
        recorded,
        distinct.into_iter().cloned().collect::<BTreeSet<_>>()
    );
    assert!(records.iter().all(|record| record.origin == Origin::Issued));

    let mut designations: Vec<u64> = Vec::new();
    let mut item_references: Vec<u64> = Vec::new();
    for record in &records {
        match record.code {
            Code::Isrc(isrc) => designations.push(u64::from(isrc.designation())),
            Code::Upc(upc) => item_references.push(
                upc::Allocator::new(upc_pool().prefix())
                    .unwrap()
                    .item_reference_of(upc)
                    .unwrap(),
            ),
            _ => unreachable!("only ISRCs and UPCs are issued"),
        }
    }
    designations.sort_unstable();
    item_references.sort_unstable();
    assert_eq!(designations, (1..=isrcs).collect::<Vec<_>>());
    assert_eq!(item_references, (0..upcs).collect::<Vec<_>>());
    assert_eq!(ledger.pool_status(&isrc_pool()).unwrap().used, isrcs);
    assert_eq!(ledger.pool_status(&upc_pool()).unwrap().used, upcs);
}

/// Runs `processes` workers, each issuing `each` codes (alternately ISRC and UPC), and returns
/// every code they printed.
fn run_workers(location: &Location, processes: usize, each: u64) -> Vec<String> {
    let argument = location_argument(location);
    let children: Vec<_> = (0..processes)
        .map(|_| {
            Command::new(WORKER)
                .args([argument.as_str(), "codes", "both", &each.to_string()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the worker starts")
        })
        .collect();
    let mut printed = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "worker failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).unwrap();
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        assert_eq!(lines.len() as u64, each);
        printed.extend(lines);
    }
    printed
}

#[test]
fn four_processes_share_one_sqlite_file() {
    let target = Target::sqlite();
    drop(Ledger::create(target.location()).unwrap());
    let printed = run_workers(&target.location(), 4, 500);
    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    assert_contiguous(&mut ledger, &printed, 1000, 1000);
    assert!(ledger.integrity_problems().unwrap().is_empty());
}

#[test]
fn four_processes_share_one_postgres_database() {
    let Some(target) = Target::postgres("four_processes") else {
        return;
    };
    drop(Ledger::create(target.location()).unwrap());
    let printed = run_workers(&target.location(), 4, 250);
    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    assert_contiguous(&mut ledger, &printed, 500, 500);
}

/// A server whose default isolation level is SERIALIZABLE: the ledger's writers still wait
/// for each other (it sets its own level) rather than fail with serialization errors.
#[test]
fn threads_wait_for_each_other_on_a_serializable_postgres_server() {
    if let Some(target) = Target::postgres("serializable_server") {
        let target = target.with_setting("default_transaction_isolation", "serializable");
        threads_with_their_own_connections_never_share_a_code(&target);
    }
}

/// 8 threads, each with its own connection: single ISRCs, and every fourth round a block of
/// 5 UPCs, so that transactions of different sizes interleave.
fn threads_with_their_own_connections_never_share_a_code(target: &Target) {
    const THREADS: usize = 8;
    const ROUNDS: u64 = 100;
    // Every thread opens the location at once: creating the ledger races too.
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let location = target.location();
            thread::spawn(move || {
                let mut ledger = Ledger::open(location).unwrap();
                let mut issued = Vec::new();
                for round in 0..ROUNDS {
                    let isrc = ledger
                        .issue(&isrc_pool(), 1, at(RELEASE_DAY), None)
                        .unwrap();
                    issued.extend(isrc.iter().map(ToString::to_string));
                    if round % 4 == 0 {
                        let upcs = ledger.issue(&upc_pool(), 5, at(RELEASE_DAY), None).unwrap();
                        let items: Vec<u64> = upcs
                            .iter()
                            .map(|upc| {
                                upc::Allocator::new(upc_pool().prefix())
                                    .unwrap()
                                    .item_reference_of(*upc)
                                    .unwrap()
                            })
                            .collect();
                        // A block is contiguous in itself.
                        assert!(items.windows(2).all(|pair| pair[1] == pair[0] + 1));
                        issued.extend(upcs.iter().map(ToString::to_string));
                    }
                }
                issued
            })
        })
        .collect();
    let printed: Vec<String> = handles
        .into_iter()
        .flat_map(|handle| handle.join().unwrap())
        .collect();
    let mut ledger = target.open();
    let threads = THREADS as u64;
    assert_contiguous(
        &mut ledger,
        &printed,
        threads * ROUNDS,
        threads * ROUNDS / 4 * 5,
    );
}

/// Two processes assign codes to the same 40 drafts at once (one from the first draft up,
/// one from the last down, so that they meet on every draft in between) as two retries of a
/// pipeline would: both print the same codes for every draft, and the ledger ends with one
/// set per draft.
fn concurrent_retries_of_one_draft_end_with_one_set_of_codes(target: &Target) {
    const DRAFTS: u64 = 40;
    drop(Ledger::create(target.location()).unwrap());
    let argument = location_argument(&target.location());
    let last = (DRAFTS - 1).to_string();
    let children: Vec<_> = [("0", last.as_str()), (last.as_str(), "0")]
        .into_iter()
        .map(|(first, last)| {
            Command::new(WORKER)
                .args([argument.as_str(), "drafts", first, last])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the worker starts")
        })
        .collect();
    let outputs: Vec<BTreeSet<String>> = children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "worker failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8(output.stdout)
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    assert_eq!(outputs[0].len() as u64, DRAFTS);
    assert_eq!(outputs[0], outputs[1], "the two runs saw different codes");
    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    let recorded: BTreeSet<String> = assert_one_set_per_draft(&mut ledger, DRAFTS)
        .into_iter()
        .collect();
    assert_eq!(recorded, outputs[0]);
}
