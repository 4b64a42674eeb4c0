//! `musicid ledger import`: codes issued elsewhere, from release files, ledger exports or
//! plain text.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::time::SystemTime;

use clap::Args;
use ident_core::lines::LineTracking;
use ledger::{Code, ImportedCode};

use crate::clock;
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::ledger_arg::{LedgerArg, codes_with_references};
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Reads, by file name: `.json` release files and release `.csv` files (every UPC and ISRC, with
the release and track as reference), a CSV written by `musicid ledger export` (kept as it is),
or plain text with one code per line, optionally followed by a tab and a reference. Nothing is
recorded when any input is invalid (exit 1) or a code is already recorded for another
reference (exit 1).

Examples:
  musicid ledger import catalog.json
  musicid ledger import --ledger new.sqlite old-ledger-export.csv
  printf 'QZAQQ2500001\\tOld single\\n' | musicid ledger import -";

/// Arguments of `musicid ledger import`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ImportArgs {
    /// The files to read; `-` is stdin (plain text).
    #[arg(required = true, value_name = "FILE|-")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// One code to import and where it was read.
struct Pending {
    place: String,
    import: ImportedCode,
}

/// Runs `musicid ledger import`.
pub fn run(args: &ImportArgs) -> CmdResult {
    let now = clock::now();
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
    let (places, imports): (Vec<String>, Vec<ImportedCode>) =
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
                return Err(error.into());
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
fn read_imports(file: &str, now: SystemTime, out: &mut Vec<Pending>) -> Result<usize, Error> {
    if file == "-" {
        return read_plain(file, now, out);
    }
    let path = Path::new(file);
    let format = ReleaseFormat::of_path(path);
    // Any file but JSON may be a ledger export: its header says so, whatever its name.
    if format != Some(ReleaseFormat::Json) && is_ledger_csv(path)? {
        return read_ledger_csv(file, out);
    }
    let Some(format) = format else {
        return read_plain(file, now, out);
    };
    let releases = match files::load_whole(path, format) {
        Ok(loaded) => loaded.releases,
        // Reported; the other inputs are still read.
        Err(Error::Invalid) => return Ok(1),
        Err(error) => return Err(error),
    };
    for (place, code, reference) in codes_with_references(&releases) {
        let import = ImportedCode::new(code, now, Some(&reference))
            .map_err(|e| Error::with(format!("{file}: {place}"), e))?;
        out.push(Pending {
            place: format!("{file}: {place}"),
            import,
        });
    }
    Ok(0)
}

fn is_ledger_csv(path: &Path) -> Result<bool, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::with(path.display().to_string(), e))?;
    let header = ledger::CSV_HEADER.join(",");
    // The header line and its line ending, no more: the first line may be huge or binary.
    let mut first = String::new();
    let _ = BufReader::new(file.take(header.len() as u64 + 2)).read_line(&mut first);
    Ok(first.trim_end() == header)
}

/// Queues an import read at `place`, or reports on stderr why the input is none; returns the
/// number of invalid inputs (0 or 1).
fn queue(out: &mut Vec<Pending>, place: String, read: Result<ImportedCode, String>) -> usize {
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
fn read_ledger_csv(file: &str, out: &mut Vec<Pending>) -> Result<usize, Error> {
    let source = std::fs::File::open(file).map_err(|e| Error::with(file, e))?;
    let mut reader = csv::Reader::from_reader(LineTracking::new(source));
    let mut invalid = 0;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(Error::with(format!("{file}: invalid CSV"), e)),
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
                ImportedCode::new(code, issued_at, Some(field(3))).map_err(|e| e.to_string())
            });
        invalid += queue(out, format!("{file}:{line}"), read);
    }
    Ok(invalid)
}

/// One code per line, optionally a tab and a reference; blank lines are skipped.
fn read_plain(file: &str, now: SystemTime, out: &mut Vec<Pending>) -> Result<usize, Error> {
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(io::stdin().lock())
    } else {
        let opened = std::fs::File::open(file).map_err(|e| Error::with(file, e))?;
        Box::new(BufReader::new(opened))
    };
    let mut invalid = 0;
    for (index, line) in reader.split(b'\n').enumerate() {
        let line_no = index + 1;
        let bytes = line.map_err(|e| Error::with(file, e))?;
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
            .and_then(|code| ImportedCode::new(code, now, reference).map_err(|e| e.to_string()))
            .map_err(|message| format!("{code_text}: {message}"));
        invalid += queue(out, format!("{file}:{line_no}"), read);
    }
    Ok(invalid)
}
