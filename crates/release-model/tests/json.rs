//! The JSON format: shape, defaults, lossless round trip, and errors with line, column and
//! path, every bad release reported while the good ones are kept.

use std::time::Duration;

use release_model::{Catalog, Error, Field, Release, json};

const VESICA: &str = r#"{
  "upc": "0036000291452",
  "title": "Vesica Piscis",
  "artist": "One Yen",
  "label": "Leerecs",
  "release_type": "album",
  "release_date": "2026-03-01",
  "tracks": [
    { "number": 1, "isrc": "qz-aqq-26-00001", "title": "Track 1", "duration": "3:21" },
    { "disc": 1, "number": 2, "isrc": "QZAQQ2600002", "title": "Track 2",
      "artist": "One Yen feat. Someone", "duration": 245, "explicit": true }
  ]
}"#;

#[test]
fn defaults_and_lenient_values() {
    let release = Release::from_json(VESICA).unwrap();
    assert_eq!(release.upc.unwrap().to_string(), "0036000291452");
    assert_eq!(release.tracks[0].disc, 1);
    assert_eq!(release.tracks[0].isrc.unwrap().to_string(), "QZAQQ2600001");
    assert_eq!(release.tracks[0].artist, None);
    assert_eq!(release.tracks[0].artist_or(&release.artist), "One Yen");
    assert!(!release.tracks[0].explicit);
    assert_eq!(release.tracks[0].duration, Some(Duration::from_secs(201)));
    assert_eq!(release.tracks[1].duration, Some(Duration::from_secs(245)));
    assert!(release.tracks[1].explicit);
}

#[test]
fn the_written_form_is_canonical_and_reads_back() {
    let release = Release::from_json(VESICA).unwrap();
    let text = release.to_json();
    assert_eq!(
        text,
        r#"{
  "upc": "0036000291452",
  "title": "Vesica Piscis",
  "artist": "One Yen",
  "label": "Leerecs",
  "release_type": "album",
  "release_date": "2026-03-01",
  "tracks": [
    {
      "disc": 1,
      "number": 1,
      "isrc": "QZAQQ2600001",
      "title": "Track 1",
      "duration": "PT3M21S",
      "explicit": false
    },
    {
      "disc": 1,
      "number": 2,
      "isrc": "QZAQQ2600002",
      "title": "Track 2",
      "artist": "One Yen feat. Someone",
      "duration": "PT4M5S",
      "explicit": true
    }
  ]
}
"#
    );
    assert_eq!(Release::from_json(&text).unwrap(), release);
    let catalog = Catalog::new(vec![release.clone(), Release::new("Draft", "X")]);
    assert_eq!(Catalog::from_json(&catalog.to_json()).unwrap(), catalog);
}

#[test]
fn a_lone_object_or_an_array() {
    assert_eq!(json::from_str(VESICA).releases.len(), 1);
    assert_eq!(
        json::from_str(&format!("[{VESICA},{VESICA}]"))
            .releases
            .len(),
        2
    );
    assert!(json::from_str(" [ ] ").is_ok());
    assert_eq!(
        json::from_str(&format!("\u{feff}{VESICA}")).releases.len(),
        1
    );
    assert_eq!(
        Release::from_json(&format!("\u{feff}{VESICA}")).unwrap(),
        Release::from_json(VESICA).unwrap()
    );
    let import = json::from_str("\n  42");
    assert_eq!(
        import.errors[0].to_string(),
        "line 2, column 3: expected a release object or an array of releases"
    );
}

#[test]
fn every_bad_release_is_reported_with_its_place() {
    let text = r#"[
  {"title": "Good", "artist": "X"},
  {"title": "Bad UPC", "artist": "X", "upc": "0036000291453"},
  {"title": "Good too", "artist": "X"},
  {"title": "Bad track", "artist": "X", "tracks": [
    {"number": 1, "title": "ok"},
    {"number": 2, "title": "bad", "duration": "3m"}
  ]},
  {"title": "UPC as a number", "artist": "X", "upc": 36000291452},
  {"title": "Bad date", "artist": "X", "release_date": "2026-02-30"},
  {"title": "Bad type", "artist": "X", "release_type": "LP"},
  {"title": "Negative", "artist": "X", "tracks": [{"number": -1}]}
]"#;
    let import = json::from_str(text);
    let titles: Vec<&str> = import.releases.iter().map(|r| r.title.as_str()).collect();
    // A field that does not read loses only itself: its release stays, the field empty and
    // marked. A structural error (a negative track number) loses the release.
    assert_eq!(
        titles,
        [
            "Good",
            "Bad UPC",
            "Good too",
            "Bad track",
            "UPC as a number",
            "Bad date",
            "Bad type"
        ]
    );
    assert!(import.releases[1].provenance.is_unreadable(Field::Upc));
    assert_eq!(import.releases[3].tracks.len(), 2);
    assert!(
        import.releases[3].tracks[1]
            .provenance
            .is_unreadable(Field::Duration)
    );
    assert!(!import.releases[3].tracks[0].provenance.has_unreadable());
    let messages: Vec<String> = import.errors.iter().map(Error::to_string).collect();
    assert_eq!(
        messages,
        [
            "line 3, column 60 ([1].upc): invalid upc \"0036000291453\": check digit mismatch: expected 2, found 3",
            "line 7, column 50 ([3].tracks[1].duration): invalid duration \"3m\": expected ISO 8601 (PT3M21S), m:ss, h:mm:ss or whole seconds",
            "line 9, column 64 ([4].upc): invalid type: integer `36000291452`, expected a UPC/EAN string of digits like \"0614141000012\" (leading zeros are data)",
            "line 10, column 67 ([5].release_date): invalid date \"2026-02-30\": day 30 does not exist in 2026-02",
            "line 11, column 59 ([6].release_type): unknown variant `LP`, expected one of `album`, `single`, `ep`, `compilation`",
            "line 12, column 63 ([7].tracks[0].number): invalid value: integer `-1`, expected u32",
        ]
    );
    match &import.errors[1] {
        Error::Json {
            line, column, path, ..
        } => {
            assert_eq!(
                (*line, *column, path.as_str()),
                (7, 50, "[3].tracks[1].duration")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(import.errors[1].line(), Some(7));
    assert!(import.into_result().is_err());
}

#[test]
fn syntax_errors_and_unknown_fields() {
    let import = json::from_str("[\n  {\"title\": \"A\",}\n]");
    assert_eq!(
        import.errors[0].to_string(),
        "line 2, column 17: key must be a string"
    );
    let import = json::from_str("{\"title\": \"A\", \"tracks\": [{\"number\": 1, \"lenght\": 3}]}");
    assert_eq!(
        import.errors[0].to_string(),
        "line 1, column 48 (tracks[0].lenght): unknown field `lenght`, expected one of `disc`, `number`, `isrc`, `title`, `version`, `artist`, `duration`, `explicit`, `file`, `contributors`, `work`"
    );
    let import = json::from_str("{\"title\": \"A\", \"tracks\": [{\"title\": \"no number\"}]}");
    assert_eq!(
        import.errors[0].to_string(),
        "line 1, column 48 (tracks[0]): missing field `number`"
    );
    assert_eq!(
        Release::from_json("[]").unwrap_err().to_string(),
        "line 1, column 1: expected a release object"
    );
}

#[test]
fn null_codes_are_absent_and_empty_ones_are_errors() {
    let release = Release::from_json(r#"{"upc": null, "title": "A", "artist": "X"}"#).unwrap();
    assert_eq!(release.upc, None);
    let err = Release::from_json(r#"{"upc": "", "title": "A", "artist": "X"}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 1, column 10 (upc): invalid upc \"\": empty input"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_and_readers() {
    let import = json::from_slice(b"[\n  {\"title\": \"\xff\"}]");
    assert_eq!(
        import.errors[0].to_string(),
        "line 2, column 14: invalid utf-8: a JSON file must be UTF-8"
    );
    let import = json::from_reader(VESICA.as_bytes()).unwrap();
    assert_eq!(import.releases.len(), 1);
    let mut out = Vec::new();
    json::to_writer(&mut out, &import.releases).unwrap();
    assert_eq!(json::from_slice(&out).releases, import.releases);
}

#[test]
fn files_and_cover_round_trip_and_may_be_absent() {
    let text = r#"{"title": "A", "artist": "X", "cover": "cover.png",
        "tracks": [{"number": 1, "title": "A", "file": "audio/01 A.flac"}, {"number": 2, "title": "B"}]}"#;
    let release = Release::from_json(text).unwrap();
    assert_eq!(release.cover.as_deref(), Some("cover.png"));
    assert_eq!(release.tracks[0].file.as_deref(), Some("audio/01 A.flac"));
    assert_eq!(release.tracks[1].file, None);
    let written = release.to_json();
    assert!(
        written.contains("\"file\": \"audio/01 A.flac\""),
        "{written}"
    );
    assert_eq!(
        written.matches("\"file\"").count(),
        1,
        "absent files are left out"
    );
    assert_eq!(Release::from_json(&written).unwrap(), release);

    let old = Release::from_json(VESICA).unwrap();
    assert_eq!(old.cover, None);
    assert!(old.tracks.iter().all(|t| t.file.is_none()));
    assert!(!old.to_json().contains("\"cover\""));
}
