//! `musicid ledger init|import|lookup|export|fingerprint|pools`.

mod export;
mod fingerprint;
mod import;
mod init;
mod lookup;
mod pools;

use clap::Subcommand;

use crate::error::CmdResult;

/// `musicid ledger …`
#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Create a new, empty ledger.
    Init(init::InitArgs),
    /// Record codes issued elsewhere, so that issuing continues after them.
    Import(import::ImportArgs),
    /// Show who got a code, and when.
    Lookup(lookup::LookupArgs),
    /// Write every recorded code as CSV.
    Export(export::ExportArgs),
    /// Store the acoustic fingerprints of a release's files with their ISRCs (back-fill).
    Fingerprint(fingerprint::FingerprintArgs),
    /// Show the ledger's pools: how many codes each issued and which comes next.
    Pools(pools::PoolsArgs),
}

/// Runs a `ledger` command.
pub fn run(command: LedgerCommand) -> CmdResult {
    match command {
        LedgerCommand::Init(args) => init::run(&args),
        LedgerCommand::Import(args) => import::run(&args),
        LedgerCommand::Lookup(args) => lookup::run(&args),
        LedgerCommand::Export(args) => export::run(&args),
        LedgerCommand::Fingerprint(args) => fingerprint::run(&args),
        LedgerCommand::Pools(args) => pools::run(&args),
    }
}
