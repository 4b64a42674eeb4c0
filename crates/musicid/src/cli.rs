//! The command line: `musicid <group> <command> [options]`.

use clap::{Parser, Subcommand};

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
    pub command: Command,
}

/// The command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// ISRCs (ISO 3901, one per recording): check, format, allocate.
    #[command(subcommand)]
    Isrc(cmd::isrc::IsrcCommand),
    /// UPC/EAN/GTIN codes (GS1, one per release): check, check digits, conversions, barcodes.
    #[command(subcommand)]
    Upc(cmd::upc::UpcCommand),
    /// Releases (JSON, CSV): validate, convert, assign codes.
    #[command(subcommand)]
    Release(cmd::release::ReleaseCommand),
    /// The issuing ledger: create, import, look up, export.
    #[command(subcommand)]
    Ledger(cmd::ledger::LedgerCommand),
    /// Issue the codes of a sample release through a ledger and write it out.
    Demo(cmd::demo::DemoArgs),
    /// Print a shell completion script.
    Completions(cmd::completions::CompletionsArgs),
}
