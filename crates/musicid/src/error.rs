//! What a command returns: how it ended, or its one error type. `main` alone turns either into
//! an exit code.

use std::fmt;
use std::io;

/// How a command that ran to the end found its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was valid (warnings allowed unless `--deny-warnings`).
    Clean,
    /// Invalid input was found (or warnings under `--deny-warnings`).
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
}

/// The source of a failure, as the library crates give it.
type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a command stopped before its end.
#[derive(Debug)]
pub enum Error {
    /// Invalid input was found and already reported on stderr where it was found; the command
    /// did nothing more.
    Invalid,
    /// The command could not do its job and already reported each reason on stderr as it
    /// happened (the check loop reads the other inputs past an unreadable one).
    Reported,
    /// The output could not be written (the reader may have closed the pipe: `musicid … | head`).
    Output {
        /// The write error.
        source: io::Error,
        /// How the input looked as far as it was checked: the exit status when the reader
        /// closed the pipe.
        so_far: Outcome,
    },
    /// The command could not do its job: a file that cannot be read, a ledger that cannot issue,
    /// a usage error clap cannot see.
    Failed {
        /// What was being done, or the whole message when there is no source.
        context: String,
        /// The library's error, printed after the context.
        source: Option<Source>,
    },
}

impl Error {
    /// A failure told in words alone.
    pub fn msg(message: impl Into<String>) -> Error {
        Error::Failed {
            context: message.into(),
            source: None,
        }
    }

    /// A failure with what was being done (a file name, an operation) and its cause.
    pub fn with(context: impl Into<String>, source: impl Into<Source>) -> Error {
        Error::Failed {
            context: context.into(),
            source: Some(source.into()),
        }
    }

    /// A failure writing the output, after output that found the input `so_far`.
    pub fn output(source: io::Error, so_far: Outcome) -> Error {
        Error::Output { source, so_far }
    }

    /// The same error; a failure writing the output now says the input was found `so_far`.
    pub fn found(self, so_far: Outcome) -> Error {
        match self {
            Error::Output { source, .. } => Error::Output { source, so_far },
            other => other,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid => f.write_str("invalid input"),
            Error::Reported => f.write_str("failed"),
            Error::Output { source, .. } => write!(f, "cannot write the output: {source}"),
            Error::Failed {
                context,
                source: None,
            } => f.write_str(context),
            Error::Failed {
                context,
                source: Some(source),
            } if context.is_empty() => write!(f, "{source}"),
            Error::Failed {
                context,
                source: Some(source),
            } => write!(f, "{context}: {source}"),
        }
    }
}

/// A bare I/O error is one writing stdout: every reader names its file in its errors
/// ([`Error::with`]), so `?` on a write is enough. The output before it found the input
/// clean; writers that found problems first say so with [`Error::output`].
impl From<io::Error> for Error {
    fn from(source: io::Error) -> Error {
        Error::output(source, Outcome::Clean)
    }
}

impl From<ledger::Error> for Error {
    fn from(source: ledger::Error) -> Error {
        Error::with("", source)
    }
}

impl From<release_model::Error> for Error {
    fn from(source: release_model::Error) -> Error {
        Error::with("", source)
    }
}

impl From<ddex::Error> for Error {
    fn from(source: ddex::Error) -> Error {
        Error::with("", source)
    }
}

/// What every command returns.
pub type CmdResult = Result<Outcome, Error>;
