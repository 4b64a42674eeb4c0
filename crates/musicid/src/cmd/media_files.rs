//! Shared by the media commands: release files read with the media they name, a progress bar
//! for file-by-file work, and how many files to decode at once.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use media::{ArtworkPolicy, QcOptions, ReleaseMedia};
use release_model::Release;

use crate::cmd::files::{self, ReleaseFormat, SyntaxError};
use crate::cmd::findings::Origin;
use crate::error::Error;

/// Releases read from their files, where each came from, and the files each names (joined to
/// the folder of its release file).
pub struct WithMedia {
    /// The releases, in file order.
    pub releases: Vec<Release>,
    /// Where each came from.
    pub origins: Vec<Origin>,
    /// The files each names.
    pub media: Vec<ReleaseMedia>,
    /// The release files' syntax errors.
    pub syntax: Vec<SyntaxError>,
}

/// Reads the release files `paths`.
///
/// # Errors
/// A file that cannot be read, or whose format cannot be told.
pub fn load(paths: &[PathBuf], format: Option<ReleaseFormat>) -> Result<WithMedia, Error> {
    let mut all = WithMedia {
        releases: Vec::new(),
        origins: Vec::new(),
        media: Vec::new(),
        syntax: Vec::new(),
    };
    for path in paths {
        let loaded = files::load(path, ReleaseFormat::of_input(format, path)?)?;
        let folder = path.parent().unwrap_or_else(|| Path::new(""));
        let file = path.display().to_string();
        for (index, release) in loaded.releases.into_iter().enumerate() {
            all.media.push(ReleaseMedia::of(&release, folder));
            all.releases.push(release);
            all.origins.push(Origin {
                file: file.clone(),
                index_in_file: index + 1,
            });
        }
        all.syntax.extend(loaded.errors);
    }
    Ok(all)
}

/// A progress bar over `count` files when stderr is a terminal and there is more than a
/// handful; never in pipes.
pub fn progress(count: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() || count < 8 {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(count as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, eta {eta}") {
        bar.set_style(style);
    }
    Some(bar)
}

/// The QC's options on the command line: `--min-cover` and `--threads`, shared by
/// `check-media`, `package` and `ingest`.
#[derive(Debug, Clone, clap::Args)]
pub struct QcArgs {
    /// The smallest cover side accepted, in pixels (stores differ: 1400 is the common floor,
    /// Spotify takes 640).
    #[arg(long, value_name = "PX", default_value_t = 1400)]
    pub min_cover: u32,
    /// Files decoded at once (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

impl QcArgs {
    /// The QC options these arguments ask for.
    pub fn options(&self) -> QcOptions {
        QcOptions::default()
            .with_threads(threads(self.threads))
            .with_artwork(ArtworkPolicy {
                min_side: self.min_cover,
                ..ArtworkPolicy::default()
            })
    }
}

/// The decoding threads: the number given, else one per core.
pub fn threads(given: Option<usize>) -> usize {
    given.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}
