//! The error vocabulary both code types speak.

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
}

impl ParseError {
    /// A stable, machine-readable name for the kind of error, for JSON output.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            ParseError::Empty { .. } => "empty",
            ParseError::Length { .. } => "length",
            ParseError::InvalidChar { .. } => "character",
            ParseError::Separator { .. } => "separator",
            ParseError::TrailingText { .. } => "trailing_text",
            ParseError::CheckDigit { .. } => "check_digit",
        }
    }

    /// The 1-based character position the error points at, when it points at one.
    #[must_use]
    pub const fn position(&self) -> Option<usize> {
        match self {
            ParseError::InvalidChar { position, .. }
            | ParseError::Separator { position, .. }
            | ParseError::TrailingText { position, .. } => Some(*position),
            ParseError::Empty { .. }
            | ParseError::Length { .. }
            | ParseError::CheckDigit { .. } => None,
        }
    }

    /// Whether the input had a valid shape and only its check digit was wrong.
    #[must_use]
    pub const fn is_check_digit(&self) -> bool {
        matches!(self, ParseError::CheckDigit { .. })
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::ToString;

    #[test]
    fn messages_are_pinned() {
        let cases: [(ParseError, &str); 6] = [
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
    }
}
