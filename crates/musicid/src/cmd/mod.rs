//! One file per command group.

pub mod common;
pub mod completions;
pub mod ddex;
pub mod demo;
pub mod isrc;
pub mod ledger;
pub mod release;
pub mod upc;

use crate::cli::Command;
use crate::exit::CmdResult;

/// Runs a parsed command.
pub fn run(command: Command) -> CmdResult {
    match command {
        Command::Isrc(command) => isrc::run(command),
        Command::Upc(command) => upc::run(command),
        Command::Release(command) => release::run(command),
        Command::Ledger(command) => ledger::run(command),
        Command::Demo(args) => demo::run(&args),
        Command::Completions(args) => completions::run(&args),
    }
}
