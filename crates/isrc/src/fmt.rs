//! Formatting: the canonical form and the two presentation layouts.

use core::fmt;

use crate::Isrc;

impl fmt::Display for Isrc {
    /// The compact canonical form, `QZAQQ2600001`: what machines exchange (DDEX, databases).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 12];
        f.pad(self.encode(&mut buf))
    }
}

impl fmt::Debug for Isrc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 12];
        f.debug_tuple("Isrc").field(&self.encode(&mut buf)).finish()
    }
}

/// The hyphenated layout `QZ-AQQ-26-00001`: the four elements separated by hyphens.
/// Made by [`Isrc::hyphenated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hyphenated(Isrc);

/// The visual presentation `ISRC QZ-AQQ-26-00001` that IFPI prescribes wherever a person
/// reads the code (Bulletin 2015/01; ISO 3901 Annex C). Made by [`Isrc::labelled`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Labelled(Isrc);

impl Isrc {
    /// The hyphenated layout, `QZ-AQQ-26-00001`.
    ///
    /// ```
    /// let isrc: isrc::Isrc = "QZAQQ2600001".parse()?;
    /// assert_eq!(isrc.hyphenated().to_string(), "QZ-AQQ-26-00001");
    /// # Ok::<(), isrc::Error>(())
    /// ```
    #[must_use]
    pub const fn hyphenated(self) -> Hyphenated {
        Hyphenated(self)
    }

    /// The labelled visual presentation, `ISRC QZ-AQQ-26-00001`.
    ///
    /// ```
    /// let isrc: isrc::Isrc = "QZAQQ2600001".parse()?;
    /// assert_eq!(isrc.labelled().to_string(), "ISRC QZ-AQQ-26-00001");
    /// # Ok::<(), isrc::Error>(())
    /// ```
    #[must_use]
    pub const fn labelled(self) -> Labelled {
        Labelled(self)
    }
}

/// `ISRC QZ-AQQ-26-00001` in a stack buffer; the hyphenated form is its last 15 bytes.
fn labelled_bytes(isrc: Isrc) -> [u8; 20] {
    let c = isrc.to_bytes();
    [
        b'I', b'S', b'R', b'C', b' ', c[0], c[1], b'-', c[2], c[3], c[4], b'-', c[5], c[6], b'-',
        c[7], c[8], c[9], c[10], c[11],
    ]
}

impl Hyphenated {
    /// The code it formats.
    #[must_use]
    pub const fn isrc(self) -> Isrc {
        self.0
    }
}

impl Labelled {
    /// The code it formats.
    #[must_use]
    pub const fn isrc(self) -> Isrc {
        self.0
    }
}

impl fmt::Display for Hyphenated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = labelled_bytes(self.0);
        f.pad(core::str::from_utf8(&bytes[5..]).unwrap_or_default())
    }
}

impl fmt::Display for Labelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = labelled_bytes(self.0);
        f.pad(core::str::from_utf8(&bytes).unwrap_or_default())
    }
}
