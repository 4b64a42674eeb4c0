//! `musicid ledger export`.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::atomic;
use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Outcome};

const HELP: &str = "\
Columns: kind, code, issued_at (RFC 3339, UTC), reference, origin; in code order. The file is
written atomically; `-` (the default) writes stdout.

Examples:
  musicid ledger export > ledger.csv
  musicid ledger export --ledger postgres://issuer@db/ledger -o backup.csv";

/// Arguments of `musicid ledger export`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ExportArgs {
    /// Where to write the CSV; `-` is stdout.
    #[arg(
        short,
        long = "out",
        visible_alias = "output",
        default_value = "-",
        value_name = "FILE"
    )]
    pub output: PathBuf,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Runs `musicid ledger export`.
pub fn run(args: &ExportArgs) -> CmdResult {
    let mut ledger = args.ledger.open()?;
    let mut csv = Vec::new();
    let rows = ledger.export_csv(&mut csv)?;
    atomic::write(&args.output, &csv)?;
    if args.output != Path::new("-") {
        eprintln!(
            "musicid: exported {rows} codes from {} to {}",
            ledger.location(),
            args.output.display()
        );
    }
    Ok(Outcome::Clean)
}
