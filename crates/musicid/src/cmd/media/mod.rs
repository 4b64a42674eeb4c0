//! `musicid media identify`.

mod identify;

use clap::Subcommand;

use crate::error::CmdResult;

/// `musicid media …`
#[derive(Debug, Subcommand)]
pub enum MediaCommand {
    /// Name the issued ISRC(s) whose recording an audio file is, by its sound.
    Identify(identify::IdentifyArgs),
}

/// Runs a `media` command.
pub fn run(command: MediaCommand) -> CmdResult {
    match command {
        MediaCommand::Identify(args) => identify::run(&args),
    }
}
