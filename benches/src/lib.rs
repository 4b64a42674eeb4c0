//! Criterion benchmarks live in `benches/`; this library holds what a benchmark shares with
//! the instruction-count runner in `examples/` (the deterministic batches of the `music_ids`
//! group) and what several benchmarks share (running a peer tool on two processes).

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use ident_core::Code;

/// How many codes a `music_ids` batch holds.
pub const BATCH: usize = 1_000;

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

/// The canonical forms of [`BATCH`] codes made by `make`, in one leaked buffer (so that a
/// measurement is of parsing, not of memory).
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

/// What is done with each type of the `music_ids` group and its batch.
pub trait EachType {
    /// Called once per type, with its group name (`iswc`, `ipi_name`, …) and its batch of
    /// valid canonical codes.
    fn each<T: Code>(&mut self, name: &str, codes: Vec<&'static [u8]>);
}

/// Calls `visitor` for ISWC, ISNI, IPI name and base numbers, GRid, DPID and ISMN, in this
/// order.
pub fn music_ids(visitor: &mut impl EachType) {
    visitor.each::<iswc::Iswc>(
        "iswc",
        batch(|n| iswc::Iswc::from_work_number((n % 1_000_000_000) as u32).expect("9 digits")),
    );
    visitor.each::<isni::Isni>(
        "isni",
        batch(|n| isni::Isni::from_number(n % 1_000_000_000_000_000).expect("15 digits")),
    );
    visitor.each::<ipi::NameNumber>(
        "ipi_name",
        batch(|n| ipi::NameNumber::from_body((n % 1_000_000_000) as u32).expect("9 digits")),
    );
    visitor.each::<ipi::BaseNumber>(
        "ipi_base",
        batch(|n| ipi::BaseNumber::from_body((n % 1_000_000_000) as u32).expect("9 digits")),
    );
    visitor.each::<grid::Grid>(
        "grid",
        batch(|n| grid::Grid::new(&alnum::<5>(n), &alnum::<10>(n >> 7)).expect("alphanumeric")),
    );
    visitor.each::<grid::Dpid>(
        "dpid",
        batch(|n| {
            let number: [u8; 10] = format!("{:010}", n % 10_000_000_000)
                .into_bytes()
                .try_into()
                .expect("10 digits");
            grid::Dpid::new(&number).expect("digits")
        }),
    );
    visitor.each::<upc::Ismn>(
        "ismn",
        batch(|n| upc::Ismn::from_body((n % 100_000_000) as u32).expect("8 digits")),
    );
}

/// Runs `program` with `args` and then the files of each of `parts`, one process per part, all
/// at once (a peer tool on as many cores as ours gets threads), and waits for them: each
/// part's exit status and standard output, in the order of `parts`. Whether a run succeeded
/// is the caller's judgement (`fpcalc` exits with 3 after printing every fingerprint when its
/// decoder reports the end of a FLAC file as an error).
///
/// # Panics
/// When a process does not start or cannot be waited for: the benchmark is meaningless then.
pub fn run_in_parts(program: &str, args: &[&str], parts: &[&[PathBuf]]) -> Vec<Output> {
    let children: Vec<_> = parts
        .iter()
        .map(|part| {
            Command::new(program)
                .args(args)
                .args(*part)
                .stdout(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{program} starts: {e}"))
        })
        .collect();
    // Each output read on a thread of its own, so that no process waits on a full pipe.
    std::thread::scope(|scope| {
        let waits: Vec<_> = children
            .into_iter()
            .map(|child| scope.spawn(move || child.wait_with_output()))
            .collect();
        waits
            .into_iter()
            .map(|wait| {
                wait.join()
                    .expect("a waiting thread does not panic")
                    .unwrap_or_else(|e| panic!("{program} runs: {e}"))
            })
            .collect()
    })
}

/// The `upc_parse` batch: [`BATCH`] valid UPC-A codes, each body from the same sequence with
/// its check digit.
#[must_use]
pub fn upc_a_batch() -> Vec<String> {
    numbers(0x2545_f491_4f6c_dd1d)
        .take(BATCH)
        .map(|n| {
            let body = format!("{:011}", n % 100_000_000_000);
            upc::Upc::from_body(&body)
                .expect("an 11-digit body")
                .to_string()
        })
        .collect()
}

/// A 12-digit UPC-A as printed under its barcode, `0 36000 29145 2`: the spelling the
/// lenient reader, not the fast path, reads.
#[must_use]
pub fn spaced(upc_a: &str) -> String {
    let (system, rest) = upc_a.split_at(1);
    let (manufacturer, rest) = rest.split_at(5);
    let (product, check) = rest.split_at(5);
    format!("{system} {manufacturer} {product} {check}")
}
