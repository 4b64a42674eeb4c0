//! Validation: every rule's finding, pinned (rule, severity, location, message); reports for
//! people and as JSON; draft mode; catalog rules.

use std::time::Duration;

use release_model::{
    Catalog, Contributor, Finding, Location, Release, ReleaseType, Role, Severity, Track,
    ValidationOptions,
};

fn upc(text: &str) -> upc::Upc {
    text.parse().unwrap()
}

fn isrc(text: &str) -> isrc::Isrc {
    text.parse().unwrap()
}

/// A track with its writer credited, as a clean release has.
fn song(number: u32, title: String, code: isrc::Isrc, secs: u64) -> Track {
    let mut track = Track::new(1, number, title)
        .with_isrc(code)
        .with_duration(Duration::from_secs(secs));
    track.contributors = vec![Contributor::new("Writer", [Role::ComposerLyricist])];
    track
}

/// A clean album: 8 tracks of 3:05..3:40, codes, type, date, a writer credited on each.
fn album(n: u32) -> Release {
    let mut release = Release::builder(format!("Album {n}"), "Artist")
        .upc(
            upc::Allocator::new("0614141".parse().unwrap())
                .unwrap()
                .code_at(u64::from(n))
                .unwrap(),
        )
        .release_type(ReleaseType::Album)
        .release_date("2026-01-15".parse().unwrap())
        .build();
    for k in 1..=8 {
        release.tracks.push(song(
            k,
            format!("Song {n}.{k}"),
            isrc(&format!("QZFIX26{:05}", n * 100 + k)),
            180 + u64::from(k) * 5,
        ));
    }
    release
}

/// The findings of one release as `(rule, severity, "disc/track", message)`.
fn findings(release: &Release) -> Vec<(String, Severity, String, String)> {
    summarize(release.validate().findings())
}

fn summarize(findings: &[Finding]) -> Vec<(String, Severity, String, String)> {
    findings
        .iter()
        .map(|f| {
            let place = match (f.location.disc, f.location.track) {
                (Some(d), Some(t)) => format!("{d}/{t}"),
                (Some(d), None) => format!("{d}"),
                _ => String::new(),
            };
            (f.rule.id.to_owned(), f.severity, place, f.message.clone())
        })
        .collect()
}

fn one(release: &Release, rule: &str, severity: Severity, place: &str, message: &str) {
    assert_eq!(
        findings(release),
        vec![(
            rule.to_owned(),
            severity,
            place.to_owned(),
            message.to_owned()
        )]
    );
}

use Severity::{Error, Warning};

#[test]
fn a_clean_album_has_no_findings() {
    assert!(album(1).validate().is_empty());
    assert_eq!(album(1).validate().to_string(), "0 errors, 0 warnings");
}

#[test]
fn release_rules() {
    let mut r = album(1);
    r.upc = None;
    one(
        &r,
        "release.missing_upc",
        Error,
        "",
        "the release has no upc: give one, or run assign with a upc allocator",
    );
    let mut r = album(1);
    r.tracks.clear();
    one(&r, "release.empty", Error, "", "the release has no tracks");
    let mut r = album(1);
    r.title = " ".into();
    one(
        &r,
        "release.empty_title",
        Error,
        "",
        "the release has no title",
    );
    let mut r = album(1);
    r.artist = String::new();
    one(
        &r,
        "release.empty_artist",
        Error,
        "",
        "the release has no artist",
    );
    let mut r = album(1);
    r.release_type = None;
    one(
        &r,
        "release.missing_release_type",
        Warning,
        "",
        "no release type: give album, single, ep or compilation",
    );
    let mut r = album(1);
    r.release_date = None;
    one(
        &r,
        "release.missing_release_date",
        Warning,
        "",
        "no release date: give release_date (YYYY-MM-DD)",
    );
    r.original_release_date = Some("2001".parse().unwrap());
    assert!(
        r.validate().is_empty(),
        "an original release date is enough"
    );
    let mut r = album(1);
    r.original_release_date = Some("2026-02".parse().unwrap());
    one(
        &r,
        "release.original_date_after_release",
        Warning,
        "",
        "the original release date 2026-02 is after the release date 2026-01-15",
    );
    r.original_release_date = Some("2026".parse().unwrap());
    assert!(r.validate().is_empty(), "2026 is not after 2026-01-15");
}

#[test]
fn release_type_rules() {
    let mut r = album(1);
    r.release_type = Some(ReleaseType::Ep);
    one(
        &r,
        "release.type_mismatch",
        Warning,
        "",
        "the release is an ep but 8 tracks lasting 27:00 make an album by the dsp rules",
    );
    r.tracks.truncate(3);
    one(
        &r,
        "release.type_mismatch",
        Warning,
        "",
        "the release is an ep but 3 tracks lasting 9:30 make a single by the dsp rules",
    );
    r.tracks[0].duration = Some(Duration::from_secs(600));
    assert!(r.validate().is_empty(), "a 10-minute track makes it an ep");
    r.release_type = Some(ReleaseType::Compilation);
    assert!(
        r.validate().is_empty(),
        "compilations are not judged by size"
    );

    let mut r = album(1);
    r.tracks.truncate(1);
    r.release_type = Some(ReleaseType::Single);
    one(
        &r,
        "release.single_title_mismatch",
        Warning,
        "",
        "a one-track release should have its track's title: \"Album 1\" vs \"Song 1.1\"",
    );
    r.tracks[0].title = "album  1".into();
    assert!(r.validate().is_empty(), "case and spacing do not matter");
    assert_eq!(r.suggested_type(), Some(ReleaseType::Single));
    r.tracks[0].duration = None;
    assert_eq!(r.suggested_type(), None);
}

#[test]
fn too_many_tracks() {
    let mut r = album(1);
    for k in 9..=501 {
        r.tracks.push(song(
            k,
            format!("Song {k}"),
            isrc(&format!("QZFIX25{k:05}")),
            200,
        ));
    }
    one(
        &r,
        "release.too_many_tracks",
        Warning,
        "",
        "501 tracks: apple accepts at most 500 per album",
    );
}

#[test]
fn numbering_rules() {
    let mut r = album(1);
    r.tracks[6].number = 9;
    r.tracks[7].number = 12;
    one(
        &r,
        "track.number_gap",
        Error,
        "1",
        "disc 1 has no tracks 7-8, 10-11: track numbers run 1..12",
    );
    let mut r = album(1);
    r.tracks[7].number = 7;
    one(
        &r,
        "track.duplicate_number",
        Error,
        "1/7",
        "two tracks are number 7 on disc 1 (this one is \"Song 1.8\")",
    );
    let mut r = album(1);
    for t in &mut r.tracks[4..] {
        t.disc = 4;
        t.number -= 4;
    }
    one(
        &r,
        "release.disc_gap",
        Error,
        "",
        "discs 2-3 missing: discs run 1..4",
    );
    let mut r = album(1);
    r.tracks[7].disc = 0;
    one(
        &r,
        "track.invalid_position",
        Error,
        "0/8",
        "disc 0: discs and track numbers count from 1",
    );
    // Order does not matter, only the numbers.
    let mut r = album(1);
    r.tracks.reverse();
    assert!(r.validate().is_empty());
}

#[test]
fn track_rules() {
    let mut r = album(1);
    r.tracks[2].isrc = None;
    one(
        &r,
        "track.missing_isrc",
        Error,
        "1/3",
        "track 3 \"Song 1.3\" has no isrc: give one, or run assign",
    );
    let mut r = album(1);
    r.tracks[1].title = String::new();
    one(
        &r,
        "track.empty_title",
        Error,
        "1/2",
        "track 2 has no title",
    );
    let mut r = album(1);
    r.tracks[1].artist = Some(" ".into());
    one(
        &r,
        "track.empty_artist",
        Error,
        "1/2",
        "the track artist is empty: leave it out to use the release artist",
    );
    let mut r = album(1);
    r.tracks[0].duration = None;
    one(
        &r,
        "track.missing_duration",
        Error,
        "1/1",
        "track 1 has no duration",
    );
    r.tracks[0].duration = Some(Duration::ZERO);
    one(
        &r,
        "track.zero_duration",
        Error,
        "1/1",
        "track 1 has a duration of zero",
    );
    r.tracks[0].duration = Some(Duration::from_millis(500));
    one(
        &r,
        "track.implausible_duration",
        Warning,
        "1/1",
        "track 1 lasts 0.5 s, less than the minimum 1 s",
    );
    r.tracks[0].duration = Some(Duration::from_secs(201_000));
    one(
        &r,
        "track.implausible_duration",
        Warning,
        "1/1",
        "track 1 lasts 55:50:00, more than the maximum 12:00:00 (milliseconds read as seconds?)",
    );
    let mut r = album(1);
    r.tracks[1].isrc = r.tracks[0].isrc;
    one(
        &r,
        "track.duplicate_isrc",
        Warning,
        "1/2",
        "isrc QZFIX2600101 is also on disc 1 track 1 of this release: fine for two editions of one recording, otherwise a mistake",
    );
    let mut r = album(1);
    r.tracks.truncate(7);
    r.tracks[0].isrc = Some(isrc("QZFIX2700001"));
    one(
        &r,
        "track.isrc_after_release",
        Warning,
        "1/1",
        "isrc QZFIX2700001 was assigned in 2027, after the release date's year 2026",
    );
    r.tracks[0].isrc = Some(isrc("QZFIX9900001"));
    assert!(r.validate().is_empty(), "99 reads as 1999 beside 2026");
}

#[test]
fn lints_of_both_code_types() {
    let mut r = album(1);
    r.tracks[0].isrc = Some(isrc("RDRAY2200003"));
    one(
        &r,
        "isrc.unknown_prefix",
        Warning,
        "1/1",
        "isrc RDRAY2200003: unknown prefix: RD is not in the IFPI prefix table of 2025-11-04",
    );
    let mut r = album(1);
    r.upc = Some(upc("9520000000073"));
    one(
        &r,
        "upc.demo_prefix",
        Warning,
        "",
        "upc 9520000000073: GS1 demonstration prefix 952: for examples, never on a product",
    );
    // The reference year reaches the isrc lints.
    let mut r = album(1);
    r.release_date = None;
    r.original_release_date = Some("2027".parse().unwrap());
    r.tracks[0].isrc = Some(isrc("QZFIX2700001"));
    let mut options = ValidationOptions::default();
    options.reference_year = Some(2026);
    let report = r.validate_with(&options);
    assert_eq!(report.rules(), ["isrc.future_year"]);
}

#[test]
fn draft_mode_downgrades_missing_codes_only() {
    let mut r = album(1);
    r.upc = None;
    for t in &mut r.tracks {
        t.isrc = None;
    }
    r.tracks[0].title = String::new();
    let strict = r.validate();
    assert_eq!(strict.error_count(), 10);
    let draft = r.validate_with(&ValidationOptions::draft());
    assert_eq!(draft.error_count(), 1, "the empty title stays an error");
    assert_eq!(draft.warning_count(), 9);
    assert!(
        draft
            .by_rule("track.missing_isrc")
            .all(|f| f.severity == Warning)
    );
}

#[test]
fn duplicate_upc_is_compared_as_gtin14() {
    let a = album(1);
    let mut b = album(2);
    b.upc = Some(a.upc.unwrap().to_ean13().unwrap());
    let mut c = album(3);
    c.upc = a.upc;
    let catalog = Catalog::new(vec![a, b, c]);
    let report = catalog.validate();
    assert_eq!(
        summarize(report.findings()),
        vec![
            (
                "catalog.duplicate_upc".to_owned(),
                Error,
                String::new(),
                "upc 0614141000012 is already used by release #1 \"Album 1\" as 614141000012 (the same gtin-14): a upc names one product".to_owned()
            ),
            (
                "catalog.duplicate_upc".to_owned(),
                Error,
                String::new(),
                "upc 614141000012 is already used by release #1 \"Album 1\": a upc names one product".to_owned()
            ),
        ]
    );
    assert_eq!(report.findings()[0].location.release, 1);
    assert_eq!(
        report.findings()[0].related,
        Some(Location::release(0, catalog.releases[0].upc))
    );
}

#[test]
fn isrc_reuse_across_releases() {
    let a = album(1);
    let mut b = album(2);
    // The same recording: same title, artist; a 10 s difference is within the tolerance.
    b.tracks[0] = a.tracks[0].clone().with_artist("artist");
    b.tracks[0].duration = a.tracks[0].duration.map(|d| d + Duration::from_secs(10));
    assert!(
        Catalog::new(vec![a.clone(), b.clone()])
            .validate()
            .is_empty()
    );

    b.tracks[0].duration = a.tracks[0].duration.map(|d| d + Duration::from_secs(11));
    let report = Catalog::new(vec![a.clone(), b.clone()]).validate();
    assert_eq!(
        summarize(report.findings()),
        vec![(
            "catalog.isrc_conflict".to_owned(),
            Error,
            "1/1".to_owned(),
            "isrc QZFIX2600101 is \"Song 1.1\" by artist (3:16) here but \"Song 1.1\" by Artist (3:05) on release #1 (upc 614141000012), disc 1 track 1: one isrc names one recording".to_owned()
        )]
    );
    assert_eq!(
        report.findings()[0].related,
        Some(Location::release(0, a.upc).track(1, 1))
    );

    b.tracks[0].duration = a.tracks[0].duration;
    b.tracks[0].version = Some("Live".into());
    let report = Catalog::new(vec![a.clone(), b.clone()]).validate();
    assert_eq!(report.rules(), ["catalog.isrc_conflict"]);
    assert!(
        report.findings()[0]
            .message
            .contains("\"Song 1.1\" (Live) by artist")
    );

    // A third release matching the first is compared with the first, not the conflicting one.
    let mut c = album(3);
    c.tracks[0] = a.tracks[0].clone();
    let report = Catalog::new(vec![a, b, c]).validate();
    assert_eq!(report.by_rule("catalog.isrc_conflict").count(), 1);
}

#[test]
fn the_report_for_people_and_machines() {
    let mut a = album(1);
    a.title = String::new();
    a.tracks[1].isrc = None;
    let mut b = album(2);
    b.upc = None;
    let report = Catalog::new(vec![a, b]).validate();
    assert_eq!(
        report.to_string(),
        "release #1 (upc 614141000012):\n\
         \x20 error   release.empty_title: the release has no title\n\
         \x20 error   track.missing_isrc (disc 1 track 2): track 2 \"Song 1.2\" has no isrc: give one, or run assign\n\
         release #2:\n\
         \x20 error   release.missing_upc: the release has no upc: give one, or run assign with a upc allocator\n\
         3 errors, 0 warnings"
    );
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "errors": 3,
            "warnings": 0,
            "findings": [
                {"rule": "release.empty_title", "severity": "error",
                 "location": {"release": 0, "upc": "614141000012"},
                 "message": "the release has no title"},
                {"rule": "track.missing_isrc", "severity": "error",
                 "location": {"release": 0, "upc": "614141000012", "disc": 1, "track": 2},
                 "message": "track 2 \"Song 1.2\" has no isrc: give one, or run assign"},
                {"rule": "release.missing_upc", "severity": "error",
                 "location": {"release": 1},
                 "message": "the release has no upc: give one, or run assign with a upc allocator"}
            ]
        })
    );
    let finding = &report.findings()[1];
    assert_eq!(
        finding.to_string(),
        "release #1 (upc 614141000012), disc 1 track 2: error [track.missing_isrc] track 2 \"Song 1.2\" has no isrc: give one, or run assign"
    );
}

#[test]
fn every_rule_is_in_the_readme_table() {
    let readme = include_str!("../README.md");
    for rule in release_model::RULES {
        let row = format!("| `{}` | {} |", rule.id, rule.severity);
        assert!(
            readme.contains(&row),
            "README lacks the row for {}",
            rule.id
        );
    }
}

#[test]
fn extreme_values_from_a_file_are_findings_not_panics() {
    // Durations read as whole seconds can be as large as u64 allows; their sum must not
    // overflow.
    let mut r = album(1);
    r.tracks[0].duration = Some(Duration::from_secs(u64::MAX));
    r.tracks[1].duration = Some(Duration::from_secs(u64::MAX));
    assert_eq!(r.total_duration(), Some(Duration::MAX));
    assert_eq!(r.suggested_type(), Some(ReleaseType::Album));
    assert!(r.validate().by_rule("track.implausible_duration").count() == 2);
    r.release_type = Some(ReleaseType::Single);
    assert_eq!(r.validate().by_rule("release.type_mismatch").count(), 1);

    // The highest numbers are gaps to report as ranges, not lists to spell out.
    let mut r = album(1);
    r.tracks[7].number = u32::MAX;
    one(
        &r,
        "track.number_gap",
        Error,
        "1",
        &format!(
            "disc 1 has no tracks 8-{}: track numbers run 1..{}",
            u32::MAX - 1,
            u32::MAX
        ),
    );
    let mut r = album(1);
    r.tracks[7].disc = u32::MAX;
    r.tracks[7].number = 1;
    one(
        &r,
        "release.disc_gap",
        Error,
        "",
        &format!(
            "discs 2-{} missing: discs run 1..{}",
            u32::MAX - 1,
            u32::MAX
        ),
    );
}
