//! The laws, by property: JSON round trip, CSV round trip (JSON ↔ CSV), dates and durations
//! print and parse back, `assign` never changes an existing code and fills every missing one,
//! `validate` and the readers never panic.

use std::collections::HashSet;
use std::time::Duration;

use isrc::Isrc;
use proptest::prelude::*;
use release_model::{
    Catalog, Contributor, PartialDate, Release, ReleaseType, Role, Track, ValidationOptions, Work,
    csv, json,
};
use upc::Upc;

fn isrc_code() -> impl Strategy<Value = Isrc> {
    ("[A-Z]{2}[A-Z0-9]{3}", 0u8..100, 0u32..100_000).prop_map(|(prefix, year, designation)| {
        Isrc::new(prefix.parse().unwrap(), year, designation).unwrap()
    })
}

fn grid_code() -> impl Strategy<Value = grid::Grid> {
    prop::sample::select(vec!["A1-2425G-ABC1234002-M", "A12425GABC1234002M"])
        .prop_map(|text| text.parse().unwrap())
}

fn upc_code() -> impl Strategy<Value = Upc> {
    prop_oneof![
        "[0-9]{7}".prop_map(|b| Upc::from_body(&b).unwrap()),
        "[0-9]{11}".prop_map(|b| Upc::from_body(&b).unwrap()),
        "[0-9]{12}".prop_map(|b| Upc::from_body(&b).unwrap()),
        "[0-9]{13}".prop_map(|b| Upc::from_body(&b).unwrap()),
    ]
}

fn date() -> impl Strategy<Value = PartialDate> {
    (0u16..=9999, prop::option::of(1u8..=12), 1u8..=31).prop_map(|(y, m, d)| {
        PartialDate::new(y, m, m.map(|_| d))
            .or_else(|_| PartialDate::new(y, m, None))
            .unwrap()
    })
}

fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (0u64..100_000).prop_map(Duration::from_secs),
        (0u64..100_000, 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
    ]
}

/// Text as people type it, commas, quotes, newlines and non-ASCII included.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,\"'é℗©\n-]{0,12}"
}

/// Optional text that a CSV cell can tell from absence (absent or non-blank, trimmed).
fn optional() -> impl Strategy<Value = Option<String>> {
    prop::option::of("[a-zA-Z0-9é][a-zA-Z0-9 ,\"é-]{0,10}[a-zA-Z0-9é]")
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        prop::sample::select(Role::NAMED.to_vec()),
        "[A-Za-z][A-Za-z/-]{0,8}".prop_map(|text| text.parse().unwrap()),
    ]
}

/// A credit: any name that is not empty (the CSV syntax's own characters and edge spaces
/// included), roles, identifiers.
fn contributor() -> impl Strategy<Value = Contributor> {
    (
        "[a-zA-Z ;,()\\[\\]\\\\é\n-]{0,6}[a-zA-Z;()é ]",
        prop::collection::vec(role(), 0..3),
        prop::option::of(0u64..1_000_000_000_000),
        prop::option::of(0u32..1_000_000_000),
    )
        .prop_map(|(name, roles, isni, ipi)| {
            let mut c = Contributor::new(name, roles);
            c.isni = isni.and_then(isni::Isni::from_number);
            c.ipi = ipi.and_then(ipi::NameNumber::from_body);
            c
        })
}

/// Lists of credits, often of one name in several roles (the per-role columns' case).
fn contributors() -> impl Strategy<Value = Vec<Contributor>> {
    prop_oneof![
        prop::collection::vec(contributor(), 0..4),
        prop::collection::vec(prop::sample::select(vec!["Jane Roe", "One Yen"]), 0..3)
            .prop_flat_map(|names| {
                let n = names.len();
                (
                    Just(names),
                    prop::collection::vec(prop::sample::select(Role::NAMED.to_vec()), n..=n),
                )
            })
            .prop_map(|(names, roles)| {
                names
                    .into_iter()
                    .zip(roles)
                    .map(|(name, role)| Contributor::new(name, [role]))
                    .collect()
            }),
    ]
}

fn work() -> impl Strategy<Value = Option<Work>> {
    prop::option::of(
        (
            prop::option::of(0u32..1_000_000_000),
            optional(),
            prop::collection::vec(contributor(), 0..3),
        )
            .prop_map(|(iswc, title, writers)| {
                let mut work = Work::new();
                if let Some(iswc) = iswc.and_then(iswc::Iswc::from_work_number) {
                    work = work.with_iswc(iswc);
                }
                if let Some(title) = title {
                    work = work.with_title(title);
                }
                for writer in writers {
                    work = work.with_writer(writer);
                }
                work
            })
            // An empty work is no work (JSON leaves it out, CSV cannot tell it apart).
            .prop_filter("an empty work", |w| !w.is_empty()),
    )
}

fn track() -> impl Strategy<Value = Track> {
    (
        (0u32..4, 0u32..30, prop::option::of(isrc_code())),
        (text(), optional(), optional()),
        (prop::option::of(duration()), any::<bool>(), optional()),
        (contributors(), work()),
    )
        .prop_map(
            |(
                (disc, number, isrc),
                (title, version, artist),
                (duration, explicit, file),
                (contributors, work),
            )| {
                let mut t = Track::new(disc, number, title);
                t.isrc = isrc;
                t.version = version;
                t.artist = artist;
                t.duration = duration;
                t.explicit = explicit;
                t.file = file;
                t.contributors = contributors;
                t.work = work;
                t
            },
        )
}

fn release_type() -> impl Strategy<Value = Option<ReleaseType>> {
    prop::option::of(prop::sample::select(ReleaseType::ALL.to_vec()))
}

fn release() -> impl Strategy<Value = Release> {
    (
        (prop::option::of(upc_code()), text(), optional(), text()),
        (optional(), optional(), release_type()),
        (prop::option::of(date()), prop::option::of(date())),
        (optional(), optional(), optional(), any::<bool>()),
        prop::collection::vec(track(), 0..8),
        (optional(), contributors(), prop::option::of(grid_code())),
    )
        .prop_map(
            |(
                (upc, title, version, artist),
                (label, catalog_number, release_type),
                (release_date, original_release_date),
                (genre, p_line, c_line, explicit),
                tracks,
                (cover, contributors, grid),
            )| {
                let mut r = Release::new(title, artist);
                r.upc = upc;
                r.version = version;
                r.label = label;
                r.catalog_number = catalog_number;
                r.release_type = release_type;
                r.release_date = release_date;
                r.original_release_date = original_release_date;
                r.genre = genre;
                r.p_line = p_line;
                r.c_line = c_line;
                r.explicit = explicit;
                r.tracks = tracks;
                r.cover = cover;
                r.contributors = contributors;
                r.grid = grid;
                r
            },
        )
}

/// Releases a CSV file can tell apart: distinct UPCs, and drafts with distinct title+artist
/// whose text survives the trimming of cells.
fn csv_catalog() -> impl Strategy<Value = Vec<Release>> {
    prop::collection::vec(release(), 0..5).prop_map(|releases| {
        let mut seen_upc = HashSet::new();
        let mut seen_key = HashSet::new();
        releases
            .into_iter()
            .enumerate()
            .filter_map(|(i, mut r)| {
                r.title = format!("T{i} {}", r.title.trim()).trim().to_owned();
                r.artist = r.artist.trim().to_owned();
                for t in &mut r.tracks {
                    t.title = t.title.trim().to_owned();
                }
                let fresh = match r.upc {
                    Some(u) => seen_upc.insert(u),
                    None => seen_key.insert((r.title.clone(), r.artist.clone())),
                };
                fresh.then_some(r)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_round_trip_is_lossless(releases in prop::collection::vec(release(), 0..4)) {
        let text = json::to_string(&releases);
        prop_assert_eq!(&json::from_str(&text).into_result().unwrap(), &releases);
        let mut compact = Vec::new();
        json::to_writer(&mut compact, &releases).unwrap();
        prop_assert_eq!(&json::from_slice(&compact).into_result().unwrap(), &releases);
        for r in &releases {
            prop_assert_eq!(&Release::from_json(&r.to_json()).unwrap(), r);
        }
    }

    #[test]
    fn csv_round_trip_is_lossless(releases in csv_catalog()) {
        let text = csv::to_string(&releases).unwrap();
        let back = csv::from_str(&text);
        prop_assert!(back.errors.is_empty(), "{:?}", back.errors);
        prop_assert_eq!(&back.releases, &releases);
        // JSON → CSV → JSON gives the same JSON.
        prop_assert_eq!(json::to_string(&back.releases), json::to_string(&releases));
    }

    #[test]
    fn dates_and_durations_print_and_parse_back(d in date(), t in duration()) {
        prop_assert_eq!(d.to_string().parse::<PartialDate>().unwrap(), d);
        let iso = release_model::duration::Iso8601(t).to_string();
        prop_assert_eq!(release_model::duration::parse(&iso).unwrap(), t);
        let whole = Duration::from_secs(t.as_secs());
        let clock = release_model::duration::Clock(whole).to_string();
        prop_assert_eq!(release_model::duration::parse(&clock).unwrap(), whole);
    }

    #[test]
    fn assign_never_changes_an_existing_code(mut r in release(), start in 1u32..1000) {
        let before = r.clone();
        let mut source = release_model::Allocators::new(
            isrc::Allocator::new("QZAQQ".parse().unwrap(), 26)
                .unwrap()
                .with_range(start..=99_999)
                .unwrap(),
        )
        .with_upc(upc::Allocator::new("0614141".parse().unwrap()).unwrap());
        match r.assign(&mut source) {
            Ok(assigned) => {
                prop_assert_eq!(r.tracks.len(), before.tracks.len());
                for (old, new) in before.tracks.iter().zip(&r.tracks) {
                    if old.isrc.is_some() {
                        prop_assert_eq!(old.isrc, new.isrc);
                    }
                    prop_assert!(new.isrc.is_some());
                    let mut unchanged = new.clone();
                    unchanged.isrc = old.isrc;
                    prop_assert_eq!(&unchanged, old);
                }
                if before.upc.is_some() {
                    prop_assert_eq!(before.upc, r.upc);
                    prop_assert_eq!(assigned.upc, None);
                } else {
                    prop_assert!(r.upc.is_some());
                }
                let missing = before.tracks.iter().filter(|t| t.isrc.is_none()).count();
                prop_assert_eq!(assigned.isrcs.len(), missing);
                let mut order: Vec<(u32, u32)> =
                    assigned.isrcs.iter().map(|a| (a.disc, a.number)).collect();
                let sorted = { let mut s = order.clone(); s.sort(); s };
                prop_assert_eq!(&order, &sorted);
                order.dedup();
                prop_assert_eq!(order.len(), missing);
                // Nothing is missing now: a second run assigns nothing.
                prop_assert!(r.assign(&mut source).unwrap().is_empty());
            }
            Err(release_model::Error::AssignRefused { findings }) => {
                prop_assert!(!findings.is_empty());
                prop_assert_eq!(&r, &before);
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    #[test]
    fn validate_never_panics_and_counts_agree(
        releases in prop::collection::vec(release(), 0..6),
        draft in any::<bool>(),
    ) {
        let catalog = Catalog::new(releases);
        let options = if draft { ValidationOptions::draft() } else { ValidationOptions::default() };
        let report = catalog.validate_with(&options);
        prop_assert_eq!(report.error_count() + report.warning_count(), report.findings().len());
        for finding in report.findings() {
            prop_assert!(finding.location.release < catalog.releases.len());
            prop_assert!(!finding.message.is_empty());
        }
        let _ = report.to_string();
        let _ = report.to_json();
        if draft {
            prop_assert!(report.by_rule("track.missing_isrc").all(|f| f.severity == release_model::Severity::Warning));
        }
    }

    #[test]
    fn readers_never_panic(input in "\\PC{0,200}") {
        let _ = json::from_str(&input);
        let _ = csv::from_str(&input);
        let _ = csv::from_str(&format!("release_title,release_artist,track,track_title\n{input}"));
    }
}
