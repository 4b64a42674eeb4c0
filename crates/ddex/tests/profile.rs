//! The DDEX Release Profile rules: those that depend on the release are findings of every
//! export (`profile.rp21-*` for ERN 4.3, `profile.rp14-*` for ERN 3.8.2); those that depend on
//! how the message is written are read back here from the written XML.

mod support;

use ddex::{ErnVersion, Error, ExportOptions};
use release_model::{Release, ReleaseType, Severity};
use support::{deals, for_rp14, header, vesica_piscis};

fn write(release: &Release, version: ErnVersion) -> String {
    let options = ExportOptions::new().ern(version).deals(deals());
    ddex::export_to_string(release, &header(), &options).unwrap()
}

fn refusal_rules(release: &Release, version: ErnVersion) -> Vec<&'static str> {
    let options = ExportOptions::new().ern(version);
    let error = ddex::export_to_string(release, &header(), &options).unwrap_err();
    let Error::Invalid { report } = error else {
        panic!("expected a report, got {error}");
    };
    report.errors().map(|finding| finding.rule.id).collect()
}

fn count(text: &str, part: &str) -> usize {
    text.matches(part).count()
}

#[test]
fn every_rule_names_its_ddex_number_and_role() {
    assert!(ddex::profile::RULES.len() >= 12);
    let cover = ddex::profile::rule("profile.rp21-1053-1").unwrap();
    assert_eq!(cover.role, "Fatal Error");
    assert_eq!(cover.profile, "RP 2.1 Audio");
}

#[test]
fn ern_4_3_keeps_the_audio_profile_rules_it_writes() {
    let xml = write(&vesica_piscis(), ErnVersion::V4_3);
    // 1050-1: the profile id.
    assert_eq!(count(&xml, " ReleaseProfileVersionId=\"Audio\""), 1);
    // 1045-1 and 1047-1: one TrackRelease per primary resource, each naming one.
    let recordings = count(&xml, "<SoundRecording>");
    assert_eq!(recordings, 13);
    assert_eq!(count(&xml, "<TrackRelease>"), recordings);
    // 1046-1: no ISRC as a TrackRelease id.
    for part in xml.split("<TrackRelease>").skip(1) {
        let release = &part[..part.find("</TrackRelease>").unwrap()];
        assert!(!release.contains("<ISRC>"), "{release}");
        assert_eq!(count(release, "<ReleaseResourceReference>"), 1);
    }
    // 1016-1: every DisplayArtist sequenced; 1018-1 and 1019-1: second-level groups are
    // sequenced Components; 1020-1: primary resources sequenced.
    assert_eq!(
        count(&xml, "<DisplayArtist>"),
        0,
        "a DisplayArtist without SequenceNumber"
    );
    assert_eq!(
        count(
            &xml,
            "<ResourceGroup ResourceGroupType=\"Component\">\n          <SequenceNumber>"
        ),
        1
    );
    assert_eq!(
        count(
            &xml,
            "<ResourceGroupContentItem>\n            <SequenceNumber>"
        ),
        13
    );
}

#[test]
fn ern_3_8_2_keeps_the_release_profile_1_4_rules_it_writes() {
    let mut album = for_rp14(&vesica_piscis());
    album.tracks[1].artist = Some("Ka Lo".to_owned());
    let xml = write(&album, ErnVersion::V3_8_2);
    // 1129-1: the Audio Album profile id; 1141-1: an Album main release.
    assert_eq!(
        count(
            &xml,
            " ReleaseProfileVersionId=\"CommonReleaseTypes/14/AudioAlbum\""
        ),
        1
    );
    // 1078-1/2: exactly one main release; 1130-1, 1131-1, 1077-1: a TrackRelease per primary
    // resource and nothing else; 1138-1: each with one resource.
    assert_eq!(count(&xml, "<Release IsMainRelease=\"true\">"), 1);
    assert_eq!(count(&xml, "<Release>"), 13);
    assert_eq!(count(&xml, "<ReleaseType>TrackRelease</ReleaseType>"), 13);
    assert_eq!(count(&xml, "<ReleaseType>Album</ReleaseType>"), 1);
    // 1085-1: every reference in a group says what it is.
    assert_eq!(
        count(&xml, "<ReleaseResourceReference>"),
        0,
        "a ReleaseResourceReference without ReleaseResourceType"
    );
    // 1088-1, 1089-1: formal and display titles in every release's details; 1139-1,
    // 1145-1, 1095-1: an artist, a label and a genre in each.
    let details = count(&xml, "<ReleaseDetailsByTerritory>");
    assert_eq!(details, 14);
    for part in [
        "<Title TitleType=\"FormalTitle\">",
        "<Title TitleType=\"DisplayTitle\">",
        "<LabelName>",
        "<Genre>",
    ] {
        assert!(count(&xml, part) >= details, "{part}");
    }
    // 1102-1: no DisplayArtistName on a resource; 1123-1: artists sequenced.
    let resources = &xml[..xml.find("</ResourceList>").unwrap()];
    assert!(!resources.contains("<DisplayArtistName>"));
    assert_eq!(count(&xml, "<DisplayArtist>"), 0);
    // 1017-1: ℗ and © lines on every release, never in its details.
    let releases = &xml[xml.find("<ReleaseList>").unwrap()..];
    for part in releases.split("</ReleaseDetailsByTerritory>").skip(1) {
        let tail = &part[..part.find("</Release>").unwrap()];
        assert!(
            tail.contains("<PLine>") && tail.contains("<CLine>"),
            "{tail}"
        );
    }
    for part in xml.split("<ReleaseDetailsByTerritory>").skip(1) {
        let details = &part[..part.find("</ReleaseDetailsByTerritory>").unwrap()];
        assert!(!details.contains("<PLine>") && !details.contains("<CLine>"));
    }
    // 1096-1: parental warnings.
    assert!(xml.contains("<ParentalWarningType>NotExplicit</ParentalWarningType>"));

    let mut single = for_rp14(&vesica_piscis());
    single.tracks.truncate(1);
    single.release_type = Some(ReleaseType::Single);
    let xml = write(&single, ErnVersion::V3_8_2);
    // 1056-1 and 1067-1 of the Audio Single profile.
    assert_eq!(
        count(
            &xml,
            " ReleaseProfileVersionId=\"CommonReleaseTypes/14/AudioSingle\""
        ),
        1
    );
    assert_eq!(count(&xml, "<ReleaseType>Single</ReleaseType>"), 1);
}

#[test]
fn release_profile_1_4_refuses_what_the_model_allows() {
    let mut release = vesica_piscis();
    release.p_line = None;
    release.c_line = None;
    release.label = None;
    assert_eq!(
        refusal_rules(&release, ErnVersion::V3_8_2),
        [
            "profile.rp14-1145-1",
            "profile.rp14-1017-1",
            "profile.rp14-1017-1"
        ]
    );
    let mut one_track_album = for_rp14(&vesica_piscis());
    one_track_album.tracks.truncate(1);
    one_track_album.release_type = Some(ReleaseType::Album);
    assert_eq!(
        refusal_rules(&one_track_album, ErnVersion::V3_8_2),
        ["profile.rp14-1132-1"]
    );
    // ERN 4.3 takes the album without lines, with warnings.
    let mut release = vesica_piscis();
    release.c_line = None;
    let report = ddex::export(&release, &header(), &ExportOptions::new(), Vec::new()).unwrap();
    assert!(report.rules().contains(&"profile.rp21-1026-1"));
}

#[test]
fn a_qz_isrc_is_a_warning_under_release_profile_1_4_only() {
    let release = for_rp14(&vesica_piscis());
    let options = ExportOptions::new().ern(ErnVersion::V3_8_2);
    let report = ddex::export(&release, &header(), &options, Vec::new()).unwrap();
    let qz: Vec<_> = report.by_rule("profile.rp14-1111-2.qz").collect();
    assert_eq!(qz.len(), 13);
    assert!(
        qz.iter()
            .all(|finding| finding.severity == Severity::Warning)
    );
    assert!(qz[0].message.contains("QZ"), "{}", qz[0].message);
    let report = ddex::export(&release, &header(), &ExportOptions::new(), Vec::new()).unwrap();
    assert_eq!(report.by_rule("profile.rp21-1011-2").count(), 0);
}

#[test]
fn a_release_without_a_cover_is_told_that_the_profile_wants_one() {
    for (version, rule) in [
        (ErnVersion::V4_3, "profile.rp21-1053-1"),
        (ErnVersion::V3_8_2, "profile.rp14-1133-1"),
    ] {
        let options = ExportOptions::new().ern(version);
        let report =
            ddex::export(&for_rp14(&vesica_piscis()), &header(), &options, Vec::new()).unwrap();
        let finding = report.by_rule(rule).next().expect("the cover warning");
        assert_eq!(finding.severity, Severity::Warning);
    }
}

#[test]
fn a_release_with_a_cover_keeps_the_front_cover_rules() {
    let mut release = for_rp14(&vesica_piscis());
    release.cover = Some("art/cover.png".to_owned());
    for version in [ErnVersion::V4_3, ErnVersion::V3_8_2] {
        let options = ExportOptions::new().ern(version);
        let mut xml = Vec::new();
        let report = ddex::export(&release, &header(), &options, &mut xml).unwrap();
        assert!(
            !report
                .rules()
                .iter()
                .any(|rule| *rule == "profile.rp21-1053-1" || *rule == "profile.rp14-1133-1"),
            "{report}"
        );
        let xml = String::from_utf8(xml).unwrap();
        // 1053-1 / 1133-1: exactly one image, the front cover.
        assert_eq!(count(&xml, "<Image>"), 1);
        assert_eq!(count(&xml, "FrontCoverImage"), 1);
        if version == ErnVersion::V4_3 {
            // 1057-1: linked from the top-level group.
            assert_eq!(count(&xml, "<LinkedReleaseResourceReference>A14<"), 1);
        } else {
            // 1135-1NR, 1083-1: an unsequenced secondary resource of the top group.
            assert!(xml.contains(
                "<ResourceGroupContentItem>\n            <ResourceType>Image</ResourceType>"
            ));
        }
        let imported = ddex::import(xml.as_bytes()).unwrap();
        assert_eq!(imported.release.cover.as_deref(), Some("art/cover.png"));
    }
}

#[test]
fn only_the_written_versions_are_written() {
    let options = ExportOptions::new().ern("4.2".parse().unwrap());
    let error = ddex::export_to_string(&vesica_piscis(), &header(), &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot write ern 4.2: the writer produces ern 4.3 and 3.8.2"
    );
}
