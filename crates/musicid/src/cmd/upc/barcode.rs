//! `musicid upc barcode`.

use std::path::PathBuf;

use clap::Args;
use upc::{Upc, UpcE};

use crate::atomic;
use crate::error::{CmdResult, Outcome};

const HELP: &str = "\
The drawing follows the GS1 geometry (quiet zones, guard bars, digits under the bars); the
file is written atomically.

Examples:
  musicid upc barcode 036000291452 --out upc.svg
  musicid upc barcode --upc-e 04252614 --out upc-e.svg --module-um 264";

/// Arguments of `musicid upc barcode`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct BarcodeArgs {
    /// The code to draw (UPC-A, EAN-13 or EAN-8; a UPC-E with --upc-e).
    pub code: String,
    /// The SVG file to write; `-` writes stdout.
    #[arg(short, long, visible_alias = "output", value_name = "FILE.svg")]
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

/// Runs `musicid upc barcode`.
pub fn run(args: &BarcodeArgs) -> CmdResult {
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
