//! `musicid completions SHELL`.

use std::io::Write as _;

use clap::Args;
use clap_complete::Shell;

use crate::error::{CmdResult, Outcome};

/// Arguments of `musicid completions`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  musicid completions bash > /etc/bash_completion.d/musicid")]
pub struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script of `command`, the whole command line, for the shell to stdout.
pub fn run(args: &CompletionsArgs, mut command: clap::Command) -> CmdResult {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "musicid", &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(Outcome::Clean)
}
