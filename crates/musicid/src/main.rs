#![doc = include_str!("../README.md")]

mod atomic;
mod check;
mod cli;
mod clock;
mod cmd;
mod exit;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` are not errors; every usage error exits 2.
            let code = if error.use_stderr() {
                exit::Failure::exit_code()
            } else {
                ExitCode::SUCCESS
            };
            let _ = error.print();
            return code;
        }
    };
    match cmd::run(cli.command) {
        Ok(outcome) => outcome.exit_code(),
        Err(failure) => {
            if !failure.is_quiet() {
                eprintln!("musicid: error: {failure}");
            }
            exit::Failure::exit_code()
        }
    }
}
