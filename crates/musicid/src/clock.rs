//! The clock, read by the binary alone (the library crates never read it); times go through
//! [`release_model::Utc`], the workspace's one calendar conversion.

use std::time::SystemTime;

use release_model::Utc;

/// Now, as the system clock says (issue times, import times).
pub fn now() -> SystemTime {
    SystemTime::now()
}

/// Now, to the second.
pub fn utc_now() -> Utc {
    Utc::from_system_time(now())
}

/// Milliseconds since 1970 of `time` (0 before 1970).
pub fn millis_of(time: SystemTime) -> i64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Now as RFC 3339 in UTC to the millisecond (`2026-03-01T12:00:00.250Z`): a delivery batch's
/// id is its creation time to the millisecond.
pub fn rfc3339_millis() -> String {
    let now = now();
    let seconds = Utc::from_system_time(now).to_string();
    format!(
        "{}.{:03}Z",
        seconds.trim_end_matches('Z'),
        millis_of(now).rem_euclid(1000)
    )
}

/// The current calendar year in UTC.
pub fn current_year() -> u16 {
    u16::try_from(utc_now().year()).unwrap_or(u16::MAX)
}

/// A time as RFC 3339 in UTC to the second (`2026-03-01T12:00:00Z`).
pub fn rfc3339(time: SystemTime) -> String {
    Utc::from_system_time(time).to_string()
}

/// Reads `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339 in UTC to the second, as ledger exports write it).
pub fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    text.parse::<Utc>().ok().and_then(Utc::to_system_time)
}

#[cfg(test)]
mod tests {

    #[test]
    fn rfc3339_of_known_times() {
        use std::time::{Duration, UNIX_EPOCH};
        assert_eq!(super::rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        // 2000-02-29T23:59:59Z and 2026-03-01T12:34:56Z.
        let leap = UNIX_EPOCH + Duration::from_secs(11_016 * 86_400 + 86_399);
        assert_eq!(super::rfc3339(leap), "2000-02-29T23:59:59Z");
        let day = UNIX_EPOCH + Duration::from_secs(20_513 * 86_400 + 45_296);
        assert_eq!(super::rfc3339(day), "2026-03-01T12:34:56Z");
    }

    #[test]
    fn rfc3339_parses_back() {
        use std::time::{Duration, UNIX_EPOCH};
        for seconds in [
            0,
            11_016 * 86_400 + 86_399,
            20_513 * 86_400 + 45_296,
            4_102_444_799,
        ] {
            let time = UNIX_EPOCH + Duration::from_secs(seconds);
            assert_eq!(super::parse_rfc3339(&super::rfc3339(time)), Some(time));
        }
        for bad in [
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-03-01 00:00:00Z",
            "2026-03-01T24:00:00Z",
            "2026-03-01T00:00:00",
            "+026-03-01T00:00:00Z",
        ] {
            assert_eq!(super::parse_rfc3339(bad), None, "{bad}");
        }
    }
}
