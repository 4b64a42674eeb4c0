//! The body of the allocate commands of every code type: issue from a pool, then print.

use std::io::{self, Write};

use crate::clock;
use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Outcome};

/// Issues `count` codes of `pool` and prints them, one per line, after the commit; with a
/// key, once: a key the ledger holds prints the codes issued for it and issues none.
///
/// # Errors
/// No usable ledger, a pool that cannot issue `count` codes, a key used for another request,
/// or output that cannot be written.
pub fn allocate_from<P: ledger::Pool>(
    ledger_arg: &LedgerArg,
    pool: &P,
    count: u64,
    reference: Option<&str>,
    key: Option<&str>,
) -> CmdResult {
    let mut ledger = ledger_arg.open()?;
    let codes = match key {
        None => ledger.issue(pool, count, clock::now(), reference)?,
        Some(key) => {
            let issued = ledger.issue_once(pool, key, count, clock::now(), reference)?;
            if issued.already_issued > 0 {
                eprintln!("musicid: key {key:?} was issued these codes before: none issued now");
            }
            issued.codes
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for code in codes {
        writeln!(out, "{code}")?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
