//! The IPI name number and base number on any bytes: the code laws of each, and the base
//! number's hyphenated form reads back.
#![no_main]

use ipi::{BaseNumber, NameNumber};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::code_target::<NameNumber>(data, &[]);
    musicid_fuzz::code_target::<BaseNumber>(data, &[|c| c.hyphenated().to_string()]);
});
