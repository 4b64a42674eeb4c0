//! `musicid isrc check`: the check loop for ISRCs.

use std::fmt::Display;

use isrc::Isrc;

use crate::check::{self, Checkable};
use crate::cmd::args::CheckArgs;
use crate::error::CmdResult;

pub const HELP: &str = "\
Prints nothing for valid lines; each invalid line as `FILE:LINE: INPUT: message` (stdin is `-`),
and a summary on stderr. Inputs that are not plain text are shown quoted and escaped.

Exit codes: 0 all valid (warnings allowed unless --deny-warnings), 1 invalid input found,
2 usage or I/O error.

Examples:
  musicid isrc check codes.txt
  cut -f3 tracks.tsv | musicid isrc check --strict
  musicid isrc check --column isrc --format json catalog.csv";

impl Checkable for Isrc {
    const PLURAL: &'static str = "ISRCs";
    const NONCANONICAL: &'static str = "isrc.noncanonical";
    const DUPLICATE: &'static str = "isrc.duplicate";

    fn lints(self, reference_year: u16, mut each: impl FnMut(&'static str, &dyn Display)) {
        for warning in self.lint(Some(reference_year)) {
            each(warning.rule(), &warning);
        }
    }
}

/// Runs `musicid isrc check`.
pub fn run(args: &CheckArgs) -> CmdResult {
    check::run::<Isrc>(&args.files, &args.options())
}
