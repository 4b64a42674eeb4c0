//! Parsing: the strict fast path for canonical bytes and the lenient path for what people type.
//!
//! The lenient rules (IFPI Bulletin 2015/01, "Validating an ISRC"): surrounding whitespace is
//! dropped, lower-case letters "should be interpreted as uppercase", and the `ISRC` label and
//! the hyphens of the visual presentation "should never be considered part of the overall 12
//! characters". The bulletin also warns that software which "may take the first 12 characters"
//! gets wrong results, so anything else is refused with its position, never truncated.

use core::str::FromStr;

use ident_core::clean::{byte_char, char_at, position, starts_with_label, trim};
use ident_core::{CharClass, ParseError};

use crate::pack::{decode, prefix_bits};
use crate::{Error, Isrc, Prefix};

/// The element names errors use.
pub(crate) const AGENCY: &str = "agency code";
pub(crate) const REGISTRANT: &str = "registrant code";
pub(crate) const YEAR: &str = "year of reference";
pub(crate) const DESIGNATION: &str = "designation code";

/// Where separators may go, as error messages say it.
pub(crate) const RULE_PLACE: &str =
    "separators may stand only between two elements, one at each boundary";
pub(crate) const RULE_ALL_OR_NONE: &str = "separators go at all element boundaries or at none";
pub(crate) const RULE_SAME: &str = "all separators must be the same character";

/// The shape of a code: its elements, what fills them, and what its errors say.
pub(crate) struct Layout {
    /// Each element's length, name and characters, in order.
    elements: &'static [(usize, &'static str, CharClass)],
    /// The number of significant characters (at most 16).
    len: usize,
    /// The element of each significant character, by index.
    element_of: [u8; 16],
    /// Bit `n` is set when a separator may stand after `n` significant characters.
    boundaries: u32,
    /// What an empty input should have been.
    empty: &'static str,
    /// The length, as a length error says it.
    length: &'static str,
    /// Whether an `ISRC` label may come first.
    label: bool,
}

impl Layout {
    const fn new(
        elements: &'static [(usize, &'static str, CharClass)],
        empty: &'static str,
        length: &'static str,
        label: bool,
    ) -> Layout {
        let mut element_of = [0u8; 16];
        let mut boundaries = 0u32;
        let mut n = 0;
        let mut e = 0;
        while e < elements.len() {
            let mut k = 0;
            while k < elements[e].0 {
                element_of[n] = e as u8;
                n += 1;
                k += 1;
            }
            if e + 1 < elements.len() {
                boundaries |= 1 << n;
            }
            e += 1;
        }
        Layout {
            elements,
            len: n,
            element_of,
            boundaries,
            empty,
            length,
            label,
        }
    }
}

pub(crate) const ISRC_LAYOUT: Layout = Layout::new(
    &[
        (2, AGENCY, CharClass::Letter),
        (3, REGISTRANT, CharClass::Alphanumeric),
        (2, YEAR, CharClass::Digit),
        (5, DESIGNATION, CharClass::Digit),
    ],
    "an ISRC of 12 characters",
    "12 characters",
    true,
);

pub(crate) const PREFIX_LAYOUT: Layout = Layout::new(
    &[
        (2, AGENCY, CharClass::Letter),
        (3, REGISTRANT, CharClass::Alphanumeric),
    ],
    "an ISRC prefix of 5 characters",
    "5 characters",
    false,
);

impl Layout {
    /// The element holding significant character `n` (0-based, below `self.len`), with its
    /// characters.
    #[inline]
    fn element(&self, n: usize) -> (&'static str, CharClass) {
        let (_, name, class) = self.elements[self.element_of[n] as usize];
        (name, class)
    }

    /// Whether a separator may stand after `n` significant characters.
    #[inline]
    fn is_boundary(&self, n: usize) -> bool {
        n < 32 && self.boundaries & (1 << n) != 0
    }

    /// The error for canonical-only input that is not canonical: positions are byte offsets + 1.
    fn strict_error(&self, input: &[u8]) -> ParseError {
        if input.is_empty() {
            return ParseError::Empty {
                expected: self.empty,
            };
        }
        if input.len() != self.len {
            return ParseError::Length {
                expected: self.length,
                found: input.len(),
            };
        }
        for (i, &b) in input.iter().enumerate() {
            let (element, class) = self.element(i);
            if !class.contains(b) {
                return ParseError::InvalidChar {
                    position: i + 1,
                    found: byte_char(b),
                    element,
                    expected: class,
                };
            }
        }
        // Unreachable for input the fast path refused; an honest error all the same.
        ParseError::Length {
            expected: self.length,
            found: input.len(),
        }
    }

    /// Reads the lenient spelling in `input` into `out` (its first `self.len` bytes), upper case.
    fn scan(&self, input: &str, out: &mut [u8]) -> Result<(), ParseError> {
        let (start, trimmed) = trim(input);
        if trimmed.is_empty() {
            return Err(ParseError::Empty {
                expected: self.empty,
            });
        }
        let bytes = input.as_bytes();
        let end = start + trimmed.len();
        let mut i = if self.label {
            skip_label(bytes, start, end)
        } else {
            start
        };
        let separator = |at: usize, rule: &'static str| ParseError::Separator {
            position: position(input, at),
            found: byte_char(bytes[at]),
            rule,
        };
        let mut n = 0;
        let mut first_separator: Option<usize> = None;
        let mut compact = false;
        let mut after_separator = false;
        while i < end {
            let b = bytes[i];
            if b == b'-' || b == b' ' {
                if n == self.len {
                    return Err(trailing_text(input, i, end));
                }
                if !self.is_boundary(n) || after_separator {
                    return Err(separator(i, RULE_PLACE));
                }
                match first_separator {
                    None if compact => return Err(separator(i, RULE_ALL_OR_NONE)),
                    None => first_separator = Some(i),
                    Some(first) if bytes[first] != b => return Err(separator(i, RULE_SAME)),
                    Some(_) => {}
                }
                after_separator = true;
                i += 1;
                continue;
            }
            if n == self.len {
                // The code runs on without a break: too long, not trailing text.
                return Err(ParseError::Length {
                    expected: self.length,
                    found: n + significant_chars(&input[i..end]),
                });
            }
            if self.is_boundary(n) && !after_separator {
                match first_separator {
                    Some(first) => return Err(separator(first, RULE_ALL_OR_NONE)),
                    None => compact = true,
                }
            }
            let (element, class) = self.element(n);
            if !class.contains_folded(b) {
                return Err(ParseError::InvalidChar {
                    position: position(input, i),
                    found: char_at(input, i),
                    element,
                    expected: class,
                });
            }
            out[n] = b.to_ascii_uppercase();
            n += 1;
            after_separator = false;
            i += 1;
        }
        if n == self.len {
            Ok(())
        } else {
            Err(ParseError::Length {
                expected: self.length,
                found: n,
            })
        }
    }
}

/// Skips an `ISRC` label (any case) followed by `:` or a space, and the spaces after it.
/// A label must be followed by one of the two: `ISRCQZ…` is not a labelled code.
fn skip_label(bytes: &[u8], start: usize, end: usize) -> usize {
    let rest = &bytes[start..end];
    if rest.len() > 4 && starts_with_label(rest, b"ISRC") && matches!(rest[4], b':' | b' ') {
        let mut i = start + 5;
        while i < end && bytes[i] == b' ' {
            i += 1;
        }
        i
    } else {
        start
    }
}

/// Text after a complete code: the error points at its first character that is not a space.
fn trailing_text(input: &str, from: usize, end: usize) -> ParseError {
    let bytes = input.as_bytes();
    let mut at = from;
    while at < end && bytes[at] == b' ' {
        at += 1;
    }
    ParseError::TrailingText {
        position: position(input, at),
        found: char_at(input, at),
    }
}

/// The characters of `text` that are not separators, as a length error counts them.
fn significant_chars(text: &str) -> usize {
    text.chars().filter(|&c| c != '-' && c != ' ').count()
}

impl Isrc {
    /// The strict fast path for pipelines: exactly the 12 canonical bytes (upper case, no
    /// separators, no whitespace, no label). Error positions count bytes from 1.
    ///
    /// ```
    /// let isrc = isrc::Isrc::parse_compact(b"QZAQQ2600001")?;
    /// assert_eq!(isrc.designation(), 1);
    /// assert!(isrc::Isrc::parse_compact(b"qzaqq2600001").is_err());
    /// # Ok::<(), isrc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`] when `input` is not 12 bytes long or a byte is not allowed in its
    /// element (lower case included).
    #[inline]
    pub fn parse_compact(input: &[u8]) -> Result<Isrc, Error> {
        if let Ok(bytes) = <&[u8; 12]>::try_from(input)
            && let Some(packed) = decode(bytes)
        {
            return Ok(Isrc::from_packed(packed));
        }
        Err(strict_isrc_error(input))
    }
}

/// Kept out of line so the fast path stays small enough to inline.
#[cold]
#[inline(never)]
fn strict_isrc_error(input: &[u8]) -> Error {
    Error::Parse(ISRC_LAYOUT.strict_error(input))
}

/// The lenient path, out of line for the same reason.
#[inline(never)]
fn parse_lenient(s: &str) -> Result<Isrc, Error> {
    if let Some(packed) = common_spelling(s.trim_ascii().as_bytes()) {
        return Ok(Isrc::from_packed(packed));
    }
    let mut canonical = [0u8; 12];
    ISRC_LAYOUT.scan(s, &mut canonical)?;
    match decode(&canonical) {
        Some(packed) => Ok(Isrc::from_packed(packed)),
        // The scan checked every character, so this is never taken.
        None => Err(strict_isrc_error(&canonical)),
    }
}

/// The two spellings people paste most, compact in any case and hyphenated (or spaced), read
/// without the general scan. Anything else, and every error, goes to the scan, which accepts
/// all these spellings too, so this changes speed only.
#[inline]
fn common_spelling(text: &[u8]) -> Option<u64> {
    let mut canonical = match *text {
        [a0, a1, r0, r1, r2, y0, y1, d0, d1, d2, d3, d4] => {
            [a0, a1, r0, r1, r2, y0, y1, d0, d1, d2, d3, d4]
        }
        [a0, a1, s0, r0, r1, r2, s1, y0, y1, s2, d0, d1, d2, d3, d4]
            if (s0 == b'-' || s0 == b' ') && s1 == s0 && s2 == s0 =>
        {
            [a0, a1, r0, r1, r2, y0, y1, d0, d1, d2, d3, d4]
        }
        _ => return None,
    };
    canonical.make_ascii_uppercase();
    decode(&canonical)
}

impl FromStr for Isrc {
    type Err = Error;

    /// Parses the lenient spellings: surrounding whitespace, any letter case, an optional
    /// `ISRC` label followed by `:` or a space (`ISRC QZ-AQQ-26-00001`, `isrc:QZAQQ2600001`),
    /// and one separator (`-` or a space, the same one throughout) at every element boundary
    /// or at none (`QZ-AQQ-26-00001`, `QZ AQQ 26 00001`, `QZAQQ2600001`). The canonical form
    /// takes the same fast path as [`Isrc::parse_compact`].
    ///
    /// # Errors
    /// [`Error::Parse`] saying what is wrong and where, counting characters of `s` from 1:
    /// an empty input, a wrong length (with the length found), a character its element does
    /// not allow, a misplaced or partial separator, or text after the code.
    #[inline]
    fn from_str(s: &str) -> Result<Isrc, Error> {
        if let Ok(bytes) = <&[u8; 12]>::try_from(s.as_bytes())
            && let Some(packed) = decode(bytes)
        {
            return Ok(Isrc::from_packed(packed));
        }
        parse_lenient(s)
    }
}

impl TryFrom<&str> for Isrc {
    type Error = Error;

    /// The same as [`str::parse`].
    ///
    /// # Errors
    /// As [`Isrc::from_str`](FromStr::from_str).
    fn try_from(s: &str) -> Result<Isrc, Error> {
        s.parse()
    }
}

impl Prefix {
    /// The strict form: exactly the 5 canonical bytes (`QZAQQ`).
    ///
    /// # Errors
    /// [`Error::Parse`] when `input` is not 5 bytes long or a byte is not allowed in its
    /// element (lower case included).
    pub fn parse_compact(input: &[u8]) -> Result<Prefix, Error> {
        if let Ok(bytes) = <&[u8; 5]>::try_from(input)
            && let Some(prefix) = Prefix::from_canonical(bytes)
        {
            return Ok(prefix);
        }
        Err(Error::Parse(PREFIX_LAYOUT.strict_error(input)))
    }

    /// The prefix spelled by 5 canonical bytes, or `None`: [`Prefix::parse_compact`] for
    /// constants.
    ///
    /// ```
    /// use isrc::Prefix;
    /// const PLATFORM: Prefix = match Prefix::from_canonical(b"QZAQQ") {
    ///     Some(prefix) => prefix,
    ///     None => panic!("not a prefix"),
    /// };
    /// assert_eq!(PLATFORM.to_string(), "QZAQQ");
    /// assert_eq!(Prefix::from_canonical(b"qzaqq"), None);
    /// ```
    #[must_use]
    pub const fn from_canonical(bytes: &[u8; 5]) -> Option<Prefix> {
        match prefix_bits(bytes) {
            Some(bits) => Some(Prefix::from_bits(bits)),
            None => None,
        }
    }
}

impl FromStr for Prefix {
    type Err = Error;

    /// Parses a registrant prefix leniently like an ISRC: surrounding whitespace, any letter
    /// case, and an optional separator between agency and registrant code (`QZ-AQQ`).
    ///
    /// # Errors
    /// [`Error::Parse`] with the same vocabulary as [`Isrc`]'s parser.
    fn from_str(s: &str) -> Result<Prefix, Error> {
        let mut canonical = [0u8; 5];
        PREFIX_LAYOUT.scan(s, &mut canonical)?;
        // The scan checked every character, so the error is never built.
        Prefix::from_canonical(&canonical)
            .ok_or_else(|| Error::Parse(PREFIX_LAYOUT.strict_error(&canonical)))
    }
}

impl TryFrom<&str> for Prefix {
    type Error = Error;

    /// The same as [`str::parse`].
    ///
    /// # Errors
    /// As [`Prefix::from_str`](FromStr::from_str).
    fn try_from(s: &str) -> Result<Prefix, Error> {
        s.parse()
    }
}
