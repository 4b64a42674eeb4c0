//! `musicid isrc check|format|allocate`.

mod allocate;
mod check;
mod format;

use clap::Subcommand;

use crate::cmd::args::CheckArgs;
use crate::error::CmdResult;

/// `musicid isrc …`
#[derive(Debug, Subcommand)]
pub enum IsrcCommand {
    /// Check ISRCs, one per line (or one CSV column), streaming inputs of any size.
    #[command(after_help = check::HELP)]
    Check(CheckArgs),
    /// Print ISRCs in another layout.
    Format(format::FormatArgs),
    /// Issue new ISRCs through the ledger.
    Allocate(allocate::AllocateArgs),
}

/// Runs an `isrc` command.
pub fn run(command: IsrcCommand) -> CmdResult {
    match command {
        IsrcCommand::Check(args) => check::run(&args),
        IsrcCommand::Format(args) => format::run(&args),
        IsrcCommand::Allocate(args) => allocate::run(&args),
    }
}
