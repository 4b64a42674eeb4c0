//! `Upc`'s lenient `FromStr` (and `CompanyPrefix`'s) on any text: the code laws, the grouped
//! form of an accepted code reads back to it, and conversion to GTIN-14 keeps the product.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upc::{CompanyPrefix, Upc};

fuzz_target!(|data: &[u8]| {
    musicid_fuzz::code_target::<Upc>(data, &[|c| c.grouped().to_string()]);
    let Some(input) = musicid_fuzz::text(data) else {
        return;
    };
    if let Ok(upc) = input.parse::<Upc>() {
        assert!(
            upc.is_same_product(upc.to_gtin14()),
            "{upc} and its GTIN-14"
        );
    }
    if let Ok(prefix) = input.parse::<CompanyPrefix>() {
        musicid_fuzz::reads_back(input, &prefix.to_string(), &prefix);
    }
});
