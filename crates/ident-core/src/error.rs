//! The error vocabulary every code type speaks.

use core::fmt;

use crate::CharClass;

/// Why an input is not a code.
///
/// Positions are 1-based character positions in the caller's original input (before trimming,
/// case folding or removal of separators), so `position 4` is the fourth character a person sees.
/// Format errors are kept apart from [`ParseError::CheckDigit`]: a code with the right shape and a
/// wrong check digit is a different problem from a code with the wrong shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The input is empty or only whitespace.
    #[error("empty input: expected {expected}")]
    Empty {
        /// What a code of this type looks like ("an ISRC of 12 characters").
        expected: &'static str,
    },
    /// The input has the wrong number of significant characters.
    #[error("invalid length: expected {expected}, found {found}")]
    Length {
        /// The lengths allowed ("12 characters", "8, 12, 13 or 14 digits").
        expected: &'static str,
        /// The number of significant characters found.
        found: usize,
    },
    /// A character that its element does not allow.
    #[error(
        "invalid character {found:?} at position {position} in the {element}: expected {expected}"
    )]
    InvalidChar {
        /// 1-based character position in the original input.
        position: usize,
        /// The character found.
        found: char,
        /// The element it stands in ("registrant code").
        element: &'static str,
        /// The characters allowed there.
        expected: CharClass,
    },
    /// A character where the format fixes the text, such as the `T` of an ISWC or the `A1`
    /// scheme of a GRid.
    #[error(
        "invalid character {found:?} at position {position} in the {element}: expected {expected}"
    )]
    Literal {
        /// 1-based character position in the original input.
        position: usize,
        /// The character found.
        found: char,
        /// The element it stands in ("scheme").
        element: &'static str,
        /// The text the element must hold, quoted ("'A1'").
        expected: &'static str,
    },
    /// A separator where the format allows none, or separators at only some boundaries.
    #[error("misplaced separator {found:?} at position {position}: {rule}")]
    Separator {
        /// 1-based character position in the original input.
        position: usize,
        /// The separator found.
        found: char,
        /// Where separators may go.
        rule: &'static str,
    },
    /// Text after a complete code.
    #[error("unexpected text after the code at position {position}: found {found:?}")]
    TrailingText {
        /// 1-based character position in the original input.
        position: usize,
        /// The first character of the trailing text.
        found: char,
    },
    /// The check digit does not match the body.
    #[error("check digit mismatch: expected {expected}, found {found}")]
    CheckDigit {
        /// The check digit the body requires.
        expected: u8,
        /// The check digit the input carries.
        found: u8,
    },
    /// The check characters do not match the body, for a check system whose check is not one
    /// decimal digit: ISO 7064 MOD 11-2 (`0`–`9` or `X`), MOD 37-36 (`0`–`9`, `A`–`Z`), or the
    /// two digits of an IPI name number.
    #[error("check character mismatch: expected {expected}, found {found}")]
    CheckCharacters {
        /// The check characters the body requires.
        expected: CheckChars,
        /// The check characters the input carries.
        found: CheckChars,
    },
}

/// One or two check characters, as a [`ParseError::CheckCharacters`] reports them: printed as
/// they are written in a code (`X`, `M`, `05`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CheckChars {
    bytes: [u8; 2],
    len: u8,
}

impl CheckChars {
    /// One check character (ASCII; anything else is shown as `?`).
    #[must_use]
    pub const fn one(c: u8) -> CheckChars {
        CheckChars {
            bytes: [ascii_or_question(c), 0],
            len: 1,
        }
    }

    /// Two check characters (ASCII; anything else is shown as `?`).
    #[must_use]
    pub const fn two(c: [u8; 2]) -> CheckChars {
        CheckChars {
            bytes: [ascii_or_question(c[0]), ascii_or_question(c[1])],
            len: 2,
        }
    }

    /// The characters as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored.
        core::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("?")
    }
}

const fn ascii_or_question(c: u8) -> u8 {
    if c.is_ascii_graphic() { c } else { b'?' }
}

impl fmt::Display for CheckChars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for CheckChars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl ParseError {
    /// A stable, machine-readable name for the kind of error, for JSON output.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            ParseError::Empty { .. } => "empty",
            ParseError::Length { .. } => "length",
            ParseError::InvalidChar { .. } | ParseError::Literal { .. } => "character",
            ParseError::Separator { .. } => "separator",
            ParseError::TrailingText { .. } => "trailing_text",
            ParseError::CheckDigit { .. } | ParseError::CheckCharacters { .. } => "check_digit",
        }
    }

    /// The 1-based character position the error points at, when it points at one.
    #[must_use]
    pub const fn position(&self) -> Option<usize> {
        match self {
            ParseError::InvalidChar { position, .. }
            | ParseError::Literal { position, .. }
            | ParseError::Separator { position, .. }
            | ParseError::TrailingText { position, .. } => Some(*position),
            ParseError::Empty { .. }
            | ParseError::Length { .. }
            | ParseError::CheckDigit { .. }
            | ParseError::CheckCharacters { .. } => None,
        }
    }

    /// Whether the input had a valid shape and only its check digit (or check characters)
    /// was wrong.
    #[must_use]
    pub const fn is_check_digit(&self) -> bool {
        matches!(
            self,
            ParseError::CheckDigit { .. } | ParseError::CheckCharacters { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::ToString;

    #[test]
    fn messages_are_pinned() {
        let cases: [(ParseError, &str); 8] = [
            (
                ParseError::Literal {
                    position: 1,
                    found: 'B',
                    element: "scheme",
                    expected: "'A1'",
                },
                "invalid character 'B' at position 1 in the scheme: expected 'A1'",
            ),
            (
                ParseError::CheckCharacters {
                    expected: CheckChars::one(b'X'),
                    found: CheckChars::one(b'3'),
                },
                "check character mismatch: expected X, found 3",
            ),
            (
                ParseError::Empty {
                    expected: "an ISRC of 12 characters",
                },
                "empty input: expected an ISRC of 12 characters",
            ),
            (
                ParseError::Length {
                    expected: "12 characters",
                    found: 11,
                },
                "invalid length: expected 12 characters, found 11",
            ),
            (
                ParseError::InvalidChar {
                    position: 4,
                    found: 'é',
                    element: "registrant code",
                    expected: CharClass::Alphanumeric,
                },
                "invalid character 'é' at position 4 in the registrant code: expected a letter A-Z or a digit 0-9",
            ),
            (
                ParseError::Separator {
                    position: 3,
                    found: '-',
                    rule: "separators go at all three element boundaries or at none",
                },
                "misplaced separator '-' at position 3: separators go at all three element boundaries or at none",
            ),
            (
                ParseError::TrailingText {
                    position: 13,
                    found: 'x',
                },
                "unexpected text after the code at position 13: found 'x'",
            ),
            (
                ParseError::CheckDigit {
                    expected: 2,
                    found: 3,
                },
                "check digit mismatch: expected 2, found 3",
            ),
        ];
        for (err, msg) in cases {
            assert_eq!(err.to_string(), msg);
        }
    }

    #[test]
    fn kinds_and_positions() {
        let e = ParseError::TrailingText {
            position: 13,
            found: 'x',
        };
        assert_eq!(e.kind(), "trailing_text");
        assert_eq!(e.position(), Some(13));
        let e = ParseError::CheckDigit {
            expected: 2,
            found: 3,
        };
        assert!(e.is_check_digit());
        assert_eq!(e.position(), None);
        let e = ParseError::CheckCharacters {
            expected: CheckChars::two(*b"05"),
            found: CheckChars::two([b'5', 0xff]),
        };
        assert!(e.is_check_digit());
        assert_eq!(e.kind(), "check_digit");
        assert_eq!(
            e.to_string(),
            "check character mismatch: expected 05, found 5?"
        );
    }
}
