//! The GRid and the DDEX party id (DPID) on any bytes: the code laws of each, and their
//! hyphenated forms read back.
#![no_main]

use grid::{Dpid, Grid};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::code_target::<Grid>(data, &[|c| c.hyphenated().to_string()]);
    musicid_fuzz::code_target::<Dpid>(data, &[|c| c.hyphenated().to_string()]);
});
