//! `musicid ledger pools`.

use std::io::{self, Write};

use clap::Args;

use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Outcome};

const HELP: &str = "\
Example:
  musicid ledger pools";

/// Arguments of `musicid ledger pools`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct PoolsArgs {
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Runs `musicid ledger pools`.
pub fn run(args: &PoolsArgs) -> CmdResult {
    let mut ledger = args.ledger.open()?;
    let pools = ledger.pools()?;
    let mut out = io::stdout().lock();
    for status in pools {
        let next = status
            .next
            .map_or_else(|| "exhausted".to_owned(), |code| format!("next {code}"));
        writeln!(
            out,
            "{}\t{} used\t{} left\t{next}",
            status.pool, status.used, status.remaining
        )?;
    }
    Ok(Outcome::Clean)
}
