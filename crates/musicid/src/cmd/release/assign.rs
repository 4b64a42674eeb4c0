//! `musicid release assign`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use ledger::{IsrcPool, UpcPool};

use crate::atomic;
use crate::check::ReportFormat;
use crate::cmd::assignment::assign_all;
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::findings::{Origin, write_json_line, write_report};
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
release and track in a finding of rule media.recording_known (a warning: the code is right,
but a recording delivered again deserves a look), and no new code; every new ISRC is stored
with its fingerprint. Two processes assigning the same new audio at once end with one code.

Output: the assigned codes as `CODE<TAB>REFERENCE` on stdout and the findings on stderr, like
`release validate`'s; with --format json, one object per code (its code and reference) and per
finding (validate's fields) on stdout. With `-o -` the release takes stdout: codes are not
listed and findings go to stderr.

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
    /// How the codes and findings print (see below).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// An assigned code as JSON.
#[derive(serde::Serialize)]
struct JsonCode<'a> {
    code: String,
    reference: &'a str,
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
    let text = files::render(&loaded.releases, output_format, loaded.single)?;
    atomic::write(&args.output, text.as_bytes())?;
    let origins: Vec<Origin> = (1..=loaded.releases.len())
        .map(|index_in_file| Origin {
            file: file.clone(),
            index_in_file,
        })
        .collect();
    let listed = args.output != Path::new("-");
    if listed {
        let mut out = io::BufWriter::new(io::stdout().lock());
        for (code, reference) in &summary.issued {
            match args.format {
                ReportFormat::Text => writeln!(out, "{code}\t{reference}")?,
                ReportFormat::Json => write_json_line(
                    &mut out,
                    &JsonCode {
                        code: code.to_string(),
                        reference,
                    },
                )?,
            }
        }
        out.flush()?;
    }
    // The findings join the codes on stdout as JSON; otherwise they go to stderr.
    let mut findings_out: Box<dyn Write> = if listed && args.format == ReportFormat::Json {
        Box::new(io::stdout().lock())
    } else {
        Box::new(io::stderr().lock())
    };
    write_report(
        &mut findings_out,
        args.format,
        &[],
        &loaded.releases,
        &origins,
        &summary.reused,
    )?;
    findings_out.flush()?;
    let reused = summary.reused.findings().len();
    let new = summary.issued.len() - summary.already_issued - reused;
    let mut earlier = match summary.already_issued {
        0 => String::new(),
        n => format!(" ({n} more were issued to an earlier run with the same keys)"),
    };
    if reused > 0 {
        earlier.push_str(&format!(
            "; reused the ISRCs of {reused} recordings the ledger already held"
        ));
    }
    eprintln!(
        "musicid: issued {new} codes through {}{earlier}; wrote {}",
        ledger.location(),
        args.output.display()
    );
    Ok(Outcome::Clean)
}
