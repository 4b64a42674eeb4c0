//! `musicid release validate|convert|assign`.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use common::{assert_code, assert_contains, fixture, in_dir, musicid};

/// `musicid release validate --reference-year 2026 ARGS` in `dir`.
fn validate(dir: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["release", "validate", "--reference-year", "2026"];
    all.extend_from_slice(args);
    in_dir(dir, &all)
}

/// The arguments of `musicid release assign IN --isrc-prefix QZAQQ --year YEAR -o OUT`.
fn assign_args<'a>(input: &'a str, year: &'a str, output: &'a str) -> Vec<&'a str> {
    vec![
        "release",
        "assign",
        input,
        "--isrc-prefix",
        "QZAQQ",
        "--year",
        year,
        "-o",
        output,
    ]
}

#[test]
fn validate_passes_a_clean_catalog_and_names_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("catalog.json"), fixture("catalog.json")).unwrap();
    std::fs::write(d.join("draft.json"), fixture("vesica-piscis.draft.json")).unwrap();
    let clean = validate(d, &["catalog.json"]);
    assert_code(&clean, 0);
    assert_eq!(clean.stdout, "");
    assert_eq!(
        clean.stderr,
        "musicid: validated 3 releases in 1 files: 0 errors, 0 warnings\n"
    );

    let draft = validate(d, &["draft.json"]);
    assert_code(&draft, 1);
    assert_eq!(draft.lines().len(), 14);
    assert_eq!(
        draft.lines()[1],
        "draft.json: release 1 \"Vesica Piscis\", disc 1 track 1: error [track.missing_isrc] track 1 \"Track 1\" has no isrc: give one, or run assign"
    );
    let as_draft = validate(d, &["--draft", "draft.json"]);
    assert_code(&as_draft, 0);
    let denied = validate(d, &["--draft", "--deny-warnings", "draft.json"]);
    assert_code(&denied, 1);
}

#[test]
fn validate_across_files_and_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The same release twice in two files: one UPC for two releases.
    std::fs::write(d.join("a.json"), fixture("vesica-piscis.json")).unwrap();
    std::fs::write(d.join("b.csv"), fixture("vesica-piscis.csv")).unwrap();
    let run = validate(d, &["--format", "json", "a.json", "b.csv"]);
    assert_code(&run, 1);
    let objects = run.json_lines();
    let summary = objects.last().unwrap();
    assert_eq!(summary["summary"], true);
    assert_eq!(summary["files"], 2);
    assert_eq!(summary["releases"], 2);
    let duplicate = objects
        .iter()
        .find(|o| o["rule"] == "catalog.duplicate_upc")
        .unwrap_or_else(|| panic!("no duplicate_upc finding: {}", run.stdout));
    assert_eq!(duplicate["severity"], "error");
    assert_eq!(duplicate["upc"], "614141000012");
    assert!(duplicate["file"] == "a.json" || duplicate["file"] == "b.csv");

    // A file that yields no release still counts as a file validated.
    std::fs::write(d.join("broken.json"), "{").unwrap();
    let run = validate(d, &["--format", "json", "a.json", "broken.json"]);
    assert_code(&run, 1);
    let objects = run.json_lines();
    let summary = objects.last().unwrap();
    assert_eq!(summary["files"], 2, "{}", run.stdout);
    assert_eq!(summary["releases"], 1);
    assert_eq!(summary["errors"], 1);
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("bad.json"),
        "{\n  \"title\": \"X\",\n  \"artist\": \"Y\",\n  \"tracks\": [{\"number\": 1, \"isrc\": \"QZAQQ26X0001\"}]\n}\n",
    )
    .unwrap();
    let run = in_dir(d, &["release", "validate", "bad.json"]);
    assert_code(&run, 1);
    let lines = run.lines();
    assert_eq!(
        lines[0],
        "bad.json:4:49: tracks[0].isrc: invalid isrc \"QZAQQ26X0001\": invalid character 'X' at position 8 in the designation code: expected a digit 0-9"
    );
    // The release stays, the ISRC marked unreadable: its other problems are reported in the
    // same run, and the ISRC is not called missing.
    assert!(
        lines.iter().any(|l| l.contains("[track.missing_duration]")),
        "{lines:?}"
    );
    assert!(
        !lines.iter().any(|l| l.contains("[track.missing_isrc]")),
        "{lines:?}"
    );
    let json = in_dir(d, &["release", "validate", "--format", "json", "bad.json"]);
    let objects = json.json_lines();
    assert_eq!(objects[0]["line"], 4);
    assert_eq!(objects[0]["column"], 49);
    assert_eq!(objects[0]["rule"], "syntax");

    let missing = in_dir(d, &["release", "validate", "missing.json"]);
    assert_code(&missing, 2);
    let unknown = in_dir(d, &["release", "validate", "notes.txt"]);
    assert_code(&unknown, 2);
    assert_contains(&unknown.stderr, "cannot tell the input format");
}

#[test]
fn convert_round_trips_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("v.json"), fixture("vesica-piscis.json")).unwrap();
    assert_code(&in_dir(d, &["release", "convert", "v.json", "v.csv"]), 0);
    assert_eq!(
        std::fs::read_to_string(d.join("v.csv")).unwrap(),
        fixture("vesica-piscis.csv")
    );
    assert_code(&in_dir(d, &["release", "convert", "v.csv", "back.json"]), 0);
    assert_eq!(
        std::fs::read_to_string(d.join("back.json")).unwrap(),
        fixture("vesica-piscis.json")
    );
    let stdout = in_dir(d, &["release", "convert", "v.csv", "-"]);
    assert_eq!(stdout.stdout, fixture("vesica-piscis.json"));
}

#[test]
fn assign_fills_the_draft_through_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("draft.json"), fixture("vesica-piscis.draft.json")).unwrap();
    let mut args = assign_args("draft.json", "2026", "out.json");
    args.extend_from_slice(&["--company-prefix", "0614141"]);
    let no_ledger = in_dir(d, &args);
    assert_code(&no_ledger, 2);
    assert!(!d.join("out.json").exists());

    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    let run = in_dir(d, &args);
    assert_code(&run, 0);
    let lines = run.lines();
    assert_eq!(lines.len(), 14);
    assert_eq!(lines[0], "614141000005\tOne Yen / Vesica Piscis");
    assert_eq!(
        lines[1],
        "QZAQQ2600001\tOne Yen / Vesica Piscis / disc 1 track 1"
    );
    assert_eq!(
        lines[13],
        "QZAQQ2600013\tOne Yen / Vesica Piscis / disc 1 track 13"
    );
    let out = std::fs::read_to_string(d.join("out.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["upc"], "614141000005");
    assert_eq!(value["tracks"][12]["isrc"], "QZAQQ2600013");
    assert_code(&validate(d, &["out.json"]), 0);

    // Assigning the finished release again issues nothing and changes nothing.
    let again = in_dir(d, &assign_args("out.json", "26", "out.json"));
    assert_code(&again, 0);
    assert_eq!(again.stdout, "");
    assert_eq!(std::fs::read_to_string(d.join("out.json")).unwrap(), out);
}

#[test]
fn assign_refuses_a_release_that_is_not_ready_and_issues_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    std::fs::write(
        d.join("gap.json"),
        r#"{"title": "Gap", "artist": "X", "tracks": [{"number": 1, "title": "A"}, {"number": 3, "title": "C"}]}"#,
    )
    .unwrap();
    let run = in_dir(d, &assign_args("gap.json", "26", "out.json"));
    assert_code(&run, 1);
    assert_contains(&run.stderr, "[track.number_gap]");
    assert!(
        run.stderr
            .ends_with("gap.json: not ready for codes: nothing was issued\n"),
        "{}",
        run.stderr
    );
    let export = in_dir(d, &["ledger", "export"]);
    assert_eq!(export.lines().len(), 1, "{}", export.stdout);
    assert!(!d.join("out.json").exists());
}

#[test]
fn assign_killed_before_the_rename_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    std::fs::write(d.join("draft.json"), fixture("vesica-piscis.draft.json")).unwrap();
    std::fs::write(d.join("out.json"), "the previous output\n").unwrap();
    let args = assign_args("draft.json", "2026", "out.json");
    let mut child = musicid()
        .args(&args)
        .env("MUSICID_TEST_PAUSE_BEFORE_RENAME", "60")
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("pausing 60 s before the rename"), "{line}");
    // The temporary file is complete and synced; kill -9 right before the rename.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed by a signal");
    assert_eq!(
        std::fs::read_to_string(d.join("out.json")).unwrap(),
        "the previous output\n"
    );
    // The codes were committed before the output was written: they stay recorded.
    let export = in_dir(d, &["ledger", "export"]);
    assert_eq!(export.lines().len(), 14, "{}", export.stdout);
    // The retry gets the codes the killed run was issued: no gap, no second set.
    let rerun = in_dir(d, &args);
    assert_code(&rerun, 0);
    assert_eq!(
        rerun.lines()[0],
        "QZAQQ2600001\tOne Yen / Vesica Piscis / disc 1 track 1"
    );
    assert_eq!(rerun.lines().len(), 13);
    assert_eq!(in_dir(d, &["ledger", "export"]).stdout, export.stdout);
    let out: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out.json")).unwrap()).unwrap();
    assert_eq!(out["tracks"][0]["isrc"], "QZAQQ2600001");
}

/// A pipeline retrying `release assign` on the same draft (it failed after issuing, before
/// using the output): one UPC and 13 ISRCs in the ledger, and both runs write the same codes.
#[test]
fn assign_twice_on_the_same_draft_issues_one_set_of_codes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    std::fs::write(d.join("draft.json"), fixture("vesica-piscis.draft.json")).unwrap();
    let mut args = assign_args("draft.json", "2026", "first.json");
    args.extend_from_slice(&["--company-prefix", "0614141"]);
    let first = in_dir(d, &args);
    assert_code(&first, 0);
    assert_eq!(first.lines().len(), 14);
    let mut args = assign_args("draft.json", "2026", "second.json");
    args.extend_from_slice(&["--company-prefix", "0614141"]);
    let second = in_dir(d, &args);
    assert_code(&second, 0);
    assert_eq!(second.stdout, first.stdout);
    assert_contains(
        &second.stderr,
        "issued 0 codes through musicid-ledger.sqlite (14 more were issued to an earlier run with the same keys)",
    );
    assert_eq!(
        std::fs::read_to_string(d.join("first.json")).unwrap(),
        std::fs::read_to_string(d.join("second.json")).unwrap()
    );
    let export = in_dir(d, &["ledger", "export"]);
    let rows = export.lines();
    assert_eq!(rows.iter().filter(|row| row.starts_with("upc,")).count(), 1);
    assert_eq!(
        rows.iter().filter(|row| row.starts_with("isrc,")).count(),
        13
    );
    assert_eq!(rows.len(), 15, "{}", export.stdout);

    // With --key the pipeline's own ids key the requests: another set, once.
    let mut keyed = assign_args("draft.json", "2026", "keyed.json");
    keyed.extend_from_slice(&["--company-prefix", "0614141", "--key", "catalog 4711"]);
    let third = in_dir(d, &keyed);
    assert_code(&third, 0);
    assert_eq!(
        third.lines()[1],
        "QZAQQ2600014\tOne Yen / Vesica Piscis / disc 1 track 1"
    );
    let fourth = in_dir(d, &keyed);
    assert_eq!(fourth.stdout, third.stdout);
    assert_eq!(in_dir(d, &["ledger", "export"]).lines().len(), 29);
}

/// Two releases of one file with the same artist and title would share their default keys:
/// refused before anything is issued.
#[test]
fn assign_refuses_two_releases_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    let release = r#"{"title": "Same", "artist": "X", "tracks": [{"number": 1, "title": "A"}]}"#;
    std::fs::write(d.join("two.json"), format!("[{release}, {release}]")).unwrap();
    let run = in_dir(d, &assign_args("two.json", "26", "out.json"));
    assert_code(&run, 2);
    assert_contains(
        &run.stderr,
        "two.json: releases 1 and 2 have the same ledger key \"X / Same\"",
    );
    assert_eq!(in_dir(d, &["ledger", "export"]).lines().len(), 1);
    let mut keyed = assign_args("two.json", "26", "out.json");
    keyed.extend_from_slice(&["--key", "batch 9"]);
    let run = in_dir(d, &keyed);
    assert_code(&run, 0);
    assert_eq!(run.lines().len(), 2, "{}", run.stderr);
}

/// Findings about a release read from CSV name its row: the track's for a track, the
/// release's first row for the release, in text and in JSON.
#[test]
fn csv_findings_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("r.csv"),
        "upc,release_title,release_artist,release_type,release_date,track,track_title,isrc,duration\n\
         0036000291453,A,X,ep,2026-03-01,1,One,QZAQQ2600001,3:00\n\
         0036000291453,A,X,ep,2026-03-01,1,Again,QZAQQ2600002,3:00\n",
    )
    .unwrap();
    let run = in_dir(d, &["release", "validate", "r.csv"]);
    assert_code(&run, 1);
    let lines = run.lines();
    assert!(
        lines.contains(
            &"r.csv:3: release 1 \"A\", disc 1 track 1: error [track.duplicate_number] two tracks are number 1 on disc 1 (this one is \"Again\")"
        ),
        "{lines:?}"
    );
    // The invalid UPC is reported once per row, as the error it is, and not as missing.
    assert_eq!(
        lines.iter().filter(|l| l.contains("invalid upc")).count(),
        2,
        "{lines:?}"
    );
    assert!(
        !lines.iter().any(|l| l.contains("missing_upc")),
        "{lines:?}"
    );
    let json = in_dir(d, &["release", "validate", "--format", "json", "r.csv"]);
    let duplicate = json
        .json_lines()
        .into_iter()
        .find(|o| o["rule"] == "track.duplicate_number")
        .unwrap_or_else(|| panic!("{}", json.stdout));
    assert_eq!(duplicate["line"], 3);
}

/// `musicid rules` lists every crate's table, each id once, with the severity findings get.
#[test]
fn rules_lists_every_table_once() {
    let dir = tempfile::tempdir().unwrap();
    let run = in_dir(dir.path(), &["rules", "--format", "json"]);
    assert_code(&run, 0);
    let rules = run.json_lines();
    let ids: Vec<&str> = rules.iter().map(|r| r["rule"].as_str().unwrap()).collect();
    for id in [
        "release.missing_upc",
        "isrc.unknown_prefix",
        "profile.rp21-1053-1",
        "ddex.left_out",
        "ddex.icpn_gtin14",
        "csv.unknown_column",
        "csv.upc_restored",
    ] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    let missing_upc = &rules[ids
        .iter()
        .position(|&id| id == "release.missing_upc")
        .unwrap()];
    assert_eq!(missing_upc["severity"], "error");
    assert_eq!(missing_upc["draft_severity"], "warning");
    let left_out = &rules[ids.iter().position(|&id| id == "ddex.left_out").unwrap()];
    assert_eq!(left_out["severity"], "info");
}
