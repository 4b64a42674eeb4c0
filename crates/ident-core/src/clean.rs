//! Input cleaning shared by the code types.
//!
//! Parsers work on bytes of the trimmed input and report errors at byte offsets; these helpers
//! turn such an offset back into the 1-based character position a person counts in the
//! *original* input, and name the character found there. The conversion runs only when an
//! error is built, so the success path never counts characters.

/// The significant part of `input`: surrounding whitespace (Unicode `White_Space`) removed.
/// Returns the byte offset where it starts in `input` and the part itself.
///
/// ```
/// assert_eq!(ident_core::clean::trim("  QZAQQ2600001\n"), (2, "QZAQQ2600001"));
/// ```
#[must_use]
pub fn trim(input: &str) -> (usize, &str) {
    let rest = input.trim_start();
    (input.len() - rest.len(), rest.trim_end())
}

/// The 1-based character position of byte offset `byte` in `input` (the position of the
/// character that starts at or contains `byte`).
///
/// ```
/// assert_eq!(ident_core::clean::position("é-x", 2), 2);
/// assert_eq!(ident_core::clean::position("abc", 0), 1);
/// ```
#[must_use]
pub fn position(input: &str, byte: usize) -> usize {
    input[..input.floor_char_boundary(byte)].chars().count() + 1
}

/// The character that starts at or contains byte offset `byte` of `input`
/// (U+FFFD past the end, which a parser never asks for).
#[must_use]
pub fn char_at(input: &str, byte: usize) -> char {
    input[input.floor_char_boundary(byte)..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The character a raw byte stands for in an error from a byte-level parser: itself when it
/// is ASCII, U+FFFD otherwise (a lone byte of a multi-byte sequence has no character).
#[must_use]
pub const fn byte_char(b: u8) -> char {
    if b.is_ascii() {
        b as char
    } else {
        char::REPLACEMENT_CHARACTER
    }
}

/// Canonical bytes as text, for a code type that stores its canonical ASCII form: the bytes
/// themselves when they are UTF-8 (always, for ASCII), the empty string otherwise.
///
/// ```
/// assert_eq!(ident_core::clean::ascii_str(b"T0345246801"), "T0345246801");
/// ```
#[must_use]
pub const fn ascii_str(bytes: &[u8]) -> &str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => "",
    }
}

/// Whether `input` starts with `label` compared ASCII-case-insensitively, e.g. an `ISRC` label.
#[must_use]
pub fn starts_with_label(input: &[u8], label: &[u8]) -> bool {
    input.len() >= label.len() && input[..label.len()].eq_ignore_ascii_case(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let s = "  ÅB-C";
        // 'Å' is two bytes: bytes 2..4.
        assert_eq!(position(s, 2), 3);
        assert_eq!(position(s, 3), 3);
        assert_eq!(position(s, 4), 4);
        assert_eq!(char_at(s, 3), 'Å');
        assert_eq!(char_at(s, 5), '-');
        assert_eq!(position(s, 100), 7);
        assert_eq!(char_at(s, 100), char::REPLACEMENT_CHARACTER);
    }

    #[test]
    fn trims_unicode_whitespace() {
        assert_eq!(trim("\u{a0}x "), (2, "x"));
        assert_eq!(trim("   "), (3, ""));
    }

    #[test]
    fn labels_fold_case() {
        assert!(starts_with_label(b"isrc QZ", b"ISRC"));
        assert!(!starts_with_label(b"IS", b"ISRC"));
        assert_eq!(byte_char(b'a'), 'a');
        assert_eq!(byte_char(0xff), char::REPLACEMENT_CHARACTER);
    }
}
