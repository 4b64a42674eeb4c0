//! The check loop, written once for every code type ([`ident_core::Code`]).
//!
//! Input is streamed: one line (or one CSV cell) at a time from a fixed buffer, no allocation
//! per valid line, output through one locked, buffered stdout. Only `--warnings` keeps state
//! that grows with the input: the set of codes seen, to report duplicates.

pub mod lines;
pub mod shown;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::Path;

use ident_core::lines::LineTracking;
use ident_core::{Code, CodeError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::error::{CmdResult, Error, Outcome};
use lines::{Line, LineReader, MAX_LINE};
use shown::Shown;

/// A code type the check commands know how to report on: what its summaries and warnings are
/// called. What an error says (its rule and position) comes from [`ident_core::CodeError`].
pub trait Checkable: Code {
    /// The plural used in summaries ("ISRCs").
    const PLURAL: &'static str;
    /// The rule of the warning for a valid code in a lenient spelling ("isrc.noncanonical").
    const NONCANONICAL: &'static str;
    /// The rule of the warning for a code seen before in the input ("isrc.duplicate").
    const DUPLICATE: &'static str;

    /// The value duplicates are found by: the code itself, or (UPC) its GTIN-14, the same for
    /// every form of one product.
    fn dedupe_key(self) -> Self {
        self
    }

    /// Calls `each(rule, message)` for every warning the code deserves (none, unless the type
    /// has lints).
    fn lints(self, _reference_year: u16, _each: impl FnMut(&'static str, &dyn Display)) {}
}

/// The output format of a report (`--format` of the check commands, `release validate`,
/// `ledger lookup`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// `FILE:LINE: INPUT: message` per finding, a summary on stderr.
    #[default]
    Text,
    /// One JSON object per finding, then one summary object, on stdout.
    Json,
}

/// What a check looks for and how it reports.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Only the canonical form is valid.
    pub strict: bool,
    /// Report warnings: lints, non-canonical spellings, duplicates.
    pub warnings: bool,
    /// Warnings make the exit code 1.
    pub deny_warnings: bool,
    /// Text or JSON.
    pub format: ReportFormat,
    /// Read this column of CSV input instead of one code per line.
    pub column: Option<String>,
    /// The year that year-of-reference plausibility is judged against.
    pub reference_year: u16,
}

/// Why an input is not a valid code.
struct Problem {
    /// The stable id of the finding.
    rule: &'static str,
    message: String,
    position: Option<usize>,
}

impl Problem {
    fn of<C: Checkable>(error: &<C as Code>::Error) -> Problem {
        Problem {
            rule: error.kind(),
            message: error.to_string(),
            position: error.position(),
        }
    }

    fn encoding(input: &[u8], error: std::str::Utf8Error) -> Problem {
        let valid = error.valid_up_to();
        let chars_before = std::str::from_utf8(&input[..valid]).map_or(0, |s| s.chars().count());
        Problem {
            rule: "encoding",
            message: format!(
                "invalid UTF-8: byte 0x{:02X} at position {} is not part of a character",
                input[valid],
                chars_before + 1
            ),
            position: Some(chars_before + 1),
        }
    }
}

/// Why a line longer than [`MAX_LINE`] bytes is not checked.
pub fn too_long_message<C: Code>(len: u64) -> String {
    format!(
        "line of {len} bytes is too long for {}: lines are read up to {MAX_LINE} bytes",
        C::NAME
    )
}

/// Parses one input: the strict fast path first, then (unless `strict`) the lenient parser.
/// The flag says whether the input was already canonical.
fn judge<C: Checkable>(input: &[u8], strict: bool) -> Result<(C, bool), Problem> {
    let strict_error = match C::parse_strict(input) {
        Ok(code) => return Ok((code, true)),
        Err(error) => error,
    };
    let text = std::str::from_utf8(input).map_err(|e| Problem::encoding(input, e))?;
    if strict {
        return Err(Problem::of::<C>(&strict_error));
    }
    match text.parse::<C>() {
        Ok(code) => Ok((code, false)),
        Err(error) => Err(Problem::of::<C>(&error)),
    }
}

/// Counts for the summary.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    checked: u64,
    valid: u64,
    invalid: u64,
    warnings: u64,
}

/// The state of one check run over all its inputs.
struct Checker<'o, C, W: Write> {
    options: &'o CheckOptions,
    out: W,
    tally: Tally,
    /// First occurrence (file index, line) of every valid code, with `--warnings`.
    seen: HashMap<C, (usize, u64)>,
    files: Vec<String>,
}

impl<C: Checkable, W: Write> Checker<'_, C, W> {
    /// How the inputs checked so far look.
    fn so_far(&self) -> Outcome {
        Outcome::from_problems(
            self.tally.invalid > 0 || (self.options.deny_warnings && self.tally.warnings > 0),
        )
    }

    /// Checks one input; returns whether it was a valid code in canonical form.
    fn check(&mut self, line: u64, input: &[u8]) -> io::Result<bool> {
        self.tally.checked += 1;
        match judge::<C>(input, self.options.strict) {
            Ok((code, canonical)) => {
                self.tally.valid += 1;
                if self.options.warnings {
                    self.warn(line, input, code, canonical)?;
                }
                Ok(canonical)
            }
            Err(problem) => {
                self.invalid(line, &Shown::new(input, input.len() as u64), &problem)?;
                Ok(false)
            }
        }
    }

    fn too_long(&mut self, line: u64, head: &[u8], len: u64) -> io::Result<()> {
        self.tally.checked += 1;
        let problem = Problem {
            rule: "line_too_long",
            message: too_long_message::<C>(len),
            position: None,
        };
        self.invalid(line, &Shown::new(head, len), &problem)
    }

    fn invalid(&mut self, line: u64, shown: &Shown, problem: &Problem) -> io::Result<()> {
        self.tally.invalid += 1;
        self.report(line, shown, "error", problem)
    }

    fn warn(&mut self, line: u64, input: &[u8], code: C, canonical: bool) -> io::Result<()> {
        let mut found: Vec<Problem> = Vec::new();
        code.lints(self.options.reference_year, |rule, message| {
            found.push(Problem {
                rule,
                message: message.to_string(),
                position: None,
            });
        });
        if !canonical {
            found.push(Problem {
                rule: C::NONCANONICAL,
                message: format!("not in the canonical form {code}"),
                position: None,
            });
        }
        let file = self.files.len() - 1;
        match self.seen.entry(code.dedupe_key()) {
            Entry::Occupied(first) => {
                let &(first_file, first_line) = first.get();
                let at = if first_file == file {
                    format!("line {first_line}")
                } else {
                    format!("{}:{first_line}", self.files[first_file])
                };
                found.push(Problem {
                    rule: C::DUPLICATE,
                    message: format!("duplicate: first seen at {at}"),
                    position: None,
                });
            }
            Entry::Vacant(slot) => {
                slot.insert((file, line));
            }
        }
        if found.is_empty() {
            return Ok(());
        }
        let shown = Shown::new(input, input.len() as u64);
        for problem in &found {
            self.tally.warnings += 1;
            self.report(line, &shown, "warning", problem)?;
        }
        Ok(())
    }

    fn report(
        &mut self,
        line: u64,
        shown: &Shown,
        severity: &str,
        problem: &Problem,
    ) -> io::Result<()> {
        let file = self.files.last().map_or("-", String::as_str);
        match self.options.format {
            ReportFormat::Text => {
                let label = if severity == "warning" {
                    "warning: "
                } else {
                    ""
                };
                let tag = if severity == "warning" {
                    format!(" [{}]", problem.rule)
                } else {
                    String::new()
                };
                writeln!(
                    self.out,
                    "{file}:{line}: {}{}: {label}{}{tag}",
                    shown.text,
                    shown.note(),
                    problem.message
                )
            }
            ReportFormat::Json => {
                let finding = JsonFinding {
                    file,
                    line,
                    input: &shown.text,
                    input_exact: shown.exact,
                    input_bytes: shown.truncated_from,
                    valid: severity != "error",
                    severity,
                    kind: problem.rule,
                    rule: problem.rule,
                    message: &problem.message,
                    position: problem.position,
                };
                serde_json::to_writer(&mut self.out, &finding)?;
                self.out.write_all(b"\n")
            }
        }
    }
}

/// One finding as a JSON line (fields in this order).
#[derive(Serialize)]
struct JsonFinding<'a> {
    file: &'a str,
    line: u64,
    input: &'a str,
    input_exact: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    input_bytes: Option<u64>,
    valid: bool,
    severity: &'a str,
    /// The rule under its first name, kept for the scripts that read it.
    kind: &'a str,
    rule: &'a str,
    message: &'a str,
    position: Option<usize>,
}

/// The last JSON line of a check.
#[derive(Serialize)]
struct JsonSummary {
    summary: bool,
    checked: u64,
    valid: u64,
    invalid: u64,
    warnings: u64,
    unreadable_inputs: usize,
}

/// Inputs larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_FROM_BYTES: u64 = 64 * 1024 * 1024;

/// Checks every input (`-` is stdin; none means stdin) and reports as the options say.
///
/// # Errors
/// A file that cannot be read, a CSV without the column, or output that cannot be written;
/// the other inputs are still checked before the failure is returned.
pub fn run<C: Checkable>(inputs: &[String], options: &CheckOptions) -> CmdResult {
    let stdin_only = [String::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin_only[..]
    } else {
        inputs
    };
    let stdout = io::stdout();
    let mut checker = Checker::<C, _> {
        options,
        out: BufWriter::with_capacity(64 * 1024, stdout.lock()),
        tally: Tally::default(),
        seen: HashMap::new(),
        files: Vec::with_capacity(inputs.len()),
    };
    let progress = progress_bar(inputs);
    let mut unreadable = 0usize;
    let mut done_bytes = 0;
    for name in inputs {
        checker.files.push(name.clone());
        let result = if name == "-" {
            check_source(
                &mut checker,
                io::stdin().lock(),
                progress.as_ref(),
                done_bytes,
            )
        } else {
            match File::open(Path::new(name)) {
                Ok(file) => check_source(&mut checker, file, progress.as_ref(), done_bytes),
                Err(e) => Err(SourceError::Read(e)),
            }
        };
        let failure = match result {
            Ok(bytes) => {
                done_bytes += bytes;
                continue;
            }
            Err(SourceError::Write(e)) => return Err(Error::output(e, checker.so_far())),
            Err(SourceError::Read(e)) => Error::with(name.as_str(), e),
            Err(SourceError::Input(message)) => Error::msg(format!("{name}: {message}")),
        };
        // Said now, the other inputs are still checked; the exit code says it again.
        eprintln!("musicid: error: {failure}");
        unreadable += 1;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let tally = checker.tally;
    if options.format == ReportFormat::Json {
        let summary = JsonSummary {
            summary: true,
            checked: tally.checked,
            valid: tally.valid,
            invalid: tally.invalid,
            warnings: tally.warnings,
            unreadable_inputs: unreadable,
        };
        serde_json::to_writer(&mut checker.out, &summary)
            .map_err(io::Error::from)
            .and_then(|()| checker.out.write_all(b"\n"))
            .map_err(|e| Error::output(e, checker.so_far()))?;
    }
    checker
        .out
        .flush()
        .map_err(|e| Error::output(e, checker.so_far()))?;
    if options.format == ReportFormat::Text {
        let unreadable = match unreadable {
            0 => String::new(),
            1 => ", 1 input could not be read".to_owned(),
            n => format!(", {n} inputs could not be read"),
        };
        eprintln!(
            "musicid: checked {} {}: {} valid, {} invalid, {} warnings{unreadable}",
            tally.checked,
            C::PLURAL,
            tally.valid,
            tally.invalid,
            tally.warnings
        );
    }
    if unreadable > 0 {
        return Err(Error::Reported);
    }
    Ok(checker.so_far())
}

enum SourceError {
    Read(io::Error),
    Write(io::Error),
    Input(String),
}

/// Checks one input; returns the number of bytes read.
fn check_source<C: Checkable, W: Write>(
    checker: &mut Checker<'_, C, W>,
    source: impl Read,
    progress: Option<&ProgressBar>,
    done_bytes: u64,
) -> Result<u64, SourceError> {
    // `options` outlives the checker borrow: no copy of the column name.
    let options = checker.options;
    if let Some(column) = options.column.as_deref() {
        return check_csv(checker, source, column);
    }
    let mut reader = LineReader::new(source);
    let mut line_no = 0u64;
    // Most files hold codes of one width, all valid: after a valid canonical line of width w,
    // the following lines of width w are taken without a newline search, and valid ones only
    // counted. Every other line goes the general way. Warnings need every code: no fast path.
    let fast = !options.warnings;
    let mut width = None;
    let mut progress_at = 0;
    loop {
        if let Some(width) = width {
            let taken = reader.take_fixed(width, |input| C::parse_strict(input).is_ok());
            line_no += taken;
            checker.tally.checked += taken;
            checker.tally.valid += taken;
        }
        let line = match reader.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => return Err(SourceError::Read(e)),
        };
        line_no += 1;
        match line {
            Line::Text(input) => {
                let canonical = checker.check(line_no, input).map_err(SourceError::Write)?;
                if fast && canonical {
                    width = Some(input.len());
                }
            }
            Line::TooLong { head, len } => {
                checker
                    .too_long(line_no, head, len)
                    .map_err(SourceError::Write)?;
            }
        }
        if line_no >= progress_at {
            progress_at = line_no + 0x10000;
            if let Some(bar) = progress {
                bar.set_position(done_bytes + reader.bytes_read());
            }
        }
    }
    Ok(reader.bytes_read())
}

/// Checks one column of a CSV input, named by its header (exactly, else ignoring case).
fn check_csv<C: Checkable, W: Write>(
    checker: &mut Checker<'_, C, W>,
    source: impl Read,
    column: &str,
) -> Result<u64, SourceError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(LineTracking::new(source));
    let headers = match reader.byte_headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return Err(SourceError::Input(csv_error(&e, reader.get_mut()))),
    };
    let index = headers
        .iter()
        .position(|h| h == column.as_bytes())
        .or_else(|| {
            headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(column.as_bytes()))
        })
        .ok_or_else(|| {
            let names: Vec<String> = headers
                .iter()
                .map(|h| String::from_utf8_lossy(h).into_owned())
                .collect();
            SourceError::Input(format!(
                "no column {column:?} in the header (found: {})",
                names.join(", ")
            ))
        })?;
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(SourceError::Input(csv_error(&e, reader.get_mut()))),
        }
        let line = record
            .position()
            .map_or(0, |p| reader.get_mut().line_at(p.byte()));
        let written = match record.get(index) {
            Some(value) => checker.check(line, value).map(drop),
            None => {
                checker.tally.checked += 1;
                let problem = Problem {
                    rule: "missing_field",
                    message: format!(
                        "the row has {} fields: no value in column {column:?}",
                        record.len()
                    ),
                    position: None,
                };
                checker.invalid(line, &Shown::new(b"", 0), &problem)
            }
        };
        written.map_err(SourceError::Write)?;
    }
    Ok(reader.position().byte())
}

/// `error` with the line (as `lines` counts them) where its record starts.
fn csv_error<R>(error: &csv::Error, lines: &mut LineTracking<R>) -> String {
    match error.position() {
        Some(pos) => format!("line {}: invalid CSV: {error}", lines.line_at(pos.byte())),
        None => format!("invalid CSV: {error}"),
    }
}

/// A progress bar when stderr is a terminal and the files are large; never in pipes.
fn progress_bar(inputs: &[String]) -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = inputs
        .iter()
        .filter(|name| name.as_str() != "-")
        .filter_map(|name| std::fs::metadata(name).ok())
        .map(|meta| meta.len())
        .sum();
    if total < PROGRESS_FROM_BYTES {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}
