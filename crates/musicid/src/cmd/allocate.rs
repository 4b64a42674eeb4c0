//! The body of the allocate commands of every code type: issue from a pool, then print.

use std::io::{self, Write};

use crate::clock;
use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Outcome};

/// Issues `count` codes of `pool` and prints them, one per line, after the commit.
///
/// # Errors
/// No usable ledger, a pool that cannot issue `count` codes, or output that cannot be written.
pub fn allocate_from<P: ledger::Pool>(
    ledger_arg: &LedgerArg,
    pool: &P,
    count: u64,
    reference: Option<&str>,
) -> CmdResult {
    let mut ledger = ledger_arg.open()?;
    let codes = ledger.issue(pool, count, clock::now(), reference)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for code in codes {
        writeln!(out, "{code}")?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
