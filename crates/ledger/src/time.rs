//! Times as the ledger records them: whole Unix seconds, UTC, written as RFC 3339.
//!
//! The library never reads the clock: every time comes from the caller.

use core::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::Error;

/// Whole seconds since 1970-01-01T00:00:00Z (negative before); sub-second parts are dropped.
///
/// # Errors
/// [`Error::TimeOutOfRange`] for a time more than `i64::MAX` seconds from 1970.
pub(crate) fn to_unix_seconds(time: SystemTime) -> Result<i64, Error> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).map_err(|_| Error::TimeOutOfRange),
        Err(before) => {
            let duration = before.duration();
            // Round towards the past, like `floor`, so that 0.5 s before 1970 is -1.
            let whole = duration.as_secs() + u64::from(duration.subsec_nanos() > 0);
            i64::try_from(whole)
                .map(|seconds| -seconds)
                .map_err(|_| Error::TimeOutOfRange)
        }
    }
}

/// The inverse of [`to_unix_seconds`] (exact for whole seconds).
pub(crate) fn from_unix_seconds(seconds: i64) -> SystemTime {
    let magnitude = Duration::from_secs(seconds.unsigned_abs());
    if seconds >= 0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH - magnitude
    }
}

/// `2026-03-01T12:00:00Z` for a count of Unix seconds.
pub(crate) struct Rfc3339(pub(crate) i64);

impl fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let second_of_day = self.0.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        )
    }
}

/// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian), after Howard
/// Hinnant's `civil_from_days` (<https://howardhinnant.github.io/date_algorithms.html>).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(Rfc3339(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Rfc3339(1_772_366_400).to_string(), "2026-03-01T12:00:00Z");
        assert_eq!(Rfc3339(951_782_400).to_string(), "2000-02-29T00:00:00Z");
        assert_eq!(Rfc3339(-1).to_string(), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn seconds_round_trip_and_drop_fractions() {
        for seconds in [-86_401, -1, 0, 1, 1_772_366_400] {
            assert_eq!(
                to_unix_seconds(from_unix_seconds(seconds)).unwrap(),
                seconds
            );
        }
        let half_past = UNIX_EPOCH + Duration::from_millis(1500);
        assert_eq!(to_unix_seconds(half_past).unwrap(), 1);
        let half_before = UNIX_EPOCH - Duration::from_millis(500);
        assert_eq!(to_unix_seconds(half_before).unwrap(), -1);
    }
}
