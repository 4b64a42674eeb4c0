//! Rendering reports: syntax errors and rule findings, as text or JSON lines, each with the
//! file and release it belongs to.

use std::io::{self, Write};
use std::path::Path;

use release_model::{Finding, Release, Report, Severity};
use serde::Serialize;

use crate::check::ReportFormat;
use crate::cmd::files::SyntaxError;

/// Where a release of a combined catalog came from.
pub struct Origin {
    /// The file.
    pub file: String,
    /// The release's 1-based place in its file.
    pub index_in_file: usize,
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
    /// The line of the file the release or track was read from (CSV rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
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

/// Writes one JSON object and its newline.
///
/// # Errors
/// The output cannot be written.
pub fn write_json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Writes the syntax errors, then the findings of `report` on `releases` (which came from
/// `origins`, index for index).
///
/// # Errors
/// The output cannot be written.
pub fn write_report(
    out: &mut impl Write,
    format: ReportFormat,
    syntax: &[SyntaxError],
    releases: &[Release],
    origins: &[Origin],
    report: &Report,
) -> io::Result<()> {
    for error in syntax {
        match format {
            ReportFormat::Text => writeln!(out, "{error}")?,
            ReportFormat::Json => {
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
            ReportFormat::Text => writeln!(out, "{}", text_finding(finding, release, origin))?,
            ReportFormat::Json => {
                let object = JsonFinding {
                    file: &origin.file,
                    release: origin.index_in_file,
                    title: &release.title,
                    upc: finding.location.upc.map(|u| u.to_string()),
                    disc: finding.location.disc,
                    track: finding.location.track,
                    line: finding.location.line,
                    severity: finding.severity,
                    rule: finding.rule.id,
                    message: &finding.message,
                };
                write_json_line(out, &object)?;
            }
        }
    }
    Ok(())
}

/// `FILE[:LINE]: release N "TITLE" (upc CODE), disc D track T: SEVERITY [RULE] message`, the
/// line when the release or track came from a file that gives one (a CSV row).
pub fn text_finding(finding: &Finding, release: &Release, origin: &Origin) -> String {
    let location = finding.location;
    let mut place = origin.file.clone();
    if let Some(line) = location.line {
        place.push_str(&format!(":{line}"));
    }
    place.push_str(&format!(
        ": release {} {:?}",
        origin.index_in_file, release.title
    ));
    if let Some(upc) = location.upc {
        place.push_str(&format!(" (upc {upc})"));
    }
    let within = location.at_line(None).within();
    if !within.is_empty() {
        place.push_str(&format!(", {within}"));
    }
    format!(
        "{place}: {} [{}] {}",
        finding.severity, finding.rule, finding.message
    )
}

/// Prints a report's findings to stderr, one per line, prefixed by the file.
pub fn print_report(file: &Path, report: &Report) {
    for finding in report.findings() {
        eprintln!("{}: {finding}", file.display());
    }
}

/// Prints a reader error as `FILE:LINE:COLUMN: message`.
pub fn print_read_error(file: &Path, error: &ddex::Error) {
    match error.position() {
        Some(position) => eprintln!(
            "{}:{}:{}: {error}",
            file.display(),
            position.line,
            position.column
        ),
        None => eprintln!("{}: {error}", file.display()),
    }
}

/// Prints the reader's notes as `FILE:LINE:COLUMN: level: message [rule]`.
pub fn print_notes(file: &Path, notes: &[ddex::Note]) {
    for note in notes {
        match note.position {
            Some(position) => eprintln!(
                "{}:{}:{}: {}: {} [{}]",
                file.display(),
                position.line,
                position.column,
                note.level.as_str(),
                note.message,
                note.rule
            ),
            None => eprintln!(
                "{}: {}: {} [{}]",
                file.display(),
                note.level.as_str(),
                note.message,
                note.rule
            ),
        }
    }
}
