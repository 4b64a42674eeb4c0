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

use crate::{Error, Isrc, Prefix};

/// No value: the byte is not a canonical code character.
const INVALID: u8 = 0xFF;

/// The value of a canonical character: `0`–`9` are 0–9 and `A`–`Z` are 10–35, so the values
/// run in ASCII order (digits before letters) and the packed numbers sort like the text.
pub(crate) const VALUE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_digit() {
            table[b] = c - b'0';
        } else if c.is_ascii_uppercase() {
            table[b] = c - b'A' + 10;
        }
        b += 1;
    }
    table
};

/// The canonical character of each value, the inverse of [`VALUE`].
pub(crate) const CHARS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

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
    /// The number of significant characters.
    len: usize,
    /// What an empty input should have been.
    empty: &'static str,
    /// The length, as a length error says it.
    length: &'static str,
    /// Whether an `ISRC` label may come first.
    label: bool,
}

pub(crate) const ISRC_LAYOUT: Layout = Layout {
    elements: &[
        (2, AGENCY, CharClass::Letter),
        (3, REGISTRANT, CharClass::Alphanumeric),
        (2, YEAR, CharClass::Digit),
        (5, DESIGNATION, CharClass::Digit),
    ],
    len: 12,
    empty: "an ISRC of 12 characters",
    length: "12 characters",
    label: true,
};

pub(crate) const PREFIX_LAYOUT: Layout = Layout {
    elements: &[
        (2, AGENCY, CharClass::Letter),
        (3, REGISTRANT, CharClass::Alphanumeric),
    ],
    len: 5,
    empty: "an ISRC prefix of 5 characters",
    length: "5 characters",
    label: false,
};

impl Layout {
    /// The element holding significant character `n` (0-based), with its characters.
    fn element(&self, n: usize) -> (&'static str, CharClass) {
        let mut end = 0;
        for &(len, name, class) in self.elements {
            end += len;
            if n < end {
                return (name, class);
            }
        }
        // Callers stop at `self.len`; the last element is the honest answer past it.
        let (_, name, class) = self.elements[self.elements.len() - 1];
        (name, class)
    }

    /// Whether a separator may stand after `n` significant characters.
    fn is_boundary(&self, n: usize) -> bool {
        let mut end = 0;
        for &(len, _, _) in &self.elements[..self.elements.len() - 1] {
            end += len;
            if n == end {
                return true;
            }
        }
        false
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

/// The packed value + 1 of 12 canonical bytes, or `None` when they are not canonical.
///
/// Branch-light on purpose: the registrant bytes are checked by table, the seven digits at once
/// as one `u64` (SWAR), and converted with three multiplications.
#[inline]
pub(crate) fn decode(bytes: &[u8; 12]) -> Option<u64> {
    let a0 = VALUE[bytes[0] as usize].wrapping_sub(10);
    let a1 = VALUE[bytes[1] as usize].wrapping_sub(10);
    let r0 = VALUE[bytes[2] as usize];
    let r1 = VALUE[bytes[3] as usize];
    let r2 = VALUE[bytes[4] as usize];
    // Letters have values 10..=35, so minus 10 they are below 26; everything else wraps above.
    // Valid registrant values are below 36 and INVALID has its top bit set.
    let letters_ok = a0.max(a1) < 26;
    let registrant_ok = (r0 | r1 | r2) & 0x80 == 0;

    // Bytes 4..12 as one little-endian word; byte 4 (the registrant's last) is replaced by '0'
    // so the word is eight digits whose value is the seven of the year and designation.
    let [_, _, _, _, tail @ ..] = *bytes;
    let word = (u64::from_le_bytes(tail) & !0xFF) | 0x30;
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const SIX: u64 = 0x0606_0606_0606_0606;
    // A byte is a digit when its high nibble is 3 and stays 3 after adding 6.
    let digits_ok = (word & HIGH) | ((word.wrapping_add(SIX) & HIGH) >> 4) == 0x3333_3333_3333_3333;
    if !(letters_ok && registrant_ok && digits_ok) {
        return None;
    }
    let d = word - 0x3030_3030_3030_3030;
    let d = (d.wrapping_mul(10) + (d >> 8)) & 0x00FF_00FF_00FF_00FF;
    let d = (d.wrapping_mul(100) + (d >> 16)) & 0x0000_FFFF_0000_FFFF;
    let digits = (d.wrapping_mul(10_000) + (d >> 32)) & 0xFFFF_FFFF;

    let prefix =
        ((((a0 as u64) * 26 + a1 as u64) * 36 + r0 as u64) * 36 + r1 as u64) * 36 + r2 as u64;
    Some(prefix * crate::isrc::DIGITS_RADIX + digits + 1)
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
    pub fn parse_compact(input: &[u8]) -> Result<Isrc, Error> {
        if let Ok(bytes) = <&[u8; 12]>::try_from(input)
            && let Some(packed) = decode(bytes)
        {
            return Ok(Isrc::from_packed(packed));
        }
        Err(Error::Parse(ISRC_LAYOUT.strict_error(input)))
    }
}

impl FromStr for Isrc {
    type Err = Error;

    /// Parses the lenient spellings: surrounding whitespace, any letter case, an optional
    /// `ISRC` label followed by `:` or a space (`ISRC QZ-AQQ-26-00001`, `isrc:QZAQQ2600001`),
    /// and one separator (`-` or a space, the same one throughout) at every element boundary
    /// or at none (`QZ-AQQ-26-00001`, `QZ AQQ 26 00001`, `QZAQQ2600001`).
    ///
    /// # Errors
    /// [`Error::Parse`] saying what is wrong and where, counting characters of `s` from 1:
    /// an empty input, a wrong length (with the length found), a character its element does
    /// not allow, a misplaced or partial separator, or text after the code.
    fn from_str(s: &str) -> Result<Isrc, Error> {
        if let Ok(bytes) = <&[u8; 12]>::try_from(s.as_bytes())
            && let Some(packed) = decode(bytes)
        {
            return Ok(Isrc::from_packed(packed));
        }
        let mut canonical = [0u8; 12];
        ISRC_LAYOUT.scan(s, &mut canonical)?;
        match decode(&canonical) {
            Some(packed) => Ok(Isrc::from_packed(packed)),
            // The scan checked every character, so this is never taken.
            None => Err(Error::Parse(ISRC_LAYOUT.strict_error(&canonical))),
        }
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
        let a0 = VALUE[bytes[0] as usize].wrapping_sub(10);
        let a1 = VALUE[bytes[1] as usize].wrapping_sub(10);
        let r0 = VALUE[bytes[2] as usize];
        let r1 = VALUE[bytes[3] as usize];
        let r2 = VALUE[bytes[4] as usize];
        if a0 >= 26 || a1 >= 26 || r0 >= 36 || r1 >= 36 || r2 >= 36 {
            return None;
        }
        let index =
            (((a0 as u32 * 26 + a1 as u32) * 36 + r0 as u32) * 36 + r1 as u32) * 36 + r2 as u32;
        Some(Prefix::from_index(index))
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
        Prefix::from_canonical(&canonical)
            .ok_or(Error::Parse(PREFIX_LAYOUT.strict_error(&canonical)))
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
