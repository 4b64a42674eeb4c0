//! `Isrc::parse_compact`, the strict fast path, on any bytes: it accepts exactly the canonical
//! form, which `FromStr` reads to the same code.
#![no_main]

use isrc::Isrc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::strict_laws::<Isrc>(data);
});
