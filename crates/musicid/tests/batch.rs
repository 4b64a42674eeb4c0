//! `musicid release package` and `release ingest`: an album packaged and taken back, a hostile
//! batch refused with nothing written, and a packaging killed at random points never taken for
//! a complete batch.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{assert_code, assert_contains, musicid, run};

const SENDER: &str = "PADPIDA2013042401U";
const RECIPIENT: &str = "PADPIDA2009101501Y";

/// The album's masters (the media fixtures: short synthesised stand-ins, mixed FLAC and WAV)
/// tagged with their ISRCs, its cover, and its release file with a genre, written under
/// `dir`; the release file's path.
fn album(dir: &Path) -> PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/media/album");
    let mut release: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fixtures.join("vesica-piscis.json")).unwrap())
            .unwrap();
    release["genre"] = "Electronic".into();
    fs::copy(fixtures.join("cover.png"), dir.join("cover.png")).unwrap();
    for track in release["tracks"].as_array().unwrap() {
        let name = track["file"].as_str().unwrap();
        let isrc = track["isrc"].as_str().unwrap().parse().unwrap();
        let bytes = media::synth::with_isrc(fs::read(fixtures.join(name)).unwrap(), name, isrc);
        fs::write(dir.join(name), bytes).unwrap();
    }
    let path = dir.join("album.json");
    fs::write(&path, serde_json::to_string_pretty(&release).unwrap()).unwrap();
    path
}

fn package(release: &Path, out: &Path, created: &str) -> common::Run {
    run(
        &package_args(release.to_str().unwrap(), out.to_str().unwrap(), created),
        b"",
    )
}

fn ingest(batch: &Path, catalog: &Path) -> common::Run {
    run(
        &[
            "release",
            "ingest",
            batch.to_str().unwrap(),
            "-o",
            catalog.to_str().unwrap(),
        ],
        b"",
    )
}

fn package_args<'a>(release: &'a str, out: &'a str, created: &'a str) -> Vec<&'a str> {
    vec![
        "release",
        "package",
        release,
        "--ern",
        "4.3",
        "--out",
        out,
        "--sender-dpid",
        SENDER,
        "--recipient-dpid",
        RECIPIENT,
        "--created",
        created,
    ]
}

#[test]
fn an_album_packaged_ingests_back_as_inserted_then_updated() {
    let dir = tempfile::tempdir().unwrap();
    let release = album(dir.path());
    let out = dir.path().join("batches");
    let packaged = package(&release, &out, "2026-03-01T12:00:00.123Z");
    assert_code(&packaged, 0);
    let batch = out.join("N_20260301120000123");
    assert_eq!(packaged.stdout.trim(), batch.to_str().unwrap());
    assert!(batch.join("BatchComplete_20260301120000123.xml").is_file());
    assert!(
        batch
            .join("614141000012/resources/614141000012_01_013.wav")
            .is_file()
    );

    let catalog = dir.path().join("catalog.json");
    let first = ingest(&batch, &catalog);
    assert_code(&first, 0);
    assert_contains(
        &first.stdout,
        "614141000012.xml: inserted: release \"Vesica Piscis\" (upc 614141000012), 14 files checked",
    );
    assert_eq!(first.stderr, "");
    let second = ingest(&batch, &catalog);
    assert_code(&second, 0);
    assert_contains(&second.stdout, ": updated: release \"Vesica Piscis\"");
    let taken: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&catalog).unwrap()).unwrap();
    let taken = taken.as_array().unwrap();
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0]["tracks"].as_array().unwrap().len(), 13);
    assert_eq!(taken[0]["tracks"][12]["isrc"], "QZAQQ2600013");
}

#[test]
fn an_update_and_a_takedown_are_packaged_and_ingest_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let release = album(dir.path());
    // Release Profile 1.4 (ERN 3.8.2) wants the ℗ and © lines.
    let mut json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&release).unwrap()).unwrap();
    json["p_line"] = "2026 Leerecs".into();
    json["c_line"] = "2026 Leerecs".into();
    fs::write(&release, json.to_string()).unwrap();
    let release = release.to_str().unwrap();
    let out = dir.path().join("batches");
    let out = out.to_str().unwrap();
    let catalog = dir.path().join("catalog.json");
    for ern in ["4.3", "3.8.2"] {
        let _ = fs::remove_file(&catalog);
        let _ = fs::remove_dir_all(out);
        assert_code(
            &package(
                Path::new(release),
                Path::new(out),
                "2026-03-01T12:00:00.001Z",
            ),
            0,
        );
        let first = Path::new(out).join("N_20260301120000001");

        // A takedown of a release never delivered here: said so, nothing removed.
        let mut args = package_args(release, out, "2026-03-01T12:00:00.002Z");
        args[4] = ern;
        args.push("--takedown");
        let takedown = run(&args, b"");
        assert_code(&takedown, 0);
        assert_contains(&takedown.stderr, "packaged as takedowns (0 files linked");
        let takedown = Path::new(out).join("N_20260301120000002");
        let early = ingest(&takedown, &catalog);
        assert_code(&early, 0);
        assert_contains(
            &early.stdout,
            "taken down (not held): release \"Vesica Piscis\" (upc 614141000012), 0 files checked; the catalog holds no such release",
        );

        assert_code(&ingest(&first, &catalog), 0);
        let mut args = package_args(release, out, "2026-03-01T12:00:00.003Z");
        args[4] = ern;
        args.push("--update");
        assert_code(&run(&args, b""), 0);
        let update = ingest(&Path::new(out).join("N_20260301120000003"), &catalog);
        assert_code(&update, 0);
        assert_contains(&update.stdout, ": updated: release \"Vesica Piscis\"");

        let taken = ingest(&takedown, &catalog);
        assert_code(&taken, 0);
        assert_contains(
            &taken.stdout,
            ": taken down: release \"Vesica Piscis\" (upc 614141000012), 0 files checked\n",
        );
        let held: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&catalog).unwrap()).unwrap();
        assert_eq!(held, serde_json::json!([]), "{ern}");
    }
    let mut both = package_args(release, out, "2026-03-01T12:00:00.004Z");
    both.extend(["--update", "--takedown"]);
    assert_code(&run(&both, b""), 2);
}

#[test]
fn a_hostile_batch_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let release = album(dir.path());
    let out = dir.path().join("batches");
    let packaged = package(&release, &out, "2026-03-01T12:00:00Z");
    assert_code(&packaged, 0);
    let batch = out.join("N_20260301120000000");
    let message = batch.join("614141000012/614141000012.xml");
    let xml = fs::read_to_string(&message).unwrap();
    fs::write(
        &message,
        xml.replacen(
            "<URI>resources/614141000012_01_001.flac</URI>",
            "<URI>../../../album.json</URI>",
            1,
        ),
    )
    .unwrap();
    let catalog = dir.path().join("catalog.json");
    let refused = ingest(&batch, &catalog);
    assert_code(&refused, 1);
    assert_contains(&refused.stderr, "refusing the batch [batch.outside]");
    assert_contains(&refused.stderr, "climbs out with '..'");
    assert!(!catalog.exists());

    let missing = ingest(&dir.path().join("nowhere"), &catalog);
    assert_code(&missing, 2);
    assert!(!catalog.exists());
}

#[test]
fn a_release_with_errors_is_not_packaged() {
    let dir = tempfile::tempdir().unwrap();
    let release = album(dir.path());
    let text =
        fs::read_to_string(&release)
            .unwrap()
            .replacen("\"number\": 2,", "\"number\": 1,", 1);
    fs::write(&release, text).unwrap();
    let out = dir.path().join("batches");
    let refused = package(&release, &out, "2026-03-01T12:00:00Z");
    assert_code(&refused, 1);
    assert_contains(&refused.stderr, "not packaged");
    assert!(!out.exists());
}

/// A small xorshift, seeded from the clock: the kill points differ from run to run, and the
/// seed is printed so a failure can be replayed with `BATCH_CRASH_SEED`.
fn seed() -> u64 {
    std::env::var("BATCH_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        })
}

#[cfg(unix)]
#[test]
fn a_packaging_killed_at_any_point_is_never_taken_as_complete() {
    let dir = tempfile::tempdir().unwrap();
    // Files on another folder than the output still hard-link (one file system); decoding
    // every file for the QC first makes the run last a while.
    let release = album(dir.path());
    let mut state = seed();
    eprintln!("BATCH_CRASH_SEED={state}");
    // One whole run sizes the window the kills are spread over (a measure, not an assertion).
    let started = std::time::Instant::now();
    let whole = package(&release, &dir.path().join("whole"), "2026-03-01T13:00:00Z");
    assert_code(&whole, 0);
    let window = started.elapsed().as_micros().max(1000) as u64 * 5 / 4;
    let mut complete = 0;
    let mut incomplete = 0;
    for round in 0..16 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let out = dir.path().join(format!("out{round}"));
        let created = format!("2026-03-01T12:00:{:02}.000Z", round);
        let mut command = musicid();
        command
            .args(package_args(
                release.to_str().unwrap(),
                out.to_str().unwrap(),
                &created,
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Every fourth round stops right before the manifest's rename, the last moment a
        // kill can leave the batch incomplete.
        if round % 4 == 3 {
            command.env("MUSICID_TEST_PAUSE_BEFORE_MANIFEST", "5");
        }
        let mut child = command.spawn().unwrap();
        let wait = if round % 4 == 3 {
            Duration::from_micros(window) + Duration::from_millis(300)
        } else {
            Duration::from_micros(state % window)
        };
        std::thread::sleep(wait);
        let _ = child.kill();
        let _ = child.wait();
        let batch = out.join(format!("N_20260301120{:03}000", round));
        if !batch.exists() {
            incomplete += 1;
            continue;
        }
        let catalog = dir.path().join(format!("catalog{round}.json"));
        let taken = ingest(&batch, &catalog);
        if batch
            .join(format!("BatchComplete_20260301120{:03}000.xml", round))
            .exists()
        {
            // A manifest means everything before it is whole.
            assert_code(&taken, 0);
            complete += 1;
        } else {
            assert_code(&taken, 1);
            assert_contains(&taken.stderr, "[batch.no_manifest]");
            assert!(!catalog.exists());
            incomplete += 1;
        }
    }
    eprintln!("{complete} complete, {incomplete} stopped before their manifest");
    assert!(
        incomplete >= 4,
        "the paused rounds are always stopped before the manifest"
    );
}
