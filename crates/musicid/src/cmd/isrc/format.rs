//! `musicid isrc format`.

use clap::{Args, ValueEnum};
use isrc::Isrc;

use crate::cmd::reformat::reformat;
use crate::error::CmdResult;

const HELP: &str = "\
Reads the codes from stdin (one per line) when none are given. Invalid codes are reported on
stderr and make the exit code 1.

Examples:
  musicid isrc format qzaqq2600001 --style hyphenated     # QZ-AQQ-26-00001
  musicid isrc format 'ISRC QZ-AQQ-26-00001'              # QZAQQ2600001";

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
#[command(after_help = HELP)]
pub struct FormatArgs {
    /// The ISRCs, in any spelling the lenient parser accepts; none reads stdin.
    #[arg(value_name = "CODE")]
    pub codes: Vec<String>,
    /// The layout to print.
    #[arg(long, value_enum, default_value_t = Style::Compact)]
    pub style: Style,
}

/// Runs `musicid isrc format`.
pub fn run(args: &FormatArgs) -> CmdResult {
    let style = args.style;
    reformat::<Isrc>(&args.codes, |isrc, out| match style {
        Style::Compact => writeln!(out, "{isrc}"),
        Style::Hyphenated => writeln!(out, "{}", isrc.hyphenated()),
        Style::Labelled => writeln!(out, "{}", isrc.labelled()),
    })
}
