//! `musicid release import-ddex`: a DDEX ERN 4.3 message into the JSON release format.
//!
//! The release is written even when it has validation errors (exit 1); a message that cannot
//! be read writes nothing (exit 1). The output is written atomically.

use std::path::PathBuf;

use clap::Args;

use crate::atomic;
use crate::cmd::findings::print_report;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Reads an ERN 4.3 NewReleaseMessage and writes its main release as JSON. Problems the reader
can read past (a 14-digit ICPN, an ICPN with a wrong check digit, videos in the track list)
and the release's validation findings go to stderr. Malformed XML, another ERN version and
dangling references are reported as FILE:LINE:COLUMN: message.

Exit codes: 0 written (warnings allowed), 1 the message could not be read (nothing written) or
the release has validation errors (written all the same), 2 usage or I/O error.

Example:
  musicid release import-ddex delivery.xml -o release.json";

/// `musicid release import-ddex FILE.xml -o OUT.json`
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ImportDdexArgs {
    /// The ERN 4.3 message.
    pub input: PathBuf,
    /// Where to write the release as JSON (`-` for stdout).
    #[arg(short, long = "out", visible_alias = "output", value_name = "OUT.json")]
    pub output: PathBuf,
}

/// Runs `musicid release import-ddex`.
///
/// # Errors
/// An unreadable input or an output that cannot be written.
pub fn run(args: &ImportDdexArgs) -> CmdResult {
    let bytes = std::fs::read(&args.input)
        .map_err(|e| Error::with(format!("{}: cannot read", args.input.display()), e))?;
    let imported = match ddex::import(&bytes) {
        Ok(imported) => imported,
        Err(ddex::Error::Io(error)) => {
            return Err(Error::with(
                format!("{}: cannot read", args.input.display()),
                error,
            ));
        }
        Err(error) => {
            match error.position() {
                Some(position) => eprintln!(
                    "{}:{}:{}: {error}",
                    args.input.display(),
                    position.line,
                    position.column
                ),
                None => eprintln!("{}: {error}", args.input.display()),
            }
            return Ok(Outcome::Invalid);
        }
    };
    print_report(&args.input, &imported.report);
    let report = imported.release.validate();
    print_report(&args.input, &report);
    let mut json = release_model::json::release_to_string(&imported.release);
    json.push('\n');
    let outcome = Outcome::from_problems(report.has_errors());
    atomic::write(&args.output, json.as_bytes()).map_err(|e| e.found(outcome))?;
    Ok(outcome)
}
