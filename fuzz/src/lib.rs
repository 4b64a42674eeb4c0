//! What every fuzz target shares: the allocation ceiling and the laws the parsers promise.
//!
//! A target feeds libFuzzer's bytes to one parser and then checks, beyond "no panic", the law
//! that parser states in its documentation: an accepted input prints a form that parses back to
//! the same value, the strict and the lenient parser agree on canonical input, an error points
//! at the place of the input it names.

use std::alloc::System;

use cap::Cap;
use ident_core::{Code, CodeError, ParseError};

pub mod release;

/// The most live heap a target may hold while it reads one input (inputs are at most a few
/// hundred KiB, see `-max_len` in `cargo xtask fuzz`): past it an allocation fails and the
/// process aborts with the size it asked for, which libFuzzer records as a crash.
pub const HEAP_LIMIT: usize = 256 * 1024 * 1024;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, HEAP_LIMIT);

/// The input as text, when it is UTF-8 (the `FromStr` parsers see only `&str`).
#[must_use]
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// `shown` (how `value`, read from `input`, displays in some form) parses back to `value`.
pub fn reads_back<T>(input: &str, shown: &str, value: &T)
where
    T: std::str::FromStr + PartialEq + std::fmt::Debug,
{
    assert_eq!(
        shown.parse::<T>().ok().as_ref(),
        Some(value),
        "{input:?} shown as {shown:?}, which does not parse back"
    );
}

/// A code type's target: on text, [`code_laws`] and every other printed form of an accepted
/// code (`forms`: hyphenated, grouped, labelled…) reads back to it; on other bytes, the
/// strict parser's laws.
pub fn code_target<T: Code>(data: &[u8], forms: &[fn(&T) -> String]) {
    let Some(input) = text(data) else {
        strict_laws::<T>(data);
        return;
    };
    code_laws::<T>(input);
    if let Ok(code) = input.parse::<T>() {
        for form in forms {
            reads_back(input, &form(&code), &code);
        }
    }
}

/// The laws of a code type's lenient parser (`FromStr`) on `input`.
///
/// - An accepted input prints its canonical form, which both parsers read back to the same code.
/// - An input the strict parser accepts is already canonical, and the lenient one agrees.
/// - An error that points at a position names the character standing there.
pub fn code_laws<T: Code>(input: &str) {
    match input.parse::<T>() {
        Ok(code) => {
            let shown = code.to_string();
            reads_back(input, &shown, &code);
            assert_eq!(
                T::parse_strict(shown.as_bytes()).ok(),
                Some(code),
                "{input:?} printed as {shown:?}, which the strict parser refuses"
            );
        }
        Err(error) => {
            if let Some(parse) = error.as_parse_error() {
                position_names_its_character(input, parse);
            }
        }
    }
    strict_laws::<T>(input.as_bytes());
}

/// The laws of a code type's strict parser on raw bytes: what it accepts is the canonical form
/// (its own display) and the lenient parser reads it to the same code.
pub fn strict_laws<T: Code>(bytes: &[u8]) {
    let Ok(code) = T::parse_strict(bytes) else {
        return;
    };
    let shown = code.to_string();
    assert_eq!(
        shown.as_bytes(),
        bytes,
        "the strict parser accepted {:?}, which displays as {shown:?}",
        String::from_utf8_lossy(bytes)
    );
    assert_eq!(
        shown.parse::<T>().ok(),
        Some(code),
        "the lenient parser disagrees with the strict one on {shown:?}"
    );
}

/// Positions are 1-based character positions in the caller's input: the character there is
/// the one the error names.
pub fn position_names_its_character(input: &str, error: &ParseError) {
    let (position, found) = match *error {
        ParseError::InvalidChar {
            position, found, ..
        }
        | ParseError::Separator {
            position, found, ..
        }
        | ParseError::TrailingText { position, found } => (position, found),
        _ => return,
    };
    let standing = position
        .checked_sub(1)
        .and_then(|index| input.chars().nth(index));
    assert_eq!(
        standing,
        Some(found),
        "{input:?}: the error names {found:?} at position {position}: {error}"
    );
}

/// How a format breaks lines: JSON and XML at `\n` alone; CSV (as the `csv` crate reads it,
/// and an editor shows it) also at a lone `\r`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// `\n` ends a line.
    Newline,
    /// `\n`, `\r\n` or a lone `\r` ends a line.
    AnyTerminator,
}

/// The number of lines of `input`: one more than its line breaks.
#[must_use]
pub fn line_count(input: &[u8], lines: Lines) -> u64 {
    let breaks = match lines {
        Lines::Newline => input.iter().filter(|&&b| b == b'\n').count(),
        Lines::AnyTerminator => input
            .iter()
            .enumerate()
            .filter(|&(at, &b)| b == b'\n' || (b == b'\r' && input.get(at + 1) != Some(&b'\n')))
            .count(),
    };
    breaks as u64 + 1
}

/// A 1-based line of a text of `count` lines ([`line_count`]) is at least 1 and at most
/// `count`.
pub fn line_is_in(count: u64, line: u64, what: &dyn std::fmt::Display) {
    assert!(
        (1..=count).contains(&line),
        "line {line} of an input of {count} lines: {what}"
    );
}
