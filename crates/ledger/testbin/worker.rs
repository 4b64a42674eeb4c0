//! A worker process for the ledger's concurrency, crash and fault tests (not an end-user tool:
//! the `musicid` CLI is that).
//!
//! - `ledger-test-worker LOCATION codes POOLS COUNT` issues COUNT codes (or, with `forever`,
//!   until killed) one at a time, each in its own transaction, and prints each code on its own
//!   line once the ledger has committed it. POOLS is `isrc`, `upc`, or `both` (alternating
//!   between the ISRC pool QZAQQ 26 and the UPC pool 0614141).
//! - `ledger-test-worker LOCATION drafts FIRST LAST [stall|retry]` assigns codes to the drafts
//!   FIRST to LAST (downwards when FIRST > LAST) as `musicid release assign` does, retry-safe:
//!   per draft a UPC keyed `draft N` and 13 ISRCs keyed `draft N / track T`, then prints
//!   `draft N: UPC ISRC…`. With `stall` it commits the first draft's codes, says `committed` on
//!   stderr and waits to be killed without printing them. With `retry` a draft that fails
//!   (the server went away) is tried again, on the same `Ledger`, for up to 2 minutes; each
//!   failure is said on stderr as `draft N: attempt K: ERROR`.

use std::io::Write as _;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use ledger::{IsrcPool, Ledger, UpcPool};

/// Tracks per draft (the 13 of the demo album).
const TRACKS: u32 = 13;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ledger-test-worker: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: ledger-test-worker LOCATION codes isrc|upc|both COUNT|forever\n       \
                     ledger-test-worker LOCATION drafts FIRST LAST [stall|retry]";

/// How long `retry` keeps trying one draft (or to open the ledger).
const RETRY_FOR: Duration = Duration::from_secs(120);

fn run() -> Result<(), String> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let isrc_pool = IsrcPool::parse("QZAQQ", "26").map_err(|error| error.to_string())?;
    let upc_pool = UpcPool::parse("0614141").map_err(|error| error.to_string())?;
    let (location, mode, rest) = match arguments.as_slice() {
        [location, mode, rest @ ..] => (location, mode.as_str(), rest),
        _ => return Err(USAGE.to_owned()),
    };
    let then = match rest {
        [_, _, how] => match how.as_str() {
            "stall" => Then::Stall,
            "retry" => Then::Retry,
            _ => return Err(USAGE.to_owned()),
        },
        _ => Then::Print,
    };
    let mut ledger = open(location, then)?;
    let pools = Pools {
        isrc: isrc_pool,
        upc: upc_pool,
    };
    match (mode, rest) {
        ("codes", [which, count]) => codes(&mut ledger, &pools, which, count),
        ("drafts", [first, last, ..]) => drafts(&mut ledger, &pools, first, last, then),
        _ => Err(USAGE.to_owned()),
    }
}

/// What the `drafts` mode does besides printing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Then {
    Print,
    Stall,
    Retry,
}

/// Opens the ledger; with `retry`, tries again while the server is away.
fn open(location: &str, then: Then) -> Result<Ledger, String> {
    let start = Instant::now();
    let mut attempt = 0;
    loop {
        attempt += 1;
        match Ledger::open_existing(location) {
            Ok(ledger) => return Ok(ledger),
            Err(error) if then == Then::Retry && start.elapsed() < RETRY_FOR => {
                eprintln!("open: attempt {attempt}: {}", one_line(&error.to_string()));
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(error) => return Err(error.to_string()),
        }
    }
}

struct Pools {
    isrc: IsrcPool,
    upc: UpcPool,
}

fn number(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|error| format!("number {text:?}: {error}"))
}

fn print(line: &str) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|error| error.to_string())
}

fn codes(ledger: &mut Ledger, pools: &Pools, which: &str, count: &str) -> Result<(), String> {
    let count = match count {
        "forever" => u64::MAX,
        number_text => number(number_text)?,
    };
    let (use_isrc, use_upc) = match which {
        "isrc" => (true, false),
        "upc" => (false, true),
        "both" => (true, true),
        other => return Err(format!("pools {other:?}: expected isrc, upc or both")),
    };
    for round in 0..count {
        let isrc_turn = use_isrc && (!use_upc || round % 2 == 0);
        let code = if isrc_turn {
            ledger
                .issue(&pools.isrc, 1, SystemTime::now(), Some("worker"))
                .map(|codes| codes[0].to_string())
        } else {
            ledger
                .issue(&pools.upc, 1, SystemTime::now(), Some("worker"))
                .map(|codes| codes[0].to_string())
        }
        .map_err(|error| error.to_string())?;
        print(&code)?;
    }
    Ok(())
}

fn drafts(
    ledger: &mut Ledger,
    pools: &Pools,
    first: &str,
    last: &str,
    then: Then,
) -> Result<(), String> {
    let (first, last) = (number(first)?, number(last)?);
    let order: Vec<u64> = if first <= last {
        (first..=last).collect()
    } else {
        (last..=first).rev().collect()
    };
    for draft in order {
        let start = Instant::now();
        let mut attempt = 0;
        let line = loop {
            attempt += 1;
            match draft_codes(ledger, pools, draft) {
                Ok(line) => break line,
                Err(error) if then == Then::Retry && start.elapsed() < RETRY_FOR => {
                    eprintln!("draft {draft}: attempt {attempt}: {}", one_line(&error));
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(error) => return Err(error),
            }
        };
        if then == Then::Stall {
            // Committed, not shown: the moment a crash loses the output but not the codes.
            eprintln!("committed");
            loop {
                std::thread::sleep(Duration::from_secs(60));
            }
        }
        print(&line)?;
    }
    Ok(())
}

/// A message on one line (a server's message may go on with `DETAIL:` lines).
fn one_line(message: &str) -> String {
    message.replace('\n', " ")
}

/// The codes of one draft, committed: `draft N: UPC ISRC…`.
fn draft_codes(ledger: &mut Ledger, pools: &Pools, draft: u64) -> Result<String, String> {
    let key = format!("draft {draft}");
    let now = SystemTime::now();
    let upc = ledger
        .issue_once(&pools.upc, &key, 1, now, Some(&key))
        .map_err(|error| error.to_string())?;
    let tracks: Vec<String> = (1..=TRACKS)
        .map(|track| format!("{key} / track {track}"))
        .collect();
    let requests: Vec<(&str, &str)> = tracks
        .iter()
        .map(|track| (track.as_str(), track.as_str()))
        .collect();
    let isrcs = ledger
        .issue_once_for(&pools.isrc, &requests, now)
        .map_err(|error| error.to_string())?;
    let mut line = format!("{key}: {}", upc.codes[0]);
    for isrc in &isrcs.codes {
        line.push(' ');
        line.push_str(&isrc.to_string());
    }
    Ok(line)
}
