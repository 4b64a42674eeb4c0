//! Our measurements beside the reference tools' on every audio fixture: `soxi` (sox),
//! `metaflac` and `flac -t` (flac), `id3v2` (id3lib). On CI (`CI=true`) a missing tool fails
//! the test; elsewhere the test says on stderr that it skipped.

mod common;

use std::path::{Path, PathBuf};

use common::{arg, fixtures, have, run, scratch_copy, succeeds};
use md5::{Digest, Md5};
use media::{Integrity, TagUpdate};

fn audio_fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["album", "broken"] {
        for entry in std::fs::read_dir(fixtures().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("flac" | "wav" | "mp3")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(
        files.len() >= 18,
        "the media fixtures are missing: run `cargo xtask fixtures`"
    );
    files
}

fn soxi(flag: &str, path: &Path) -> String {
    run("soxi", &[flag, arg(path)])
}

/// Our details against soxi's on a file sox reads.
fn agrees_with_soxi(path: &Path) {
    let info = media::inspect(path).unwrap();
    let name = path.display();
    assert_eq!(
        soxi("-r", path),
        info.sample_rate.to_string(),
        "{name}: rate"
    );
    assert_eq!(
        soxi("-c", path),
        info.channels.to_string(),
        "{name}: channels"
    );
    if let Some(bits) = info.bits_per_sample {
        assert_eq!(soxi("-b", path), bits.to_string(), "{name}: bits");
    }
    if info.integrity.is_complete() {
        assert_eq!(soxi("-s", path), info.frames.to_string(), "{name}: samples");
        let seconds: f64 = soxi("-D", path).parse().unwrap();
        assert!(
            (seconds - info.duration().as_secs_f64()).abs() < 1e-3,
            "{name}: {seconds}"
        );
    } else {
        // sox takes the header's word for the length; we say how much actually decodes.
        assert!(
            info.frames < soxi("-s", path).parse::<u64>().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn details_agree_with_soxi_on_every_fixture_sox_reads() {
    if !have("soxi", "sox") {
        return;
    }
    for path in audio_fixtures() {
        // This sox build reads no MP3 (Debian's sox lacks libmad).
        if path.extension().is_some_and(|e| e == "mp3") {
            continue;
        }
        agrees_with_soxi(&path);
    }
}

#[test]
fn details_agree_with_soxi_on_aiff_and_ogg_vorbis_made_by_sox() {
    if !have("sox", "sox") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for ext in ["aiff", "ogg"] {
        let out = dir.path().join(format!("made.{ext}"));
        run("sox", &[arg(&fixtures().join("album/02.flac")), arg(&out)]);
        agrees_with_soxi(&out);
        assert!(media::inspect(&out).unwrap().integrity.is_complete());
    }
}

#[test]
fn details_agree_with_metaflac_on_every_flac_fixture() {
    if !have("metaflac", "flac") {
        return;
    }
    for path in audio_fixtures() {
        if path.extension().is_none_or(|e| e != "flac") {
            continue;
        }
        let show = |what: &str| run("metaflac", &[&format!("--show-{what}"), arg(&path)]);
        let name = path.display();
        let mut md5 = Md5::new();
        let info = media::decode(&path, |block| {
            // FLAC's MD5 is over the samples at their own width, little-endian, interleaved.
            for &s in block.interleaved() {
                md5.update(((s >> 16) as i16).to_le_bytes());
            }
        })
        .unwrap();
        assert_eq!(show("sample-rate"), info.sample_rate.to_string(), "{name}");
        assert_eq!(show("channels"), info.channels.to_string(), "{name}");
        assert_eq!(
            show("bps"),
            info.bits_per_sample.unwrap().to_string(),
            "{name}"
        );
        assert_eq!(
            show("total-samples"),
            info.declared_frames.unwrap().to_string(),
            "{name}"
        );
        if info.integrity.is_complete() {
            assert_eq!(show("total-samples"), info.frames.to_string(), "{name}");
            // Every sample we decode is the reference's: the MD5 over them is STREAMINFO's.
            let ours = media::Hex(&md5.finalize()).to_string();
            assert_eq!(show("md5sum"), ours, "{name}");
        }
    }
}

#[test]
fn a_file_flac_rejects_we_reject_and_the_ones_it_accepts_we_accept() {
    if !have("flac", "flac") {
        return;
    }
    let mut cases: Vec<PathBuf> = audio_fixtures()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "flac"))
        .collect();
    // Damage beyond the committed truncation: flipped bytes through the frames.
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(fixtures().join("album/09.flac")).unwrap();
    for (i, fraction) in [0.2, 0.45, 0.7, 0.95].into_iter().enumerate() {
        let mut bad = good.clone();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let at = (bad.len() as f64 * fraction) as usize;
        bad[at] ^= 0x10;
        let path = dir.path().join(format!("flipped-{i}.flac"));
        std::fs::write(&path, bad).unwrap();
        cases.push(path);
    }
    let mut rejected = 0;
    for path in cases {
        let flac_ok = succeeds("flac", &["-t", "-s", arg(&path)]);
        let ours = media::inspect(&path).map(|i| i.integrity);
        let ours_ok = matches!(ours, Ok(Integrity::Complete));
        assert_eq!(
            ours_ok,
            flac_ok,
            "{}: flac -t ok={flac_ok}, we say {ours:?}",
            path.display()
        );
        rejected += usize::from(!flac_ok);
    }
    assert!(
        rejected >= 5,
        "the damaged files were not damaged enough to test anything"
    );
}

#[test]
fn the_isrc_we_write_is_what_metaflac_and_id3v2_read() {
    if have("metaflac", "flac") {
        let (_dir, copy) = scratch_copy(&fixtures().join("album/04.flac"));
        media::write_tags(&copy, &TagUpdate::isrc("QZAQQ2600004".parse().unwrap())).unwrap();
        assert_eq!(
            run("metaflac", &["--show-tag=ISRC", arg(&copy)]),
            "ISRC=QZAQQ2600004"
        );
        assert!(
            succeeds("flac", &["-t", "-s", arg(&copy)]),
            "flac -t refuses the tagged file"
        );
    }
    if have("id3v2", "id3v2") {
        let (_dir, copy) = scratch_copy(&fixtures().join("broken/silence.mp3"));
        media::write_tags(&copy, &TagUpdate::isrc("QZAQQ2600005".parse().unwrap())).unwrap();
        let listing = run("id3v2", &["-l", arg(&copy)]);
        let line = listing
            .lines()
            .find(|l| l.starts_with("TSRC"))
            .unwrap_or_else(|| panic!("no TSRC frame in:\n{listing}"));
        assert!(line.ends_with(": QZAQQ2600005"), "{line}");
    }
}

#[test]
fn what_metaflac_and_id3v2_write_we_read() {
    if have("metaflac", "flac") {
        let (_dir, copy) = scratch_copy(&fixtures().join("album/05.flac"));
        run(
            "metaflac",
            &[
                "--set-tag=ISRC=QZAQQ2600005",
                "--set-tag=TITLE=Five",
                arg(&copy),
            ],
        );
        let tags = media::read_tags(&copy).unwrap();
        assert_eq!(tags.isrc.as_deref(), Some("QZAQQ2600005"));
        assert_eq!(tags.title.as_deref(), Some("Five"));
    }
    if have("id3v2", "id3v2") {
        let (_dir, copy) = scratch_copy(&fixtures().join("broken/silence.mp3"));
        run(
            "id3v2",
            &["--TSRC", "QZAQQ2600006", "-t", "Six", arg(&copy)],
        );
        let tags = media::read_tags(&copy).unwrap();
        assert_eq!(tags.isrc.as_deref(), Some("QZAQQ2600006"));
        assert_eq!(tags.title.as_deref(), Some("Six"));
    }
}

/// A FLAC stream of `channels` channels of `bits`-bit noise-like samples, by `flacenc` (which
/// writes STREAMINFO's MD5).
fn flac_at_depth(bits: usize, channels: usize, frames: usize) -> Vec<u8> {
    use flacenc::component::BitRepr;
    use flacenc::error::Verify;

    let mut state = 0x9e37_79b9_u32;
    let top = 1i64 << (bits - 1);
    let samples: Vec<i32> = (0..frames * channels)
        .map(|i| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            // A slow wave plus a little noise, across the whole range of the depth.
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
            let wave = ((i / channels) as f64 / 40.0).sin() * (top as f64 * 0.9);
            let noise = i64::from(state >> 24) - 128;
            #[allow(clippy::cast_possible_truncation)]
            let s = (wave as i64 + noise).clamp(-top, top - 1) as i32;
            s
        })
        .collect();
    let config = flacenc::config::Encoder::default()
        .into_verified()
        .expect("the default configuration");
    let source = flacenc::source::MemSource::from_samples(&samples, channels, bits, 44_100);
    let stream = flacenc::encode_with_fixed_block_size(&config, source, config.block_size)
        .expect("encoding in memory");
    let mut sink = flacenc::bitsink::ByteSink::new();
    stream.write(&mut sink).expect("FLAC into memory");
    let mut bytes = sink.into_inner();
    // STREAMINFO's minimum block size excludes the last block (see `synth::flac`).
    bytes.copy_within(10..12, 8);
    bytes
}

#[test]
fn the_streaminfo_md5_check_agrees_with_flac_at_every_bit_depth() {
    if !have("flac", "flac") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (bits, channels) in [(8, 2), (12, 1), (16, 2), (16, 3), (20, 2), (24, 2), (24, 1)] {
        let good = flac_at_depth(bits, channels, 20_000);
        // After `fLaC`, the block header and 18 bytes of STREAMINFO come its 16 bytes of MD5.
        let mut bad_md5 = good.clone();
        bad_md5[26 + 7] ^= 0x01;
        for (name, bytes, intact) in [("good", good, true), ("bad-md5", bad_md5, false)] {
            let path = dir
                .path()
                .join(format!("{bits}-bit-{channels}-{name}.flac"));
            std::fs::write(&path, bytes).unwrap();
            let flac_ok = succeeds("flac", &["-t", "-s", arg(&path)]);
            assert_eq!(flac_ok, intact, "{}: flac -t", path.display());
            let info = media::inspect(&path).unwrap();
            assert_eq!(info.bits_per_sample, Some(u32::try_from(bits).unwrap()));
            assert_eq!(info.frames, 20_000, "{}", path.display());
            match &info.integrity {
                Integrity::Complete => assert!(intact, "{}: complete", path.display()),
                Integrity::Damaged(damage) => {
                    assert!(!intact, "{}: {damage}", path.display());
                    assert_eq!(damage.kind, media::DamageKind::ChecksumMismatch);
                }
            }
        }
    }
}
