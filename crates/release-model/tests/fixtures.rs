//! The committed fixtures behave as documented: each broken release yields exactly its rule,
//! the Leerecs catalog is clean, the synthetic catalog has no errors, the corpora agree with
//! the parsers.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use release_model::{Catalog, Release, Severity, ValidationOptions, json};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn catalog(path: &str) -> Catalog {
    Catalog::from_json(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn each_broken_release_yields_exactly_its_rule() {
    let catalog = catalog("releases/broken-catalog.json");
    let expected: Vec<serde_json::Value> =
        serde_json::from_str(&read("releases/broken-catalog.expected.json")).unwrap();
    assert_eq!(expected.len(), catalog.releases.len());
    let report = catalog.validate();
    let mut covered = BTreeSet::new();
    for entry in &expected {
        let index = entry["release"].as_u64().unwrap() as usize;
        let want: BTreeSet<&str> = entry["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        let got: BTreeSet<&str> = report.for_release(index).map(|f| f.rule.id).collect();
        assert_eq!(got, want, "release #{} {:?}", index + 1, entry["title"]);
        covered.extend(want);
    }
    // `credit.invalid_identifier` is a reader's rule: a file written from the model holds no
    // identifier that does not read. The reader tests (tests/credits.rs) cover it.
    for rule in release_model::RULES
        .iter()
        .filter(|r| r.id != "credit.invalid_identifier")
    {
        assert!(
            covered.contains(rule.id),
            "no broken release for {}",
            rule.id
        );
    }
}

/// The credited album's made-up identifiers are chosen where they name no one, and validation
/// says so: its only findings are the lints of its two ISNIs and its GRid.
#[test]
fn the_credited_album_shows_only_its_made_up_identifiers_and_its_csv_is_its_json() {
    let album = Release::from_json(&read("releases/vesica-piscis.credited.json")).unwrap();
    let report = album.validate();
    assert_eq!(
        report
            .findings()
            .iter()
            .map(|f| f.rule.id)
            .collect::<Vec<_>>(),
        [
            "grid.documentation_example",
            "isni.unassigned_range",
            "isni.unassigned_range"
        ],
        "{report}"
    );
    assert!(
        report
            .findings()
            .iter()
            .all(|f| f.rule.severity == Severity::Warning)
    );
    assert_eq!(album.contributors[0].name, "One Yen");
    assert!(album.grid.is_some());
    assert!(
        album
            .tracks
            .iter()
            .all(|t| t.work.as_ref().is_some_and(|w| w.iswc.is_some()))
    );
    let from_csv = release_model::csv::from_str(&read("releases/vesica-piscis.credited.csv"))
        .into_result()
        .unwrap();
    assert_eq!(from_csv, [album]);
}

#[test]
fn the_leerecs_catalog_is_clean_and_reuses_recordings() {
    let catalog = catalog("releases/catalog.json");
    assert!(catalog.validate().is_empty(), "{}", catalog.validate());
    let album = &catalog.releases[0];
    let single = &catalog.releases[1];
    assert_eq!(single.tracks[0].isrc, album.tracks[4].isrc);
    let compilation = &catalog.releases[2];
    assert_eq!(compilation.disc_count(), 2);
    assert_eq!(compilation.tracks[2].isrc, album.tracks[6].isrc);
    assert_ne!(compilation.tracks[2].duration, album.tracks[6].duration);
}

#[test]
fn vesica_piscis_has_the_seed_codes() {
    let album = Release::from_json(&read("releases/vesica-piscis.json")).unwrap();
    let codes: Vec<String> = album
        .tracks
        .iter()
        .map(|t| t.isrc.unwrap().to_string())
        .collect();
    let want: Vec<String> = (1..=13).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(codes, want);
    assert_eq!(album.upc.unwrap().to_string(), "614141000012");
    assert!(album.validate().is_empty());

    let from_csv = release_model::csv::from_str(&read("releases/vesica-piscis.csv"))
        .into_result()
        .unwrap();
    assert_eq!(from_csv, vec![album.clone()]);

    let draft = Release::from_json(&read("releases/vesica-piscis.draft.json")).unwrap();
    let strict = draft.validate();
    assert_eq!(strict.error_count(), 14, "{strict}");
    let relaxed = draft.validate_with(&ValidationOptions::draft());
    assert_eq!(relaxed.error_count(), 0, "{relaxed}");
    assert_eq!(relaxed.warning_count(), 14);
    assert!(
        relaxed
            .findings()
            .iter()
            .all(|f| f.severity == Severity::Warning)
    );
}

#[test]
fn the_synthetic_catalog_has_no_errors() {
    let catalog = catalog("releases/synthetic-1000.json");
    assert_eq!(catalog.releases.len(), 1000);
    let tracks = catalog.track_count();
    assert!((9_000..14_000).contains(&tracks), "{tracks} tracks");
    let report = catalog.validate();
    assert_eq!(report.error_count(), 0, "{report}");
    // Only the demonstration-prefix warning, once per release.
    assert_eq!(report.rules(), ["upc.demo_prefix"]);
    assert_eq!(report.warning_count(), 1000);
    assert!(
        catalog
            .releases
            .iter()
            .any(|r| r.release_type == Some(release_model::ReleaseType::Compilation))
    );
    assert_eq!(
        json::from_str(&json::to_string(&catalog.releases)).releases,
        catalog.releases
    );
}

#[test]
fn the_code_corpora_agree_with_the_parsers() {
    for line in read("codes/isrc-valid.txt").lines() {
        let code: isrc::Isrc = line.parse().unwrap();
        assert_eq!(code.to_string(), line);
    }
    for line in read("codes/isrc-lenient.tsv").lines() {
        let (spelling, canonical) = line.split_once('\t').unwrap();
        assert_eq!(
            spelling.parse::<isrc::Isrc>().unwrap().to_string(),
            canonical
        );
    }
    let mut kinds = BTreeSet::new();
    for line in read("codes/isrc-invalid.tsv").lines() {
        let (input, kind) = line.split_once('\t').unwrap();
        assert_eq!(
            input.parse::<isrc::Isrc>().unwrap_err().kind(),
            kind,
            "{input:?}"
        );
        kinds.insert(kind.to_owned());
    }
    assert!(kinds.len() >= 5, "{kinds:?}");
    for line in read("codes/upc-valid.txt").lines() {
        let code: upc::Upc = line.parse().unwrap();
        assert_eq!(code.to_string(), line);
    }
    for line in read("codes/upc-lenient.tsv").lines() {
        let (spelling, canonical) = line.split_once('\t').unwrap();
        assert_eq!(spelling.parse::<upc::Upc>().unwrap().to_string(), canonical);
    }
    let mut kinds = BTreeSet::new();
    for line in read("codes/upc-invalid.tsv").lines() {
        let (input, kind) = line.split_once('\t').unwrap();
        assert_eq!(
            input.parse::<upc::Upc>().unwrap_err().kind(),
            kind,
            "{input:?}"
        );
        kinds.insert(kind.to_owned());
    }
    assert!(kinds.contains("check_digit"), "{kinds:?}");
}
