//! The media part of `musicid demo`: the album's masters — 8 s synthesised stand-ins, the
//! committed fixtures — put beside the release with its codes, tagged with their ISRCs and
//! checked the way a store's ingest checks them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use media::{MediaCheck, QcOptions, ReleaseMedia, TagOutcome, TagUpdate};
use release_model::Release;

use crate::atomic;
use crate::cmd::files::{self, ReleaseFormat};
use crate::error::Error;

/// The folder of the masters inside the demo folder.
pub const FOLDER: &str = "media";

macro_rules! album_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../../../fixtures/media/album/", $name)))),*]
    };
}

/// The stand-in masters and cover, and the release naming them (with their true durations).
const ALBUM: &[(&str, &[u8])] = album_files!(
    "01.flac",
    "02.flac",
    "03.flac",
    "04.flac",
    "05.flac",
    "06.flac",
    "07.flac",
    "08.flac",
    "09.flac",
    "10.flac",
    "11.flac",
    "12.flac",
    "13.wav",
    "cover.png",
);
const RELEASE: &str = include_str!("../../../../fixtures/media/album/vesica-piscis.json");
const RELEASE_FILE: &str = "vesica-piscis.json";

/// The masters as tagged and checked.
pub struct Masters {
    /// Their folder, which their release's file paths are relative to.
    pub folder: PathBuf,
    /// Their release, with its codes.
    pub release: Release,
    /// What the check found and measured (each file's fingerprint among it).
    pub check: MediaCheck,
}

/// Gives `release` the credits of `from`: its GRid and contributors, and each track's
/// contributors and work, track for track (by disc and number).
pub fn give_credits(release: &mut Release, from: &Release) {
    release.grid = from.grid;
    release.contributors.clone_from(&from.contributors);
    for track in &mut release.tracks {
        if let Some(given) = from
            .tracks
            .iter()
            .find(|t| (t.disc, t.number) == (track.disc, track.number))
        {
            track.contributors.clone_from(&given.contributors);
            track.work.clone_from(&given.work);
        }
    }
}

/// Puts the masters in `dir/media/` (those already there are kept: they are tagged), gives
/// their release the codes and credits of `issued`, tags each file and checks them; appends what happened
/// to `text`.
///
/// # Errors
/// A file that cannot be written or read.
pub fn tag_and_check(dir: &Path, issued: &Release, text: &mut String) -> Result<Masters, Error> {
    let folder = dir.join(FOLDER);
    std::fs::create_dir_all(&folder).map_err(|e| Error::with(folder.display().to_string(), e))?;
    for (name, bytes) in ALBUM {
        let path = folder.join(name);
        if !path.is_file() {
            atomic::write(&path, bytes)?;
        }
    }
    let mut release = release_model::json::from_str(RELEASE)
        .into_result()
        .map_err(|e| Error::with("the embedded media release", e))?
        .remove(0);
    release.upc = issued.upc;
    give_credits(&mut release, issued);
    for track in &mut release.tracks {
        track.isrc = issued
            .tracks
            .iter()
            .find(|t| (t.disc, t.number) == (track.disc, track.number))
            .and_then(|t| t.isrc);
    }
    let release_path = folder.join(RELEASE_FILE);
    atomic::write(
        &release_path,
        files::render(std::slice::from_ref(&release), ReleaseFormat::Json, true)?.as_bytes(),
    )?;

    let media = ReleaseMedia::of(&release, &folder);
    let mut written = 0;
    for (track, path) in release.tracks.iter().zip(&media.tracks) {
        let (Some(isrc), Some(path)) = (track.isrc, path) else {
            continue;
        };
        let mut update = TagUpdate::isrc(isrc);
        update.title = Some(track.title.clone());
        update.artist = Some(track.artist_or(&release.artist).to_owned());
        update.track_number = Some(track.number);
        update.barcode = release.upc;
        if let TagOutcome::Written { .. } =
            media::write_tags(path, &update).map_err(|e| Error::msg(e.to_string()))?
        {
            written += 1;
        }
    }
    let check = media::check_media(
        std::slice::from_ref(&release),
        &[media],
        &QcOptions::default().with_threads(2),
        &|_| {},
    );
    let _ = writeln!(
        text,
        "Tagged the album's {} masters in {} (8 s synthesised stand-ins) with their ISRCs: \
         {written} files written, {} already tagged.",
        release.tracks.len(),
        folder.display(),
        release.tracks.len() - written
    );
    let report = &check.report;
    if report.is_empty() {
        let _ = writeln!(
            text,
            "Checked the masters and the cover as a store's ingest does ({}): no findings.",
            release_path.display()
        );
    } else {
        let _ = writeln!(
            text,
            "Checked the masters and the cover ({}): {} errors, {} warnings:",
            release_path.display(),
            report.error_count(),
            report.warning_count()
        );
        for finding in report.findings() {
            let _ = writeln!(text, "  {finding}");
        }
    }
    Ok(Masters {
        folder,
        release,
        check,
    })
}
