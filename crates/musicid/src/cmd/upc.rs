//! `musicid upc check|check-digit|convert|allocate|barcode`.

use std::fmt::Display;
use std::io::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use ledger::UpcPool;
use upc::{Kind, Upc, UpcE};

use crate::atomic;
use crate::check::{self, Checkable};
use crate::cmd::common::{CheckArgs, parse_range};
use crate::cmd::ledger::{LedgerArg, allocate_from, ledger_failure};
use crate::exit::{CmdResult, Failure, Outcome};

/// `musicid upc …`
#[derive(Debug, Subcommand)]
pub enum UpcCommand {
    /// Check UPC/EAN/GTIN codes, one per line (or one CSV column), streaming inputs of any size.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Compute the GS1 check digit of a body of 7, 11, 12 or 13 digits.
    #[command(after_help = CHECK_DIGIT_HELP)]
    CheckDigit(CheckDigitArgs),
    /// Convert a code to another GS1 form of the same product.
    #[command(after_help = CONVERT_HELP)]
    Convert(ConvertArgs),
    /// Issue new UPC/EANs from a GS1 company prefix through the ledger.
    #[command(after_help = ALLOCATE_HELP)]
    Allocate(AllocateArgs),
    /// Draw the barcode of a code as SVG.
    #[command(after_help = BARCODE_HELP)]
    Barcode(BarcodeArgs),
}

const CHECK_HELP: &str = "\
Prints nothing for valid lines; each invalid line as `FILE:LINE: INPUT: message` (stdin is `-`),
and a summary on stderr. The length decides the kind: 8 digits EAN-8, 12 UPC-A, 13 EAN-13,
14 GTIN-14.

Exit codes: 0 all valid (warnings allowed unless --deny-warnings), 1 invalid input found,
2 usage or I/O error.

Examples:
  musicid upc check upcs.txt
  musicid upc check --warnings --format json --column upc catalog.csv";

const CHECK_DIGIT_HELP: &str = "\
Example:
  musicid upc check-digit 03600029145          # 2
  musicid upc check-digit --full 03600029145   # 036000291452";

const CONVERT_HELP: &str = "\
Exit code 1 when the code has no such form (an EAN-13 outside the US/Canada prefix has no
UPC-A; most codes have no UPC-E).

Examples:
  musicid upc convert 036000291452 --to ean13     # 0036000291452
  musicid upc convert 042100005264 --to upc-e     # 04252614
  musicid upc convert --upc-e 04252614 --to upc-a # 042100005264";

const ALLOCATE_HELP: &str = "\
A company prefix starting with 0 issues UPC-As, any other EAN-13s; restricted-circulation,
coupon and Bookland prefixes are refused. Prints the codes one per line, only after the ledger
committed them. The ledger must exist (`musicid ledger init`).

Examples:
  musicid upc allocate --company-prefix 0614141 --count 2 --reference 'Vesica Piscis'
  musicid upc allocate --company-prefix 0614141 --range 1..=999";

/// Arguments of `musicid upc allocate`.
#[derive(Debug, Args)]
pub struct AllocateArgs {
    /// The GS1 company prefix (6 to 12 digits, EAN-13 view: `0614141` for U.P.C. prefix `614141`).
    #[arg(long, value_name = "DIGITS")]
    pub company_prefix: String,
    /// How many codes to issue.
    #[arg(long, default_value_t = 1)]
    pub count: u64,
    /// What the codes are for (recorded in the ledger).
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,
    /// Issue only from these item references (`FIRST..=LAST`).
    #[arg(long, value_name = "FIRST..=LAST", value_parser = parse_range)]
    pub range: Option<(u64, u64)>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

fn allocate(args: &AllocateArgs) -> CmdResult {
    let mut pool = UpcPool::parse(&args.company_prefix).map_err(|e| ledger_failure(&e))?;
    if let Some((first, last)) = args.range {
        pool = pool
            .with_range(first..=last)
            .map_err(|e| ledger_failure(&e))?;
    }
    allocate_from(&args.ledger, &pool, args.count, args.reference.as_deref())
}

const BARCODE_HELP: &str = "\
The drawing follows the GS1 geometry (quiet zones, guard bars, digits under the bars); the
file is written atomically.

Examples:
  musicid upc barcode 036000291452 --out upc.svg
  musicid upc barcode --upc-e 04252614 --out upc-e.svg --module-um 264";

impl Checkable for Upc {
    const PLURAL: &'static str = "UPCs";
    const NONCANONICAL: &'static str = "upc.noncanonical";
    const DUPLICATE: &'static str = "upc.duplicate";

    fn error_kind(error: &upc::Error) -> &'static str {
        error.kind()
    }

    fn error_position(error: &upc::Error) -> Option<usize> {
        error.position()
    }

    fn dedupe_key(self) -> Self {
        self.to_gtin14()
    }

    fn lints(self, _reference_year: u16, mut each: impl FnMut(&'static str, &dyn Display)) {
        for warning in self.lint() {
            each(warning.code(), &warning);
        }
    }
}

/// Arguments of `musicid upc check-digit`.
#[derive(Debug, Args)]
pub struct CheckDigitArgs {
    /// The digits before the check digit (7, 11, 12 or 13 of them).
    pub body: String,
    /// Print the whole code (body and check digit) instead of the digit alone.
    #[arg(long)]
    pub full: bool,
}

/// The GS1 forms a code converts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// UPC-A, 12 digits.
    #[value(name = "upc-a")]
    UpcA,
    /// EAN-13.
    Ean13,
    /// EAN-8 (only from an EAN-8).
    Ean8,
    /// GTIN-14, 14 digits.
    Gtin14,
    /// UPC-E, 8 digits (zero-suppressed UPC-A).
    #[value(name = "upc-e")]
    UpcE,
}

/// Arguments of `musicid upc convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The code to convert.
    pub code: String,
    /// The form to convert to.
    #[arg(long, value_enum)]
    pub to: Target,
    /// Read CODE as a UPC-E (6, 7 or 8 digits) rather than as an EAN-8 or UPC-A.
    #[arg(long)]
    pub upc_e: bool,
}

/// Arguments of `musicid upc barcode`.
#[derive(Debug, Args)]
pub struct BarcodeArgs {
    /// The code to draw (UPC-A, EAN-13 or EAN-8; a UPC-E with --upc-e).
    pub code: String,
    /// The SVG file to write; `-` writes stdout.
    #[arg(long, short, value_name = "FILE.svg")]
    pub out: PathBuf,
    /// Read CODE as a UPC-E and draw the UPC-E symbol.
    #[arg(long)]
    pub upc_e: bool,
    /// The module width (X dimension) in micrometres (GS1: 80–200 % of 330).
    #[arg(long, default_value_t = 330, value_name = "UM")]
    pub module_um: u32,
    /// Leave out the human-readable digits.
    #[arg(long)]
    pub no_digits: bool,
}

/// Runs a `upc` command.
pub fn run(command: UpcCommand) -> CmdResult {
    match command {
        UpcCommand::Check(args) => check::run::<Upc>(&args.files, &args.options()),
        UpcCommand::CheckDigit(args) => check_digit(&args),
        UpcCommand::Convert(args) => convert(&args),
        UpcCommand::Allocate(args) => allocate(&args),
        UpcCommand::Barcode(args) => barcode(&args),
    }
}

/// Prints the result, or reports an invalid input (exit 1).
fn print_or_invalid(input: &str, result: Result<String, impl Display>) -> CmdResult {
    match result {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{text}").map_err(|e| Failure::output(&e))?;
            Ok(Outcome::Clean)
        }
        Err(error) => {
            eprintln!("musicid: {input}: {error}");
            Ok(Outcome::Invalid)
        }
    }
}

fn check_digit(args: &CheckDigitArgs) -> CmdResult {
    let result = if args.full {
        Upc::from_body(&args.body).map(|upc| upc.to_string())
    } else {
        upc::check_digit(&args.body).map(|digit| digit.to_string())
    };
    print_or_invalid(&args.body, result)
}

fn read_code(input: &str, upc_e: bool) -> Result<Upc, upc::Error> {
    if upc_e {
        input.parse::<UpcE>().map(UpcE::expand)
    } else {
        input.parse::<Upc>()
    }
}

fn convert(args: &ConvertArgs) -> CmdResult {
    let kind = match args.to {
        Target::UpcA | Target::UpcE => Kind::UpcA,
        Target::Ean13 => Kind::Ean13,
        Target::Ean8 => Kind::Ean8,
        Target::Gtin14 => Kind::Gtin14,
    };
    let result = read_code(&args.code, args.upc_e)
        .and_then(|code| code.convert(kind))
        .map_err(|error| error.to_string())
        .and_then(|code| {
            if args.to != Target::UpcE {
                return Ok(code.to_string());
            }
            code.compress().map(|e| e.to_string()).ok_or_else(|| {
                format!(
                    "no UPC-E form: only UPC-As of number system 0 or 1 with enough zeros in \
                     the right places compress exactly (found {})",
                    args.code.trim()
                )
            })
        });
    print_or_invalid(&args.code, result)
}

fn barcode(args: &BarcodeArgs) -> CmdResult {
    let mut options = upc::svg::Options::default();
    options.module_um = args.module_um;
    options.human_readable = !args.no_digits;
    let svg = if args.upc_e {
        args.code
            .parse::<UpcE>()
            .map(|e| upc::svg::render_upc_e_with(&e, &options))
    } else {
        args.code
            .parse::<Upc>()
            .and_then(|code| upc::svg::render_with(&code, &options))
    };
    match svg {
        Ok(svg) => {
            atomic::write(&args.out, svg.as_bytes())?;
            Ok(Outcome::Clean)
        }
        Err(error) => {
            eprintln!("musicid: {}: {error}", args.code);
            Ok(Outcome::Invalid)
        }
    }
}
