//! Lines as an editor numbers them, for readers that report where a problem is: the line a
//! CSV record starts on ([`LineTracking`]). It lives here, below the code crates and the
//! release model, so that every reader and the command line share it.
//!
//! The `csv` crate's own record positions point where its reader stood before the record: at
//! the blank lines it skipped, or at the `\n` of the previous `\r\n`, and its line count does
//! not advance for `\r\n`. Every row of a spreadsheet's CRLF export would be reported one line
//! early. So the bytes are counted here as they pass to the `csv` reader: each line that holds
//! something is noted with the offset of its first byte, and a record's line is the first such
//! line at or after the position the `csv` crate gives.

use std::collections::VecDeque;
use std::io::{self, Read};

/// A reader that passes its source's bytes through and notes where lines with content start,
/// so that a record read through it by the `csv` crate gets the line an editor shows.
///
/// ```
/// use ident_core::lines::LineTracking;
///
/// let text = "code\r\n\r\nQZAQQ2600001\r\n";
/// let mut reader = ::csv::Reader::from_reader(LineTracking::new(text.as_bytes()));
/// let mut record = ::csv::StringRecord::new();
/// assert!(reader.read_record(&mut record)?);
/// let byte = record.position().map_or(0, |p| p.byte());
/// assert_eq!(reader.get_mut().line_at(byte), 3);
/// Ok::<(), ::csv::Error>(())
/// ```
#[derive(Debug)]
pub struct LineTracking<R> {
    inner: R,
    /// Offset of the next byte to pass through.
    offset: u64,
    /// 1-based number of the line being read.
    line: u64,
    /// Whether the line being read has a byte other than a terminator yet.
    has_content: bool,
    /// Whether the last byte was a `\r`, whose `\n` (if next) belongs to the same terminator.
    after_cr: bool,
    /// The lines with content not yet asked for: (offset of their first byte, line number).
    /// Records are asked for in order, so this holds only what the `csv` reader has read
    /// ahead of the record it returned.
    starts: VecDeque<(u64, u64)>,
}

impl<R> LineTracking<R> {
    /// Tracks the lines of `inner`, read from its start.
    pub fn new(inner: R) -> LineTracking<R> {
        LineTracking {
            inner,
            offset: 0,
            line: 1,
            has_content: false,
            after_cr: false,
            starts: VecDeque::new(),
        }
    }

    /// The line of the record whose `csv` position is at byte `byte`: the first line with
    /// content starting there or later (0 when there is none, which a record never meets).
    /// Positions must be asked for in increasing order.
    #[must_use]
    pub fn line_at(&mut self, byte: u64) -> u64 {
        while let Some(&(offset, line)) = self.starts.front() {
            if offset >= byte {
                return line;
            }
            self.starts.pop_front();
        }
        0
    }

    /// Notes the lines in `bytes`, the next bytes passed through. Line terminators are those
    /// the `csv` crate reads: `\n`, `\r\n` and a lone `\r`.
    fn scan(&mut self, bytes: &[u8]) {
        let mut at = 0;
        while at < bytes.len() {
            // The text up to the next terminator byte (or the end of `bytes`).
            let end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            if end > at {
                self.after_cr = false;
                if !self.has_content {
                    self.has_content = true;
                    self.starts.push_back((self.offset + at as u64, self.line));
                }
            }
            if let Some(&terminator) = bytes.get(end) {
                if terminator == b'\n' && self.after_cr {
                    self.after_cr = false;
                } else {
                    self.line += 1;
                    self.has_content = false;
                    self.after_cr = terminator == b'\r';
                }
            }
            at = end + 1;
        }
        self.offset += bytes.len() as u64;
    }
}

impl<R: Read> Read for LineTracking<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::vec::Vec;

    use super::*;

    /// Each record's line, read through the tracker as `read.rs` does.
    fn record_lines(text: &str) -> Vec<u64> {
        let mut csv = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineTracking::new(text.as_bytes()));
        let mut record = ::csv::StringRecord::new();
        let mut lines = Vec::new();
        while csv.read_record(&mut record).unwrap() {
            let byte = record.position().unwrap().byte();
            lines.push(csv.get_mut().line_at(byte));
        }
        lines
    }

    #[test]
    fn lines_as_an_editor_numbers_them() {
        assert_eq!(record_lines("a,b\n1,2\n3,4\n"), [1, 2, 3]);
        assert_eq!(record_lines("a,b\r\n1,2\r\n3,4\r\n"), [1, 2, 3]);
        assert_eq!(record_lines("a,b\r1,2\r3,4"), [1, 2, 3]);
        assert_eq!(record_lines("\n\na,b\n1,2\n\n3,4\n"), [3, 4, 6]);
        assert_eq!(record_lines("a,b\r\n\r\n1,2\r\n\r\n\r\n3,4"), [1, 3, 6]);
        // A quoted field over two lines: the next record is on the line after both.
        assert_eq!(record_lines("a,b\n\"x\ny\",2\n3,4\n"), [1, 2, 4]);
        // Spaces are content: the csv crate reads the line as a record.
        assert_eq!(record_lines("a,b\n \n1,2\n"), [1, 2, 3]);
    }

    #[test]
    fn terminators_split_across_reads_count_once() {
        let mut tracker = LineTracking::new(io::empty());
        for chunk in [&b"a,b\r"[..], b"\n", b"\r", b"\n1,2"] {
            tracker.scan(chunk);
        }
        assert_eq!(tracker.line_at(0), 1);
        assert_eq!(tracker.line_at(4), 3);
    }
}
