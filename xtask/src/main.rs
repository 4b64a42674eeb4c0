//! Project automation in the cargo-xtask manner: `cargo xtask <task>`.
//!
//! - `cargo xtask ci` runs every check CI runs, in order, and stops at the first failure.
//! - `cargo xtask codegen [--check]` regenerates the committed generated sources.
//! - `cargo xtask fixtures [--check] [--large N]` regenerates the committed fixtures.
//! - `cargo xtask fuzz [TARGET]... [--seconds N] [--runs N]` runs the fuzz targets of `fuzz/`.

mod ci;
mod codegen;
mod fixtures;
mod fuzz;
mod util;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <ci | codegen [--check] | fixtures [--check] [--large N] | fuzz [TARGET]... [--seconds N] [--runs N]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci::run(&args[1..]),
        Some("codegen") => codegen::run(&args[1..]),
        Some("fixtures") => fixtures::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
