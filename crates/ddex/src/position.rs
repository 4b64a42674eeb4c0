//! Line and column of a byte offset in the message text, computed only when a finding needs
//! them, from an index built once per message.

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
    /// last character. Scans the text up to `offset`: to place many offsets in one text, build
    /// a [`Lines`] once.
    #[must_use]
    pub fn of_offset(input: &[u8], offset: usize) -> Position {
        Lines::new(input).position(input, offset)
    }
}

/// How many bytes a checkpoint of [`Lines`] covers.
const BLOCK: usize = 256;

/// An index of a text's lines and characters, built in one pass, so that placing any number
/// of offsets costs time linear in the text plus a bounded amount per offset (a binary search
/// and at most one block of bytes), never a rescan from the start.
#[derive(Debug, Clone)]
pub(crate) struct Lines {
    /// Byte offset of the first byte of each line after the first.
    starts: Vec<usize>,
    /// Characters before each block of [`BLOCK`] bytes.
    chars: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(input: &[u8]) -> Lines {
        let starts = memchr::memchr_iter(b'\n', input).map(|at| at + 1).collect();
        let mut chars = Vec::with_capacity(input.len() / BLOCK + 1);
        let mut count = 0;
        for block in input.chunks(BLOCK) {
            chars.push(count);
            count += characters(block);
        }
        chars.push(count);
        Lines { starts, chars }
    }

    /// Characters before byte `offset` (which must be within `input`).
    fn chars_before(&self, input: &[u8], offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars[block] + characters(&input[block * BLOCK..offset])
    }

    /// The line and column of byte `offset` of `input`, the text this index was built over.
    pub(crate) fn position(&self, input: &[u8], offset: usize) -> Position {
        let offset = offset.min(input.len());
        let line_index = self.starts.partition_point(|&start| start <= offset);
        let line_start = if line_index == 0 {
            0
        } else {
            self.starts[line_index - 1]
        };
        let column = 1 + self.chars_before(input, offset) - self.chars_before(input, line_start);
        Position {
            line: line_index + 1,
            column,
        }
    }
}

/// The characters in UTF-8 `bytes`: continuation bytes do not start one.
fn characters(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&byte| byte & 0b1100_0000 != 0b1000_0000)
        .count()
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::{Lines, Position};

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

    #[test]
    fn the_index_agrees_with_a_plain_count_everywhere() {
        let mut text = String::new();
        for n in 0..200 {
            text.push_str(&"é".repeat(n % 7));
            text.push_str(&"a".repeat(n % 300));
            text.push('\n');
        }
        let input = text.as_bytes();
        let lines = Lines::new(input);
        for offset in (0..=input.len() + 2).step_by(37) {
            let before = &input[..offset.min(input.len())];
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
            let start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |n| n + 1);
            let column = 1 + super::characters(&before[start..]);
            assert_eq!(
                lines.position(input, offset),
                Position { line, column },
                "offset {offset}"
            );
        }
    }
}
