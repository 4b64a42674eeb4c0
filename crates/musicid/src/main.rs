#![doc = include_str!("../README.md")]

mod atomic;
mod check;
mod cli;
mod clock;
mod cmd;
mod error;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::error::{CmdResult, Error, Outcome};

/// Exit 1: invalid input was found.
const INVALID: u8 = 1;
/// Exit 2: a usage or I/O error.
const FAILED: u8 = 2;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` are not errors; every usage error exits 2.
            let code = if error.use_stderr() {
                ExitCode::from(FAILED)
            } else {
                ExitCode::SUCCESS
            };
            let _ = error.print();
            return code;
        }
    };
    exit(cmd::run(cli.command, cli::Cli::command))
}

/// The one place a command's end becomes an exit code (and its error a message).
fn exit(result: CmdResult) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Invalid) | Err(Error::Invalid) => ExitCode::from(INVALID),
        Err(Error::Reported) => ExitCode::from(FAILED),
        // The reader closed the pipe (`musicid isrc check big.txt | head`): it has seen
        // enough. End quietly with the status of what was checked so far, as ripgrep does.
        Err(Error::Output { source, so_far })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            exit(Ok(so_far))
        }
        Err(error) => {
            eprintln!("musicid: error: {error}");
            ExitCode::from(FAILED)
        }
    }
}
