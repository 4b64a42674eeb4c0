//! Lints and the prefix table.

use isrc::prefixes::{self, PrefixStatus};
use isrc::{Isrc, Prefix, Warning};

fn codes(text: &str, reference_year: Option<u16>) -> Vec<&'static str> {
    let isrc: Isrc = text.parse().unwrap();
    isrc.lint(reference_year).iter().map(|w| w.rule()).collect()
}

fn messages(text: &str, reference_year: Option<u16>) -> Vec<String> {
    let isrc: Isrc = text.parse().unwrap();
    isrc.lint(reference_year)
        .into_iter()
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn table_lookups() {
    assert_eq!(prefixes::TABLE_DATE, "2025-11-04");
    assert_eq!(prefixes::allocations().len(), 223);
    let qz = prefixes::lookup("QZ").allocation().unwrap();
    assert_eq!(
        (
            qz.code(),
            qz.agency(),
            qz.territory(),
            qz.is_retired(),
            qz.is_iso3166(),
            qz.note()
        ),
        ("QZ", "RIAA", "US", false, false, "")
    );
    assert!(matches!(prefixes::lookup("qz"), PrefixStatus::Allocated(_)));
    assert!(
        matches!(prefixes::lookup(b"GB"), PrefixStatus::Allocated(a) if a.agency() == "PPL UK")
    );
    let tc = prefixes::lookup("TC").allocation().unwrap();
    assert_eq!(tc.agency(), "TuneCore");
    let vv = prefixes::lookup("VV").allocation().unwrap();
    assert_eq!(vv.note(), "2025-11");
    let pr = prefixes::lookup("PR").allocation().unwrap();
    assert_eq!(pr.note(), "Puerto Rico, now managed under US");
    for retired in ["YU", "CS", "PR", "IM"] {
        assert!(
            matches!(prefixes::lookup(retired), PrefixStatus::Retired(_)),
            "{retired}"
        );
    }
    for unknown in ["RD", "AA", "AQ", "", "Q", "QZA", "1Z", "Q-", "\u{e9}"] {
        assert_eq!(
            prefixes::lookup(unknown),
            PrefixStatus::Unknown,
            "{unknown:?}"
        );
    }
    assert_eq!(
        prefixes::lookup("US").allocation().map(|a| a.code()),
        Some("US")
    );
    assert_eq!(PrefixStatus::Unknown.allocation(), None);
    // Sorted, unique, and every row reachable through the index.
    let all = prefixes::allocations();
    assert!(all.windows(2).all(|w| w[0].code() < w[1].code()));
    for allocation in all {
        assert_eq!(
            prefixes::lookup(allocation.code()).allocation(),
            Some(allocation)
        );
    }
}

#[test]
fn documentation_prefixes() {
    for text in ["US-S1Z", "JM-K40", "AA-6Q7", "NZ-AA0"] {
        let prefix: Prefix = text.parse().unwrap();
        assert_eq!(prefix.status(), PrefixStatus::Documentation, "{text}");
        assert_eq!(prefixes::lookup_prefix(prefix), PrefixStatus::Documentation);
    }
    assert!(matches!(
        "USS10".parse::<Prefix>().unwrap().status(),
        PrefixStatus::Allocated(_)
    ));
}

#[test]
fn warnings_by_kind() {
    assert_eq!(codes("QZAQQ2600001", Some(2026)), Vec::<&str>::new());
    assert_eq!(codes("RDRAY2200003", Some(2024)), ["isrc.unknown_prefix"]);
    assert_eq!(codes("YUA010300001", None), ["isrc.retired_prefix"]);
    assert_eq!(
        codes("USS1Z0900001", Some(2024)),
        ["isrc.documentation_registrant"]
    );
    assert_eq!(
        codes("AA6Q72000047", Some(2024)),
        ["isrc.documentation_registrant"]
    );
    assert_eq!(codes("US0002400001", Some(2024)), ["isrc.blank_registrant"]);
    assert_eq!(codes("QZAQQ2700001", Some(2026)), ["isrc.future_year"]);
    assert_eq!(codes("QZAQQ2600001", Some(2025)), ["isrc.future_year"]);
    assert_eq!(codes("DEEC33501508", Some(2024)), ["isrc.implausible_year"]);
    assert_eq!(codes("GBLPF6787759", Some(2024)), ["isrc.implausible_year"]);
    assert_eq!(
        codes("USGF18714809", Some(2024)),
        Vec::<&str>::new(),
        "1987 is plausible"
    );
    assert_eq!(
        codes("GBLPF6787759", None),
        Vec::<&str>::new(),
        "no year without a reference"
    );
    assert_eq!(
        codes("RD0003500001", Some(2024)),
        [
            "isrc.unknown_prefix",
            "isrc.blank_registrant",
            "isrc.implausible_year"
        ]
    );
}

#[test]
fn pins_every_warning_message() {
    assert_eq!(
        messages("RDRAY2200003", None),
        ["unknown prefix: RD is not in the IFPI prefix table of 2025-11-04"]
    );
    assert_eq!(
        messages("YUA010300001", None),
        ["retired prefix: YU (Yugoslavia(pre-2003)) is no longer used for new codes"]
    );
    assert_eq!(
        messages("JMK401400212", None),
        ["documentation registrant: JM-K40 is an example prefix that is never assigned"]
    );
    assert_eq!(
        messages("US0002400001", None),
        ["blank registrant: registrant code 000 often stands for blank or dummy data"]
    );
    assert_eq!(
        messages("INS7A2500864", Some(2024)),
        ["future year: year of reference 25 reads as 2025, after 2024"]
    );
    assert_eq!(
        messages("CH7819500531", Some(2024)),
        Vec::<String>::new(),
        "95 reads as 1995"
    );
    assert_eq!(
        messages("DEEC33501508", Some(2024)),
        [
            "implausible year: year of reference 35 reads as 1935, before ISO 3901 (1986), or as 2035, after 2024"
        ]
    );
}

#[test]
fn lints_hold_their_warnings_without_allocating() {
    let isrc: Isrc = "RD0003500001".parse().unwrap();
    let lints = isrc.lint(Some(2024));
    assert_eq!(lints.len(), 3);
    assert!(!lints.is_empty());
    assert!(lints.contains("isrc.blank_registrant"));
    assert!(!lints.contains("isrc.future_year"));
    let mut iter = lints.iter();
    assert_eq!(iter.len(), 3);
    assert_eq!(
        iter.next(),
        Some(Warning::UnknownPrefix {
            agency_code: isrc.agency_code()
        })
    );
    assert_eq!(iter.next(), Some(Warning::BlankRegistrant));
    assert_eq!(
        iter.next(),
        Some(Warning::ImplausibleYear {
            year_of_reference: 35,
            year: 1935,
            reference_year: 2024
        })
    );
    assert_eq!(iter.next(), None);
    assert_eq!(iter.len(), 0);
    assert_eq!((&lints).into_iter().count(), 3);
}
