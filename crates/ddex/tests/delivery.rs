//! Delivery batches: a packaged batch ingests back to the same releases with no findings, and
//! every hostile or incomplete batch is refused with the reason, nothing written.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ddex::delivery::{self, Applied, PackageOptions, Refusal, Source};
use ddex::{Action, ErnVersion, Error, ExportOptions, MessageHeader, MessageParty};
use media::{ArtworkPolicy, QcOptions, synth};
use release_model::{Release, ReleaseType, Track};

/// The album fixture's recording the release's `n`-th track (ISRC `first_isrc + n`) uses:
/// a different one for every ISRC of a test, so no two tracks share their audio.
fn recording(first_isrc: u32, n: u32) -> u32 {
    (first_isrc + n - 1) % 12 + 1
}

fn release(upc: &str, first_isrc: u32, tracks: u32) -> Release {
    let title = if tracks == 1 {
        "Track 1".to_owned()
    } else {
        format!("Album {upc}")
    };
    let mut builder = Release::builder(title, "One Yen")
        .upc(upc.parse().unwrap())
        .label("Leerecs")
        .genre("Electronic")
        // A few seconds of audio a track: a single by the DSPs' rules, whatever the count.
        .release_type(ReleaseType::Single)
        .release_date("2026-03-01".parse().unwrap())
        .cover("cover.png");
    for n in 1..=tracks {
        let seconds = synth::track_seconds(recording(first_isrc, n));
        builder = builder.push(
            Track::new(1, n, format!("Track {n}"))
                .with_isrc(format!("QZAQQ26{:05}", first_isrc + n).parse().unwrap())
                .with_duration(Duration::from_secs(seconds.into())),
        );
    }
    let mut release = builder.build();
    assert!(release.validate().is_empty(), "{:?}", release.validate());
    for track in &mut release.tracks {
        track.file = Some(format!(
            "audio/{upc}-{:02}-{:02}.flac",
            track.number,
            recording(first_isrc, track.number)
        ));
    }
    release
}

/// The QC of these tests: the album fixture's cover would do, but a small one is quicker.
fn qc() -> QcOptions {
    QcOptions::default().with_artwork(ArtworkPolicy {
        min_side: 64,
        recommended_side: 64,
    })
}

fn header() -> MessageHeader {
    MessageHeader::new(
        "M1",
        MessageParty::new("PADPIDA2013042401U".parse().unwrap(), "Leerecs"),
        MessageParty::new("PADPIDA2009101501Y".parse().unwrap(), "A DSP"),
        "2026-03-01T12:00:00.250Z".parse().unwrap(),
    )
}

/// The releases' files under `dir/source`, and a batch of them under `dir/out`.
fn packaged(dir: &Path, releases: &[Release]) -> PathBuf {
    packaged_as(dir, releases, ErnVersion::V4_3)
}

fn packaged_as(dir: &Path, releases: &[Release], ern: ErnVersion) -> PathBuf {
    package_into(dir, releases, ExportOptions::new().ern(ern), "out")
}

/// The releases' files under `dir/source`, and a batch of them written with `export` under
/// `dir/<out>`.
fn package_into(dir: &Path, releases: &[Release], export: ExportOptions, out: &str) -> PathBuf {
    let base = dir.join("source");
    fs::create_dir_all(base.join("audio")).unwrap();
    fs::write(base.join("cover.png"), synth::cover(64, 64, false)).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/media/album");
    let mut sources = Vec::new();
    for release in releases {
        for track in &release.tracks {
            // The recording's fixture, tagged with the track's ISRC as a label would.
            let file = track.file.as_ref().unwrap();
            let number: u32 = file[file.len() - 7..file.len() - 5].parse().unwrap();
            let bytes = fs::read(fixtures.join(synth::track_file_name(number))).unwrap();
            let bytes = synth::with_isrc(bytes, file, track.isrc.unwrap());
            fs::write(base.join(file), bytes).unwrap();
        }
        sources.push(Source {
            release: release.clone(),
            base: base.clone(),
        });
    }
    let id = delivery::batch_id(&header().created);
    assert_eq!(id, "20260301120000250");
    let packaged = delivery::package(
        &sources,
        &header(),
        &PackageOptions::new(id).export(export).qc(qc()),
        &dir.join(out),
    )
    .unwrap();
    assert_eq!(
        packaged.manifest.file_name().unwrap(),
        "BatchComplete_20260301120000250.xml"
    );
    assert_eq!(packaged.batch.file_name().unwrap(), "N_20260301120000250");
    packaged.batch
}

fn refusal(batch: &Path) -> Refusal {
    match delivery::ingest(batch, &qc()) {
        Err(Error::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Rewrites the first URI of the message of `upc` to `reference`.
fn point_first_uri(batch: &Path, upc: &str, reference: &str) {
    let message = batch.join(upc).join(format!("{upc}.xml"));
    let xml = fs::read_to_string(&message).unwrap();
    let start = xml.find("<URI>").unwrap() + "<URI>".len();
    let end = xml[start..].find("</URI>").unwrap() + start;
    let xml = format!("{}{}{}", &xml[..start], reference, &xml[end..]);
    fs::write(&message, xml).unwrap();
}

fn without_files(release: &Release) -> Release {
    let mut release = release.clone();
    release.cover = None;
    for track in &mut release.tracks {
        track.file = None;
    }
    release
}

#[test]
fn a_packaged_batch_ingests_back_with_no_findings() {
    let releases = [
        release("0614141000012", 0, 3),
        release("0614141000029", 10, 1),
    ];
    ingests_back(&releases, ErnVersion::V4_3);
}

#[test]
fn a_packaged_3_8_2_batch_ingests_back_with_no_findings() {
    let releases = [
        support::for_rp14(&release("0614141000012", 0, 3)),
        support::for_rp14(&release("0614141000029", 10, 1)),
    ];
    ingests_back(&releases, ErnVersion::V3_8_2);
}

fn ingests_back(releases: &[Release], ern: ErnVersion) {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged_as(dir.path(), releases, ern);
    let ingested = delivery::ingest(&batch, &qc()).unwrap();
    assert_eq!(ingested.messages.len(), 2);
    for (message, sent) in ingested.messages.iter().zip(releases) {
        assert_eq!(message.files.len(), sent.tracks.len() + 1);
        assert!(message.findings.is_empty(), "{:#?}", message.findings);
        let got = message.release.as_ref().unwrap();
        assert_eq!(got.upc, sent.upc);
        assert_eq!(got.tracks.len(), sent.tracks.len());
        // Every file arrived whole: the bytes in the batch are the bytes sent.
        for (track, got_track) in sent.tracks.iter().zip(&got.tracks) {
            let sent_bytes = fs::read(dir.path().join("source").join(track.file.as_ref().unwrap()));
            let got_bytes = fs::read(got_track.file.as_ref().expect("a file found"));
            assert_eq!(sent_bytes.unwrap(), got_bytes.unwrap());
        }
        assert!(got.cover.is_some());
        // Files apart, the same release (the reader adds its provenance).
        let mut got = without_files(got);
        got.provenance = sent.provenance;
        assert_eq!(got, without_files(sent));
    }
    let mut catalog = Vec::new();
    assert_eq!(
        ingested.apply(&mut catalog),
        [Applied::Inserted, Applied::Inserted]
    );
    assert_eq!(
        ingested.apply(&mut catalog),
        [Applied::Updated, Applied::Updated]
    );
    assert_eq!(catalog.len(), 2);
}

#[test]
fn a_batch_without_its_manifest_is_not_taken() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    fs::remove_file(batch.join("BatchComplete_20260301120000250.xml")).unwrap();
    // What a writer stopped before its rename leaves: a partial manifest under another name.
    fs::write(
        batch.join(".BatchComplete_20260301120000250.xml.partial"),
        "<ern-c:Mani",
    )
    .unwrap();
    assert_eq!(refusal(&batch).kind(), "batch.no_manifest");
}

#[test]
fn a_reference_climbing_out_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    fs::write(dir.path().join("out/secret.flac"), b"secret").unwrap();
    point_first_uri(&batch, "0614141000012", "../../secret.flac");
    let refused = refusal(&batch);
    assert!(
        matches!(&refused, Refusal::OutsideBatch { why, .. } if why.contains("..")),
        "{refused}"
    );
    // Percent-escaped dots are dots.
    point_first_uri(&batch, "0614141000012", "%2e%2e/%2E%2E/secret.flac");
    assert_eq!(refusal(&batch).kind(), "batch.outside");
}

#[test]
fn an_absolute_reference_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    point_first_uri(&batch, "0614141000012", "/etc/passwd");
    let refused = refusal(&batch);
    assert!(
        matches!(&refused, Refusal::OutsideBatch { why, .. } if why.contains("absolute")),
        "{refused}"
    );
}

#[test]
fn a_url_reference_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    point_first_uri(&batch, "0614141000012", "https://example.com/a.flac");
    let refused = refusal(&batch);
    assert!(
        matches!(&refused, Refusal::OutsideBatch { why, .. } if why.contains("URL")),
        "{refused}"
    );
    point_first_uri(&batch, "0614141000012", "file:///etc/passwd");
    assert_eq!(refusal(&batch).kind(), "batch.outside");
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_out_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let outside = dir.path().join("outside.flac");
    fs::write(&outside, b"not in the batch").unwrap();
    let inside = batch.join("0614141000012/resources/0614141000012_01_001.flac");
    fs::remove_file(&inside).unwrap();
    std::os::unix::fs::symlink(&outside, &inside).unwrap();
    let refused = refusal(&batch);
    assert!(
        matches!(&refused, Refusal::OutsideBatch { why, .. } if why.contains("symlink")),
        "{refused}"
    );
    // A symlinked release folder leading out is refused the same way.
    let dir2 = tempfile::tempdir().unwrap();
    let batch2 = packaged(dir2.path(), &[release("0614141000012", 0, 2)]);
    let release_dir = batch2.join("0614141000012");
    let moved = dir2.path().join("moved");
    fs::rename(&release_dir, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &release_dir).unwrap();
    assert_eq!(refusal(&batch2).kind(), "batch.outside");
}

#[test]
fn a_manifest_naming_a_missing_message_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    fs::remove_file(batch.join("0614141000012/0614141000012.xml")).unwrap();
    let refused = refusal(&batch);
    assert!(
        matches!(&refused, Refusal::Missing { reference, .. } if reference == "0614141000012/0614141000012.xml"),
        "{refused}"
    );
}

#[test]
fn a_message_naming_a_missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    fs::remove_file(batch.join("0614141000012/resources/0614141000012_01_002.flac")).unwrap();
    assert_eq!(refusal(&batch).kind(), "batch.missing_file");
}

#[test]
fn a_doctype_is_refused_before_any_entity_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let message = batch.join("0614141000012/0614141000012.xml");
    let xml = fs::read_to_string(&message).unwrap();
    let hostile = xml.replacen(
        "?>\n",
        "?>\n<!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n",
        1,
    );
    fs::write(
        &message,
        hostile.replacen("<FullName>Leerecs", "<FullName>&lol2;", 1),
    )
    .unwrap();
    let refused = refusal(&batch);
    assert!(
        matches!(&refused, Refusal::Doctype { line: 2, .. }),
        "{refused}"
    );
    // In the manifest too.
    let manifest = batch.join("BatchComplete_20260301120000250.xml");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&message, xml).unwrap();
    fs::write(
        &manifest,
        text.replacen(
            "?>\n",
            "?>\n<!DOCTYPE m SYSTEM \"file:///etc/passwd\">\n",
            1,
        ),
    )
    .unwrap();
    assert_eq!(refusal(&batch).kind(), "batch.doctype");
}

#[test]
fn an_undeclared_entity_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let message = batch.join("0614141000012/0614141000012.xml");
    let xml = fs::read_to_string(&message).unwrap();
    fs::write(
        &message,
        xml.replacen("<FullName>Leerecs", "<FullName>&xxe;", 1),
    )
    .unwrap();
    let refused = refusal(&batch);
    assert!(
        matches!(&refused, Refusal::Xml { message, .. } if message.contains("&xxe;")),
        "{refused}"
    );
}

#[test]
fn absurd_nesting_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let message = batch.join("0614141000012/0614141000012.xml");
    let xml = fs::read_to_string(&message).unwrap();
    let deep = format!("{}x{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    fs::write(
        &message,
        xml.replacen("<MessageHeader>", &format!("<MessageHeader>{deep}"), 1),
    )
    .unwrap();
    assert!(matches!(
        refusal(&batch),
        Refusal::TooDeep { limit: 64, .. }
    ));
}

#[test]
fn an_absurdly_large_message_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let message = batch.join("0614141000012/0614141000012.xml");
    // A sparse file: its size is what counts, never read.
    let file = fs::OpenOptions::new().append(true).open(&message).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let refused = refusal(&batch);
    assert!(
        matches!(
            &refused,
            Refusal::TooLarge {
                what: "size in bytes",
                ..
            }
        ),
        "{refused}"
    );
}

#[test]
fn a_file_larger_than_declared_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let file = batch.join("0614141000012/resources/0614141000012_01_001.flac");
    let mut bytes = fs::read(&file).unwrap();
    bytes.extend_from_slice(&[0; 2048]);
    // The source is hard-linked into the batch: replace, not append, to leave it alone.
    fs::remove_file(&file).unwrap();
    fs::write(&file, bytes).unwrap();
    let refused = refusal(&batch);
    assert!(
        matches!(&refused, Refusal::LargerThanDeclared { declared, found, .. } if found > declared),
        "{refused}"
    );
}

#[test]
fn names_colliding_by_case_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let other = batch.join("0614141000012/resources/0614141000012_01_001.FLAC");
    if fs::write(&other, b"other").is_err()
        || fs::read_dir(other.parent().unwrap()).unwrap().count() < 4
    {
        eprintln!("the file system folds case: the collision cannot be made here");
        return;
    }
    assert_eq!(refusal(&batch).kind(), "batch.case_collision");
}

#[test]
fn a_changed_file_is_a_finding_and_keeps_its_release_out() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(
        dir.path(),
        &[
            release("0614141000012", 0, 2),
            release("0614141000029", 10, 1),
        ],
    );
    let file = batch.join("0614141000012/resources/0614141000012_01_002.flac");
    let mut bytes = fs::read(&file).unwrap();
    bytes[100] ^= 1;
    fs::remove_file(&file).unwrap();
    fs::write(&file, bytes).unwrap();
    let ingested = delivery::ingest(&batch, &qc()).unwrap();
    let rules = ingested.messages[0].findings.rules();
    assert!(rules.contains(&"batch.hash_mismatch"), "{rules:?}");
    assert!(ingested.messages[1].findings.is_empty());
    let mut catalog = Vec::new();
    assert_eq!(
        ingested.apply(&mut catalog),
        [Applied::Rejected, Applied::Inserted]
    );
}

#[test]
fn an_invalid_release_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = release("0614141000012", 0, 2);
    bad.tracks[1].number = 1;
    let source = Source {
        release: bad,
        base: dir.path().to_path_buf(),
    };
    let out = dir.path().join("out");
    let result = delivery::package(&[source], &header(), &PackageOptions::new("1"), &out);
    assert!(matches!(result, Err(Error::Invalid { .. })), "{result:?}");
    assert!(!out.exists());
}

#[test]
fn two_releases_with_one_upc_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let sources: Vec<Source> = [
        release("0614141000012", 0, 1),
        release("0614141000012", 10, 1),
    ]
    .into_iter()
    .map(|release| Source {
        release: without_files(&release),
        base: dir.path().to_path_buf(),
    })
    .collect();
    let out = dir.path().join("out");
    let result = delivery::package(&sources, &header(), &PackageOptions::new("1"), &out);
    let Err(Error::Io(error)) = result else {
        panic!("expected a refusal of the second release, got {result:?}");
    };
    assert!(
        error
            .to_string()
            .contains("releases 1 and 2 have the same UPC 0614141000012"),
        "{error}"
    );
    assert!(!out.exists());
}

#[test]
fn a_packaged_message_passes_the_official_schema() {
    let Some(schema) = support::schema_and_xmllint() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(
        dir.path(),
        &[
            release("0614141000012", 0, 2),
            release("0614141000029", 10, 1),
        ],
    );
    let messages = [
        batch.join("0614141000012/0614141000012.xml"),
        batch.join("0614141000029/0614141000029.xml"),
    ];
    let xml = fs::read_to_string(&messages[0]).unwrap();
    assert!(xml.contains("<HashSumValue>") && xml.contains("<Type>FrontCoverImage</Type>"));
    support::xmllint(&schema, &messages).unwrap();
}

#[test]
fn a_packaged_3_8_2_message_passes_the_official_schema() {
    let Some(schema) = support::schema_and_xmllint() else {
        return;
    };
    let schema = schema
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join("ern382/release-notification.xsd");
    let dir = tempfile::tempdir().unwrap();
    let releases = [
        support::for_rp14(&release("0614141000012", 0, 2)),
        support::for_rp14(&release("0614141000029", 10, 1)),
    ];
    let batch = packaged_as(dir.path(), &releases, ErnVersion::V3_8_2);
    let messages = [
        batch.join("0614141000012/0614141000012.xml"),
        batch.join("0614141000029/0614141000029.xml"),
    ];
    let xml = fs::read_to_string(&messages[0]).unwrap();
    assert!(
        xml.contains("<FilePath>resources/</FilePath>")
            && xml.contains("<ImageType>FrontCoverImage</ImageType>")
    );
    support::xmllint(&schema, &messages).unwrap();
}

#[test]
fn technical_details_and_a_duration_that_are_not_the_files_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let message = batch.join("0614141000012/0614141000012.xml");
    let xml = fs::read_to_string(&message).unwrap();
    assert!(xml.contains("<SamplingRate>44100</SamplingRate>"), "{xml}");
    // The first recording's duration as the packager measured it, whatever the fixture's length.
    let start = xml.find("<Duration>").expect("a duration");
    let end = start + xml[start..].find("</Duration>").expect("its end") + "</Duration>".len();
    let first_duration = xml[start..end].to_owned();
    let xml = xml
        .replacen("<SamplingRate>44100<", "<SamplingRate>48000<", 1)
        .replacen(&first_duration, "<Duration>PT99S</Duration>", 1)
        .replacen(
            "<ImageWidth UnitOfMeasure=\"Pixel\">64<",
            "<ImageWidth UnitOfMeasure=\"Pixel\">3000<",
            1,
        );
    fs::write(&message, xml).unwrap();
    let ingested = delivery::ingest(&batch, &qc()).unwrap();
    let findings = &ingested.messages[0].findings;
    let rules = findings.rules();
    // The manifest's hash of the edited message no longer matches either.
    assert_eq!(
        rules,
        [
            "batch.hash_mismatch",
            "batch.details_mismatch",
            "batch.duration_mismatch"
        ],
        "{findings:#?}"
    );
    let details: Vec<_> = findings.by_rule("batch.details_mismatch").collect();
    assert_eq!(details.len(), 2, "{details:#?}");
    assert!(
        details[0]
            .message
            .contains("sampling rate \"48000\" claimed, 44100 found")
    );
    assert!(
        details[1]
            .message
            .contains("width \"3000\" claimed, 64 found")
    );
    assert!(ingested.has_errors());
}

#[test]
fn a_file_whose_embedded_isrc_is_not_the_messages_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let batch = packaged(dir.path(), &[release("0614141000012", 0, 2)]);
    let file = batch.join("0614141000012/resources/0614141000012_01_002.flac");
    // The same recording, tagged with another ISRC.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/media/album");
    let bytes = synth::with_isrc(
        fs::read(fixtures.join(synth::track_file_name(2))).unwrap(),
        "x.flac",
        "QZAQQ2699999".parse().unwrap(),
    );
    fs::remove_file(&file).unwrap();
    fs::write(&file, bytes).unwrap();
    let ingested = delivery::ingest(&batch, &qc()).unwrap();
    let findings = &ingested.messages[0].findings;
    let mismatch: Vec<_> = findings.by_rule("media.isrc_mismatch").collect();
    assert_eq!(mismatch.len(), 1, "{findings:#?}");
    assert!(
        mismatch[0]
            .message
            .contains("carries ISRC QZAQQ2699999, the track's is QZAQQ2600002"),
        "{}",
        mismatch[0].message
    );
    assert_eq!(mismatch[0].location.track, Some(2));
}

/// The official schema of `ern`, when the schema and xmllint are there (else a note on stderr).
fn schema_of(ern: ErnVersion) -> Option<PathBuf> {
    let schema = support::schema_and_xmllint()?;
    Some(match ern {
        ErnVersion::V3_8_2 => schema
            .parent()
            .and_then(Path::parent)
            .unwrap()
            .join("ern382/release-notification.xsd"),
        _ => schema,
    })
}

const UPCS: [&str; 2] = ["0614141000012", "0614141000029"];

/// Two releases as `ern`'s release profile wants them.
fn two_releases(ern: ErnVersion) -> [Release; 2] {
    let releases = [release(UPCS[0], 0, 2), release(UPCS[1], 10, 1)];
    if ern == ErnVersion::V3_8_2 {
        releases.map(|release| support::for_rp14(&release))
    } else {
        releases
    }
}

/// Two releases first delivered with deals and ingested into a catalog, then sent again as
/// `action` in a second batch: that batch passes the official schema, ingest reads `action`
/// from every message, and applying it updates or empties the catalog.
fn delivered_then(ern: ErnVersion, action: Action) {
    let dir = tempfile::tempdir().unwrap();
    let releases = two_releases(ern);
    let export = ExportOptions::new().ern(ern).deals(support::deals());
    let first = package_into(dir.path(), &releases, export.clone(), "first");
    let mut catalog = Vec::new();
    let ingested = delivery::ingest(&first, &qc()).unwrap();
    assert!(
        ingested
            .messages
            .iter()
            .all(|m| m.action == Some(Action::Insert))
    );
    assert_eq!(
        ingested.apply(&mut catalog),
        [Applied::Inserted, Applied::Inserted]
    );

    let second = package_into(dir.path(), &releases, export.action(action), "second");
    let messages: Vec<PathBuf> = UPCS
        .iter()
        .map(|upc| second.join(upc).join(format!("{upc}.xml")))
        .collect();
    let xml = fs::read_to_string(&messages[0]).unwrap();
    let manifest = fs::read_to_string(second.join("BatchComplete_20260301120000250.xml")).unwrap();
    let (delivery_type, expected) = match action {
        Action::Update => ("ReDelivery", [Applied::Updated, Applied::Updated]),
        _ => ("TakeDown", [Applied::TakenDown, Applied::TakenDown]),
    };
    assert_eq!(
        manifest
            .matches(&format!("<DeliveryType>{delivery_type}</DeliveryType>"))
            .count(),
        2,
        "{manifest}"
    );
    match (ern, action) {
        (ErnVersion::V3_8_2, Action::Takedown) => {
            assert!(xml.contains("<UpdateIndicator>UpdateMessage</UpdateIndicator>"));
            assert!(xml.contains("<TakeDown>true</TakeDown>"));
            assert!(!xml.contains("<CommercialModelType>"));
        }
        (ErnVersion::V3_8_2, _) => {
            assert!(xml.contains("<UpdateIndicator>UpdateMessage</UpdateIndicator>"));
            assert!(xml.contains("<CommercialModelType>"));
        }
        (_, Action::Takedown) => {
            assert!(!xml.contains("DealList") && !xml.contains("UpdateIndicator"));
        }
        _ => assert!(xml.contains("<DealList>") && !xml.contains("UpdateIndicator")),
    }
    if action == Action::Takedown {
        // A takedown names no file and delivers none.
        assert!(!xml.contains("resources/"), "{xml}");
        assert!(!second.join(UPCS[0]).join("resources").exists());
    }
    if let Some(schema) = schema_of(ern) {
        support::xmllint(&schema, &messages).unwrap();
    }

    let ingested = delivery::ingest(&second, &qc()).unwrap();
    for message in &ingested.messages {
        assert_eq!(message.action, Some(action), "{}", message.path.display());
        assert!(message.findings.is_empty(), "{:#?}", message.findings);
    }
    assert_eq!(ingested.apply(&mut catalog), expected);
    let left: Vec<_> = catalog.iter().map(|r| r.upc.unwrap().to_string()).collect();
    match action {
        Action::Update => assert_eq!(left, UPCS),
        _ => assert!(left.is_empty(), "{left:?}"),
    }
    // Taken down again, or never delivered: said so, the catalog unchanged.
    if action == Action::Takedown {
        assert_eq!(
            ingested.apply(&mut catalog),
            [Applied::NotHeld, Applied::NotHeld]
        );
        assert_eq!(Applied::NotHeld.as_str(), "taken down (not held)");
        assert!(catalog.is_empty());
    }
}

#[test]
fn a_4_3_takedown_is_the_message_without_deals_and_ingests_as_a_takedown() {
    delivered_then(ErnVersion::V4_3, Action::Takedown);
}

#[test]
fn a_3_8_2_takedown_is_a_takedown_deal_and_ingests_as_a_takedown() {
    delivered_then(ErnVersion::V3_8_2, Action::Takedown);
}

#[test]
fn a_4_3_update_is_the_whole_message_again_and_ingests_as_an_update() {
    delivered_then(ErnVersion::V4_3, Action::Update);
}

#[test]
fn a_3_8_2_update_carries_its_indicator_and_ingests_as_an_update() {
    delivered_then(ErnVersion::V3_8_2, Action::Update);
}

#[test]
fn a_takedown_of_a_release_never_delivered_is_a_takedown_of_nothing_held() {
    let dir = tempfile::tempdir().unwrap();
    // A takedown needs no files: the sender may no longer have them.
    let releases = two_releases(ErnVersion::V4_3).map(|release| without_files(&release));
    let sources: Vec<Source> = releases
        .iter()
        .map(|release| Source {
            release: release.clone(),
            base: dir.path().to_path_buf(),
        })
        .collect();
    let packaged = delivery::package(
        &sources,
        &header(),
        &PackageOptions::new("20260301120000250")
            .export(ExportOptions::new().action(Action::Takedown))
            .qc(qc()),
        &dir.path().join("out"),
    )
    .unwrap();
    let ingested = delivery::ingest(&packaged.batch, &qc()).unwrap();
    assert!(
        ingested
            .messages
            .iter()
            .all(|m| m.action == Some(Action::Takedown) && m.findings.is_empty())
    );
    let mut catalog = vec![release("0614141000036", 20, 1)];
    assert_eq!(
        ingested.apply(&mut catalog),
        [Applied::NotHeld, Applied::NotHeld]
    );
    assert_eq!(catalog.len(), 1);
}

#[test]
fn a_manifest_takedown_beside_a_message_offering_deals_is_a_warning_and_the_message_wins() {
    let dir = tempfile::tempdir().unwrap();
    let releases = two_releases(ErnVersion::V4_3);
    let export = ExportOptions::new().deals(support::deals());
    let batch = package_into(dir.path(), &releases, export, "out");
    let manifest = batch.join("BatchComplete_20260301120000250.xml");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, text.replace("NewReleaseDelivery", "TakeDown")).unwrap();
    let ingested = delivery::ingest(&batch, &qc()).unwrap();
    for message in &ingested.messages {
        assert_eq!(message.action, Some(Action::Insert));
        let ids: Vec<_> = message
            .findings
            .findings()
            .iter()
            .map(|f| f.rule.id)
            .collect();
        assert_eq!(ids, ["batch.kind_mismatch"]);
    }
}

#[test]
fn deals_all_ended_by_the_message_day_read_as_a_takedown_in_every_version() {
    let release = support::for_rp14(&without_files(&release(UPCS[0], 0, 2)));
    let mut ended = support::deals();
    for deal in &mut ended {
        deal.start_date = "2025-01-01".parse().unwrap();
        // The header's day is 2026-03-01: a deal ending that day offers nothing after it.
        deal.end_date = Some("2026-03-01".parse().unwrap());
    }
    let mut one_running = ended.clone();
    one_running[1].end_date = Some("2026-03-02".parse().unwrap());
    for ern in ErnVersion::WRITE {
        let read = |deals: &[ddex::Deal]| {
            let export = ExportOptions::new().ern(ern).deals(deals.to_vec());
            let xml = ddex::export_to_string(&release, &header(), &export).unwrap();
            ddex::read(xml.as_bytes()).unwrap().action()
        };
        assert_eq!(read(&ended), Action::Takedown, "{ern}");
        assert_eq!(read(&one_running), Action::Insert, "{ern}");
        assert_eq!(read(&[]), Action::Insert, "{ern}");
    }
}

#[test]
fn a_purge_is_no_new_release_message_and_is_not_written() {
    let release = without_files(&release(UPCS[0], 0, 1));
    let export = ExportOptions::new().action(Action::Purge);
    let result = ddex::export_to_string(&release, &header(), &export);
    assert!(
        matches!(
            result,
            Err(Error::UnwritableAction {
                action: Action::Purge
            })
        ),
        "{result:?}"
    );
}
