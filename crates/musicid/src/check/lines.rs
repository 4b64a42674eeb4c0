//! Lines of any size, in constant memory.
//!
//! One fixed buffer, refilled from the source: a line that lies inside the buffer is handed out
//! as a slice of it (no copy, no allocation per line). A line longer than [`MAX_LINE`] bytes cannot
//! be a code; it is skipped up to its end and reported by its length and first bytes, so a 1 GB
//! line costs no more memory than a 13-byte one.

use std::io::{self, Read};

/// Lines longer than this are reported as too long instead of parsed.
pub const MAX_LINE: usize = 64 * 1024;

/// The buffer holds several maximal lines so that refills stay rare.
const BUFFER: usize = 4 * MAX_LINE;

/// How many leading bytes of a too-long line are kept for the report.
pub const HEAD: usize = 48;

/// One line, without its `\n` and without a `\r` before it.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line of at most [`MAX_LINE`] bytes.
    Text(&'a [u8]),
    /// A longer line: its first bytes and its full length.
    TooLong {
        /// The first [`HEAD`] bytes.
        head: &'a [u8],
        /// The length of the whole line in bytes.
        len: u64,
    },
}

/// Reads lines from a byte source.
#[derive(Debug)]
pub struct LineReader<R> {
    source: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    eof: bool,
    bytes_read: u64,
    head: [u8; HEAD],
}

impl<R: Read> LineReader<R> {
    /// A reader over `source`.
    pub fn new(source: R) -> LineReader<R> {
        LineReader {
            source,
            buf: vec![0; BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            eof: false,
            bytes_read: 0,
            head: [0; HEAD],
        }
    }

    /// How many bytes were read from the source so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The next line, or `None` at the end of the input. A final line without `\n` counts.
    ///
    /// # Errors
    /// A read error of the source.
    pub fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        loop {
            let pending = &self.buf[self.start..self.end];
            // Where the line ends (without its `\n`) and where the next one starts.
            let (end, next) = if let Some(i) = memchr::memchr(b'\n', pending) {
                (self.start + i, self.start + i + 1)
            } else if self.eof {
                if pending.is_empty() {
                    return Ok(None);
                }
                (self.end, self.end)
            } else if pending.len() > MAX_LINE + 1 {
                // `+ 1` leaves room for the `\r` of a maximal line ending in `\r\n`.
                let len = self.skip_long_line()?;
                return Ok(Some(Line::TooLong {
                    head: &self.head,
                    len,
                }));
            } else {
                self.refill()?;
                continue;
            };
            let start = std::mem::replace(&mut self.start, next);
            // A final line without `\n` can be `MAX_LINE + 1` bytes long too: one check for both.
            let line = strip_cr(&self.buf[start..end]);
            if line.len() > MAX_LINE {
                self.head.copy_from_slice(&line[..HEAD]);
                return Ok(Some(Line::TooLong {
                    head: &self.head,
                    len: line.len() as u64,
                }));
            }
            return Ok(Some(Line::Text(line)));
        }
    }

    /// The fast path for files of fixed-width lines: hands `accept` each following line of
    /// exactly `width` bytes that ends in `\n`, found by looking at one byte instead of
    /// searching, for as long as `accept` takes them (returns `true`). Stops at the first other
    /// line, or where the buffer runs out, leaving the rest to [`next_line`](Self::next_line).
    /// Returns how many lines `accept` took.
    ///
    /// The caller's `accept` must refuse any line containing a `\n` (a valid code never does),
    /// so that a line taken here is exactly the line `next_line` would have returned.
    pub fn take_fixed(&mut self, width: usize, mut accept: impl FnMut(&[u8]) -> bool) -> u64 {
        let mut taken = 0;
        while let Some(window) = self.buf[self.start..self.end].get(..=width) {
            if window[width] != b'\n' || !accept(&window[..width]) {
                break;
            }
            self.start += width + 1;
            taken += 1;
        }
        taken
    }

    /// Moves the pending bytes to the front and reads more behind them.
    fn refill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        let n = read_some(&mut self.source, &mut self.buf[self.end..])?;
        if n == 0 {
            self.eof = true;
        }
        self.end += n;
        self.bytes_read += n as u64;
        Ok(())
    }

    /// Keeps the head of the pending line and drops the rest of it, up to and including its `\n`.
    /// Returns the line's length without the `\n` (and without a final `\r`).
    fn skip_long_line(&mut self) -> io::Result<u64> {
        self.head
            .copy_from_slice(&self.buf[self.start..self.start + HEAD]);
        let mut len = 0u64;
        let mut last_byte = 0u8;
        loop {
            let pending = &self.buf[self.start..self.end];
            if let Some(i) = memchr::memchr(b'\n', pending) {
                if i > 0 {
                    last_byte = pending[i - 1];
                }
                len += i as u64;
                self.start += i + 1;
                break;
            }
            if let Some(&b) = pending.last() {
                last_byte = b;
            }
            len += pending.len() as u64;
            self.start = 0;
            self.end = 0;
            if self.eof {
                break;
            }
            self.refill()?;
        }
        if last_byte == b'\r' {
            len -= 1;
        }
        Ok(len)
    }
}

/// Reads into `buf`, retrying on interruption; 0 means the end of the input.
fn read_some(source: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match source.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            result => return result,
        }
    }
}

fn strip_cr(line: &[u8]) -> &[u8] {
    match line {
        [rest @ .., b'\r'] => rest,
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each line described briefly (long lines would drown a failure message).
    fn collect(input: &[u8]) -> Vec<String> {
        let mut reader = LineReader::new(input);
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().unwrap() {
            out.push(match line {
                Line::Text(t) if t.len() <= 16 => format!("text {}", String::from_utf8_lossy(t)),
                Line::Text(t) => format!("text of {} bytes {:?}", t.len(), &t[..4]),
                Line::TooLong { head, len } => {
                    format!(
                        "too long: {len} bytes, head {:?}",
                        String::from_utf8_lossy(head)
                    )
                }
            });
        }
        assert_eq!(reader.bytes_read(), input.len() as u64);
        out
    }

    fn too_long(len: usize, byte: char) -> String {
        format!(
            "too long: {len} bytes, head {:?}",
            String::from(byte).repeat(HEAD)
        )
    }

    #[test]
    fn splits_lines_and_strips_cr() {
        assert_eq!(
            collect(b"a\r\nb\n\nc"),
            ["text a", "text b", "text ", "text c"]
        );
        assert!(collect(b"").is_empty());
        assert_eq!(collect(b"\n"), ["text "]);
        assert_eq!(collect(b"a\rb\r\r\n"), ["text a\rb\r"]);
    }

    #[test]
    fn long_lines_are_reported_with_head_and_length() {
        for (len, ending) in [
            (MAX_LINE + 1, "\n"),
            (MAX_LINE + 1, "\r\n"),
            (MAX_LINE + 2, "\n"),
            (BUFFER - 1, "\n"),
            (10 * BUFFER + 7, "\r\n"),
        ] {
            let mut input = vec![b'x'; len];
            input.extend_from_slice(ending.as_bytes());
            input.extend_from_slice(b"next\n");
            assert_eq!(
                collect(&input),
                [too_long(len, 'x'), "text next".to_owned()],
                "line of {len} bytes ending {ending:?}"
            );
        }
        // The last line, without a newline, at the end of the input.
        for len in [MAX_LINE + 1, MAX_LINE + 2, 3 * BUFFER] {
            assert_eq!(
                collect(&vec![b'z'; len]),
                [too_long(len, 'z')],
                "last line of {len} bytes"
            );
        }
    }

    #[test]
    fn lines_up_to_the_limit_are_whole() {
        for ending in ["\n", "\r\n", ""] {
            let mut input = vec![b'y'; MAX_LINE];
            input.extend_from_slice(ending.as_bytes());
            assert_eq!(
                collect(&input),
                [format!("text of {MAX_LINE} bytes [121, 121, 121, 121]")],
                "ending {ending:?}"
            );
        }
    }

    #[test]
    fn fixed_width_lines_are_taken_until_one_differs() {
        let input = b"AAAA\nBBBB\nCC\nDDDD\nEEEE";
        let mut reader = LineReader::new(&input[..]);
        // Nothing is buffered before the first read.
        assert_eq!(reader.take_fixed(4, |_| true), 0);
        assert_eq!(reader.next_line().unwrap(), Some(Line::Text(b"AAAA")));
        let mut seen = Vec::new();
        let taken = reader.take_fixed(4, |line| {
            seen.push(line.to_vec());
            true
        });
        assert_eq!(taken, 1);
        assert_eq!(seen, [b"BBBB".to_vec()]);
        assert_eq!(reader.next_line().unwrap(), Some(Line::Text(b"CC")));
        // A refused line stays for next_line.
        assert_eq!(reader.take_fixed(4, |line| line != b"DDDD"), 0);
        assert_eq!(reader.next_line().unwrap(), Some(Line::Text(b"DDDD")));
        // The last line has no newline: it is left to next_line.
        assert_eq!(reader.take_fixed(4, |_| true), 0);
        assert_eq!(reader.next_line().unwrap(), Some(Line::Text(b"EEEE")));
        assert_eq!(reader.next_line().unwrap(), None);
    }

    #[test]
    fn many_short_lines_across_refills() {
        let mut input = Vec::new();
        for i in 0..100_000 {
            input.extend_from_slice(format!("{i}\n").as_bytes());
        }
        let lines = collect(&input);
        assert_eq!(lines.len(), 100_000);
        assert_eq!(lines[0], "text 0");
        assert_eq!(lines[99_999], "text 99999");
    }
}
