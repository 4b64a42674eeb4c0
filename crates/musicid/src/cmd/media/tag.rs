//! `musicid media tag`.

use std::path::PathBuf;

use clap::Args;
use media::{TagOutcome, TagUpdate};

use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Writes the ISRC where the format keeps it (ID3v2 TSRC in MP3, WAV and AIFF; the Vorbis
comment ISRC in FLAC and Ogg; the iTunes ISRC atom in MP4), on a copy that replaces the file
atomically; the audio stays bit for bit the same. A file that carries another ISRC is refused
(exit 1) unless --replace-isrc is given. Exit codes: 0 written or already so, 1 refused,
2 usage or I/O error.

Examples:
  musicid media tag 01.flac --isrc QZAQQ2600001 --title 'Track 1' --artist 'One Yen'";

/// Arguments of `musicid media tag`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct TagArgs {
    /// The audio file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The ISRC to write.
    #[arg(long, value_name = "CODE")]
    pub isrc: String,
    /// The title to write.
    #[arg(long)]
    pub title: Option<String>,
    /// The artist to write.
    #[arg(long)]
    pub artist: Option<String>,
    /// Overwrite another ISRC already in the file.
    #[arg(long)]
    pub replace_isrc: bool,
}

/// Runs `musicid media tag`.
pub fn run(args: &TagArgs) -> CmdResult {
    let isrc: isrc::Isrc = args
        .isrc
        .parse()
        .map_err(|e| Error::msg(format!("--isrc {}: {e}", args.isrc)))?;
    let mut update = TagUpdate::isrc(isrc);
    update.title.clone_from(&args.title);
    update.artist.clone_from(&args.artist);
    update.replace_isrc = args.replace_isrc;
    let shown = args.file.display();
    match media::write_tags(&args.file, &update) {
        Ok(TagOutcome::Written { previous_isrc }) => {
            let was = previous_isrc.map_or_else(String::new, |p| format!(" (was {p})"));
            println!("{shown}: wrote ISRC {isrc}{was}");
            Ok(Outcome::Clean)
        }
        Ok(_) => {
            println!("{shown}: already carries ISRC {isrc} and the tags asked for; unchanged");
            Ok(Outcome::Clean)
        }
        Err(e @ media::Error::IsrcConflict { .. }) => {
            eprintln!("musicid: {e} (--replace-isrc overwrites it)");
            Ok(Outcome::Invalid)
        }
        Err(e @ (media::Error::Tags { .. } | media::Error::UnknownFormat { .. })) => {
            eprintln!("musicid: {e}");
            Ok(Outcome::Invalid)
        }
        Err(e) => Err(Error::msg(e.to_string())),
    }
}
