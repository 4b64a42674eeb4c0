//! `Isrc`'s lenient `FromStr` (and `Prefix`'s) on any text: the code laws, and the hyphenated
//! and labelled forms of an accepted code read back to it.
#![no_main]

use isrc::{Isrc, Prefix};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::code_target::<Isrc>(
        data,
        &[|c| c.hyphenated().to_string(), |c| c.labelled().to_string()],
    );
    if let Some(Ok(prefix)) = musicid_fuzz::text(data).map(str::parse::<Prefix>) {
        let shown = prefix.to_string();
        assert_eq!(
            shown.parse::<Prefix>().ok(),
            Some(prefix),
            "{data:?} shown as {shown:?}"
        );
        assert_eq!(Prefix::parse_compact(shown.as_bytes()).ok(), Some(prefix));
    }
});
