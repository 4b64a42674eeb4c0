//! How a command ends: the exit codes pipelines script against.
//!
//! `0`: everything checked is valid (warnings allowed unless `--deny-warnings`);
//! `1`: invalid input was found; `2`: a usage or I/O error (a missing file, an unknown flag,
//! a ledger location that is not a ledger).

use std::fmt;
use std::process::ExitCode;

/// The outcome of a command that ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was valid: exit 0.
    Clean,
    /// Invalid input was found (or warnings under `--deny-warnings`): exit 1.
    Invalid,
}

impl Outcome {
    /// `Invalid` when `found_problems`, `Clean` otherwise.
    pub fn from_problems(found_problems: bool) -> Outcome {
        if found_problems {
            Outcome::Invalid
        } else {
            Outcome::Clean
        }
    }

    /// The exit code of this outcome.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::Invalid => ExitCode::from(1),
        }
    }
}

/// A usage or I/O error: the command could not do its job (exit 2).
#[derive(Debug)]
pub struct Failure {
    message: String,
    /// The output pipe was closed by the reader: end quietly.
    quiet: bool,
}

impl Failure {
    /// A failure with the message printed after `musicid: error: `.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            quiet: false,
        }
    }

    /// A failure writing output: quiet when the reader closed the pipe (`musicid … | head`).
    pub fn output(error: &std::io::Error) -> Failure {
        Failure {
            message: format!("cannot write the output: {error}"),
            quiet: error.kind() == std::io::ErrorKind::BrokenPipe,
        }
    }

    /// The same failure, marked as already printed (for the exit code alone).
    pub fn already_reported(failure: Failure) -> Failure {
        Failure {
            quiet: true,
            ..failure
        }
    }

    /// Whether nothing should be printed for this failure.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// The exit code of every failure.
    pub fn exit_code() -> ExitCode {
        ExitCode::from(2)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// What every command returns.
pub type CmdResult = Result<Outcome, Failure>;
