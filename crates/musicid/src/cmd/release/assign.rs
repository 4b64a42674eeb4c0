//! `musicid release assign`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use ledger::{IsrcPool, UpcPool};

use crate::atomic;
use crate::cmd::assignment::assign_all;
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Outcome};

const HELP: &str = "\
Every track without an ISRC gets the next one of the pool (in disc and track order), and a
release without a UPC gets one when --company-prefix is given; existing codes never change.
The codes are committed to the ledger (with the release and track as reference) before OUT is
written, atomically; the assigned codes are printed as `CODE<TAB>REFERENCE`. Nothing is issued
when a release has errors that make assignment meaningless (exit 1). If the command is stopped
after issuing and before writing, OUT stays as it was and the issued codes stay recorded in
the ledger under their references (`musicid ledger export`).

Running it again is safe: each code is requested under a key, by default its reference (the
release's artist and title, and the disc and track), and a key the ledger already holds gets
the code issued for it, not a new one, so a retried run prints and writes the same codes. A
new edition with the same artist and title needs its own keys: --key PREFIX keys the requests
`PREFIX / release N` and `PREFIX / release N / disc D track T` (N the release's place in IN),
for pipelines with their own ids.

With --media, each track lacking an ISRC is fingerprinted from its file (a path relative to
IN): a track whose recording the ledger already holds — the single re-released on the album,
the master delivered again as FLAC — gets that recording's ISRC, reported with the earlier
release and track, and no new code; every new ISRC is stored with its fingerprint. Two
processes assigning the same new audio at once end with one code.

Example:
  musicid ledger init
  musicid release assign draft.json --isrc-prefix QZAQQ --year 2026 \\
      --company-prefix 0614141 -o vesica-piscis.json";

/// Arguments of `musicid release assign`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct AssignArgs {
    /// The release file to read (drafts without codes, or with some).
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The registrant prefix the ISRCs are issued under.
    #[arg(long, value_name = "PREFIX")]
    pub isrc_prefix: String,
    /// The year of assignment (2026 or 26): the ISRCs' year of reference.
    #[arg(long)]
    pub year: String,
    /// The GS1 company prefix UPCs are issued under (releases without one get one).
    #[arg(long, value_name = "DIGITS")]
    pub company_prefix: Option<String>,
    #[command(flatten)]
    pub ledger: LedgerArg,
    /// Key the ledger requests with PREFIX instead of the releases' references (see below).
    #[arg(long, value_name = "PREFIX")]
    pub key: Option<String>,
    /// Fingerprint each track's file and reuse the ISRC of a recording the ledger already holds
    /// (see below); new ISRCs are stored with their fingerprints.
    #[arg(long)]
    pub media: bool,
    /// Where to write the releases with their codes (may be IN itself; `-` for stdout).
    #[arg(short, long = "out", visible_alias = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// The format of IN (default: from its extension).
    #[arg(long, value_enum)]
    pub input_format: Option<ReleaseFormat>,
    /// The format of OUT (default: from its extension; JSON for stdout).
    #[arg(long, value_enum)]
    pub output_format: Option<ReleaseFormat>,
}

/// Runs `musicid release assign`.
pub fn run(args: &AssignArgs) -> CmdResult {
    let input_format = ReleaseFormat::of_input(args.input_format, &args.input)?;
    let output_format = ReleaseFormat::of_output(args.output_format, &args.output)?;
    let isrcs = IsrcPool::parse(&args.isrc_prefix, &args.year)?;
    let upcs = args
        .company_prefix
        .as_deref()
        .map(UpcPool::parse)
        .transpose()?;
    let mut loaded = files::load_whole(&args.input, input_format)?;
    let mut ledger = args.ledger.open()?;
    let file = args.input.display().to_string();
    let summary = assign_all(
        &file,
        &mut loaded.releases,
        &mut ledger,
        &isrcs,
        upcs.as_ref(),
        args.key.as_deref(),
        args.media
            .then(|| args.input.parent().unwrap_or(Path::new(""))),
    )?;
    let text = files::render(&loaded.releases, output_format, loaded.single);
    atomic::write(&args.output, text.as_bytes())?;
    if args.output != Path::new("-") {
        let mut out = io::BufWriter::new(io::stdout().lock());
        for (code, reference) in &summary.issued {
            writeln!(out, "{code}\t{reference}")?;
        }
        out.flush()?;
    }
    let new = summary.issued.len() - summary.already_issued - summary.reused.len();
    let mut earlier = match summary.already_issued {
        0 => String::new(),
        n => format!(" ({n} more were issued to an earlier run with the same keys)"),
    };
    if !summary.reused.is_empty() {
        earlier.push_str(&format!(
            "; reused the ISRCs of {} recordings the ledger already held",
            summary.reused.len()
        ));
    }
    eprintln!(
        "musicid: issued {new} codes through {}{earlier}; wrote {}",
        ledger.location(),
        args.output.display()
    );
    Ok(Outcome::Clean)
}
