//! A few ASCII characters returned by value.

use core::fmt;

/// `N` ASCII characters held by value: what the part accessors return (an [`Isrc`](crate::Isrc)
/// is packed into 8 bytes, so it has no text to lend out).
///
/// ```
/// let isrc: isrc::Isrc = "QZAQQ2600001".parse()?;
/// assert_eq!(isrc.agency_code(), "QZ");
/// assert_eq!(isrc.registrant_code().as_str(), "AQQ");
/// # Ok::<(), isrc::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FixedStr<const N: usize>([u8; N]);

impl<const N: usize> FixedStr<N> {
    /// Wraps bytes the caller has checked to be ASCII.
    pub(crate) const fn from_ascii(bytes: [u8; N]) -> Self {
        FixedStr(bytes)
    }

    /// The characters as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Always ASCII by construction, so never the empty fallback.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The characters as ASCII bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; N] {
        &self.0
    }

    /// The characters as an array of ASCII bytes.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; N] {
        self.0
    }
}

impl<const N: usize> AsRef<str> for FixedStr<N> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl<const N: usize> AsRef<[u8]> for FixedStr<N> {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl<const N: usize> PartialEq<str> for FixedStr<N> {
    fn eq(&self, other: &str) -> bool {
        self.0 == *other.as_bytes()
    }
}

impl<const N: usize> PartialEq<&str> for FixedStr<N> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other.as_bytes()
    }
}

impl<const N: usize> fmt::Display for FixedStr<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl<const N: usize> fmt::Debug for FixedStr<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}
