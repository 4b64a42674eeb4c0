//! The command line: `musicid <group> <command> [options]`.

use clap::Parser;

use crate::cmd;

const AFTER_HELP: &str = "\
Exit codes: 0 all valid (warnings allowed unless --deny-warnings), 1 invalid input found,
2 usage or I/O error (a missing file, an unknown flag, a ledger location that is not a ledger).

Examples:
  musicid demo
  musicid isrc check codes.txt
  musicid isrc allocate --prefix QZAQQ --year 2026 --count 13
  musicid release validate catalog.json";

/// Check, format and issue ISRCs and UPC/EANs; validate, convert and assign codes to releases.
#[derive(Debug, Parser)]
#[command(name = "musicid", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: cmd::Command,
}
