//! `musicid release tag-media`.

use std::path::PathBuf;

use clap::Args;
use media::{TagOutcome, TagUpdate};

use crate::cmd::files::ReleaseFormat;
use crate::cmd::media_files;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Writes each track's ISRC, title, artist and track number, and the release's UPC as its
barcode, into the file the track names (`file`, relative to the release file). Without
--write it only says what it would do. A file that already carries another ISRC is refused
(exit 1) unless --replace-isrc is given; each write replaces its file atomically and leaves
the audio bit for bit the same. Exit codes: 0 done (or nothing to do), 1 refusals or
unreadable files, 2 usage or I/O error.

Examples:
  musicid release tag-media vesica-piscis.json
  musicid release tag-media vesica-piscis.json --write";

/// Arguments of `musicid release tag-media`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct TagMediaArgs {
    /// The release file (JSON or CSV).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The format of the file (default: from its extension).
    #[arg(long, value_enum)]
    pub input_format: Option<ReleaseFormat>,
    /// Write the tags (without it: a dry run).
    #[arg(long)]
    pub write: bool,
    /// Overwrite another ISRC already in a file.
    #[arg(long)]
    pub replace_isrc: bool,
}

/// Runs `musicid release tag-media`.
pub fn run(args: &TagMediaArgs) -> CmdResult {
    let loaded = media_files::load(std::slice::from_ref(&args.file), args.input_format)?;
    if let Some(error) = loaded.syntax.first() {
        return Err(Error::msg(error.to_string()));
    }
    let (mut written, mut unchanged, mut problems) = (0, 0, 0);
    for (release, files) in loaded.releases.iter().zip(&loaded.media) {
        for (track, path) in release.tracks.iter().zip(&files.tracks) {
            let place = format!("disc {} track {}", track.disc, track.number);
            let (Some(isrc), Some(path)) = (track.isrc, path) else {
                let missing = if track.isrc.is_none() {
                    "no ISRC (`musicid release assign` issues one)"
                } else {
                    "no file"
                };
                eprintln!("musicid: {place}: {missing}; skipped");
                problems += 1;
                continue;
            };
            let mut update = TagUpdate::isrc(isrc);
            update.title = Some(track.title.clone());
            update.artist = Some(track.artist_or(&release.artist).to_owned());
            update.track_number = Some(track.number);
            update.barcode = release.upc;
            update.replace_isrc = args.replace_isrc;
            let result = if args.write {
                media::write_tags(path, &update)
            } else {
                media::check_tags(path, &update)
            };
            let shown = path.display();
            match result {
                Ok(TagOutcome::Written { previous_isrc }) => {
                    written += 1;
                    let verb = if args.write { "wrote" } else { "would write" };
                    let was = previous_isrc
                        .filter(|p| *p != isrc.to_string())
                        .map_or_else(String::new, |p| format!(" (replacing {p})"));
                    println!("{shown}: {place}: {verb} ISRC {isrc}{was} and the track's tags");
                }
                Ok(_) => {
                    unchanged += 1;
                    println!("{shown}: {place}: already tagged as ISRC {isrc}");
                }
                Err(e @ media::Error::IsrcConflict { .. }) => {
                    problems += 1;
                    eprintln!("musicid: {place}: {e} (--replace-isrc overwrites it)");
                }
                Err(e @ media::Error::Io { .. }) => return Err(Error::msg(e.to_string())),
                Err(e) => {
                    problems += 1;
                    eprintln!("musicid: {place}: {e}");
                }
            }
        }
    }
    let verb = if args.write {
        "written"
    } else {
        "to write (dry run: --write writes them)"
    };
    eprintln!("musicid: {written} files {verb}, {unchanged} already tagged, {problems} not tagged");
    Ok(Outcome::from_problems(problems > 0))
}
