//! `musicid release ingest`: a delivery batch someone else wrote, checked and taken into a
//! catalog.

use std::path::PathBuf;

use clap::Args;
use ddex::Action;
use ddex::delivery::{self, Applied};
use release_model::Release;

use crate::atomic;
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::findings::print_report;
use crate::cmd::media_files::QcArgs;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Takes a delivery batch in the layout of DDEX's ERN choreography over SFTP (a batch folder with
its BatchComplete_*.xml manifest, a folder per release with its message and resources/) into
the catalog -o names: a catalog that exists is updated (releases matched by UPC), otherwise
one is created.

Nothing in the batch is trusted. The batch is refused as a whole, and nothing is written, when
it has no manifest (it is not complete), when a name collides with another by case, when a
reference is a URL, an absolute path, climbs with .. or leads out of the batch through a
symlink, when a file the manifest or a message names is missing, when an XML file has a DOCTYPE
or an undeclared entity (entities are never expanded), nests absurdly deep or is too large, or
when a file is larger than its message declares.

What a message asks is read from it and its manifest entry: ERN 3's UpdateIndicator and
TakeDown deals, deals that have all ended by the message's day, and the manifest's
DeliveryType (ReDelivery: an update; TakeDown with a message without deals: the ERN 4.3
takedown). A takedown of a release the catalog does not hold is reported as one, with a note.

Then each message is read (any ERN version from 3.7 to 4.3), every file it references is decoded
once, hashed and compared with its HashSum, its technical details and duration compared with
what the message claims, the QC of check-media run on the files (integrity, the embedded ISRC
against the message's, the cover), and the release is validated. One line per message on stdout:
  PATH: inserted|updated|taken down|taken down (not held)|rejected: release \"TITLE\" (upc CODE), N files checked
and its findings on stderr as LOCATION: SEVERITY [RULE] message (`musicid rules` lists them). A message with errors is left out
of the catalog (rejected).

Exit codes: 0 taken, no errors; 1 the batch was refused or a message has errors; 2 usage or
I/O error.

Example:
  musicid release ingest incoming/N_20260301120000000 -o catalog.json";

/// `musicid release ingest BATCH_DIR -o catalog.json`
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct IngestArgs {
    /// The batch folder (the one holding BatchComplete_*.xml).
    #[arg(value_name = "BATCH_DIR")]
    pub batch: PathBuf,
    /// The catalog (JSON) to update, or to create.
    #[arg(
        short,
        long = "out",
        visible_alias = "output",
        value_name = "catalog.json"
    )]
    pub output: PathBuf,
    /// The QC's cover floor and threads.
    #[command(flatten)]
    pub qc: QcArgs,
}

/// Runs `musicid release ingest`.
///
/// # Errors
/// A batch folder that cannot be listed, a file that cannot be read, a catalog that cannot be
/// read or written.
pub fn run(args: &IngestArgs) -> CmdResult {
    let ingested = match delivery::ingest(&args.batch, &args.qc.options()) {
        Ok(ingested) => ingested,
        Err(ddex::Error::Refused(refusal)) => {
            eprintln!(
                "musicid: refusing the batch [{}]: {refusal}",
                refusal.kind()
            );
            return Ok(Outcome::Invalid);
        }
        Err(error) => {
            return Err(Error::with(
                format!("{}: cannot read the batch", args.batch.display()),
                error,
            ));
        }
    };
    let mut catalog: Vec<Release> = if args.output.exists() {
        files::load_whole(&args.output, ReleaseFormat::Json)?.releases
    } else {
        Vec::new()
    };
    let applied = ingested.apply(&mut catalog);
    for (message, applied) in ingested.messages.iter().zip(&applied) {
        let what = match (&message.release, message.purged_upc) {
            (Some(release), _) => format!(
                "release {:?}{}",
                release.title,
                release
                    .upc
                    .map(|upc| format!(" (upc {upc})"))
                    .unwrap_or_default()
            ),
            (None, Some(upc)) => format!("purge of upc {upc}"),
            (None, None) => "no release".to_owned(),
        };
        // The catalog alone knows what was delivered before: a takedown or an update of a
        // release it does not hold is said so.
        let note = match (applied, message.action) {
            (Applied::NotHeld, _) => {
                "; the catalog holds no such release (never delivered to it, or taken down before): nothing removed"
            }
            (Applied::Inserted, Some(Action::Update)) => {
                "; an update of a release the catalog does not hold: inserted"
            }
            _ => "",
        };
        println!(
            "{}: {}: {what}, {} file{} checked{note}",
            message.path.display(),
            applied.as_str(),
            message.files.len(),
            if message.files.len() == 1 { "" } else { "s" }
        );
        print_report(&message.path, &message.findings);
    }
    let outcome = Outcome::from_problems(ingested.has_errors());
    let mut json = release_model::json::to_string(&catalog);
    json.push('\n');
    atomic::write(&args.output, json.as_bytes()).map_err(|e| e.found(outcome))?;
    Ok(outcome)
}
