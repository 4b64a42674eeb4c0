//! `Iswc` on any bytes: the code laws, and the hyphenated form reads back.
#![no_main]

use iswc::Iswc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::code_target::<Iswc>(data, &[|c| c.hyphenated().to_string()]);
});
