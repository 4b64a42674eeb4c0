//! Every message of the shared DDEX corpus and samples (47 public messages of ERN 3.2 … 4.3,
//! read from `../shared/ddex`, never copied): each release message gives its release with
//! every ISRC and ICPN it carries (in the release or in a note saying it was left out), each
//! purge is recognised, each malformed message gives an error with its line, none panics,
//! and versions older than 3.7 are refused as such.

mod support;

use std::path::Path;

use ddex::{Action, Delivery, Error};
use support::{shared_dir, xml_files};

/// The texts of every `<NAME>` element in `text` (any prefix), trimmed, without duplicates.
fn values_of(text: &str, name: &str) -> Vec<String> {
    let mut values = Vec::new();
    let open = format!("{name}>");
    let mut rest = text;
    while let Some(at) = rest.find(&open) {
        let before = &rest[..at];
        rest = &rest[at + open.len()..];
        // `<ISRC>` or `<ern:ISRC>`, not `</ISRC>` or `<IndirectISRC>`.
        let tag_start = before.rfind('<').map(|i| &before[i + 1..]);
        let Some(tag) = tag_start else { continue };
        if tag.starts_with('/') || !(tag.is_empty() || tag.ends_with(':')) {
            continue;
        }
        let value = rest[..rest.find('<').unwrap_or(rest.len())]
            .trim()
            .to_owned();
        if !value.is_empty() && !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn version_of(path: &Path) -> &str {
    path.parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
}

#[test]
fn every_release_message_gives_its_release_with_every_isrc_and_icpn() {
    let Some(shared) = shared_dir() else { return };
    let mut files = xml_files(&shared.join("corpus"));
    files.extend(xml_files(&shared.join("samples")));
    let mut read = 0;
    for path in files {
        let folder = version_of(&path);
        if matches!(folder, "malformed" | "manifests" | "ern3x") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display();
        // A schema instance generated at random (see the corpus's SOURCES.md): it refers to
        // party `Pxx_M`, which no party is, so the schema's IDREF rule rejects it too.
        if path.ends_with("ern41/sshaw_ern41_instance1.xml") {
            let error = ddex::read(&bytes).unwrap_err();
            assert!(matches!(error, Error::Dangling { .. }), "{name}: {error}");
            continue;
        }
        let delivery = ddex::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = text_of(&path);
        let Delivery::Release(imported) = delivery else {
            assert!(
                text.contains("PurgeReleaseMessage"),
                "{name}: read as a purge"
            );
            continue;
        };
        read += 1;
        let notes: String = imported.notes.iter().map(|n| format!("{n}\n")).collect();
        let release = &imported.release;
        assert!(
            !release.tracks.is_empty() || !notes.is_empty(),
            "{name}: nothing read"
        );
        for isrc in values_of(&text, "ISRC") {
            let in_release = release.tracks.iter().any(|track| {
                track
                    .isrc
                    .is_some_and(|code| code.to_string() == isrc.replace('-', "").to_uppercase())
            });
            assert!(
                in_release || notes.contains(&isrc),
                "{name}: isrc {isrc} neither in the release nor in a note:\n{notes}"
            );
        }
        for icpn in values_of(&text, "ICPN") {
            let is_upc = release.upc.is_some_and(|upc| {
                upc.to_string().trim_start_matches('0') == icpn.trim_start_matches('0')
            });
            assert!(
                is_upc || notes.contains(&icpn),
                "{name}: icpn {icpn} neither the release's upc nor in a note:\n{notes}"
            );
        }
    }
    assert!(
        read >= 35,
        "expected the corpus's release messages, read {read}"
    );
}

#[test]
fn purges_updates_and_takedowns_are_recognised() {
    let Some(shared) = shared_dir() else { return };
    let corpus = shared.join("corpus");
    let read = |name: &str| ddex::read(&std::fs::read(corpus.join(name)).unwrap()).unwrap();
    for purge in [
        "ern382/audius_03_delete.xml",
        "ern382/dedex_017_purge_7665431654967.xml",
    ] {
        assert_eq!(read(purge).action(), Action::Purge, "{purge}");
    }
    let Delivery::Purge(purged) = read("ern382/dedex_017_purge_7665431654967.xml") else {
        panic!("a purge");
    };
    assert!(
        purged.describe().contains("7665431654967"),
        "{}",
        purged.describe()
    );
    assert_eq!(purged.title.as_deref(), Some("Whoa"));
    assert!(purged.test);
    // The second Audius message updates the first only in the recipient's eyes: it has no
    // UpdateIndicator, so the message itself is a whole release, an insert.
    assert_eq!(read("ern382/audius_02_update.xml").action(), Action::Insert);
    assert_eq!(
        read("ern382/audius_01_delivery.xml").action(),
        Action::Insert
    );
    let error = ddex::import(&std::fs::read(corpus.join("ern382/audius_03_delete.xml")).unwrap())
        .unwrap_err();
    assert!(matches!(error, Error::Purge { .. }), "{error}");
}

#[test]
fn malformed_messages_give_an_error_with_its_line() {
    let Some(shared) = shared_dir() else { return };
    let files = xml_files(&shared.join("corpus/malformed"));
    assert!(
        files.len() >= 8,
        "expected the malformed corpus, found {}",
        files.len()
    );
    for path in files {
        let error = ddex::read(&std::fs::read(&path).unwrap())
            .err()
            .unwrap_or_else(|| panic!("{}: read without an error", path.display()));
        let position = error
            .position()
            .unwrap_or_else(|| panic!("{}: no position in {error}", path.display()));
        assert!(position.line >= 1, "{}: {error}", path.display());
        assert!(
            error.to_string().contains("line "),
            "{}: {error}",
            path.display()
        );
    }
}

#[test]
fn versions_older_than_3_7_and_manifests_are_refused_clearly() {
    let Some(shared) = shared_dir() else { return };
    for path in xml_files(&shared.join("corpus/ern3x")) {
        let error = ddex::read(&std::fs::read(&path).unwrap()).unwrap_err();
        assert!(
            matches!(error, Error::Version { .. }),
            "{}: {error}",
            path.display()
        );
        assert!(
            error.to_string().contains("unsupported ern version 3."),
            "{error}"
        );
    }
    for path in xml_files(&shared.join("corpus/manifests")) {
        let error = ddex::read(&std::fs::read(&path).unwrap()).unwrap_err();
        assert!(
            matches!(error, Error::Root { .. } | Error::Namespace { .. }),
            "{}: {error}",
            path.display()
        );
    }
}

#[test]
fn the_whole_corpus_reads_in_parallel_into_one_catalog_in_file_order() {
    let Some(shared) = shared_dir() else { return };
    let files = ddex::xml_files(&[shared.join("corpus"), shared.join("samples")]).unwrap();
    let two = std::num::NonZeroUsize::new(2).unwrap();
    let one = std::num::NonZeroUsize::new(1).unwrap();
    let parallel = ddex::read_files(&files, two);
    let serial = ddex::read_files(&files, one);
    assert_eq!(parallel.files.len(), files.len());
    for ((a, b), path) in parallel.files.iter().zip(&serial.files).zip(&files) {
        assert_eq!(&a.path, path);
        assert_eq!(
            a.outcome.as_ref().ok(),
            b.outcome.as_ref().ok(),
            "{}",
            path.display()
        );
        assert_eq!(a.outcome.is_err(), b.outcome.is_err(), "{}", path.display());
    }
    let releases = parallel
        .files
        .iter()
        .filter(|file| matches!(file.outcome, Ok(Delivery::Release(_))))
        .count();
    assert_eq!(parallel.catalog().releases.len(), releases);
    assert!(releases >= 35, "{releases}");
    // The refused: the malformed eight, the four older than 3.7, the two manifests, and the
    // generated instance with a dangling reference.
    assert_eq!(parallel.error_count(), 15);
}

/// The text of each `SoundRecording` of the message (the model's tracks).
fn sound_recordings(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("<SoundRecording>") {
        rest = &rest[at..];
        let end = rest.find("</SoundRecording>").unwrap_or(rest.len());
        found.push(&rest[..end]);
        rest = &rest[end..];
    }
    found
}

/// Whether a sound recording of the message states a contributor (ERN 4 `Contributor`,
/// ERN 3 `ResourceContributor`) or a work's writer (ERN 3 `IndirectResourceContributor`).
fn states_credits(text: &str) -> bool {
    let tags = [
        "<Contributor>",
        "<Contributor ",
        "<ResourceContributor",
        "<IndirectResourceContributor",
    ];
    sound_recordings(text)
        .iter()
        .any(|recording| tags.iter().any(|tag| recording.contains(tag)))
}

#[test]
fn every_message_stating_credits_gives_them() {
    let Some(shared) = shared_dir() else { return };
    let mut files = xml_files(&shared.join("corpus"));
    files.extend(xml_files(&shared.join("samples")));
    let (mut stated, mut given, mut ern3_given, mut writers_given) = (0, 0, 0, 0);
    for path in files {
        if matches!(version_of(&path), "malformed" | "manifests" | "ern3x") {
            continue;
        }
        let Ok(Delivery::Release(imported)) = ddex::read(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let text = text_of(&path);
        let release = &imported.release;
        let credited = !release.contributors.is_empty()
            || release
                .tracks
                .iter()
                .any(|track| !track.contributors.is_empty());
        let writers = release.tracks.iter().any(|track| {
            track
                .work
                .as_ref()
                .is_some_and(|work| !work.writers.is_empty())
        });
        if states_credits(&text) {
            stated += 1;
            assert!(
                credited || writers,
                "{}: the message states credits, none read",
                path.display()
            );
        }
        if sound_recordings(&text)
            .iter()
            .any(|recording| recording.contains("<IndirectResourceContributor"))
        {
            assert!(
                writers,
                "{}: the message names writers, none read",
                path.display()
            );
            writers_given += 1;
        }
        if credited || writers {
            given += 1;
            if imported.version.family() == ddex::Family::Ern3 {
                ern3_given += 1;
            }
        }
        assert!(
            !imported
                .notes
                .iter()
                .any(|note| note.message.contains("contributor")),
            "{}: a credit noted as left out",
            path.display()
        );
    }
    eprintln!(
        "{given} messages give credits ({ern3_given} of ERN 3, {writers_given} with writers); {stated} state contributors"
    );
    // The corpus's ERN 3.7 and 3.8.2 messages with credits: 3.7 D2, FUGA's 3.7.1 (featured
    // display artists) and UMG's test message, the Audius messages with deal types and for
    // YouTube, DDEX's RP 1.4 album, dedex's message without a deal, and Jugodisk's.
    assert_eq!(ern3_given, 8, "ERN 3 messages that gave credits");
    assert!(given >= stated);
}

/// The fuzz target's law on the real messages: each release read (with the ℗ and © lines and
/// the release type ERN 3.8.2's profile asks for, and a genre, when it lacks them), written
/// again in each version the writer writes under a header of our own (when the writer
/// accepts the release), reads back as what that version carries of it (`ddex::carried`),
/// credits included.
#[test]
fn every_release_read_is_written_again_as_each_version_carries_it() {
    let Some(shared) = shared_dir() else { return };
    let mut files = xml_files(&shared.join("corpus"));
    files.extend(xml_files(&shared.join("samples")));
    let (mut written, mut credited) = (0, 0);
    for path in files {
        let Ok(Delivery::Release(imported)) = ddex::read(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let mut release = support::for_rp14(&imported.release);
        release
            .genre
            .get_or_insert_with(|| support::GENRE.to_owned());
        release
            .release_type
            .get_or_insert(release_model::ReleaseType::Album);
        for version in ddex::ErnVersion::WRITE {
            let options = ddex::ExportOptions::new()
                .ern(version)
                .deals(imported.deals.clone());
            let Ok(xml) = ddex::export_to_string(&release, &support::header(), &options) else {
                continue;
            };
            written += 1;
            let carried = ddex::carried(&release, version);
            if carried
                .tracks
                .iter()
                .any(|track| !track.contributors.is_empty())
            {
                credited += 1;
            }
            let again = ddex::import(xml.as_bytes())
                .unwrap_or_else(|e| panic!("{} as {version}: {e}", path.display()));
            assert_eq!(again.release, carried, "{} as {version}", path.display());
        }
    }
    eprintln!("{written} messages written again and read back, {credited} with track credits");
    assert!(
        credited >= 10,
        "{credited} messages with track credits written again"
    );
}
