//! `musicid ledger fingerprint`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use isrc::Isrc;
use ledger::Stored;
use media::fingerprint::Fingerprint;

use crate::clock;
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::ledger_arg::{LedgerArg, track_reference};
use crate::cmd::{fingerprints, media_files};
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Back-fills the acoustic fingerprints of codes issued before the ledger kept them: for every
track of IN that has an ISRC and a file (a path relative to IN), the file is fingerprinted and
the fingerprint stored with the ISRC, so that `media identify` and `release assign --media`
recognise the recording from then on. A code that already has a different fingerprint keeps it
unless --replace is given. Prints `ISRC<TAB>OUTCOME<TAB>FILE` per track (added, unchanged,
replaced, kept-other). Exit 1 when an ISRC is not in the ledger or a file cannot be
fingerprinted (the other tracks are still done).

Example:
  musicid ledger fingerprint vesica-piscis.json --ledger catalog.ledger";

/// Arguments of `musicid ledger fingerprint`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct FingerprintArgs {
    /// The release file whose tracks carry ISRCs and files.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// Replace a different fingerprint the ledger holds for a code.
    #[arg(long)]
    pub replace: bool,
    /// The format of IN (default: from its extension).
    #[arg(long, value_enum)]
    pub input_format: Option<ReleaseFormat>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Runs `musicid ledger fingerprint`: the files are fingerprinted on every core, then every
/// fingerprint is stored in one transaction (one commit, not one per track).
pub fn run(args: &FingerprintArgs) -> CmdResult {
    let format = ReleaseFormat::of_input(args.input_format, &args.input)?;
    let loaded = files::load_whole(&args.input, format)?;
    let folder = args.input.parent().unwrap_or(Path::new(""));
    let tracks: Vec<(Isrc, PathBuf, String)> = loaded
        .releases
        .iter()
        .flat_map(|release| {
            release.tracks.iter().filter_map(move |track| {
                let (Some(isrc), Some(file)) = (track.isrc, track.file.as_deref()) else {
                    return None;
                };
                let place = track_reference(release, track.disc, track.number);
                Some((isrc, folder.join(file), place))
            })
        })
        .collect();
    let prints = media::parallel::map(&tracks, media_files::threads(None), |(_, path, _)| {
        fingerprints::of_file(path)
    });
    let mut ledger = args.ledger.open()?;
    let mut problems = false;
    // (track index, fingerprint) of what goes to the ledger.
    let mut storing: Vec<(usize, Fingerprint)> = Vec::with_capacity(tracks.len());
    for (index, ((isrc, _, place), print)) in tracks.iter().zip(prints).enumerate() {
        match print {
            Err(error) => eprintln!("musicid: {place}: {error}"),
            Ok(_) if ledger.lookup(*isrc)?.is_none() => {
                let error = ledger::Error::UnknownCode {
                    code: ledger::Code::Isrc(*isrc),
                };
                eprintln!("musicid: {place}: {error}");
            }
            Ok(fingerprint) => {
                storing.push((index, fingerprint));
                continue;
            }
        }
        problems = true;
    }
    let items: Vec<(Isrc, &[u32])> = storing
        .iter()
        .map(|(index, fingerprint)| (tracks[*index].0, fingerprint.values()))
        .collect();
    let outcomes = ledger.store_fingerprints(&items, clock::now(), args.replace)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for ((index, _), outcome) in storing.iter().zip(outcomes) {
        let word = match outcome {
            Stored::Added => "added",
            Stored::Unchanged => "unchanged",
            Stored::Replaced => "replaced",
            _ => "kept-other",
        };
        let (isrc, path, _) = &tracks[*index];
        writeln!(out, "{isrc}\t{word}\t{}", path.display())
            .map_err(|e| Error::output(e, Outcome::from_problems(problems)))?;
    }
    out.flush()
        .map_err(|e| Error::output(e, Outcome::from_problems(problems)))?;
    Ok(Outcome::from_problems(problems))
}
