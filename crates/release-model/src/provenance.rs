//! [`Provenance`]: where a release or a track was read from, and which of its fields the file
//! gave in a form that could not be read.

use std::hash::{Hash, Hasher};
use std::num::NonZeroU64;

/// A field of a release or a track that a reader can find in a file and fail to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// The release's UPC.
    Upc,
    /// The release type.
    ReleaseType,
    /// The release date.
    ReleaseDate,
    /// The original release date.
    OriginalReleaseDate,
    /// The release's or the track's explicit flag.
    Explicit,
    /// The track's disc.
    Disc,
    /// The track's number.
    Number,
    /// The track's ISRC.
    Isrc,
    /// The track's duration.
    Duration,
    /// The release's GRid.
    Grid,
    /// A credit of the release or the track (a contributor whose name, role, ISNI or IPI did
    /// not read).
    Credits,
    /// The track's work (its ISWC, or a writer that did not read).
    Work,
}

impl Field {
    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// What a reader noted about a release or a track: the line it starts on (CSV: the row; for a
/// release, its first row) and the fields the file gave but that did not read (an ISRC with a
/// wrong character, a date that names no day).
///
/// A reader keeps a release or track with such a field — the field left empty, the error in
/// the [`Import`](crate::Import) — so that every other rule still runs on it: validation does
/// not report the field as *missing* (the reader reported it as invalid), and
/// [`Release::assign`](crate::Release::assign) refuses to fill a code that is unreadable
/// rather than missing.
///
/// Provenance is not part of a release's value: it is never serialised, and any two compare
/// equal (a release read from line 12 equals the same release built in code).
#[derive(Debug, Clone, Copy, Default)]
pub struct Provenance {
    line: Option<NonZeroU64>,
    unreadable: u16,
}

impl Provenance {
    /// Nothing known: a release or track made in code.
    #[must_use]
    pub const fn new() -> Provenance {
        Provenance {
            line: None,
            unreadable: 0,
        }
    }

    /// Read from 1-based `line` (0: no line).
    #[must_use]
    pub const fn at_line(line: u64) -> Provenance {
        Provenance {
            line: NonZeroU64::new(line),
            unreadable: 0,
        }
    }

    /// The 1-based line it was read from, when a reader said.
    #[must_use]
    pub const fn line(&self) -> Option<u64> {
        match self.line {
            Some(line) => Some(line.get()),
            None => None,
        }
    }

    /// Whether the file gave `field` in a form that did not read.
    #[must_use]
    pub const fn is_unreadable(&self, field: Field) -> bool {
        self.unreadable & field.bit() != 0
    }

    /// Whether any field did not read.
    #[must_use]
    pub const fn has_unreadable(&self) -> bool {
        self.unreadable != 0
    }

    /// Notes that the file gave `field` in a form that did not read.
    pub fn mark_unreadable(&mut self, field: Field) {
        self.unreadable |= field.bit();
    }

    /// Notes every field that `other` marks as unreadable (its line is not taken).
    pub fn merge_unreadable(&mut self, other: Provenance) {
        self.unreadable |= other.unreadable;
    }
}

impl PartialEq for Provenance {
    /// Always: where a value was read from is not part of it.
    fn eq(&self, _: &Provenance) -> bool {
        true
    }
}

impl Eq for Provenance {}

impl Hash for Provenance {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_lines() {
        let mut p = Provenance::at_line(7);
        assert_eq!(p.line(), Some(7));
        assert!(!p.has_unreadable());
        p.mark_unreadable(Field::Isrc);
        assert!(p.is_unreadable(Field::Isrc));
        assert!(!p.is_unreadable(Field::Duration));
        assert_eq!(Provenance::at_line(0).line(), None);
        assert_eq!(p, Provenance::new());
    }
}
