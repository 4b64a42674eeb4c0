//! `musicid isrc allocate`.

use clap::Args;
use ledger::IsrcPool;

use crate::cmd::allocate::allocate_from;
use crate::cmd::args::parse_range;
use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Error};

const HELP: &str = "\
Prints the codes one per line, only after the ledger committed them. Concurrent callers on one
ledger wait for each other and never get the same code. The ledger is --ledger, else
$MUSICID_LEDGER, else ./musicid-ledger.sqlite; it must exist (`musicid ledger init`).

Examples:
  musicid ledger init
  musicid isrc allocate --prefix QZAQQ --year 2026 --count 13 --reference 'Vesica Piscis'
  musicid isrc allocate --prefix QZAQQ --year 2026 --count 13 --key order-4711
  musicid isrc allocate --prefix QZAQQ --year 26 --range 50000..=59999 --ledger shared.sqlite";

/// Arguments of `musicid isrc allocate`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct AllocateArgs {
    /// The registrant prefix (`QZAQQ`, or `QZ-AQQ`).
    #[arg(long)]
    pub prefix: String,
    /// The year of assignment (2026 or 26): the codes' year of reference.
    #[arg(long)]
    pub year: String,
    /// How many codes to issue.
    #[arg(long, default_value_t = 1)]
    pub count: u64,
    /// What the codes are for (recorded in the ledger).
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,
    /// Issue once for KEY: run again with the same KEY (a retry), it prints the codes issued
    /// for it and issues none; KEY used for another count or pool is an error.
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// Issue only from these designations (`FIRST..=LAST`), e.g. one machine's share.
    #[arg(long, value_name = "FIRST..=LAST", value_parser = parse_range)]
    pub range: Option<(u64, u64)>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Runs `musicid isrc allocate`.
pub fn run(args: &AllocateArgs) -> CmdResult {
    let mut pool = IsrcPool::parse(&args.prefix, &args.year)?;
    if let Some((first, last)) = args.range {
        let designation = |n: u64| {
            u32::try_from(n).map_err(|_| Error::msg(format!("designation {n} is above 99999")))
        };
        pool = pool.with_range(designation(first)?..=designation(last)?)?;
    }
    allocate_from(
        &args.ledger,
        &pool,
        args.count,
        args.reference.as_deref(),
        args.key.as_deref(),
    )
}
