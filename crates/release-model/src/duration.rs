//! Track durations: written as ISO 8601 (`PT3M21S`), read as ISO 8601, `m:ss`, `h:mm:ss` or
//! whole seconds.

use std::fmt;
use std::time::Duration;

use crate::Error;

/// Parses a duration in any of the forms the formats accept:
///
/// - ISO 8601 / `xs:duration` without years and months (their length varies):
///   `PT3M21S`, `PT1H2M3S`, `PT21.5S`, `P1DT2H`; designators upper case, a fraction only on
///   the seconds (as in the ERN XSD's `PT1M30.5S`);
/// - `m:ss` (`3:21`, `75:02`) and `h:mm:ss` (`1:02:03`), minutes and seconds below 60 after
///   the first field;
/// - whole seconds (`201`).
///
/// Surrounding whitespace is ignored.
///
/// ```
/// use std::time::Duration;
/// use release_model::duration::parse;
///
/// assert_eq!(parse("PT3M21S")?, Duration::from_secs(201));
/// assert_eq!(parse("3:21")?, Duration::from_secs(201));
/// assert_eq!(parse("0:03:21")?, Duration::from_secs(201));
/// assert_eq!(parse("201")?, Duration::from_secs(201));
/// Ok::<(), release_model::Error>(())
/// ```
///
/// # Errors
/// [`Error::Duration`] naming what is wrong: an unknown form, a field out of range, a value
/// too large to hold.
pub fn parse(input: &str) -> Result<Duration, Error> {
    let fail = |reason: &str| Error::Duration {
        input: input.to_owned(),
        reason: reason.to_owned(),
    };
    let text = input.trim();
    if text.is_empty() {
        return Err(fail(
            "empty input: expected ISO 8601 (PT3M21S), m:ss, h:mm:ss or whole seconds",
        ));
    }
    if let Some(rest) = text.strip_prefix('P') {
        return parse_iso(rest).map_err(fail);
    }
    if text.contains(':') {
        return parse_clock(text).map_err(fail);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return number(text.as_bytes())
            .map(Duration::from_secs)
            .ok_or_else(|| fail("too large"));
    }
    Err(fail(
        "expected ISO 8601 (PT3M21S), m:ss, h:mm:ss or whole seconds",
    ))
}

fn number(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |acc, &b| {
        if b.is_ascii_digit() {
            acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

fn parse_clock(text: &str) -> Result<Duration, &'static str> {
    const SHAPE: &str = "expected m:ss or h:mm:ss with two-digit minutes and seconds";
    let mut parts = text.split(':');
    let (first, second, third) = (parts.next(), parts.next(), parts.next());
    let with_hours = third.is_some();
    let (hours, minutes, seconds) = match (first, second, third, parts.next()) {
        (Some(m), Some(s), None, None) => ("0", m, s),
        (Some(h), Some(m), Some(s), None) if m.len() == 2 => (h, m, s),
        _ => return Err(SHAPE),
    };
    if seconds.len() != 2 {
        return Err(SHAPE);
    }
    let h = number(hours.as_bytes()).ok_or(SHAPE)?;
    let m = number(minutes.as_bytes()).ok_or(SHAPE)?;
    let s = number(seconds.as_bytes()).ok_or(SHAPE)?;
    if s >= 60 {
        return Err("seconds must be below 60");
    }
    if with_hours && m >= 60 {
        return Err("minutes must be below 60");
    }
    h.checked_mul(3600)
        .and_then(|h| m.checked_mul(60)?.checked_add(h))
        .and_then(|hm| hm.checked_add(s))
        .map(Duration::from_secs)
        .ok_or("too large")
}

fn parse_iso(rest: &str) -> Result<Duration, &'static str> {
    const SHAPE: &str =
        "expected an ISO 8601 duration like PT3M21S (days, hours, minutes, seconds)";
    let (days, time) = match rest.split_once('T') {
        Some((days, time)) => (days, Some(time)),
        None => (rest, None),
    };
    let mut total = Duration::ZERO;
    let mut any = false;
    if !days.is_empty() {
        let count = days.strip_suffix('D').ok_or(SHAPE)?;
        let count = number(count.as_bytes()).ok_or(SHAPE)?;
        total = count
            .checked_mul(86_400)
            .map(Duration::from_secs)
            .ok_or("too large")?;
        any = true;
    }
    if let Some(mut time) = time {
        if time.is_empty() {
            return Err(SHAPE);
        }
        // Designators must come in this order, each at most once.
        for (designator, unit) in [('H', 3600u64), ('M', 60), ('S', 1)] {
            let Some(end) = time.find(designator) else {
                continue;
            };
            let value = &time[..end];
            time = &time[end + 1..];
            if designator == 'S' {
                total = total
                    .checked_add(seconds_with_fraction(value).ok_or(SHAPE)?)
                    .ok_or("too large")?;
            } else {
                let secs = number(value.as_bytes())
                    .ok_or(SHAPE)?
                    .checked_mul(unit)
                    .ok_or("too large")?;
                total = total
                    .checked_add(Duration::from_secs(secs))
                    .ok_or("too large")?;
            }
            any = true;
        }
        if !time.is_empty() {
            return Err(SHAPE);
        }
    }
    if any { Ok(total) } else { Err(SHAPE) }
}

fn seconds_with_fraction(value: &str) -> Option<Duration> {
    let (whole, fraction) = match value.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (value, None),
    };
    let secs = number(whole.as_bytes())?;
    let nanos = match fraction {
        None => 0,
        Some(f) if f.is_empty() || f.len() > 9 => return None,
        Some(f) => {
            let digits = number(f.as_bytes())? as u32;
            digits * 10u32.pow(9 - f.len() as u32)
        }
    };
    Some(Duration::new(secs, nanos))
}

/// A duration printed as ISO 8601 (`PT3M21S`, `PT1H2M3S`, `PT0S`, `PT1M30.5S`); it parses
/// back to the same value with [`parse`].
///
/// ```
/// use std::time::Duration;
/// use release_model::duration::Iso8601;
///
/// assert_eq!(Iso8601(Duration::from_secs(201)).to_string(), "PT3M21S");
/// assert_eq!(Iso8601(Duration::from_millis(90_500)).to_string(), "PT1M30.5S");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Iso8601(pub Duration);

/// Whole hours, minutes (below 60) and seconds (below 60) of `duration`.
fn hours_minutes_seconds(duration: Duration) -> (u64, u64, u64) {
    let total = duration.as_secs();
    (total / 3600, total / 60 % 60, total % 60)
}

impl fmt::Display for Iso8601 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = hours_minutes_seconds(self.0);
        f.write_str("PT")?;
        if h > 0 {
            write!(f, "{h}H{m}M")?;
        } else if m > 0 {
            write!(f, "{m}M")?;
        }
        write!(f, "{s}")?;
        let nanos = self.0.subsec_nanos();
        if nanos > 0 {
            // The nine digits of the fraction without their trailing zeros.
            let (mut fraction, mut width) = (nanos, 9);
            while fraction % 10 == 0 {
                fraction /= 10;
                width -= 1;
            }
            write!(f, ".{fraction:0width$}")?;
        }
        f.write_str("S")
    }
}

/// A duration printed as `m:ss` (or `h:mm:ss` from one hour), whole seconds, for people.
///
/// ```
/// use std::time::Duration;
/// use release_model::duration::Clock;
///
/// assert_eq!(Clock(Duration::from_secs(201)).to_string(), "3:21");
/// assert_eq!(Clock(Duration::from_secs(3723)).to_string(), "1:02:03");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock(pub Duration);

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = hours_minutes_seconds(self.0);
        if h > 0 {
            write!(f, "{h}:{m:02}:{s:02}")
        } else {
            write!(f, "{m}:{s:02}")
        }
    }
}

/// serde adapter for `Option<Duration>` fields: ISO 8601 strings out, any accepted form in.
/// A JSON number is read as whole seconds.
pub(crate) mod serde_opt {
    use std::fmt;
    use std::time::Duration;

    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    use super::Iso8601;

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Duration>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => serializer.collect_str(&Iso8601(*d)),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Duration>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Option<Duration>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration (PT3M21S, m:ss, h:mm:ss or whole seconds)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                super::parse(v).map(Some).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Some(Duration::from_secs(v)))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(V)
            }
        }
        deserializer.deserialize_option(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let s = Duration::from_secs;
        for (input, expected) in [
            ("PT3M21S", s(201)),
            ("PT1H2M3S", s(3723)),
            ("PT1H", s(3600)),
            ("PT0S", s(0)),
            ("P1DT2H", s(93_600)),
            ("P1D", s(86_400)),
            ("PT1M30.5S", Duration::from_millis(90_500)),
            ("3:21", s(201)),
            ("75:02", s(4502)),
            ("1:02:03", s(3723)),
            ("201", s(201)),
            (" 201 ", s(201)),
        ] {
            assert_eq!(parse(input).unwrap(), expected, "{input}");
        }
    }

    #[test]
    fn messages_are_pinned() {
        let cases = [
            (
                "3m21s",
                "invalid duration \"3m21s\": expected ISO 8601 (PT3M21S), m:ss, h:mm:ss or whole seconds",
            ),
            (
                "PT3S21M",
                "invalid duration \"PT3S21M\": expected an ISO 8601 duration like PT3M21S (days, hours, minutes, seconds)",
            ),
            (
                "PT",
                "invalid duration \"PT\": expected an ISO 8601 duration like PT3M21S (days, hours, minutes, seconds)",
            ),
            (
                "P1Y",
                "invalid duration \"P1Y\": expected an ISO 8601 duration like PT3M21S (days, hours, minutes, seconds)",
            ),
            (
                "3:61",
                "invalid duration \"3:61\": seconds must be below 60",
            ),
            (
                "1:75:00",
                "invalid duration \"1:75:00\": minutes must be below 60",
            ),
            (
                "1:5:00",
                "invalid duration \"1:5:00\": expected m:ss or h:mm:ss with two-digit minutes and seconds",
            ),
            (
                "1:02:03:04",
                "invalid duration \"1:02:03:04\": expected m:ss or h:mm:ss with two-digit minutes and seconds",
            ),
            (
                "3:2",
                "invalid duration \"3:2\": expected m:ss or h:mm:ss with two-digit minutes and seconds",
            ),
            (
                "99999999999999999999",
                "invalid duration \"99999999999999999999\": too large",
            ),
            (
                "",
                "invalid duration \"\": empty input: expected ISO 8601 (PT3M21S), m:ss, h:mm:ss or whole seconds",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(parse(input).unwrap_err().to_string(), message, "{input}");
        }
    }

    #[test]
    fn iso_round_trip() {
        for d in [
            Duration::ZERO,
            Duration::from_secs(59),
            Duration::from_secs(60),
            Duration::from_secs(3600),
            Duration::from_secs(3601),
            Duration::new(5, 1),
            Duration::new(86_400 * 3, 500_000_000),
        ] {
            assert_eq!(parse(&Iso8601(d).to_string()).unwrap(), d);
        }
        assert_eq!(Iso8601(Duration::from_secs(3600)).to_string(), "PT1H0M0S");
        assert_eq!(Iso8601(Duration::new(5, 1)).to_string(), "PT5.000000001S");
        assert_eq!(Iso8601(Duration::new(5, 50)).to_string(), "PT5.00000005S");
        assert_eq!(
            Iso8601(Duration::new(5, 120_000_000)).to_string(),
            "PT5.12S"
        );
    }
}
