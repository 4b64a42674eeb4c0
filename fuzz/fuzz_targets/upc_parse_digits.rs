//! `Upc::parse_digits`, the strict fast path, on any bytes: it accepts exactly the canonical
//! digits, which `FromStr` reads to the same code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upc::Upc;

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::strict_laws::<Upc>(data);
});
