//! The committed fixtures under `fixtures/` are exactly what `release_model::synth` generates
//! (the same definition `cargo xtask fixtures` writes from).

#![cfg(feature = "synth")]

use std::path::Path;

#[test]
fn committed_fixtures_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = release_model::synth::fixture_files().expect("the fixture set builds");
    let mut stale = Vec::new();
    for file in &files {
        let committed = std::fs::read_to_string(root.join(file.path)).unwrap_or_default();
        if committed != file.contents {
            stale.push(file.path);
        }
    }
    assert!(
        stale.is_empty(),
        "stale fixtures (run `cargo xtask fixtures` and commit): {stale:?}"
    );
}
