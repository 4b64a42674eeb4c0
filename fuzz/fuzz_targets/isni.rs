//! `Isni` on any bytes: the code laws, and the grouped and hyphenated forms read back.
#![no_main]

use isni::Isni;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::code_target::<Isni>(
        data,
        &[|c| c.grouped().to_string(), |c| c.hyphenated().to_string()],
    );
});
