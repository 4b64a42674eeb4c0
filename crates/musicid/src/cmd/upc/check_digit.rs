//! `musicid upc check-digit`.

use clap::Args;
use upc::Upc;

use crate::cmd::print::print_or_invalid;
use crate::error::CmdResult;

const HELP: &str = "\
Example:
  musicid upc check-digit 03600029145          # 2
  musicid upc check-digit --full 03600029145   # 036000291452";

/// Arguments of `musicid upc check-digit`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct CheckDigitArgs {
    /// The digits before the check digit (7, 11, 12 or 13 of them).
    pub body: String,
    /// Print the whole code (body and check digit) instead of the digit alone.
    #[arg(long)]
    pub full: bool,
}

/// Runs `musicid upc check-digit`.
pub fn run(args: &CheckDigitArgs) -> CmdResult {
    let result = if args.full {
        Upc::from_body(&args.body).map(|upc| upc.to_string())
    } else {
        upc::check_digit(&args.body).map(|digit| digit.to_string())
    };
    print_or_invalid(&args.body, result)
}
