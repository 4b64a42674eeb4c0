//! The current year, read once by the binary (the library crates never read the clock).

use std::time::{SystemTime, UNIX_EPOCH};

/// Whole seconds since 1970 by the system clock.
pub fn unix_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The current calendar year in UTC.
pub fn current_year() -> u16 {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    year_of_day(seconds / 86_400)
}

/// A time as RFC 3339 in UTC to the second (`2026-03-01T12:00:00Z`).
pub fn rfc3339(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days(seconds / 86_400);
    let rest = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Reads `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339 in UTC to the second, as ledger exports write it).
pub fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if year < 1970 || !(1..=12).contains(&month) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_from_civil(year, month, day)?;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + std::time::Duration::from_secs(seconds))
}

/// Days from 1970-01-01 to a date (H. Hinnant's `days_from_civil`); `None` for a day the month
/// does not have.
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if day == 0 || day > month_days[usize::try_from(month - 1).ok()?] {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).checked_sub(719_468)
}

/// The proleptic Gregorian year of a day counted from 1970-01-01.
fn year_of_day(days: u64) -> u16 {
    u16::try_from(civil_from_days(days).0).unwrap_or(u16::MAX)
}

/// Year, month and day of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::year_of_day;

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
            "1969-12-31T23:59:59Z",
            "+026-03-01T00:00:00Z",
        ] {
            assert_eq!(super::parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn years_of_known_days() {
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(364), 1970);
        assert_eq!(year_of_day(365), 1971);
        // 2000-02-29 and 2000-12-31 (a leap year), 2001-01-01.
        assert_eq!(year_of_day(11_016), 2000);
        assert_eq!(year_of_day(11_322), 2000);
        assert_eq!(year_of_day(11_323), 2001);
        // 2026-01-01 is day 20454; the day before is in 2025.
        assert_eq!(year_of_day(20_454), 2026);
        assert_eq!(year_of_day(20_453), 2025);
    }
}
