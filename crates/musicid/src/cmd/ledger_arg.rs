//! The `--ledger LOCATION` argument of the commands that issue codes, and the references the
//! ledger records for a release's codes.

use clap::Args;
use ledger::{Code, Ledger};
use release_model::Release;

use crate::error::Error;

/// The ledger used when neither `--ledger` nor `$MUSICID_LEDGER` names one.
pub const DEFAULT_LEDGER: &str = "musicid-ledger.sqlite";

/// The `--ledger LOCATION` option.
#[derive(Debug, Clone, Args)]
pub struct LedgerArg {
    /// The ledger: an SQLite file, or a `postgres://` URL (when built with PostgreSQL support).
    // The variable's value may hold a password: --help names the variable, never its value.
    #[arg(
        long,
        env = "MUSICID_LEDGER",
        hide_env_values = true,
        default_value = DEFAULT_LEDGER,
        value_name = "LOCATION"
    )]
    pub ledger: String,
}

impl LedgerArg {
    /// Opens the existing ledger (never creates one: a mistyped path must not start a second
    /// ledger that would issue the same codes again).
    ///
    /// # Errors
    /// No ledger there, not a ledger, or unreachable.
    pub fn open(&self) -> Result<Ledger, Error> {
        Ledger::open_existing(self.ledger.as_str()).map_err(|error| {
            if matches!(error, ledger::Error::NotFound { .. }) {
                // The location as the ledger shows it: a URL's password hidden.
                Error::msg(format!(
                    "{error} (create one with `musicid ledger init --ledger {}`)",
                    ledger::Location::parse(&self.ledger)
                ))
            } else {
                Error::from(error)
            }
        })
    }
}

/// The reference the ledger records for a release's UPC.
pub fn release_reference(release: &Release) -> String {
    format!("{} / {}", release.artist, release.title)
}

/// The reference the ledger records for a track's ISRC.
pub fn track_reference(release: &Release, disc: u32, number: u32) -> String {
    format!(
        "{} / {} / disc {disc} track {number}",
        release.artist, release.title
    )
}

/// Every code of the releases with its place and ledger reference.
pub fn codes_with_references(releases: &[Release]) -> Vec<(String, Code, String)> {
    let mut codes = Vec::new();
    for (index, release) in releases.iter().enumerate() {
        if let Some(upc) = release.upc {
            codes.push((
                format!("release {}", index + 1),
                Code::from(upc),
                release_reference(release),
            ));
        }
        for track in &release.tracks {
            if let Some(isrc) = track.isrc {
                codes.push((
                    format!(
                        "release {}, disc {} track {}",
                        index + 1,
                        track.disc,
                        track.number
                    ),
                    Code::from(isrc),
                    track_reference(release, track.disc, track.number),
                ));
            }
        }
    }
    codes
}
