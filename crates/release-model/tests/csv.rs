//! The CSV format: headers, grouping, restored UPCs, every row error with line, column and
//! field, and the round trip with JSON.

use std::time::Duration;

use release_model::{Error, Field, Release, Track, csv, json};

fn errors(import: &release_model::Import) -> Vec<String> {
    import.errors.iter().map(Error::to_string).collect()
}

#[test]
fn headers_are_case_insensitive_with_aliases() {
    let import = csv::from_str(
        "\u{feff}EAN,Release Title,RELEASE-ARTIST,Disc Number,Track Number,Track Title,Mood\n\
         0036000291452,A,X,2,1,One,happy\n",
    );
    assert!(import.is_ok(), "{:?}", errors(&import));
    let release = &import.releases[0];
    assert_eq!(release.upc.unwrap().to_string(), "0036000291452");
    assert_eq!((release.tracks[0].disc, release.tracks[0].number), (2, 1));
    assert_eq!(
        import.warnings[0].to_string(),
        "line 1, column 7 (Mood): unknown column \"Mood\" ignored"
    );
    assert_eq!(import.warnings[0].rule.id, "csv.unknown_column");
    // JSON gives the id as `rule` and, as before the rename, as `code`.
    assert_eq!(
        serde_json::to_string(&import.warnings[0]).unwrap(),
        r#"{"rule":"csv.unknown_column","code":"csv.unknown_column","line":1,"column":7,"field":"Mood","message":"unknown column \"Mood\" ignored"}"#
    );
}

#[test]
fn header_problems_stop_the_file() {
    let import = csv::from_str("release_title,track,track_title,track\nA,1,One,2\n");
    assert_eq!(
        errors(&import),
        [
            "line 1, column 4 (track): column 4 repeats column 2 (both mean track)",
            "line 1 (release_artist): missing required column",
        ]
    );
    assert!(import.releases.is_empty());
    let import = csv::from_str("");
    assert!(import.releases.is_empty() && import.errors.is_empty());
}

#[test]
fn rows_group_by_upc_or_by_title_and_artist() {
    let import = csv::from_str(
        "upc,release_title,release_artist,track,track_title,label\n\
         0036000291452,A,X,1,A1,Lbl\n\
         ,Draft,Y,1,D1,\n\
         0036000291452,,,2,A2,\n\
         \n\
         ,Draft,Y,2,D2,\n\
         ,Draft,Z,1,Z1,\n",
    );
    assert!(import.is_ok(), "{:?}", errors(&import));
    let summary: Vec<(String, String, usize, Option<String>)> = import
        .releases
        .iter()
        .map(|r| {
            (
                r.title.clone(),
                r.artist.clone(),
                r.tracks.len(),
                r.label.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("A".into(), "X".into(), 2, Some("Lbl".into())),
            ("Draft".into(), "Y".into(), 2, None),
            ("Draft".into(), "Z".into(), 1, None),
        ]
    );
}

#[test]
fn a_shortened_upc_is_restored_only_when_its_check_digit_proves_it() {
    let import = csv::from_str(
        "upc,release_title,release_artist,track,track_title\n\
         36000291452,A,X,1,One\n\
         36000291453,B,X,1,One\n\
         96385074,C,X,1,One\n",
    );
    assert_eq!(import.releases[0].upc.unwrap().to_string(), "036000291452");
    assert_eq!(
        import.warnings[0].to_string(),
        "line 2, column 1 (upc): upc \"36000291452\" lost its leading zeros: restored as 036000291452 (the check digit agrees)"
    );
    assert_eq!(import.warnings[0].rule.id, "csv.upc_restored");
    assert_eq!(
        errors(&import),
        [
            "line 3, column 1 (upc): invalid upc \"36000291453\": invalid length: expected 8, 12, 13 or 14 digits, found 11"
        ]
    );
    // The row with the unreadable UPC stays, as a release of its own with the UPC marked.
    assert_eq!(import.releases[1].title, "B");
    assert_eq!(import.releases[1].upc, None);
    assert!(import.releases[1].provenance.is_unreadable(Field::Upc));
    assert_eq!(import.releases[2].upc.unwrap().kind(), upc::Kind::Ean8);
    assert_eq!(import.warnings.len(), 1);
}

/// Spreadsheets export CSV with CRLF line ends, and people leave blank lines: errors name the
/// line an editor shows either way.
#[test]
fn lines_count_as_an_editor_counts_them() {
    let lf = "\nrelease_title,release_artist,track,track_title\n\
              A,X,1,One\n\
              \n\
              A,X,x,Two\n";
    let crlf = lf.replace('\n', "\r\n");
    for text in [lf, &crlf] {
        let import = csv::from_str(text);
        assert_eq!(
            errors(&import),
            ["line 5, column 3 (track): invalid track \"x\": expected a whole number"],
            "{text:?}"
        );
    }
}

#[test]
fn every_row_error_is_reported_and_good_rows_kept() {
    let import = csv::from_str(
        "release_title,release_artist,release_date,disc,track,track_title,isrc,duration,explicit\n\
         A,X,2026-03-01,1,1,One,QZAQQ2600001,3:21,no\n\
         A,X,2026-03-01,1,x,Two,QZAQQ26000O2,3:61,maybe\n\
         A,X,2026-13-01,1,3,Three,QZAQQ2600003,PT3M,yes\n\
         A,X,2026-03-01,1,4,Four\n\
         A,X,,one,5,Five,,200,\n\
         A,X,2026-03-02,1,6,Six,,,\n",
    );
    assert_eq!(
        errors(&import),
        [
            "line 3, column 5 (track): invalid track \"x\": expected a whole number",
            "line 3, column 7 (isrc): invalid isrc \"QZAQQ26000O2\": invalid character 'O' at position 11 in the designation code: expected a digit 0-9",
            "line 3, column 8 (duration): invalid duration \"3:61\": seconds must be below 60",
            "line 3, column 9 (explicit): invalid explicit \"maybe\": expected true or false (yes/no, y/n, 1/0)",
            "line 4, column 3 (release_date): invalid date \"2026-13-01\": month 13 is not 01-12",
            "line 5: expected 9 fields as in the header, found 6",
            "line 6, column 4 (disc): invalid disc \"one\": expected a whole number",
            "line 7, column 3 (release_date): \"2026-03-02\" contradicts \"2026-03-01\" on line 2 for the same release",
        ]
    );
    // Every row but the one with the wrong number of fields stays, its bad fields empty and
    // marked unreadable, so that validation still sees the release's numbering.
    let release = &import.releases[0];
    let numbers: Vec<u32> = release.tracks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, [1, 0, 3, 5, 6]);
    assert_eq!(release.tracks[0].duration, Some(Duration::from_secs(201)));
    let two = &release.tracks[1];
    assert_eq!((two.isrc, two.duration), (None, None));
    for field in [Field::Number, Field::Isrc, Field::Duration, Field::Explicit] {
        assert!(two.provenance.is_unreadable(field), "{field:?}");
    }
    assert!(!two.provenance.is_unreadable(Field::Disc));
    assert!(release.tracks[3].provenance.is_unreadable(Field::Disc));
    assert!(release.provenance.is_unreadable(Field::ReleaseDate));
    assert_eq!(two.provenance.line(), Some(3));
    match &import.errors[1] {
        Error::Csv {
            line,
            column,
            field,
            source,
        } => {
            assert_eq!(
                (*line, *column, field.as_deref()),
                (3, Some(7), Some("isrc"))
            );
            assert!(matches!(**source, Error::Isrc { .. }));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(import.errors[1].cause().kind(), "isrc");
}

#[test]
fn durations_in_every_form() {
    let import = csv::from_str(
        "release_title,release_artist,track,track_title,duration\n\
         A,X,1,a,PT3M21S\nA,X,2,b,3:21\nA,X,3,c,0:03:21\nA,X,4,d,201\n",
    );
    let durations: Vec<Option<Duration>> = import.releases[0]
        .tracks
        .iter()
        .map(|t| t.duration)
        .collect();
    assert_eq!(durations, vec![Some(Duration::from_secs(201)); 4]);
}

#[test]
fn flags_in_any_case() {
    let import = csv::from_str(
        "release_title,release_artist,track,track_title,explicit\n\
         A,X,1,a,TRUE\nA,X,2,b,No\nA,X,3,c,Y\nA,X,4,d,0\nA,X,5,e,\n",
    );
    assert!(import.is_ok(), "{:?}", errors(&import));
    let flags: Vec<bool> = import.releases[0]
        .tracks
        .iter()
        .map(|t| t.explicit)
        .collect();
    assert_eq!(flags, [true, false, true, false, false]);
}

#[test]
fn invalid_utf8_is_a_row_error() {
    let mut bytes = b"release_title,release_artist,track,track_title\nA,X,1,One\nA,X,2,T".to_vec();
    bytes.extend_from_slice(b"\xffo\nA,X,3,Three\n");
    let import = csv::read(bytes.as_slice());
    assert_eq!(
        errors(&import),
        ["line 3, column 4 (track_title): invalid utf-8: a CSV file must be UTF-8"]
    );
    assert_eq!(import.releases[0].tracks.len(), 2);
}

#[test]
fn a_release_without_tracks_survives_the_round_trip() {
    let empty = Release::new("Nothing yet", "X");
    let text = csv::to_string(std::slice::from_ref(&empty)).unwrap();
    assert_eq!(csv::from_str(&text).into_result().unwrap(), vec![empty]);
}

#[test]
fn json_and_csv_round_trip() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/releases/catalog.json"
    ))
    .unwrap();
    let releases = json::from_str(&text).into_result().unwrap();
    let csv_text = csv::to_string(&releases).unwrap();
    let back = csv::from_str(&csv_text).into_result().unwrap();
    assert_eq!(back, releases);
    assert_eq!(json::to_string(&back), text);

    let mut full = Release::builder("Full, \"quoted\"", "A")
        .version("Deluxe")
        .catalog_number("CAT-1")
        .original_release_date("1999".parse().unwrap())
        .genre("Ambient")
        .p_line("2026 Label")
        .c_line("2026 A")
        .explicit(true)
        .build();
    full.tracks.push(
        Track::new(1, 1, "Line\nbreak")
            .with_version("Live")
            .with_artist("B")
            .with_explicit(true),
    );
    let back = csv::from_str(&csv::to_string(std::slice::from_ref(&full)).unwrap())
        .into_result()
        .unwrap();
    assert_eq!(back, vec![full]);
}

#[test]
fn files_and_cover_are_columns_of_their_own() {
    let import = csv::from_str(
        "Release Title,Release Artist,Cover,Track,Track Title,File\n\
         Vesica Piscis,One Yen,art/cover.png,1,Track 1,audio/01.flac\n\
         Vesica Piscis,One Yen,,2,Track 2,\n\
         Vesica Piscis,One Yen,other.png,3,Track 3,audio/03.flac\n",
    );
    assert_eq!(
        errors(&import),
        [
            "line 4, column 3 (cover): \"other.png\" contradicts \"art/cover.png\" on line 2 for the same release"
        ]
    );
    let release = &import.releases[0];
    assert_eq!(release.cover.as_deref(), Some("art/cover.png"));
    let files: Vec<_> = release.tracks.iter().map(|t| t.file.as_deref()).collect();
    assert_eq!(files, [Some("audio/01.flac"), None, Some("audio/03.flac")]);

    let written = csv::to_string(&import.releases).unwrap();
    let header = written.lines().next().unwrap();
    assert!(header.ends_with(",track_version,cover,file"), "{header}");
    assert_eq!(
        csv::from_str(&written).into_result().unwrap(),
        import.releases
    );
}

#[test]
fn a_credit_the_writer_cannot_write_is_an_error_not_a_short_text() {
    let mut release = Release::builder("A", "X")
        .track("A", Duration::from_secs(200))
        .build();
    release.tracks[0].contributors = vec![release_model::Contributor::new("", [])];
    let error = csv::to_string(std::slice::from_ref(&release)).unwrap_err();
    assert!(error.to_string().contains("cannot be written"), "{error}");
    let mut out = Vec::new();
    assert!(csv::write(&mut out, std::slice::from_ref(&release)).is_err());
}
