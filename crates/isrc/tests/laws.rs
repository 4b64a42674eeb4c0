//! The laws every code type obeys (ident-core's shared harness), run against `Isrc`.

use isrc::Isrc;
use proptest::prelude::*;

/// Any valid ISRC: every agency letter, registrant character, year and designation, with
/// the extremes of each element weighted in.
fn valid() -> BoxedStrategy<Isrc> {
    let agency = proptest::sample::select((b'A'..=b'Z').collect::<Vec<u8>>());
    let alnum = proptest::sample::select((b'0'..=b'9').chain(b'A'..=b'Z').collect::<Vec<u8>>());
    let year = prop_oneof![Just(0u8), Just(99u8), 0..=99u8];
    let designation = prop_oneof![Just(0u32), Just(99_999u32), 0..=99_999u32];
    (
        [agency.clone(), agency],
        [alnum.clone(), alnum.clone(), alnum],
        year,
        designation,
    )
        .prop_map(|(a, r, y, d)| {
            let text = format!(
                "{}{}{y:02}{d:05}",
                String::from_utf8(a.to_vec()).unwrap(),
                String::from_utf8(r.to_vec()).unwrap()
            );
            Isrc::parse_compact(text.as_bytes()).unwrap()
        })
        .boxed()
}

/// Every spelling the parser documents as accepted.
fn spellings(isrc: &Isrc) -> Vec<String> {
    let canonical = isrc.to_string();
    let hyphenated = isrc.hyphenated().to_string();
    let spaced = hyphenated.replace('-', " ");
    let alternating: String = canonical
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 2 == 0 {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .collect();
    vec![
        hyphenated.clone(),
        hyphenated.to_ascii_lowercase(),
        isrc.labelled().to_string(),
        format!("isrc {canonical}"),
        format!("Isrc   {spaced}"),
        format!("ISRC:{canonical}"),
        format!("ISRC: {hyphenated}"),
        spaced,
        alternating,
    ]
}

// The shared laws include the serde round trip: the crate's dev-dependency on itself turns the
// `serde` feature on for every test build.
ident_core::code_laws! {
    type: isrc::Isrc,
    valid: valid(),
    spellings: spellings,
}

#[test]
fn the_documented_spellings_parse() {
    let x: Isrc = "QZAQQ2600001".parse().unwrap();
    for spelling in spellings(&x) {
        assert_eq!(spelling.parse::<Isrc>().unwrap(), x, "{spelling:?}");
    }
}

proptest! {
    /// The parts put back together make the same code.
    #[test]
    fn parts_rebuild_the_code(x in valid()) {
        let rebuilt = Isrc::new(x.prefix(), x.year_of_reference(), x.designation()).unwrap();
        prop_assert_eq!(rebuilt, x);
        let text = x.to_string();
        prop_assert_eq!(x.agency_code(), &text[..2]);
        prop_assert_eq!(x.registrant_code(), &text[2..5]);
        prop_assert_eq!(x.prefix().to_string(), &text[..5]);
        prop_assert_eq!(format!("{:02}", x.year_of_reference()), &text[5..7]);
        prop_assert_eq!(format!("{:05}", x.designation()), &text[7..]);
        let mut buf = [0u8; 12];
        prop_assert_eq!(x.encode(&mut buf), text.as_str());
    }

    /// Prefixes order like their text, as codes do.
    #[test]
    fn prefix_order_is_text_order(a in valid(), b in valid()) {
        let (pa, pb) = (a.prefix(), b.prefix());
        prop_assert_eq!(pa.cmp(&pb), pa.to_string().cmp(&pb.to_string()));
        prop_assert_eq!(pa.to_string().parse::<isrc::Prefix>().unwrap(), pa);
    }

    /// The full year ends in the two digits and lies in the window the docs promise, up to the
    /// largest reference year whose year ahead still fits.
    #[test]
    fn full_year_window(x in valid(), reference in 100u16..u16::MAX) {
        let year = u32::from(x.full_year(reference));
        let latest = u32::from(reference) + 1;
        prop_assert_eq!(year % 100, u32::from(x.year_of_reference()));
        prop_assert!(year <= latest);
        prop_assert!(year + 100 > latest);
    }
}
