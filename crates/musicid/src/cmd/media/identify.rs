//! `musicid media identify`.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use ledger::CANDIDATES_JUDGED;

use crate::cmd::fingerprints::{self, same_recording};
use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Error, Outcome};

const HELP: &str = "\
Fingerprints each FILE (Chromaprint, as fpcalc computes it, over the first 120 s) and looks it
up among the fingerprints the ledger keeps with its issued ISRCs (`release assign --media`,
`ledger fingerprint`). Prints one line per match, `FILE<TAB>ISRC<TAB>SCORE<TAB>OFFSET<TAB>REFERENCE`
(best first; the offset says where FILE starts in the stored recording), or `FILE<TAB>-` when
the audio matches no recording. Two fingerprints are one recording when, at their best
alignment, at most 10 % of their bits differ (score 1 − 2 × bit error rate ≥ 0.8) over at
least 4 s.

Example:
  musicid media identify master-v2.flac --ledger catalog.ledger";

/// Arguments of `musicid media identify`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct IdentifyArgs {
    /// The audio files.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Runs `musicid media identify`.
pub fn run(args: &IdentifyArgs) -> CmdResult {
    let mut ledger = args.ledger.open()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for path in &args.files {
        let shown = path.display();
        let fingerprint = match fingerprints::of_file(path) {
            Ok(fingerprint) => fingerprint,
            Err(error) => {
                eprintln!("musicid: {error}");
                failed = true;
                continue;
            }
        };
        let query = fingerprint.values();
        let mut matches: Vec<_> = ledger
            .fingerprint_candidates(query, CANDIDATES_JUDGED)?
            .into_iter()
            .filter_map(|candidate| {
                same_recording(query, &candidate.fingerprint).map(|c| (candidate, c))
            })
            .collect();
        matches.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
        if matches.is_empty() {
            writeln!(out, "{shown}\t-").map_err(|e| Error::output(e, Outcome::Clean))?;
        }
        for (candidate, comparison) in matches {
            writeln!(
                out,
                "{shown}\t{}\t{:.3}\t{:+.1}\t{}",
                candidate.isrc,
                comparison.score,
                comparison.offset_seconds(),
                candidate.record.reference.as_deref().unwrap_or("")
            )
            .map_err(|e| Error::output(e, Outcome::Clean))?;
            eprintln!("musicid: {shown}: {} ({comparison})", candidate.isrc);
        }
    }
    out.flush().map_err(|e| Error::output(e, Outcome::Clean))?;
    if failed {
        return Err(Error::Reported);
    }
    Ok(Outcome::Clean)
}
