//! How an input line is shown in a report: as it is when that is safe and short, otherwise
//! quoted, escaped and truncated, and then the report says so.

use std::fmt::Write as _;

/// Inputs longer than this many characters are truncated in reports.
const SHOWN_CHARS: usize = 64;

/// An input line as a report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The text to print: the input itself, or a quoted, escaped and possibly truncated form.
    pub text: String,
    /// Whether `text` is the input exactly (not quoted, escaped or truncated).
    pub exact: bool,
    /// The length of the whole input in bytes when `text` is truncated.
    pub truncated_from: Option<u64>,
}

impl Shown {
    /// Shows `input`, a line of `total_len` bytes of which `input` may be only the head.
    pub fn new(input: &[u8], total_len: u64) -> Shown {
        let whole = total_len == input.len() as u64;
        if whole
            && let Ok(s) = std::str::from_utf8(input)
            && is_plain(s)
        {
            return Shown {
                text: s.to_owned(),
                exact: true,
                truncated_from: None,
            };
        }
        let mut text = String::from("\"");
        let mut shown = 0;
        let mut truncated = !whole;
        for chunk in input.utf8_chunks() {
            for c in chunk.valid().chars() {
                if shown == SHOWN_CHARS {
                    truncated = true;
                    break;
                }
                shown += 1;
                match c {
                    '"' => text.push_str("\\\""),
                    '\\' => text.push_str("\\\\"),
                    c if c.is_control() || (c.is_whitespace() && c != ' ') => {
                        text.extend(c.escape_default());
                    }
                    c => text.push(c),
                }
            }
            for &b in chunk.invalid() {
                if shown == SHOWN_CHARS {
                    truncated = true;
                    break;
                }
                shown += 1;
                let _ = write!(text, "\\x{b:02X}");
            }
            if shown == SHOWN_CHARS && truncated {
                break;
            }
        }
        if truncated {
            text.push('…');
        }
        text.push('"');
        Shown {
            text,
            exact: false,
            truncated_from: truncated.then_some(total_len),
        }
    }

    /// The short note a text report prints after a changed input: `(escaped)`,
    /// `(1048576 bytes, truncated)`; empty when the input is shown exactly.
    pub fn note(&self) -> String {
        match (self.exact, self.truncated_from) {
            (true, _) => String::new(),
            (false, None) => " (escaped)".to_owned(),
            (false, Some(len)) => format!(" ({len} bytes, escaped and truncated)"),
        }
    }
}

/// Plain text prints as it is: not empty, no surrounding whitespace, no control characters,
/// no quote at the start (which would read as an escaped form), and short.
fn is_plain(s: &str) -> bool {
    !s.is_empty()
        && s.trim() == s
        && !s.starts_with('"')
        && s.chars().count() <= SHOWN_CHARS
        && !s.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_inputs_are_exact() {
        let s = Shown::new(b"QZ-AQQ-26-00001", 15);
        assert_eq!(s.text, "QZ-AQQ-26-00001");
        assert!(s.exact);
        assert_eq!(s.note(), "");
    }

    #[test]
    fn odd_inputs_are_quoted_and_escaped() {
        let s = Shown::new(b"QZ\xFFAQQ\t\"x\\", 10);
        assert_eq!(s.text, r#""QZ\xFFAQQ\t\"x\\""#);
        assert!(!s.exact);
        assert_eq!(s.note(), " (escaped)");
        assert_eq!(Shown::new(b"", 0).text, "\"\"");
        assert_eq!(Shown::new(b" QZ", 3).text, "\" QZ\"");
    }

    #[test]
    fn long_inputs_are_truncated() {
        let long = vec![b'a'; 1000];
        let s = Shown::new(&long, 1000);
        assert_eq!(s.text, format!("\"{}…\"", "a".repeat(64)));
        assert_eq!(s.note(), " (1000 bytes, escaped and truncated)");
        // Only the head of a too-long line is at hand.
        let s = Shown::new(b"abc", 1_048_576);
        assert_eq!(s.text, "\"abc…\"");
        assert_eq!(s.truncated_from, Some(1_048_576));
    }
}
