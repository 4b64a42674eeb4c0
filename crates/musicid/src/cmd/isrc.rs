//! `musicid isrc check|format|allocate`.

use std::fmt::Display;
use std::io::{self, BufRead, BufWriter, Write};

use clap::{Args, Subcommand, ValueEnum};
use ident_core::Code;
use isrc::Isrc;
use ledger::IsrcPool;

use crate::check::{self, Checkable};
use crate::cmd::common::CheckArgs;
use crate::cmd::ledger::{LedgerArg, ledger_failure};
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

/// Reads `FIRST..=LAST` (or `FIRST-LAST`).
pub fn parse_range(text: &str) -> Result<(u64, u64), String> {
    let (first, last) = text
        .split_once("..=")
        .or_else(|| text.split_once('-'))
        .ok_or_else(|| format!("expected FIRST..=LAST, found {text:?}"))?;
    let number = |part: &str| {
        part.trim()
            .parse::<u64>()
            .map_err(|_| format!("expected FIRST..=LAST with whole numbers, found {text:?}"))
    };
    Ok((number(first)?, number(last)?))
}

/// Issues `count` codes of `pool` and prints them, one per line, after the commit.
pub fn allocate_from<P: ledger::Pool>(
    ledger_arg: &LedgerArg,
    pool: &P,
    count: u64,
    reference: Option<&str>,
) -> CmdResult {
    let mut ledger = ledger_arg.open()?;
    let codes = ledger
        .issue(pool, count, std::time::SystemTime::now(), reference)
        .map_err(|e| ledger_failure(&e))?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for code in codes {
        writeln!(out, "{code}").map_err(|e| Failure::output(&e))?;
    }
    out.flush().map_err(|e| Failure::output(&e))?;
    Ok(Outcome::Clean)
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
