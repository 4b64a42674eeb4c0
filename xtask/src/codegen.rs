//! `cargo xtask codegen [--check]`: the generated sources, today the ISRC prefix table.
//!
//! The renderer lives beside the crate it serves, so that the crate's own test can render the
//! table again and fail when the committed file is stale.

use std::path::Path;

use crate::util::{GENERATED, ensure_file, expect_args, has_flag, root};

#[path = "../../crates/isrc/codegen/prefix_table.rs"]
mod prefix_table;

/// Renders every generated file; with `--check`, fails when one is stale instead of writing.
pub fn run(args: &[String]) -> Result<(), String> {
    expect_args(args, &["--check"], &[])?;
    let check = has_flag(args, "--check");
    let source = root().join(prefix_table::SOURCE);
    let csv = std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    let rendered = prefix_table::render(&csv, GENERATED)?;
    ensure_file(Path::new(prefix_table::OUTPUT), &rendered, check)?;
    Ok(())
}
