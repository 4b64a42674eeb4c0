//! `musicid completions SHELL`.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::exit::{CmdResult, Failure, Outcome};

/// Arguments of `musicid completions`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  musicid completions bash > /etc/bash_completion.d/musicid")]
pub struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script for the shell to stdout.
pub fn run(args: &CompletionsArgs) -> CmdResult {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "musicid", &mut out);
    use std::io::Write as _;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Failure::output(&e))?;
    Ok(Outcome::Clean)
}
