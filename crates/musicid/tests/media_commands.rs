//! `media inspect`, `media tag`, `release check-media` and `release tag-media` on the committed
//! media fixtures: what they print, what they write, and their exit codes (0 clean, 1 invalid
//! input found, 2 usage or I/O error).

mod common;

use std::path::{Path, PathBuf};

use common::{Run, assert_code, assert_contains, in_dir, run};
use md5::Md5;
use sha2::{Digest, Sha256};

fn media_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/media")
}

fn fixture(name: &str) -> PathBuf {
    let path = media_fixtures().join(name);
    assert!(
        path.is_file(),
        "{}: missing (`cargo xtask fixtures` writes it)",
        path.display()
    );
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A copy of the album folder (its 13 recordings, cover and release file) to change.
fn album_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(media_fixtures().join("album")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The rule ids of a `--format json` report, one `(track, rule)` per finding (track 0 for
/// the release itself).
fn rules(run: &Run) -> Vec<(u64, String)> {
    let mut rules: Vec<(u64, String)> = run
        .json_lines()
        .iter()
        .filter(|line| line.get("rule").is_some())
        .map(|line| {
            (
                line["track"].as_u64().unwrap_or(0),
                line["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    rules.sort();
    rules
}

fn inspect_json(files: &[&Path]) -> (Run, Vec<serde_json::Value>) {
    let mut args = vec!["media", "inspect", "--format", "json"];
    args.extend(files.iter().map(|f| arg(f)));
    let run = run(&args, b"");
    let lines = run.json_lines();
    (run, lines)
}

#[test]
fn inspect_json_gives_each_files_details_digests_and_isrc_then_a_summary() {
    let flac = fixture("album/01.flac");
    let wav = fixture("album/13.wav");
    let tagged = fixture("broken/wrong-isrc.flac");
    let (run, lines) = inspect_json(&[&flac, &wav, &tagged]);
    assert_code(&run, 0);
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    for (line, path) in lines.iter().zip([&flac, &wav, &tagged]) {
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(line["file"], arg(path));
        assert_eq!(line["sample_rate"], 44_100, "{line}");
        assert_eq!(line["bits_per_sample"], 16, "{line}");
        assert_eq!(line["file_size"], bytes.len(), "{line}");
        assert_eq!(line["integrity"]["status"], "complete", "{line}");
        // The digests are those of the whole file, tags included.
        assert_eq!(
            line["digests"]["sha256"].as_str(),
            Some(hex(&Sha256::digest(&bytes)).as_str()),
            "{line}"
        );
        assert_eq!(
            line["digests"]["md5"].as_str(),
            Some(hex(&Md5::digest(&bytes)).as_str()),
            "{line}"
        );
        assert_eq!(line["audio_digest"].as_str().map(str::len), Some(64));
        let frames = line["frames"].as_f64().unwrap();
        let duration = line["duration"].as_f64().unwrap();
        assert!((duration - frames / 44_100.0).abs() < 1e-6, "{line}");
    }
    assert_eq!(
        (&lines[0]["container"], &lines[0]["codec"]),
        (&"FLAC".into(), &"FLAC".into())
    );
    assert_eq!(
        (&lines[1]["container"], &lines[1]["codec"]),
        (&"WAV".into(), &"PCM".into())
    );
    assert_eq!(lines[2]["tags"]["isrc"], "QZAQQ2600099");
    assert!(lines[0]["tags"].get("isrc").is_none_or(|v| v.is_null()));
    assert_eq!(
        lines[3],
        serde_json::json!({"summary": true, "files": 3, "complete": 3, "damaged": 0, "unreadable": 0})
    );
}

#[test]
fn inspect_exits_1_on_a_damaged_or_unreadable_file_and_2_on_a_missing_one() {
    let good = fixture("album/02.flac");
    let truncated = fixture("broken/truncated.flac");
    let cover = fixture("album/cover.png");
    let (damaged, lines) = inspect_json(&[&good, &truncated, &cover]);
    assert_code(&damaged, 1);
    let truncated_line = &lines[1];
    assert_eq!(
        truncated_line["integrity"]["kind"], "truncated",
        "{truncated_line}"
    );
    assert!(
        lines[2]["error"]
            .as_str()
            .unwrap()
            .contains("not a readable audio file"),
        "{}",
        lines[2]
    );
    assert_eq!(
        lines[3],
        serde_json::json!({"summary": true, "files": 3, "complete": 1, "damaged": 1, "unreadable": 1})
    );

    // The table names the damage under it.
    let text = run(&["media", "inspect", arg(&good), arg(&truncated)], b"");
    assert_code(&text, 1);
    let table = text.lines();
    assert!(table[0].starts_with("FILE "), "{}", text.stdout);
    assert!(
        table[1].contains(" ok ") && table[2].contains(" DAMAGED "),
        "{}",
        text.stdout
    );
    assert!(
        table[3].starts_with(&format!("{}: ", truncated.display())),
        "{}",
        text.stdout
    );

    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.flac");
    let (gone, _) = inspect_json(&[&good, &missing]);
    assert_code(&gone, 2);
    assert_contains(&gone.stderr, "missing.flac");
    assert_code(&run(&["media", "inspect"], b""), 2);
}

#[test]
fn tag_writes_the_isrc_atomically_keeps_the_audio_and_mode_and_refuses_another_code() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(fixture("album/03.flac"), d.join("03.flac")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(d.join("03.flac"), std::fs::Permissions::from_mode(0o640))
            .unwrap();
    }
    let audio = |d: &Path| {
        let (run, lines) = inspect_json(&[&d.join("03.flac")]);
        assert_code(&run, 0);
        (lines[0]["audio_digest"].clone(), lines[0]["tags"].clone())
    };
    let (before, _) = audio(d);

    let tag = |extra: &[&str]| {
        let mut args = vec!["media", "tag", "03.flac"];
        args.extend_from_slice(extra);
        in_dir(d, &args)
    };
    let written = tag(&["--isrc", "QZAQQ2600003", "--title", "Track 3"]);
    assert_code(&written, 0);
    assert_eq!(written.stdout, "03.flac: wrote ISRC QZAQQ2600003\n");
    let (after, tags) = audio(d);
    assert_eq!(after, before, "the decoded audio is unchanged");
    assert_eq!(tags["isrc"], "QZAQQ2600003");
    assert_eq!(tags["title"], "Track 3");
    assert_eq!(names(d), ["03.flac"], "no temporary file is left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(d.join("03.flac"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640, "the file keeps its mode");
    }

    let again = tag(&["--isrc", "QZAQQ2600003"]);
    assert_code(&again, 0);
    assert_contains(&again.stdout, "unchanged");

    let bytes = std::fs::read(d.join("03.flac")).unwrap();
    let refused = tag(&["--isrc", "QZAQQ2600004"]);
    assert_code(&refused, 1);
    assert_contains(&refused.stderr, "already carries ISRC \"QZAQQ2600003\"");
    assert_contains(&refused.stderr, "--replace-isrc");
    assert_eq!(std::fs::read(d.join("03.flac")).unwrap(), bytes);

    let replaced = tag(&["--isrc", "QZAQQ2600004", "--replace-isrc"]);
    assert_code(&replaced, 0);
    assert_eq!(
        replaced.stdout,
        "03.flac: wrote ISRC QZAQQ2600004 (was QZAQQ2600003)\n"
    );
    assert_eq!(audio(d).1["isrc"], "QZAQQ2600004");
    assert_eq!(names(d), ["03.flac"]);

    let invalid = tag(&["--isrc", "QZAQQ260000"]);
    assert_code(&invalid, 2);
    assert_contains(&invalid.stderr, "--isrc QZAQQ260000");
    let missing = in_dir(
        d,
        &["media", "tag", "nothing.flac", "--isrc", "QZAQQ2600003"],
    );
    assert_code(&missing, 2);
    assert_contains(&missing.stderr, "nothing.flac");
    std::fs::write(d.join("notes.txt"), "not audio").unwrap();
    let not_audio = in_dir(d, &["media", "tag", "notes.txt", "--isrc", "QZAQQ2600003"]);
    assert_code(&not_audio, 1);
    assert_eq!(std::fs::read(d.join("notes.txt")).unwrap(), b"not audio");
}

#[test]
fn check_media_passes_the_album_with_warnings_for_its_untagged_files() {
    let release = fixture("album/vesica-piscis.json");
    let run_json = run(
        &["release", "check-media", "--format", "json", arg(&release)],
        b"",
    );
    assert_code(&run_json, 0);
    let expected: Vec<(u64, String)> = (1..=13)
        .map(|track| (track, "media.isrc_absent".to_owned()))
        .collect();
    assert_eq!(rules(&run_json), expected);
    let summary = run_json.json_lines().pop().unwrap();
    assert_eq!(
        summary,
        serde_json::json!({"summary": true, "files": 1, "releases": 1, "tracks": 13, "errors": 0, "warnings": 13})
    );
    let denied = run(
        &["release", "check-media", "--deny-warnings", arg(&release)],
        b"",
    );
    assert_code(&denied, 1);
    assert_contains(
        &denied.stderr,
        "checked the files of 13 tracks in 1 releases: 0 errors, 13 warnings",
    );
}

#[test]
fn check_media_finds_every_broken_fixture_by_its_rule_id() {
    let release = fixture("broken/vesica-piscis.json");
    let check = run(
        &["release", "check-media", "--format", "json", arg(&release)],
        b"",
    );
    assert_code(&check, 1);
    let found = rules(&check);
    let has = |track: u64, rule: &str| found.contains(&(track, rule.to_owned()));
    for (track, rule) in [
        (1, "media.incomplete"),
        (2, "media.isrc_mismatch"),
        (3, "media.below_floor"),
        (4, "media.below_floor"),
        (5, "media.duration_mismatch"),
        (5, "media.lossy"),
        (6, "media.file_missing"),
        (0, "cover.too_small"),
    ] {
        assert!(has(track, rule), "{rule} on track {track} not in {found:?}");
    }
    // Nothing else but the untagged album files' warnings.
    let others: Vec<_> = found
        .iter()
        .filter(|(track, rule)| {
            !(rule == "media.isrc_absent"
                || matches!(
                    (track, rule.as_str()),
                    (1, "media.incomplete")
                        | (2, "media.isrc_mismatch")
                        | (3 | 4, "media.below_floor")
                        | (5, "media.duration_mismatch" | "media.lossy")
                        | (6, "media.file_missing")
                        | (0, "cover.too_small")
                ))
        })
        .collect();
    assert!(others.is_empty(), "{others:?}");

    // The text report names the rule, the track and the file.
    let text = run(&["release", "check-media", arg(&release)], b"");
    assert_code(&text, 1);
    assert!(
        text.lines()
            .iter()
            .any(|line| line.contains("disc 1 track 2")
                && line.contains("[media.isrc_mismatch]")
                && line.contains("QZAQQ2600099")),
        "{}",
        text.stdout
    );

    // Each broken cover, as the release's cover.
    let dir = tempfile::tempdir().unwrap();
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("album/vesica-piscis.json")).unwrap())
            .unwrap();
    // The floor reached but not 3000 × 3000 px is a warning besides (cover.below_recommended).
    for (cover, expected) in [
        ("small-cover.png", &["cover.too_small"][..]),
        (
            "wide-cover.png",
            &["cover.below_recommended", "cover.not_square"][..],
        ),
        (
            "grey-cover.png",
            &["cover.below_recommended", "cover.not_rgb"][..],
        ),
        ("missing.png", &["cover.missing"][..]),
        ("truncated.flac", &["cover.unreadable"][..]),
    ] {
        json["cover"] = format!("{}/broken/{cover}", media_fixtures().display()).into();
        for track in json["tracks"].as_array_mut().unwrap() {
            let file = track["file"].as_str().unwrap().rsplit('/').next().unwrap();
            track["file"] = format!("{}/album/{file}", media_fixtures().display()).into();
        }
        let path = dir.path().join("release.json");
        std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
        let check = run(
            &["release", "check-media", "--format", "json", arg(&path)],
            b"",
        );
        assert_code(&check, 1);
        let cover_rules: Vec<_> = rules(&check)
            .into_iter()
            .filter(|(_, r)| r.starts_with("cover."))
            .collect();
        let expected: Vec<_> = expected.iter().map(|r| (0, (*r).to_owned())).collect();
        assert_eq!(cover_rules, expected, "{cover}");
    }
}

#[test]
fn check_media_exits_2_on_a_missing_release_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = in_dir(dir.path(), &["release", "check-media", "gone.json"]);
    assert_code(&missing, 2);
    assert_contains(&missing.stderr, "gone.json");
}

#[test]
fn tag_media_dry_run_writes_nothing_and_write_tags_every_file_once() {
    let dir = album_copy();
    let d = dir.path();
    let snapshot = |d: &Path| -> Vec<Vec<u8>> {
        names(d)
            .iter()
            .map(|n| std::fs::read(d.join(n)).unwrap())
            .collect()
    };
    let before = snapshot(d);

    let dry = in_dir(d, &["release", "tag-media", "vesica-piscis.json"]);
    assert_code(&dry, 0);
    assert_eq!(dry.lines().len(), 13, "{}", dry.stdout);
    assert!(
        dry.lines()[0].starts_with("01.flac: disc 1 track 1: would write ISRC QZAQQ2600001"),
        "{}",
        dry.stdout
    );
    assert_contains(&dry.stderr, "13 files to write (dry run");
    assert_eq!(snapshot(d), before, "a dry run changes nothing");

    let write = in_dir(
        d,
        &["release", "tag-media", "vesica-piscis.json", "--write"],
    );
    assert_code(&write, 0);
    assert!(
        write.lines()[12].starts_with("13.wav: disc 1 track 13: wrote ISRC QZAQQ2600013"),
        "{}",
        write.stdout
    );
    assert_contains(
        &write.stderr,
        "13 files written, 0 already tagged, 0 not tagged",
    );
    assert_eq!(
        names(d),
        names(&media_fixtures().join("album")),
        "no stray files"
    );

    // Tagged, the album passes with no warning at all.
    let check = in_dir(
        d,
        &[
            "release",
            "check-media",
            "--deny-warnings",
            "vesica-piscis.json",
        ],
    );
    assert_code(&check, 0);
    assert_eq!(check.stdout, "");

    let again = in_dir(
        d,
        &["release", "tag-media", "vesica-piscis.json", "--write"],
    );
    assert_code(&again, 0);
    assert_contains(&again.stderr, "0 files written, 13 already tagged");
}

#[test]
fn tag_media_refuses_a_file_carrying_another_isrc_unless_told() {
    let dir = album_copy();
    let d = dir.path();
    let other = in_dir(d, &["media", "tag", "05.flac", "--isrc", "QZAQQ2600099"]);
    assert_code(&other, 0);
    let tagged = std::fs::read(d.join("05.flac")).unwrap();

    for args in [
        &["release", "tag-media", "vesica-piscis.json"][..],
        &["release", "tag-media", "vesica-piscis.json", "--write"][..],
    ] {
        let refused = in_dir(d, args);
        assert_code(&refused, 1);
        assert_contains(&refused.stderr, "disc 1 track 5: ");
        assert_contains(&refused.stderr, "QZAQQ2600099");
        assert_eq!(std::fs::read(d.join("05.flac")).unwrap(), tagged);
    }
    let replaced = in_dir(
        d,
        &[
            "release",
            "tag-media",
            "vesica-piscis.json",
            "--write",
            "--replace-isrc",
        ],
    );
    assert_code(&replaced, 0);
    assert_contains(
        &replaced.stdout,
        "05.flac: disc 1 track 5: wrote ISRC QZAQQ2600005 (replacing QZAQQ2600099)",
    );
    assert_contains(&replaced.stderr, "1 files written, 12 already tagged");
}
