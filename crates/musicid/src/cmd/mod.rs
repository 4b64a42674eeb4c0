//! The commands: one file each (its arguments and its `run`), grouped as the command line
//! groups them. Files import only downward: a group's `mod.rs` dispatches to its commands,
//! commands use the shared pieces below them (`files`, `findings`, `ledger_arg`, …), and
//! nothing here imports a command or the command line above it.

pub mod args;
pub mod completions;
pub mod demo;
pub mod isrc;
pub mod ledger;
pub mod release;
pub mod upc;

mod allocate;
mod assignment;
mod files;
mod findings;
mod ledger_arg;
mod print;
mod reformat;

use clap::Subcommand;

use crate::error::CmdResult;

/// The command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// ISRCs (ISO 3901, one per recording): check, format, allocate.
    #[command(subcommand)]
    Isrc(isrc::IsrcCommand),
    /// UPC/EAN/GTIN codes (GS1, one per release): check, check digits, conversions, barcodes.
    #[command(subcommand)]
    Upc(upc::UpcCommand),
    /// Releases (JSON, CSV): validate, convert, assign codes.
    #[command(subcommand)]
    Release(release::ReleaseCommand),
    /// The issuing ledger: create, import, look up, export.
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// Issue the codes of a sample release through a ledger and write it out.
    Demo(demo::DemoArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
}

/// Runs a parsed command; `command_line` builds the whole command line (for completions).
pub fn run(command: Command, command_line: fn() -> clap::Command) -> CmdResult {
    match command {
        Command::Isrc(command) => isrc::run(command),
        Command::Upc(command) => upc::run(command),
        Command::Release(command) => release::run(command),
        Command::Ledger(command) => ledger::run(command),
        Command::Demo(args) => demo::run(&args),
        Command::Completions(args) => completions::run(&args, command_line()),
    }
}
