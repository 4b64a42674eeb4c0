//! `musicid ledger init`.

use clap::Args;
use ledger::Ledger;

use crate::cmd::ledger_arg::LedgerArg;
use crate::error::{CmdResult, Outcome};

const HELP: &str = "\
The ledger location is --ledger, else $MUSICID_LEDGER, else ./musicid-ledger.sqlite. Commands
that issue codes open an existing ledger only; this command creates it. Exit 2 when the
location already holds a ledger or something else.

Examples:
  musicid ledger init
  musicid ledger init --ledger /srv/labels/leerecs.sqlite";

/// Arguments of `musicid ledger init`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct InitArgs {
    #[command(flatten)]
    pub ledger: LedgerArg,
}

/// Runs `musicid ledger init`.
pub fn run(args: &InitArgs) -> CmdResult {
    let ledger = Ledger::create(args.ledger.ledger.as_str())?;
    eprintln!("musicid: created a ledger at {}", ledger.location());
    Ok(Outcome::Clean)
}
