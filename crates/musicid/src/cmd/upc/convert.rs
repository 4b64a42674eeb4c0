//! `musicid upc convert`.

use clap::{Args, ValueEnum};
use upc::{Kind, Upc, UpcE};

use crate::cmd::print::print_or_invalid;
use crate::error::CmdResult;

const HELP: &str = "\
Exit code 1 when the code has no such form (an EAN-13 outside the US/Canada prefix has no
UPC-A; most codes have no UPC-E).

Examples:
  musicid upc convert 036000291452 --to ean13     # 0036000291452
  musicid upc convert 042100005264 --to upc-e     # 04252614
  musicid upc convert --upc-e 04252614 --to upc-a # 042100005264";

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
#[command(after_help = HELP)]
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

fn read_code(input: &str, upc_e: bool) -> Result<Upc, upc::Error> {
    if upc_e {
        input.parse::<UpcE>().map(UpcE::expand)
    } else {
        input.parse::<Upc>()
    }
}

/// Runs `musicid upc convert`.
pub fn run(args: &ConvertArgs) -> CmdResult {
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
