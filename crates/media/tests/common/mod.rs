//! Helpers shared by the integration tests: the fixture folder, scratch copies, and the
//! external tools the tests compare with.

#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;

/// `fixtures/media/` of the repository.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/media")
}

/// The album's audio files, in track order.
pub fn album_tracks() -> Vec<PathBuf> {
    (1..=media::synth::ALBUM_TRACKS)
        .map(|n| {
            fixtures()
                .join("album")
                .join(media::synth::track_file_name(n))
        })
        .collect()
}

/// A scratch folder holding a copy of `file`; returns the folder (kept alive by the caller)
/// and the copy's path.
pub fn scratch_copy(file: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let copy = dir.path().join(file.file_name().expect("a file name"));
    std::fs::copy(file, &copy).expect("copy into the scratch folder");
    (dir, copy)
}

/// Whether the external `tool` can be run. When it cannot, a test that needs it fails loudly
/// on CI (`CI=true`, where `.ci/run` installs it) and says on stderr that it skipped elsewhere.
pub fn have(tool: &str, package: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{tool} is not installed (Debian package {package}; .ci/run installs it)");
        }
        eprintln!(
            "SKIPPED: {tool} is not installed (Debian package {package}); this check did not run"
        );
    }
    found
}

/// Runs `tool` with `args` and returns its stdout, trimmed; panics with its stderr on failure.
pub fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Whether `tool` with `args` exits successfully.
pub fn succeeds(tool: &str, args: &[&str]) -> bool {
    Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"))
        .status
        .success()
}

/// `path` as a `&str` for a command line.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}
