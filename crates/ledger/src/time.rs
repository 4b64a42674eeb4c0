//! Times as the ledger records them: whole Unix seconds, UTC, written as RFC 3339
//! ([`release_model::Utc`]).
//!
//! The library never reads the clock: every time comes from the caller.

use std::time::{SystemTime, UNIX_EPOCH};

use release_model::Utc;

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
///
/// # Errors
/// [`Error::TimeOutOfRange`] for seconds (read from a damaged or foreign file) outside the
/// years -9999 to 9999 or that the platform's `SystemTime` cannot hold.
pub(crate) fn from_unix_seconds(seconds: i64) -> Result<SystemTime, Error> {
    Utc::from_unix_seconds(seconds)
        .ok()
        .and_then(Utc::to_system_time)
        .ok_or(Error::TimeOutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn seconds_round_trip_and_drop_fractions() {
        for seconds in [-86_401, -1, 0, 1, 1_772_366_400] {
            assert_eq!(
                to_unix_seconds(from_unix_seconds(seconds).unwrap()).unwrap(),
                seconds
            );
        }
        let half_past = UNIX_EPOCH + Duration::from_millis(1500);
        assert_eq!(to_unix_seconds(half_past).unwrap(), 1);
        let half_before = UNIX_EPOCH - Duration::from_millis(500);
        assert_eq!(to_unix_seconds(half_before).unwrap(), -1);
    }
}
