//! `musicid release convert-ddex`: an ERN message of one version rewritten as another, through
//! the release model.
//!
//! Nothing is written when the message cannot be read or the release cannot be written in the
//! version asked (exit 1). The output is written atomically.

use std::path::PathBuf;

use clap::Args;
use ddex::{ErnVersion, ExportOptions};

use crate::atomic;
use crate::cmd::args::parse_ern;
use crate::cmd::findings::{print_notes, print_read_error, print_report};
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Reads an ERN NewReleaseMessage of any version from 3.7 to 4.3 and writes its release, header
and deals as a NewReleaseMessage of the version asked (--ern 4.3, the default, or 3.8.2),
valid against that version's schema and release profile. The conversion goes through the
release model: what the model has no place for (videos, related releases, other territories'
details, deals it cannot hold) is listed on stderr as FILE:LINE:COLUMN: info|warning: message
[rule], so the loss is named where it happens. The release's validation and release profile
findings follow; with errors nothing is written.

Exit codes: 0 written (warnings allowed), 1 the message cannot be read or its release cannot
be written in that version, 2 usage or I/O error.

Example:
  musicid release convert-ddex delivery-382.xml --ern 4.3 -o delivery-43.xml";

/// `musicid release convert-ddex IN.xml --ern VERSION -o OUT.xml`
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ConvertDdexArgs {
    /// The ERN message.
    pub input: PathBuf,
    /// Where to write the converted message (`-` for stdout).
    #[arg(short, long = "out", visible_alias = "output", value_name = "OUT.xml")]
    pub output: PathBuf,
    /// The ERN version to write: 4.3 or 3.8.2.
    #[arg(long, value_name = "VERSION", default_value = "4.3", value_parser = parse_ern)]
    pub ern: ErnVersion,
    /// The genre to write when the release has none (ERN requires one).
    #[arg(long, value_name = "GENRE")]
    pub default_genre: Option<String>,
}

/// Runs `musicid release convert-ddex`.
///
/// # Errors
/// An unreadable input or an output that cannot be written.
pub fn run(args: &ConvertDdexArgs) -> CmdResult {
    let bytes = std::fs::read(&args.input)
        .map_err(|e| Error::with(format!("{}: cannot read", args.input.display()), e))?;
    let imported = match ddex::import(&bytes) {
        Ok(imported) => imported,
        Err(error) => {
            print_read_error(&args.input, &error);
            return Ok(Outcome::Invalid);
        }
    };
    print_notes(&args.input, &imported.notes);
    let mut options = ExportOptions::new()
        .ern(args.ern)
        .deals(imported.deals.clone());
    options.default_genre.clone_from(&args.default_genre);
    let mut xml = Vec::with_capacity(4096 + 2048 * imported.release.tracks.len());
    match ddex::export(&imported.release, &imported.header, &options, &mut xml) {
        Ok(report) => {
            print_report(&args.input, &report);
            atomic::write(&args.output, &xml)?;
            eprintln!(
                "{}: ern {} {} written as ern {}",
                args.input.display(),
                imported.version,
                imported.action,
                args.ern
            );
            Ok(Outcome::Clean)
        }
        Err(ddex::Error::Invalid { report }) => {
            print_report(&args.input, &report);
            eprintln!(
                "{}: not converted: {} error(s) stand in the way of ern {}",
                args.input.display(),
                report.error_count(),
                args.ern
            );
            Ok(Outcome::Invalid)
        }
        Err(ddex::Error::Io(error)) => Err(Error::with(
            format!("{}: cannot write the message", args.output.display()),
            error,
        )),
        Err(error) => {
            eprintln!("{}: not converted: {error}", args.input.display());
            Ok(Outcome::Invalid)
        }
    }
}
