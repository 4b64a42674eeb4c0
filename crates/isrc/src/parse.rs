//! Parsing: the strict fast path for canonical bytes and the lenient path for what people type.
//!
//! The lenient rules (IFPI Bulletin 2015/01, "Validating an ISRC"): surrounding whitespace is
//! dropped, lower-case letters "should be interpreted as uppercase", and the `ISRC` label and
//! the hyphens of the visual presentation "should never be considered part of the overall 12
//! characters". The bulletin also warns that software which "may take the first 12 characters"
//! gets wrong results, so anything else is refused with its position, never truncated.

use core::str::FromStr;

use ident_core::CharClass;
use ident_core::layout::{Element, Layout, Separators};

use crate::pack::{decode, prefix_bits};
use crate::{Error, Isrc, Prefix};

/// The element names errors use.
pub(crate) const AGENCY: &str = "agency code";
pub(crate) const REGISTRANT: &str = "registrant code";
pub(crate) const YEAR: &str = "year of reference";
pub(crate) const DESIGNATION: &str = "designation code";

/// `-` or a space at every element boundary or at none, the same one throughout.
pub(crate) const ISRC_LAYOUT: Layout = Layout::new(
    &[
        Element::class(2, AGENCY, CharClass::Letter),
        Element::class(3, REGISTRANT, CharClass::Alphanumeric),
        Element::class(2, YEAR, CharClass::Digit),
        Element::class(5, DESIGNATION, CharClass::Digit),
    ],
    "an ISRC of 12 characters",
    "12 characters",
)
.separators(b"- ", Separators::AllOrNone)
.labels(&[b"ISRC"]);

pub(crate) const PREFIX_LAYOUT: Layout = Layout::new(
    &[
        Element::class(2, AGENCY, CharClass::Letter),
        Element::class(3, REGISTRANT, CharClass::Alphanumeric),
    ],
    "an ISRC prefix of 5 characters",
    "5 characters",
)
.separators(b"- ", Separators::AllOrNone);

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
