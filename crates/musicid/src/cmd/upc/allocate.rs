//! `musicid upc allocate`.

use clap::Args;
use ledger::UpcPool;

use crate::cmd::allocate::allocate_from;
use crate::cmd::args::parse_range;
use crate::cmd::ledger_arg::LedgerArg;
use crate::error::CmdResult;

const HELP: &str = "\
A company prefix starting with 0 issues UPC-As, any other EAN-13s; restricted-circulation,
coupon and Bookland prefixes are refused. Prints the codes one per line, only after the ledger
committed them. The ledger must exist (`musicid ledger init`).

Examples:
  musicid upc allocate --company-prefix 0614141 --count 2 --reference 'Vesica Piscis'
  musicid upc allocate --company-prefix 0614141 --range 1..=999";

/// Arguments of `musicid upc allocate`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct AllocateArgs {
    /// The GS1 company prefix (6 to 12 digits, EAN-13 view: `0614141` for U.P.C. prefix `614141`).
    #[arg(long, value_name = "DIGITS")]
    pub company_prefix: String,
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
    /// Issue only from these item references (`FIRST..=LAST`).
    #[arg(long, value_name = "FIRST..=LAST", value_parser = parse_range)]
    pub range: Option<(u64, u64)>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Runs `musicid upc allocate`.
pub fn run(args: &AllocateArgs) -> CmdResult {
    let mut pool = UpcPool::parse(&args.company_prefix)?;
    if let Some((first, last)) = args.range {
        pool = pool.with_range(first..=last)?;
    }
    allocate_from(
        &args.ledger,
        &pool,
        args.count,
        args.reference.as_deref(),
        args.key.as_deref(),
    )
}
