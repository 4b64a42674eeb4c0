//! The official schemas accept every message we write, ERN 4.3 and ERN 3.8.2 alike: the release
//! fixtures (with and without deals) and a seeded synthetic catalog, checked with xmllint. Runs
//! when `DDEX_ERN43_XSD` names the 4.3 schema (the 3.8.2 one sits beside it, in `ern382/`) and
//! xmllint is installed; says so when it skips.

mod support;

use ddex::{AudioFile, DeliveredFile, ErnVersion, ExportOptions, Family, ImageFile, ResourceFiles};
use release_model::{Contributor, Release, Role, Work};
use support::{
    GENRE, deals, featured_compilation, fixture, for_rp14, header, schema_and_xmllint, scratch_dir,
    xmllint,
};

#[test]
fn every_exported_4_3_message_passes_the_official_schema() {
    let Some(schema) = schema_and_xmllint() else {
        return;
    };
    check_version(&schema, ErnVersion::V4_3);
}

#[test]
fn every_exported_3_8_2_message_passes_the_official_schema() {
    let Some(schema) = schema_and_xmllint() else {
        return;
    };
    let schema = schema
        .parent()
        .and_then(|dir| dir.parent())
        .map(|dir| dir.join("ern382/release-notification.xsd"))
        .filter(|path| path.is_file());
    let Some(schema) = schema else {
        eprintln!("skipped: no ern382/release-notification.xsd beside the 4.3 schema");
        return;
    };
    check_version(&schema, ErnVersion::V3_8_2);
}

fn check_version(schema: &std::path::Path, version: ErnVersion) {
    let prepare = |release: &Release| match version.family() {
        Family::Ern3 => for_rp14(release),
        Family::Ern4 => release.clone(),
    };
    let dir = scratch_dir(&format!("ddex-schema-{}", version.code()));
    let mut files = Vec::new();
    let mut write = |name: String, xml: String| {
        let path = dir.join(name);
        std::fs::write(&path, xml).unwrap();
        files.push(path);
    };
    let plain = ExportOptions::new().ern(version).default_genre(GENRE);
    let with_deals = plain.clone().deals(deals());
    for name in [
        "vesica-piscis.json",
        "vesica-piscis.credited.json",
        "single.json",
        "compilation.json",
        "catalog.json",
    ] {
        for (index, release) in fixture(name).iter().enumerate() {
            for (suffix, options) in [("", &plain), ("-deals", &with_deals)] {
                let xml = ddex::export_to_string(&prepare(release), &header(), options).unwrap();
                write(format!("{name}-{index}{suffix}.xml"), xml);
            }
        }
    }
    let mut with_cover = prepare(&featured_compilation());
    with_cover.cover = Some("art/cover.jpg".to_owned());
    let xml = ddex::export_to_string(&with_cover, &header(), &with_deals).unwrap();
    write("featured-compilation.xml".to_owned(), xml);
    // Every track with its file and every technical detail, the cover with its size; one
    // codec outside the allowed values (written UserDefined).
    let tracks = with_cover
        .tracks
        .iter()
        .enumerate()
        .map(|(index, track)| {
            let file = DeliveredFile::new(format!("resources/{index:02}.flac"))
                .with_md5_and_size([index as u8; 16], 1_234_567 + index as u64);
            let mut audio = AudioFile::new(file);
            audio.codec = Some(if index == 0 { "ALAC" } else { "FLAC" }.to_owned());
            audio.channels = Some(2);
            audio.sample_rate = Some(44_100);
            audio.bits_per_sample = Some(24);
            audio.duration = track.duration;
            Some(audio)
        })
        .collect();
    let mut cover = ImageFile::new(
        DeliveredFile::new("resources/front.jpg").with_md5_and_size([7; 16], 88_000),
    );
    cover.codec = Some("JPEG".to_owned());
    cover.width = Some(3000);
    cover.height = Some(3000);
    let with_files = with_deals
        .clone()
        .files(ResourceFiles::new(tracks, Some(cover)));
    let xml = ddex::export_to_string(&with_cover, &header(), &with_files).unwrap();
    assert!(xml.contains("<HashSum>") && xml.contains("UserDefinedValue=\"ALAC\""));
    write("featured-compilation-files.xml".to_owned(), xml);
    // Every role the model names and one of its own, on a track, a release and a work, each
    // credit with an ISNI and an IPI name number: each in its version's element and allowed
    // values (or `UserDefined`).
    let mut every_role = prepare(&featured_compilation());
    let credit = |name: &str, roles: Vec<Role>| {
        Contributor::new(name, roles)
            .with_isni("0000000121032683".parse().unwrap())
            .with_ipi("00017798450".parse().unwrap())
    };
    let mut roles = Role::NAMED.to_vec();
    roles.push(Role::Other("MusicPublisher".to_owned()));
    every_role.contributors = vec![credit("Everyone", roles.clone())];
    let mut work = Work::new().with_iswc("T0345246801".parse().unwrap());
    work.writers = roles
        .iter()
        .map(|role| credit("Writer", vec![role.clone()]))
        .collect();
    every_role.tracks[0].contributors = roles
        .iter()
        .map(|role| credit("Someone", vec![role.clone()]))
        .collect();
    every_role.tracks[0]
        .contributors
        .push(Contributor::new("No Role", []));
    every_role.tracks[0].work = Some(work);
    every_role.grid = Some("A12425GABC1234002M".parse().unwrap());
    let xml = ddex::export_to_string(&every_role, &header(), &plain).unwrap();
    write("every-role.xml".to_owned(), xml);
    for (index, release) in release_model::synth::catalog(43, 200)
        .releases
        .iter()
        .enumerate()
    {
        let options = if index % 2 == 0 { &plain } else { &with_deals };
        let xml = ddex::export_to_string(&prepare(release), &header(), options).unwrap();
        write(format!("synthetic-{index}.xml"), xml);
    }
    let result = xmllint(schema, &files);
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(output) = result {
        panic!("xmllint rejected exported ern {version} messages:\n{output}");
    }
}

#[test]
fn the_schema_rejects_what_we_refuse_to_write() {
    // The check above proves something only if xmllint really validates: a message without
    // its required AvsVersionId must fail.
    let Some(schema) = schema_and_xmllint() else {
        return;
    };
    let dir = scratch_dir("ddex-schema-negative");
    let xml = ddex::export_to_string(&featured_compilation(), &header(), &ExportOptions::new())
        .unwrap()
        .replacen(
            " AvsVersionId=\"6\"",
            " MessageSchemaVersionId=\"ern/43\"",
            1,
        );
    let path = dir.join("invalid.xml");
    std::fs::write(&path, xml).unwrap();
    let result = xmllint(&schema, &[path]);
    let _ = std::fs::remove_dir_all(&dir);
    let output = result.expect_err("xmllint accepted an invalid message");
    assert!(output.contains("AvsVersionId"), "{output}");
}
