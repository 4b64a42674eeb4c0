//! `musicid release convert`.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::atomic;
use crate::cmd::files::{self, ReleaseFormat};
use crate::error::{CmdResult, Outcome};

const HELP: &str = "\
The formats follow the file extensions (.json, .csv) unless --input-format/--output-format say
otherwise; OUT `-` writes stdout. OUT is written atomically. Nothing is written when IN has
errors (exit 1).

Examples:
  musicid release convert vesica-piscis.json vesica-piscis.csv
  musicid release convert vesica-piscis.json -o vesica-piscis.csv
  musicid release convert catalog.csv - --output-format json";

/// Arguments of `musicid release convert`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ConvertArgs {
    /// The release file to read.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The file to write (`-` for stdout); or give it as `-o/--out OUT`.
    #[arg(value_name = "OUT", required_unless_present = "out")]
    pub output: Option<PathBuf>,
    /// The file to write (`-` for stdout), as every command that writes a file takes it.
    #[arg(
        short,
        long,
        visible_alias = "output",
        value_name = "OUT",
        conflicts_with = "output"
    )]
    pub out: Option<PathBuf>,
    /// The format of IN (default: from its extension).
    #[arg(long, value_enum)]
    pub input_format: Option<ReleaseFormat>,
    /// The format of OUT (default: from its extension; JSON for stdout).
    #[arg(long, value_enum)]
    pub output_format: Option<ReleaseFormat>,
}

/// Runs `musicid release convert`.
pub fn run(args: &ConvertArgs) -> CmdResult {
    // clap requires exactly one of the two.
    let output = args
        .out
        .as_deref()
        .or(args.output.as_deref())
        .unwrap_or(Path::new("-"));
    let input_format = ReleaseFormat::of_input(args.input_format, &args.input)?;
    let output_format = ReleaseFormat::of_output(args.output_format, output)?;
    let loaded = files::load_whole(&args.input, input_format)?;
    let text = files::render(&loaded.releases, output_format, loaded.single)?;
    atomic::write(output, text.as_bytes())?;
    Ok(Outcome::Clean)
}
