//! `musicid release validate|convert|assign` (and, in their own files, more release commands).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::{Args, Subcommand, ValueEnum};
use ledger::{Code, IsrcPool, Ledger, UpcPool};
use release_model::{CodeSource, Finding, Release, Severity, ValidationOptions};
use serde::Serialize;

use crate::atomic;
use crate::check::Format;
use crate::clock;
use crate::cmd::ledger::{LedgerArg, ledger_failure};
use crate::exit::{CmdResult, Failure, Outcome};

/// `musicid release …`
#[derive(Debug, Subcommand)]
pub enum ReleaseCommand {
    /// Validate release files (JSON or CSV): every rule, every finding with its place.
    #[command(after_help = VALIDATE_HELP)]
    Validate(ValidateArgs),
    /// Convert release files between JSON and CSV.
    #[command(after_help = CONVERT_HELP)]
    Convert(ConvertArgs),
    /// Fill in missing ISRCs (and UPCs) through the ledger and write the result.
    #[command(after_help = ASSIGN_HELP)]
    Assign(AssignArgs),
    /// Write a release as a DDEX ERN 4.3 NewReleaseMessage, valid against the official schema.
    ExportDdex(crate::cmd::ddex::ExportDdexArgs),
    /// Read a DDEX ERN 4.3 NewReleaseMessage into the JSON release format.
    ImportDdex(crate::cmd::ddex::ImportDdexArgs),
}

const VALIDATE_HELP: &str = "\
Syntax errors print as `FILE:LINE:COLUMN: message`; rule findings as
`FILE: release N \"TITLE\" (upc CODE), disc D track T: SEVERITY [RULE] message`.
All files are validated together as one catalog (a UPC used by two releases in two files is
found). Exit codes: 0 no errors (warnings allowed unless --deny-warnings), 1 errors found,
2 usage or I/O error.

Examples:
  musicid release validate vesica-piscis.json
  musicid release validate --draft --format json drafts/*.json";

const CONVERT_HELP: &str = "\
The formats follow the file extensions (.json, .csv) unless --input-format/--output-format say
otherwise; OUT `-` writes stdout. OUT is written atomically. Nothing is written when IN has
errors (exit 1).

Examples:
  musicid release convert vesica-piscis.json vesica-piscis.csv
  musicid release convert catalog.csv - --output-format json";

const ASSIGN_HELP: &str = "\
Every track without an ISRC gets the next one of the pool (in disc and track order), and a
release without a UPC gets one when --company-prefix is given; existing codes never change.
The codes are committed to the ledger (with the release and track as reference) before OUT is
written, atomically; the assigned codes are printed as `CODE<TAB>REFERENCE`. Nothing is issued
when a release has errors that make assignment meaningless (exit 1). If the command is stopped
after issuing and before writing, OUT stays as it was and the issued codes stay recorded in
the ledger under their references (`musicid ledger export`).

Example:
  musicid ledger init
  musicid release assign draft.json --isrc-prefix QZAQQ --year 2026 \\
      --company-prefix 0614141 -o vesica-piscis.json";

/// The release file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// The JSON release format: one release object or an array of them.
    Json,
    /// One row per track, release columns repeated.
    Csv,
}

impl InputFormat {
    /// The format a file name says (`.json`, `.csv`, any case).
    pub fn of_path(path: &Path) -> Option<InputFormat> {
        let extension = path.extension()?.to_str()?;
        if extension.eq_ignore_ascii_case("json") {
            Some(InputFormat::Json)
        } else if extension.eq_ignore_ascii_case("csv") {
            Some(InputFormat::Csv)
        } else {
            None
        }
    }

    fn resolve(given: Option<InputFormat>, path: &Path, role: &str) -> Result<Self, Failure> {
        given.or_else(|| InputFormat::of_path(path)).ok_or_else(|| {
            Failure::new(format!(
                "{}: cannot tell the {role} format from the name: use .json or .csv, or --{role}-format",
                path.display()
            ))
        })
    }
}

/// Arguments of `musicid release validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The release files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The format of every file (default: from each file's extension).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Drafts: a missing UPC or ISRC is a warning (assignment fills it), not an error.
    #[arg(long)]
    pub draft: bool,
    /// Exit 1 when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The year ISRC year-of-reference plausibility is judged against (default: the current year).
    #[arg(long, value_name = "YEAR")]
    pub reference_year: Option<u16>,
}

/// Arguments of `musicid release convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The release file to read.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The file to write (`-` for stdout).
    #[arg(value_name = "OUT")]
    pub output: PathBuf,
    /// The format of IN (default: from its extension).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// The format of OUT (default: from its extension; JSON for stdout).
    #[arg(long, value_enum)]
    pub output_format: Option<InputFormat>,
}

/// Arguments of `musicid release assign`.
#[derive(Debug, Args)]
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
    /// Where to write the releases with their codes (may be IN itself; `-` for stdout).
    #[arg(long, short, value_name = "OUT")]
    pub output: PathBuf,
    /// The format of IN (default: from its extension).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// The format of OUT (default: from its extension; JSON for stdout).
    #[arg(long, value_enum)]
    pub output_format: Option<InputFormat>,
}

/// Runs a `release` command.
pub fn run(command: ReleaseCommand) -> CmdResult {
    match command {
        ReleaseCommand::Validate(args) => validate(&args),
        ReleaseCommand::Convert(args) => convert(&args),
        ReleaseCommand::Assign(args) => assign(&args),
        ReleaseCommand::ExportDdex(args) => crate::cmd::ddex::run_export(&args),
        ReleaseCommand::ImportDdex(args) => crate::cmd::ddex::run_import(&args),
    }
}

/// Releases read from one file, and whether the file held a single release object.
pub struct Loaded {
    /// The releases read without error.
    pub releases: Vec<Release>,
    /// The file's syntax and field errors, each rendered with its place.
    pub errors: Vec<SyntaxError>,
    /// Whether a JSON file held one object rather than an array (a CSV: one release).
    pub single: bool,
}

/// A syntax or field error with its place in the file.
#[derive(Debug, Serialize)]
pub struct SyntaxError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The error kind (`json`, `csv`, …) or, for a field, the field's error kind.
    pub kind: &'static str,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{line}:{column}: ", self.file)?,
            (Some(line), None) => write!(f, "{}:{line}: ", self.file)?,
            _ => write!(f, "{}: ", self.file)?,
        }
        f.write_str(&self.message)
    }
}

fn syntax_error(file: &str, error: &release_model::Error) -> SyntaxError {
    match error {
        release_model::Error::Json {
            line,
            column,
            path,
            message,
        } => SyntaxError {
            file: file.to_owned(),
            line: Some(*line as u64),
            column: Some(*column),
            kind: "json",
            message: if path.is_empty() || path == "." {
                message.clone()
            } else {
                format!("{path}: {message}")
            },
        },
        release_model::Error::Csv {
            line,
            column,
            field,
            source,
        } => SyntaxError {
            file: file.to_owned(),
            line: Some(*line),
            column: *column,
            kind: source.kind(),
            message: match field {
                Some(field) => format!("{field}: {source}"),
                None => source.to_string(),
            },
        },
        other => SyntaxError {
            file: file.to_owned(),
            line: other.line(),
            column: None,
            kind: other.kind(),
            message: other.to_string(),
        },
    }
}

/// Reads one release file.
///
/// # Errors
/// A file that cannot be read (exit 2); syntax errors are in [`Loaded::errors`].
pub fn load(path: &Path, format: InputFormat) -> Result<Loaded, Failure> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Failure::new(format!("{file}: {e}")))?;
    let import = match format {
        InputFormat::Json => release_model::json::from_slice(&bytes),
        InputFormat::Csv => release_model::csv::read(&bytes[..]),
    };
    // JSON keeps its shape; a CSV of one release becomes one JSON object.
    let single = match format {
        InputFormat::Json => bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'{'),
        InputFormat::Csv => import.releases.len() == 1,
    };
    Ok(Loaded {
        errors: import
            .errors
            .iter()
            .map(|e| syntax_error(&file, e))
            .collect(),
        releases: import.releases,
        single,
    })
}

/// Reads one release file for a command that needs it whole: errors go to stderr and give
/// `None`.
///
/// # Errors
/// A file that cannot be read (exit 2).
pub fn read_releases(file: &str, format: InputFormat) -> Result<Option<Vec<Release>>, Failure> {
    Ok(read_whole(Path::new(file), format)?.map(|loaded| loaded.releases))
}

fn read_whole(path: &Path, format: InputFormat) -> Result<Option<Loaded>, Failure> {
    let loaded = load(path, format)?;
    if loaded.errors.is_empty() {
        return Ok(Some(loaded));
    }
    for error in &loaded.errors {
        eprintln!("{error}");
    }
    eprintln!(
        "musicid: {}: {} errors: nothing was done",
        path.display(),
        loaded.errors.len()
    );
    Ok(None)
}

/// The reference the ledger records for a release's UPC.
pub fn release_reference(release: &Release) -> String {
    format!("{} / {}", release.artist, release.title)
}

/// The reference the ledger records for a track's ISRC.
pub fn track_reference(release: &Release, disc: u32, number: u32) -> String {
    format!(
        "{} / {} / disc {disc} track {number}",
        release.artist, release.title
    )
}

/// Every code of the releases with its place and ledger reference.
pub fn codes_with_references(releases: &[Release]) -> Vec<(String, Code, String)> {
    let mut codes = Vec::new();
    for (index, release) in releases.iter().enumerate() {
        if let Some(upc) = release.upc {
            codes.push((
                format!("release {}", index + 1),
                Code::from(upc),
                release_reference(release),
            ));
        }
        for track in &release.tracks {
            if let Some(isrc) = track.isrc {
                codes.push((
                    format!(
                        "release {}, disc {} track {}",
                        index + 1,
                        track.disc,
                        track.number
                    ),
                    Code::from(isrc),
                    track_reference(release, track.disc, track.number),
                ));
            }
        }
    }
    codes
}

/// Serialises releases in a format: one JSON object when `single`, else an array; a JSON
/// text ends with a newline like the CSV.
pub fn render(releases: &[Release], format: InputFormat, single: bool) -> String {
    let mut text = match (format, releases) {
        (InputFormat::Json, [release]) if single => release_model::json::release_to_string(release),
        (InputFormat::Json, _) => release_model::json::to_string(releases),
        (InputFormat::Csv, _) => return release_model::csv::to_string(releases),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Where each release of the combined catalog came from.
struct Origin {
    file: String,
    index_in_file: usize,
}

/// A rule finding as JSON.
#[derive(Serialize)]
struct JsonFinding<'a> {
    file: &'a str,
    release: usize,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    upc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disc: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    track: Option<u32>,
    severity: Severity,
    rule: &'a str,
    message: &'a str,
}

/// A syntax error as JSON.
#[derive(Serialize)]
struct JsonSyntax<'a> {
    #[serde(flatten)]
    error: &'a SyntaxError,
    severity: Severity,
    rule: &'a str,
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

fn validate(args: &ValidateArgs) -> CmdResult {
    let mut releases = Vec::new();
    let mut origins = Vec::new();
    let mut syntax = Vec::new();
    for path in &args.files {
        let format = InputFormat::resolve(args.input_format, path, "input")?;
        let loaded = load(path, format)?;
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

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = write_validation(&mut out, args.format, &syntax, &releases, &origins, &report)
        .and_then(|()| match args.format {
            Format::Json => write_json_line(&mut out, &summary),
            Format::Text => Ok(()),
        })
        .and_then(|()| out.flush());
    written.map_err(|e| Failure::output(&e))?;
    if args.format == Format::Text {
        eprintln!(
            "musicid: validated {} releases in {} files: {} errors, {} warnings",
            summary.releases, summary.files, summary.errors, summary.warnings
        );
    }
    Ok(Outcome::from_problems(
        summary.errors > 0 || (args.deny_warnings && summary.warnings > 0),
    ))
}

/// Writes one JSON object and its newline.
fn write_json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

fn write_validation(
    out: &mut impl Write,
    format: Format,
    syntax: &[SyntaxError],
    releases: &[Release],
    origins: &[Origin],
    report: &release_model::Report,
) -> io::Result<()> {
    for error in syntax {
        match format {
            Format::Text => writeln!(out, "{error}")?,
            Format::Json => {
                let object = JsonSyntax {
                    error,
                    severity: Severity::Error,
                    rule: "syntax",
                };
                write_json_line(out, &object)?;
            }
        }
    }
    for finding in report.findings() {
        let Some((release, origin)) = releases
            .get(finding.location.release)
            .zip(origins.get(finding.location.release))
        else {
            continue;
        };
        match format {
            Format::Text => writeln!(out, "{}", text_finding(finding, release, origin))?,
            Format::Json => {
                let object = JsonFinding {
                    file: &origin.file,
                    release: origin.index_in_file,
                    title: &release.title,
                    upc: finding.location.upc.map(|u| u.to_string()),
                    disc: finding.location.disc,
                    track: finding.location.track,
                    severity: finding.severity,
                    rule: finding.rule,
                    message: &finding.message,
                };
                write_json_line(out, &object)?;
            }
        }
    }
    Ok(())
}

fn text_finding(finding: &Finding, release: &Release, origin: &Origin) -> String {
    let mut place = format!(
        "{}: release {} {:?}",
        origin.file, origin.index_in_file, release.title
    );
    if let Some(upc) = finding.location.upc {
        place.push_str(&format!(" (upc {upc})"));
    }
    match (finding.location.disc, finding.location.track) {
        (Some(disc), Some(track)) => place.push_str(&format!(", disc {disc} track {track}")),
        (Some(disc), None) => place.push_str(&format!(", disc {disc}")),
        _ => {}
    }
    format!(
        "{place}: {} [{}] {}",
        finding.severity, finding.rule, finding.message
    )
}

fn output_format(given: Option<InputFormat>, path: &Path) -> Result<InputFormat, Failure> {
    if path == Path::new("-") {
        return Ok(given.unwrap_or(InputFormat::Json));
    }
    InputFormat::resolve(given, path, "output")
}

fn convert(args: &ConvertArgs) -> CmdResult {
    let input_format = InputFormat::resolve(args.input_format, &args.input, "input")?;
    let output_format = output_format(args.output_format, &args.output)?;
    let Some(loaded) = read_whole(&args.input, input_format)? else {
        return Ok(Outcome::Invalid);
    };
    let text = render(&loaded.releases, output_format, loaded.single);
    atomic::write(&args.output, text.as_bytes())?;
    Ok(Outcome::Clean)
}

/// Issues codes from the ledger for one release at a time.
struct LedgerSource<'a> {
    ledger: &'a mut Ledger,
    isrcs: &'a IsrcPool,
    upcs: Option<&'a UpcPool>,
    issued_at: SystemTime,
    /// The references of the tracks lacking an ISRC, in the order assign asks for them.
    track_references: Vec<String>,
    release_reference: String,
}

fn source_error(error: ledger::Error) -> release_model::Error {
    release_model::Error::CodeSource(Box::new(error))
}

impl CodeSource for LedgerSource<'_> {
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<isrc::Isrc>, release_model::Error> {
        if self.track_references.len() == n as usize {
            self.ledger
                .issue_for(self.isrcs, &self.track_references, self.issued_at)
                .map_err(source_error)
        } else {
            self.ledger
                .issue(
                    self.isrcs,
                    u64::from(n),
                    self.issued_at,
                    Some(&self.release_reference),
                )
                .map_err(source_error)
        }
    }

    fn next_upc(&mut self) -> Result<Option<upc::Upc>, release_model::Error> {
        let Some(pool) = self.upcs else {
            return Ok(None);
        };
        let codes = self
            .ledger
            .issue(pool, 1, self.issued_at, Some(&self.release_reference))
            .map_err(source_error)?;
        Ok(codes.first().copied())
    }
}

/// The findings that stop assignment (their order or identity is not settled).
fn blocking(release: &Release) -> Vec<Finding> {
    release
        .validate_with(&ValidationOptions::draft())
        .findings()
        .iter()
        .filter(|f| {
            f.severity == Severity::Error
                && release_model::rule(f.rule).is_some_and(|rule| rule.blocks_assignment)
        })
        .cloned()
        .collect()
}

/// What `assign_all` did.
pub struct AssignSummary {
    /// Every code issued, with its reference, in issue order.
    pub issued: Vec<(Code, String)>,
}

/// Assigns the missing codes of every release through the ledger, refusing (with the
/// findings printed, nothing issued) when any release is not ready.
///
/// # Errors
/// Ledger failures (exit 2). `Ok(None)` when a release is not ready (exit 1).
pub fn assign_all(
    file: &str,
    releases: &mut [Release],
    ledger: &mut Ledger,
    isrcs: &IsrcPool,
    upcs: Option<&UpcPool>,
) -> Result<Option<AssignSummary>, Failure> {
    let mut refused = false;
    for (index, release) in releases.iter().enumerate() {
        for finding in blocking(release) {
            refused = true;
            let origin = Origin {
                file: file.to_owned(),
                index_in_file: index + 1,
            };
            eprintln!("{}", text_finding(&finding, release, &origin));
        }
    }
    if refused {
        eprintln!("musicid: {file}: not ready for codes: nothing was issued");
        return Ok(None);
    }
    let issued_at = SystemTime::now();
    let mut issued = Vec::new();
    for release in releases.iter_mut() {
        let mut missing: Vec<(u32, u32)> = release
            .tracks
            .iter()
            .filter(|t| t.isrc.is_none())
            .map(|t| (t.disc, t.number))
            .collect();
        missing.sort_unstable();
        let mut source = LedgerSource {
            ledger: &mut *ledger,
            isrcs,
            upcs,
            issued_at,
            track_references: missing
                .iter()
                .map(|&(disc, number)| track_reference(release, disc, number))
                .collect(),
            release_reference: release_reference(release),
        };
        let assigned = release.assign(&mut source).map_err(|error| match error {
            release_model::Error::CodeSource(inner) => Failure::new(inner.to_string()),
            other => Failure::new(format!("{file}: {other}")),
        })?;
        if let Some(upc) = assigned.upc {
            issued.push((Code::from(upc), release_reference(release)));
        }
        for code in assigned.isrcs {
            issued.push((
                Code::from(code.isrc),
                track_reference(release, code.disc, code.number),
            ));
        }
    }
    Ok(Some(AssignSummary { issued }))
}

fn assign(args: &AssignArgs) -> CmdResult {
    let input_format = InputFormat::resolve(args.input_format, &args.input, "input")?;
    let output_format = output_format(args.output_format, &args.output)?;
    let isrcs = IsrcPool::parse(&args.isrc_prefix, &args.year).map_err(|e| ledger_failure(&e))?;
    let upcs = args
        .company_prefix
        .as_deref()
        .map(UpcPool::parse)
        .transpose()
        .map_err(|e| ledger_failure(&e))?;
    let Some(mut loaded) = read_whole(&args.input, input_format)? else {
        return Ok(Outcome::Invalid);
    };
    let mut ledger = args.ledger.open()?;
    let file = args.input.display().to_string();
    let Some(summary) = assign_all(
        &file,
        &mut loaded.releases,
        &mut ledger,
        &isrcs,
        upcs.as_ref(),
    )?
    else {
        return Ok(Outcome::Invalid);
    };
    let text = render(&loaded.releases, output_format, loaded.single);
    atomic::write(&args.output, text.as_bytes())?;
    if args.output != Path::new("-") {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        for (code, reference) in &summary.issued {
            writeln!(out, "{code}\t{reference}").map_err(|e| Failure::output(&e))?;
        }
        out.flush().map_err(|e| Failure::output(&e))?;
    }
    eprintln!(
        "musicid: issued {} codes through {}; wrote {}",
        summary.issued.len(),
        ledger.location(),
        args.output.display()
    );
    Ok(Outcome::Clean)
}
