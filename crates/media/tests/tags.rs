//! Reading and writing embedded tags: round trips, the refusal to overwrite another ISRC, the
//! RIFF INFO trap, atomicity, and audio left bit for bit as it was.

mod common;

use std::path::Path;

use common::{fixtures, scratch_copy};
use media::{TagOutcome, TagUpdate};

fn isrc(text: &str) -> isrc::Isrc {
    text.parse().unwrap()
}

fn full_update() -> TagUpdate {
    let mut update = TagUpdate::isrc(isrc("QZAQQ2600007"));
    update.title = Some("Track 7".to_owned());
    update.artist = Some("One Yen".to_owned());
    update.track_number = Some(7);
    update.barcode = Some("614141000012".parse().unwrap());
    update
}

/// Writes the full update into a copy of `file` and checks everything reads back and the audio
/// did not change.
fn round_trip(file: &Path) {
    let (_dir, copy) = scratch_copy(file);
    let before = media::inspect(&copy).unwrap();
    let outcome = media::write_tags(&copy, &full_update()).unwrap();
    assert_eq!(
        outcome,
        TagOutcome::Written {
            previous_isrc: None
        },
        "{}",
        file.display()
    );
    let tags = media::read_tags(&copy).unwrap();
    assert_eq!(tags.isrc.as_deref(), Some("QZAQQ2600007"), "{tags:?}");
    assert_eq!(tags.title.as_deref(), Some("Track 7"));
    assert_eq!(tags.artist.as_deref(), Some("One Yen"));
    assert_eq!(tags.track_number, Some(7));
    assert_eq!(tags.barcode.as_deref(), Some("614141000012"));
    let after = media::inspect(&copy).unwrap();
    assert_eq!(
        after.audio_digest,
        before.audio_digest,
        "{}",
        file.display()
    );
    assert_eq!(after.frames, before.frames);
    assert!(after.integrity.is_complete());
    assert_ne!(after.digests, before.digests);
    // A second identical write changes nothing, not even the file.
    assert_eq!(
        media::write_tags(&copy, &full_update()).unwrap(),
        TagOutcome::Unchanged
    );
    assert_eq!(media::inspect(&copy).unwrap().digests, after.digests);
}

#[test]
fn tags_round_trip_in_flac_wav_and_mp3_and_the_audio_is_untouched() {
    round_trip(&fixtures().join("album/07.flac"));
    round_trip(&fixtures().join("album/13.wav"));
    round_trip(&fixtures().join("broken/silence.mp3"));
}

#[test]
fn tags_round_trip_in_aiff() {
    let dir = tempfile::tempdir().unwrap();
    let aiff = dir.path().join("a.aiff");
    // An AIFF made on the spot from the album's WAV, when sox is here to make it.
    if !common::have("sox", "sox") {
        return;
    }
    common::run(
        "sox",
        &[
            common::arg(&fixtures().join("album/13.wav")),
            common::arg(&aiff),
        ],
    );
    round_trip(&aiff);
}

#[test]
fn a_different_isrc_is_not_overwritten_unless_asked() {
    let (_dir, copy) = scratch_copy(&fixtures().join("broken/wrong-isrc.flac"));
    let before = std::fs::read(&copy).unwrap();
    let err = media::write_tags(&copy, &TagUpdate::isrc(isrc("QZAQQ2600002"))).unwrap_err();
    assert!(matches!(err, media::Error::IsrcConflict { .. }), "{err:?}");
    assert!(err.to_string().contains("QZAQQ2600099"), "{err}");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        before,
        "a refused write changed the file"
    );

    let mut replace = TagUpdate::isrc(isrc("QZAQQ2600002"));
    replace.replace_isrc = true;
    let outcome = media::write_tags(&copy, &replace).unwrap();
    assert_eq!(
        outcome,
        TagOutcome::Written {
            previous_isrc: Some("QZAQQ2600099".to_owned())
        }
    );
    assert_eq!(
        media::read_tags(&copy).unwrap().isrc.as_deref(),
        Some("QZAQQ2600002")
    );
}

#[test]
fn the_same_isrc_in_another_spelling_is_not_a_conflict_and_is_made_canonical() {
    let (_dir, copy) = scratch_copy(&fixtures().join("album/03.flac"));
    // A file tagged by another tool with the hyphenated spelling.
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&copy)
        .unwrap();
    let mut tag = lofty::tag::Tag::new(lofty::tag::TagType::VorbisComments);
    tag.insert_text(lofty::tag::ItemKey::Isrc, "QZ-AQQ-26-00003".to_owned());
    lofty::tag::TagExt::save_to(&tag, &mut file, lofty::config::WriteOptions::default()).unwrap();
    drop(file);
    assert_eq!(
        media::read_tags(&copy).unwrap().isrc.as_deref(),
        Some("QZ-AQQ-26-00003")
    );
    // Not a conflict: the same code, rewritten in its canonical form.
    let outcome = media::write_tags(&copy, &TagUpdate::isrc(isrc("QZAQQ2600003"))).unwrap();
    assert_eq!(
        outcome,
        TagOutcome::Written {
            previous_isrc: Some("QZ-AQQ-26-00003".to_owned())
        }
    );
    assert_eq!(
        media::read_tags(&copy).unwrap().isrc.as_deref(),
        Some("QZAQQ2600003")
    );
}

#[test]
fn riff_info_isrc_means_source_and_is_never_read_as_the_code() {
    use lofty::config::WriteOptions;
    use lofty::iff::wav::RiffInfoList;
    use lofty::tag::TagExt;

    let (_dir, copy) = scratch_copy(&fixtures().join("album/13.wav"));
    let mut info = RiffInfoList::default();
    // INFO/ISRC is "source": who supplied the material.
    info.insert("ISRC".to_owned(), "Studio tape archive".to_owned());
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&copy)
        .unwrap();
    info.save_to(&mut file, WriteOptions::default()).unwrap();
    drop(file);
    assert_eq!(media::read_tags(&copy).unwrap().isrc, None);
    // Writing the code puts it in ID3v2 TSRC, and the INFO "source" stays what it was.
    media::write_tags(&copy, &TagUpdate::isrc(isrc("QZAQQ2600013"))).unwrap();
    assert_eq!(
        media::read_tags(&copy).unwrap().isrc.as_deref(),
        Some("QZAQQ2600013")
    );
    let bytes = std::fs::read(&copy).unwrap();
    let at = bytes
        .windows(4)
        .position(|w| w == b"ISRC")
        .expect("the INFO entry is kept");
    assert_eq!(&bytes[at + 8..at + 27], b"Studio tape archive");
}

#[cfg(unix)]
#[test]
fn a_write_keeps_the_file_mode_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;

    let (dir, copy) = scratch_copy(&fixtures().join("album/08.flac"));
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o640)).unwrap();
    media::write_tags(&copy, &TagUpdate::isrc(isrc("QZAQQ2600008"))).unwrap();
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("08.flac")]);
}

#[test]
fn a_file_that_is_not_audio_is_refused_and_left_alone() {
    let (_dir, copy) = scratch_copy(&fixtures().join("album/cover.png"));
    let before = std::fs::read(&copy).unwrap();
    let err = media::write_tags(&copy, &TagUpdate::isrc(isrc("QZAQQ2600001"))).unwrap_err();
    assert!(matches!(err, media::Error::Tags { .. }), "{err:?}");
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}
