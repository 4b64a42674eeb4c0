//! `musicid upc check`: the check loop for UPC/EAN/GTIN codes.

use std::fmt::Display;

use upc::Upc;

use crate::check::{self, Checkable};
use crate::cmd::args::CheckArgs;
use crate::error::CmdResult;

pub const HELP: &str = "\
Prints nothing for valid lines; each invalid line as `FILE:LINE: INPUT: message` (stdin is `-`),
and a summary on stderr. The length decides the kind: 8 digits EAN-8, 12 UPC-A, 13 EAN-13,
14 GTIN-14.

Exit codes: 0 all valid (warnings allowed unless --deny-warnings), 1 invalid input found,
2 usage or I/O error.

Examples:
  musicid upc check upcs.txt
  musicid upc check --warnings --format json --column upc catalog.csv";

impl Checkable for Upc {
    const PLURAL: &'static str = "UPCs";
    const NONCANONICAL: &'static str = "upc.noncanonical";
    const DUPLICATE: &'static str = "upc.duplicate";

    fn dedupe_key(self) -> Self {
        self.to_gtin14()
    }

    fn lints(self, _reference_year: u16, mut each: impl FnMut(&'static str, &dyn Display)) {
        for warning in self.lint() {
            each(warning.rule(), &warning);
        }
    }
}

/// Runs `musicid upc check`.
pub fn run(args: &CheckArgs) -> CmdResult {
    check::run::<Upc>(&args.files, &args.options())
}
