//! The answer of a command that computes one value from one input.

use std::fmt::Display;
use std::io::Write as _;

use crate::error::{CmdResult, Outcome};

/// Prints the result, or reports an invalid input (exit 1).
///
/// # Errors
/// The output cannot be written.
pub fn print_or_invalid(input: &str, result: Result<String, impl Display>) -> CmdResult {
    match result {
        Ok(text) => {
            writeln!(std::io::stdout().lock(), "{text}")?;
            Ok(Outcome::Clean)
        }
        Err(error) => {
            eprintln!("musicid: {input}: {error}");
            Ok(Outcome::Invalid)
        }
    }
}
