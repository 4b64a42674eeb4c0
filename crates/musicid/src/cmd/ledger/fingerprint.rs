//! `musicid ledger fingerprint`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use ledger::Stored;

use crate::clock;
use crate::cmd::files::{self, ReleaseFormat};
use crate::cmd::fingerprints;
use crate::cmd::ledger_arg::{LedgerArg, track_reference};
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

/// Runs `musicid ledger fingerprint`.
pub fn run(args: &FingerprintArgs) -> CmdResult {
    let format = ReleaseFormat::of_input(args.input_format, &args.input)?;
    let loaded = files::load_whole(&args.input, format)?;
    let folder = args.input.parent().unwrap_or(Path::new(""));
    let mut ledger = args.ledger.open()?;
    let now = clock::now();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut problems = false;
    for release in &loaded.releases {
        for track in &release.tracks {
            let (Some(isrc), Some(file)) = (track.isrc, track.file.as_deref()) else {
                continue;
            };
            let path = folder.join(file);
            let place = track_reference(release, track.disc, track.number);
            let fingerprint = match fingerprints::of_file(&path) {
                Ok(fingerprint) => fingerprint,
                Err(error) => {
                    eprintln!("musicid: {place}: {error}");
                    problems = true;
                    continue;
                }
            };
            let outcome =
                match ledger.store_fingerprint(isrc, fingerprint.values(), now, args.replace) {
                    Ok(outcome) => outcome,
                    Err(error @ ledger::Error::UnknownCode { .. }) => {
                        eprintln!("musicid: {place}: {error}");
                        problems = true;
                        continue;
                    }
                    Err(error) => return Err(Error::from(error)),
                };
            let word = match outcome {
                Stored::Added => "added",
                Stored::Unchanged => "unchanged",
                Stored::Replaced => "replaced",
                _ => "kept-other",
            };
            writeln!(out, "{isrc}\t{word}\t{}", path.display())
                .map_err(|e| Error::output(e, Outcome::from_problems(problems)))?;
        }
    }
    out.flush()
        .map_err(|e| Error::output(e, Outcome::from_problems(problems)))?;
    Ok(Outcome::from_problems(problems))
}
