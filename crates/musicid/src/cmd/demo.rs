//! `musicid demo`: the README's main job on the embedded default.

use clap::Args;
use isrc::{Allocator, Prefix};

use crate::exit::{CmdResult, Context, Outcome};

/// Arguments of `musicid demo`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  musicid demo")]
pub struct DemoArgs {}

/// Issues the ISRCs of *Vesica Piscis* by One Yen.
pub fn run(_args: &DemoArgs) -> CmdResult {
    let prefix: Prefix = "QZAQQ".parse().context(|| "the demo prefix".to_owned())?;
    let mut allocator = Allocator::new(prefix, 26).context(|| "the demo allocator".to_owned())?;
    let range = allocator
        .issue_many(13)
        .context(|| "issuing the demo ISRCs".to_owned())?;
    println!("Vesica Piscis by One Yen: {} ISRCs, {range}", range.len());
    for isrc in range {
        println!("{isrc}");
    }
    Ok(Outcome::Clean)
}
