//! `musicid id detect [FILE|-]`: for each line, which identifier it is, or could be — for the
//! spreadsheet column nobody labelled.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};

use clap::{Args, Subcommand};
use ident_core::{Code, CodeError};
use serde::Serialize;

use crate::check::ReportFormat;
use crate::check::lines::{Line, LineReader};
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Prints each line with the identifiers it is (it parses and its check characters match), as
`INPUT<TAB>TYPES`; a line that is none of them is `unknown`, followed by the types whose shape
it has but whose check character is wrong (`could be`). A count per type goes to stderr.

Exit codes: 0 every line is some identifier, 1 some line is none, 2 usage or I/O error.

Examples:
  cut -d, -f4 catalog.csv | musicid id detect
  musicid id detect --format json column.txt";

/// `musicid id …`
#[derive(Debug, Subcommand)]
pub enum IdCommand {
    /// Tell which identifier each line is: ISRC, UPC/EAN, ISMN, ISWC, ISNI, IPI, GRid or DPID.
    Detect(DetectArgs),
}

/// Arguments of `musicid id detect`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct DetectArgs {
    /// A file with one value per line; `-` or none reads stdin.
    #[arg(value_name = "FILE|-")]
    pub file: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Runs an `id` command.
pub fn run(command: IdCommand) -> CmdResult {
    match command {
        IdCommand::Detect(args) => detect(&args),
    }
}

/// What one line is to one identifier type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Is,
    /// The shape of the type with a wrong check character.
    CheckWrong,
    Not,
}

fn judge<C: Code>(text: &str) -> Verdict {
    match text.parse::<C>() {
        Ok(_) => Verdict::Is,
        Err(e) if e.is_check_digit() => Verdict::CheckWrong,
        Err(_) => Verdict::Not,
    }
}

/// Judges a line as one identifier type.
type Judge = fn(&str) -> Verdict;

/// Every identifier type detect knows, by the name it reports.
const TYPES: [(&str, Judge); 9] = [
    ("ISRC", judge::<isrc::Isrc>),
    ("UPC/EAN", judge::<upc::Upc>),
    ("ISMN", judge::<upc::Ismn>),
    ("ISWC", judge::<iswc::Iswc>),
    ("ISNI", judge::<isni::Isni>),
    ("IPI name number", judge::<ipi::NameNumber>),
    ("IPI base number", judge::<ipi::BaseNumber>),
    ("GRid", judge::<grid::Grid>),
    ("DPID", judge::<grid::Dpid>),
];

/// One line of JSON output.
#[derive(Serialize)]
struct Found<'a> {
    line: u64,
    input: &'a str,
    is: Vec<&'static str>,
    could_be: Vec<&'static str>,
}

fn detect(args: &DetectArgs) -> CmdResult {
    let name = args.file.as_deref().unwrap_or("-");
    let source: Box<dyn Read> = if name == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(name).map_err(|e| Error::with(name, e))?)
    };
    let mut lines = LineReader::new(source);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut counts = [0u64; TYPES.len()];
    let (mut total, mut unknown) = (0u64, 0u64);
    let mut number = 0u64;
    while let Some(line) = lines.next_line().map_err(|e| Error::with(name, e))? {
        number += 1;
        let text = match line {
            Line::Text(bytes) => String::from_utf8_lossy(bytes),
            Line::TooLong { head, .. } => String::from_utf8_lossy(head),
        };
        let (mut is, mut could_be) = (Vec::new(), Vec::new());
        for (i, (type_name, judge)) in TYPES.iter().enumerate() {
            match judge(&text) {
                Verdict::Is => {
                    is.push(*type_name);
                    counts[i] += 1;
                }
                Verdict::CheckWrong => could_be.push(*type_name),
                Verdict::Not => {}
            }
        }
        total += 1;
        unknown += u64::from(is.is_empty());
        let so_far = Outcome::from_problems(unknown > 0);
        let written = match args.format {
            ReportFormat::Text => write_text(&mut out, &text, &is, &could_be),
            ReportFormat::Json => serde_json::to_writer(
                &mut out,
                &Found {
                    line: number,
                    input: &text,
                    is,
                    could_be,
                },
            )
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        };
        written.map_err(|e| Error::output(e, so_far))?;
    }
    let outcome = Outcome::from_problems(unknown > 0);
    out.flush().map_err(|e| Error::output(e, outcome))?;
    let summary: Vec<String> = TYPES
        .iter()
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .map(|((type_name, _), n)| format!("{n} {type_name}"))
        .collect();
    eprintln!(
        "musicid: {total} lines: {}; {unknown} unknown",
        if summary.is_empty() {
            "no identifiers".to_owned()
        } else {
            summary.join(", ")
        }
    );
    Ok(outcome)
}

fn write_text(out: &mut impl Write, text: &str, is: &[&str], could_be: &[&str]) -> io::Result<()> {
    let shown = text.escape_debug();
    if !is.is_empty() {
        writeln!(out, "{shown}\t{}", is.join(", "))
    } else if could_be.is_empty() {
        writeln!(out, "{shown}\tunknown")
    } else {
        writeln!(
            out,
            "{shown}\tunknown (could be: {}, with a wrong check character)",
            could_be.join(", ")
        )
    }
}
