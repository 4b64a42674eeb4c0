//! The DDEX ERN reader (3.7 … 4.3.x, releases and purges) on any bytes: see
//! `musicid_fuzz::release::ddex`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| musicid_fuzz::release::ddex(data));
