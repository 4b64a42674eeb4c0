//! Track durations on any text: an accepted duration prints as ISO 8601 that reads back to the
//! same value, and as `m:ss` / `h:mm:ss` that reads back to its whole seconds.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use release_model::duration::{Clock, Iso8601, parse};

fuzz_target!(|data: &[u8]| {
    let Some(input) = musicid_fuzz::text(data) else {
        return;
    };
    let Ok(duration) = parse(input) else {
        return;
    };
    let iso = Iso8601(duration).to_string();
    assert_eq!(
        parse(&iso).ok(),
        Some(duration),
        "{input:?} printed as {iso:?}"
    );
    let clock = Clock(duration).to_string();
    assert_eq!(
        parse(&clock).ok(),
        Some(Duration::from_secs(duration.as_secs())),
        "{input:?} printed as {clock:?}"
    );
});
