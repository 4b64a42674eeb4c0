//! `musicid ledger lookup`.

use std::io::{self, Write};

use clap::Args;
use ledger::{Code, Record};
use serde::Serialize;

use crate::check::ReportFormat;
use crate::clock;
use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Prints `CODE  ORIGIN  ISSUED_AT  REFERENCE` (tab-separated) for each recorded code. UPCs are
compared as products (a UPC-A finds the EAN-13 of the same code). Exit 1 when a code is
invalid or not in the ledger.

Examples:
  musicid ledger lookup QZAQQ2600001
  musicid ledger lookup --format json 614141000012 QZAQQ2600013";

/// Arguments of `musicid ledger lookup`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct LookupArgs {
    /// The codes (ISRCs or UPC/EANs).
    #[arg(required = true, value_name = "CODE")]
    pub codes: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub ledger: LedgerArg,
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

/// Runs `musicid ledger lookup`.
pub fn run(args: &LookupArgs) -> CmdResult {
    let mut ledger = args.ledger.open()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut problems = false;
    for input in &args.codes {
        let found: Result<Option<Record>, String> = match input.parse::<Code>() {
            Ok(code) => Ok(ledger.lookup(code)?),
            Err(error) => Err(error.to_string()),
        };
        let written = match (args.format, &found) {
            (ReportFormat::Text, Ok(Some(record))) => writeln!(
                out,
                "{}\t{}\t{}\t{}",
                record.code,
                record.origin.as_str(),
                clock::rfc3339(record.issued_at),
                record.reference.as_deref().unwrap_or("")
            ),
            (ReportFormat::Text, Ok(None)) => {
                eprintln!("musicid: {input}: not in the ledger");
                Ok(())
            }
            (ReportFormat::Text, Err(message)) => {
                eprintln!("musicid: {input}: {message}");
                Ok(())
            }
            (ReportFormat::Json, found) => {
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
        problems |= !matches!(found, Ok(Some(_)));
        written.map_err(|e| Error::output(e, Outcome::from_problems(problems)))?;
    }
    let outcome = Outcome::from_problems(problems);
    out.flush().map_err(|e| Error::output(e, outcome))?;
    Ok(outcome)
}
