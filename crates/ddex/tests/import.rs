//! Import: DDEX's own samples, and every way a message can be wrong, with line and column.

mod support;

use std::ops::Range;
use std::path::PathBuf;

use ddex::Imported;
use ddex::{ErnVersion, Error, ExportOptions, Position};
use proptest::prelude::*;
use release_model::ReleaseType;
use support::{carried, deals, header, samples_dir, vesica_piscis};

/// DDEX's samples directory; otherwise says why the caller skips and gives `None`.
fn samples() -> Option<PathBuf> {
    let dir = samples_dir();
    if dir.is_none() {
        eprintln!("skipped: DDEX_ERN43_XSD is not set (the DDEX samples sit beside the schema)");
    }
    dir
}

/// The rules of the warnings, in order.
fn warning_rules(imported: &Imported) -> Vec<&'static str> {
    imported.warnings().map(|note| note.rule.id).collect()
}

/// The first warning's message.
fn first_warning(imported: &Imported) -> &str {
    &imported.warnings().next().expect("a warning").message
}

fn sample(name: &str) -> Option<Vec<u8>> {
    Some(std::fs::read(samples()?.join(name)).unwrap())
}

#[test]
fn every_official_sample_imports() {
    let Some(dir) = samples() else {
        return;
    };
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xml") {
            let imported = ddex::import(&std::fs::read(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!imported.release.tracks.is_empty(), "{}", path.display());
            assert!(
                imported.notes.iter().all(|note| note.position.is_some()),
                "{}: a note without its place",
                path.display()
            );
            count += 1;
        }
    }
    assert!(
        count >= 5,
        "expected the five ERN 4.3 samples, found {count}"
    );
}

#[test]
fn the_audio_album_sample_gives_21_tracks_with_their_isrcs() {
    let Some(bytes) = sample("ddex_samples43_1_Audio.xml") else {
        return;
    };
    let imported = ddex::import(&bytes).unwrap();
    let release = &imported.release;
    let isrcs: Vec<String> = release
        .tracks
        .iter()
        .map(|t| t.isrc.unwrap().to_string())
        .collect();
    assert_eq!(
        isrcs,
        [
            "JPTO09404900",
            "JPTO09404910",
            "JPTO09404920",
            "JPTO09404930",
            "JPTO09404940",
            "JPTO09404950",
            "JPTO09404960",
            "JPTO09404970",
            "JPTO09404980",
            "JPTO09404990",
            "JPTO09405000",
            "JPTO09405010",
            "JPTO09405020",
            "JPTO09405030",
            "JPTO09405040",
            "JPTO09405050",
            "JPTO09405060",
            "JPTO09405070",
            "JPTO09332840",
            "JPTO09405080",
            "JPTO09332830",
        ]
    );
    let positions: Vec<(u32, u32)> = release.tracks.iter().map(|t| (t.disc, t.number)).collect();
    assert_eq!(positions, (1..=21).map(|n| (1, n)).collect::<Vec<_>>());
    assert_eq!(release.title, "Yume no Hajmari");
    assert_eq!(release.artist, "Saeko Shu");
    assert_eq!(release.label.as_deref(), Some("EMI MUSIC JAPAN INC."));
    assert_eq!(release.genre.as_deref(), Some("J-Pop"));
    assert_eq!(release.release_type, Some(ReleaseType::Album));
    assert_eq!(release.upc.unwrap().to_string(), "00094631432057");
    assert_eq!(release.tracks[0].title, "Yume no Lullaby");
    assert_eq!(release.tracks[0].artist, None);
    assert_eq!(
        release.tracks[0].duration,
        Some(std::time::Duration::from_secs(148))
    );
    assert_eq!(imported.header.message_id, "Test1.1");
    assert_eq!(imported.header.sender.dpid.as_str(), "PADPIDA2013042401U");
    assert_eq!(imported.header.recipient.name.as_deref(), Some("Sony DADC"));
    assert_eq!(
        imported.header.created.as_str(),
        "2014-09-24T14:57:25+01:00"
    );
    // The album's own deal; the track releases' deals name other releases.
    assert_eq!(imported.deals.len(), 1);
    assert_eq!(imported.deals[0].territories[0].as_str(), "JP");
    assert_eq!(warning_rules(&imported), ["ddex.icpn_gtin14"]);
    assert_eq!(
        first_warning(&imported),
        "icpn 00094631432057 has 14 digits; the product's ean-13 is 0094631432057"
    );
}

#[test]
fn samples_with_wrong_check_digits_warn_instead_of_failing() {
    let Some(bytes) = sample("ddex_samples43_3_MixedMedia.xml") else {
        return;
    };
    let imported = ddex::import(&bytes).unwrap();
    assert_eq!(imported.release.upc, None);
    assert_eq!(imported.release.tracks.len(), 14);
    let finding = imported
        .notes
        .iter()
        .find(|note| note.rule.id == "ddex.icpn_check_digit")
        .unwrap();
    assert_eq!(
        finding.message,
        "icpn \"05099907138655\" is not a valid upc (check digit mismatch: expected 2, found 5); the release gets no upc"
    );
    assert_eq!(
        finding.position,
        Some(Position {
            line: 897,
            column: 13
        })
    );
    let count = |rule| {
        imported
            .notes
            .iter()
            .filter(|note| note.rule.id == rule)
            .count()
    };
    assert_eq!(count("ddex.skipped_resource"), 4);
    assert_eq!(count("ddex.release_type"), 1);

    let Some(bytes) = sample("ddex_samples43_8_DjMix.xml") else {
        return;
    };
    let imported = ddex::import(&bytes).unwrap();
    assert_eq!(imported.release.upc, None);
    assert_eq!(imported.release.tracks.len(), 1);
    assert_eq!(
        imported.release.tracks[0].isrc.unwrap().to_string(),
        "USWE34255410"
    );
    assert_eq!(
        warning_rules(&imported),
        [
            "ddex.empty_message_id",
            "ddex.created_without_zone",
            "ddex.icpn_check_digit",
            "ddex.release_type",
            "ddex.skipped_deal"
        ]
    );
}

#[test]
fn grid_only_and_classical_samples() {
    let Some(single) = sample("ddex_samples43_4_SimpleAudioSingle.xml") else {
        return;
    };
    let imported = ddex::import(&single).unwrap();
    assert_eq!(imported.release.release_type, Some(ReleaseType::Single));
    assert_eq!(imported.release.title, "I Love You");
    assert_eq!(
        imported.release.tracks[0].duration,
        Some(std::time::Duration::from_millis(263_583))
    );
    assert_eq!(
        first_warning(&imported),
        "the release has no icpn, only a GRid A10302B0003989564F; it gets no upc"
    );
    assert!(!imported.deals.is_empty());

    let Some(classical) = sample("ddex_samples43_Variant_Classical.xml") else {
        return;
    };
    let imported = ddex::import(&classical).unwrap();
    // Four MultiWorkPart groups on one medium: one disc, tracks 1..12.
    let positions: Vec<(u32, u32)> = imported
        .release
        .tracks
        .iter()
        .map(|t| (t.disc, t.number))
        .collect();
    assert_eq!(positions, (1..=12).map(|n| (1, n)).collect::<Vec<_>>());
}

/// The golden album, as text to break.
fn album_xml() -> String {
    ddex::export_to_string(
        &vesica_piscis(),
        &header(),
        &ExportOptions::new().deals(deals()),
    )
    .unwrap()
}

/// The position of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> Position {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    Position::of_offset(text.as_bytes(), offset)
}

fn import_error(xml: &str) -> Error {
    ddex::import(xml.as_bytes()).unwrap_err()
}

/// Where the first `<name>` element sits in `xml` (start tag to end tag).
fn span(xml: &str, name: &str) -> Range<usize> {
    let start = xml.find(&format!("<{name}>")).unwrap();
    let end_tag = format!("</{name}>");
    start..xml.find(&end_tag).unwrap() + end_tag.len()
}

/// `xml` without its first `<name>` element.
fn without(xml: &str, name: &str) -> String {
    let Range { start, end } = span(xml, name);
    format!("{}{}", &xml[..start], &xml[end..])
}

#[test]
fn errors_name_the_line_and_column() {
    let xml = album_xml();
    let cases: Vec<(String, String, &str, Option<Position>)> = vec![
        {
            let broken = xml.replacen("</MessageId>", "</MessageID>", 1);
            let at = position_of(&broken, "</MessageID>");
            (
                broken,
                format!(
                    "malformed xml at {at}: ill-formed document: expected `</MessageId>`, but `</MessageID>` was found"
                ),
                "syntax",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<ICPN>614141000012</ICPN>",
                "<ICPN>614141000012</ICPN>&bogus;",
                1,
            );
            let at = position_of(&broken, "&bogus;");
            (
                broken,
                format!(
                    "malformed xml at {at}: unexpected text in ReleaseId: expected only elements"
                ),
                "syntax",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<TitleText>Track 2</TitleText>",
                "<TitleText>Track &bogus;</TitleText>",
                1,
            );
            let at = position_of(&broken, "&bogus;");
            (
                broken,
                format!("malformed xml at {at}: unknown entity &bogus;"),
                "syntax",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "http://ddex.net/xml/ern/43\"",
                "http://example.com/ern\"",
                1,
            );
            let at = position_of(&broken, "<ern:NewReleaseMessage");
            (
                broken,
                format!(
                    "wrong namespace \"http://example.com/ern\" at {at}: expected an ern namespace such as http://ddex.net/xml/ern/43"
                ),
                "namespace",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "http://ddex.net/xml/ern/43\"",
                "http://ddex.net/xml/ern/341\"",
                1,
            );
            let at = position_of(&broken, "<ern:NewReleaseMessage");
            (
                broken,
                format!(
                    "unsupported ern version 3.4.1 at {at}: this reader takes ern 3.7, 3.7.1, 3.8, 3.8.1, 3.8.2, 3.8.3, 4.1, 4.1.1, 4.2 and 4.3.x"
                ),
                "version",
                Some(at),
            )
        },
        {
            let broken = xml.replace("ern:NewReleaseMessage", "ern:CatalogListMessage");
            let at = position_of(&broken, "<ern:CatalogListMessage");
            (
                broken,
                format!(
                    "unexpected root element \"CatalogListMessage\" at {at}: expected NewReleaseMessage or PurgeReleaseMessage"
                ),
                "root",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<ReleaseResourceReference>A5</ReleaseResourceReference>",
                "<ReleaseResourceReference>A99</ReleaseResourceReference>",
                1,
            );
            let at = position_of(&broken, "<ReleaseResourceReference>A99");
            (
                broken,
                format!(
                    "dangling reference \"A99\" in ReleaseResourceReference at {at}: no resource has this reference"
                ),
                "dangling_reference",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<ArtistPartyReference>P1</ArtistPartyReference>",
                "<ArtistPartyReference>P9</ArtistPartyReference>",
                1,
            );
            let at = position_of(&broken, "<ArtistPartyReference>P9");
            (
                broken,
                format!(
                    "dangling reference \"P9\" in ArtistPartyReference at {at}: no party has this reference"
                ),
                "dangling_reference",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<ReleaseLabelReference>P2</ReleaseLabelReference>",
                "<ReleaseLabelReference>PLabel</ReleaseLabelReference>",
                1,
            );
            let at = position_of(&broken, "<ReleaseLabelReference>PLabel");
            (
                broken,
                format!(
                    "dangling reference \"PLabel\" in ReleaseLabelReference at {at}: no party has this reference"
                ),
                "dangling_reference",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<DealReleaseReference>R13</DealReleaseReference>",
                "<DealReleaseReference>R99</DealReleaseReference>",
                1,
            );
            let at = position_of(&broken, "<DealReleaseReference>R99");
            (
                broken,
                format!(
                    "dangling reference \"R99\" in DealReleaseReference at {at}: no release has this reference"
                ),
                "dangling_reference",
                Some(at),
            )
        },
        {
            let broken = xml.replacen("<ISRC>QZAQQ2600003</ISRC>", "<ISRC>QZAQQ26003</ISRC>", 1);
            let at = position_of(&broken, "<ISRC>QZAQQ26003");
            (
                broken,
                format!(
                    "invalid ISRC \"QZAQQ26003\" at {at}: invalid length: expected 12 characters, found 10"
                ),
                "value",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<Duration>PT3M1S</Duration>",
                "<Duration>three minutes</Duration>",
                1,
            );
            let at = position_of(&broken, "<Duration>three");
            (
                broken,
                format!(
                    "invalid Duration \"three minutes\" at {at}: expected ISO 8601 (PT3M21S), m:ss, h:mm:ss or whole seconds"
                ),
                "value",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<ReleaseDate>2026-03-01</ReleaseDate>",
                "<ReleaseDate>06/01/2024</ReleaseDate>",
                1,
            );
            let at = position_of(&broken, "<ReleaseDate>");
            (
                broken,
                format!(
                    "invalid ReleaseDate \"06/01/2024\" at {at}: expected YYYY, YYYY-MM or YYYY-MM-DD"
                ),
                "value",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<StartDate>2026-03-01</StartDate>",
                "<StartDate>2026-02-30</StartDate>",
                1,
            );
            let at = position_of(&broken, "<StartDate>");
            (
                broken,
                format!(
                    "invalid StartDate \"2026-02-30\" at {at}: day 30 does not exist in 2026-02"
                ),
                "value",
                Some(at),
            )
        },
        {
            let broken = without(&xml, "MessageHeader");
            let at = position_of(&broken, "<ern:NewReleaseMessage");
            (
                broken,
                format!("missing MessageHeader in the NewReleaseMessage at {at}"),
                "missing",
                Some(at),
            )
        },
        {
            let broken = without(&xml, "Release");
            let at = position_of(&broken, "<ReleaseList>");
            (
                broken,
                format!("the message has no main Release (ReleaseList at {at})"),
                "no_release",
                Some(at),
            )
        },
        {
            let broken = xml.replacen("<Duration>PT3M1S</Duration>", "", 1);
            let at = position_of(&broken, "<SoundRecording>");
            (
                broken,
                format!("missing Duration in the SoundRecording at {at}"),
                "missing",
                Some(at),
            )
        },
        {
            // Two parties under one reference: which one an artist means is a guess.
            let broken = xml.replacen(
                "<PartyReference>P2</PartyReference>",
                "<PartyReference>P1</PartyReference>",
                1,
            );
            let at = position_of(
                &broken,
                "<PartyReference>P1</PartyReference>\n      <PartyName>\n        <FullName>Leerecs",
            );
            (
                broken,
                format!("invalid PartyReference \"P1\" at {at}: another party has this reference"),
                "value",
                Some(at),
            )
        },
        {
            let broken = xml.replacen(
                "<ResourceReference>A2</ResourceReference>",
                "<ResourceReference>A1</ResourceReference>",
                1,
            );
            let first = xml
                .find("<ResourceReference>A1</ResourceReference>")
                .unwrap();
            let second = first
                + 1
                + broken[first + 1..]
                    .find("<ResourceReference>A1</ResourceReference>")
                    .unwrap();
            let at = Position::of_offset(broken.as_bytes(), second);
            (
                broken,
                format!(
                    "invalid ResourceReference \"A1\" at {at}: another resource has this reference"
                ),
                "value",
                Some(at),
            )
        },
        {
            // A second main release, after the first's track releases.
            let release = &xml[span(&xml, "Release")];
            let broken = xml.replacen("</ReleaseList>", &format!("{release}</ReleaseList>"), 1);
            let at = Position::of_offset(broken.as_bytes(), broken.rfind("<Release>").unwrap());
            (
                broken,
                format!(
                    "invalid Release \"R0\" at {at}: the message already has a main Release; ERN allows one"
                ),
                "value",
                Some(at),
            )
        },
    ];
    for (broken, message, kind, position) in cases {
        let error = import_error(&broken);
        assert_eq!(error.to_string(), message);
        assert_eq!(error.kind(), kind, "{message}");
        assert_eq!(error.position(), position, "{message}");
    }
}

#[test]
fn truncated_empty_and_trailing_input() {
    let xml = album_xml();
    // Cut after a tag near the middle: the message ends with elements left open.
    let cut = &xml[..=xml[..xml.len() / 2].rfind('>').unwrap()];
    let error = import_error(cut);
    assert_eq!(error.kind(), "syntax");
    assert!(
        error.to_string().starts_with("malformed xml at line "),
        "{error}"
    );
    assert!(error.to_string().contains("is not closed"), "{error}");

    let error = import_error("");
    assert_eq!(
        error.to_string(),
        "malformed xml at line 1, column 1: no root element"
    );
    // The place of the text itself, past the white space before it.
    let error = import_error("  \n just text");
    assert_eq!(
        error.to_string(),
        "malformed xml at line 2, column 2: text before the root element"
    );
    let error = import_error(&format!("{xml}<extra/>"));
    assert_eq!(error.kind(), "syntax");
    assert!(
        error
            .to_string()
            .ends_with("content after the root element"),
        "{error}"
    );
    let error = import_error("<NewReleaseMessage/>");
    assert_eq!(
        error.to_string(),
        "wrong namespace \"\" at line 1, column 1: expected an ern namespace such as http://ddex.net/xml/ern/43"
    );
}

#[test]
fn a_doctype_is_refused_with_its_line_and_column_and_no_entity_is_expanded() {
    let xml = album_xml();
    let (declaration, rest) = xml.split_at(xml.find("?>").unwrap() + 2);
    // The billion laughs: were an entity expanded, `&lol2;` would be 16 × "lol".
    let laughs = format!(
        "{declaration}\n  <!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>{rest}"
    );
    let laughs = laughs.replacen("<MessageId>", "<MessageId>&lol2;", 1);
    let error = import_error(&laughs);
    assert_eq!(error.kind(), "doctype");
    assert_eq!(error.position(), Some(position_of(&laughs, "<!DOCTYPE")));
    assert_eq!(
        error.to_string(),
        "a DOCTYPE at line 2, column 3: document type and entity declarations are not accepted in an ern message (entities are never expanded)"
    );
    // An external DTD or entity is refused the same way, before anything is fetched.
    let external = format!("{declaration}\n<!DOCTYPE m SYSTEM \"file:///etc/passwd\">{rest}");
    let error = import_error(&external);
    assert_eq!(error.kind(), "doctype");
    assert_eq!(error.position(), Some(position_of(&external, "<!DOCTYPE")));
    // The same message without the DOCTYPE reads: only the declaration is refused.
    ddex::import(xml.as_bytes()).unwrap();
    // An entity the message uses without declaring it is an error too, never text.
    let undeclared = xml.replacen("<MessageId>", "<MessageId>&lol;", 1);
    let error = import_error(&undeclared);
    assert_eq!(error.kind(), "syntax");
    assert!(
        error.to_string().contains("unknown entity &lol;"),
        "{error}"
    );
}

#[test]
fn nesting_is_bounded() {
    let nest = |levels: usize| {
        let component = "<ResourceGroup ResourceGroupType=\"Component\">";
        let opening = "<ResourceGroup ResourceGroupType=\"Side\">".repeat(levels);
        album_xml()
            .replacen(component, &format!("{opening}{component}"), 1)
            .replacen(
                "</ResourceGroup>",
                &"</ResourceGroup>".repeat(levels + 1),
                1,
            )
    };
    // Groups other than components are read through: the tracks stay on disc 1.
    let imported = ddex::import(nest(5).as_bytes()).unwrap();
    assert_eq!(
        imported.release,
        carried(&vesica_piscis(), ErnVersion::V4_3)
    );
    let deep = nest(40);
    let error = import_error(&deep);
    let at = Position::of_offset(
        deep.as_bytes(),
        deep.match_indices("<ResourceGroup").nth(33).unwrap().0,
    );
    assert_eq!(
        error.to_string(),
        format!("invalid ResourceGroup \"\" at {at}: resource groups nested deeper than 32 levels")
    );
}

#[test]
fn hostile_nesting_and_text_are_read_without_recursion_or_quadratic_work() {
    // Elements the reader does not know, nested far deeper than any stack would allow if they
    // were read recursively: skipped.
    let levels = 100_000;
    let deep = format!("{}{}", "<Extra>".repeat(levels), "</Extra>".repeat(levels));
    let xml = album_xml().replacen("</MessageHeader>", &format!("{deep}</MessageHeader>"), 1);
    assert_eq!(
        ddex::import(xml.as_bytes()).unwrap().release,
        carried(&vesica_piscis(), ErnVersion::V4_3)
    );
    // The same depth unclosed: an error with a position, no crash.
    let xml = album_xml().replacen(
        "<MessageHeader>",
        &format!("<MessageHeader>{}", "<Extra>".repeat(levels)),
        1,
    );
    let error = import_error(&xml);
    assert_eq!(error.kind(), "syntax");
    assert!(error.position().is_some());

    // A title of 200,000 entities and characters: read in one piece.
    let long = "&amp;x&#233;".repeat(200_000);
    let xml = album_xml().replacen(
        "<TitleText>Vesica Piscis</TitleText>",
        &format!("<TitleText>{long}</TitleText>"),
        1,
    );
    let imported = ddex::import(xml.as_bytes()).unwrap();
    assert_eq!(imported.release.title, "&xé".repeat(200_000));
}

#[test]
fn a_recording_the_track_list_names_twice_is_two_tracks() {
    let xml = album_xml().replacen(
        "<ReleaseResourceReference>A2</ReleaseResourceReference>",
        "<ReleaseResourceReference>A1</ReleaseResourceReference>",
        1,
    );
    let imported = ddex::import(xml.as_bytes()).unwrap();
    let tracks = &imported.release.tracks;
    assert_eq!(tracks.len(), 13);
    assert_eq!((tracks[0].title.as_str(), tracks[0].number), ("Track 1", 1));
    assert_eq!((tracks[1].title.as_str(), tracks[1].number), ("Track 1", 2));
    assert_eq!(tracks[0].isrc, tracks[1].isrc);
    assert_eq!(tracks[2].title, "Track 3");
}

#[test]
fn a_deal_without_a_validity_period_is_skipped_with_a_warning() {
    let xml = without(&album_xml(), "ValidityPeriod");
    let imported = ddex::import(xml.as_bytes()).unwrap();
    assert_eq!(imported.deals, deals()[1..]);
    assert_eq!(warning_rules(&imported), ["ddex.skipped_deal"]);
    assert_eq!(
        first_warning(&imported),
        "a deal for the release was skipped: it has no validity period"
    );
}

#[test]
fn offsets_and_seven_digit_fractions_read_as_deliveries_write_them() {
    let xml = album_xml()
        .replacen(
            "<MessageCreatedDateTime>2026-03-01T12:00:00Z<",
            "<MessageCreatedDateTime>2021-03-04T10:11:12.1234567+01:00<",
            1,
        )
        .replacen(
            "<StartDate>2026-03-01</StartDate>",
            "<StartDateTime>2026-03-01T00:00:00.1234567+01:00</StartDateTime>",
            1,
        );
    let imported = ddex::import(xml.as_bytes()).unwrap();
    let created = &imported.header.created;
    assert_eq!(created.as_str(), "2021-03-04T10:11:12.1234567+01:00");
    assert_eq!(
        created.utc().map(|t| t.to_string()).as_deref(),
        Some("2021-03-04T09:11:12Z")
    );
    // The deal's day is the day written, in its own time zone.
    assert_eq!(imported.deals, deals());
    assert_eq!(warning_rules(&imported), Vec::<&str>::new());

    let broken = album_xml().replacen(
        "<StartDate>2026-03-01</StartDate>",
        "<StartDateTime>2026-03-01T24:00:00Z</StartDateTime>",
        1,
    );
    let at = position_of(&broken, "<StartDateTime>");
    assert_eq!(
        import_error(&broken).to_string(),
        format!(
            "invalid StartDateTime \"2026-03-01T24:00:00Z\" at {at}: expected an xs:dateTime \
             such as 2026-03-01T00:00:00Z"
        )
    );
}

#[test]
fn a_party_id_that_is_no_dpid_is_read_with_a_warning_and_never_written() {
    let xml = album_xml().replacen(
        "<PartyId>PADPIDA2013042401U</PartyId>",
        "<PartyId>DPID-1</PartyId>",
        1,
    );
    let imported = ddex::import(xml.as_bytes()).unwrap();
    assert_eq!(warning_rules(&imported), ["ddex.invalid_dpid"]);
    assert_eq!(
        imported.notes[0].position,
        Some(position_of(&xml, "<PartyId>DPID-1"))
    );
    assert_eq!(imported.header.sender.dpid.as_str(), "DPID-1");
    let error = ddex::export_to_string(&imported.release, &imported.header, &ExportOptions::new())
        .unwrap_err();
    assert!(
        error.to_string().starts_with("invalid dpid \"DPID-1\""),
        "{error}"
    );
}

#[test]
fn a_default_namespace_and_comments_are_fine() {
    let xml = album_xml()
        .replace("ern:NewReleaseMessage", "NewReleaseMessage")
        .replacen("xmlns:ern=", "xmlns=", 1)
        .replacen("<PartyList>", "<!-- parties --><PartyList>", 1);
    let imported = ddex::import(xml.as_bytes()).unwrap();
    assert_eq!(
        imported.release,
        carried(&vesica_piscis(), ErnVersion::V4_3)
    );
}

#[test]
fn a_reader_gives_the_same_result() {
    let xml = album_xml();
    let from_reader = ddex::import_reader(xml.as_bytes()).unwrap();
    assert_eq!(from_reader, ddex::import(xml.as_bytes()).unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = ddex::import(&bytes);
    }

    #[test]
    fn damaged_messages_never_panic(cut in 0usize..20_000, length in 0usize..64, insert in "[<>&/a-zA-Z\"'=;#0-9 ]{0,8}") {
        let xml = album_xml();
        let start = cut.min(xml.len());
        let end = (start + length).min(xml.len());
        let mut damaged = xml.as_bytes()[..start].to_vec();
        damaged.extend_from_slice(insert.as_bytes());
        damaged.extend_from_slice(&xml.as_bytes()[end..]);
        if let Err(error) = ddex::import(&damaged) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

/// A message of another sender's shape: the main artist's party with an ISNI, a featured
/// artist, writers as `Contributor`s numbered on their own (one role `UserDefined`), an IPI
/// name number with a wrong check digit, the work's ISWC and the release's GRid.
#[test]
fn credits_works_and_the_grid_read_into_the_model() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/messages/credits-43.xml");
    let xml = std::fs::read(path).unwrap();
    let imported = ddex::import(&xml).unwrap();
    let release = &imported.release;
    assert_eq!(
        release.grid.map(|grid| grid.to_string()).as_deref(),
        Some("A12425GABC1234002M")
    );
    let track = &release.tracks[0];
    let iswc = track.work.as_ref().and_then(|work| work.iswc);
    assert_eq!(
        iswc.map(|iswc| iswc.to_string()).as_deref(),
        Some("T0345246801")
    );
    type Credit<'a> = (&'a str, Vec<&'a str>, Option<String>, Option<String>);
    let credits: Vec<Credit<'_>> = track
        .contributors
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.roles.iter().map(|role| role.as_str()).collect(),
                c.isni.map(|isni| isni.to_string()),
                c.ipi.map(|ipi| ipi.to_string()),
            )
        })
        .collect();
    // By sequence number, document order among equals.
    assert_eq!(
        credits,
        [
            (
                "One Yen",
                vec!["MainArtist"],
                Some("0000000121032683".to_owned()),
                None
            ),
            (
                "Ines Varga",
                vec!["Composer", "Librettist"],
                None,
                Some("00017798450".to_owned())
            ),
            ("Ka Lo", vec!["FeaturedArtist"], None, None),
            ("Tomas Reede", vec!["Lyricist"], None, None),
        ]
    );
    let warnings: Vec<&str> = imported.warnings().map(|note| note.rule.id).collect();
    assert_eq!(
        warnings,
        ["ddex.invalid_identifier"],
        "{:?}",
        imported.notes
    );
    let warning = imported.warnings().next().unwrap();
    assert!(
        warning.message.contains("00017798451"),
        "{}",
        warning.message
    );
    assert!(warning.position.is_some());
}
