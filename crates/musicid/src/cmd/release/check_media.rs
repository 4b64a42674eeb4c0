//! `musicid release check-media`.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::check::ReportFormat;
use crate::cmd::files::ReleaseFormat;
use crate::cmd::findings::{self, write_json_line};
use crate::cmd::media_files;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Checks the files each track names (`file`) and the release's cover (`cover`), paths relative
to the release file, the way a store's ingest does: the file is there and decodes from start
to end, its duration is the metadata's within 1 s, its embedded ISRC is the track's, no two
tracks carry the same audio under different ISRCs — sample for sample, or by acoustic
fingerprint across every file given (a master re-encoded or at another gain is one recording:
media.same_recording), and no ISRC sits over two different recordings
(media.isrc_sounds_different) —, the audio reaches 16 bit / 44.1 kHz
lossless, the cover is a square 8-bit RGB PNG or JPEG of at least --min-cover px (3000
recommended). Findings print like `release validate`'s, with rule ids media.* and cover.*.
Exit codes: 0 no errors (warnings allowed unless --deny-warnings), 1 errors, 2 usage or I/O
error.

Examples:
  musicid release check-media vesica-piscis.json
  musicid release check-media --format json --min-cover 640 catalog.csv";

/// Arguments of `musicid release check-media`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct CheckMediaArgs {
    /// The release files (JSON or CSV).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The format of every file (default: from each file's extension).
    #[arg(long, value_enum)]
    pub input_format: Option<ReleaseFormat>,
    /// The QC's cover floor and threads.
    #[command(flatten)]
    pub qc: media_files::QcArgs,
    /// Exit 1 when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Serialize)]
struct JsonSummary {
    summary: bool,
    files: usize,
    releases: usize,
    tracks: usize,
    errors: usize,
    warnings: usize,
}

/// Runs `musicid release check-media`.
pub fn run(args: &CheckMediaArgs) -> CmdResult {
    let loaded = media_files::load(&args.files, args.input_format)?;
    let options = args.qc.options();
    let tracks: usize = loaded.releases.iter().map(|r| r.tracks.len()).sum();
    let bar = media_files::progress(tracks);
    let check = media::check_media(&loaded.releases, &loaded.media, &options, &|_| {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = &check.report;
    let summary = JsonSummary {
        summary: true,
        files: args.files.len(),
        releases: loaded.releases.len(),
        tracks,
        errors: loaded.syntax.len() + report.error_count(),
        warnings: report.warning_count(),
    };
    let outcome =
        Outcome::from_problems(summary.errors > 0 || (args.deny_warnings && summary.warnings > 0));
    let mut out = io::BufWriter::new(io::stdout().lock());
    findings::write_report(
        &mut out,
        args.format,
        &loaded.syntax,
        &loaded.releases,
        &loaded.origins,
        report,
    )
    .and_then(|()| match args.format {
        ReportFormat::Json => write_json_line(&mut out, &summary),
        ReportFormat::Text => Ok(()),
    })
    .and_then(|()| out.flush())
    .map_err(|e| Error::output(e, outcome))?;
    if args.format == ReportFormat::Text {
        eprintln!(
            "musicid: checked the files of {} tracks in {} releases: {} errors, {} warnings",
            summary.tracks, summary.releases, summary.errors, summary.warnings
        );
    }
    Ok(outcome)
}
