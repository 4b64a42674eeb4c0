//! `media identify`, `release assign --media` and `ledger fingerprint` on generated music:
//! a recording already issued an ISRC keeps it when it comes back re-encoded on another
//! release, and two processes assigning the same new recording end with one code.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::run_in;
use media::fingerprint::music::{Instrument, Performance, Score};

/// Eight seconds of recording `seed`, stereo 44.1 kHz, scaled by `gain`.
fn song(seed: u64, gain: f64) -> Vec<i16> {
    let score = Score::new(seed, 8);
    Performance {
        score: &score,
        instrument: Instrument::ALL[(seed % 4) as usize],
        tempo: 100.0 + seed as f64 * 4.0,
        seed,
    }
    .render(8.0, 44_100, 2)
    .iter()
    .map(|&s| (f64::from(s) * gain).round() as i16)
    .collect()
}

fn write_flac(dir: &Path, name: &str, seed: u64) {
    std::fs::write(
        dir.join(name),
        media::synth::flac(&song(seed, 1.0), 2, 44_100),
    )
    .unwrap();
}

/// A re-encoded master: WAV, 3 dB quieter.
fn write_wav_quieter(dir: &Path, name: &str, seed: u64) {
    let quieter = song(seed, 10f64.powf(-3.0 / 20.0));
    std::fs::write(dir.join(name), media::synth::wav(&quieter, 2, 44_100, 16)).unwrap();
}

/// A draft release titled `title` whose tracks are `files`.
fn draft(dir: &Path, name: &str, title: &str, files: &[&str]) {
    let tracks: Vec<serde_json::Value> = files
        .iter()
        .enumerate()
        .map(|(index, file)| {
            serde_json::json!({
                "disc": 1, "number": index + 1, "title": format!("Track {}", index + 1),
                "duration": "PT10S", "explicit": false, "file": file
            })
        })
        .collect();
    let release = serde_json::json!({
        "title": title, "artist": "One Yen", "label": "Leerecs", "release_type": "album",
        "release_date": "2026-03-01", "tracks": tracks
    });
    std::fs::write(dir.join(name), serde_json::to_vec_pretty(&release).unwrap()).unwrap();
}

fn assign(dir: &Path, input: &str, output: &str, media: bool) -> common::Run {
    assign_with(dir, input, output, media, &[])
}

/// `release assign` with `extra` arguments.
fn assign_with(dir: &Path, input: &str, output: &str, media: bool, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "release",
        "assign",
        input,
        "--isrc-prefix",
        "QZAQQ",
        "--year",
        "2026",
        "--ledger",
        "catalog.ledger",
        "-o",
        output,
    ];
    if media {
        args.push("--media");
    }
    args.extend_from_slice(extra);
    run_in(Some(dir), &args, b"")
}

fn isrcs(dir: &Path, file: &str) -> Vec<String> {
    common::track_isrcs(&dir.join(file))
}

fn init(dir: &Path) {
    let init = run_in(
        Some(dir),
        &["ledger", "init", "--ledger", "catalog.ledger"],
        b"",
    );
    assert_eq!(init.code, Some(0), "{init:?}");
}

#[test]
fn assign_with_media_reuses_the_isrc_of_a_known_recording_and_identify_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    init(dir);
    write_flac(dir, "single.flac", 1);
    draft(dir, "single.json", "Single", &["single.flac"]);
    let first = assign(dir, "single.json", "single.out.json", true);
    assert_eq!(first.code, Some(0), "{first:?}");
    assert_eq!(isrcs(dir, "single.out.json"), ["QZAQQ2600001"]);

    // The album: the single again (re-encoded: WAV, −3 dB) and two new recordings.
    write_wav_quieter(dir, "album-1.wav", 1);
    write_flac(dir, "album-2.flac", 2);
    write_flac(dir, "album-3.flac", 3);
    draft(
        dir,
        "album.json",
        "Album",
        &["album-1.wav", "album-2.flac", "album-3.flac"],
    );
    let album = assign(dir, "album.json", "album.out.json", true);
    assert_eq!(album.code, Some(0), "{album:?}");
    assert_eq!(
        isrcs(dir, "album.out.json"),
        ["QZAQQ2600001", "QZAQQ2600002", "QZAQQ2600003"]
    );
    assert!(
        album.stderr.contains(
            "album.json: release 1 \"Album\", disc 1 track 1: warning [media.recording_known] \
             reuses QZAQQ2600001, issued for One Yen / Single / disc 1 track 1"
        ),
        "{}",
        album.stderr
    );
    assert_eq!(album.stderr.matches("media.recording_known").count(), 1);
    assert!(album.stderr.contains("issued 2 codes"), "{}", album.stderr);

    // Again under other keys, as JSON: the codes and the finding as objects on stdout.
    let json = assign_with(
        dir,
        "album.json",
        "album.again.json",
        true,
        &["--key", "re-run", "--format", "json"],
    );
    assert_eq!(json.code, Some(0), "{json:?}");
    let objects: Vec<serde_json::Value> = json
        .lines()
        .iter()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let findings: Vec<&serde_json::Value> =
        objects.iter().filter(|o| o.get("rule").is_some()).collect();
    // Each track's recording is known now: three findings, no new code.
    assert_eq!(findings.len(), 3, "{objects:?}");
    assert_eq!(findings[0]["rule"], "media.recording_known");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(
        (findings[0]["disc"].as_u64(), findings[0]["track"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .contains("QZAQQ2600001, issued for One Yen / Single / disc 1 track 1"),
        "{objects:?}"
    );
    assert!(
        findings[2]["message"]
            .as_str()
            .unwrap()
            .contains("QZAQQ2600003, issued for One Yen / Album / disc 1 track 3"),
        "{objects:?}"
    );
    let codes: Vec<&str> = objects
        .iter()
        .filter_map(|o| o.get("code").and_then(|c| c.as_str()))
        .collect();
    assert_eq!(codes, ["QZAQQ2600001", "QZAQQ2600002", "QZAQQ2600003"]);
    assert!(json.stderr.contains("issued 0 codes"), "{}", json.stderr);

    let identify = run_in(
        Some(dir),
        &[
            "media",
            "identify",
            "album-1.wav",
            "album-3.flac",
            "--ledger",
            "catalog.ledger",
        ],
        b"",
    );
    assert_eq!(identify.code, Some(0), "{identify:?}");
    let lines = identify.lines();
    assert!(
        lines[0].starts_with("album-1.wav\tQZAQQ2600001\t"),
        "{lines:?}"
    );
    assert!(
        lines[0].ends_with("\tOne Yen / Single / disc 1 track 1"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("album-3.flac\tQZAQQ2600003\t"),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 2, "{lines:?}");

    // Something never issued is named as no match.
    write_flac(dir, "unknown.flac", 9);
    let none = run_in(
        Some(dir),
        &[
            "media",
            "identify",
            "unknown.flac",
            "--ledger",
            "catalog.ledger",
        ],
        b"",
    );
    assert_eq!(none.lines(), ["unknown.flac\t-"]);
}

#[test]
fn ledger_fingerprint_back_fills_codes_issued_without_media() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    init(dir);
    write_flac(dir, "old.flac", 4);
    draft(dir, "old.json", "Old", &["old.flac"]);
    assert_eq!(assign(dir, "old.json", "old.out.json", false).code, Some(0));
    let before = run_in(
        Some(dir),
        &[
            "media",
            "identify",
            "old.flac",
            "--ledger",
            "catalog.ledger",
        ],
        b"",
    );
    assert_eq!(before.lines(), ["old.flac\t-"]);

    let fill = run_in(
        Some(dir),
        &[
            "ledger",
            "fingerprint",
            "old.out.json",
            "--ledger",
            "catalog.ledger",
        ],
        b"",
    );
    assert_eq!(fill.code, Some(0), "{fill:?}");
    assert_eq!(fill.lines().len(), 1);
    assert!(
        fill.lines()[0].starts_with("QZAQQ2600001\tadded\t"),
        "{fill:?}"
    );
    let again = run_in(
        Some(dir),
        &[
            "ledger",
            "fingerprint",
            "old.out.json",
            "--ledger",
            "catalog.ledger",
        ],
        b"",
    );
    assert!(
        again.lines()[0].starts_with("QZAQQ2600001\tunchanged\t"),
        "{again:?}"
    );

    let after = run_in(
        Some(dir),
        &[
            "media",
            "identify",
            "old.flac",
            "--ledger",
            "catalog.ledger",
        ],
        b"",
    );
    assert!(
        after.lines()[0].starts_with("old.flac\tQZAQQ2600001\t"),
        "{after:?}"
    );
}

#[test]
fn two_concurrent_assigns_of_the_same_new_audio_end_with_one_code() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    init(dir);
    write_flac(dir, "a.flac", 5);
    write_wav_quieter(dir, "b.wav", 5);
    draft(dir, "a.json", "Draft A", &["a.flac"]);
    draft(dir, "b.json", "Draft B", &["b.wav"]);
    let spawn = |input: &str, output: &str| {
        common::musicid()
            .current_dir(dir)
            .args([
                "release",
                "assign",
                input,
                "--isrc-prefix",
                "QZAQQ",
                "--year",
                "2026",
                "--ledger",
                "catalog.ledger",
                "-o",
                output,
                "--media",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("a.json", "a.out.json"), spawn("b.json", "b.out.json"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(isrcs(dir, "a.out.json"), isrcs(dir, "b.out.json"));
    assert_eq!(isrcs(dir, "a.out.json"), ["QZAQQ2600001"]);
}
