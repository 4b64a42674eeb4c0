//! `inspect` and `decode` on the committed fixtures and on files made on the spot.

mod common;

use std::time::Duration;

use common::{album_tracks, fixtures};
use media::{Codec, Container, DamageKind, Integrity, synth};

#[test]
fn every_album_track_decodes_completely_with_its_exact_length() {
    for (i, path) in album_tracks().iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap();
        let info = media::inspect(path).unwrap();
        assert_eq!(info.integrity, Integrity::Complete, "{}", path.display());
        assert_eq!(info.sample_rate, 44_100);
        assert_eq!(info.channels, 1);
        assert_eq!(info.bits_per_sample, Some(16));
        let seconds = synth::track_seconds(number);
        assert_eq!(info.frames, u64::from(seconds) * 44_100);
        assert_eq!(info.duration(), Duration::from_secs(seconds.into()));
        assert_eq!(info.declared_frames, Some(info.frames));
        let (container, codec) = if number == synth::ALBUM_TRACKS {
            (Container::Wav, Codec::Pcm)
        } else {
            (Container::Flac, Codec::Flac)
        };
        assert_eq!((info.container, info.codec), (container, codec));
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(info.file_size, bytes.len() as u64);
        assert_eq!(info.digests, media::Digests::of(&bytes));
    }
}

#[test]
fn the_truncated_flac_is_found_and_placed() {
    let info = media::inspect(fixtures().join("broken/truncated.flac")).unwrap();
    let Integrity::Damaged(damage) = &info.integrity else {
        panic!("a truncated file decoded as complete: {info:?}");
    };
    assert_eq!(damage.kind, DamageKind::Truncated);
    // The file was cut at 3/5 of its bytes: decoding stops somewhere inside, not at 0 and not
    // at the end, and the place is where the decoded audio ends.
    assert!(
        damage.at_frame > 0 && damage.at_frame < 132_300,
        "{damage:?}"
    );
    assert_eq!(damage.at_frame, info.frames);
    assert!(damage.to_string().starts_with("truncated at "), "{damage}");
    // The digests are still those of the whole (short) file.
    let bytes = std::fs::read(fixtures().join("broken/truncated.flac")).unwrap();
    assert_eq!(info.digests, media::Digests::of(&bytes));
}

#[test]
fn a_flipped_byte_in_the_audio_is_found() {
    let good = std::fs::read(fixtures().join("album/01.flac")).unwrap();
    let mut bad = good.clone();
    let at = bad.len() / 2;
    bad[at] ^= 0x5A;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flipped.flac");
    std::fs::write(&path, &bad).unwrap();
    let info = media::inspect(&path).unwrap();
    let Integrity::Damaged(damage) = &info.integrity else {
        panic!("a corrupt file decoded as complete");
    };
    assert!(
        matches!(
            damage.kind,
            DamageKind::Corrupt | DamageKind::ChecksumMismatch
        ),
        "{damage:?}"
    );
}

#[test]
fn bit_depth_rate_and_lossy_codecs_are_reported() {
    let eight = media::inspect(fixtures().join("broken/8-bit.wav")).unwrap();
    assert_eq!(eight.bits_per_sample, Some(8));
    let low = media::inspect(fixtures().join("broken/22-khz.wav")).unwrap();
    assert_eq!(low.sample_rate, 22_050);
    assert_eq!(low.duration(), Duration::from_secs(2));
    let mp3 = media::inspect(fixtures().join("broken/silence.mp3")).unwrap();
    assert_eq!((mp3.container, mp3.codec), (Container::Mpeg, Codec::Mp3));
    assert!(!mp3.is_lossless());
    assert_eq!(mp3.bits_per_sample, None);
    assert_eq!(mp3.sample_rate, 44_100);
    assert_eq!(mp3.channels, 2);
    // 20 frames of 1152 samples at 128 kbit/s.
    let bitrate = mp3.bitrate().unwrap();
    assert!((120_000..140_000).contains(&bitrate), "{bitrate}");
}

#[test]
fn the_same_samples_in_wav_and_flac_have_one_audio_digest_and_different_file_digests() {
    let samples = synth::track_samples(5);
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("a.wav");
    let flac = dir.path().join("a.flac");
    std::fs::write(&wav, synth::wav(&samples, 1, 44_100, 16)).unwrap();
    std::fs::write(&flac, synth::flac(&samples, 1, 44_100)).unwrap();
    let (w, f) = (
        media::inspect(&wav).unwrap(),
        media::inspect(&flac).unwrap(),
    );
    assert_eq!(w.audio_digest, f.audio_digest);
    assert_ne!(w.digests, f.digests);
    let other = media::inspect(fixtures().join("album/06.flac")).unwrap();
    assert_ne!(other.audio_digest, f.audio_digest);
}

#[test]
fn decode_hands_over_every_sample_in_order() {
    let samples = synth::track_samples(2);
    let mut seen: Vec<i16> = Vec::new();
    let mut mono: Vec<f32> = Vec::new();
    let info = media::decode(fixtures().join("album/02.flac"), |block| {
        assert_eq!((block.sample_rate, block.channels), (44_100, 1));
        block.extend_i16(&mut seen);
        block.extend_mono_f32(&mut mono);
    })
    .unwrap();
    assert_eq!(seen, samples);
    assert_eq!(mono.len() as u64, info.frames);
    let expected: Vec<f32> = samples.iter().map(|&s| f32::from(s) / 32_768.0).collect();
    assert_eq!(mono, expected);
}

#[test]
fn files_that_are_not_audio_are_errors_that_name_the_file() {
    let png = fixtures().join("album/cover.png");
    let err = media::inspect(&png).unwrap_err();
    assert!(matches!(err, media::Error::UnknownFormat { .. }), "{err:?}");
    assert!(err.to_string().contains("cover.png"), "{err}");
    let missing = fixtures().join("album/missing.flac");
    let err = media::inspect(&missing).unwrap_err();
    assert!(matches!(err, media::Error::Io { .. }), "{err:?}");
}

#[test]
fn a_streaminfo_md5_that_the_samples_do_not_have_is_a_checksum_mismatch() {
    let good = std::fs::read(fixtures().join("album/01.flac")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // After `fLaC`, the block header and 18 bytes of STREAMINFO come its 16 bytes of MD5.
    let md5 = 26..42;
    let mut wrong = good.clone();
    wrong[md5.start] ^= 0x80;
    let path = dir.path().join("wrong-md5.flac");
    std::fs::write(&path, &wrong).unwrap();
    let info = media::inspect(&path).unwrap();
    let Integrity::Damaged(damage) = &info.integrity else {
        panic!("a wrong STREAMINFO MD5 went unnoticed");
    };
    assert_eq!(damage.kind, DamageKind::ChecksumMismatch);
    assert_eq!(damage.at_frame, info.frames);
    assert_eq!(damage.bad_packets, 0);
    // Every sample decoded: the audio is the good file's.
    assert_eq!(
        info.audio_digest,
        media::inspect(fixtures().join("album/01.flac"))
            .unwrap()
            .audio_digest
    );

    // An MD5 of zeros says the encoder computed none: nothing to check.
    let mut unknown = good;
    unknown[md5].fill(0);
    let path = dir.path().join("no-md5.flac");
    std::fs::write(&path, &unknown).unwrap();
    assert_eq!(
        media::inspect(&path).unwrap().integrity,
        Integrity::Complete
    );
}
