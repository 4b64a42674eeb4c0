//! The lenient reader every code type shares: a code's elements, where separators may stand,
//! which labels may come first, and the errors that say what is wrong and where.
//!
//! A [`Layout`] describes a code of fixed length as a sequence of elements (each a run of
//! characters of one [`CharClass`], or fixed text such as the `T` of an ISWC). [`Layout::scan`]
//! reads what people type — surrounding whitespace, any letter case, a label such as `ISWC`,
//! separators at the places the layout allows — into the canonical upper-case bytes, and the
//! code type then checks those bytes (its check characters) with its strict parser. Errors
//! count characters of the caller's original input from 1; nothing is ever truncated.

use crate::clean::{byte_char, char_at, position, starts_with_label, trim};
use crate::{CharClass, ParseError};

/// The longest code a layout describes.
pub const MAX_LEN: usize = 31;

/// What one element of a code holds.
#[derive(Debug, Clone, Copy)]
pub enum Chars {
    /// Characters of a class.
    Class(CharClass),
    /// Exactly this text (upper case), e.g. `b"A1"`; the second field quotes it for messages
    /// (`"'A1'"`).
    Literal(&'static [u8], &'static str),
}

/// One element of a code: its length, its name in error messages, and its characters.
#[derive(Debug, Clone, Copy)]
pub struct Element {
    /// The number of characters.
    pub len: usize,
    /// The name errors use ("registrant code").
    pub name: &'static str,
    /// What fills it.
    pub chars: Chars,
}

impl Element {
    /// An element of `len` characters of `class`.
    #[must_use]
    pub const fn class(len: usize, name: &'static str, class: CharClass) -> Element {
        Element {
            len,
            name,
            chars: Chars::Class(class),
        }
    }

    /// An element holding exactly `text` (upper case); `quoted` is how messages show it.
    #[must_use]
    pub const fn literal(text: &'static [u8], name: &'static str, quoted: &'static str) -> Element {
        Element {
            len: text.len(),
            name,
            chars: Chars::Literal(text, quoted),
        }
    }
}

/// How separators may be combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separators {
    /// One separator at every allowed place or at none, the same character throughout
    /// (an ISRC: `QZ-AQQ-26-00001` or `QZAQQ2600001`).
    AllOrNone,
    /// At most one separator at any allowed place, any of the allowed characters
    /// (an ISWC: `T-034.524.680-1`, `T-034524680-1`).
    Any,
}

/// Where separators may go, as error messages say it.
pub const RULE_PLACE: &str = "separators may stand only between two elements, one at each boundary";
/// Where separators may go in a code that allows them between any two characters.
pub const RULE_PLACE_ANYWHERE: &str = "a separator goes only between two characters, one at a time";
/// The rule of [`Separators::AllOrNone`].
pub const RULE_ALL_OR_NONE: &str = "separators go at all element boundaries or at none";
/// The other rule of [`Separators::AllOrNone`].
pub const RULE_SAME: &str = "all separators must be the same character";

/// The shape of a code: its elements, what may surround them, and what its errors say.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    elements: &'static [Element],
    /// The number of significant characters (at most [`MAX_LEN`]).
    len: usize,
    /// The element of each significant character, by index.
    element_of: [u8; MAX_LEN],
    /// The fixed byte at each significant character, or 0.
    fixed: [u8; MAX_LEN],
    /// Bit `n` is set when a separator may stand after `n` significant characters.
    boundaries: u32,
    separators: &'static [u8],
    policy: Separators,
    place_rule: &'static str,
    labels: &'static [&'static [u8]],
    empty: &'static str,
    length: &'static str,
}

impl Layout {
    /// The layout of `elements` (at most [`MAX_LEN`] characters in all), with separators `-`
    /// or space between elements ([`Separators::Any`]) and no label. `empty` says what an
    /// empty input should have been ("an ISWC of 11 characters"), `length` the length as a
    /// length error says it ("11 characters").
    ///
    /// # Panics
    /// In `const` evaluation, when the elements are longer than [`MAX_LEN`].
    #[must_use]
    pub const fn new(
        elements: &'static [Element],
        empty: &'static str,
        length: &'static str,
    ) -> Layout {
        let mut element_of = [0u8; MAX_LEN];
        let mut fixed = [0u8; MAX_LEN];
        let mut boundaries = 0u32;
        let mut n = 0;
        let mut e = 0;
        while e < elements.len() {
            let mut k = 0;
            while k < elements[e].len {
                assert!(n < MAX_LEN, "a layout holds at most MAX_LEN characters");
                element_of[n] = e as u8;
                if let Chars::Literal(text, _) = elements[e].chars {
                    fixed[n] = text[k];
                }
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
            fixed,
            boundaries,
            separators: b"- ",
            policy: Separators::Any,
            place_rule: RULE_PLACE,
            labels: &[],
            empty,
            length,
        }
    }

    /// The same layout with these separator characters combined by `policy`.
    #[must_use]
    pub const fn separators(mut self, separators: &'static [u8], policy: Separators) -> Layout {
        self.separators = separators;
        self.policy = policy;
        self
    }

    /// The same layout with a separator allowed between any two characters, not only between
    /// elements (for codes printed in groups that vary, like an ISMN's publisher element).
    #[must_use]
    pub const fn separated_anywhere(mut self) -> Layout {
        self.boundaries = ((1u32 << self.len) - 1) & !1;
        self.place_rule = RULE_PLACE_ANYWHERE;
        self
    }

    /// The same layout with separators allowed after these numbers of significant characters
    /// instead of at the element boundaries (a code printed in groups that are not its
    /// elements: `0000 0001 2103 2683`, `T-034.524.680-1`).
    #[must_use]
    pub const fn separated_at(mut self, positions: &[usize]) -> Layout {
        self.boundaries = 0;
        let mut i = 0;
        while i < positions.len() {
            assert!(positions[i] > 0 && positions[i] < self.len);
            self.boundaries |= 1 << positions[i];
            i += 1;
        }
        self
    }

    /// The same layout with these labels (upper case) allowed in front, each followed by `:` or
    /// a space (`ISWC T-034.524.680-1`, `isni:0000000121032683`).
    #[must_use]
    pub const fn labels(mut self, labels: &'static [&'static [u8]]) -> Layout {
        self.labels = labels;
        self
    }

    /// The number of significant characters.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the layout has no characters at all (never, for a real code).
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether canonical byte `b` may stand at significant character `n` (below [`len`](Self::len)).
    #[inline]
    #[must_use]
    pub const fn allows(&self, n: usize, b: u8) -> bool {
        match self.elements[self.element_of[n] as usize].chars {
            Chars::Class(class) => class.contains(b),
            Chars::Literal(..) => self.fixed[n] == b,
        }
    }

    /// Whether `bytes` are a canonical spelling: the right length and every byte allowed where
    /// it stands. (Check characters are the code type's business.)
    #[must_use]
    pub const fn is_canonical(&self, bytes: &[u8]) -> bool {
        if bytes.len() != self.len {
            return false;
        }
        let mut i = 0;
        while i < bytes.len() {
            if !self.allows(i, bytes[i]) {
                return false;
            }
            i += 1;
        }
        true
    }

    /// Whether a separator may stand after `n` significant characters.
    #[inline]
    fn is_boundary(&self, n: usize) -> bool {
        n < 32 && self.boundaries & (1 << n) != 0
    }

    /// The error at significant character `n` of a character `found` (at 1-based `position`)
    /// that does not belong there.
    fn char_error(&self, n: usize, position: usize, found: char) -> ParseError {
        let element = &self.elements[self.element_of[n] as usize];
        match element.chars {
            Chars::Class(class) => ParseError::InvalidChar {
                position,
                found,
                element: element.name,
                expected: class,
            },
            Chars::Literal(_, quoted) => ParseError::Literal {
                position,
                found,
                element: element.name,
                expected: quoted,
            },
        }
    }

    /// Why `input` is not canonical, for a strict parser that refused it (positions are byte
    /// offsets + 1, as the input is bytes). Input that is canonical gets a length error naming
    /// its length: call this only for refused input.
    #[cold]
    #[must_use]
    pub fn strict_error(&self, input: &[u8]) -> ParseError {
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
            if !self.allows(i, b) {
                return self.char_error(i, i + 1, byte_char(b));
            }
        }
        ParseError::Length {
            expected: self.length,
            found: input.len(),
        }
    }

    /// Reads the lenient spelling in `input` into `out` (its first [`len`](Self::len) bytes),
    /// upper case.
    ///
    /// # Errors
    /// What is wrong and where, counting characters of `input` from 1: an empty input, a wrong
    /// length (with the length found), a character its element does not allow, a misplaced or
    /// mixed separator, or text after the code.
    ///
    /// # Panics
    /// When `out` is shorter than [`len`](Self::len).
    pub fn scan(&self, input: &str, out: &mut [u8]) -> Result<(), ParseError> {
        let (start, trimmed) = trim(input);
        if trimmed.is_empty() {
            return Err(ParseError::Empty {
                expected: self.empty,
            });
        }
        let bytes = input.as_bytes();
        let end = start + trimmed.len();
        let mut i = self.skip_label(bytes, start, end);
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
            if self.separators.contains(&b) {
                if n == self.len {
                    return Err(trailing_text(input, i, end));
                }
                if !self.is_boundary(n) || after_separator {
                    return Err(separator(i, self.place_rule));
                }
                if self.policy == Separators::AllOrNone {
                    match first_separator {
                        None if compact => return Err(separator(i, RULE_ALL_OR_NONE)),
                        None => first_separator = Some(i),
                        Some(first) if bytes[first] != b => {
                            return Err(separator(i, RULE_SAME));
                        }
                        Some(_) => {}
                    }
                }
                after_separator = true;
                i += 1;
                continue;
            }
            if n == self.len {
                // The code runs on without a break: too long, not trailing text.
                return Err(ParseError::Length {
                    expected: self.length,
                    found: n + self.significant_chars(&input[i..end]),
                });
            }
            if self.policy == Separators::AllOrNone && self.is_boundary(n) && !after_separator {
                match first_separator {
                    Some(first) => return Err(separator(first, RULE_ALL_OR_NONE)),
                    None => compact = true,
                }
            }
            let upper = b.to_ascii_uppercase();
            if !self.allows(n, upper) {
                return Err(self.char_error(n, position(input, i), char_at(input, i)));
            }
            out[n] = upper;
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

    /// Parses `input` with `strict` (the code type's parser of canonical bytes, which checks
    /// the check characters): first as it is, the fast path for canonical input, then as the
    /// canonical bytes [`scan`](Self::scan) reads from a lenient spelling. `N` is the code's
    /// length.
    ///
    /// # Errors
    /// The scan's format error, or the strict parser's error (a check error, since the scan
    /// let only well-formed codes through).
    #[inline]
    pub fn parse<T, E: From<ParseError>, const N: usize>(
        &self,
        input: &str,
        strict: impl Fn(&[u8]) -> Result<T, E>,
    ) -> Result<T, E> {
        if let Ok(code) = strict(input.as_bytes()) {
            return Ok(code);
        }
        self.parse_lenient::<T, E, N>(input, strict)
    }

    /// The lenient half of [`parse`](Self::parse), out of line so the fast path stays small.
    #[inline(never)]
    fn parse_lenient<T, E: From<ParseError>, const N: usize>(
        &self,
        input: &str,
        strict: impl Fn(&[u8]) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut canonical = [0u8; N];
        self.scan(input, &mut canonical)?;
        strict(&canonical)
    }

    /// The first significant byte of `input` after surrounding whitespace and a label, for a
    /// code type with two layouts that tells them apart by it (an ISMN's old `M` form).
    #[must_use]
    pub fn first_byte(&self, input: &str) -> Option<u8> {
        let (start, trimmed) = trim(input);
        let i = self.skip_label(input.as_bytes(), start, start + trimmed.len());
        input.as_bytes().get(i).copied()
    }

    /// Skips a label (any case) followed by `:` or a space, and the spaces after it. A label
    /// must be followed by one of the two: `ISRCQZ…` is not a labelled code.
    fn skip_label(&self, bytes: &[u8], start: usize, end: usize) -> usize {
        let rest = &bytes[start..end];
        for label in self.labels {
            let n = label.len();
            if rest.len() > n && starts_with_label(rest, label) && matches!(rest[n], b':' | b' ') {
                let mut i = start + n + 1;
                while i < end && bytes[i] == b' ' {
                    i += 1;
                }
                return i;
            }
        }
        start
    }

    /// The characters of `text` that are not separators, as a length error counts them.
    fn significant_chars(&self, text: &str) -> usize {
        text.chars()
            .filter(|&c| !(c.is_ascii() && self.separators.contains(&(c as u8))))
            .count()
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

#[cfg(test)]
mod tests {
    use super::*;

    const TOY: Layout = Layout::new(
        &[
            Element::literal(b"T", "prefix", "'T'"),
            Element::class(3, "number", CharClass::Digit),
            Element::class(1, "check", CharClass::DigitOrX),
        ],
        "a toy",
        "5 characters",
    )
    .separators(b"-. ", Separators::Any)
    .labels(&[b"TOY"]);

    fn scan(layout: &Layout, input: &str) -> Result<[u8; 5], ParseError> {
        let mut out = [0u8; 5];
        layout.scan(input, &mut out).map(|()| out)
    }

    #[test]
    fn reads_lenient_spellings() {
        for s in ["T123X", "t-123-x", " toy: T.123 x ", "TOY t123-X"] {
            assert_eq!(scan(&TOY, s), Ok(*b"T123X"), "{s:?}");
        }
        assert!(TOY.is_canonical(b"T1234"));
        assert!(!TOY.is_canonical(b"t1234"));
    }

    #[test]
    fn names_what_is_wrong_and_where() {
        assert_eq!(
            scan(&TOY, " A123X"),
            Err(ParseError::Literal {
                position: 2,
                found: 'A',
                element: "prefix",
                expected: "'T'"
            })
        );
        assert_eq!(
            scan(&TOY, "T1-23X"),
            Err(ParseError::Separator {
                position: 3,
                found: '-',
                rule: RULE_PLACE
            })
        );
        assert_eq!(
            scan(&TOY, "T123X9"),
            Err(ParseError::Length {
                expected: "5 characters",
                found: 6
            })
        );
        assert_eq!(
            scan(&TOY, "T123X x"),
            Err(ParseError::TrailingText {
                position: 7,
                found: 'x'
            })
        );
        assert_eq!(
            TOY.strict_error(b"T12Y4"),
            ParseError::InvalidChar {
                position: 4,
                found: 'Y',
                element: "number",
                expected: CharClass::Digit
            }
        );
    }

    #[test]
    fn anywhere_and_all_or_none() {
        let anywhere = TOY.separated_anywhere();
        assert_eq!(scan(&anywhere, "T1-2-3X"), Ok(*b"T123X"));
        assert!(matches!(
            scan(&anywhere, "T1--23X"),
            Err(ParseError::Separator { position: 4, .. })
        ));
        let strict = TOY.separators(b"- ", Separators::AllOrNone);
        assert_eq!(scan(&strict, "T-123-X"), Ok(*b"T123X"));
        assert_eq!(
            scan(&strict, "T-123X"),
            Err(ParseError::Separator {
                position: 2,
                found: '-',
                rule: RULE_ALL_OR_NONE
            })
        );
        assert_eq!(
            scan(&strict, "T-123 X"),
            Err(ParseError::Separator {
                position: 6,
                found: ' ',
                rule: RULE_SAME
            })
        );
    }
}
