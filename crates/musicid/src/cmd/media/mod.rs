//! `musicid media inspect|tag`.

mod inspect;
mod tag;

use clap::Subcommand;

use crate::error::CmdResult;

/// `musicid media …`
#[derive(Debug, Subcommand)]
pub enum MediaCommand {
    /// Technical details, integrity, hashes and embedded codes of audio files.
    Inspect(inspect::InspectArgs),
    /// Write an ISRC (and title, artist) into an audio file's tags, atomically.
    Tag(tag::TagArgs),
}

/// Runs a `media` command.
pub fn run(command: MediaCommand) -> CmdResult {
    match command {
        MediaCommand::Inspect(args) => inspect::run(&args),
        MediaCommand::Tag(args) => tag::run(&args),
    }
}
