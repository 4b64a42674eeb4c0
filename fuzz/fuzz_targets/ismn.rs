//! `Ismn` on any bytes: the code laws, the hyphenated and the old `M` forms read back, and so
//! does the EAN-13 it is as a product code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upc::Ismn;

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::code_target::<Ismn>(
        data,
        &[
            |c| c.hyphenated().to_string(),
            |c| c.legacy().to_string(),
            |c| c.to_upc().to_string(),
        ],
    );
});
