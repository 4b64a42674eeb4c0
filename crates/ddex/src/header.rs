//! The message header: who sends the message to whom, when, under which id.
//!
//! Everything here is passed in by the caller: the library never reads the clock.

use core::fmt;
use core::str::FromStr;

use super::Error;
use crate::write::check_text;
use release_model::PartialDate;

/// A DDEX Party Identifier (DPID), e.g. `PADPIDA2013042401U`: `PADPIDA`, ten characters and an
/// ISO 7064 MOD 37,36 check character ([`grid::Dpid`]).
///
/// The ERN 4.3 schema only asks for the pattern `PADPIDA[a-zA-Z0-9]+` (type
/// `MessagingPartyWithoutCode`); a DPID whose check character is wrong names no party, so
/// [`FromStr`] and [`MessageHeader::check`] (which every export runs) apply DDEX's check. A
/// header read from a received message may hold a party id that is neither: the reader keeps
/// it as written, with a warning, and never writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dpid(String);

impl Dpid {
    /// A party id as a received message wrote it, unchecked; [`MessageHeader::check`] refuses
    /// it before anything is written.
    pub(crate) fn unchecked(text: String) -> Dpid {
        Dpid(text)
    }

    /// The identifier as written in the message.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Dpid {
    type Err = Error;

    /// Parses a DPID in any spelling [`grid::Dpid`] reads (surrounding whitespace, lower
    /// case, hyphens) and keeps its canonical form.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHeader`] when the text is no DPID or its check character is wrong.
    fn from_str(input: &str) -> Result<Dpid, Error> {
        match input.parse::<grid::Dpid>() {
            Ok(dpid) => Ok(Dpid(dpid.to_string())),
            Err(_) => Err(Error::InvalidHeader {
                field: "dpid",
                value: input.to_owned(),
                expected: "PADPIDA, ten letters or digits and an ISO 7064 MOD 37,36 check \
                           character, e.g. PADPIDA2013042401U",
            }),
        }
    }
}

impl TryFrom<&str> for Dpid {
    type Error = Error;

    fn try_from(input: &str) -> Result<Dpid, Error> {
        input.parse()
    }
}

impl fmt::Display for Dpid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The moment a message was created, as an `xs:dateTime` with a time zone
/// (`YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`).
///
/// The schema's documentation of `MessageCreatedDateTime` asks for the time zone, so a local
/// time without one is refused.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(String);

impl DateTime {
    /// The date-time `seconds` after 1970-01-01T00:00:00Z, in UTC (`…Z`); for callers that read
    /// the clock themselves.
    #[must_use]
    pub fn from_unix_seconds(seconds: i64) -> DateTime {
        DateTime(release_model::Utc::from_unix_seconds(seconds).to_string())
    }

    /// The date-time as written in the message.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses an `xs:dateTime` that may lack its time zone, as some received messages do
    /// (DDEX's own DJ-mix sample among them); `None` when it is no date-time at all.
    pub(super) fn parse_received(input: &str) -> Option<(DateTime, bool)> {
        let text = input.trim();
        let has_zone = date_time_zone(text.as_bytes())?;
        Some((DateTime(text.to_owned()), has_zone))
    }
}

const DATE_TIME_EXPECTED: &str = "an xs:dateTime with a time zone, e.g. 2026-03-01T12:00:00Z";

impl FromStr for DateTime {
    type Err = Error;

    /// Parses `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`; surrounding whitespace is ignored.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHeader`] when the text is not such a date-time or names an impossible
    /// date or time (month 13, February 30, hour 24, offset beyond ±14:00).
    fn from_str(input: &str) -> Result<DateTime, Error> {
        let text = input.trim();
        if date_time_zone(text.as_bytes()) == Some(true) {
            Ok(DateTime(text.to_owned()))
        } else {
            Err(Error::InvalidHeader {
                field: "created date-time",
                value: input.to_owned(),
                expected: DATE_TIME_EXPECTED,
            })
        }
    }
}

impl TryFrom<&str> for DateTime {
    type Error = Error;

    fn try_from(input: &str) -> Result<DateTime, Error> {
        input.parse()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn number(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0')))
}

/// Whether `text` is an `xs:dateTime` naming a real date and time: `Some(true)` with a time
/// zone, `Some(false)` without one, `None` when it is no date-time.
fn date_time_zone(text: &[u8]) -> Option<bool> {
    if text.len() < 19 || text[4] != b'-' || text[7] != b'-' || text[10] != b'T' {
        return None;
    }
    if text[13] != b':' || text[16] != b':' {
        return None;
    }
    let (Some(year), Some(month), Some(day)) = (
        number(&text[..4]),
        number(&text[5..7]),
        number(&text[8..10]),
    ) else {
        return None;
    };
    let (Some(hour), Some(minute), Some(second)) = (
        number(&text[11..13]),
        number(&text[14..16]),
        number(&text[17..19]),
    ) else {
        return None;
    };
    let is_date = match (u16::try_from(year), u8::try_from(month), u8::try_from(day)) {
        (Ok(year), Ok(month), Ok(day)) => PartialDate::new(year, Some(month), Some(day)).is_ok(),
        _ => false,
    };
    if !is_date || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    match rest {
        b"" => Some(false),
        b"Z" => Some(true),
        [b'+' | b'-', h1, h2, b':', m1, m2] => match (number(&[*h1, *h2]), number(&[*m1, *m2])) {
            (Some(hours), Some(minutes))
                if minutes <= 59 && (hours < 14 || (hours == 14 && minutes == 0)) =>
            {
                Some(true)
            }
            _ => None,
        },
        _ => None,
    }
}

/// Whether `tag` is `language[-script][-region]`: 2–3 letters, then optionally 4 letters, then
/// optionally 2 letters or 3 digits. Every such tag matches the schema's pattern for
/// `LanguageAndScriptCode`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let mut rest: Vec<&str> = parts.collect();
    if rest
        .first()
        .is_some_and(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        rest.remove(0);
    }
    match rest.as_slice() {
        [] => true,
        [region] => {
            (region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()))
                || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()))
        }
        _ => false,
    }
}

/// A message sender or recipient: its DPID and, optionally, its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageParty {
    /// The party's DDEX Party Identifier.
    pub dpid: Dpid,
    /// The party's full name (`PartyName/FullName`); `None` writes no name.
    pub name: Option<String>,
}

impl MessageParty {
    /// A party with a name.
    #[must_use]
    pub fn new(dpid: Dpid, name: impl Into<String>) -> MessageParty {
        MessageParty {
            dpid,
            name: Some(name.into()),
        }
    }
}

/// What the caller says about the message itself (ERN `MessageHeader`).
///
/// The XSD documentation of `MessageId`: "in combination with the DPID of the MessageSender,
/// globally unique … a MessageSender shall never re-use a MessageId".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageHeader {
    /// The message id, unique for the sender.
    pub message_id: String,
    /// Who sends the message.
    pub sender: MessageParty,
    /// Who receives it.
    pub recipient: MessageParty,
    /// When the message was created.
    pub created: DateTime,
    /// The language (and script) of the message's texts, the root's `LanguageAndScriptCode`:
    /// `en` (what [`MessageHeader::new`] sets), `ja-Jpan`, `pt-BR`.
    pub language: String,
}

impl MessageHeader {
    /// A header for texts in English (`en`).
    #[must_use]
    pub fn new(
        message_id: impl Into<String>,
        sender: MessageParty,
        recipient: MessageParty,
        created: DateTime,
    ) -> MessageHeader {
        MessageHeader {
            message_id: message_id.into(),
            sender,
            recipient,
            created,
            language: "en".to_owned(),
        }
    }

    /// Checks what the types cannot: a non-empty message id without surrounding whitespace,
    /// a language tag of the shape `ll[-Script][-RR]`, and texts XML can carry.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHeader`] naming the field; [`Error::UnwritableText`] for a control
    /// character in the message id or a party's name.
    pub fn check(&self) -> Result<(), Error> {
        if !is_language_tag(&self.language) {
            return Err(Error::InvalidHeader {
                field: "language",
                value: self.language.clone(),
                expected: "a language tag such as en, ja-Jpan or pt-BR",
            });
        }
        let id = self.message_id.as_str();
        if id.is_empty() || id.trim() != id {
            return Err(Error::InvalidHeader {
                field: "message id",
                value: id.to_owned(),
                expected: "a non-empty id without surrounding whitespace",
            });
        }
        check_text("message id", id)?;
        for party in [&self.sender, &self.recipient] {
            // A header read from a message may carry a party id that is no DPID.
            party.dpid.as_str().parse::<Dpid>()?;
        }
        for (field, party) in [
            ("message sender name", &self.sender),
            ("message recipient name", &self.recipient),
        ] {
            if let Some(name) = &party.name {
                check_text(field, name)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dpids_are_checked_with_their_check_character() {
        assert_eq!(
            "PADPIDA2013042401U".parse::<Dpid>().unwrap().as_str(),
            "PADPIDA2013042401U"
        );
        // grid's lenient spellings come back canonical.
        assert_eq!(
            " pa-dpida-2013042401-u "
                .parse::<Dpid>()
                .unwrap()
                .to_string(),
            "PADPIDA2013042401U"
        );
        // The pattern the schema asks for is not enough: `PADPIDA2013042401V` has the
        // wrong check character.
        for bad in [
            "",
            "PADPIDA",
            "PADPIDAx1",
            "PADPIDA2013042401V",
            "padpida2013",
            "DPID2013042401U",
        ] {
            let error = bad.parse::<Dpid>().unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    "invalid dpid {bad:?}: expected PADPIDA, ten letters or digits and an ISO \
                     7064 MOD 37,36 check character, e.g. PADPIDA2013042401U"
                )
            );
        }
    }

    #[test]
    fn date_times_with_zone() {
        for good in [
            "2026-03-01T12:00:00Z",
            "2014-09-24T14:57:25+01:00",
            "2024-02-29T23:59:59.123-05:30",
            "2026-03-01T00:00:00+14:00",
        ] {
            assert_eq!(good.parse::<DateTime>().unwrap().as_str(), good);
        }
        for bad in [
            "2026-03-01T12:00:00",
            "2026-03-01 12:00:00Z",
            "2026-13-01T12:00:00Z",
            "2023-02-29T12:00:00Z",
            "2026-03-01T24:00:00Z",
            "2026-03-01T12:00:00.Z",
            "2026-03-01T12:00:00+15:00",
            "06/01/2024",
        ] {
            let error = bad.parse::<DateTime>().unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("invalid created date-time {bad:?}: expected {DATE_TIME_EXPECTED}")
            );
        }
    }

    #[test]
    fn unix_seconds() {
        assert_eq!(
            DateTime::from_unix_seconds(0).as_str(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_unix_seconds(951_782_400).as_str(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_unix_seconds(1_772_366_400).as_str(),
            "2026-03-01T12:00:00Z"
        );
        assert_eq!(
            DateTime::from_unix_seconds(-1).as_str(),
            "1969-12-31T23:59:59Z"
        );
        let parsed: DateTime = DateTime::from_unix_seconds(4_102_444_799)
            .as_str()
            .parse()
            .unwrap();
        assert_eq!(parsed.as_str(), "2099-12-31T23:59:59Z");
    }

    #[test]
    fn message_id_is_checked() {
        let party = MessageParty::new("PADPIDA2013042401U".parse().unwrap(), "x");
        let mut header = MessageHeader::new(
            "M1",
            party.clone(),
            party,
            "2026-03-01T12:00:00Z".parse().unwrap(),
        );
        assert!(header.check().is_ok());
        for good in ["ja-Jpan", "pt-BR", "es-419", "de"] {
            header.language = good.into();
            assert!(header.check().is_ok(), "{good}");
        }
        for bad in ["english", "e", "en-", "en-Latn-US-x", "en_US"] {
            header.language = bad.into();
            assert_eq!(
                header.check().unwrap_err().to_string(),
                format!(
                    "invalid language {bad:?}: expected a language tag such as en, ja-Jpan or pt-BR"
                )
            );
        }
        header.language = "en".into();
        header.message_id = " M1".into();
        assert_eq!(
            header.check().unwrap_err().to_string(),
            "invalid message id \" M1\": expected a non-empty id without surrounding whitespace"
        );
    }
}
