//! The lenient reader every code type shares: a code's elements, where separators may stand,
//! which labels may come first, and the errors that say what is wrong and where.
//!
//! A [`Layout`] describes a code as a sequence of elements (each a run of characters of one
//! [`CharClass`], or fixed text such as the `T` of an ISWC), of one length or of several (a
//! GTIN of 8, 12, 13 or 14 digits, [`Layout::lengths`]). [`Layout::scan`]
//! reads what people type — surrounding whitespace, any letter case, a label such as `ISWC`,
//! separators at the places the layout allows — into the canonical upper-case bytes, and the
//! code type then checks those bytes (its check characters) with its strict parser. Errors
//! count characters of the caller's original input from 1; nothing is ever truncated.

use crate::chars::{flags, has_letters, in_mask, upper_case, with_lower_case};
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
    /// The largest number of significant characters (at most [`MAX_LEN`]).
    len: usize,
    /// Bit `n` is set when `n` significant characters make a whole code: bit `len` alone,
    /// unless [`lengths`](Self::lengths) allowed several.
    lengths: u32,
    /// The element of each significant character, by index.
    element_of: [u8; MAX_LEN],
    /// The character classes each significant character allows (flags of the class table),
    /// or 0 where it is fixed.
    classes: [u8; MAX_LEN],
    /// The fixed byte at each significant character, or 0.
    fixed: [u8; MAX_LEN],
    /// How far a run of characters of one class that starts at each significant character
    /// may go with no other check: to its element's end, or to the next boundary where
    /// separators go at all boundaries or none.
    run_end: [u8; MAX_LEN],
    /// Bit `n` is set when a separator may stand after `n` significant characters.
    boundaries: u32,
    /// The separators as a set: bit `b` for byte `b` (all below 64).
    separator_set: u64,
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
        let mut classes = [0u8; MAX_LEN];
        let mut fixed = [0u8; MAX_LEN];
        let mut boundaries = 0u32;
        let mut n = 0;
        let mut e = 0;
        while e < elements.len() {
            let mut k = 0;
            while k < elements[e].len {
                assert!(n < MAX_LEN, "a layout holds at most MAX_LEN characters");
                element_of[n] = e as u8;
                match elements[e].chars {
                    Chars::Class(class) => classes[n] = class.mask(),
                    Chars::Literal(text, _) => fixed[n] = text[k],
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
            lengths: 1 << n,
            element_of,
            classes,
            fixed,
            run_end: [0; MAX_LEN],
            boundaries,
            separator_set: byte_set(b"- "),
            policy: Separators::Any,
            place_rule: RULE_PLACE,
            labels: &[],
            empty,
            length,
        }
        .with_runs()
    }

    /// The same layout with [`run_end`](Self::run_end) worked out for its elements and
    /// separators: every builder that changes them ends here.
    const fn with_runs(mut self) -> Layout {
        let mut n = 0;
        while n < self.len {
            let mut end = n + 1;
            while end < self.len
                && self.element_of[end] == self.element_of[n]
                && !(matches!(self.policy, Separators::AllOrNone) && self.is_boundary(end))
            {
                end += 1;
            }
            self.run_end[n] = end as u8;
            n += 1;
        }
        self
    }

    /// The same layout with these separator characters combined by `policy`.
    ///
    /// # Panics
    /// In `const` evaluation, when a separator is not an ASCII byte below `@`.
    #[must_use]
    pub const fn separators(mut self, separators: &'static [u8], policy: Separators) -> Layout {
        self.separator_set = byte_set(separators);
        self.policy = policy;
        self.with_runs()
    }

    /// The same layout with a separator allowed between any two characters, not only between
    /// elements (for codes printed in groups that vary, like an ISMN's publisher element).
    #[must_use]
    pub const fn separated_anywhere(mut self) -> Layout {
        self.boundaries = ((1u32 << self.len) - 1) & !1;
        self.place_rule = RULE_PLACE_ANYWHERE;
        self.with_runs()
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
        self.with_runs()
    }

    /// The same layout read as a code of several lengths, each at most its elements' length:
    /// a GTIN of 8, 12, 13 or 14 digits (the `length` given to [`new`](Self::new) says them
    /// for a length error, "8, 12, 13 or 14 digits").
    ///
    /// A code of several lengths has no fixed places for separators, and where it ends is
    /// known only when text stops it, so it is read as printed numbers are:
    /// - a separator stands between two characters of the code, one at a time (the error
    ///   names `place_rule`, and points at the second of two separators, or at one with no
    ///   character of the code after it);
    /// - after a whole code, a character that cannot continue it is trailing text, and so is
    ///   any text after a separator that follows a whole code;
    /// - a code that runs on past its full length is counted to its end for the length error.
    ///
    /// # Panics
    /// In `const` evaluation, when fewer than two lengths are given, or a length is zero or
    /// longer than the layout.
    #[must_use]
    pub const fn lengths(mut self, lengths: &[usize], place_rule: &'static str) -> Layout {
        assert!(lengths.len() > 1, "a layout of one length needs no lengths");
        self.lengths = 0;
        let mut i = 0;
        while i < lengths.len() {
            assert!(lengths[i] > 0 && lengths[i] <= self.len);
            self.lengths |= 1 << lengths[i];
            i += 1;
        }
        self.place_rule = place_rule;
        self
    }

    /// The same layout with these labels (upper case) allowed in front, each followed by `:` or
    /// a space (`ISWC T-034.524.680-1`, `isni:0000000121032683`).
    #[must_use]
    pub const fn labels(mut self, labels: &'static [&'static [u8]]) -> Layout {
        self.labels = labels;
        self
    }

    /// The number of significant characters (the largest, for a code of several lengths).
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
        match self.classes[n] {
            0 => self.fixed[n] == b,
            classes => in_mask(b, classes),
        }
    }

    /// Whether `b` is one of the separators.
    #[inline]
    const fn is_separator(&self, b: u8) -> bool {
        b < 64 && self.separator_set & (1 << b) != 0
    }

    /// Whether `n` significant characters make a whole code.
    #[inline]
    #[must_use]
    pub const fn is_whole(&self, n: usize) -> bool {
        n < 32 && self.lengths & (1 << n) != 0
    }

    /// Whether the code has several lengths ([`lengths`](Self::lengths)).
    #[inline]
    const fn has_lengths(&self) -> bool {
        self.lengths != 1 << self.len
    }

    /// Whether `bytes` are a canonical spelling: a whole code's length and every byte allowed
    /// where it stands. (Check characters are the code type's business.)
    #[must_use]
    pub const fn is_canonical(&self, bytes: &[u8]) -> bool {
        if !self.is_whole(bytes.len()) {
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
    const fn is_boundary(&self, n: usize) -> bool {
        n < 32 && self.boundaries & (1 << n) != 0
    }

    /// The error at significant character `n` of a character `found` (at 1-based `position`)
    /// that does not belong there.
    #[cold]
    #[inline(never)]
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
        if !self.is_whole(input.len()) {
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

    /// Reads the lenient spelling in `input` into `out` (its first bytes, upper case) and
    /// returns how many significant characters it read: [`len`](Self::len), or for a code of
    /// several lengths the one found.
    ///
    /// # Errors
    /// What is wrong and where, counting characters of `input` from 1: an empty input, a wrong
    /// length (with the length found), a character its element does not allow, a misplaced or
    /// mixed separator, or text after the code.
    ///
    /// # Panics
    /// When `out` is shorter than [`len`](Self::len).
    pub fn scan(&self, input: &str, out: &mut [u8]) -> Result<usize, ParseError> {
        let (start, trimmed) = trim(input);
        if trimmed.is_empty() {
            return Err(ParseError::Empty {
                expected: self.empty,
            });
        }
        let bytes = input.as_bytes();
        let end = start + trimmed.len();
        let mut i = self.skip_label(bytes, start, end);
        let separator = |at: usize, rule: &'static str| separator_error(input, at, rule);
        let several = self.has_lengths();
        let mut n = 0;
        let mut first_separator: Option<usize> = None;
        let mut compact = false;
        let mut after_separator = false;
        while i < end {
            let b = bytes[i];
            if self.is_separator(b) {
                if several {
                    // Between two characters of the code: what follows decides.
                    match bytes[i + 1..end].first() {
                        Some(&next) if n > 0 && self.continues(n, next.to_ascii_uppercase()) => {
                            i += 1;
                            continue;
                        }
                        Some(next) if self.is_separator(*next) && !self.is_whole(n) => {
                            return Err(separator(i + 1, self.place_rule));
                        }
                        _ if !self.is_whole(n) => return Err(separator(i, self.place_rule)),
                        _ => return Err(trailing_text(input, i, end, self.separator_set)),
                    }
                }
                if n == self.len {
                    return Err(trailing_text(input, i, end, byte_set(b" ")));
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
            if n < self.len {
                if self.policy == Separators::AllOrNone && self.is_boundary(n) && !after_separator {
                    match first_separator {
                        Some(first) => return Err(separator(first, RULE_ALL_OR_NONE)),
                        None => compact = true,
                    }
                }
                // The common case: a run of the element's characters (in a code of several
                // lengths, with single separators between them), read without the checks
                // between them.
                let within = if several { self.separator_set } else { 0 };
                let (from, to) = (&bytes[i..end], &mut out[n..self.run_end[n] as usize]);
                let classes = self.classes[n];
                let (read, kept) = if has_letters(classes) {
                    read_run::<true>(from, to, classes, within)
                } else {
                    read_run::<false>(from, to, classes, within)
                };
                if kept > 0 {
                    n += kept;
                    i += read;
                    after_separator = false;
                    continue;
                }
            }
            let upper = b.to_ascii_uppercase();
            if n < self.len {
                if self.allows(n, upper) {
                    out[n] = upper;
                    n += 1;
                    after_separator = false;
                    i += 1;
                    continue;
                }
            } else if !several {
                // The code runs on without a break: too long, not trailing text.
                return Err(self.too_long(n, &input[i..end]));
            } else if self.continues(n, upper) {
                // Past the longest code: counted for the length error, not kept.
                n += 1;
                i += 1;
                continue;
            }
            if several && self.is_whole(n) {
                return Err(trailing_text(input, i, end, 0));
            }
            let n = if n < self.len { n } else { self.len - 1 };
            return Err(self.char_error(n, position(input, i), char_at(input, i)));
        }
        if self.is_whole(n) {
            Ok(n)
        } else {
            Err(ParseError::Length {
                expected: self.length,
                found: n,
            })
        }
    }

    /// Whether canonical byte `b` may be the code's character after `n` of them: where it
    /// stands, or as the last element's character when the code runs on past its length.
    #[inline]
    fn continues(&self, n: usize, b: u8) -> bool {
        self.allows(if n < self.len { n } else { self.len - 1 }, b)
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
        let n = self.scan(input, &mut canonical)?;
        strict(&canonical[..n])
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

    /// The length error of a code that runs on after `n` characters into `rest`: the
    /// characters of `rest` that are not separators count too.
    #[cold]
    #[inline(never)]
    fn too_long(&self, n: usize, rest: &str) -> ParseError {
        let more = rest
            .chars()
            .filter(|&c| !(c.is_ascii() && self.is_separator(c as u8)))
            .count();
        ParseError::Length {
            expected: self.length,
            found: n + more,
        }
    }
}

/// Reads the longest start of `from` whose characters are of `classes` (flags of the class
/// table; a lower-case letter stands for its capital), at most as many as `to` holds, into
/// `to` in upper case; a separator of the byte set `within` between two of them is passed
/// over. Returns the bytes read and the characters kept. `classes` 0 (a fixed character)
/// reads nothing. `LETTERS` says whether `classes` has letters, whose case is folded.
#[inline(always)]
fn read_run<const LETTERS: bool>(
    from: &[u8],
    to: &mut [u8],
    classes: u8,
    within: u64,
) -> (usize, usize) {
    let accepted = with_lower_case(classes);
    let (mut read, mut kept) = (0, 0);
    while read < from.len() && kept < to.len() {
        let mut b = from[read];
        let mut flags = flags(b);
        if flags & accepted == 0 {
            // A separator is passed over only with a character of the run after it.
            let next = from.get(read + 1).copied().unwrap_or(0);
            if kept == 0 || b >= 64 || within & (1 << b) == 0 || self::flags(next) & accepted == 0 {
                break;
            }
            read += 1;
            b = next;
            flags = self::flags(b);
        }
        to[kept] = if LETTERS { upper_case(b, flags) } else { b };
        read += 1;
        kept += 1;
    }
    (read, kept)
}

/// A misplaced or mixed separator at byte `at` of `input`.
#[cold]
#[inline(never)]
fn separator_error(input: &str, at: usize, rule: &'static str) -> ParseError {
    ParseError::Separator {
        position: position(input, at),
        found: byte_char(input.as_bytes()[at]),
        rule,
    }
}

/// The set of `bytes` (each below 64) as bits of a word.
const fn byte_set(bytes: &[u8]) -> u64 {
    let mut set = 0;
    let mut i = 0;
    while i < bytes.len() {
        assert!(bytes[i] < 64, "separators are ASCII bytes below '@'");
        set |= 1 << bytes[i];
        i += 1;
    }
    set
}

/// Text after a whole code, from byte `from`: the error points at its first character that is
/// not in the byte set `skip` (or at its last character).
#[cold]
#[inline(never)]
fn trailing_text(input: &str, from: usize, end: usize, skip: u64) -> ParseError {
    let bytes = input.as_bytes();
    let mut at = from;
    while at + 1 < end && bytes[at] < 64 && skip & (1 << bytes[at]) != 0 {
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
        layout.scan(input, &mut out).map(|_| out)
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
    fn several_lengths_read_as_printed_numbers() {
        const NUMBER: Layout = Layout::new(
            &[Element::class(6, "number", CharClass::Digit)],
            "a number",
            "4 or 6 digits",
        )
        .lengths(&[4, 6], "between two digits");
        let scan = |input: &str| {
            let mut out = [0u8; 6];
            NUMBER.scan(input, &mut out).map(|n| (n, out))
        };
        assert_eq!(scan(" 12-34 "), Ok((4, *b"1234\0\0")));
        assert_eq!(scan("12 34-56"), Ok((6, *b"123456")));
        assert!(NUMBER.is_canonical(b"1234") && !NUMBER.is_canonical(b"12345"));
        let separator = |position, found| {
            Err(ParseError::Separator {
                position,
                found,
                rule: "between two digits",
            })
        };
        assert_eq!(scan("-1234"), separator(1, '-'));
        assert_eq!(scan("--1234"), separator(2, '-'));
        assert_eq!(scan("12- 34"), separator(4, ' '));
        assert_eq!(scan("123-"), separator(4, '-'));
        assert_eq!(scan("12-x4"), separator(3, '-'));
        let trailing = |position, found| Err(ParseError::TrailingText { position, found });
        assert_eq!(scan("1234x"), trailing(5, 'x'));
        assert_eq!(scan("1234 - x"), trailing(8, 'x'));
        assert_eq!(scan("1234-"), trailing(5, '-'));
        assert_eq!(
            scan("12345x"),
            Err(ParseError::InvalidChar {
                position: 6,
                found: 'x',
                element: "number",
                expected: CharClass::Digit
            })
        );
        assert_eq!(
            scan("1234567-8x"),
            Err(ParseError::InvalidChar {
                position: 10,
                found: 'x',
                element: "number",
                expected: CharClass::Digit
            })
        );
        assert_eq!(
            scan("12 345 678"),
            Err(ParseError::Length {
                expected: "4 or 6 digits",
                found: 8
            })
        );
        assert_eq!(
            NUMBER.strict_error(b"12345"),
            ParseError::Length {
                expected: "4 or 6 digits",
                found: 5
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
