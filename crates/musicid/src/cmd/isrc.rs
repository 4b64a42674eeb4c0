//! `musicid isrc check|format|allocate`.

use std::fmt::Display;
use std::io::{self, BufRead, BufWriter, Write};

use clap::{Args, Subcommand, ValueEnum};
use ident_core::Code;
use isrc::Isrc;

use crate::check::{self, Checkable};
use crate::cmd::common::CheckArgs;
use crate::exit::{CmdResult, Failure, Outcome};

/// `musicid isrc …`
#[derive(Debug, Subcommand)]
pub enum IsrcCommand {
    /// Check ISRCs, one per line (or one CSV column), streaming inputs of any size.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Print ISRCs in another layout.
    #[command(after_help = FORMAT_HELP)]
    Format(FormatArgs),
}

const CHECK_HELP: &str = "\
Prints nothing for valid lines; each invalid line as `FILE:LINE: INPUT: message` (stdin is `-`),
and a summary on stderr. Inputs that are not plain text are shown quoted and escaped.

Exit codes: 0 all valid (warnings allowed unless --deny-warnings), 1 invalid input found,
2 usage or I/O error.

Examples:
  musicid isrc check codes.txt
  cut -f3 tracks.tsv | musicid isrc check --strict
  musicid isrc check --column isrc --format json catalog.csv";

const FORMAT_HELP: &str = "\
Reads the codes from stdin (one per line) when none are given. Invalid codes are reported on
stderr and make the exit code 1.

Examples:
  musicid isrc format qzaqq2600001 --style hyphenated     # QZ-AQQ-26-00001
  musicid isrc format 'ISRC QZ-AQQ-26-00001'              # QZAQQ2600001";

impl Checkable for Isrc {
    const PLURAL: &'static str = "ISRCs";
    const NONCANONICAL: &'static str = "isrc.noncanonical";
    const DUPLICATE: &'static str = "isrc.duplicate";

    fn error_kind(error: &isrc::Error) -> &'static str {
        error.kind()
    }

    fn error_position(error: &isrc::Error) -> Option<usize> {
        error.position()
    }

    fn dedupe_key(self) -> Self {
        self
    }

    fn lints(self, reference_year: u16, mut each: impl FnMut(&'static str, &dyn Display)) {
        for warning in self.lint(Some(reference_year)) {
            each(warning.code(), &warning);
        }
    }
}

/// The layouts of an ISRC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Style {
    /// `QZAQQ2600001`, the canonical form.
    Compact,
    /// `QZ-AQQ-26-00001`.
    Hyphenated,
    /// `ISRC QZ-AQQ-26-00001`.
    Labelled,
}

/// Arguments of `musicid isrc format`.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// The ISRCs, in any spelling the lenient parser accepts; none reads stdin.
    #[arg(value_name = "CODE")]
    pub codes: Vec<String>,
    /// The layout to print.
    #[arg(long, value_enum, default_value_t = Style::Compact)]
    pub style: Style,
}

/// Runs an `isrc` command.
pub fn run(command: IsrcCommand) -> CmdResult {
    match command {
        IsrcCommand::Check(args) => check::run::<Isrc>(&args.files, &args.options()),
        IsrcCommand::Format(args) => format(&args),
    }
}

fn format(args: &FormatArgs) -> CmdResult {
    let style = args.style;
    reformat::<Isrc>(&args.codes, |isrc, out| match style {
        Style::Compact => writeln!(out, "{isrc}"),
        Style::Hyphenated => writeln!(out, "{}", isrc.hyphenated()),
        Style::Labelled => writeln!(out, "{}", isrc.labelled()),
    })
}

/// Parses each code (from the arguments, else stdin lines) and writes it with `write`;
/// invalid codes go to stderr as `INPUT: message` and make the outcome invalid.
pub fn reformat<C: Code>(
    codes: &[String],
    mut write: impl FnMut(C, &mut dyn Write) -> io::Result<()>,
) -> CmdResult {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut invalid = false;
    let mut one = |input: &str, out: &mut dyn Write| -> io::Result<()> {
        match input.parse::<C>() {
            Ok(code) => write(code, out),
            Err(error) => {
                invalid = true;
                eprintln!("musicid: {input}: {error}");
                Ok(())
            }
        }
    };
    if codes.is_empty() {
        for line in io::stdin().lock().lines() {
            let line = line.map_err(|e| Failure::new(format!("-: {e}")))?;
            one(line.trim_end_matches('\r'), &mut out).map_err(|e| Failure::output(&e))?;
        }
    } else {
        for code in codes {
            one(code, &mut out).map_err(|e| Failure::output(&e))?;
        }
    }
    out.flush().map_err(|e| Failure::output(&e))?;
    Ok(Outcome::from_problems(invalid))
}
