//! `musicid release package`: releases and their files as a delivery batch in the layout of
//! DDEX's ERN choreography (ECHO), the manifest written last.

use std::path::{Path, PathBuf};

use clap::Args;
use ddex::delivery::{self, PackageOptions, Source};
use ddex::{Action, DateTime, Dpid, ErnVersion, ExportOptions, MessageHeader, MessageParty};

use crate::clock;
use crate::cmd::args::{parse_ddex, parse_ern};
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::findings::print_report;
use crate::cmd::media_files::QcArgs;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Writes the releases of the release files (JSON or CSV; several releases go into one batch) as a
delivery batch under BATCHES/, in the layout of DDEX's ERN choreography over SFTP (ECHO 1.7,
batched profile):

  BATCHES/N_<BatchId>/BatchComplete_<BatchId>.xml     the manifest, written last
  BATCHES/N_<BatchId>/<UPC>/<UPC>.xml                 the ERN NewReleaseMessage
  BATCHES/N_<BatchId>/<UPC>/resources/<UPC>_DD_TTT.ext  each track's file (disc, track)
  BATCHES/N_<BatchId>/<UPC>/resources/<UPC>_front.ext   the cover, an Image resource

The BatchId is the creation time YYYYMMDDhhmmssnnn. Each release is validated first (as
export-ddex does) and its files checked as check-media does, which measures them; nothing is
written if one has errors. Track files (`file`) and the cover (`cover`) are paths relative to
the release file; each is hard-linked into the batch (copied and verified by hash across file
systems) and referenced from the message with its MD5 HashSum, size and technical details
(codec, channels, sampling rate, bits per sample, duration; the cover's size). Every file is synced before the manifest is written, so a batch stopped half-way has no
manifest and a receiver never takes it.

For releases delivered before, --update sends each release whole again (ERN 3.8.2 marks it
UpdateIndicator UpdateMessage; ERN 4.3 has no indicator) and --takedown takes each one down
(ERN 3.8.2: UpdateMessage with one deal TakeDown true, worldwide, from the creation day;
ERN 4.3: the release's message without deals, the form the ERN 4.3 standard, Part 1 §6.19.4,
calls sufficient). A takedown carries no files: none is checked or delivered. The manifest's
DeliveryType says NewReleaseDelivery, ReDelivery or TakeDown.

Exit codes: 0 written, 1 a release cannot be delivered as it is, 2 usage or I/O error.

Example:
  musicid release package vesica-piscis.json --ern 4.3 --out batches/ \\
    --sender-dpid PADPIDA2013042401U --recipient-dpid PADPIDA2009101501Y";

/// `musicid release package RELEASE.json... --out BATCHES/ …`
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct PackageArgs {
    /// The release files (JSON, or CSV by extension).
    #[arg(required = true, value_name = "RELEASE.json")]
    pub inputs: Vec<PathBuf>,
    /// The folder the batch folder is created in.
    #[arg(short, long = "out", visible_alias = "output", value_name = "BATCHES")]
    pub output: PathBuf,
    /// The ERN version to write: 4.3 or 3.8.2.
    #[arg(long, value_name = "VERSION", default_value = "4.3", value_parser = parse_ern)]
    pub ern: ErnVersion,
    /// The sender's DDEX party id (PADPIDA…).
    #[arg(long, value_name = "DPID", value_parser = parse_ddex::<Dpid>)]
    pub sender_dpid: Dpid,
    /// The sender's name.
    #[arg(long, value_name = "NAME")]
    pub sender_name: Option<String>,
    /// The recipient's DDEX party id (PADPIDA…).
    #[arg(long, value_name = "DPID", value_parser = parse_ddex::<Dpid>)]
    pub recipient_dpid: Dpid,
    /// The recipient's name.
    #[arg(long, value_name = "NAME")]
    pub recipient_name: Option<String>,
    /// The message id prefix, unique for the sender (default: BATCH-<BatchId>); each message
    /// gets `_<UPC>` after it.
    #[arg(long, value_name = "ID")]
    pub message_id: Option<String>,
    /// The creation time, an xs:dateTime with a zone (default: now, UTC); it names the batch.
    #[arg(long, value_name = "DATETIME", value_parser = parse_ddex::<DateTime>)]
    pub created: Option<DateTime>,
    /// The genre to write for a release without one (ERN requires one).
    #[arg(long, value_name = "GENRE")]
    pub default_genre: Option<String>,
    /// Updates of releases delivered before (the manifest says ReDelivery).
    #[arg(long, conflicts_with = "takedown")]
    pub update: bool,
    /// Takedowns of releases delivered before: messages without files (the manifest says
    /// TakeDown).
    #[arg(long)]
    pub takedown: bool,
    /// The QC's cover floor and threads.
    #[command(flatten)]
    pub qc: QcArgs,
}

fn party(dpid: &Dpid, name: Option<&String>) -> MessageParty {
    let mut party = MessageParty::new(dpid.clone(), name.cloned().unwrap_or_default());
    if name.is_none() {
        party.name = None;
    }
    party
}

/// Runs `musicid release package`.
///
/// # Errors
/// An unreadable input, a bad header value, a batch folder that exists, or a file that cannot
/// be read, linked, copied or written.
pub fn run(args: &PackageArgs) -> CmdResult {
    let mut sources = Vec::new();
    for input in &args.inputs {
        let format = ReleaseFormat::of_path(input).unwrap_or(ReleaseFormat::Json);
        let base = input.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        for release in files::load_whole(input, format)?.releases {
            sources.push(Source {
                release,
                base: base.clone(),
            });
        }
    }
    let created = match &args.created {
        Some(created) => created.clone(),
        None => clock::rfc3339_millis()
            .parse()
            .map_err(|e| Error::with("cannot tell the time", e))?,
    };
    let batch_id = delivery::batch_id(&created);
    let header = MessageHeader::new(
        args.message_id
            .clone()
            .unwrap_or_else(|| format!("BATCH-{batch_id}")),
        party(&args.sender_dpid, args.sender_name.as_ref()),
        party(&args.recipient_dpid, args.recipient_name.as_ref()),
        created,
    );
    header.check()?;
    let action = if args.takedown {
        Action::Takedown
    } else if args.update {
        Action::Update
    } else {
        Action::Insert
    };
    let mut export = ExportOptions::new().ern(args.ern).action(action);
    export.default_genre.clone_from(&args.default_genre);
    let options = PackageOptions::new(batch_id)
        .export(export)
        .qc(args.qc.options());
    match delivery::package(&sources, &header, &options, &args.output) {
        Ok(packaged) => {
            eprintln!(
                "{}: {} release{} packaged as {} ({} file{} linked, {} copied and verified), manifest {}",
                packaged.batch.display(),
                packaged.messages.len(),
                if packaged.messages.len() == 1 {
                    ""
                } else {
                    "s"
                },
                match action {
                    Action::Takedown => "takedowns",
                    Action::Update => "updates",
                    _ => "first deliveries",
                },
                packaged.linked,
                if packaged.linked == 1 { "" } else { "s" },
                packaged.copied,
                packaged.manifest.display()
            );
            println!("{}", packaged.batch.display());
            Ok(Outcome::Clean)
        }
        Err(ddex::Error::Invalid { report }) => {
            for input in &args.inputs {
                print_report(input, &report);
            }
            eprintln!(
                "not packaged: {} error(s) must be fixed first",
                report.error_count()
            );
            Ok(Outcome::Invalid)
        }
        Err(ddex::Error::Io(error)) => Err(Error::with(
            format!("{}: cannot write the batch", args.output.display()),
            error,
        )),
        Err(error) => {
            eprintln!("not packaged: {error}");
            Ok(Outcome::Invalid)
        }
    }
}
