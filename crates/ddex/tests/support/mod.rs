//! What the DDEX tests share: the seed's album, a fixed message header, the official schema
//! and samples (found through `DDEX_ERN43_XSD`, never copied into the repository) and xmllint.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use ddex::{CommercialModelType, Deal, MessageHeader, MessageParty, Territory, UseType};
use release_model::{Catalog, Release, ReleaseType, Track};

/// The message header every test export uses.
pub fn header() -> MessageHeader {
    MessageHeader::new(
        "LEERECS-2026-0001",
        MessageParty::new("PADPIDA2013042401U".parse().unwrap(), "Leerecs"),
        MessageParty::new("PADPIDA2009101501Y".parse().unwrap(), "Example DSP"),
        "2026-03-01T12:00:00Z".parse().unwrap(),
    )
}

/// A worldwide streaming deal and a download deal in two countries.
pub fn deals() -> Vec<Deal> {
    let mut download = Deal::new(
        vec!["GB".parse().unwrap(), "JP".parse().unwrap()],
        "2026-03-01".parse().unwrap(),
        CommercialModelType::PayAsYouGoModel,
        vec![UseType::PermanentDownload],
    );
    download.end_date = Some("2030-12-31".parse().unwrap());
    vec![
        Deal {
            territories: vec![Territory::WORLDWIDE],
            start_date: "2026-03-01".parse().unwrap(),
            end_date: None,
            commercial_model_types: vec![
                CommercialModelType::SubscriptionModel,
                CommercialModelType::AdvertisementSupportedModel,
            ],
            use_types: vec![UseType::OnDemandStream, UseType::NonInteractiveStream],
        },
        download,
    ]
}

/// The repository's release fixtures (`fixtures/releases/`).
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/releases")
}

/// The releases of a fixture file (one release or an array).
pub fn fixture(name: &str) -> Vec<Release> {
    let path = fixtures_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Catalog::from_json(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .releases
}

/// The genre the fixtures lack and ERN requires.
pub const GENRE: &str = "Electronic";

/// The seed's album from the fixtures: *Vesica Piscis* by One Yen on Leerecs, 13 tracks
/// QZAQQ2600001 … QZAQQ2600013, with a genre (ERN requires one; the fixture has none).
pub fn vesica_piscis() -> Release {
    let mut release = fixture("vesica-piscis.json").remove(0);
    release.genre = Some(GENRE.to_owned());
    release
}

/// A two-disc compilation with a featured artist, versions and an explicit track.
pub fn featured_compilation() -> Release {
    let track = |disc, number, title: &str, isrc: &str, seconds| {
        Track::new(disc, number, title)
            .with_isrc(isrc.parse().unwrap())
            .with_duration(Duration::from_secs(seconds))
    };
    Release::builder("Leerecs Collected", "Various Artists")
        .upc("614141000012".parse().unwrap())
        .label("Leerecs")
        .genre("Electronic")
        .release_type(ReleaseType::Compilation)
        .release_date("2026-06".parse().unwrap())
        .version("Deluxe Edition")
        .catalog_number("LEE-002")
        .push(track(1, 1, "Opening", "QZAQQ2600101", 201).with_artist("One Yen"))
        .push(
            track(1, 2, "Tides & <Signals>", "QZAQQ2600102", 245)
                .with_artist("Ka Lo")
                .with_version("Radio Edit")
                .with_explicit(true),
        )
        .push(track(2, 1, "Closing", "QZAQQ2600103", 3723).with_artist("Mi Ren feat. One Yen"))
        .build()
}

/// The official schema, when `DDEX_ERN43_XSD` names it.
pub fn schema() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("DDEX_ERN43_XSD")?);
    path.is_file().then_some(path)
}

/// The shared DDEX folder (schemas, samples, corpus): beside the schema `DDEX_ERN43_XSD`
/// names, else `../shared/ddex` from the repository root; never copied into the repository.
/// `None` (and a note on stderr) when neither exists.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = match schema() {
        Some(schema) => schema.parent()?.parent()?.to_path_buf(),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ddex"),
    };
    if dir.join("corpus").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no DDEX corpus at {} (set DDEX_ERN43_XSD to the schema beside it)",
            dir.display()
        );
        None
    }
}

/// Every `.xml` file under `dir`, sorted.
pub fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "xml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// DDEX's sample messages: `<xsd dir>/../samples`.
pub fn samples_dir() -> Option<PathBuf> {
    let schema = schema()?;
    let dir = schema.parent()?.parent()?.join("samples");
    dir.is_dir().then_some(dir)
}

/// The schema when it is configured and xmllint runs here; otherwise says why the caller
/// skips and gives `None`.
pub fn schema_and_xmllint() -> Option<PathBuf> {
    let Some(schema) = schema() else {
        eprintln!(
            "skipped: DDEX_ERN43_XSD is not set (it names the ERN 4.3 release-notification.xsd)"
        );
        return None;
    };
    if !has_xmllint() {
        eprintln!("skipped: xmllint is not installed (Debian package libxml2-utils)");
        return None;
    }
    Some(schema)
}

/// Whether `xmllint` runs here.
pub fn has_xmllint() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Validates `files` against `schema` with xmllint; `Err` carries its output.
pub fn xmllint(schema: &Path, files: &[PathBuf]) -> Result<(), String> {
    for chunk in files.chunks(200) {
        let output = Command::new("xmllint")
            .arg("--schema")
            .arg(schema)
            .arg("--noout")
            .args(chunk)
            .output()
            .map_err(|error| format!("cannot run xmllint: {error}"))?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
    }
    Ok(())
}

/// A fresh, empty directory under the system's temporary directory.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("release-model-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What Release Profile 1.4 (ERN 3.8.2) asks beyond the model, filled in: ℗ and © lines on
/// every release, and more than one track on an album (a one-track release becomes a single).
pub fn for_rp14(release: &Release) -> Release {
    let mut release = release.clone();
    let owner = release
        .label
        .clone()
        .unwrap_or_else(|| release.artist.clone());
    release
        .p_line
        .get_or_insert_with(|| format!("(P) 2026 {owner}"));
    release
        .c_line
        .get_or_insert_with(|| format!("(C) 2026 {owner}"));
    if release.tracks.len() == 1 {
        release.release_type = Some(ReleaseType::Single);
    }
    release
}

/// What a version carries of a release's credits (the library's contract, checked against
/// the export's notes in its unit tests and by hand in `ern3.rs` and `export.rs`).
#[allow(unused_imports)]
pub use ddex::carried;
