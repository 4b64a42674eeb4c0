//! ERN versions: which ones exist, which family each belongs to, and how a message names its
//! own in the root element's namespace.

use core::fmt;
use core::str::FromStr;

use crate::Error;

/// The two families of ERN message structure.
///
/// They are not a rename of each other: ERN 3 keeps titles, artists and labels inside
/// `…DetailsByTerritory` blocks and names parties inline; ERN 4 lists parties once in a
/// `PartyList` and refers to them, with flat `DisplayTitle`/`DisplayArtist` elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// ERN 3.7 … 3.8.3.
    Ern3,
    /// ERN 4.1 … 4.3.x.
    Ern4,
}

/// An ERN version, such as 3.8.2 or 4.3.
///
/// `FromStr` takes the dotted form (`3.8.2`, `4.3`) or the namespace form (`382`, `43`);
/// `Display` prints the dotted form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ErnVersion {
    major: u8,
    minor: u8,
    patch: u8,
}

impl ErnVersion {
    /// ERN 3.8.2, the ERN 3 version still exchanged most.
    pub const V3_8_2: ErnVersion = ErnVersion::new(3, 8, 2);
    /// ERN 4.3.
    pub const V4_3: ErnVersion = ErnVersion::new(4, 3, 0);

    /// The versions the reader accepts, oldest first. 4.3 stands for every 4.3.x: DDEX keeps
    /// the 4.3 structure in its patch releases.
    pub const READ: [ErnVersion; 10] = [
        ErnVersion::new(3, 7, 0),
        ErnVersion::new(3, 7, 1),
        ErnVersion::new(3, 8, 0),
        ErnVersion::new(3, 8, 1),
        ErnVersion::new(3, 8, 2),
        ErnVersion::new(3, 8, 3),
        ErnVersion::new(4, 1, 0),
        ErnVersion::new(4, 1, 1),
        ErnVersion::new(4, 2, 0),
        ErnVersion::new(4, 3, 0),
    ];

    /// The versions the writer produces.
    pub const WRITE: [ErnVersion; 2] = [ErnVersion::V4_3, ErnVersion::V3_8_2];

    const fn new(major: u8, minor: u8, patch: u8) -> ErnVersion {
        ErnVersion {
            major,
            minor,
            patch,
        }
    }

    /// The major version (3 or 4).
    #[must_use]
    pub const fn major(self) -> u8 {
        self.major
    }

    /// The minor version.
    #[must_use]
    pub const fn minor(self) -> u8 {
        self.minor
    }

    /// The patch version (0 when the version has none).
    #[must_use]
    pub const fn patch(self) -> u8 {
        self.patch
    }

    /// The family whose message structure this version uses.
    #[must_use]
    pub const fn family(self) -> Family {
        if self.major >= 4 {
            Family::Ern4
        } else {
            Family::Ern3
        }
    }

    /// Whether the reader accepts this version (4.3.x counts as 4.3).
    #[must_use]
    pub fn is_readable(self) -> bool {
        let base = if self.major == 4 && self.minor == 3 {
            ErnVersion::V4_3
        } else {
            self
        };
        ErnVersion::READ.contains(&base)
    }

    /// The version's part of the namespace: `382`, `43`, `431`.
    #[must_use]
    pub fn code(self) -> String {
        if self.patch == 0 {
            format!("{}{}", self.major, self.minor)
        } else {
            format!("{}{}{}", self.major, self.minor, self.patch)
        }
    }

    /// The root namespace of a message of this version: `http://ddex.net/xml/ern/382`.
    #[must_use]
    pub fn namespace(self) -> String {
        format!("{NAMESPACE_BASE}{}", self.code())
    }

    /// Reads the digits of a namespace or `MessageSchemaVersionId` (`382`, `43`, `431`,
    /// `37D2` for a draft of 3.7); `None` when they name no version.
    pub(crate) fn from_code(code: &str) -> Option<(ErnVersion, bool)> {
        // Drafts were published as `37D2` and the like; the structure is the version's.
        let (digits, draft) = match code.find(['D', 'd']) {
            Some(at) if code[at + 1..].bytes().all(|b| b.is_ascii_digit()) => (&code[..at], true),
            _ => (code, false),
        };
        let bytes = digits.as_bytes();
        if !(2..=3).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let digit = |i: usize| bytes.get(i).map_or(0, |b| b - b'0');
        Some((ErnVersion::new(digit(0), digit(1), digit(2)), draft))
    }
}

/// What every ERN root namespace starts with.
pub(crate) const NAMESPACE_BASE: &str = "http://ddex.net/xml/ern/";

impl fmt::Display for ErnVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)?;
        if self.patch != 0 {
            write!(f, ".{}", self.patch)?;
        }
        Ok(())
    }
}

impl FromStr for ErnVersion {
    type Err = Error;

    /// `4.3`, `3.8.2`, or the namespace digits `43`, `382`.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownVersion`] when the text names no version.
    fn from_str(input: &str) -> Result<ErnVersion, Error> {
        let text = input.trim();
        let digits: String = text.split('.').collect();
        let dotted_ok = text
            .split('.')
            .all(|part| part.len() == 1 && part.as_bytes()[0].is_ascii_digit());
        if (!text.contains('.') || dotted_ok)
            && let Some((version, false)) = ErnVersion::from_code(&digits)
        {
            return Ok(version);
        }
        Err(Error::UnknownVersion {
            value: input.to_owned(),
        })
    }
}

impl TryFrom<&str> for ErnVersion {
    type Error = Error;

    fn try_from(input: &str) -> Result<ErnVersion, Error> {
        input.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::{ErnVersion, Family};

    #[test]
    fn versions_read_and_print_both_ways() {
        for (text, shown) in [
            ("382", "3.8.2"),
            ("4.3", "4.3"),
            ("431", "4.3.1"),
            ("41", "4.1"),
        ] {
            let version: ErnVersion = text.parse().unwrap();
            assert_eq!(version.to_string(), shown);
            assert_eq!(version.to_string().parse::<ErnVersion>().unwrap(), version);
        }
        assert!("4.3.x".parse::<ErnVersion>().is_err());
        assert!("3.82".parse::<ErnVersion>().is_err());
        assert!("".parse::<ErnVersion>().is_err());
        assert_eq!(ErnVersion::V3_8_2.family(), Family::Ern3);
        assert_eq!(ErnVersion::V4_3.namespace(), "http://ddex.net/xml/ern/43");
        assert!("4.3.2".parse::<ErnVersion>().unwrap().is_readable());
        assert!(!"3.4.1".parse::<ErnVersion>().unwrap().is_readable());
        assert_eq!(
            ErnVersion::from_code("37D2"),
            Some(("3.7".parse().unwrap(), true))
        );
    }
}
