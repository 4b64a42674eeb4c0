//! The CSV release reader on any bytes: see `musicid_fuzz::release::csv`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| musicid_fuzz::release::csv(data));
