//! The body of the format commands of every code type: parse each code, print it again.

use std::io::{self, BufWriter, Write};

use ident_core::Code;

use crate::check;
use crate::check::lines::{Line, LineReader};
use crate::check::shown::Shown;
use crate::error::{CmdResult, Error, Outcome};

/// Parses each code (from the arguments, else stdin lines) and writes it with `write`;
/// invalid codes go to stderr as `INPUT: message` and make the outcome invalid.
///
/// Stdin is read like `check` reads it, in constant memory: a line that is not UTF-8 or is
/// too long is an invalid input, and the lines after it are still read.
///
/// # Errors
/// Stdin cannot be read, or the output cannot be written.
pub fn reformat<C: Code>(
    codes: &[String],
    mut write: impl FnMut(C, &mut dyn Write) -> io::Result<()>,
) -> CmdResult {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut invalid = false;
    let mut one = |input: &str, out: &mut dyn Write, invalid: &mut bool| -> Result<(), Error> {
        match input.parse::<C>() {
            Ok(code) => {
                write(code, out).map_err(|e| Error::output(e, Outcome::from_problems(*invalid)))
            }
            Err(error) => {
                eprintln!("musicid: {input}: {error}");
                *invalid = true;
                Ok(())
            }
        }
    };
    if codes.is_empty() {
        let mut lines = LineReader::new(io::stdin().lock());
        while let Some(line) = lines.next_line().map_err(|e| Error::with("-", e))? {
            match line {
                // The parsers refuse U+FFFD, so an undecodable line is reported, not dropped.
                Line::Text(bytes) => {
                    one(&String::from_utf8_lossy(bytes), &mut out, &mut invalid)?;
                }
                Line::TooLong { head, len } => {
                    let shown = Shown::new(head, len);
                    let message = check::too_long_message::<C>(len);
                    eprintln!("musicid: {}{}: {message}", shown.text, shown.note());
                    invalid = true;
                }
            }
        }
    } else {
        for code in codes {
            one(code, &mut out, &mut invalid)?;
        }
    }
    let outcome = Outcome::from_problems(invalid);
    out.flush().map_err(|e| Error::output(e, outcome))?;
    Ok(outcome)
}
