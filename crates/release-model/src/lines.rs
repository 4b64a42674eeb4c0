//! [`Positions`]: line and column of byte offsets in a text, in linear total time.

/// The 1-based line and column (in bytes) of offsets in one text, asked for in increasing
/// order: each query scans only the bytes since the previous one, so positions for every
/// error of a file cost one pass over it, however many errors there are. (An offset before
/// the previous one is answered too, by scanning again from the start.)
#[derive(Debug)]
pub(crate) struct Positions<'a> {
    text: &'a [u8],
    /// The offset answered last.
    offset: usize,
    /// Its line, and the offset where that line starts.
    line: usize,
    line_start: usize,
    /// The bytes examined so far.
    scanned: usize,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
            line_start: 0,
            scanned: 0,
        }
    }

    /// The line and column of byte `offset` (clamped to the text's end).
    pub(crate) fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
            self.line_start = 0;
        }
        let from = self.offset;
        for newline in memchr::memchr_iter(b'\n', &self.text[from..offset]) {
            self.line += 1;
            self.line_start = from + newline + 1;
        }
        self.scanned += offset - from;
        self.offset = offset;
        (self.line, offset - self.line_start + 1)
    }

    /// The bytes examined so far, over every query.
    #[cfg(test)]
    pub(crate) fn scanned(&self) -> usize {
        self.scanned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let mut p = Positions::new("ab\ncd\n\nef");
        assert_eq!(p.at(0), (1, 1));
        assert_eq!(p.at(1), (1, 2));
        assert_eq!(p.at(3), (2, 1));
        assert_eq!(p.at(7), (4, 1));
        assert_eq!(p.at(99), (4, 3));
        assert_eq!(p.scanned(), 9);
        // Backwards: answered by scanning again.
        assert_eq!(p.at(4), (2, 2));
    }
}
