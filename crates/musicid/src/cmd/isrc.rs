//! `musicid isrc check|format|allocate`.

use std::fmt::Display;
use std::io::{self, BufWriter, Write};

use clap::{Args, Subcommand, ValueEnum};
use ident_core::Code;
use isrc::Isrc;
use ledger::IsrcPool;

use crate::check::lines::{Line, LineReader};
use crate::check::shown::Shown;
use crate::check::{self, Checkable};
use crate::cmd::common::{CheckArgs, parse_range};
use crate::cmd::ledger::{LedgerArg, allocate_from, ledger_failure};
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
    /// Issue new ISRCs through the ledger.
    #[command(after_help = ALLOCATE_HELP)]
    Allocate(AllocateArgs),
}

const ALLOCATE_HELP: &str = "\
Prints the codes one per line, only after the ledger committed them. Concurrent callers on one
ledger wait for each other and never get the same code. The ledger is --ledger, else
$MUSICID_LEDGER, else ./musicid-ledger.sqlite; it must exist (`musicid ledger init`).

Examples:
  musicid ledger init
  musicid isrc allocate --prefix QZAQQ --year 2026 --count 13 --reference 'Vesica Piscis'
  musicid isrc allocate --prefix QZAQQ --year 26 --range 50000..=59999 --ledger shared.sqlite";

/// Arguments of `musicid isrc allocate`.
#[derive(Debug, Args)]
pub struct AllocateArgs {
    /// The registrant prefix (`QZAQQ`, or `QZ-AQQ`).
    #[arg(long)]
    pub prefix: String,
    /// The year of assignment (2026 or 26): the codes' year of reference.
    #[arg(long)]
    pub year: String,
    /// How many codes to issue.
    #[arg(long, default_value_t = 1)]
    pub count: u64,
    /// What the codes are for (recorded in the ledger).
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,
    /// Issue only from these designations (`FIRST..=LAST`), e.g. one machine's share.
    #[arg(long, value_name = "FIRST..=LAST", value_parser = parse_range)]
    pub range: Option<(u64, u64)>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

fn allocate(args: &AllocateArgs) -> CmdResult {
    let mut pool = IsrcPool::parse(&args.prefix, &args.year).map_err(|e| ledger_failure(&e))?;
    if let Some((first, last)) = args.range {
        let designation = |n: u64| {
            u32::try_from(n).map_err(|_| Failure::new(format!("designation {n} is above 99999")))
        };
        pool = pool
            .with_range(designation(first)?..=designation(last)?)
            .map_err(|e| ledger_failure(&e))?;
    }
    allocate_from(&args.ledger, &pool, args.count, args.reference.as_deref())
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
        IsrcCommand::Allocate(args) => allocate(&args),
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
///
/// Stdin is read like `check` reads it, in constant memory: a line that is not UTF-8 or is
/// too long is an invalid input, and the lines after it are still read.
pub fn reformat<C: Code>(
    codes: &[String],
    mut write: impl FnMut(C, &mut dyn Write) -> io::Result<()>,
) -> CmdResult {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut invalid = false;
    let mut one = |input: &str, out: &mut dyn Write| -> io::Result<bool> {
        match input.parse::<C>() {
            Ok(code) => write(code, out).map(|()| true),
            Err(error) => {
                eprintln!("musicid: {input}: {error}");
                Ok(false)
            }
        }
    };
    if codes.is_empty() {
        let mut lines = LineReader::new(io::stdin().lock());
        while let Some(line) = lines
            .next_line()
            .map_err(|e| Failure::new(format!("-: {e}")))?
        {
            match line {
                // The parsers refuse U+FFFD, so an undecodable line is reported, not dropped.
                Line::Text(bytes) => {
                    let valid = one(&String::from_utf8_lossy(bytes), &mut out)
                        .map_err(|e| Failure::output(&e))?;
                    invalid |= !valid;
                }
                Line::TooLong { head, len } => {
                    let shown = Shown::new(head, len);
                    let message = check::too_long_message::<C>(len);
                    eprintln!("musicid: {}{}: {message}", shown.text, shown.note());
                    invalid = true;
                }
            }
        }
    } else {
        for code in codes {
            let valid = one(code, &mut out).map_err(|e| Failure::output(&e))?;
            invalid |= !valid;
        }
    }
    out.flush().map_err(|e| Failure::output(&e))?;
    Ok(Outcome::from_problems(invalid))
}
