//! The current year, read once by the binary (the library crates never read the clock).

use std::time::{SystemTime, UNIX_EPOCH};

/// The current calendar year in UTC.
pub fn current_year() -> u16 {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    year_of_day(seconds / 86_400)
}

/// The proleptic Gregorian year of a day counted from 1970-01-01
/// (H. Hinnant's `civil_from_days`, restricted to the year).
fn year_of_day(days: u64) -> u16 {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + u64::from(mp >= 10);
    u16::try_from(year).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::year_of_day;

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
