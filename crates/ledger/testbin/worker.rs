//! A worker process for the ledger's concurrency and crash tests (not an end-user tool: the
//! `musicid` CLI is that).
//!
//! `ledger-test-worker LOCATION POOLS COUNT` issues COUNT codes (or, with `forever`, until
//! killed) one at a time, each in its own transaction, and prints each code on its own line
//! once the ledger has committed it. POOLS is `isrc`, `upc`, or `both` (alternating between
//! the ISRC pool QZAQQ 26 and the UPC pool 0614141).

use std::io::Write as _;
use std::process::ExitCode;
use std::time::SystemTime;

use ledger::{IsrcPool, Ledger, UpcPool};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ledger-test-worker: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [location, pools, count] = arguments.as_slice() else {
        return Err("usage: ledger-test-worker LOCATION isrc|upc|both COUNT|forever".to_owned());
    };
    let count = match count.as_str() {
        "forever" => u64::MAX,
        number => number
            .parse()
            .map_err(|error| format!("count {number:?}: {error}"))?,
    };
    let (use_isrc, use_upc) = match pools.as_str() {
        "isrc" => (true, false),
        "upc" => (false, true),
        "both" => (true, true),
        other => return Err(format!("pools {other:?}: expected isrc, upc or both")),
    };
    let isrc_pool = IsrcPool::parse("QZAQQ", "26").map_err(|error| error.to_string())?;
    let upc_pool = UpcPool::parse("0614141").map_err(|error| error.to_string())?;
    let mut ledger = Ledger::open_existing(location.as_str()).map_err(|error| error.to_string())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for round in 0..count {
        let isrc_turn = use_isrc && (!use_upc || round % 2 == 0);
        let code = if isrc_turn {
            ledger
                .issue(&isrc_pool, 1, SystemTime::now(), Some("worker"))
                .map(|codes| codes[0].to_string())
        } else {
            ledger
                .issue(&upc_pool, 1, SystemTime::now(), Some("worker"))
                .map(|codes| codes[0].to_string())
        }
        .map_err(|error| error.to_string())?;
        writeln!(out, "{code}")
            .and_then(|()| out.flush())
            .map_err(|error| error.to_string())?;
    }
    Ok(())
}
