//! `musicid ledger init|import|lookup|export|pools`, and the `--ledger` option of the commands
//! that issue codes.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::{Args, Subcommand};
use ledger::{Code, Import, Ledger, Record};
use release_model::csv::LineTracking;
use serde::Serialize;

use crate::atomic;
use crate::check::Format;
use crate::clock;
use crate::cmd::release::{self, InputFormat};
use crate::exit::{CmdResult, Failure, Outcome};

/// The ledger used when neither `--ledger` nor `$MUSICID_LEDGER` names one.
pub const DEFAULT_LEDGER: &str = "musicid-ledger.sqlite";

/// The `--ledger LOCATION` option.
#[derive(Debug, Clone, Args)]
pub struct LedgerArg {
    /// The ledger: an SQLite file, or a `postgres://` URL (when built with PostgreSQL support).
    #[arg(long, env = "MUSICID_LEDGER", default_value = DEFAULT_LEDGER, value_name = "LOCATION")]
    pub ledger: String,
}

impl LedgerArg {
    /// Opens the existing ledger (never creates one: a mistyped path must not start a second
    /// ledger that would issue the same codes again).
    ///
    /// # Errors
    /// No ledger there, not a ledger, or unreachable: exit 2.
    pub fn open(&self) -> Result<Ledger, Failure> {
        Ledger::open_existing(self.ledger.as_str()).map_err(|error| {
            let hint = if matches!(error, ledger::Error::NotFound { .. }) {
                format!(
                    " (create one with `musicid ledger init --ledger {}`)",
                    self.ledger
                )
            } else {
                String::new()
            };
            Failure::new(format!("{error}{hint}"))
        })
    }
}

/// Issues `count` codes of `pool` and prints them, one per line, after the commit (the
/// allocate commands of every code type).
///
/// # Errors
/// No usable ledger, a pool that cannot issue `count` codes, or output that cannot be written.
pub fn allocate_from<P: ledger::Pool>(
    ledger_arg: &LedgerArg,
    pool: &P,
    count: u64,
    reference: Option<&str>,
) -> CmdResult {
    let mut ledger = ledger_arg.open()?;
    let codes = ledger
        .issue(pool, count, SystemTime::now(), reference)
        .map_err(|e| ledger_failure(&e))?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for code in codes {
        writeln!(out, "{code}").map_err(|e| Failure::output(&e))?;
    }
    out.flush().map_err(|e| Failure::output(&e))?;
    Ok(Outcome::Clean)
}

/// The failure of a ledger operation that is not about the input (exit 2).
pub fn ledger_failure(error: &ledger::Error) -> Failure {
    Failure::new(error.to_string())
}

/// `musicid ledger …`
#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Create a new, empty ledger.
    #[command(after_help = INIT_HELP)]
    Init(LedgerArg),
    /// Record codes issued elsewhere, so that issuing continues after them.
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Show who got a code, and when.
    #[command(after_help = LOOKUP_HELP)]
    Lookup(LookupArgs),
    /// Write every recorded code as CSV.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Show the ledger's pools: how many codes each issued and which comes next.
    #[command(after_help = POOLS_HELP)]
    Pools(LedgerArg),
}

const INIT_HELP: &str = "\
The ledger location is --ledger, else $MUSICID_LEDGER, else ./musicid-ledger.sqlite. Commands
that issue codes open an existing ledger only; this command creates it. Exit 2 when the
location already holds a ledger or something else.

Examples:
  musicid ledger init
  musicid ledger init --ledger /srv/labels/leerecs.sqlite";

const IMPORT_HELP: &str = "\
Reads, by file name: `.json` release files and release `.csv` files (every UPC and ISRC, with
the release and track as reference), a CSV written by `musicid ledger export` (kept as it is),
or plain text with one code per line, optionally followed by a tab and a reference. Nothing is
recorded when any input is invalid (exit 1) or a code is already recorded for another
reference (exit 1).

Examples:
  musicid ledger import catalog.json
  musicid ledger import --ledger new.sqlite old-ledger-export.csv
  printf 'QZAQQ2500001\\tOld single\\n' | musicid ledger import -";

const LOOKUP_HELP: &str = "\
Prints `CODE  ORIGIN  ISSUED_AT  REFERENCE` (tab-separated) for each recorded code. UPCs are
compared as products (a UPC-A finds the EAN-13 of the same code). Exit 1 when a code is
invalid or not in the ledger.

Examples:
  musicid ledger lookup QZAQQ2600001
  musicid ledger lookup --format json 614141000012 QZAQQ2600013";

const EXPORT_HELP: &str = "\
Columns: kind, code, issued_at (RFC 3339, UTC), reference, origin; in code order. The file is
written atomically; `-` (the default) writes stdout.

Examples:
  musicid ledger export > ledger.csv
  musicid ledger export --ledger postgres://issuer@db/ledger -o backup.csv";

const POOLS_HELP: &str = "\
Example:
  musicid ledger pools";

/// Arguments of `musicid ledger import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files to read; `-` is stdin (plain text).
    #[arg(required = true, value_name = "FILE|-")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Arguments of `musicid ledger lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The codes (ISRCs or UPC/EANs).
    #[arg(required = true, value_name = "CODE")]
    pub codes: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Arguments of `musicid ledger export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write the CSV; `-` is stdout.
    #[arg(long, short, default_value = "-", value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Runs a `ledger` command.
pub fn run(command: LedgerCommand) -> CmdResult {
    match command {
        LedgerCommand::Init(arg) => init(&arg),
        LedgerCommand::Import(args) => import(&args),
        LedgerCommand::Lookup(args) => lookup(&args),
        LedgerCommand::Export(args) => export(&args),
        LedgerCommand::Pools(arg) => pools(&arg),
    }
}

fn init(arg: &LedgerArg) -> CmdResult {
    let ledger = Ledger::create(arg.ledger.as_str()).map_err(|e| ledger_failure(&e))?;
    eprintln!("musicid: created a ledger at {}", ledger.location());
    Ok(Outcome::Clean)
}

/// One code to import and where it was read.
struct Pending {
    place: String,
    import: Import,
}

fn import(args: &ImportArgs) -> CmdResult {
    let now = SystemTime::now();
    let mut pending = Vec::new();
    let mut invalid = 0usize;
    for file in &args.files {
        invalid += read_imports(file, now, &mut pending)?;
    }
    if invalid > 0 {
        eprintln!("musicid: {invalid} invalid inputs: nothing was imported");
        return Ok(Outcome::Invalid);
    }
    let mut ledger = args.ledger.open()?;
    let (places, imports): (Vec<String>, Vec<Import>) =
        pending.into_iter().map(|p| (p.place, p.import)).unzip();
    match ledger.import(&imports) {
        Ok(summary) => {
            eprintln!(
                "musicid: imported {} codes into {}: {} newly recorded, {} already there",
                imports.len(),
                ledger.location(),
                summary.recorded,
                summary.unchanged
            );
            Ok(Outcome::Clean)
        }
        Err(error) => {
            let ledger::Error::Conflict { code, .. } = &error else {
                return Err(ledger_failure(&error));
            };
            let place = imports
                .iter()
                .position(|import| import.code() == *code)
                .map(|i| format!("{}: ", places[i]));
            eprintln!(
                "musicid: {}{error}: nothing was imported",
                place.unwrap_or_default()
            );
            Ok(Outcome::Invalid)
        }
    }
}

/// Reads the codes of one input; reports invalid ones on stderr and returns their number.
fn read_imports(file: &str, now: SystemTime, out: &mut Vec<Pending>) -> Result<usize, Failure> {
    if file == "-" {
        return read_plain(file, now, out);
    }
    let path = Path::new(file);
    let format = InputFormat::of_path(path);
    // Any file but JSON may be a ledger export: its header says so, whatever its name.
    if format != Some(InputFormat::Json) && is_ledger_csv(path)? {
        return read_ledger_csv(file, out);
    }
    let Some(format) = format else {
        return read_plain(file, now, out);
    };
    let Some(releases) = release::read_releases(file, format)? else {
        return Ok(1);
    };
    for (place, code, reference) in release::codes_with_references(&releases) {
        let import = Import::new(code, now, Some(&reference))
            .map_err(|e| Failure::new(format!("{file}: {place}: {e}")))?;
        out.push(Pending {
            place: format!("{file}: {place}"),
            import,
        });
    }
    Ok(0)
}

fn is_ledger_csv(path: &Path) -> Result<bool, Failure> {
    let file =
        std::fs::File::open(path).map_err(|e| Failure::new(format!("{}: {e}", path.display())))?;
    let header = ledger::CSV_HEADER.join(",");
    // The header line and its line ending, no more: the first line may be huge or binary.
    let mut first = String::new();
    let _ = BufReader::new(file.take(header.len() as u64 + 2)).read_line(&mut first);
    Ok(first.trim_end() == header)
}

/// Queues an import read at `place`, or reports on stderr why the input is none; returns the
/// number of invalid inputs (0 or 1).
fn queue(out: &mut Vec<Pending>, place: String, read: Result<Import, String>) -> usize {
    match read {
        Ok(import) => {
            out.push(Pending { place, import });
            0
        }
        Err(message) => {
            eprintln!("{place}: {message}");
            1
        }
    }
}

/// A CSV written by `musicid ledger export`: the codes keep their time and reference.
fn read_ledger_csv(file: &str, out: &mut Vec<Pending>) -> Result<usize, Failure> {
    let source = std::fs::File::open(file).map_err(|e| Failure::new(format!("{file}: {e}")))?;
    let mut reader = csv::Reader::from_reader(LineTracking::new(source));
    let mut invalid = 0;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(Failure::new(format!("{file}: invalid CSV: {e}"))),
        }
        let line = record
            .position()
            .map_or(0, |p| reader.get_mut().line_at(p.byte()));
        let field = |i: usize| record.get(i).unwrap_or("");
        let read = field(1)
            .parse::<Code>()
            .map_err(|error| format!("{}: {error}", field(1)))
            .and_then(|code| {
                let issued_at = clock::parse_rfc3339(field(2)).ok_or_else(|| {
                    format!(
                        "{}: invalid issued_at: expected YYYY-MM-DDTHH:MM:SSZ",
                        field(2)
                    )
                })?;
                Import::new(code, issued_at, Some(field(3))).map_err(|e| e.to_string())
            });
        invalid += queue(out, format!("{file}:{line}"), read);
    }
    Ok(invalid)
}

/// One code per line, optionally a tab and a reference; blank lines are skipped.
fn read_plain(file: &str, now: SystemTime, out: &mut Vec<Pending>) -> Result<usize, Failure> {
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(io::stdin().lock())
    } else {
        let opened = std::fs::File::open(file).map_err(|e| Failure::new(format!("{file}: {e}")))?;
        Box::new(BufReader::new(opened))
    };
    let mut invalid = 0;
    for (index, line) in reader.split(b'\n').enumerate() {
        let line_no = index + 1;
        let bytes = line.map_err(|e| Failure::new(format!("{file}: {e}")))?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            eprintln!("{file}:{line_no}: invalid UTF-8");
            invalid += 1;
            continue;
        };
        let text = text.trim_end_matches('\r');
        if text.trim().is_empty() {
            continue;
        }
        let (code_text, reference) = match text.split_once('\t') {
            Some((code, reference)) => (code, Some(reference)),
            None => (text, None),
        };
        let read = code_text
            .parse::<Code>()
            .map_err(|e| e.to_string())
            .and_then(|code| Import::new(code, now, reference).map_err(|e| e.to_string()))
            .map_err(|message| format!("{code_text}: {message}"));
        invalid += queue(out, format!("{file}:{line_no}"), read);
    }
    Ok(invalid)
}

/// A lookup result as JSON.
#[derive(Serialize)]
struct JsonLookup<'a> {
    code: &'a str,
    found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recorded_as: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn lookup(args: &LookupArgs) -> CmdResult {
    let mut ledger = args.ledger.open()?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut problems = false;
    for input in &args.codes {
        let found: Result<Option<Record>, String> = match input.parse::<Code>() {
            Ok(code) => Ok(ledger.lookup(code).map_err(|e| ledger_failure(&e))?),
            Err(error) => Err(error.to_string()),
        };
        let written = match (args.format, &found) {
            (Format::Text, Ok(Some(record))) => writeln!(
                out,
                "{}\t{}\t{}\t{}",
                record.code,
                record.origin.as_str(),
                clock::rfc3339(record.issued_at),
                record.reference.as_deref().unwrap_or("")
            ),
            (Format::Text, Ok(None)) => {
                eprintln!("musicid: {input}: not in the ledger");
                Ok(())
            }
            (Format::Text, Err(message)) => {
                eprintln!("musicid: {input}: {message}");
                Ok(())
            }
            (Format::Json, found) => {
                let record = found.as_ref().ok().and_then(Option::as_ref);
                let object = JsonLookup {
                    code: input,
                    found: record.is_some(),
                    kind: record.map(|r| r.code.kind().as_str()),
                    recorded_as: record.map(|r| r.code.to_string()),
                    origin: record.map(|r| r.origin.as_str()),
                    issued_at: record.map(|r| clock::rfc3339(r.issued_at)),
                    reference: record.and_then(|r| r.reference.as_deref()),
                    error: found.as_ref().err().cloned(),
                };
                serde_json::to_writer(&mut out, &object)
                    .map_err(io::Error::from)
                    .and_then(|()| out.write_all(b"\n"))
            }
        };
        written.map_err(|e| Failure::output(&e))?;
        problems |= !matches!(found, Ok(Some(_)));
    }
    out.flush().map_err(|e| Failure::output(&e))?;
    Ok(Outcome::from_problems(problems))
}

fn export(args: &ExportArgs) -> CmdResult {
    let mut ledger = args.ledger.open()?;
    let mut csv = Vec::new();
    let rows = ledger
        .export_csv(&mut csv)
        .map_err(|e| ledger_failure(&e))?;
    atomic::write(&args.output, &csv)?;
    if args.output != Path::new("-") {
        eprintln!(
            "musicid: exported {rows} codes from {} to {}",
            ledger.location(),
            args.output.display()
        );
    }
    Ok(Outcome::Clean)
}

fn pools(arg: &LedgerArg) -> CmdResult {
    let mut ledger = arg.open()?;
    let pools = ledger.pools().map_err(|e| ledger_failure(&e))?;
    let mut out = io::stdout().lock();
    for status in pools {
        let next = status
            .next
            .map_or_else(|| "exhausted".to_owned(), |code| format!("next {code}"));
        writeln!(
            out,
            "{}\t{} used\t{} left\t{next}",
            status.pool, status.used, status.remaining
        )
        .map_err(|e| Failure::output(&e))?;
    }
    Ok(Outcome::Clean)
}
