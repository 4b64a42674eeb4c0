//! `musicid release import-ddex`: DDEX ERN messages (3.7 … 4.3, files or folders) into the
//! JSON release format.
//!
//! The releases are written even when they have validation errors (exit 1); a message that
//! cannot be read is reported and the others are still read (exit 1). The output is written
//! atomically.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Args;

use crate::atomic;
use crate::cmd::findings::{print_notes, print_read_error, print_report};
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Reads ERN NewReleaseMessages of any version from 3.7 to 4.3 (the version comes from the
namespace; UTF-8 or UTF-16 with a byte order mark) and writes their main releases as JSON: one
file gives one release object, several files or a folder (read in parallel, every .xml file at
any depth) give an array. For each message stderr says what it asks for (insert, update,
takedown, or purge for a PurgeReleaseMessage) and lists the reader's notes as
FILE:LINE:COLUMN: warning|info: message [rule]: what it mended, and what the release model has
no place for (videos, related releases, other territories' details), so a lossy conversion
says where it lost what. Then the releases' validation findings. A message that cannot be read
(malformed XML, a version older than 3.7, a dangling reference) is reported as
FILE:LINE:COLUMN: message and the others are still read.

Exit codes: 0 written (warnings allowed), 1 a message could not be read or a release has
validation errors (the others are written all the same), 2 usage or I/O error.

Examples:
  musicid release import-ddex delivery.xml -o release.json
  musicid release import-ddex deliveries/ more.xml -o catalog.json";

/// `musicid release import-ddex FILE.xml|FOLDER... -o OUT.json`
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ImportDdexArgs {
    /// The ERN messages, or folders of them.
    #[arg(required = true, value_name = "FILE.xml|FOLDER")]
    pub inputs: Vec<PathBuf>,
    /// Where to write the release (or, for several files, the array of releases) as JSON
    /// (`-` for stdout).
    #[arg(short, long = "out", visible_alias = "output", value_name = "OUT.json")]
    pub output: PathBuf,
}

/// Runs `musicid release import-ddex`.
///
/// # Errors
/// An input that does not exist, a folder that cannot be listed, or an output that cannot be
/// written.
pub fn run(args: &ImportDdexArgs) -> CmdResult {
    let files = ddex::xml_files(&args.inputs)
        .map_err(|e| Error::with("cannot list the inputs".to_owned(), e))?;
    let threads = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    let batch = ddex::read_files(&files, threads);
    let mut problems = false;
    let mut releases = Vec::new();
    for file in batch.files {
        match file.outcome {
            Ok(ddex::Delivery::Release(imported)) => {
                eprintln!(
                    "{}: ern {} {}{}: release {:?}{} with {} track{}",
                    file.path.display(),
                    imported.version,
                    imported.action,
                    if imported.test { " (test message)" } else { "" },
                    imported.release.title,
                    imported
                        .release
                        .upc
                        .map(|upc| format!(" (upc {upc})"))
                        .unwrap_or_default(),
                    imported.release.tracks.len(),
                    if imported.release.tracks.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                );
                print_notes(&file.path, &imported.notes);
                let report = imported.release.validate();
                print_report(&file.path, &report);
                problems |= report.has_errors();
                releases.push(imported.release);
            }
            Ok(ddex::Delivery::Purge(purged)) => {
                eprintln!(
                    "{}: ern {} purge{}: remove the release with {}",
                    file.path.display(),
                    purged.version,
                    if purged.test { " (test message)" } else { "" },
                    purged.describe()
                );
                print_notes(&file.path, &purged.notes);
            }
            Err(ddex::Error::Io(error)) => {
                return Err(Error::with(
                    format!("{}: cannot read", file.path.display()),
                    error,
                ));
            }
            Err(error) => {
                print_read_error(&file.path, &error);
                problems = true;
            }
        }
    }
    let mut json = match (files.len(), releases.as_slice()) {
        (1, [release]) => release_model::json::release_to_string(release),
        (1, []) => {
            // One message that gave no release: nothing to write.
            return Ok(Outcome::from_problems(problems));
        }
        _ => release_model::json::to_string(&releases),
    };
    json.push('\n');
    let outcome = Outcome::from_problems(problems);
    atomic::write(&args.output, json.as_bytes()).map_err(|e| e.found(outcome))?;
    Ok(outcome)
}
