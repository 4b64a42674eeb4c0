//! The printed layout both codes share: elements of 2, 5, 10 and 1 characters.

use core::fmt;

/// The printed layout of a [`Grid`](crate::Grid) (`A1-2425G-ABC1234002-M`) or a
/// [`Dpid`](crate::Dpid) (`PA-DPIDA-2014122301-Q`): both are 2, 5, 10 and 1 characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hyphenated([u8; 21]);

impl Hyphenated {
    pub(crate) const fn new(c: [u8; 18]) -> Hyphenated {
        Hyphenated([
            c[0], c[1], b'-', c[2], c[3], c[4], c[5], c[6], b'-', c[7], c[8], c[9], c[10], c[11],
            c[12], c[13], c[14], c[15], c[16], b'-', c[17],
        ])
    }
}

impl fmt::Display for Hyphenated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(core::str::from_utf8(&self.0).unwrap_or_default())
    }
}
