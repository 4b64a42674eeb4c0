//! Line and column of a byte offset in the message text, computed only when an error needs them.

use core::fmt;

/// Where something sits in an XML message: 1-based line and 1-based column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The line, counting from 1.
    pub line: usize,
    /// The column in characters (not bytes), counting from 1.
    pub column: usize,
}

impl Position {
    /// The location of byte `offset` in `input`; an offset past the end points just after the
    /// last character.
    #[must_use]
    pub fn of_offset(input: &[u8], offset: usize) -> Position {
        let before = &input[..offset.min(input.len())];
        let line_start = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = 1 + before.iter().filter(|&&byte| byte == b'\n').count();
        // UTF-8 continuation bytes do not start a character.
        let column = 1 + before[line_start..]
            .iter()
            .filter(|&&byte| byte & 0b1100_0000 != 0b1000_0000)
            .count();
        Position { line, column }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::Position;

    #[test]
    fn counts_lines_and_characters() {
        let input = "<a>\n  <b>é</b>\n</a>".as_bytes();
        assert_eq!(
            Position::of_offset(input, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(input, 6),
            Position { line: 2, column: 3 }
        );
        // "é" is two bytes but one column.
        let after_e = input.iter().position(|&b| b == b'/').unwrap() - 1;
        assert_eq!(
            Position::of_offset(input, after_e),
            Position { line: 2, column: 7 }
        );
        assert_eq!(
            Position::of_offset(input, 1000),
            Position { line: 3, column: 5 }
        );
        assert_eq!(
            Position { line: 3, column: 5 }.to_string(),
            "line 3, column 5"
        );
    }
}
