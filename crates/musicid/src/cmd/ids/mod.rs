//! `musicid iswc|isni|ipi|ipi-base|grid|dpid|ismn check|format` and `musicid id detect`.
//!
//! The code types of these groups have the same two commands, so one macro writes each group:
//! `check` is the shared check loop ([`crate::check`]), `format` the shared reformatting
//! ([`crate::cmd::reformat`]) with the type's layouts. What differs per type — its layouts,
//! its lints — is given to the macro.

pub mod detect;

use std::fmt::Display;

use ::grid::{Dpid, Grid};
use ::ipi::{BaseNumber, NameNumber};
use ::isni::Isni;
use ::iswc::Iswc;
use ::upc::Ismn;

use crate::check::Checkable;

/// One command group for a code type: `check` and `format` with the layouts given.
macro_rules! code_group {
    (
        $module:ident, $ty:ty, $name:literal,
        styles: { $( $(#[$doc:meta])* $style:ident => $show:expr ),+ $(,)? } $(,)?
    ) => {
        #[doc = concat!("`musicid ", stringify!($module), " check|format`.")]
        pub mod $module {

            use clap::{Args, Subcommand, ValueEnum};

            #[allow(unused_imports)]
            use super::{BaseNumber, Dpid, Grid, Ismn, Isni, Iswc, NameNumber};
            use crate::check;
            use crate::cmd::args::CheckArgs;
            use crate::cmd::reformat::reformat;
            use crate::error::CmdResult;

            #[doc = concat!("`musicid ", stringify!($module), " …`")]
            #[derive(Debug, Subcommand)]
            pub enum Command {
                #[doc = concat!("Check ", $name, "s, one per line (or one CSV column), streaming inputs of any size.")]
                #[command(after_help = super::CHECK_HELP)]
                Check(CheckArgs),
                #[doc = concat!("Print ", $name, "s in another layout.")]
                Format(FormatArgs),
            }

            #[doc = concat!("The layouts of an ", $name, ".")]
            #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
            pub enum Style {
                $( $(#[$doc])* $style ),+
            }

            #[doc = concat!("Arguments of `musicid ", stringify!($module), " format`.")]
            #[derive(Debug, Args)]
            #[command(after_help = super::FORMAT_HELP)]
            pub struct FormatArgs {
                /// The codes, in any spelling the lenient parser accepts; none reads stdin.
                #[arg(value_name = "CODE")]
                pub codes: Vec<String>,
                /// The layout to print.
                #[arg(long, value_enum, default_value_t = Style::Compact)]
                pub style: Style,
            }

            #[doc = concat!("Runs a `", stringify!($module), "` command.")]
            pub fn run(command: Command) -> CmdResult {
                match command {
                    Command::Check(args) => check::run::<$ty>(&args.files, &args.options()),
                    Command::Format(args) => {
                        let style = args.style;
                        reformat::<$ty>(&args.codes, |code, out| {
                            let text: String = match style {
                                $( Style::$style => ($show)(code) ),+
                            };
                            writeln!(out, "{text}")
                        })
                    }
                }
            }
        }
    };
}

const CHECK_HELP: &str = "\
Prints nothing for valid lines; each invalid line as `FILE:LINE: INPUT: message` (stdin is `-`),
and a summary on stderr. A wrong check character is reported apart from a wrong shape
(`check_digit` in JSON). Inputs that are not plain text are shown quoted and escaped.

Exit codes: 0 all valid (warnings allowed unless --deny-warnings), 1 invalid input found,
2 usage or I/O error.

Examples:
  musicid isni check parties.txt
  musicid dpid check --strict senders.txt
  musicid iswc check --column iswc --format json works.csv";

const FORMAT_HELP: &str = "\
Reads the codes from stdin (one per line) when none are given. Invalid codes are reported on
stderr and make the exit code 1.

Examples:
  musicid iswc format T0345246801 --style hyphenated      # T-034.524.680-1
  musicid isni format 'ISNI 0000 0001 2103 2683'          # 0000000121032683";

code_group!(iswc, Iswc, "ISWC", styles: {
    /// `T0345246801`, the canonical form.
    Compact => |x: Iswc| x.to_string(),
    /// `T-034.524.680-1`.
    Hyphenated => |x: Iswc| x.hyphenated().to_string(),
});

code_group!(isni, Isni, "ISNI", styles: {
    /// `0000000121032683`, the canonical form.
    Compact => |x: Isni| x.to_string(),
    /// `0000 0001 2103 2683`.
    Grouped => |x: Isni| x.grouped().to_string(),
    /// `ISNI 0000 0001 2103 2683`.
    Labelled => |x: Isni| format!("{:#}", x.grouped()),
    /// `0000-0001-2103-2683`, as ORCID prints it.
    Hyphenated => |x: Isni| x.hyphenated().to_string(),
});

code_group!(ipi, NameNumber, "IPI name number", styles: {
    /// `00017798450`, the canonical form.
    Compact => |x: NameNumber| x.to_string(),
    /// `IPI 00017798450`.
    Labelled => |x: NameNumber| format!("IPI {x}"),
});

code_group!(ipi_base, BaseNumber, "IPI base number", styles: {
    /// `I0016524937`, the canonical form.
    Compact => |x: BaseNumber| x.to_string(),
    /// `I-001652493-7`.
    Hyphenated => |x: BaseNumber| x.hyphenated().to_string(),
});

code_group!(grid, Grid, "GRid", styles: {
    /// `A12425GABC1234002M`, the canonical form.
    Compact => |x: Grid| x.to_string(),
    /// `A1-2425G-ABC1234002-M`.
    Hyphenated => |x: Grid| x.hyphenated().to_string(),
});

code_group!(dpid, Dpid, "DPID", styles: {
    /// `PADPIDA2014122301Q`, the canonical form.
    Compact => |x: Dpid| x.to_string(),
    /// `PA-DPIDA-2014122301-Q`.
    Hyphenated => |x: Dpid| x.hyphenated().to_string(),
});

code_group!(ismn, Ismn, "ISMN", styles: {
    /// `9790345246805`, the canonical form.
    Compact => |x: Ismn| x.to_string(),
    /// `979-0-3452-4680-5`.
    Hyphenated => |x: Ismn| x.hyphenated().to_string(),
    /// `ISMN 979-0-3452-4680-5`.
    Labelled => |x: Ismn| format!("{:#}", x.hyphenated()),
    /// `M-3452-4680-5`, the form before 2008.
    Legacy => |x: Ismn| x.legacy().to_string(),
});

impl Checkable for Iswc {
    const PLURAL: &'static str = "ISWCs";
    const NONCANONICAL: &'static str = "iswc.noncanonical";
    const DUPLICATE: &'static str = "iswc.duplicate";
}

impl Checkable for Isni {
    const PLURAL: &'static str = "ISNIs";
    const NONCANONICAL: &'static str = "isni.noncanonical";
    const DUPLICATE: &'static str = "isni.duplicate";

    fn lints(self, _reference_year: u16, mut each: impl FnMut(&'static str, &dyn Display)) {
        if let Some(warning) = self.lint() {
            each(warning.rule(), &warning);
        }
    }
}

impl Checkable for NameNumber {
    const PLURAL: &'static str = "IPI name numbers";
    const NONCANONICAL: &'static str = "ipi.noncanonical";
    const DUPLICATE: &'static str = "ipi.duplicate";
}

impl Checkable for BaseNumber {
    const PLURAL: &'static str = "IPI base numbers";
    const NONCANONICAL: &'static str = "ipi_base.noncanonical";
    const DUPLICATE: &'static str = "ipi_base.duplicate";
}

impl Checkable for Grid {
    const PLURAL: &'static str = "GRids";
    const NONCANONICAL: &'static str = "grid.noncanonical";
    const DUPLICATE: &'static str = "grid.duplicate";

    fn lints(self, _reference_year: u16, mut each: impl FnMut(&'static str, &dyn Display)) {
        if let Some(warning) = self.lint() {
            each(warning.rule(), &warning);
        }
    }
}

impl Checkable for Dpid {
    const PLURAL: &'static str = "DPIDs";
    const NONCANONICAL: &'static str = "dpid.noncanonical";
    const DUPLICATE: &'static str = "dpid.duplicate";

    fn lints(self, _reference_year: u16, mut each: impl FnMut(&'static str, &dyn Display)) {
        if let Some(warning) = self.lint() {
            each(warning.rule(), &warning);
        }
    }
}

impl Checkable for Ismn {
    const PLURAL: &'static str = "ISMNs";
    const NONCANONICAL: &'static str = "ismn.noncanonical";
    const DUPLICATE: &'static str = "ismn.duplicate";
}
