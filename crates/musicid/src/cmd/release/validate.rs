//! `musicid release validate`.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use release_model::ValidationOptions;
use serde::Serialize;

use crate::check::ReportFormat;
use crate::clock;
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::findings::{self, Origin};
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Syntax errors print as `FILE:LINE:COLUMN: message`; rule findings as
`FILE: release N \"TITLE\" (upc CODE), disc D track T: SEVERITY [RULE] message`.
All files are validated together as one catalog (a UPC used by two releases in two files is
found). Exit codes: 0 no errors (warnings allowed unless --deny-warnings), 1 errors found,
2 usage or I/O error.

Examples:
  musicid release validate vesica-piscis.json
  musicid release validate --draft --format json drafts/*.json";

/// Arguments of `musicid release validate`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ValidateArgs {
    /// The release files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The format of every file (default: from each file's extension).
    #[arg(long, value_enum)]
    pub input_format: Option<ReleaseFormat>,
    /// Drafts: a missing UPC or ISRC is a warning (assignment fills it), not an error.
    #[arg(long)]
    pub draft: bool,
    /// Exit 1 when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// The year ISRC year-of-reference plausibility is judged against (default: the current year).
    #[arg(long, value_name = "YEAR")]
    pub reference_year: Option<u16>,
}

/// The last JSON line of a validation.
#[derive(Serialize)]
struct JsonSummary {
    summary: bool,
    files: usize,
    releases: usize,
    errors: usize,
    warnings: usize,
}

/// Runs `musicid release validate`.
pub fn run(args: &ValidateArgs) -> CmdResult {
    let mut releases = Vec::new();
    let mut origins = Vec::new();
    let mut syntax = Vec::new();
    for path in &args.files {
        let format = ReleaseFormat::of_input(args.input_format, path)?;
        let loaded = files::load(path, format)?;
        let file = path.display().to_string();
        for (index, release) in loaded.releases.into_iter().enumerate() {
            releases.push(release);
            origins.push(Origin {
                file: file.clone(),
                index_in_file: index + 1,
            });
        }
        syntax.extend(loaded.errors);
    }
    let mut options = if args.draft {
        ValidationOptions::draft()
    } else {
        ValidationOptions::default()
    };
    options.reference_year = Some(args.reference_year.unwrap_or_else(clock::current_year));
    let report = release_model::validate_releases(&releases, &options);
    let summary = JsonSummary {
        summary: true,
        files: args.files.len(),
        releases: releases.len(),
        errors: syntax.len() + report.errors().count(),
        warnings: report.warnings().count(),
    };
    let outcome =
        Outcome::from_problems(summary.errors > 0 || (args.deny_warnings && summary.warnings > 0));

    let mut out = io::BufWriter::new(io::stdout().lock());
    findings::write_report(&mut out, args.format, &syntax, &releases, &origins, &report)
        .and_then(|()| match args.format {
            ReportFormat::Json => findings::write_json_line(&mut out, &summary),
            ReportFormat::Text => Ok(()),
        })
        .and_then(|()| out.flush())
        .map_err(|e| Error::output(e, outcome))?;
    if args.format == ReportFormat::Text {
        eprintln!(
            "musicid: validated {} releases in {} files: {} errors, {} warnings",
            summary.releases, summary.files, summary.errors, summary.warnings
        );
    }
    Ok(outcome)
}
