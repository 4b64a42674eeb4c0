//! `musicid release validate|convert|assign|export-ddex|import-ddex|convert-ddex|package|ingest`.

mod assign;
mod check_media;
mod convert;
mod convert_ddex;
mod export_ddex;
mod import_ddex;
mod ingest;
mod package;
mod tag_media;
mod validate;

use clap::Subcommand;

use crate::error::CmdResult;

/// `musicid release …`
#[derive(Debug, Subcommand)]
pub enum ReleaseCommand {
    /// Check the audio files and cover a release names, as a store's ingest does.
    CheckMedia(check_media::CheckMediaArgs),
    /// Write each track's ISRC into its audio file (a dry run without --write).
    TagMedia(tag_media::TagMediaArgs),
    /// Validate release files (JSON or CSV): every rule, every finding with its place.
    Validate(validate::ValidateArgs),
    /// Convert release files between JSON and CSV.
    Convert(convert::ConvertArgs),
    /// Fill in missing ISRCs (and UPCs) through the ledger and write the result.
    Assign(assign::AssignArgs),
    /// Write a release as a DDEX ERN 4.3 or 3.8.2 NewReleaseMessage, schema- and profile-valid.
    ExportDdex(export_ddex::ExportDdexArgs),
    /// Read DDEX ERN 3.7 … 4.3 messages (files or folders) into the JSON release format.
    ImportDdex(import_ddex::ImportDdexArgs),
    /// Rewrite a DDEX ERN message as ERN 4.3 or 3.8.2, naming what the conversion loses.
    ConvertDdex(convert_ddex::ConvertDdexArgs),
    /// Write releases and their files as a DDEX delivery batch (ECHO layout, manifest last).
    Package(package::PackageArgs),
    /// Take a DDEX delivery batch into a catalog, trusting nothing in it.
    Ingest(ingest::IngestArgs),
}

/// Runs a `release` command.
pub fn run(command: ReleaseCommand) -> CmdResult {
    match command {
        ReleaseCommand::CheckMedia(args) => check_media::run(&args),
        ReleaseCommand::TagMedia(args) => tag_media::run(&args),
        ReleaseCommand::Validate(args) => validate::run(&args),
        ReleaseCommand::Convert(args) => convert::run(&args),
        ReleaseCommand::Assign(args) => assign::run(&args),
        ReleaseCommand::ExportDdex(args) => export_ddex::run(&args),
        ReleaseCommand::ImportDdex(args) => import_ddex::run(&args),
        ReleaseCommand::ConvertDdex(args) => convert_ddex::run(&args),
        ReleaseCommand::Package(args) => package::run(&args),
        ReleaseCommand::Ingest(args) => ingest::run(&args),
    }
}
