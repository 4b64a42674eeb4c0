//! `PartialDate`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the DDEX `ddex_IsoDate`.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// A calendar date known to the year, the month or the day: `2026`, `2026-03` or `2026-03-01`.
///
/// This is the shape DDEX ERN gives release dates (`ddex_IsoDate`, the XSD pattern
/// `[0-9]{4}(-[0-9]{2}){0,1}(-[0-9]{2}){0,1}`); on top of the pattern the month must be
/// `01`–`12` and the day must exist in that month (leap years by the Gregorian rule, as
/// [`jiff`]'s calendar gives them).
///
/// `Ord` is chronological and agrees with the order of the printed strings: a date known only
/// to the year sorts before every day of that year.
///
/// ```
/// use release_model::PartialDate;
///
/// let date: PartialDate = "2026-03-01".parse()?;
/// assert_eq!((date.year(), date.month(), date.day()), (2026, Some(3), Some(1)));
/// assert_eq!(date.to_string(), "2026-03-01");
/// assert!("2026-02-29".parse::<PartialDate>().is_err());
/// Ok::<(), release_model::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    // 0 = not given; the derived Ord then puts "2026" before "2026-01".
    month: u8,
    day: u8,
}

impl PartialDate {
    /// A date known to the year (0000–9999).
    ///
    /// # Errors
    /// [`Error::Date`] when the year has more than four digits.
    pub fn year_only(year: u16) -> Result<PartialDate, Error> {
        PartialDate::new(year, None, None)
    }

    /// A date from its parts; a day needs a month.
    ///
    /// # Errors
    /// [`Error::Date`] for a year above 9999, a month outside 1–12, a day that does not exist
    /// in that month, or a day without a month.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<PartialDate, Error> {
        let fail = |reason: String| {
            // The parts as given, printed as `Display` would (a day without a month unshown).
            let month = month.unwrap_or(0);
            let day = if month == 0 { 0 } else { day.unwrap_or(0) };
            Error::Date {
                input: PartialDate { year, month, day }.to_string(),
                reason,
            }
        };
        if year > 9999 {
            return Err(fail(format!("year {year} has more than four digits")));
        }
        let month_value = match month {
            None if day.is_some() => return Err(fail("a day needs a month".to_owned())),
            None => 0,
            Some(m @ 1..=12) => m,
            Some(m) => return Err(fail(format!("month {m:02} is not 01-12"))),
        };
        let day_value = match day {
            None => 0,
            Some(d) if day_exists(year, month_value, d) => d,
            Some(d) => {
                return Err(fail(format!(
                    "day {d:02} does not exist in {year:04}-{month_value:02}"
                )));
            }
        };
        Ok(PartialDate {
            year,
            month: month_value,
            day: day_value,
        })
    }

    /// The year.
    #[must_use]
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month (1–12), when known.
    #[must_use]
    pub const fn month(self) -> Option<u8> {
        if self.month == 0 {
            None
        } else {
            Some(self.month)
        }
    }

    /// The day of the month, when known.
    #[must_use]
    pub const fn day(self) -> Option<u8> {
        if self.day == 0 { None } else { Some(self.day) }
    }
}

/// Whether `day` exists in `month` of `year` (proleptic Gregorian), as jiff's calendar says.
fn day_exists(year: u16, month: u8, day: u8) -> bool {
    match (i16::try_from(year), i8::try_from(month), i8::try_from(day)) {
        (Ok(year), Ok(month), Ok(day)) => jiff::civil::Date::new(year, month, day).is_ok(),
        _ => false,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day != 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

impl fmt::Debug for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PartialDate({self})")
    }
}

const SHAPE: &str = "expected YYYY, YYYY-MM or YYYY-MM-DD";

/// The value of up to four ASCII digits; `None` when a byte is not a digit.
fn digits(part: &[u8]) -> Option<u16> {
    part.iter().try_fold(0u16, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u16::from(b - b'0'))
    })
}

impl FromStr for PartialDate {
    type Err = Error;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (surrounding whitespace ignored); nothing else,
    /// so `06/01/2024` and `2024-6-1` are refused rather than guessed at.
    fn from_str(input: &str) -> Result<PartialDate, Error> {
        let fail = |reason: &str| Error::Date {
            input: input.to_owned(),
            reason: reason.to_owned(),
        };
        let text = input.trim();
        if text.is_empty() {
            return Err(fail("empty input: expected YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        let bytes = text.as_bytes();
        let (year, month, day) = match bytes.len() {
            4 => (&bytes[0..4], None, None),
            7 if bytes[4] == b'-' => (&bytes[0..4], Some(&bytes[5..7]), None),
            10 if bytes[4] == b'-' && bytes[7] == b'-' => {
                (&bytes[0..4], Some(&bytes[5..7]), Some(&bytes[8..10]))
            }
            _ => return Err(fail(SHAPE)),
        };
        let year = digits(year).ok_or_else(|| fail(SHAPE))?;
        let month = match month {
            Some(m) => Some(digits(m).ok_or_else(|| fail(SHAPE))? as u8),
            None => None,
        };
        let day = match day {
            Some(d) => Some(digits(d).ok_or_else(|| fail(SHAPE))? as u8),
            None => None,
        };
        PartialDate::new(year, month, day).map_err(|e| match e {
            Error::Date { reason, .. } => Error::Date {
                input: input.to_owned(),
                reason,
            },
            other => other,
        })
    }
}

impl TryFrom<&str> for PartialDate {
    type Error = Error;

    fn try_from(input: &str) -> Result<PartialDate, Error> {
        input.parse()
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<PartialDate, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for ok in [
            "2026",
            "2026-03",
            "2026-03-01",
            "2024-02-29",
            " 2000-02-29 ",
            "0000",
        ] {
            let d: PartialDate = ok.parse().unwrap();
            assert_eq!(d.to_string(), ok.trim());
        }
    }

    #[test]
    fn messages_are_pinned() {
        let cases = [
            (
                "06/01/2024",
                "invalid date \"06/01/2024\": expected YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            (
                "2024-6-1",
                "invalid date \"2024-6-1\": expected YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            ("2026-13", "invalid date \"2026-13\": month 13 is not 01-12"),
            (
                "2026-02-29",
                "invalid date \"2026-02-29\": day 29 does not exist in 2026-02",
            ),
            (
                "1900-02-29",
                "invalid date \"1900-02-29\": day 29 does not exist in 1900-02",
            ),
            (
                "2026-04-00",
                "invalid date \"2026-04-00\": day 00 does not exist in 2026-04",
            ),
            (
                "",
                "invalid date \"\": empty input: expected YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            (
                "２０２６",
                "invalid date \"２０２６\": expected YYYY, YYYY-MM or YYYY-MM-DD",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(
                input.parse::<PartialDate>().unwrap_err().to_string(),
                message
            );
        }
        assert_eq!(
            PartialDate::new(2026, None, Some(3))
                .unwrap_err()
                .to_string(),
            "invalid date \"2026\": a day needs a month"
        );
        assert_eq!(
            PartialDate::new(10000, None, None).unwrap_err().to_string(),
            "invalid date \"10000\": year 10000 has more than four digits"
        );
    }

    #[test]
    fn order_is_chronological_and_textual() {
        let a: PartialDate = "2026".parse().unwrap();
        let b: PartialDate = "2026-01".parse().unwrap();
        let c: PartialDate = "2026-01-01".parse().unwrap();
        let d: PartialDate = "2026-02".parse().unwrap();
        assert!(a < b && b < c && c < d);
        assert_eq!(format!("{a:?}"), "PartialDate(2026)");
    }
}
