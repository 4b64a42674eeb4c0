//! Seed corpora, made afresh for each run from what the repository already holds — the
//! fixtures, the crates' test data — and from the DDEX messages beside the project
//! (`../shared/ddex/`, read in place, never copied into the repository). They are written to
//! `fuzz/seeds/TARGET/`, which git ignores; libFuzzer reads them beside the corpus it grows in
//! `fuzz/corpus/TARGET/`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use release_model::duration::{Clock, Iso8601};
use release_model::{Release, csv, json};

use super::targets::{Seeds, Target};
use crate::util::root;

/// Releases of one catalog fixture written singly as seeds (more adds little but size).
const RELEASES_PER_FIXTURE: usize = 20;

/// Where seeds come from.
pub struct Sources {
    root: PathBuf,
    /// The shared folder beside the project (`MUSICID_SHARED`, by default `../shared`), when
    /// it is there.
    shared: Option<PathBuf>,
}

impl Sources {
    pub fn find() -> Sources {
        let root = root();
        let shared = std::env::var_os("MUSICID_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("..").join("shared"));
        let shared = if shared.join("ddex").is_dir() {
            Some(shared)
        } else {
            eprintln!(
                "note: no DDEX messages at {} (set MUSICID_SHARED to the shared folder); \
                 the DDEX seeds are the crate's golden files alone",
                shared.join("ddex").display()
            );
            None
        };
        Sources { root, shared }
    }
}

/// The seed folder of `target`.
pub fn dir(target: &Target) -> PathBuf {
    root().join("fuzz").join("seeds").join(target.name)
}

/// Writes the seeds of `target` (replacing the folder's contents) and returns how many.
pub fn write(target: &Target, sources: &Sources) -> Result<usize, String> {
    let seeds: BTreeSet<Vec<u8>> = collect(target.seeds, sources)?
        .into_iter()
        .filter(|seed| seed.len() <= target.max_len)
        .collect();
    let dir = dir(target);
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (i, seed) in seeds.iter().enumerate() {
        let path = dir.join(format!("seed-{i:05}"));
        fs::write(&path, seed).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(seeds.len())
}

fn collect(kind: Seeds, sources: &Sources) -> Result<Vec<Vec<u8>>, String> {
    let root = &sources.root;
    let fields = |dirs: &[&str], prefix: &str| -> Result<Vec<Vec<u8>>, String> {
        let mut seeds = Vec::new();
        for dir in dirs {
            for path in files(&root.join(dir), |name| name.starts_with(prefix))? {
                seeds.extend(table_fields(&read_text(&path)?));
            }
        }
        Ok(seeds)
    };
    Ok(match kind {
        Seeds::Isrc => fields(&["fixtures/codes"], "isrc")?
            .into_iter()
            .chain(fields(&["crates/isrc/tests/data"], "")?)
            .collect(),
        Seeds::Upc => fields(&["fixtures/codes"], "upc")?
            .into_iter()
            .chain(fields(&["crates/upc/tests/data"], "")?)
            .collect(),
        Seeds::UpcE => fields(&["crates/upc/tests/data"], "upc_e")?
            .into_iter()
            .chain(fields(&["fixtures/codes"], "upc")?)
            .collect(),
        Seeds::Json => {
            let mut seeds = fixture_files(root, "json")?;
            seeds.extend(
                fixture_releases(root)?
                    .iter()
                    .map(|r| json::release_to_string(r).into_bytes()),
            );
            seeds
        }
        Seeds::Csv => {
            let mut seeds = fixture_files(root, "csv")?;
            let releases = fixture_releases(root)?;
            for chunk in releases.chunks(1).chain(releases.chunks(4)) {
                let text = csv::to_string(chunk).map_err(|e| format!("csv seed: {e}"))?;
                seeds.push(text.into_bytes());
            }
            seeds
        }
        Seeds::Ddex => ddex_messages(sources)?,
        Seeds::Batch => batches(sources)?,
        Seeds::Codes {
            fixtures,
            crates,
            elements,
        } => {
            let mut seeds = Vec::new();
            for prefix in fixtures {
                seeds.extend(fields(&["fixtures/codes"], prefix)?);
            }
            seeds.extend(quoted(sources, crates, elements)?);
            seeds
        }
        Seeds::Duration => durations(root)?,
        Seeds::Date => dates(root)?,
        Seeds::Location => [
            "ledger.sqlite",
            "./codes.ledger",
            "/var/lib/musicid/ledger.db",
            "postgres://musicid:secret@db.example:5432/ledger",
            "postgresql://u@h/db?password=secret&sslmode=require",
            "PostgreSQL://[::1]:5433/ledger?connect_timeout=5",
            "postgres://u:p%40ss@h",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect(),
    })
}

/// Files directly in `dir` whose name passes `keep`, sorted; none when `dir` is absent.
fn files(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file() && keep(name) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Files under `dir` at any depth whose name passes `keep`.
fn files_deep(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Vec<PathBuf>, String> {
    let mut found = files(dir, keep)?;
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.path().is_dir() {
                found.extend(files_deep(&entry.path(), keep)?);
            }
        }
    }
    Ok(found)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every tab-separated field of every line that is not a `#` comment: the code tables hold an
/// input in the first column and a canonical form or a verdict after it.
fn table_fields(text: &str) -> Vec<Vec<u8>> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(|line| line.split('\t'))
        .map(|field| field.as_bytes().to_vec())
        .collect()
}

fn fixture_files(root: &Path, extension: &str) -> Result<Vec<Vec<u8>>, String> {
    let suffix = format!(".{extension}");
    files(&root.join("fixtures/releases"), |name| {
        name.ends_with(&suffix)
    })?
    .iter()
    .map(|path| read(path))
    .collect()
}

/// The first releases of each JSON fixture, for seeds written by the model's own writers.
fn fixture_releases(root: &Path) -> Result<Vec<Release>, String> {
    let mut releases = Vec::new();
    for path in files(&root.join("fixtures/releases"), |name| {
        name.ends_with(".json")
    })? {
        let import = json::from_str(&read_text(&path)?);
        releases.extend(import.releases.into_iter().take(RELEASES_PER_FIXTURE));
    }
    Ok(releases)
}

/// The crate's golden ERN messages and every message beside the project.
fn ddex_messages(sources: &Sources) -> Result<Vec<Vec<u8>>, String> {
    let is_xml = |name: &str| name.ends_with(".xml");
    let mut paths = Vec::new();
    paths.extend(files_deep(
        &sources.root.join("crates/ddex/tests/golden"),
        &is_xml,
    )?);
    if let Some(shared) = &sources.shared {
        paths.extend(files_deep(&shared.join("ddex"), &is_xml)?);
    }
    paths.iter().map(|path| read(path)).collect()
}

/// Messages paired with a manifest in each seed of `batch_ingest` (more adds little but size).
const MESSAGES_PER_MANIFEST: usize = 8;

/// `batch_ingest`'s seeds: each manifest beside the project, its `URL`s pointing at the
/// target's `1/1.xml`, then a NUL byte and a message; and the zero-byte manifest (ECHO's
/// semaphore) before each message.
fn batches(sources: &Sources) -> Result<Vec<Vec<u8>>, String> {
    let messages = ddex_messages(sources)?;
    let mut manifests = Vec::new();
    if let Some(shared) = &sources.shared {
        for path in files(&shared.join("ddex/corpus/manifests"), |name| {
            name.ends_with(".xml")
        })? {
            manifests.push(pointed_at_target(&read_text(&path)?).into_bytes());
        }
    }
    manifests.push(Vec::new());
    let mut seeds = Vec::new();
    for manifest in &manifests {
        for message in messages.iter().take(MESSAGES_PER_MANIFEST) {
            let mut seed = manifest.clone();
            seed.push(0);
            seed.extend_from_slice(message);
            seeds.push(seed);
        }
    }
    Ok(seeds)
}

/// `manifest` with the text of every `URL` element replaced by `1/1.xml`.
fn pointed_at_target(manifest: &str) -> String {
    let mut out = String::with_capacity(manifest.len());
    let mut rest = manifest;
    while let Some(at) = rest.find("<URL>") {
        let (before, after) = rest.split_at(at + "<URL>".len());
        out.push_str(before);
        out.push_str("1/1.xml");
        rest = after.find('<').map_or("", |end| &after[end..]);
    }
    out.push_str(rest);
    out
}

/// The short quoted strings of the README and tests of each crate in `crates` (their examples
/// and test vectors, valid and not), and the text of the DDEX elements `elements`.
fn quoted(sources: &Sources, crates: &[&str], elements: &[&str]) -> Result<Vec<Vec<u8>>, String> {
    let mut seeds = Vec::new();
    for name in crates {
        let dir = sources.root.join("crates").join(name);
        let mut paths = vec![dir.join("README.md")];
        paths.extend(files_deep(&dir.join("tests"), &|file| {
            file.ends_with(".rs")
        })?);
        for path in paths.iter().filter(|path| path.is_file()) {
            let text = read_text(path)?;
            seeds.extend(
                text.split('"')
                    .skip(1)
                    .step_by(2)
                    .filter(|quoted| (4..=40).contains(&quoted.len()))
                    .map(|quoted| quoted.as_bytes().to_vec()),
            );
        }
    }
    if let Some(shared) = &sources.shared {
        for path in files_deep(&shared.join("ddex"), &|file| file.ends_with(".xml"))? {
            let text = String::from_utf8_lossy(&read(&path)?).into_owned();
            for element in elements {
                seeds.extend(
                    element_texts(&text, element)
                        .iter()
                        .map(|t| t.as_bytes().to_vec()),
                );
            }
        }
    }
    Ok(seeds)
}

/// The text of each `<element>…</` (any namespace prefix absent) in `xml`.
fn element_texts<'a>(xml: &'a str, element: &str) -> Vec<&'a str> {
    let open = format!("<{element}>");
    xml.match_indices(&open)
        .filter_map(|(at, _)| {
            let text = &xml[at + open.len()..];
            text.find('<').map(|end| text[..end].trim())
        })
        .collect()
}

fn durations(root: &Path) -> Result<Vec<Vec<u8>>, String> {
    let mut seeds: Vec<String> = [
        "PT3M21S",
        "PT1H2M3S",
        "PT21.5S",
        "P1DT2H",
        "PT0S",
        "PT1M30.5S",
        "3:21",
        "75:02",
        "1:02:03",
        "201",
        " PT3M21S ",
    ]
    .map(str::to_owned)
    .to_vec();
    for release in fixture_releases(root)? {
        for duration in release.tracks.iter().filter_map(|t| t.duration) {
            seeds.push(Iso8601(duration).to_string());
            seeds.push(Clock(duration).to_string());
        }
    }
    seeds.push(Iso8601(Duration::new(1, 5)).to_string());
    Ok(seeds.into_iter().map(String::into_bytes).collect())
}

fn dates(root: &Path) -> Result<Vec<Vec<u8>>, String> {
    let mut seeds: Vec<String> = [
        "2026",
        "2026-03",
        "2026-03-01",
        "2024-02-29",
        "2026-03-01T12:00:00Z",
        "2026-03-01T12:00:00.250+01:00",
        "2026-03-01T23:59:59-14:00",
    ]
    .map(str::to_owned)
    .to_vec();
    for release in fixture_releases(root)? {
        seeds.extend(release.release_date.map(|d| d.to_string()));
        seeds.extend(release.original_release_date.map(|d| d.to_string()));
    }
    Ok(seeds.into_iter().map(String::into_bytes).collect())
}
