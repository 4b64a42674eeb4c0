//! `musicid media inspect|tag|identify`.

mod identify;
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
    /// Name the issued ISRC(s) whose recording an audio file is, by its sound.
    Identify(identify::IdentifyArgs),
}

/// Runs a `media` command.
pub fn run(command: MediaCommand) -> CmdResult {
    match command {
        MediaCommand::Inspect(args) => inspect::run(&args),
        MediaCommand::Tag(args) => tag::run(&args),
        MediaCommand::Identify(args) => identify::run(&args),
    }
}
