//! The type's shape and everyday API: sizes, traits, parts, formatting, construction.

use std::collections::{BTreeSet, HashSet};
use std::fmt::{Debug, Display};
use std::hash::Hash;
use std::str::FromStr;

use isrc::{Allocator, Error, Isrc, IsrcRange, Lints, Prefix, Warning};

fn isrc(text: &str) -> Isrc {
    text.parse().unwrap()
}

#[test]
fn sizes() {
    assert_eq!(size_of::<Isrc>(), 8);
    assert_eq!(size_of::<Option<Isrc>>(), 8);
    assert_eq!(size_of::<Prefix>(), 4);
}

#[test]
fn trait_assertions() {
    fn value<T: Copy + Eq + Ord + Hash + Debug + Display + FromStr + Send + Sync + 'static>() {}
    fn shareable<T: Send + Sync + Debug + 'static>() {}
    fn error<T: std::error::Error + Clone + Send + Sync + 'static>() {}
    fn code<T: ident_core::Code>() {}
    value::<Isrc>();
    value::<Prefix>();
    code::<Isrc>();
    error::<Error>();
    shareable::<Allocator>();
    shareable::<IsrcRange>();
    shareable::<Lints>();
    shareable::<Warning>();
    assert_eq!(<Isrc as ident_core::Code>::NAME, "ISRC");
    let e = <Isrc as ident_core::Code>::parse_strict(b"qzaqq2600001").unwrap_err();
    assert!(ident_core::CodeError::as_parse_error(&e).is_some());
    assert!(ident_core::CodeError::as_parse_error(&Error::InvalidCount).is_none());
}

#[test]
fn formats() {
    let x = isrc("qz-aqq-26-00001");
    assert_eq!(x.to_string(), "QZAQQ2600001");
    assert_eq!(format!("{x:>14}"), "  QZAQQ2600001");
    assert_eq!(format!("{x:?}"), r#"Isrc("QZAQQ2600001")"#);
    assert_eq!(x.hyphenated().to_string(), "QZ-AQQ-26-00001");
    assert_eq!(x.labelled().to_string(), "ISRC QZ-AQQ-26-00001");
    assert_eq!(x.hyphenated().isrc(), x);
    assert_eq!(x.labelled().isrc(), x);
    assert_eq!(&x.to_bytes(), b"QZAQQ2600001");
    let prefix = x.prefix();
    assert_eq!(prefix.to_string(), "QZAQQ");
    assert_eq!(format!("{prefix:?}"), r#"Prefix("QZAQQ")"#);
    assert_eq!(&prefix.to_bytes(), b"QZAQQ");
    assert_eq!(format!("{:?}", x.agency_code()), r#""QZ""#);
    assert_eq!(x.registrant_code().as_bytes(), b"AQQ");
}

#[test]
fn parts() {
    let x = isrc("GX26J2400002");
    assert_eq!(x.agency_code(), "GX");
    assert_eq!(x.registrant_code(), "26J");
    assert_eq!(x.year_of_reference(), 24);
    assert_eq!(x.designation(), 2);
    assert_eq!(x.prefix(), "GX26J".parse().unwrap());
}

#[test]
fn construction() {
    let prefix: Prefix = "QZAQQ".parse().unwrap();
    assert_eq!(Isrc::new(prefix, 26, 1).unwrap(), isrc("QZAQQ2600001"));
    assert_eq!(Isrc::new(prefix, 99, 99_999).unwrap(), isrc("QZAQQ9999999"));
    assert_eq!(Isrc::new(prefix, 0, 0).unwrap(), isrc("QZAQQ0000000"));
    assert_eq!(
        Isrc::new(prefix, 100, 1),
        Err(Error::InvalidYear { found: 100 })
    );
    assert_eq!(
        Isrc::new(prefix, 26, 100_000),
        Err(Error::InvalidDesignation { found: 100_000 })
    );
    const SEED: Result<Isrc, Error> = Isrc::new(
        match Prefix::from_canonical(b"QZAQQ") {
            Some(p) => p,
            None => panic!(),
        },
        26,
        1,
    );
    assert_eq!(SEED.unwrap().designation(), 1);
}

#[test]
fn full_year_reads_against_the_callers_year() {
    let x = isrc("QZAQQ2600001");
    assert_eq!(x.full_year(2026), 2026);
    assert_eq!(x.full_year(2025), 2026, "one year ahead is allowed");
    assert_eq!(x.full_year(2024), 1926);
    assert_eq!(x.full_year(2100), 2026);
    assert_eq!(x.full_year(2125), 2126);
    assert_eq!(isrc("USGF18714809").full_year(2024), 1987);
    assert_eq!(isrc("USSM19400325").full_year(2024), 1994);
    assert_eq!(isrc("QZAQQ0000001").full_year(2099), 2100);
    assert_eq!(isrc("QZAQQ9900001").full_year(2099), 2099);
    assert_eq!(isrc("QZAQQ5000001").full_year(10), 50, "no year before 0");
    assert_eq!(isrc("QZAQQ3500001").full_year(u16::MAX), 65535);
    assert_eq!(
        isrc("QZAQQ3600001").full_year(u16::MAX),
        65436,
        "65536 does not fit: a century earlier, not a wrap to 0"
    );
    assert_eq!(isrc("QZAQQ3600001").full_year(65534), 65436);
    assert!(isrc("QZAQQ3600001").lint(Some(u16::MAX)).is_empty());
}

#[test]
fn full_year_nearest_reads_against_an_anchor_in_either_direction() {
    let year =
        |digits: u8, anchor: u16| isrc(&format!("QZAQQ{digits:02}00001")).full_year_nearest(anchor);
    assert_eq!(year(26, 2025), 2026);
    assert_eq!(year(99, 2001), 1999);
    assert_eq!(year(5, 1999), 2005);
    assert_eq!(year(50, 2000), 1950, "a tie goes to the earlier");
    assert_eq!(year(51, 2000), 1951);
    assert_eq!(year(49, 2000), 2049);
    assert_eq!(year(90, 30), 90, "no year before 0");
    assert_eq!(year(40, 65_500), 65_440, "65540 does not fit: never a wrap");
    assert_eq!(year(99, 65_535), 65_499);
}

proptest::proptest! {
    #[test]
    fn full_year_nearest_is_within_half_a_century(digits in 0u8..100, anchor in 50u16..65_485) {
        let full = isrc(&format!("QZAQQ{digits:02}00001")).full_year_nearest(anchor);
        proptest::prop_assert_eq!(full % 100, u16::from(digits));
        proptest::prop_assert!(full.abs_diff(anchor) <= 50);
    }
}

#[test]
fn order_is_canonical_text_order() {
    let texts = [
        "ZZ0000000000",
        "AA0000000000",
        "AA0000000001",
        "AAZZZ9999999",
        "AA9999999999",
        "QZAQQ2600001",
        "QM24S2402528",
        "AB0000000000",
    ];
    let by_value: Vec<String> = texts
        .iter()
        .map(|t| isrc(t))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|i| i.to_string())
        .collect();
    let mut by_text: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
    by_text.sort();
    by_text.dedup();
    assert_eq!(by_value, by_text);
    let set: HashSet<Isrc> = ["QZAQQ2600001", "qzaqq2600001", "QZ-AQQ-26-00001"]
        .iter()
        .map(|t| isrc(t))
        .collect();
    assert_eq!(set.len(), 1);
}
