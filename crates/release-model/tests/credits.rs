//! Credits: JSON and CSV read and write them, a credit that does not read is reported with its
//! place and the rest still read, and the credit rules find what they describe.

use std::time::Duration;

use release_model::{Contributor, Field, Release, Role, Track, Work, csv, json};

fn isni(text: &str) -> isni::Isni {
    text.parse().unwrap()
}

fn ipi(text: &str) -> ipi::NameNumber {
    text.parse().unwrap()
}

fn credited() -> Release {
    let mut release = Release::builder("Vesica Piscis", "One Yen")
        .track("Track 1", Duration::from_secs(201))
        .track("Track 2", Duration::from_secs(245))
        .build();
    release.grid = Some("A1-2425G-ABC1234002-M".parse().unwrap());
    release.contributors = vec![Contributor::new("One Yen", [Role::MainArtist])];
    let jane = Contributor::new("Jane Roe", [Role::Composer, Role::Lyricist])
        .with_isni(isni("0000 0001 2103 2683"))
        .with_ipi(ipi("00017798450"));
    release.tracks[0].contributors = vec![
        Contributor::new("One Yen", [Role::MainArtist]),
        jane.clone(),
    ];
    release.tracks[0].work = Some(
        Work::new()
            .with_iswc("T-034.524.680-1".parse().unwrap())
            .with_title("Track 1")
            .with_writer(jane),
    );
    // A role no column has: the list goes into track_credits.
    release.tracks[1].contributors = vec![Contributor::new(
        "Rue Morgue",
        [Role::Other("Librettist".to_owned()), Role::Composer],
    )];
    release
}

#[test]
fn csv_writes_per_role_columns_and_reads_them_back() {
    let release = credited();
    let text = csv::to_string(std::slice::from_ref(&release)).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.ends_with(",grid,release_credits,release_main_artists,release_featured_artists,release_producers,track_credits,track_main_artists,track_featured_artists,track_composers,track_lyricists,track_composer_lyricists,track_arrangers,track_producers,track_remixers,iswc,work_title,work_writers"), "{header}");
    let row = text.lines().nth(1).unwrap();
    assert!(
        row.ends_with(",A12425GABC1234002M,,One Yen,,,,One Yen,,Jane Roe [ISNI 0000 0001 2103 2683; IPI 00017798450],Jane Roe [ISNI 0000 0001 2103 2683; IPI 00017798450],,,,,T0345246801,Track 1,\"Jane Roe (Composer, Lyricist) [ISNI 0000 0001 2103 2683; IPI 00017798450]\""),
        "{row}"
    );
    let row = text.lines().nth(2).unwrap();
    assert!(
        row.contains(",\"Rue Morgue (Librettist, Composer)\","),
        "{row}"
    );
    let back = csv::from_str(&text).into_result().unwrap();
    assert_eq!(back, [release]);
}

#[test]
fn a_file_without_credits_is_written_as_before() {
    let release = Release::builder("A", "X")
        .track("A", Duration::from_secs(200))
        .build();
    let text = csv::to_string(std::slice::from_ref(&release)).unwrap();
    assert!(text.lines().next().unwrap().ends_with(",cover,file"));
    assert_eq!(
        json::release_to_string(&release),
        "{\n  \"title\": \"A\",\n  \"artist\": \"X\",\n  \"tracks\": [\n    {\n      \"disc\": 1,\n      \"number\": 1,\n      \"title\": \"A\",\n      \"duration\": \"PT3M20S\",\n      \"explicit\": false\n    }\n  ]\n}\n"
    );
}

#[test]
fn a_spreadsheet_fills_credits_by_hand() {
    let import = csv::from_str(
        "Release Title,Release Artist,Track,Track Title,Composers,Track_Lyricists,ISWC,Featuring\n\
         A,One Yen,1,A,\"Jane Roe [isni 0000000121032683]; Rue Morgue\",Jane Roe,T-034.524.680-1,Ana Sol\n",
    );
    let release = import.into_result().unwrap().remove(0);
    let track = &release.tracks[0];
    assert_eq!(
        track.contributors,
        [
            Contributor::new("Ana Sol", [Role::FeaturedArtist]),
            Contributor::new("Jane Roe", [Role::Composer, Role::Lyricist])
                .with_isni(isni("0000000121032683")),
            Contributor::new("Rue Morgue", [Role::Composer]),
        ]
    );
    assert_eq!(
        track.work.as_ref().unwrap().iswc.unwrap().to_string(),
        "T0345246801"
    );
    assert!(release.validate().by_rule("track.missing_writer").count() == 0);
}

#[test]
fn a_bad_credit_cell_is_reported_and_the_rest_read() {
    let import = csv::from_str(
        "release_title,release_artist,track,track_title,track_composers,iswc,grid\n\
         A,X,1,A,Jane Roe [ISNI 0000 0001 2103 2684],T-034.524.680-1,A1-2425G-ABC1234002-M\n\
         A,X,2,B,Rue Morgue,T-034.524.680-2,\n\
         A,X,3,C,Ana (Composer,,\n",
    );
    let messages: Vec<String> = import.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "line 2, column 5 (track_composers): invalid isni \"0000 0001 2103 2684\": check character mismatch: expected 3, found 4",
            "line 3, column 6 (iswc): invalid iswc \"T-034.524.680-2\": check digit mismatch: expected 1, found 2",
            "line 4, column 5 (track_composers): invalid credits at character 14: expected ',' or ')' after a role, found the end of the cell",
        ]
    );
    let release = &import.releases[0];
    assert_eq!(release.tracks.len(), 3);
    assert!(release.grid.is_some());
    assert!(release.tracks[0].contributors.is_empty());
    assert!(release.tracks[0].provenance.is_unreadable(Field::Credits));
    assert_eq!(release.tracks[1].contributors.len(), 1);
    assert!(release.tracks[1].provenance.is_unreadable(Field::Work));
    let report = release.validate();
    let invalid: Vec<_> = report
        .by_rule("credit.invalid_identifier")
        .map(|f| (f.location.track, f.location.line))
        .collect();
    assert_eq!(
        invalid,
        [(Some(1), Some(2)), (Some(2), Some(3)), (Some(3), Some(4))]
    );
    // What did not read is not reported as missing too.
    assert_eq!(report.by_rule("track.missing_writer").count(), 0);
}

#[test]
fn a_bad_identifier_in_json_loses_only_itself() {
    let import = json::from_str(
        r#"{"title": "A", "artist": "X", "grid": "A1-2425G-ABC1234002-X",
  "tracks": [{"number": 1, "title": "A",
    "contributors": [{"name": "Jane Roe", "roles": ["Composer"], "isni": "0000000121032684", "ipi": "00017798450"}],
    "work": {"iswc": "T0345246801", "writers": [{"name": "Jane Roe", "ipi": "00017798451"}]}}]}"#,
    );
    let messages: Vec<String> = import.errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].starts_with("line 1, column 61 (grid): invalid grid"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("line 3, column 91 (tracks[0].contributors[0].isni): invalid isni"),
        "{messages:?}"
    );
    assert!(
        messages[2].starts_with("line 4, column 89 (tracks[0].work.writers[0].ipi): invalid ipi"),
        "{messages:?}"
    );
    let release = &import.releases[0];
    assert_eq!(release.grid, None);
    assert!(release.provenance.is_unreadable(Field::Grid));
    let track = &release.tracks[0];
    assert_eq!(track.contributors[0].isni, None);
    assert_eq!(track.contributors[0].ipi, Some(ipi("00017798450")));
    assert!(track.provenance.is_unreadable(Field::Credits));
    assert!(track.provenance.is_unreadable(Field::Work));
    assert_eq!(track.work.as_ref().unwrap().writers[0].ipi, None);
}

fn rules(release: &Release) -> Vec<&'static str> {
    release
        .validate()
        .findings()
        .iter()
        .map(|f| f.rule.id)
        .collect()
}

#[test]
fn the_credit_rules() {
    let clean = credited();
    let base = rules(&clean);
    assert!(
        !base.iter().any(|r| r.starts_with("credit.")
            || r.starts_with("catalog.")
            || *r == "track.missing_writer"),
        "{base:?}"
    );

    let mut r = clean.clone();
    r.tracks[1].contributors.clear();
    let report = r.validate();
    let missing: Vec<_> = report.by_rule("track.missing_writer").collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].location.track, Some(2));

    // A writer of the work is enough.
    r.tracks[1].work = Some(Work::new().with_writer(Contributor::new("Rue Morgue", [])));
    assert_eq!(r.validate().by_rule("track.missing_writer").count(), 0);

    let mut r = clean.clone();
    r.tracks[0].artist = Some("Ana Sol".to_owned());
    let report = r.validate();
    let mismatch: Vec<_> = report.by_rule("credit.main_artist_mismatch").collect();
    assert_eq!(mismatch.len(), 1);
    assert_eq!(
        mismatch[0].message,
        "\"One Yen\" is credited as main artist but the display artist is \"Ana Sol\""
    );
    // A display artist that names the main artist among others agrees with it.
    r.tracks[0].artist = Some("One Yen feat. Ana Sol".to_owned());
    assert_eq!(
        r.validate().by_rule("credit.main_artist_mismatch").count(),
        0
    );

    let mut r = clean.clone();
    r.tracks[1]
        .contributors
        .push(Contributor::new(" ", [Role::Arranger]));
    assert_eq!(r.validate().by_rule("credit.empty_name").count(), 1);
}

#[test]
fn identifiers_across_the_catalog() {
    let first = credited();
    let mut second = credited();
    second.title = "Other".to_owned();
    // The same person under another spelling of the name: one ISNI, two names.
    second.tracks[0].contributors[1].name = "J. Roe".to_owned();
    // The same ISWC under another work title.
    second.tracks[0].work.as_mut().unwrap().title = Some("Another Song".to_owned());
    let catalog = release_model::Catalog::new(vec![first, second]);
    let report = catalog.validate();
    let conflicts: Vec<&str> = report
        .by_rule("catalog.party_id_conflict")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        conflicts,
        [
            "isni 0000000121032683 is given to \"J. Roe\" here but to \"Jane Roe\" on release #1, disc 1 track 1: one isni names one party",
            "ipi 00017798450 is given to \"J. Roe\" here but to \"Jane Roe\" on release #1, disc 1 track 1: one ipi names one party",
        ]
    );
    let iswc: Vec<&str> = report
        .by_rule("catalog.iswc_conflict")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        iswc,
        [
            "iswc T-034.524.680-1 is the work \"Another Song\" here but \"Track 1\" on release #1, disc 1 track 1: one iswc names one work"
        ]
    );
}

#[test]
fn an_empty_work_is_no_work() {
    let mut track = Track::new(1, 1, "A");
    track.work = Some(Work::new());
    let mut release = Release::new("A", "X");
    release.tracks.push(track);
    let text = json::release_to_string(&release);
    assert!(!text.contains("work"));
    let back = Release::from_json(&text).unwrap();
    assert_eq!(back.tracks[0].work, None);
    let back = Release::from_json(
        r#"{"title": "A", "artist": "X", "tracks": [{"number": 1, "work": {}}]}"#,
    )
    .unwrap();
    assert_eq!(back.tracks[0].work, None);
}

/// The identifier crates' lints on a release's credits and GRid: each a warning under the
/// crate's own rule id, an ISNI's said once where the catalog first gives it.
#[test]
fn identifier_lints() {
    let lints = |release: &Release| -> Vec<(&'static str, Option<u32>, String)> {
        release
            .validate()
            .findings()
            .iter()
            .filter(|f| f.rule.id.starts_with("isni.") || f.rule.id.starts_with("grid."))
            .map(|f| {
                assert_eq!(f.rule.severity, release_model::Severity::Warning);
                (f.rule.id, f.location.track, f.message.clone())
            })
            .collect()
    };
    // An ISNI of ISNI's own range and a GRid that is no example: nothing.
    let mut release = credited();
    release.grid = Some("A1-0302B-0003989564-F".parse().unwrap());
    assert_eq!(lints(&release), []);

    // The GRid printed in documentation.
    release.grid = Some("A12425GABC1234002M".parse().unwrap());
    assert_eq!(
        lints(&release),
        [(
            "grid.documentation_example",
            None,
            "grid A1-2425G-ABC1234002-M: a GRid printed as an example in documentation, so it names no release".to_owned()
        )]
    );
    release.grid = None;

    // An ORCID iD given as a writer's ISNI, on the track and on its work: said once.
    let orcid = isni("0000-0002-1825-0097");
    release.tracks[0].contributors[1].isni = Some(orcid);
    release.tracks[0].work.as_mut().unwrap().writers[0].isni = Some(orcid);
    assert_eq!(
        lints(&release),
        [(
            "isni.orcid",
            Some(1),
            "isni 0000 0002 1825 0097 of \"Jane Roe\": an ORCID iD: the number lies in a block ISNI reserved for ORCID (a researcher's id, not a music party's isni)".to_owned()
        )]
    );

    // A number outside every assigned block, on two tracks: said on the first.
    let unassigned = isni::Isni::from_number(999_999_999_000_001).unwrap();
    release.tracks[0].contributors[1].isni = Some(unassigned);
    release.tracks[0].work.as_mut().unwrap().writers[0].isni = Some(unassigned);
    release.tracks[1].contributors[0].isni = Some(unassigned);
    let found = lints(&release);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "isni.unassigned_range");
    assert_eq!(found[0].1, Some(1));
    assert!(
        found[0].2.starts_with("isni 9999 9999 9000 001"),
        "{found:?}"
    );
    assert!(
        found[0].2.contains(" of \"Jane Roe\": outside the blocks"),
        "{found:?}"
    );
}
