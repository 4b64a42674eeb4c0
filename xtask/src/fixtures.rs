//! `cargo xtask fixtures [--check] [--large N]`: the committed fixtures under `fixtures/`.
//!
//! The files themselves are defined in `release_model::synth` and `media::synth` (shared with the freshness test
//! of `release-model` and with the benchmarks); this task writes or checks them. `--large N`
//! writes a catalog of N releases and 100·N ISRC and UPC lines into `target/fixtures-large/`
//! (not committed) for benchmarks.

use std::fmt::Display;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use release_model::synth;

use crate::util::{ensure_file, expect_args, has_flag, root};

/// The seed of the large, uncommitted files.
const LARGE_SEED: u64 = 0x1A46_E5EE;

pub fn run(args: &[String]) -> Result<(), String> {
    expect_args(args, &["--check"], &["--large"])?;
    let check = has_flag(args, "--check");
    if let Some(count) = large_count(args)? {
        return large(count);
    }
    let files = synth::fixture_files().map_err(|e| e.to_string())?;
    let media = media::synth::fixture_files();
    let all = files.iter().map(|f| (f.path, f.contents.as_bytes())).chain(
        media
            .iter()
            .map(|f| (f.path.as_str(), f.contents.as_slice())),
    );
    let mut stale = Vec::new();
    let mut written = 0;
    let mut count = 0;
    for (path, contents) in all {
        count += 1;
        match ensure_file(Path::new(path), contents, check) {
            Ok(changed) => written += usize::from(changed),
            Err(message) => stale.push(message),
        }
    }
    if !stale.is_empty() {
        return Err(stale.join("\n"));
    }
    if check {
        eprintln!("fixtures: all {count} files up to date");
    } else {
        eprintln!("fixtures: {written} of {count} files written");
    }
    Ok(())
}

fn large_count(args: &[String]) -> Result<Option<usize>, String> {
    let Some(at) = args.iter().position(|a| a == "--large") else {
        return Ok(None);
    };
    let value = args
        .get(at + 1)
        .ok_or("--large needs a number of releases, e.g. --large 100000")?;
    value
        .replace('_', "")
        .parse::<usize>()
        .map(Some)
        .map_err(|_| format!("--large {value}: expected a number of releases"))
}

fn create(path: &Path) -> Result<BufWriter<File>, String> {
    File::create(path)
        .map(|f| BufWriter::with_capacity(1 << 20, f))
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn large(count: usize) -> Result<(), String> {
    let dir = root().join("target").join("fixtures-large");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;

    let catalog = dir.join(format!("catalog-{count}.json"));
    let out = create(&catalog)?;
    release_model::json::to_writer(out, synth::Generator::new(LARGE_SEED).take(count))
        .map_err(|e| format!("{}: {e}", catalog.display()))?;
    eprintln!("wrote {}", catalog.display());

    let lines = count.saturating_mul(100);
    write_lines(
        &dir.join(format!("isrc-{lines}.txt")),
        synth::valid_isrcs(LARGE_SEED).take(lines),
    )?;
    write_lines(
        &dir.join(format!("upc-{lines}.txt")),
        synth::valid_upcs(LARGE_SEED).take(lines),
    )
}

/// Writes one code per line.
fn write_lines(path: &Path, codes: impl Iterator<Item = impl Display>) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut out = create(path)?;
    for code in codes {
        writeln!(out, "{code}").map_err(fail)?;
    }
    out.flush().map_err(fail)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
