//! The message header: who sends the message to whom, when, under which id.
//!
//! Everything here is passed in by the caller: the library never reads the clock.

use core::fmt;
use core::str::FromStr;

use super::Error;
use crate::write::check_text;
use jiff::tz::Offset;
use release_model::Utc;

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
/// (`YYYY-MM-DDThh:mm:ss[.fff…](Z|±hh:mm)`), kept as written.
///
/// The schema's documentation of `MessageCreatedDateTime` asks for the time zone, so a local
/// time without one is refused. Real deliveries write offsets and long fractions
/// (`2021-03-04T10:11:12.1234567+01:00`); the calendar and the instant are [`jiff`]'s.
///
/// ```
/// use ddex::DateTime;
///
/// let created: DateTime = "2021-03-04T10:11:12.1234567+01:00".parse()?;
/// assert_eq!(created.as_str(), "2021-03-04T10:11:12.1234567+01:00");
/// assert_eq!(created.date(), "2021-03-04");
/// assert_eq!(created.utc().map(|t| t.to_string()).as_deref(), Some("2021-03-04T09:11:12Z"));
/// Ok::<(), ddex::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(String);

impl DateTime {
    /// The date-time as written in the message.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The calendar day as written, in the date-time's own time zone (`2026-03-01` of
    /// `2026-03-01T23:30:00-05:00`): the part before the `T`.
    #[must_use]
    pub fn date(&self) -> &str {
        self.0
            .split_once('T')
            .map_or(self.0.as_str(), |(day, _)| day)
    }

    /// The instant, rounded down to the whole second; `None` for a received date-time
    /// without a time zone (it names no instant).
    #[must_use]
    pub fn utc(&self) -> Option<Utc> {
        let (civil, offset) = read_date_time(&self.0)?;
        let instant = offset?.to_timestamp(civil).ok()?;
        let floor = instant.as_second() - i64::from(instant.subsec_nanosecond() < 0);
        Utc::from_unix_seconds(floor).ok()
    }

    /// Parses an `xs:dateTime` that may lack its time zone, as some received messages do
    /// (DDEX's own DJ-mix sample among them); `None` when it is no date-time at all.
    pub(super) fn parse_received(input: &str) -> Option<(DateTime, bool)> {
        let text = input.trim();
        let (_, offset) = read_date_time(text)?;
        Some((DateTime(text.to_owned()), offset.is_some()))
    }
}

/// For callers that read the clock themselves: the time in UTC (`…Z`).
impl From<Utc> for DateTime {
    fn from(time: Utc) -> DateTime {
        DateTime(time.to_string())
    }
}

const DATE_TIME_EXPECTED: &str = "an xs:dateTime with a time zone, e.g. 2026-03-01T12:00:00Z";

impl FromStr for DateTime {
    type Err = Error;

    /// Parses `YYYY-MM-DDThh:mm:ss[.fff…](Z|±hh:mm)`; surrounding whitespace is ignored.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHeader`] when the text is not such a date-time or names an impossible
    /// date or time (month 13, February 30, hour 24, a leap second, offset beyond ±14:00).
    fn from_str(input: &str) -> Result<DateTime, Error> {
        match DateTime::parse_received(input) {
            Some((value, true)) => Ok(value),
            _ => Err(Error::InvalidHeader {
                field: "created date-time",
                value: input.to_owned(),
                expected: DATE_TIME_EXPECTED,
            }),
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

/// Where `YYYY-MM-DDThh:mm:ss` has its digits; the separators sit between.
const DIGITS: [usize; 14] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/// The parts of an `xs:dateTime` naming a real date and time: the civil date-time and its
/// offset (`None` without a time zone); `None` when the text is no such date-time.
///
/// The lexical shape is checked here (xs:dateTime is stricter than RFC 3339: `T` only, a
/// colon in the offset, at most ±14:00); the calendar is jiff's. Leap seconds, which jiff
/// would clamp to `:59`, are refused. A fraction may have any number of digits; jiff reads
/// the first nine (nanoseconds), the rest only have to be digits.
fn read_date_time(text: &str) -> Option<(jiff::civil::DateTime, Option<Offset>)> {
    let (body, offset) = if let Some(body) = text.strip_suffix('Z') {
        (body, Some(Offset::UTC))
    } else {
        match text
            .len()
            .checked_sub(6)
            .map(|at| text.split_at_checked(at))
        {
            Some(Some((body, zone))) if matches!(zone.as_bytes(), [b'+' | b'-', ..]) => {
                (body, Some(offset(zone.as_bytes())?))
            }
            _ => (text, None),
        }
    };
    let b = body.as_bytes();
    let shape = b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && DIGITS.iter().all(|&i| b[i].is_ascii_digit())
        && b[17] <= b'5';
    if !shape {
        return None;
    }
    let fraction = &b[19..];
    let kept = match fraction {
        [] => 19,
        [b'.', digits @ ..] if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) => {
            19 + 1 + digits.len().min(9)
        }
        _ => return None,
    };
    let civil = body[..kept].parse::<jiff::civil::DateTime>().ok()?;
    Some((civil, offset))
}

/// `±hh:mm` up to ±14:00, the range xs:dateTime allows.
fn offset(zone: &[u8]) -> Option<Offset> {
    let [sign, h1, h2, b':', m1, m2] = *zone else {
        return None;
    };
    if ![h1, h2, m1, m2].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let hours = i32::from(h1 - b'0') * 10 + i32::from(h2 - b'0');
    let minutes = i32::from(m1 - b'0') * 10 + i32::from(m2 - b'0');
    if minutes > 59 || hours * 60 + minutes > 14 * 60 {
        return None;
    }
    let seconds = (hours * 60 + minutes) * 60;
    Offset::from_seconds(if sign == b'-' { -seconds } else { seconds }).ok()
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
    fn from_utc() {
        let at = |seconds| DateTime::from(Utc::from_unix_seconds(seconds).unwrap());
        assert_eq!(at(0).as_str(), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400).as_str(), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_772_366_400).as_str(), "2026-03-01T12:00:00Z");
        assert_eq!(at(-1).as_str(), "1969-12-31T23:59:59Z");
        let parsed: DateTime = at(4_102_444_799).as_str().parse().unwrap();
        assert_eq!(parsed.as_str(), "2099-12-31T23:59:59Z");
        assert_eq!(parsed.utc(), Utc::from_unix_seconds(4_102_444_799).ok());
    }

    #[test]
    fn offsets_and_long_fractions_name_their_instant() {
        let utc = |text: &str| text.parse::<DateTime>().unwrap().utc().unwrap().to_string();
        assert_eq!(
            utc("2021-03-04T10:11:12.1234567+01:00"),
            "2021-03-04T09:11:12Z"
        );
        assert_eq!(utc("2021-03-04T00:30:00-05:30"), "2021-03-04T06:00:00Z");
        assert_eq!(utc("2021-01-01T00:00:00+14:00"), "2020-12-31T10:00:00Z");
        assert_eq!(utc("1969-12-31T23:59:59.5Z"), "1969-12-31T23:59:59Z");
        // Digits past the nanosecond are kept as written and do not change the instant.
        let long = "2021-03-04T10:11:12.123456789012Z";
        assert_eq!(long.parse::<DateTime>().unwrap().as_str(), long);
        assert_eq!(utc(long), "2021-03-04T10:11:12Z");
        let (local, zoned) = DateTime::parse_received("2021-03-04T10:11:12.1234567").unwrap();
        assert!(!zoned);
        assert_eq!(local.utc(), None);
        for bad in [
            "2021-03-04T10:11:60Z",
            "2021-03-04T10:11:12+0100",
            "2021-03-04T10:11:12+01:60",
            "2021-03-04T10:11:12.12a4567Z",
            "2021-03-04t10:11:12Z",
        ] {
            assert!(DateTime::parse_received(bad).is_none(), "{bad}");
        }
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
