//! `musicid upc check|check-digit|convert|allocate|barcode`.

mod allocate;
mod barcode;
mod check;
mod check_digit;
mod convert;

use clap::Subcommand;

use crate::cmd::args::CheckArgs;
use crate::error::CmdResult;

/// `musicid upc …`
#[derive(Debug, Subcommand)]
pub enum UpcCommand {
    /// Check UPC/EAN/GTIN codes, one per line (or one CSV column), streaming inputs of any size.
    #[command(after_help = check::HELP)]
    Check(CheckArgs),
    /// Compute the GS1 check digit of a body of 7, 11, 12 or 13 digits.
    CheckDigit(check_digit::CheckDigitArgs),
    /// Convert a code to another GS1 form of the same product.
    Convert(convert::ConvertArgs),
    /// Issue new UPC/EANs from a GS1 company prefix through the ledger.
    Allocate(allocate::AllocateArgs),
    /// Draw the barcode of a code as SVG.
    Barcode(barcode::BarcodeArgs),
}

/// Runs a `upc` command.
pub fn run(command: UpcCommand) -> CmdResult {
    match command {
        UpcCommand::Check(args) => check::run(&args),
        UpcCommand::CheckDigit(args) => check_digit::run(&args),
        UpcCommand::Convert(args) => convert::run(&args),
        UpcCommand::Allocate(args) => allocate::run(&args),
        UpcCommand::Barcode(args) => barcode::run(&args),
    }
}
