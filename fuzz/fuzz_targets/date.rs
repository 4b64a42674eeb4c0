//! Dates on any text: a release date (`PartialDate`) prints the canonical form that reads back
//! to it and is the input less its surrounding whitespace (nothing else is accepted); a DDEX
//! message date-time reads back from its display, and its instant in UTC (`Utc`, the form
//! `Display` writes) reads back too, as any `Utc` the text itself gives.
#![no_main]

use ddex::DateTime;
use libfuzzer_sys::fuzz_target;
use musicid_fuzz::reads_back;
use release_model::{PartialDate, Utc};

fuzz_target!(|data: &[u8]| {
    let Some(input) = musicid_fuzz::text(data) else {
        return;
    };
    if let Ok(date) = input.parse::<PartialDate>() {
        let shown = date.to_string();
        assert_eq!(shown, input.trim(), "{input:?} printed as {shown:?}");
        reads_back(input, &shown, &date);
        let rebuilt = PartialDate::new(date.year(), date.month(), date.day()).ok();
        assert_eq!(rebuilt, Some(date), "{input:?} from its parts");
    }
    if let Ok(moment) = input.parse::<DateTime>() {
        reads_back(input, &moment.to_string(), &moment);
        if let Some(instant) = moment.utc() {
            reads_back(input, &instant.to_string(), &instant);
        }
    }
    if let Ok(instant) = input.parse::<Utc>() {
        reads_back(input, &instant.to_string(), &instant);
    }
});
