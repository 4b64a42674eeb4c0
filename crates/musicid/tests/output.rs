//! What every command that writes does alike: file modes, `-o/--out`, closed pipes.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{PARTIES, assert_code, assert_contains, fixture, in_dir, musicid};

/// `musicid ARGS` in `dir` under the shell's `umask`, with nothing on stdin.
fn with_umask(umask: &str, dir: &Path, args: &[&str]) -> common::Run {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_musicid"))
        .args(args)
        .current_dir(dir)
        .env_remove("MUSICID_LEDGER")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    common::Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[test]
fn output_files_get_0666_less_the_umask_and_keep_an_existing_mode() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("v.json"), fixture("vesica-piscis.json")).unwrap();
    for (umask, expected) in [("022", 0o644), ("027", 0o640), ("002", 0o664)] {
        let name = format!("v-{umask}.csv");
        let convert = with_umask(umask, d, &["release", "convert", "v.json", &name]);
        assert_code(&convert, 0);
        assert_eq!(
            mode(&d.join(&name)),
            expected,
            "convert under umask {umask}"
        );

        let svg = format!("upc-{umask}.svg");
        let barcode = with_umask(umask, d, &["upc", "barcode", "036000291452", "-o", &svg]);
        assert_code(&barcode, 0);
        assert_eq!(mode(&d.join(&svg)), expected, "barcode under umask {umask}");
    }

    let demo = with_umask("022", d, &["demo", "--dir", "demo"]);
    assert_code(&demo, 0);
    for file in [
        "vesica-piscis.json",
        "vesica-piscis.csv",
        "vesica-piscis.xml",
        "vesica-piscis.draft.json",
    ] {
        assert_eq!(mode(&d.join("demo").join(file)), 0o644, "demo's {file}");
    }

    let export = with_umask(
        "022",
        d,
        &[
            "ledger",
            "export",
            "--ledger",
            "demo/ledger.sqlite",
            "-o",
            "ledger.csv",
        ],
    );
    assert_code(&export, 0);
    assert_eq!(mode(&d.join("ledger.csv")), 0o644, "ledger export");

    // A file written again keeps the mode its owner gave it, as with `File::create`.
    {
        use std::os::unix::fs::PermissionsExt as _;
        let path = d.join("v-022.csv");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let again = with_umask("022", d, &["release", "convert", "v.json", "v-022.csv"]);
    assert_code(&again, 0);
    assert_eq!(mode(&d.join("v-022.csv")), 0o600, "an existing file's mode");
}

#[test]
fn every_command_that_writes_a_file_takes_dash_o_and_dash_dash_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("v.json"), fixture("vesica-piscis.json")).unwrap();
    std::fs::write(d.join("draft.json"), fixture("vesica-piscis.draft.json")).unwrap();
    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    let export_ddex = [
        ["release", "export-ddex", "v.json"].as_slice(),
        &PARTIES,
        &["--default-genre", "Electronic"],
    ]
    .concat();
    let commands: [&[&str]; 6] = [
        &["release", "convert", "v.json"],
        &[
            "release",
            "assign",
            "draft.json",
            "--isrc-prefix",
            "QZAQQ",
            "--year",
            "2026",
        ],
        &export_ddex,
        &["release", "import-ddex", "v.xml"],
        &["ledger", "export"],
        &["upc", "barcode", "036000291452"],
    ];
    let outputs = [
        "v.csv",
        "assigned.json",
        "v.xml",
        "back.json",
        "ledger.csv",
        "upc.svg",
    ];
    // The message import-ddex reads.
    let mut export = commands[2].to_vec();
    export.extend(["-o", "v.xml"]);
    assert_code(&in_dir(d, &export), 0);
    for flag in ["-o", "--out"] {
        for (command, output) in commands.iter().zip(outputs) {
            let written = format!("{}-{output}", flag.trim_start_matches('-'));
            let mut args = command.to_vec();
            args.extend([flag, written.as_str()]);
            let run = in_dir(d, &args);
            assert_code(&run, 0);
            assert!(d.join(&written).is_file(), "{args:?} wrote {written}");
        }
    }
    assert_eq!(
        std::fs::read_to_string(d.join("out-v.csv")).unwrap(),
        fixture("vesica-piscis.csv")
    );

    // convert keeps its positional OUT; one OUT, not two, and not none.
    assert_code(&in_dir(d, &["release", "convert", "v.json", "p.csv"]), 0);
    let both = in_dir(d, &["release", "convert", "v.json", "p.csv", "-o", "q.csv"]);
    assert_code(&both, 2);
    assert_contains(&both.stderr, "cannot be used with");
    let none = in_dir(d, &["release", "convert", "v.json"]);
    assert_code(&none, 2);
    assert_contains(&none.stderr, "required");
}

/// Runs `musicid ARGS` with `stdin` as input and its stdout pipe closed before it writes:
/// the reader that has seen enough.
fn with_closed_stdout(dir: &Path, args: &[&str], stdin: &[u8]) -> (Option<i32>, String) {
    let mut child = musicid()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The child may stop reading once its reader is gone.
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// `line` repeated `n` times: more output than a pipe holds (64 KiB on Linux).
fn lines(line: &str, n: usize) -> Vec<u8> {
    line.repeat(n).into_bytes()
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_status_so_far() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: Vec<(Vec<&str>, Vec<u8>, i32)> = vec![
        (vec!["isrc", "check"], lines("not an isrc\n", 200_000), 1),
        (vec!["upc", "check"], lines("036000291453\n", 200_000), 1),
        (
            vec!["isrc", "check", "--warnings"],
            lines("qz-aqq-26-00001\n", 200_000),
            0,
        ),
        (
            vec![
                "isrc",
                "check",
                "--format",
                "json",
                "--warnings",
                "--deny-warnings",
            ],
            lines("qzaqq2600001\n", 200_000),
            1,
        ),
        (vec!["isrc", "format"], lines("qzaqq2600001\n", 200_000), 0),
        (
            vec!["isrc", "format", "--style", "labelled"],
            [b"bad\n".as_slice(), &lines("qzaqq2600001\n", 200_000)].concat(),
            1,
        ),
    ];
    assert_code(&in_dir(d, &["ledger", "init"]), 0);
    let allocate = vec![
        "isrc", "allocate", "--prefix", "QZAQQ", "--year", "2026", "--count", "20000",
    ];
    let elements = format!("[{}0]", "0,".repeat(4000));
    std::fs::write(d.join("bad.json"), elements).unwrap();
    std::fs::write(d.join("big.json"), fixture("synthetic-1000.json")).unwrap();
    let codes: Vec<String> = (1..=3000).map(|n| format!("QZAQQ25{n:05}")).collect();
    let mut lookup = vec!["ledger", "lookup", "--format", "json"];
    lookup.extend(codes.iter().map(String::as_str));
    let more: Vec<(Vec<&str>, Vec<u8>, i32)> = vec![
        (allocate, Vec::new(), 0),
        (
            vec!["release", "validate", "--format", "json", "bad.json"],
            Vec::new(),
            1,
        ),
        (vec!["release", "convert", "big.json", "-"], Vec::new(), 0),
        (lookup, Vec::new(), 1),
    ];
    for (args, stdin, expected) in cases.into_iter().chain(more) {
        let (code, stderr) = with_closed_stdout(d, &args, &stdin);
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("error:"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
