//! `Isrc`'s lenient `FromStr` (and `Prefix`'s) on any text: the code laws, and the hyphenated
//! and labelled forms of an accepted code read back to it.
#![no_main]

use isrc::{Isrc, Prefix};
use libfuzzer_sys::fuzz_target;
use musicid_fuzz::reads_back;

fuzz_target!(|data: &[u8]| {
    let Some(input) = musicid_fuzz::text(data) else {
        return;
    };
    musicid_fuzz::code_laws::<Isrc>(input);
    if let Ok(isrc) = input.parse::<Isrc>() {
        reads_back(input, &isrc.hyphenated().to_string(), &isrc);
        reads_back(input, &isrc.labelled().to_string(), &isrc);
    }
    if let Ok(prefix) = input.parse::<Prefix>() {
        let shown = prefix.to_string();
        reads_back(input, &shown, &prefix);
        assert_eq!(Prefix::parse_compact(shown.as_bytes()).ok(), Some(prefix));
    }
});
