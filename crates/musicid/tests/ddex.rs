//! `musicid release export-ddex` and `import-ddex`: exit codes, round trip, positions.

mod common;

use std::path::Path;

use common::{
    FIXTURES, PARTIES, assert_code, assert_contains, assert_ern_reads_back, read_json, run,
};

fn export(input: &str, output: &str, extra: &[&str]) -> common::Run {
    let mut args = vec!["release", "export-ddex", input, "-o", output];
    args.extend_from_slice(&PARTIES);
    args.extend_from_slice(extra);
    run(&args, b"")
}

#[test]
fn export_then_import_gives_the_release_back() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("album.xml");
    let json = dir.path().join("album.json");
    let album = format!("{FIXTURES}/vesica-piscis.json");
    let out = export(
        &album,
        xml.to_str().unwrap(),
        &[
            "--default-genre",
            "Electronic",
            "--message-id",
            "M1",
            "--created",
            "2026-03-01T12:00:00Z",
            "--deal",
            "Worldwide:2026-03-01:SubscriptionModel:OnDemandStream",
        ],
    );
    assert_code(&out, 0);
    let text = std::fs::read_to_string(&xml).unwrap();
    for part in [
        "<MessageId>M1</MessageId>",
        "<ICPN>614141000012</ICPN>",
        "<DealList>",
    ] {
        assert_contains(&text, part);
    }

    assert_ern_reads_back(&xml, Path::new(&album), &json);

    match std::env::var_os("DDEX_ERN43_XSD") {
        Some(xsd) => {
            let status = std::process::Command::new("xmllint")
                .arg("--schema")
                .arg(&xsd)
                .arg("--noout")
                .arg(&xml)
                .status()
                .expect("xmllint must be installed when DDEX_ERN43_XSD is set");
            assert!(
                status.success(),
                "the exported message fails the ERN 4.3 schema"
            );
        }
        None => eprintln!("skipped the schema check: DDEX_ERN43_XSD not set"),
    }
}

#[test]
fn export_refuses_a_draft_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("draft.xml");
    let out = export(
        &format!("{FIXTURES}/vesica-piscis.draft.json"),
        xml.to_str().unwrap(),
        &["--default-genre", "Electronic"],
    );
    assert_code(&out, 1);
    assert_contains(&out.stderr, "release.missing_upc");
    assert!(!xml.exists());
}

#[test]
fn export_usage_and_io_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("x.xml");
    let missing = export("no-such-release.json", xml.to_str().unwrap(), &[]);
    assert_code(&missing, 2);
    assert_contains(&missing.stderr, "no-such-release.json");

    let mut args = vec![
        "release",
        "export-ddex",
        "in.json",
        "-o",
        "out.xml",
        "--sender-dpid",
        "not-a-dpid",
    ];
    args.extend_from_slice(&PARTIES[2..]);
    let bad_dpid = run(&args, b"");
    assert_code(&bad_dpid, 2);
    // Refused by the option's parser, before the (missing) input is looked at.
    assert_contains(
        &bad_dpid.stderr,
        "invalid value 'not-a-dpid' for '--sender-dpid <DPID>'",
    );
}

#[test]
fn import_reports_malformed_xml_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("broken.xml");
    let json = dir.path().join("out.json");
    std::fs::write(
        &xml,
        "<?xml version=\"1.0\"?>\n<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">\n  <MessageHeader>\n</ern:NewReleaseMessage>\n",
    )
    .unwrap();
    let out = run(
        &[
            "release",
            "import-ddex",
            xml.to_str().unwrap(),
            "-o",
            json.to_str().unwrap(),
        ],
        b"",
    );
    assert_code(&out, 1);
    let shown = xml.display().to_string();
    assert!(
        out.stderr
            .lines()
            .any(|line| line.starts_with(&format!("{shown}:"))
                && line[shown.len() + 1..]
                    .split(':')
                    .take(2)
                    .all(|n| n.parse::<u32>().is_ok())),
        "{}",
        out.stderr
    );
    assert!(!json.exists());
}

#[test]
fn import_reads_a_folder_into_one_array_and_says_what_each_message_asks() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("deliveries");
    std::fs::create_dir_all(folder.join("nested")).unwrap();
    for (name, fixture) in [
        ("a.xml", "vesica-piscis.json"),
        ("nested/b.xml", "single.json"),
    ] {
        let out = export(
            &format!("{FIXTURES}/{fixture}"),
            folder.join(name).to_str().unwrap(),
            &["--default-genre", "Electronic"],
        );
        assert_code(&out, 0);
    }
    std::fs::write(
        folder.join("purge.xml"),
        "<ern:PurgeReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/382\">\n\
         <MessageHeader><MessageId>M</MessageId>\
         <MessageSender><PartyId>PADPIDA2013042401U</PartyId></MessageSender>\
         <MessageRecipient><PartyId>PADPIDA2009101501Y</PartyId></MessageRecipient>\
         <MessageCreatedDateTime>2026-03-01T12:00:00Z</MessageCreatedDateTime></MessageHeader>\
         <PurgedRelease><ReleaseId><ICPN>614141000012</ICPN></ReleaseId></PurgedRelease>\
         </ern:PurgeReleaseMessage>\n",
    )
    .unwrap();
    let json = dir.path().join("catalog.json");
    let out = run(
        &[
            "release",
            "import-ddex",
            folder.to_str().unwrap(),
            "-o",
            json.to_str().unwrap(),
        ],
        b"",
    );
    assert_code(&out, 0);
    let catalog = read_json(&json);
    let releases = catalog.as_array().expect("an array of releases");
    assert_eq!(releases.len(), 2);
    assert_eq!(releases[0]["title"], "Vesica Piscis");
    assert_contains(
        &out.stderr,
        "a.xml: ern 4.3 insert: release \"Vesica Piscis\"",
    );
    assert_contains(
        &out.stderr,
        "purge.xml: ern 3.8.2 purge: remove the release with upc 614141000012",
    );
    assert_contains(
        &out.stderr,
        "b.xml: ern 4.3 insert: release \"Track 5\" (upc 614141000029) with 1 track\n",
    );
}

#[test]
fn export_writes_ern_3_8_2_and_convert_ddex_goes_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    // Release Profile 1.4 wants ℗ and © lines the fixture lacks: refused, nothing written.
    let album = format!("{FIXTURES}/vesica-piscis.json");
    let out = export(
        &album,
        &path("a.xml"),
        &["--default-genre", "Electronic", "--ern", "3.8.2"],
    );
    assert_code(&out, 1);
    assert_contains(&out.stderr, "profile.rp14-1017-1");
    assert!(!dir.path().join("a.xml").exists());

    let mut release = read_json(Path::new(&album));
    release["p_line"] = "(P) 2026 Leerecs".into();
    release["c_line"] = "(C) 2026 Leerecs".into();
    release["genre"] = "Electronic".into();
    std::fs::write(path("album.json"), release.to_string()).unwrap();
    let out = export(
        &path("album.json"),
        &path("album-382.xml"),
        &["--ern", "3.8.2"],
    );
    assert_code(&out, 0);
    let text = std::fs::read_to_string(path("album-382.xml")).unwrap();
    assert_contains(&text, "xmlns:ern=\"http://ddex.net/xml/ern/382\"");
    assert_contains(
        &text,
        "ReleaseProfileVersionId=\"CommonReleaseTypes/14/AudioAlbum\"",
    );

    let convert = |input: &str, output: &str, ern: &str| {
        run(
            &["release", "convert-ddex", input, "--ern", ern, "-o", output],
            b"",
        )
    };
    let out = convert(&path("album-382.xml"), &path("album-43.xml"), "4.3");
    assert_code(&out, 0);
    assert_contains(&out.stderr, "ern 3.8.2 insert written as ern 4.3");
    let text = std::fs::read_to_string(path("album-43.xml")).unwrap();
    assert_contains(&text, "ReleaseProfileVersionId=\"Audio\"");
    let back = convert(&path("album-43.xml"), &path("album-back.xml"), "3.8.2");
    assert_code(&back, 0);
    assert_eq!(
        std::fs::read_to_string(path("album-back.xml")).unwrap(),
        std::fs::read_to_string(path("album-382.xml")).unwrap(),
        "3.8.2 → 4.3 → 3.8.2 gives the same message"
    );
    for xml in ["album-382.xml", "album-43.xml"] {
        let json = path(&format!("{xml}.json"));
        let out = run(&["release", "import-ddex", &path(xml), "-o", &json], b"");
        assert_code(&out, 0);
        assert_eq!(read_json(Path::new(&json)), release, "{xml}");
    }

    let wrong = convert(&path("album-43.xml"), &path("x.xml"), "4.2");
    assert_code(&wrong, 2);
    assert_contains(&wrong.stderr, "cannot write ern 4.2");
}
