//! Export: golden files for the seed's album, and every refusal with its message.

mod support;

use std::path::PathBuf;
use std::time::Duration;

use ddex::{
    self, CommercialModelType, Deal, ErnVersion, Error, ExportOptions, MessageParty, Territory,
    UseType,
};
use release_model::{Release, Track};
use support::{GENRE, deals, featured_compilation, fixture, header, vesica_piscis};

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `xml` with the golden file; `MUSICID_BLESS=1` rewrites the file instead.
fn assert_golden(name: &str, xml: &str) {
    let path = golden(name);
    if std::env::var_os("MUSICID_BLESS").is_some() {
        std::fs::write(&path, xml).unwrap();
        eprintln!("blessed {}", path.display());
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with MUSICID_BLESS=1 to create it)",
            path.display()
        )
    });
    assert!(
        xml == expected,
        "{name} differs from the golden file (MUSICID_BLESS=1 rewrites it); got:\n{xml}"
    );
}

/// The fixture as it is (no genre): the options give the genre.
fn with_default_genre() -> ExportOptions {
    ExportOptions::new().default_genre(GENRE)
}

#[test]
fn vesica_piscis_matches_the_golden_file() {
    let album = fixture("vesica-piscis.json").remove(0);
    let xml = ddex::export_to_string(&album, &header(), &with_default_genre()).unwrap();
    assert_golden("vesica-piscis.xml", &xml);
    // The default genre gives the same message as a release with that genre.
    assert_eq!(
        xml,
        ddex::export_to_string(&vesica_piscis(), &header(), &ExportOptions::new()).unwrap()
    );
}

#[test]
fn vesica_piscis_with_deals_matches_the_golden_file() {
    let options = ExportOptions::new().deals(deals());
    let xml = ddex::export_to_string(&vesica_piscis(), &header(), &options).unwrap();
    assert_golden("vesica-piscis-deals.xml", &xml);
}

#[test]
fn the_album_and_the_compilation_in_ern_3_8_2_match_their_golden_files() {
    let mut album = vesica_piscis();
    album.p_line = Some("(P) 2026 Leerecs".to_owned());
    album.c_line = Some("(C) 2026 Leerecs".to_owned());
    let options = ExportOptions::new().ern(ErnVersion::V3_8_2).deals(deals());
    let xml = ddex::export_to_string(&album, &header(), &options).unwrap();
    assert_golden("vesica-piscis-deals-382.xml", &xml);
    let mut compilation = featured_compilation();
    compilation.p_line = album.p_line.clone();
    compilation.c_line = album.c_line.clone();
    let options = ExportOptions::new().ern(ErnVersion::V3_8_2);
    let xml = ddex::export_to_string(&compilation, &header(), &options).unwrap();
    assert_golden("featured-compilation-382.xml", &xml);
}

#[test]
fn the_two_disc_compilation_matches_the_golden_file() {
    let compilation = fixture("compilation.json").remove(0);
    let xml = ddex::export_to_string(&compilation, &header(), &with_default_genre()).unwrap();
    assert_golden("two-disc-compilation.xml", &xml);
}

#[test]
fn the_single_matches_the_golden_file() {
    let single = fixture("single.json").remove(0);
    let xml = ddex::export_to_string(&single, &header(), &with_default_genre()).unwrap();
    assert_golden("single.xml", &xml);
}

#[test]
fn the_album_carries_its_thirteen_isrcs_in_order() {
    let xml = ddex::export_to_string(&vesica_piscis(), &header(), &ExportOptions::new()).unwrap();
    let isrcs: Vec<&str> = xml
        .split("<ISRC>")
        .skip(1)
        .map(|rest| &rest[..12])
        .collect();
    let expected: Vec<String> = (1..=13).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(isrcs, expected);
    for n in 1..=13 {
        assert!(xml.contains(&format!(
            "<ProprietaryId Namespace=\"PADPIDA2013042401U\">614141000012_QZAQQ26{n:05}</ProprietaryId>"
        )));
    }
    assert!(!xml.contains("MessageSchemaVersionId"));
    assert!(xml.contains("AvsVersionId=\"6\""));
    assert!(xml.contains("LanguageAndScriptCode=\"en\""));
}

/// The credited album: what each version leaves out of its credits is named in the report
/// (the producer's release credit, each work's title; in 4.3 each work's writers), and
/// what it writes imports back to what `carried` says.
#[test]
fn the_credited_album_names_what_each_version_leaves_out() {
    let mut album = fixture("vesica-piscis.credited.json").remove(0);
    album.genre = Some(GENRE.to_owned());
    album.p_line = Some("(P) 2026 Leerecs".to_owned());
    album.c_line = Some("(C) 2026 Leerecs".to_owned());
    let tracks = album.tracks.len();
    for (version, writers) in [(ErnVersion::V4_3, tracks), (ErnVersion::V3_8_2, 0)] {
        let options = ExportOptions::new().ern(version);
        let mut xml = Vec::new();
        let report = ddex::export(&album, &header(), &options, &mut xml).unwrap();
        let count = |rule: &str| report.by_rule(rule).count();
        assert_eq!(count("ddex.export.release_credit"), 1, "{version}");
        assert_eq!(count("ddex.export.work_title"), tracks, "{version}");
        assert_eq!(count("ddex.export.writers"), writers, "{version}");
        let producer = report.by_rule("ddex.export.release_credit").next().unwrap();
        assert!(
            producer
                .message
                .contains("Mara Quill (credited as Producer)")
        );
        let back = ddex::import(&xml).unwrap().release;
        assert_eq!(back, ddex::carried(&album, version), "{version}");
        // What is carried, by hand: every track's credits and ISWC, and in 3.8.2 its
        // writers with their IPI name numbers.
        for (sent, got) in album.tracks.iter().zip(&back.tracks) {
            assert_eq!(got.contributors, sent.contributors);
            let (sent, got) = (sent.work.as_ref().unwrap(), got.work.as_ref().unwrap());
            assert_eq!(got.iswc, sent.iswc);
            assert_eq!(got.title, None);
            let expected = if version == ErnVersion::V3_8_2 {
                &sent.writers[..]
            } else {
                &[]
            };
            assert_eq!(got.writers, expected);
        }
        assert_eq!(back.grid, album.grid);
    }
}

#[test]
fn export_returns_the_warnings() {
    let mut release = vesica_piscis();
    release.release_date = None;
    let report = ddex::export(&release, &header(), &ExportOptions::new(), Vec::new()).unwrap();
    assert!(!report.has_errors());
    // The release profile's warnings follow the model's: no cover (rule 1053-1), no ©
    // line (the conditional rule 1026-1).
    assert_eq!(
        report.rules(),
        [
            "release.missing_release_date",
            "profile.rp21-1053-1",
            "profile.rp21-1026-1"
        ]
    );
}

/// A sender or recipient DPID that DDEX's Knowledge Base prints as an example names no real
/// party: the message is still written (it is well formed), with a warning for each.
#[test]
fn a_documentation_example_dpid_is_a_warning_at_export() {
    let mut header = header();
    header.sender = MessageParty::new("PA-DPIDA-2014122301-Q".parse().unwrap(), "Leerecs");
    let mut xml = Vec::new();
    let report = ddex::export(&vesica_piscis(), &header, &ExportOptions::new(), &mut xml).unwrap();
    assert!(!xml.is_empty());
    let examples: Vec<(&str, release_model::Severity)> = report
        .by_rule("dpid.documentation_example")
        .map(|f| (f.message.as_str(), f.rule.severity))
        .collect();
    assert_eq!(
        examples,
        [(
            "the message sender's dpid PADPIDA2014122301Q: a DPID printed as an example in DDEX's documentation: the message names no real party",
            release_model::Severity::Warning
        )]
    );
    header.recipient = MessageParty::new("PADPIDA3897722461G".parse().unwrap(), "Example DSP");
    let report =
        ddex::export(&vesica_piscis(), &header, &ExportOptions::new(), Vec::new()).unwrap();
    assert_eq!(report.by_rule("dpid.documentation_example").count(), 2);
    // The DPIDs of DDEX's sample messages are real parties': no warning.
    let report = ddex::export(
        &vesica_piscis(),
        &support::header(),
        &ExportOptions::new(),
        Vec::new(),
    )
    .unwrap();
    assert_eq!(report.by_rule("dpid.documentation_example").count(), 0);
}

fn refusal(release: &Release) -> Error {
    let mut out = Vec::new();
    let error = ddex::export(release, &header(), &ExportOptions::new(), &mut out).unwrap_err();
    assert!(out.is_empty(), "nothing is written on a refusal");
    error
}

#[test]
fn a_release_with_errors_is_refused_with_its_report() {
    let mut release = vesica_piscis();
    release.tracks[3].number = 40;
    release.title = " ".into();
    let error = refusal(&release);
    assert_eq!(
        error.to_string(),
        "refusing to export: the release has 2 validation errors"
    );
    assert_eq!(error.kind(), "invalid_release");
    let Error::Invalid { report } = error else {
        panic!("expected the report");
    };
    assert_eq!(
        report.rules(),
        [
            "release.empty_title",
            "track.number_gap",
            "profile.rp21-1053-1",
            "profile.rp21-1026-1"
        ]
    );
}

#[test]
fn fields_ern_requires_are_refused_when_missing() {
    type Change = fn(&mut Release);
    let cases: [(Change, &str, &str); 6] = [
        (
            |r| r.label = None,
            "refusing to export: the release has no label (ern needs ReleaseLabelReference)",
            "missing_label",
        ),
        (
            |r| r.genre = None,
            "refusing to export: the release has no genre and no default genre was given (ern needs Genre)",
            "missing_genre",
        ),
        (
            |r| r.release_type = None,
            "refusing to export: the release has no release type (ern needs ReleaseType)",
            "missing_release_type",
        ),
        (
            |r| r.tracks[1].title = "Bell\u{7}".into(),
            "refusing to export: the track 1-2 title contains the control character '\\u{7}', which xml cannot carry",
            "unwritable_text",
        ),
        (
            |r| r.label = Some("Lee\rrecs".into()),
            "refusing to export: the label contains the control character '\\r', which xml cannot carry",
            "unwritable_text",
        ),
        (
            |r| r.tracks[0].version = Some("\u{0}".into()),
            "refusing to export: the track 1-1 version contains the control character '\\0', which xml cannot carry",
            "unwritable_text",
        ),
    ];
    for (change, message, kind) in cases {
        let mut release = vesica_piscis();
        change(&mut release);
        let error = refusal(&release);
        assert_eq!(error.to_string(), message);
        assert_eq!(error.kind(), kind);
    }
}

#[test]
fn missing_codes_and_durations_are_refused() {
    // Validation reports a missing UPC, ISRC or duration as an error itself: the refusal
    // carries the report.
    let mut release = vesica_piscis();
    release.upc = None;
    release.tracks[4].isrc = None;
    release.tracks[5].duration = None;
    let Error::Invalid { report } = refusal(&release) else {
        panic!("expected the report");
    };
    assert_eq!(
        report.rules(),
        [
            "release.missing_upc",
            "track.missing_isrc",
            "track.missing_duration",
            "profile.rp21-1053-1",
            "profile.rp21-1026-1"
        ]
    );
}

#[test]
fn header_and_deals_are_checked_before_anything_is_written() {
    let release = vesica_piscis();
    let mut bad_header = header();
    bad_header.message_id = String::new();
    let error = ddex::export(&release, &bad_header, &ExportOptions::new(), Vec::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid message id \"\": expected a non-empty id without surrounding whitespace"
    );
    // Header texts go into the message too: a control character would make it ill-formed.
    let refused_header = |change: fn(&mut ddex::MessageHeader)| {
        let mut bad_header = header();
        change(&mut bad_header);
        let mut out = Vec::new();
        let error =
            ddex::export(&release, &bad_header, &ExportOptions::new(), &mut out).unwrap_err();
        assert!(out.is_empty(), "nothing is written on a refusal");
        assert_eq!(error.kind(), "unwritable_text");
        error.to_string()
    };
    assert_eq!(
        refused_header(|h| h.message_id = "M\u{1}1".into()),
        "refusing to export: the message id contains the control character '\\u{1}', which xml cannot carry"
    );
    assert_eq!(
        refused_header(|h| h.recipient.name = Some("DSP\u{b}".into())),
        "refusing to export: the message recipient name contains the control character '\\u{b}', which xml cannot carry"
    );
    let refused = |deal: &Deal| {
        let options = ExportOptions::new().deals(vec![deal.clone()]);
        ddex::export(&release, &header(), &options, Vec::new())
            .unwrap_err()
            .to_string()
    };
    let mut deal = Deal::new(
        vec![Territory::WORLDWIDE],
        "2026-03-01".parse().unwrap(),
        CommercialModelType::SubscriptionModel,
        vec![],
    );
    assert_eq!(refused(&deal), "incomplete deal: it has no use type");
    deal.use_types.push(UseType::Stream);
    deal.territories.clear();
    assert_eq!(refused(&deal), "incomplete deal: it has no territory");
    deal.territories.push(Territory::WORLDWIDE);
    deal.commercial_model_types.clear();
    assert_eq!(
        refused(&deal),
        "incomplete deal: it has no commercial model type"
    );
    deal.commercial_model_types
        .push(CommercialModelType::FreeOfChargeModel);
    deal.end_date = Some("2026-02-28".parse().unwrap());
    assert_eq!(
        refused(&deal),
        "incomplete deal: it has an end date before its start date"
    );
}

#[test]
fn deal_values_parse_with_pinned_messages() {
    assert_eq!("GB".parse::<Territory>().unwrap().as_str(), "GB");
    assert_eq!(
        "Worldwide".parse::<Territory>().unwrap(),
        Territory::WORLDWIDE
    );
    assert_eq!("XK".parse::<Territory>().unwrap().to_string(), "XK");
    for bad in ["UK", "gb", "ZZ", "Europe", ""] {
        assert_eq!(
            bad.parse::<Territory>().unwrap_err().to_string(),
            format!(
                "invalid deal value {bad:?}: expected Worldwide or an ISO 3166-1 alpha-2 country code such as GB"
            )
        );
    }
    for model in CommercialModelType::ALL {
        assert_eq!(
            model.as_str().parse::<CommercialModelType>().unwrap(),
            *model
        );
    }
    for use_type in UseType::ALL {
        assert_eq!(use_type.to_string().parse::<UseType>().unwrap(), *use_type);
    }
    assert_eq!(
        "Subscription"
            .parse::<CommercialModelType>()
            .unwrap_err()
            .to_string(),
        "invalid deal value \"Subscription\": expected a commercial model type such as SubscriptionModel"
    );
    assert_eq!(
        "stream".parse::<UseType>().unwrap_err().to_string(),
        "invalid deal value \"stream\": expected a use type such as OnDemandStream or PermanentDownload"
    );
}

#[test]
fn party_names_and_references() {
    let xml =
        ddex::export_to_string(&featured_compilation(), &header(), &ExportOptions::new()).unwrap();
    // Release artist, the three track artists, then the label.
    for (reference, name) in [
        ("P1", "Various Artists"),
        ("P2", "One Yen"),
        ("P3", "Ka Lo"),
        ("P4", "Mi Ren feat. One Yen"),
        ("P5", "Leerecs"),
    ] {
        assert!(
            xml.contains(&format!(
                "<PartyReference>{reference}</PartyReference>\n      <PartyName>\n        <FullName>{name}</FullName>"
            )),
            "{reference} {name}"
        );
    }
    assert!(xml.contains("<ReleaseLabelReference>P5</ReleaseLabelReference>"));
    assert!(xml.contains("<TitleText>Tides &amp; &lt;Signals&gt;</TitleText>"));
    assert!(xml.contains("<SubTitle SubTitleType=\"Version\">Radio Edit</SubTitle>"));
    assert!(xml.contains("<IsMultiArtistCompilation>true</IsMultiArtistCompilation>"));
    assert!(xml.contains("<Duration>PT1H2M3S</Duration>"));
}

#[test]
fn the_sender_without_a_name_writes_no_party_name() {
    let mut anonymous = header();
    anonymous.sender = MessageParty {
        dpid: "PADPIDA2013042401U".parse().unwrap(),
        name: None,
    };
    let xml = ddex::export_to_string(&vesica_piscis(), &anonymous, &ExportOptions::new()).unwrap();
    assert!(xml.contains(
        "<MessageSender>\n      <PartyId>PADPIDA2013042401U</PartyId>\n    </MessageSender>"
    ));
}

#[test]
fn tracks_keep_their_order_and_discs_their_groups() {
    let mut release = vesica_piscis();
    release.tracks.truncate(3);
    release.tracks.push(
        Track::new(2, 1, "Bonus")
            .with_isrc("QZAQQ2600014".parse().unwrap())
            .with_duration(Duration::from_secs(60)),
    );
    // Out of order in the model: the groups still list discs and numbers in order.
    release.tracks.swap(0, 3);
    let xml = ddex::export_to_string(&release, &header(), &ExportOptions::new()).unwrap();
    // The resource list keeps the model's order: A1 is the bonus track (disc 2), A4 track 1-1.
    let resources = &xml[..xml.find("</ResourceList>").unwrap()];
    let isrcs: Vec<&str> = resources
        .split("<ISRC>")
        .skip(1)
        .map(|rest| &rest[..12])
        .collect();
    assert_eq!(
        isrcs,
        [
            "QZAQQ2600014",
            "QZAQQ2600002",
            "QZAQQ2600003",
            "QZAQQ2600001"
        ]
    );
    // The main release's groups: a Component per disc with its sequence number, then its
    // items (sequence number, resource) in track order.
    let groups = &xml[xml.find("<ResourceGroup>").unwrap()..xml.find("</Release>").unwrap()];
    let outline: Vec<&str> = groups
        .lines()
        .map(str::trim)
        .filter_map(|line| {
            if line.starts_with("<ResourceGroup ResourceGroupType=\"Component\">") {
                Some("disc")
            } else if line.starts_with("<SequenceNumber>")
                || line.starts_with("<ReleaseResourceReference>")
            {
                line.split(['>', '<']).nth(2)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        outline,
        [
            "disc", "1", "1", "A4", "2", "A2", "3", "A3", "disc", "2", "1", "A1"
        ]
    );
}
