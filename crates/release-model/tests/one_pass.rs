//! A file's problems in one pass: a field that does not read loses only itself, every other
//! rule still runs on its release, and findings name the line they come from.

use release_model::{Error, Field, ValidationOptions, csv, json};

/// The rules found, but `track.missing_writer`: these files credit no one, and what they test
/// is what an unreadable field hides (the writer rule has its own tests).
fn rules(report: &release_model::Report) -> Vec<&'static str> {
    report
        .findings()
        .iter()
        .map(|f| f.rule.id)
        .filter(|&id| id != "track.missing_writer")
        .collect()
}

/// An invalid UPC used to hide the whole release: its duplicate number and its gap went
/// unreported until the UPC was fixed.
#[test]
fn an_invalid_upc_hides_nothing_else_of_its_release() {
    let import = csv::from_str(
        "upc,release_title,release_artist,release_type,release_date,track,track_title,isrc,duration\n\
         0036000291453,A,X,single,2026-03-01,1,One,QZAQQ2600001,3:00\n\
         0036000291453,A,X,single,2026-03-01,1,Again,QZAQQ2600002,3:00\n\
         0036000291453,A,X,single,2026-03-01,3,Three,QZAQQ2600003,3:00\n",
    );
    assert_eq!(
        import.errors.len(),
        3,
        "one error per row: {:?}",
        import.errors
    );
    assert!(matches!(import.errors[0].cause(), Error::Upc { .. }));
    assert_eq!(import.releases.len(), 1);
    let release = &import.releases[0];
    assert_eq!(release.tracks.len(), 3);
    assert!(release.provenance.is_unreadable(Field::Upc));
    let report = release.validate();
    // The UPC was reported as invalid by the reader; it is not reported as missing.
    assert_eq!(
        rules(&report),
        ["track.duplicate_number", "track.number_gap"]
    );
}

/// An invalid ISRC used to drop its track, so the gap it left was reported instead of the
/// real problems, and a real gap elsewhere was hidden behind it.
#[test]
fn an_invalid_isrc_keeps_its_track_in_the_numbering() {
    let text = "release_title,release_artist,release_type,release_date,track,track_title,isrc,duration\n\
                A,X,ep,2026-03-01,1,One,QZAQQ2600001,3:00\n\
                A,X,ep,2026-03-01,2,Two,QZAQQ26000O2,3:00\n\
                A,X,ep,2026-03-01,3,Three,QZAQQ2600003,3:00\n\
                A,X,ep,2026-03-01,5,Five,QZAQQ2600005,3:00\n";
    let import = csv::from_str(text);
    assert_eq!(import.errors.len(), 1);
    let release = &import.releases[0];
    assert_eq!(release.tracks.len(), 4);
    let report = release.validate_with(&ValidationOptions::draft());
    let gaps: Vec<&str> = report
        .by_rule("track.number_gap")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(gaps, ["disc 1 has no track 4: track numbers run 1..5"]);
    assert_eq!(report.by_rule("track.missing_isrc").count(), 0);
}

#[test]
fn the_same_in_json() {
    let import = json::from_str(
        r#"{"upc": "0036000291453", "title": "A", "artist": "X", "release_type": "single",
            "release_date": "2026-03-01", "tracks": [
              {"number": 1, "title": "One", "isrc": "QZAQQ2600001", "duration": "3:00"},
              {"number": 1, "title": "A", "isrc": "QZAQQ26000O2", "duration": "3:00"},
              {"number": 3, "title": "Three", "isrc": "", "duration": "3:00"}]}"#,
    );
    let messages: Vec<String> = import.errors.iter().map(Error::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].starts_with("line 1, column 23 (upc): invalid upc"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("line 4, column 64 (tracks[1].isrc): invalid isrc"),
        "{messages:?}"
    );
    assert!(
        messages[2].starts_with("line 5, column 56 (tracks[2].isrc): invalid isrc \"\""),
        "{messages:?}"
    );
    let release = &import.releases[0];
    assert_eq!(release.tracks.len(), 3);
    assert_eq!(
        rules(&release.validate()),
        ["track.duplicate_number", "track.number_gap"]
    );
}

#[test]
fn assign_refuses_a_code_that_did_not_read() {
    let import = csv::from_str(
        "release_title,release_artist,track,track_title,isrc,duration\n\
         A,X,1,One,,3:00\n\
         A,X,2,Two,QZAQQ26000O2,3:00\n",
    );
    let mut release = import.releases[0].clone();
    let mut isrcs = isrc::Allocator::new("QZAQQ".parse().unwrap(), 26).unwrap();
    let error = release.assign(&mut isrcs).unwrap_err();
    assert_eq!(
        error.to_string(),
        "refusing to assign codes: the isrc at release #1, disc 1 track 2, line 3 did not read from its file: correct it first"
    );
    assert_eq!(release, import.releases[0], "nothing assigned");
}

/// Findings of a release read from CSV name the line of their row, the release's first row
/// for release-level findings, in text and in JSON.
#[test]
fn csv_findings_carry_their_line() {
    let import = csv::from_str(
        "release_title,release_artist,release_type,release_date,track,track_title,isrc,duration\n\
         B,Y,album,2026-03-01,1,Only,QZAQQ2600009,3:00\n\
         \n\
         A,X,,2026-03-01,1,One,QZAQQ2600001,3:00\n\
         B,Y,album,2026-03-01,2,,QZAQQ2600010,3:00\n\
         A,X,,2026-03-01,1,Again,QZAQQ2600002,3:00\n",
    );
    assert!(import.is_ok(), "{:?}", import.errors);
    let report = release_model::validate_releases(&import.releases, &ValidationOptions::draft());
    let lines: Vec<(&str, Option<u64>)> = report
        .findings()
        .iter()
        .filter(|f| f.rule.id != "track.missing_writer")
        .map(|f| (f.rule.id, f.location.line))
        .collect();
    assert_eq!(
        lines,
        [
            ("release.missing_upc", Some(2)),
            ("track.empty_title", Some(5)),
            ("release.type_mismatch", Some(2)),
            ("release.missing_upc", Some(4)),
            ("release.missing_release_type", Some(4)),
            ("track.duplicate_number", Some(6)),
        ]
    );
    let text = report.to_string();
    assert!(
        text.contains("  error   track.duplicate_number (disc 1 track 1, line 6): "),
        "{text}"
    );
    assert!(
        text.contains("  warning release.missing_release_type (line 4): "),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    let duplicate = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "track.duplicate_number")
        .unwrap();
    assert_eq!(duplicate["location"]["line"], 6);
    assert_eq!(duplicate["location"]["track"], 1);
}
