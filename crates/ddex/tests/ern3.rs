//! ERN 3 read from small messages of our own: the `…DetailsByTerritory` structure, discs,
//! the update indicator, takedowns, the small sins real deliveries commit, UTF-16.

use std::time::Duration;

use ddex::{Action, Delivery, ErnVersion, Error, Level, Position};
use release_model::{Contributor, ReleaseType, Role};

/// A two-disc ERN 3.8.2 album: worldwide details and a Japanese set, a cover image, a
/// track release, a streaming deal.
const ALBUM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ern:NewReleaseMessage xmlns:ern="http://ddex.net/xml/ern/382" MessageSchemaVersionId="ern/382" LanguageAndScriptCode="en">
  <MessageHeader>
    <MessageThreadId>T1</MessageThreadId>
    <MessageId>M1</MessageId>
    <MessageSender><PartyId>PADPIDA2013042401U</PartyId><PartyName><FullName>Leerecs</FullName></PartyName></MessageSender>
    <MessageRecipient><PartyId>PADPIDA2009101501Y</PartyId><PartyName><FullName>A DSP</FullName></PartyName></MessageRecipient>
    <MessageCreatedDateTime>2026-03-01T12:00:00Z</MessageCreatedDateTime>
  </MessageHeader>
  <UpdateIndicator>OriginalMessage</UpdateIndicator>
  <ResourceList>
    <SoundRecording>
      <SoundRecordingType>MusicalWorkSoundRecording</SoundRecordingType>
      <SoundRecordingId><ISRC>QZAQQ2600001</ISRC></SoundRecordingId>
      <IndirectSoundRecordingId><ISWC>T-034.524.680-1</ISWC></IndirectSoundRecordingId>
      <ResourceReference>A1</ResourceReference>
      <ReferenceTitle><TitleText>Opening</TitleText></ReferenceTitle>
      <Duration>PT3M21S</Duration>
      <SoundRecordingDetailsByTerritory>
        <TerritoryCode>Worldwide</TerritoryCode>
        <Title TitleType="FormalTitle"><TitleText>Opening (formal)</TitleText></Title>
        <Title TitleType="DisplayTitle"><TitleText>Opening</TitleText><SubTitle>Radio Edit</SubTitle></Title>
        <DisplayArtist SequenceNumber="1"><PartyName><FullName>One Yen</FullName></PartyName><ArtistRole>MainArtist</ArtistRole></DisplayArtist>
        <DisplayArtist SequenceNumber="2"><PartyName><FullName>Mi Ren</FullName></PartyName><PartyId IsISNI="true">0000000121032683</PartyId><ArtistRole>FeaturedArtist</ArtistRole></DisplayArtist>
        <ResourceContributor SequenceNumber="1"><PartyName><FullName>Ka Lo</FullName></PartyName><ResourceContributorRole>Producer</ResourceContributorRole></ResourceContributor>
        <IndirectResourceContributor SequenceNumber="1"><PartyName><FullName>Ines Varga</FullName></PartyName><PartyId Namespace="IPI">00017798450</PartyId><IndirectResourceContributorRole>Composer</IndirectResourceContributorRole></IndirectResourceContributor>
        <ParentalWarningType>Explicit</ParentalWarningType>
      </SoundRecordingDetailsByTerritory>
    </SoundRecording>
    <SoundRecording>
      <SoundRecordingType>MusicalWorkSoundRecording</SoundRecordingType>
      <SoundRecordingId><ISRC>QZAQQ2600002</ISRC></SoundRecordingId>
      <ResourceReference>A2</ResourceReference>
      <ReferenceTitle><TitleText>Closing</TitleText></ReferenceTitle>
      <Duration>PT1H2M3S</Duration>
      <SoundRecordingDetailsByTerritory>
        <TerritoryCode>Worldwide</TerritoryCode>
        <Title TitleType="DisplayTitle"><TitleText>Closing</TitleText></Title>
        <DisplayArtistName>Mi Ren</DisplayArtistName>
        <ParentalWarningType>NotExplicit</ParentalWarningType>
      </SoundRecordingDetailsByTerritory>
    </SoundRecording>
    <Image>
      <ImageType>FrontCoverImage</ImageType>
      <ImageId><ProprietaryId Namespace="PADPIDA2013042401U">cover</ProprietaryId></ImageId>
      <ResourceReference>A3</ResourceReference>
    </Image>
  </ResourceList>
  <ReleaseList>
    <Release IsMainRelease="true">
      <ReleaseId><GRid>A10302B0003989564F</GRid><ICPN IsEan="false">614141000012</ICPN><CatalogNumber Namespace="PADPIDA2013042401U">LEE-001</CatalogNumber></ReleaseId>
      <ReleaseReference>R0</ReleaseReference>
      <ReferenceTitle><TitleText>Vesica Piscis</TitleText></ReferenceTitle>
      <ReleaseResourceReferenceList>
        <ReleaseResourceReference ReleaseResourceType="PrimaryResource">A1</ReleaseResourceReference>
        <ReleaseResourceReference ReleaseResourceType="PrimaryResource">A2</ReleaseResourceReference>
        <ReleaseResourceReference ReleaseResourceType="SecondaryResource">A3</ReleaseResourceReference>
      </ReleaseResourceReferenceList>
      <ReleaseType>Album</ReleaseType>
      <ReleaseDetailsByTerritory>
        <TerritoryCode>JP</TerritoryCode>
        <DisplayArtistName>One Yen (JP)</DisplayArtistName>
        <LabelName>Leerecs Japan</LabelName>
        <Title TitleType="DisplayTitle"><TitleText>Vesica Piscis (JP)</TitleText></Title>
        <Genre><GenreText>Electronic</GenreText></Genre>
      </ReleaseDetailsByTerritory>
      <ReleaseDetailsByTerritory>
        <TerritoryCode>Worldwide</TerritoryCode>
        <DisplayArtistName>One Yen</DisplayArtistName>
        <LabelName>Leerecs</LabelName>
        <Title TitleType="DisplayTitle"><TitleText>Vesica Piscis</TitleText></Title>
        <ParentalWarningType>Explicit</ParentalWarningType>
        <ResourceGroup>
          <ResourceGroup>
            <SequenceNumber>1</SequenceNumber>
            <ResourceGroupContentItem><SequenceNumber>1</SequenceNumber><ResourceType>SoundRecording</ResourceType><ReleaseResourceReference ReleaseResourceType="PrimaryResource">A1</ReleaseResourceReference></ResourceGroupContentItem>
          </ResourceGroup>
          <ResourceGroup>
            <SequenceNumber>2</SequenceNumber>
            <ResourceGroupContentItem><SequenceNumber>1</SequenceNumber><ResourceType>SoundRecording</ResourceType><ReleaseResourceReference ReleaseResourceType="PrimaryResource">A2</ReleaseResourceReference></ResourceGroupContentItem>
          </ResourceGroup>
          <ResourceGroupContentItem><ResourceType>Image</ResourceType><ReleaseResourceReference ReleaseResourceType="SecondaryResource">A3</ReleaseResourceReference></ResourceGroupContentItem>
        </ResourceGroup>
        <Genre><GenreText>Electronic</GenreText><SubGenre>Ambient</SubGenre></Genre>
        <ReleaseDate>2026-03-01</ReleaseDate>
      </ReleaseDetailsByTerritory>
      <PLine><Year>2026</Year><PLineText>(P) 2026 Leerecs</PLineText></PLine>
      <CLine><Year>2026</Year><CLineText>(C) 2026 Leerecs</CLineText></CLine>
      <GlobalOriginalReleaseDate>2025</GlobalOriginalReleaseDate>
    </Release>
    <Release>
      <ReleaseId><ISRC>QZAQQ2600001</ISRC></ReleaseId>
      <ReleaseReference>R1</ReleaseReference>
      <ReferenceTitle><TitleText>Opening</TitleText></ReferenceTitle>
      <ReleaseResourceReferenceList><ReleaseResourceReference>A1</ReleaseResourceReference></ReleaseResourceReferenceList>
      <ReleaseType>TrackRelease</ReleaseType>
    </Release>
  </ReleaseList>
  <DealList>
    <ReleaseDeal>
      <DealReleaseReference>R0</DealReleaseReference>
      <DealReleaseReference>R1</DealReleaseReference>
      <Deal>
        <DealTerms>
          <CommercialModelType>SubscriptionModel</CommercialModelType>
          <Usage><UseType>OnDemandStream</UseType></Usage>
          <TerritoryCode>Worldwide</TerritoryCode>
          <ValidityPeriod><StartDate>2026-03-01</StartDate></ValidityPeriod>
        </DealTerms>
      </Deal>
    </ReleaseDeal>
  </DealList>
</ern:NewReleaseMessage>
"#;

fn position_of(text: &str, needle: &str) -> Position {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    Position::of_offset(text.as_bytes(), offset)
}

#[test]
fn an_ern_3_album_reads_into_the_model() {
    let imported = ddex::import(ALBUM.as_bytes()).unwrap();
    assert_eq!(imported.version, ErnVersion::V3_8_2);
    assert_eq!(imported.action, Action::Insert);
    let release = &imported.release;
    assert_eq!(release.upc.unwrap().to_string(), "614141000012");
    // The worldwide details win over the Japanese ones, which come first.
    assert_eq!(release.title, "Vesica Piscis");
    assert_eq!(release.artist, "One Yen");
    assert_eq!(release.label.as_deref(), Some("Leerecs"));
    assert_eq!(release.catalog_number.as_deref(), Some("LEE-001"));
    assert_eq!(release.release_type, Some(ReleaseType::Album));
    assert_eq!(release.genre.as_deref(), Some("Electronic"));
    assert_eq!(release.release_date.unwrap().to_string(), "2026-03-01");
    assert_eq!(release.original_release_date.unwrap().to_string(), "2025");
    assert_eq!(release.p_line.as_deref(), Some("(P) 2026 Leerecs"));
    assert_eq!(release.c_line.as_deref(), Some("(C) 2026 Leerecs"));
    assert!(release.explicit);
    let tracks: Vec<_> = release
        .tracks
        .iter()
        .map(|t| {
            (
                t.disc,
                t.number,
                t.isrc.unwrap().to_string(),
                t.title.as_str(),
                t.version.as_deref(),
                t.artist.as_deref(),
                t.duration,
                t.explicit,
            )
        })
        .collect();
    assert_eq!(
        tracks,
        [
            (
                1,
                1,
                "QZAQQ2600001".to_owned(),
                "Opening",
                Some("Radio Edit"),
                None,
                Some(Duration::from_secs(201)),
                true
            ),
            (
                2,
                1,
                "QZAQQ2600002".to_owned(),
                "Closing",
                None,
                Some("Mi Ren"),
                Some(Duration::from_secs(3723)),
                false
            ),
        ]
    );
    // The work's ISWC, in its customary layout in the message, comes through, with its
    // writers (`IndirectResourceContributor`, an IPI name number in the namespace `IPI`).
    let work = release.tracks[0].work.clone().unwrap();
    assert_eq!(
        work.iswc.map(|iswc| iswc.to_string()).as_deref(),
        Some("T0345246801")
    );
    assert_eq!(
        work.writers,
        [
            Contributor::new("Ines Varga", [Role::Composer])
                .with_ipi("00017798450".parse().unwrap())
        ]
    );
    // The credits: display artists by number, then contributors by number (ERN 3 numbers
    // them apart), the display artist's own credit left out: a featured artist with its
    // ISNI, a producer.
    assert_eq!(
        release.tracks[0].contributors,
        [
            Contributor::new("Mi Ren", [Role::FeaturedArtist])
                .with_isni("0000000121032683".parse().unwrap()),
            Contributor::new("Ka Lo", [Role::Producer]),
        ]
    );
    assert!(release.tracks[1].contributors.is_empty());
    assert_eq!(release.grid, Some("A10302B0003989564F".parse().unwrap()));
    assert_eq!(imported.deals.len(), 1);
    assert_eq!(imported.deals[0].use_types[0].to_string(), "OnDemandStream");
    assert!(imported.warnings().next().is_none(), "{:?}", imported.notes);
    // Everything the model has no place for is named, with its place.
    let info: Vec<(String, Position)> = imported
        .notes
        .iter()
        .filter(|note| note.level == Level::Info)
        .map(|note| (note.message.clone(), note.position.unwrap()))
        .collect();
    let expect = [
        (
            "release details for territory JP left out: the model holds one set",
            position_of(
                ALBUM,
                "<ReleaseDetailsByTerritory>\n        <TerritoryCode>JP",
            ),
        ),
        (
            "resource A3 in the track list (Image) left out: the model's tracks are sound recordings",
            position_of(
                ALBUM,
                "<ReleaseResourceReference ReleaseResourceType=\"SecondaryResource\">A3</ReleaseResourceReference></ResourceGroupContentItem>",
            ),
        ),
    ];
    let expect: Vec<(String, Position)> =
        expect.iter().map(|(m, p)| ((*m).to_owned(), *p)).collect();
    assert_eq!(info, expect);
}

#[test]
fn update_indicator_and_takedown_deals_say_what_the_message_asks() {
    let update = ALBUM.replace(
        "<UpdateIndicator>OriginalMessage</UpdateIndicator>",
        "<UpdateIndicator>UpdateMessage</UpdateIndicator>",
    );
    assert_eq!(
        ddex::import(update.as_bytes()).unwrap().action,
        Action::Update
    );
    let takedown = ALBUM.replace(
        "<CommercialModelType>SubscriptionModel</CommercialModelType>\n          <Usage><UseType>OnDemandStream</UseType></Usage>",
        "<TakeDown>true</TakeDown>",
    );
    let imported = ddex::import(takedown.as_bytes()).unwrap();
    assert_eq!(imported.action, Action::Takedown);
    assert!(imported.deals.is_empty());
    let test = ALBUM.replace(
        "</MessageCreatedDateTime>",
        "</MessageCreatedDateTime>\n    <MessageControlType>TestMessage</MessageControlType>",
    );
    assert!(ddex::import(test.as_bytes()).unwrap().test);
}

#[test]
fn small_sins_are_read_with_a_warning_where_the_meaning_is_certain() {
    let sinful = ALBUM
        .replace("<ISRC>QZAQQ2600002</ISRC>", "<ISRC>qz-aqq-26-00002</ISRC>")
        .replace(
            "<Duration>PT1H2M3S</Duration>",
            "<Duration>1:02:03</Duration>",
        )
        .replace(">614141000012</ICPN>", "> 6141 4100 0012 </ICPN>")
        .replace(
            "MessageSchemaVersionId=\"ern/382\"",
            "MessageSchemaVersionId=\"/ern/382\"",
        )
        .replace(" LanguageAndScriptCode=\"en\"", "");
    let imported = ddex::import(sinful.as_bytes()).unwrap();
    assert_eq!(
        imported.release.tracks[1].isrc.unwrap().to_string(),
        "QZAQQ2600002"
    );
    assert_eq!(imported.release.upc.unwrap().to_string(), "614141000012");
    let warnings: Vec<(&str, &str)> = imported
        .warnings()
        .map(|note| (note.rule.id, note.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "ddex.schema_version_id",
                "MessageSchemaVersionId \"/ern/382\" has a leading slash; the namespace says ern 3.8.2"
            ),
            (
                "ddex.code_spelling",
                "icpn \"6141 4100 0012\" read as 614141000012"
            ),
            (
                "ddex.code_spelling",
                "isrc \"qz-aqq-26-00002\" read as QZAQQ2600002"
            ),
            (
                "ddex.duration_spelling",
                "duration \"1:02:03\" is no xs:duration; read as PT1H2M3S"
            ),
            (
                "ddex.no_language",
                "the message has no LanguageAndScriptCode; english is assumed"
            ),
        ]
    );
    let disagreeing = ALBUM.replace(
        "MessageSchemaVersionId=\"ern/382\"",
        "MessageSchemaVersionId=\"ern/381\"",
    );
    let imported = ddex::import(disagreeing.as_bytes()).unwrap();
    assert_eq!(imported.version, ErnVersion::V3_8_2);
    assert_eq!(
        imported.warnings().next().unwrap().rule.id,
        "ddex.schema_version_id"
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_xml() {
    let text = ALBUM.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let utf8 = ddex::import(ALBUM.as_bytes()).unwrap();
    for big_endian in [false, true] {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        let imported = ddex::import(&bytes).unwrap();
        assert_eq!(imported.release, utf8.release);
        assert_eq!(imported.notes[0].rule.id, "ddex.utf16");
        // Errors keep their line and column: the same as in the UTF-8 text.
        let broken: Vec<u8> = {
            let text = text.replace("<Duration>PT1H2M3S</Duration>", "<Duration>PT3X</Duration>");
            let mut bytes = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                bytes.extend_from_slice(&unit.to_le_bytes());
            }
            bytes
        };
        let error = ddex::import(&broken).unwrap_err();
        let utf8_text = ALBUM.replace("<Duration>PT1H2M3S</Duration>", "<Duration>PT3X</Duration>");
        assert_eq!(
            error.position(),
            Some(position_of(&utf8_text, "<Duration>PT3X"))
        );
    }
    // A UTF-8 byte order mark is dropped.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(ALBUM.as_bytes());
    assert_eq!(ddex::import(&bom).unwrap().release, utf8.release);
    // Half a UTF-16 unit is an error, not a panic.
    let error = ddex::import(&[0xFF, 0xFE, b'<', 0, b'a']).unwrap_err();
    assert!(matches!(error, Error::Syntax { .. }), "{error}");
}

#[test]
fn what_is_not_ern_3_is_refused_with_its_place() {
    let cases = [
        (
            ALBUM.replacen(
                "<SoundRecordingType>",
                "<FakeTag>x</FakeTag><SoundRecordingType>",
                1,
            ),
            "<FakeTag>",
            "malformed xml at {at}: unexpected element FakeTag in SoundRecording: not an element of ern 3",
        ),
        (
            ALBUM.replacen(
                "<SoundRecordingId><ISRC>QZAQQ2600001</ISRC></SoundRecordingId>",
                "",
                1,
            ),
            "<SoundRecording>",
            "missing SoundRecordingId in the SoundRecording at {at}",
        ),
        (
            ALBUM.replacen("<ISRC>QZAQQ2600002</ISRC>", "<ISRC></ISRC>", 1),
            "<ISRC></ISRC>",
            "invalid ISRC \"\" at {at}: ",
        ),
        (
            ALBUM.replacen(">614141000012</ICPN>", "></ICPN>", 1),
            "<ICPN",
            "invalid ICPN \"\" at {at}: empty: an icpn is a gtin of 8, 12, 13 or 14 digits",
        ),
        (
            ALBUM.replacen("<Release>", "<Release IsMainRelease=\"true\">", 1),
            "<Release IsMainRelease=\"true\">\n      <ReleaseId><ISRC>",
            "invalid Release \"R1\" at {at}: a second release marked IsMainRelease; ern allows one",
        ),
    ];
    for (text, needle, message) in cases {
        let error = ddex::import(text.as_bytes()).unwrap_err();
        let at = position_of(&text, needle);
        let expected = message.replace("{at}", &at.to_string());
        assert!(
            error.to_string().starts_with(&expected),
            "{error}\nexpected {expected}"
        );
        assert_eq!(error.position(), Some(at), "{error}");
    }
}

#[test]
fn a_purge_names_its_release() {
    let purge = r#"<ern:PurgeReleaseMessage xmlns:ern="http://ddex.net/xml/ern/382" MessageSchemaVersionId="ern/382">
  <MessageHeader>
    <MessageId>M2</MessageId>
    <MessageSender><PartyId>PADPIDA2013042401U</PartyId></MessageSender>
    <MessageRecipient><PartyId>PADPIDA2009101501Y</PartyId></MessageRecipient>
    <MessageCreatedDateTime>2026-03-02T12:00:00Z</MessageCreatedDateTime>
  </MessageHeader>
  <PurgedRelease>
    <ReleaseId><ICPN>614141000012</ICPN></ReleaseId>
    <Title TitleType="DisplayTitle"><TitleText>Vesica Piscis</TitleText></Title>
  </PurgedRelease>
</ern:PurgeReleaseMessage>"#;
    let Delivery::Purge(purged) = ddex::read(purge.as_bytes()).unwrap() else {
        panic!("a purge");
    };
    assert_eq!(purged.describe(), "upc 614141000012");
    assert_eq!(purged.title.as_deref(), Some("Vesica Piscis"));
    let error = ddex::import(purge.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the message is a PurgeReleaseMessage for upc 614141000012: it carries no release to import"
    );
}
