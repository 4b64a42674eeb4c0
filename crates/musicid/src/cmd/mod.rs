//! The commands: one file each (its arguments and its `run`), grouped as the command line
//! groups them. Files import only downward: a group's `mod.rs` dispatches to its commands,
//! commands use the shared pieces below them (`files`, `findings`, `ledger_arg`, …), and
//! nothing here imports a command or the command line above it.

pub mod args;
pub mod completions;
pub mod demo;
pub mod ids;
pub mod isrc;
pub mod ledger;
pub mod media;
pub mod release;
pub mod rules;
pub mod upc;

mod allocate;
mod assignment;
mod demo_media;
mod demo_redelivery;
mod files;
mod findings;
mod fingerprints;
mod ledger_arg;
mod media_files;
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
    /// ISWCs (ISO 15707, one per musical work): check, format.
    #[command(subcommand)]
    Iswc(ids::iswc::Command),
    /// ISNIs (ISO 27729, parties; ORCID iDs too): check, format.
    #[command(subcommand)]
    Isni(ids::isni::Command),
    /// IPI name numbers (CISAC, songwriters and publishers): check, format.
    #[command(subcommand)]
    Ipi(ids::ipi::Command),
    /// IPI base numbers (CISAC, `I-001652493-7`): check, format.
    #[command(subcommand)]
    IpiBase(ids::ipi_base::Command),
    /// GRids (DDEX release identifiers): check, format.
    #[command(subcommand)]
    Grid(ids::grid::Command),
    /// DPIDs (DDEX party identifiers): check, format.
    #[command(subcommand)]
    Dpid(ids::dpid::Command),
    /// ISMNs (ISO 10957, printed music): check, format.
    #[command(subcommand)]
    Ismn(ids::ismn::Command),
    /// Any identifier: tell which one each line is.
    #[command(subcommand)]
    Id(ids::detect::IdCommand),
    /// Releases (JSON, CSV): validate, convert, assign codes.
    #[command(subcommand)]
    Release(release::ReleaseCommand),
    /// Audio files: technical details, hashes, embedded ISRCs; recordings identified by their sound.
    #[command(subcommand)]
    Media(media::MediaCommand),
    /// The issuing ledger: create, import, look up, export.
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// Issue the codes of a sample release through a ledger and write it out.
    Demo(demo::DemoArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// List every rule a finding can carry (validation, code lints, DDEX profiles).
    Rules(rules::RulesArgs),
}

/// Runs a parsed command; `command_line` builds the whole command line (for completions).
pub fn run(command: Command, command_line: fn() -> clap::Command) -> CmdResult {
    match command {
        Command::Isrc(command) => isrc::run(command),
        Command::Upc(command) => upc::run(command),
        Command::Iswc(command) => ids::iswc::run(command),
        Command::Isni(command) => ids::isni::run(command),
        Command::Ipi(command) => ids::ipi::run(command),
        Command::IpiBase(command) => ids::ipi_base::run(command),
        Command::Grid(command) => ids::grid::run(command),
        Command::Dpid(command) => ids::dpid::run(command),
        Command::Ismn(command) => ids::ismn::run(command),
        Command::Id(command) => ids::detect::run(command),
        Command::Release(command) => release::run(command),
        Command::Media(command) => media::run(command),
        Command::Ledger(command) => ledger::run(command),
        Command::Demo(args) => demo::run(&args),
        Command::Completions(args) => completions::run(&args, command_line()),
        Command::Rules(args) => rules::run(&args),
    }
}
