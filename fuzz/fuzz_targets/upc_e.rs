//! `UpcE`'s `FromStr` on any text: an accepted code prints eight digits that read back to it,
//! and it expands to a UPC-A that compresses back to it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upc::UpcE;

fuzz_target!(|data: &[u8]| {
    let Some(input) = musicid_fuzz::text(data) else {
        return;
    };
    match input.parse::<UpcE>() {
        Ok(code) => {
            let shown = code.to_string();
            assert_eq!(shown.len(), 8, "{input:?} shown as {shown:?}");
            musicid_fuzz::reads_back(input, &shown, &code);
            let expanded = code.expand();
            assert_eq!(
                expanded.compress(),
                Some(code),
                "{input:?} expands to {expanded}"
            );
        }
        Err(error) => {
            if let Some(parse) = error.as_parse_error() {
                musicid_fuzz::position_names_its_character(input, parse);
            }
        }
    }
});
