//! `musicid isrc check|format`: output, exit codes, JSON, odd inputs, constant memory.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{assert_code, assert_contains, musicid, run};

const VALID: &[u8] = b"QZAQQ2600001\nQZAQQ2600002\r\nQZAQQ2600013\n";

#[test]
fn valid_input_prints_nothing_and_exits_0() {
    let run = run(&["isrc", "check"], VALID);
    assert_code(&run, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "musicid: checked 3 ISRCs: 3 valid, 0 invalid, 0 warnings\n"
    );
}

#[test]
fn invalid_lines_are_reported_with_file_and_line() {
    let input = b"QZAQQ2600001\nQZAQQ26000\n\nqz-aqq-26-00002\nQZ-AQQ2600003\nQZAQQ2600001 x\n";
    let run = run(&["isrc", "check"], input);
    assert_code(&run, 1);
    assert_eq!(
        run.lines(),
        [
            "-:2: QZAQQ26000: invalid length: expected 12 characters, found 10",
            "-:3: \"\" (escaped): empty input: expected an ISRC of 12 characters",
            "-:5: QZ-AQQ2600003: misplaced separator '-' at position 3: separators go at all element boundaries or at none",
            "-:6: QZAQQ2600001 x: unexpected text after the code at position 14: found 'x'",
        ]
    );
    assert_eq!(
        run.stderr,
        "musicid: checked 6 ISRCs: 2 valid, 4 invalid, 0 warnings\n"
    );
}

#[test]
fn strict_accepts_only_the_canonical_form() {
    let run = run(
        &["isrc", "check", "--strict"],
        b"QZAQQ2600001\nqzaqq2600002\nQZ-AQQ-26-00003\n",
    );
    assert_code(&run, 1);
    assert_eq!(
        run.lines(),
        [
            "-:2: qzaqq2600002: invalid character 'q' at position 1 in the agency code: expected a letter A-Z",
            "-:3: QZ-AQQ-26-00003: invalid length: expected 12 characters, found 15",
        ]
    );
}

#[test]
fn files_are_named_and_a_missing_file_exits_2_after_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&good, VALID).unwrap();
    std::fs::write(&bad, "QZAQQ2600001\nQZAQQ26O0002\n").unwrap();
    let good = good.to_str().unwrap();
    let bad = bad.to_str().unwrap();

    let run1 = run(&["isrc", "check", good, bad], b"");
    assert_code(&run1, 1);
    assert_eq!(
        run1.lines(),
        [format!(
            "{bad}:2: QZAQQ26O0002: invalid character 'O' at position 8 in the designation code: expected a digit 0-9"
        )]
    );

    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    let run2 = run(
        &["isrc", "check", missing, bad, "-"],
        b"QZAQQ2600001\nnope\n",
    );
    assert_code(&run2, 2);
    assert!(
        run2.stderr.starts_with(&format!(
            "musicid: error: {missing}: No such file or directory"
        )),
        "{}",
        run2.stderr
    );
    assert_eq!(run2.lines().len(), 2, "the other inputs are still checked");
    assert!(
        run2.lines()[1].starts_with("-:2: nope: "),
        "{}",
        run2.stdout
    );
    assert!(
        run2.stderr.ends_with(
            "musicid: checked 4 ISRCs: 2 valid, 2 invalid, 0 warnings, 1 input could not be read\n"
        ),
        "{}",
        run2.stderr
    );
}

#[test]
fn json_output_has_one_object_per_finding_and_a_summary() {
    let input = b"QZAQQ2600001\nQZAQQ26X0002\nqzaqq2600001\n";
    let run = run(
        &[
            "isrc",
            "check",
            "--format",
            "json",
            "--warnings",
            "--reference-year",
            "2026",
        ],
        input,
    );
    assert_code(&run, 1);
    let objects = run.json_lines();
    assert_eq!(objects.len(), 4, "{}", run.stdout);
    let error = &objects[0];
    assert_eq!(error["file"], "-");
    assert_eq!(error["line"], 2);
    assert_eq!(error["input"], "QZAQQ26X0002");
    assert_eq!(error["input_exact"], true);
    assert_eq!(error["valid"], false);
    assert_eq!(error["severity"], "error");
    assert_eq!(error["kind"], "character");
    assert_eq!(error["position"], 8);
    assert_eq!(
        error["message"],
        "invalid character 'X' at position 8 in the designation code: expected a digit 0-9"
    );
    let kinds: Vec<&str> = objects[1..3]
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["isrc.noncanonical", "isrc.duplicate"]);
    for object in &objects[..3] {
        assert_eq!(
            object["rule"], object["kind"],
            "the rule beside its first name"
        );
    }
    for warning in &objects[1..3] {
        assert_eq!(warning["valid"], true);
        assert_eq!(warning["severity"], "warning");
        assert_eq!(warning["line"], 3);
        assert!(warning["position"].is_null());
    }
    assert_eq!(objects[2]["message"], "duplicate: first seen at line 1");
    let summary = &objects[3];
    assert_eq!(summary["summary"], true);
    assert_eq!(summary["checked"], 3);
    assert_eq!(summary["valid"], 2);
    assert_eq!(summary["invalid"], 1);
    assert_eq!(summary["warnings"], 2);
    assert_eq!(run.stderr, "", "JSON mode keeps stderr for errors");
}

#[test]
fn warnings_are_reported_only_when_asked_and_denied_on_request() {
    let input = b"QZAQQ2600001\nQZAQQ2600001\n";
    let quiet = run(&["isrc", "check"], input);
    assert_code(&quiet, 0);
    assert_eq!(quiet.stdout, "");

    let warned = run(
        &["isrc", "check", "--warnings", "--reference-year", "2026"],
        input,
    );
    assert_code(&warned, 0);
    assert_eq!(
        warned.lines(),
        ["-:2: QZAQQ2600001: warning: duplicate: first seen at line 1 [isrc.duplicate]"]
    );

    let denied = run(
        &[
            "isrc",
            "check",
            "--deny-warnings",
            "--reference-year",
            "2026",
        ],
        input,
    );
    assert_code(&denied, 1);
    assert_eq!(denied.lines(), warned.lines());
}

#[test]
fn year_plausibility_is_judged_against_the_reference_year() {
    let run = run(
        &["isrc", "check", "--warnings", "--reference-year", "2020"],
        b"QZAQQ2600001\n",
    );
    assert_code(&run, 0);
    assert_eq!(
        run.lines(),
        [
            "-:1: QZAQQ2600001: warning: implausible year: year of reference 26 reads as 1926, before ISO 3901 (1986), or as 2026, after 2020 [isrc.implausible_year]"
        ]
    );
    let run = crate::run(
        &["isrc", "check", "--warnings", "--reference-year", "2026"],
        b"XX0000000001\n",
    );
    assert_code(&run, 0);
    assert_eq!(
        run.lines(),
        [
            "-:1: XX0000000001: warning: unknown prefix: XX is not in the IFPI prefix table of 2025-11-04 [isrc.unknown_prefix]",
            "-:1: XX0000000001: warning: blank registrant: registrant code 000 often stands for blank or dummy data [isrc.blank_registrant]",
        ]
    );
}

#[test]
fn non_utf8_lines_are_invalid_inputs_not_crashes() {
    let run = run(
        &["isrc", "check", "--format", "json"],
        b"QZ\xFFAQ2600001\nQZAQQ2600001\n\xC3\x28\n",
    );
    assert_code(&run, 1);
    let objects = run.json_lines();
    assert_eq!(objects[0]["input"], r#""QZ\xFFAQ2600001""#);
    assert_eq!(objects[0]["input_exact"], false);
    assert_eq!(objects[0]["kind"], "encoding");
    assert_eq!(objects[0]["position"], 3);
    assert_eq!(
        objects[0]["message"],
        "invalid UTF-8: byte 0xFF at position 3 is not part of a character"
    );
    assert_eq!(objects[1]["line"], 3);
    assert_eq!(objects[1]["input"], r#""\xC3(""#);
    assert_eq!(objects[2]["invalid"], 2);

    let text = crate::run(&["isrc", "check"], b"QZ\xFFAQ2600001\n");
    assert_eq!(
        text.lines(),
        [
            r#"-:1: "QZ\xFFAQ2600001" (escaped): invalid UTF-8: byte 0xFF at position 3 is not part of a character"#
        ]
    );
}

#[test]
fn a_line_of_1_mb_is_reported_not_a_crash() {
    let mut input = b"QZAQQ2600001\n".to_vec();
    input.extend(std::iter::repeat_n(b'Q', 1 << 20));
    input.extend_from_slice(b"\nQZAQQ2600002\n");
    let run = run(&["isrc", "check"], &input);
    assert_code(&run, 1);
    assert_eq!(
        run.lines(),
        [format!(
            "-:2: \"{}…\" (1048576 bytes, escaped and truncated): line of 1048576 bytes is too long for ISRC: lines are read up to 65536 bytes",
            "Q".repeat(48)
        )]
    );
    assert_eq!(
        run.stderr,
        "musicid: checked 3 ISRCs: 2 valid, 1 invalid, 0 warnings\n"
    );
    // A long line that still fits the buffer is parsed and gets the parser's own message.
    let long = "Q".repeat(1000);
    let run = crate::run(&["isrc", "check", "--format", "json"], long.as_bytes());
    let objects = run.json_lines();
    assert_eq!(objects[0]["input_bytes"], 1000);
    assert_eq!(
        objects[0]["message"],
        "invalid character 'Q' at position 6 in the year of reference: expected a digit 0-9"
    );
}

#[test]
fn csv_columns_are_checked_by_header_name() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("tracks.csv");
    std::fs::write(
        &csv,
        "title,ISRC\n\"Hello, world\",QZAQQ2600001\n\"two\nlines\",QZAQQ260000\nshort\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();
    let run1 = run(&["isrc", "check", "--column", "isrc", csv], b"");
    assert_code(&run1, 1);
    assert_eq!(
        run1.lines(),
        [
            format!("{csv}:3: QZAQQ260000: invalid length: expected 12 characters, found 11"),
            format!("{csv}:5: \"\" (escaped): the row has 1 fields: no value in column \"isrc\""),
        ]
    );
    // A spreadsheet's CRLF export with a blank line: the same lines an editor shows.
    let crlf = dir.path().join("tracks-crlf.csv");
    std::fs::write(
        &crlf,
        "title,ISRC\r\n\r\n\"Hello, world\",QZAQQ2600001\r\none,QZAQQ260000\r\n",
    )
    .unwrap();
    let crlf = crlf.to_str().unwrap();
    let run3 = run(&["isrc", "check", "--column", "isrc", crlf], b"");
    assert_eq!(
        run3.lines(),
        [format!(
            "{crlf}:4: QZAQQ260000: invalid length: expected 12 characters, found 11"
        )]
    );
    let run2 = run(&["isrc", "check", "--column", "code", csv], b"");
    assert_code(&run2, 2);
    assert_contains(
        &run2.stderr,
        &format!("musicid: error: {csv}: no column \"code\" in the header (found: title, ISRC)"),
    );
}

/// The peak resident set size (VmHWM, kB) of a running process.
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Checks `lines` valid ISRCs fed through a pipe and returns the peak RSS of the child once
/// the pipe has taken all the input (the child has read all but at most one pipe buffer of it),
/// read from /proc while the child still waits for the end of its input.
fn peak_rss_checking(lines: usize) -> Option<u64> {
    let mut child = musicid()
        .args(["isrc", "check", "--strict"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let mut chunk = Vec::with_capacity(13 * 10_000);
    let mut written = 0;
    while written < lines {
        chunk.clear();
        for i in written..(written + 10_000).min(lines) {
            writeln!(chunk, "QZAQQ26{:05}", i % 99_999 + 1).unwrap();
        }
        written = (written + 10_000).min(lines);
        stdin.write_all(&chunk).unwrap();
    }
    let peak = peak_rss_kb(pid);
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!("musicid: checked {lines} ISRCs: {lines} valid, 0 invalid, 0 warnings\n")
    );
    peak
}

#[test]
fn a_million_lines_are_checked_in_constant_memory() {
    // The baseline reads enough (1.3 MB) to have touched every buffer once.
    let (Some(small), Some(large)) = (peak_rss_checking(100_000), peak_rss_checking(1_000_000))
    else {
        eprintln!("skipped the memory measurement: /proc/<pid>/status has no VmHWM here");
        return;
    };
    eprintln!("peak RSS: {small} kB for 100,000 lines, {large} kB for 1,000,000 lines");
    // 1,000,000 lines are 13 MB of input; holding even a tenth of it would show.
    assert!(
        large < small + 1024,
        "peak RSS grew from {small} kB to {large} kB"
    );
}

#[test]
fn format_prints_each_layout() {
    let run1 = run(
        &[
            "isrc",
            "format",
            "--style",
            "hyphenated",
            "qzaqq2600001",
            "ISRC QZ-AQQ-26-00013",
        ],
        b"",
    );
    assert_code(&run1, 0);
    assert_eq!(run1.lines(), ["QZ-AQQ-26-00001", "QZ-AQQ-26-00013"]);
    let run2 = run(
        &["isrc", "format", "--style", "labelled", "QZAQQ2600001"],
        b"",
    );
    assert_eq!(run2.lines(), ["ISRC QZ-AQQ-26-00001"]);
    let run3 = run(&["isrc", "format"], b"qz aqq 26 00001\r\nQZ-AQQ-26-00002\n");
    assert_code(&run3, 0);
    assert_eq!(run3.lines(), ["QZAQQ2600001", "QZAQQ2600002"]);
    let run4 = run(&["isrc", "format", "QZAQQ2600001", "QZAQQ26"], b"");
    assert_code(&run4, 1);
    assert_eq!(run4.lines(), ["QZAQQ2600001"]);
    assert_eq!(
        run4.stderr,
        "musicid: QZAQQ26: invalid length: expected 12 characters, found 7\n"
    );
    // A line of stdin that is not UTF-8 is an invalid code; the lines after it still count.
    let run5 = run(
        &["isrc", "format", "--style", "hyphenated"],
        b"QZAQQ2600001\nQZ\xFFAQ2600002\nQZAQQ2600003\n",
    );
    assert_code(&run5, 1);
    assert_eq!(run5.lines(), ["QZ-AQQ-26-00001", "QZ-AQQ-26-00003"]);
    assert_eq!(
        run5.stderr,
        "musicid: QZ\u{FFFD}AQ2600002: invalid character '\u{FFFD}' at position 3 in the registrant code: expected a letter A-Z or a digit 0-9\n"
    );
}
