//! Delivery batch ingest on any bytes: the input is a manifest and, after the first NUL byte,
//! a release message; the target writes them into a batch folder of its own
//! (`BatchComplete_1.xml` and `1/1.xml`) and ingests it with `ddex::delivery::ingest`.
//!
//! Laws: the batch is refused or read, never a panic; a refusal says what is wrong; ingest
//! writes nothing (the folder holds the same files, of the same sizes, afterwards); every
//! message and file a batch that is read reports lies inside the batch.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ddex::delivery::ingest;
use libfuzzer_sys::fuzz_target;
use media::qc::QcOptions;

/// The batch folder of this process, made once.
fn batch() -> &'static Path {
    static BATCH: OnceLock<PathBuf> = OnceLock::new();
    BATCH.get_or_init(|| {
        let dir = std::env::temp_dir()
            .join(format!("musicid-fuzz-batch-{}", std::process::id()))
            .join("batch");
        fs::create_dir_all(dir.join("1")).expect("the fuzz batch folder");
        // Canonical, so that the paths ingest reports (resolved through symlinks) compare.
        dir.canonicalize().expect("the fuzz batch folder resolves")
    })
}

/// Every file under `dir` with its size, sorted.
fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).expect("the fuzz batch lists") {
            let entry = entry.expect("a listed entry");
            let metadata = fs::symlink_metadata(entry.path()).expect("a listed entry's metadata");
            if metadata.is_dir() {
                pending.push(entry.path());
            } else {
                found.push((entry.path(), metadata.len()));
            }
        }
    }
    found.sort();
    found
}

fuzz_target!(|data: &[u8]| {
    let (manifest, message) = match data.iter().position(|&byte| byte == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let batch = batch();
    let message_path = batch.join("1").join("1.xml");
    fs::write(batch.join("BatchComplete_1.xml"), manifest).expect("the fuzz manifest");
    match message {
        Some(message) => fs::write(&message_path, message).expect("the fuzz message"),
        None => {
            let _ = fs::remove_file(&message_path);
        }
    }
    let before = listing(batch);
    let result = ingest(batch, &QcOptions::default());
    assert_eq!(listing(batch), before, "ingest wrote into the batch");
    match result {
        Ok(ingested) => {
            for report in &ingested.messages {
                assert!(
                    report.path.starts_with(batch),
                    "a message outside the batch was read: {}",
                    report.path.display()
                );
                for file in &report.files {
                    assert!(
                        file.path.starts_with(batch),
                        "a file outside the batch was read: {}",
                        file.path.display()
                    );
                }
            }
        }
        Err(error) => {
            assert!(!error.to_string().is_empty(), "a refusal that says nothing");
        }
    }
});
