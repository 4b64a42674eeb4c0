//! `Utc`: a point in time to the second, written as RFC 3339 in UTC (`2026-03-01T12:00:00Z`).
//!
//! The workspace's one civil-calendar conversion, over [`jiff`]'s `Timestamp`: DDEX message
//! headers, the ledger's records and the command-line tool's reference year all go through
//! it. The library never reads the clock: callers build a `Utc` from a time they read
//! themselves.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jiff::Timestamp;
use jiff::tz::Offset;

/// A whole second between the years -9999 and 9999 (jiff's range, which stops a little short
/// of the years' ends so that every time zone still sees a date in them), shown as RFC 3339
/// in UTC.
///
/// ```
/// use release_model::Utc;
///
/// let t = Utc::from_unix_seconds(1_772_366_400)?;
/// assert_eq!(t.to_string(), "2026-03-01T12:00:00Z");
/// assert_eq!(t.year(), 2026);
/// assert_eq!("2026-03-01T12:00:00Z".parse::<Utc>(), Ok(t));
/// assert!("2026-02-29T12:00:00Z".parse::<Utc>().is_err());
/// Ok::<(), release_model::UtcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Utc(Timestamp);

impl Utc {
    /// The time `seconds` after the Unix epoch (negative before).
    ///
    /// # Errors
    /// [`UtcError::OutOfRange`] for a second outside the years -9999 to 9999 (seconds come
    /// from files and databases, and may be absurd).
    pub fn from_unix_seconds(seconds: i64) -> Result<Utc, UtcError> {
        Timestamp::from_second(seconds)
            .map(Utc)
            .map_err(|_| UtcError::OutOfRange { seconds })
    }

    /// A system time, rounded down to the whole second, saturating at the years -9999 and
    /// 9999.
    #[must_use]
    pub fn from_system_time(time: SystemTime) -> Utc {
        let seconds = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            Err(before) => {
                let before = before.duration();
                let whole = before.as_secs() + u64::from(before.subsec_nanos() > 0);
                i64::try_from(whole).map_or(i64::MIN, |s| -s)
            }
        };
        let (min, max) = (Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
        // `from_second` cannot fail on a clamped value; the fallback is never taken.
        Utc(Timestamp::from_second(seconds.clamp(min, max)).unwrap_or(Timestamp::UNIX_EPOCH))
    }

    /// Whole seconds since the Unix epoch.
    #[must_use]
    pub fn unix_seconds(self) -> i64 {
        self.0.as_second()
    }

    /// The same time as a [`SystemTime`], or `None` where the platform's `SystemTime` does
    /// not reach.
    #[must_use]
    pub fn to_system_time(self) -> Option<SystemTime> {
        let seconds = self.unix_seconds();
        let magnitude = Duration::from_secs(seconds.unsigned_abs());
        if seconds >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        }
    }

    /// The calendar year (proleptic Gregorian, UTC).
    #[must_use]
    pub fn year(self) -> i16 {
        Offset::UTC.to_datetime(self.0).year()
    }

    /// The instant as [`jiff`] sees it, for arithmetic and other time zones.
    #[must_use]
    pub const fn timestamp(self) -> Timestamp {
        self.0
    }
}

impl fmt::Display for Utc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Whole seconds: jiff writes no fraction, and `Z` for UTC.
        fmt::Display::fmt(&self.0, f)
    }
}

/// Why a text or a number is no `Utc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UtcError {
    /// The text is not `YYYY-MM-DDThh:mm:ssZ` naming a real date and time.
    #[error("invalid UTC time: expected YYYY-MM-DDThh:mm:ssZ with a real date and time")]
    Text,
    /// A second count beyond the years -9999 and 9999.
    #[error("UTC time {seconds} s from 1970 is outside the years -9999 to 9999")]
    OutOfRange {
        /// The seconds given.
        seconds: i64,
    },
}

/// Where `YYYY-MM-DDThh:mm:ssZ` has its digits; the separators sit between.
const DIGITS: [usize; 14] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

impl FromStr for Utc {
    type Err = UtcError;

    /// Parses exactly `YYYY-MM-DDThh:mm:ssZ` (years 0000–9999), the form `Display` writes;
    /// jiff checks the calendar.
    ///
    /// # Errors
    /// [`UtcError::Text`] for any other shape (an offset, a fraction, a space for `T`), a
    /// month or day the calendar lacks, a time past `23:59:59` or a leap second (which jiff
    /// would clamp to `:59`).
    fn from_str(text: &str) -> Result<Utc, UtcError> {
        let b = text.as_bytes();
        let shape = b.len() == 20
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && b[19] == b'Z'
            && DIGITS.iter().all(|&i| b[i].is_ascii_digit())
            && b[17] <= b'5';
        if !shape {
            return Err(UtcError::Text);
        }
        text.parse::<Timestamp>()
            .map(Utc)
            .map_err(|_| UtcError::Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(seconds: i64) -> Utc {
        Utc::from_unix_seconds(seconds).unwrap()
    }

    #[test]
    fn known_times() {
        assert_eq!(at(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400).to_string(), "2000-02-29T00:00:00Z");
        assert_eq!(at(-1).to_string(), "1969-12-31T23:59:59Z");
        assert_eq!(at(-1).year(), 1969);
        assert_eq!(
            "1900-03-01T00:00:00Z".parse::<Utc>().map(Utc::year),
            Ok(1900)
        );
        assert_eq!(
            "0000-01-01T00:00:00Z".parse::<Utc>().map(Utc::unix_seconds),
            Ok(-62_167_219_200)
        );
        for bad in [
            "1900-02-29T00:00:00Z",
            "2026-03-01T24:00:00Z",
            "2026-03-01T23:59:60Z",
            "2026-03-01 12:00:00Z",
            "2026-03-01t12:00:00Z",
            "2026-03-01T12:00:00+01:00",
            "2026-03-01T12:00:00.5Z",
            "+26-03-01T12:00:00Z",
        ] {
            assert_eq!(bad.parse::<Utc>(), Err(UtcError::Text), "{bad}");
        }
        assert_eq!(
            UtcError::Text.to_string(),
            "invalid UTC time: expected YYYY-MM-DDThh:mm:ssZ with a real date and time"
        );
    }

    #[test]
    fn system_time_rounds_down() {
        let before = UNIX_EPOCH - Duration::from_millis(500);
        assert_eq!(Utc::from_system_time(before), at(-1));
        let after = UNIX_EPOCH + Duration::from_millis(1500);
        assert_eq!(Utc::from_system_time(after), at(1));
        assert_eq!(
            at(-5).to_system_time(),
            Some(UNIX_EPOCH - Duration::from_secs(5))
        );
    }

    #[test]
    fn absurd_seconds_are_refused_and_the_clock_saturates() {
        for seconds in [i64::MIN, i64::MIN + 1, i64::MAX, 253_402_300_800 * 2] {
            assert_eq!(
                Utc::from_unix_seconds(seconds),
                Err(UtcError::OutOfRange { seconds })
            );
        }
        let far = UNIX_EPOCH + Duration::from_secs(1 << 40);
        assert_eq!(Utc::from_system_time(far).year(), 9999);
        // jiff's last instant: late enough that every offset still gives a date in 9999.
        assert_eq!(
            Utc::from_system_time(far).to_string(),
            "9999-12-30T22:00:00Z"
        );
    }

    proptest! {
        #[test]
        fn display_parses_back(seconds in -62_167_219_200i64..253_402_300_800) {
            let t = at(seconds);
            prop_assert_eq!(t.to_string().parse::<Utc>(), Ok(t));
            prop_assert_eq!(t.to_system_time().map(Utc::from_system_time), Some(t));
        }
    }
}
