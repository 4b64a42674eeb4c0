//! Allocation: sequential issue, ranges, resuming, and exhaustion without wrapping.

use isrc::{Allocator, Error, Isrc, IsrcRange, Prefix};

fn prefix() -> Prefix {
    "QZAQQ".parse().unwrap()
}

fn isrc(text: &str) -> Isrc {
    text.parse().unwrap()
}

#[test]
fn the_seed_album() {
    let mut allocator = Allocator::new(prefix(), 26).unwrap();
    assert_eq!(allocator.range(), 1..=99_999);
    assert_eq!(allocator.next_designation(), Some(1));
    let album = allocator.issue_many(13).unwrap();
    assert_eq!(album.first(), isrc("QZAQQ2600001"));
    assert_eq!(album.last(), isrc("QZAQQ2600013"));
    assert_eq!(album.len(), 13);
    assert!(!album.is_empty());
    assert_eq!(album.to_string(), "QZAQQ2600001..=QZAQQ2600013");
    assert_eq!(
        format!("{album:?}"),
        "IsrcRange(QZAQQ2600001..=QZAQQ2600013)"
    );
    let codes: Vec<String> = album.into_iter().map(|c| c.to_string()).collect();
    let expected: Vec<String> = (1..=13).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(codes, expected);
    assert_eq!(allocator.remaining(), 99_999 - 13);
    assert_eq!(allocator.next_designation(), Some(14));
    assert_eq!(allocator.prefix(), prefix());
    assert_eq!(allocator.year_of_reference(), 26);
}

#[test]
fn ranges_iterate_both_ways_and_know_their_members() {
    let range = IsrcRange::new(isrc("QZAQQ2600005"), isrc("QZAQQ2600009")).unwrap();
    let mut iter = range.iter();
    assert_eq!(iter.len(), 5);
    assert_eq!(iter.next(), Some(isrc("QZAQQ2600005")));
    assert_eq!(iter.next_back(), Some(isrc("QZAQQ2600009")));
    assert_eq!(iter.len(), 3);
    assert_eq!(iter.nth(1), Some(isrc("QZAQQ2600007")));
    assert_eq!(iter.next(), Some(isrc("QZAQQ2600008")));
    assert_eq!(iter.next(), None);
    assert_eq!(iter.next_back(), None);
    assert_eq!(range.iter().nth(10), None);
    assert_eq!((&range).into_iter().next_back(), Some(range.last()));
    assert!(range.contains(isrc("QZAQQ2600005")));
    assert!(range.contains(isrc("QZAQQ2600009")));
    assert!(!range.contains(isrc("QZAQQ2600004")));
    assert!(!range.contains(isrc("QZAQQ2600010")));
    assert!(!range.contains(isrc("QZAQQ2700007")));
    assert!(!range.contains(isrc("QZAQR2600007")));
    let single = IsrcRange::new(isrc("QZAQQ2600005"), isrc("QZAQQ2600005")).unwrap();
    assert_eq!(single.len(), 1);
    assert_eq!(single.first(), single.last());
}

#[test]
fn ranges_refuse_mixed_or_backward_ends() {
    assert_eq!(
        IsrcRange::new(isrc("QZAQQ2600005"), isrc("QZAQQ2700009")),
        Err(Error::ForeignCode {
            code: isrc("QZAQQ2700009"),
            prefix: prefix(),
            year_of_reference: 26
        })
    );
    assert_eq!(
        IsrcRange::new(isrc("QZAQQ2600009"), isrc("QZAQQ2600005")),
        Err(Error::InvalidRange { start: 9, end: 5 })
    );
}

#[test]
fn issues_nothing_when_fewer_remain_than_asked() {
    let mut allocator = Allocator::new(prefix(), 26)
        .unwrap()
        .with_range(99_990..=99_999)
        .unwrap();
    assert_eq!(allocator.remaining(), 10);
    allocator.issue_many(7).unwrap();
    let err = allocator.issue_many(4).unwrap_err();
    assert_eq!(
        err,
        Error::Exhausted {
            prefix: prefix(),
            year_of_reference: 26,
            end: 99_999,
            requested: 4,
            remaining: 3
        }
    );
    assert_eq!(
        err.to_string(),
        "designation range exhausted: requested 4 under QZAQQ for year of reference 26, 3 left up to 99999"
    );
    assert_eq!(allocator.remaining(), 3, "a refused request issues nothing");
    let last = allocator.issue_many(3).unwrap();
    assert_eq!(last.last(), isrc("QZAQQ2699999"));
    assert_eq!(allocator.next_designation(), None);
    assert_eq!(allocator.remaining(), 0);
    for _ in 0..3 {
        assert!(matches!(
            allocator.issue(),
            Err(Error::Exhausted {
                requested: 1,
                remaining: 0,
                ..
            })
        ));
    }
    assert_eq!(allocator.issue_many(0), Err(Error::InvalidCount));
}

#[test]
fn the_full_year_runs_out_without_wrapping() {
    let mut allocator = Allocator::new(prefix(), 26).unwrap();
    let all = allocator.issue_many(99_999).unwrap();
    assert_eq!(all.first(), isrc("QZAQQ2600001"));
    assert_eq!(all.last(), isrc("QZAQQ2699999"));
    assert!(allocator.issue().is_err());
    assert!(all.iter().all(|c| c.year_of_reference() == 26));
    let mut previous = None;
    for code in all {
        assert!(previous < Some(code));
        previous = Some(code);
    }
}

#[test]
fn resumes_after_the_last_code_and_never_moves_back() {
    let allocator = Allocator::new(prefix(), 26).unwrap();
    let mut resumed = allocator
        .clone()
        .resume_after(isrc("QZAQQ2600013"))
        .unwrap();
    assert_eq!(resumed.issue().unwrap(), isrc("QZAQQ2600014"));
    let mut same = resumed.clone().resume_after(isrc("QZAQQ2600002")).unwrap();
    assert_eq!(same.issue().unwrap(), isrc("QZAQQ2600015"));
    // A narrower range set later still starts after what was issued.
    let mut narrowed = same.clone().with_range(1..=100).unwrap();
    assert_eq!(narrowed.issue().unwrap(), isrc("QZAQQ2600016"));
    let mut used_up = same.with_range(1..=15).unwrap();
    assert_eq!(used_up.remaining(), 0);
    assert!(used_up.issue().is_err());
    // Resuming at the very end leaves nothing.
    let mut end = allocator.resume_after(isrc("QZAQQ2699999")).unwrap();
    assert_eq!(end.next_designation(), None);
    assert!(end.issue().is_err());
}

#[test]
fn resuming_refuses_other_prefixes_years_and_ranges() {
    let allocator = Allocator::new(prefix(), 26).unwrap();
    assert_eq!(
        allocator.clone().resume_after(isrc("QZAQQ2500007")),
        Err(Error::ForeignCode {
            code: isrc("QZAQQ2500007"),
            prefix: prefix(),
            year_of_reference: 26
        })
    );
    assert!(matches!(
        allocator.clone().resume_after(isrc("QZAQR2600007")),
        Err(Error::ForeignCode { .. })
    ));
    assert_eq!(
        allocator.clone().resume_after(isrc("QZAQQ2600000")),
        Err(Error::OutsideRange {
            code: isrc("QZAQQ2600000"),
            start: 1,
            end: 99_999
        })
    );
    let narrow = allocator.with_range(100..=199).unwrap();
    assert!(matches!(
        narrow.clone().resume_after(isrc("QZAQQ2600200")),
        Err(Error::OutsideRange { .. })
    ));
    let mut narrow = narrow.resume_after(isrc("QZAQQ2600150")).unwrap();
    assert_eq!(narrow.issue().unwrap(), isrc("QZAQQ2600151"));
}

#[test]
fn ranges_and_years_are_checked() {
    assert_eq!(
        Allocator::new(prefix(), 100),
        Err(Error::InvalidYear { found: 100 })
    );
    let allocator = Allocator::new(prefix(), 0).unwrap();
    assert_eq!(
        allocator
            .clone()
            .with_range(std::ops::RangeInclusive::new(5, 3)),
        Err(Error::InvalidRange { start: 5, end: 3 })
    );
    assert_eq!(
        allocator.clone().with_range(0..=100_000),
        Err(Error::InvalidRange {
            start: 0,
            end: 100_000
        })
    );
    let mut zero = allocator.with_range(0..=0).unwrap();
    assert_eq!(zero.issue().unwrap(), isrc("QZAQQ0000000"));
    assert!(zero.issue().is_err());
}
