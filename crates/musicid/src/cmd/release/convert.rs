//! `musicid release convert`.

use std::path::PathBuf;

use clap::Args;

use crate::atomic;
use crate::cmd::files::{self, InputFormat};
use crate::error::{CmdResult, Outcome};

const HELP: &str = "\
The formats follow the file extensions (.json, .csv) unless --input-format/--output-format say
otherwise; OUT `-` writes stdout. OUT is written atomically. Nothing is written when IN has
errors (exit 1).

Examples:
  musicid release convert vesica-piscis.json vesica-piscis.csv
  musicid release convert catalog.csv - --output-format json";

/// Arguments of `musicid release convert`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct ConvertArgs {
    /// The release file to read.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The file to write (`-` for stdout).
    #[arg(value_name = "OUT")]
    pub output: PathBuf,
    /// The format of IN (default: from its extension).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// The format of OUT (default: from its extension; JSON for stdout).
    #[arg(long, value_enum)]
    pub output_format: Option<InputFormat>,
}

/// Runs `musicid release convert`.
pub fn run(args: &ConvertArgs) -> CmdResult {
    let input_format = InputFormat::of_input(args.input_format, &args.input)?;
    let output_format = InputFormat::of_output(args.output_format, &args.output)?;
    let loaded = files::load_whole(&args.input, input_format)?;
    let text = files::render(&loaded.releases, output_format, loaded.single);
    atomic::write(&args.output, text.as_bytes())?;
    Ok(Outcome::Clean)
}
