//! `Utc`: a point in time to the second, written as RFC 3339 in UTC (`2026-03-01T12:00:00Z`).
//!
//! The one civil-calendar conversion of the workspace: DDEX message headers, the ledger's
//! records and the command-line tool's reference year all go through it. The library never
//! reads the clock: callers build a `Utc` from a time they read themselves.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::date::{days_in_month, digits};

const SECONDS_PER_DAY: i64 = 86_400;

/// Whole seconds since 1970-01-01T00:00:00Z (negative before), shown as RFC 3339 in UTC.
///
/// ```
/// use release_model::Utc;
///
/// let t = Utc::from_unix_seconds(1_772_366_400);
/// assert_eq!(t.to_string(), "2026-03-01T12:00:00Z");
/// assert_eq!(t.year(), 2026);
/// assert_eq!("2026-03-01T12:00:00Z".parse::<Utc>(), Ok(t));
/// assert!("2026-02-29T12:00:00Z".parse::<Utc>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Utc(i64);

impl Utc {
    /// The time `seconds` after the Unix epoch.
    #[must_use]
    pub const fn from_unix_seconds(seconds: i64) -> Utc {
        Utc(seconds)
    }

    /// A system time, rounded down to the whole second (saturating far outside ±292 billion
    /// years).
    #[must_use]
    pub fn from_system_time(time: SystemTime) -> Utc {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Utc(i64::try_from(after.as_secs()).unwrap_or(i64::MAX)),
            Err(before) => {
                let before = before.duration();
                let whole = before.as_secs() + u64::from(before.subsec_nanos() > 0);
                Utc(i64::try_from(whole).map_or(i64::MIN, |s| -s))
            }
        }
    }

    /// Whole seconds since the Unix epoch.
    #[must_use]
    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The same time as a [`SystemTime`], or `None` where the platform's `SystemTime` does
    /// not reach (seconds come from files and databases, and may be absurd).
    #[must_use]
    pub fn to_system_time(self) -> Option<SystemTime> {
        let magnitude = Duration::from_secs(self.0.unsigned_abs());
        if self.0 >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        }
    }

    /// The calendar year (proleptic Gregorian, UTC).
    #[must_use]
    pub const fn year(self) -> i64 {
        civil_from_days(self.0.div_euclid(SECONDS_PER_DAY)).0
    }
}

/// Year, month and day of a day count since 1970-01-01 (proleptic Gregorian), after Howard
/// Hinnant's `civil_from_days` (<https://howardhinnant.github.io/date_algorithms.html>).
const fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u8;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u8;
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// The day count since 1970-01-01 of a valid date (the inverse of [`civil_from_days`]).
const fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = month as i64;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

impl fmt::Display for Utc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = civil_from_days(self.0.div_euclid(SECONDS_PER_DAY));
        let second = self.0.rem_euclid(SECONDS_PER_DAY);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            second / 3600,
            second / 60 % 60,
            second % 60
        )
    }
}

/// Why a text is not `YYYY-MM-DDThh:mm:ssZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid UTC time: expected YYYY-MM-DDThh:mm:ssZ with a real date and time")]
pub struct UtcError;

impl FromStr for Utc {
    type Err = UtcError;

    /// Parses exactly `YYYY-MM-DDThh:mm:ssZ` (years 0000–9999), the form `Display` writes.
    ///
    /// # Errors
    /// [`UtcError`] for any other shape, a month or day the calendar lacks, or a time past
    /// `23:59:59`.
    fn from_str(text: &str) -> Result<Utc, UtcError> {
        let b = text.as_bytes();
        let shape = b.len() == 20
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && b[19] == b'Z';
        if !shape {
            return Err(UtcError);
        }
        let number = |from: usize, to: usize| digits(&b[from..to]).ok_or(UtcError);
        let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
        let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
        let month = u8::try_from(month).map_err(|_| UtcError)?;
        let day = u8::try_from(day).map_err(|_| UtcError)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(UtcError);
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(UtcError);
        }
        let days = days_from_civil(i64::from(year), month, day);
        Ok(Utc(days * SECONDS_PER_DAY
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_times() {
        assert_eq!(Utc(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Utc(951_782_400).to_string(), "2000-02-29T00:00:00Z");
        assert_eq!(Utc(-1).to_string(), "1969-12-31T23:59:59Z");
        assert_eq!(Utc(-1).year(), 1969);
        assert_eq!(
            "1900-03-01T00:00:00Z".parse::<Utc>().map(Utc::year),
            Ok(1900)
        );
        assert!("1900-02-29T00:00:00Z".parse::<Utc>().is_err());
        assert!("2026-03-01T24:00:00Z".parse::<Utc>().is_err());
        assert!("2026-03-01 12:00:00Z".parse::<Utc>().is_err());
        assert!("2026-03-01T12:00:00+01:00".parse::<Utc>().is_err());
        assert_eq!(
            UtcError.to_string(),
            "invalid UTC time: expected YYYY-MM-DDThh:mm:ssZ with a real date and time"
        );
    }

    #[test]
    fn system_time_rounds_down() {
        let before = UNIX_EPOCH - Duration::from_millis(500);
        assert_eq!(Utc::from_system_time(before), Utc(-1));
        let after = UNIX_EPOCH + Duration::from_millis(1500);
        assert_eq!(Utc::from_system_time(after), Utc(1));
        assert_eq!(
            Utc(-5).to_system_time(),
            Some(UNIX_EPOCH - Duration::from_secs(5))
        );
    }

    #[test]
    fn absurd_seconds_have_no_system_time_but_never_panic() {
        for seconds in [i64::MIN, i64::MIN + 1, i64::MAX] {
            if let Some(time) = Utc(seconds).to_system_time() {
                assert_eq!(Utc::from_system_time(time), Utc(seconds));
            }
        }
    }

    proptest! {
        #[test]
        fn display_parses_back(seconds in -62_167_219_200i64..253_402_300_800) {
            let t = Utc(seconds);
            prop_assert_eq!(t.to_string().parse::<Utc>(), Ok(t));
            prop_assert_eq!(t.to_system_time().map(Utc::from_system_time), Some(t));
        }
    }
}
