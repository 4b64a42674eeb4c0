//! Export → import gives the release back, in every version written (ERN 4.3 and 3.8.2), for
//! generated releases, the fixtures and a synthetic catalog; and 3.8.2 → 4.3 loses nothing.

mod support;

use std::time::Duration;

use ddex::{ErnVersion, ExportOptions, Imported};
use proptest::prelude::*;
use release_model::{Contributor, PartialDate, Release, ReleaseType, Role, Track, Work};
use support::{
    GENRE, carried, deals, featured_compilation, fixture, for_rp14, header, vesica_piscis,
};

fn round_trip(release: &Release, options: &ExportOptions) -> ddex::Imported {
    let xml = ddex::export_to_string(release, &header(), options)
        .unwrap_or_else(|e| panic!("export failed: {e}"));
    ddex::import(xml.as_bytes()).unwrap_or_else(|e| panic!("import failed: {e}\n{xml}"))
}

#[test]
fn the_album_and_the_compilation_come_back() {
    for release in [vesica_piscis(), featured_compilation()] {
        let options = ExportOptions::new().deals(deals());
        let imported = round_trip(&release, &options);
        assert_eq!(imported.release, carried(&release, ErnVersion::V4_3));
        assert_eq!(imported.deals, deals());
        assert_eq!(imported.header, header());
        assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    }
}

#[test]
fn every_release_fixture_comes_back_with_the_default_genre() {
    for name in [
        "vesica-piscis.json",
        "single.json",
        "compilation.json",
        "catalog.json",
    ] {
        for release in fixture(name) {
            let imported = round_trip(&release, &ExportOptions::new().default_genre(GENRE));
            let mut expected = carried(&release, ErnVersion::V4_3);
            expected.genre = Some(GENRE.to_owned());
            assert_eq!(imported.release, expected, "{name}");
        }
    }
}

#[test]
fn a_synthetic_catalog_comes_back() {
    let catalog = release_model::synth::catalog(2026, 300);
    for release in &catalog.releases {
        assert_eq!(&round_trip(release, &ExportOptions::new()).release, release);
    }
}

#[test]
fn a_track_artist_equal_to_the_release_artist_reads_back_as_the_default() {
    let mut release = vesica_piscis();
    release.tracks[0].artist = Some(release.artist.clone());
    let imported = round_trip(&release, &ExportOptions::new());
    assert_eq!(imported.release.tracks[0].artist, None);
}

/// Text a title may hold: letters of several scripts, digits, punctuation XML escapes.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9éü夢の &<>\"'.,()-]{0,12}".prop_map(|s| format!("T{s}"))
}

fn artist() -> impl Strategy<Value = String> {
    prop_oneof![Just("One Yen".to_owned()), Just("Ka Lo".to_owned()), text()]
}

fn date() -> impl Strategy<Value = PartialDate> {
    (
        1950u16..2100,
        proptest::option::of((1u8..=12, proptest::option::of(1u8..=28))),
    )
        .prop_map(|(year, month_day)| match month_day {
            None => PartialDate::year_only(year).unwrap(),
            Some((month, day)) => PartialDate::new(year, Some(month), day).unwrap(),
        })
}

/// A credit: a name no display artist has (`C…`), one to three roles in the order ERN
/// gives them back (display roles first), an ISNI and an IPI name number or not.
fn contributor() -> impl Strategy<Value = Contributor> {
    let roles = vec![
        Role::MainArtist,
        Role::FeaturedArtist,
        Role::Composer,
        Role::Lyricist,
        Role::ComposerLyricist,
        Role::Producer,
        Role::Other("Librettist".to_owned()),
    ];
    (
        text(),
        proptest::sample::subsequence(roles, 1..=3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, roles, isni, ipi)| {
            let mut contributor = Contributor::new(format!("C{name}"), roles);
            if isni {
                contributor.isni = Some("0000000121032683".parse().unwrap());
            }
            if ipi {
                contributor.ipi = Some("00017798450".parse().unwrap());
            }
            contributor
        })
}

/// A writer of a work: a name (`W…`), writer roles (or none, or another), an ISNI and an
/// IPI name number or not.
fn writer() -> impl Strategy<Value = Contributor> {
    let roles = vec![
        Role::Composer,
        Role::Lyricist,
        Role::ComposerLyricist,
        Role::Arranger,
        Role::Other("MusicPublisher".to_owned()),
    ];
    (
        text(),
        proptest::sample::subsequence(roles, 0..=2),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, roles, isni, ipi)| {
            let mut writer = Contributor::new(format!("W{name}"), roles);
            if isni {
                writer.isni = Some("0000000121032683".parse().unwrap());
            }
            if ipi {
                writer.ipi = Some("00017798450".parse().unwrap());
            }
            writer
        })
}

prop_compose! {
    fn track()(
        title in text(),
        version in proptest::option::of(text()),
        artist in proptest::option::of(artist()),
        millis in 1u64..20_000_000,
        explicit in any::<bool>(),
        designation in 1u32..99_999,
        contributors in proptest::collection::vec(contributor(), 0..3),
        iswc in any::<bool>(),
        writers in proptest::collection::vec(writer(), 0..3),
        work_title in proptest::option::of(text()),
    ) -> Track {
        let mut track = Track::new(1, 1, title)
            .with_duration(Duration::from_millis(millis))
            .with_explicit(explicit)
            .with_isrc(format!("QZAQQ26{designation:05}").parse().unwrap());
        track.version = version;
        track.artist = artist;
        track.contributors = contributors;
        if iswc || !writers.is_empty() || work_title.is_some() {
            let mut work = Work::new();
            if iswc {
                work.iswc = Some("T0345246801".parse().unwrap());
            }
            work.title = work_title;
            work.writers = writers;
            track.work = Some(work);
        }
        track
    }
}

prop_compose! {
    fn release()(
        title in text(),
        artist in artist(),
        version in proptest::option::of(text()),
        label in text(),
        catalog_number in proptest::option::of(text()),
        genre in text(),
        p_line in proptest::option::of(text()),
        c_line in proptest::option::of(text()),
        release_type in proptest::sample::select(ReleaseType::ALL.to_vec()),
        release_date in proptest::option::of(date()),
        original_release_date in proptest::option::of(date()),
        explicit in any::<bool>(),
        upc_body in 0u64..100_000_000_000,
        discs in proptest::collection::vec(proptest::collection::vec(track(), 1..5), 1..4),
        shuffle in any::<proptest::sample::Index>(),
        cover in proptest::option::of("([a-z]{1,6}/){0,2}[a-z]{1,8}\\.(png|jpg)"),
        contributors in proptest::collection::vec(contributor(), 0..3),
        grid in any::<bool>(),
    ) -> Release {
        let mut release = Release::builder(title, artist)
            .label(label)
            .genre(genre)
            .release_type(release_type)
            .explicit(explicit)
            .upc(upc::Upc::from_body(&format!("{upc_body:011}")).unwrap())
            .build();
        release.version = version;
        release.catalog_number = catalog_number;
        release.p_line = p_line;
        release.c_line = c_line;
        release.release_date = release_date;
        release.original_release_date = original_release_date;
        release.cover = cover;
        release.contributors = contributors;
        if grid {
            release.grid = Some("A12425GABC1234002M".parse().unwrap());
        }
        for (disc, tracks) in discs.into_iter().enumerate() {
            for (number, mut track) in tracks.into_iter().enumerate() {
                track.disc = disc as u32 + 1;
                track.number = number as u32 + 1;
                if track.artist.as_deref() == Some(release.artist.as_str()) {
                    // The model's "same as the release" is `None`; import reads it so.
                    track.artist = None;
                }
                release.tracks.push(track);
            }
        }
        // The model keeps tracks in the order given: move one out of place.
        let from = shuffle.index(release.tracks.len());
        let moved = release.tracks.remove(from);
        release.tracks.insert(0, moved);
        release
    }
}

/// Release Profile 1.4 rule 1745-1 (Fatal Error): in each details block, the
/// `SequenceNumber`s of one credit element run from 1 to their count, each once.
fn sequences_run_from_one(xml: &str) -> Result<(), TestCaseError> {
    for block in xml.split("DetailsByTerritory>").skip(1).step_by(2) {
        for element in [
            "DisplayArtist",
            "ResourceContributor",
            "IndirectResourceContributor",
        ] {
            let open = format!("<{element} SequenceNumber=\"");
            let mut numbers: Vec<usize> = block
                .split(open.as_str())
                .skip(1)
                .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
                .collect();
            numbers.sort_unstable();
            let expected: Vec<usize> = (1..=numbers.len()).collect();
            prop_assert_eq!(&numbers, &expected, "{} in\n{}", element, block);
        }
        // Rule 1741-2 (Fatal Error): a user-defined value names its namespace.
        for element in block.split('<').filter(|e| e.contains("UserDefinedValue=")) {
            prop_assert!(element.contains("Namespace="), "{}", element);
        }
    }
    Ok(())
}

/// Export as `version`, import, and compare with the release.
fn comes_back(release: &Release, options: &ExportOptions) -> Result<Imported, TestCaseError> {
    let mut bytes = Vec::new();
    let report = ddex::export(release, &header(), options, &mut bytes)
        .map_err(|e| TestCaseError::fail(format!("{}: {e}", options.ern)))?;
    let xml = String::from_utf8(bytes).unwrap();
    let imported = ddex::import(xml.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("{}: {e}\n{xml}", options.ern)))?;
    prop_assert_eq!(imported.version, options.ern);
    if options.ern == ErnVersion::V3_8_2 {
        sequences_run_from_one(&xml)?;
    }
    // The export names a loss exactly when there is one.
    let noted = report
        .findings()
        .iter()
        .any(|finding| finding.rule.id.starts_with("ddex.export."));
    prop_assert_eq!(noted, carried(release, options.ern) != *release);
    prop_assert_eq!(&imported.release, &carried(release, options.ern));
    prop_assert_eq!(&imported.deals, &options.deals);
    prop_assert_eq!(&imported.header, &header());
    prop_assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    Ok(imported)
}

#[test]
fn the_fixtures_come_back_through_ern_3_8_2_and_on_to_4_3() {
    for name in [
        "vesica-piscis.json",
        "vesica-piscis.credited.json",
        "single.json",
        "compilation.json",
        "catalog.json",
    ] {
        for release in fixture(name) {
            let mut release = for_rp14(&release);
            release.genre.get_or_insert_with(|| GENRE.to_owned());
            for options in [ExportOptions::new(), ExportOptions::new().deals(deals())] {
                let options = options.ern(ErnVersion::V3_8_2);
                let imported = comes_back(&release, &options).unwrap();
                let options = options.ern(ErnVersion::V4_3);
                comes_back(&imported.release, &options).unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_version_written_reads_back_as_the_release(
        release in release(),
        with_deals in any::<bool>(),
    ) {
        let deals = if with_deals { deals() } else { Vec::new() };
        let release = for_rp14(&release);
        for version in ErnVersion::WRITE {
            let options = ExportOptions::new().ern(version).deals(deals.clone());
            comes_back(&release, &options)?;
        }
    }

    #[test]
    fn ern_3_8_2_then_4_3_gives_the_same_release(release in release()) {
        let release = for_rp14(&release);
        let old = comes_back(&release, &ExportOptions::new().ern(ErnVersion::V3_8_2))?;
        let new = comes_back(&old.release, &ExportOptions::new().ern(ErnVersion::V4_3))?;
        // What both carry: 4.3 leaves out the writers 3.8.2 brought.
        let both = carried(&carried(&release, ErnVersion::V3_8_2), ErnVersion::V4_3);
        prop_assert_eq!(new.release, both);
    }

    #[test]
    fn export_then_import_returns_the_release(release in release(), with_deals in any::<bool>()) {
        let options = if with_deals { ExportOptions::new().deals(deals()) } else { ExportOptions::new() };
        // Generated releases are valid (findings at most warnings): every one is written.
        let xml = ddex::export_to_string(&release, &header(), &options)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let imported = ddex::import(xml.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(imported.release, carried(&release, ErnVersion::V4_3));
        prop_assert_eq!(imported.deals, options.deals);
        prop_assert_eq!(imported.header, header());
    }
}
