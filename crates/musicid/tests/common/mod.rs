//! Runs the built `musicid` binary and captures what it did.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Everything on stdout.
    pub stdout: String,
    /// Everything on stderr.
    pub stderr: String,
}

impl Run {
    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// Every stdout line parsed as one JSON value.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect()
    }
}

/// The binary, ready for arguments.
pub fn musicid() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_musicid"));
    command.env_remove("MUSICID_LEDGER");
    command
}

/// Runs `musicid ARGS` with `stdin` as input.
pub fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(None, args, stdin)
}

/// Runs `musicid ARGS` in `dir` with `stdin` as input.
pub fn run_in(dir: Option<&Path>, args: &[&str], stdin: &[u8]) -> Run {
    let mut command = musicid();
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command.spawn().expect("the musicid binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The child may stop reading early (a usage error): a broken pipe is fine here.
        let _ = pipe.write_all(&input);
    });
    let output = child
        .wait_with_output()
        .expect("the musicid binary finishes");
    writer.join().expect("the stdin writer finishes");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `musicid ARGS` in `dir` with nothing on stdin.
pub fn in_dir(dir: &Path, args: &[&str]) -> Run {
    run_in(Some(dir), args, b"")
}

/// The sender and recipient options of `release export-ddex`.
pub const PARTIES: [&str; 8] = [
    "--sender-dpid",
    "PADPIDA2013042401U",
    "--sender-name",
    "Leerecs",
    "--recipient-dpid",
    "PADPIDA2009101501Y",
    "--recipient-name",
    "Example DSP",
];

/// The committed release fixtures.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/releases");

/// The text of a release fixture.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}"))
        .unwrap_or_else(|e| panic!("{FIXTURES}/{name}: {e}"))
}

/// A file parsed as JSON.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The ISRC of each track of the one release in the JSON file at `path` ("" where none).
pub fn track_isrcs(path: &Path) -> Vec<String> {
    read_json(path)["tracks"]
        .as_array()
        .expect("tracks")
        .iter()
        .map(|t| t["isrc"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// Asserts that `import-ddex` reads the ERN message `xml` (into `out`) back to the release
/// of `release`, plus the genre the exports wrote (ERN requires one; the fixtures have none).
#[track_caller]
pub fn assert_ern_reads_back(xml: &Path, release: &Path, out: &Path) {
    let import = run(
        &[
            "release",
            "import-ddex",
            xml.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_code(&import, 0);
    let mut expected = read_json(release);
    expected["genre"] = "Electronic".into();
    assert_eq!(read_json(out), expected);
}

/// Asserts that `text` contains `part`, showing `text` when it does not.
#[track_caller]
pub fn assert_contains(text: &str, part: &str) {
    assert!(text.contains(part), "{part:?} not in:\n{text}");
}

/// Asserts the exit code, showing the output when it differs.
#[track_caller]
pub fn assert_code(run: &Run, code: i32) {
    assert_eq!(
        run.code,
        Some(code),
        "exit code; stdout:\n{}\nstderr:\n{}",
        run.stdout,
        run.stderr
    );
}
