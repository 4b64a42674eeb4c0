//! Strategies shared by the property tests.
#![allow(dead_code)] // each test crate uses its own share

use proptest::prelude::*;
use upc::{Kind, Upc, UpcE};

/// A valid code of any kind, from a random body.
pub fn any_upc() -> BoxedStrategy<Upc> {
    (prop::sample::select(Kind::ALL.to_vec()), any::<u64>())
        .prop_map(|(kind, seed)| upc_of(kind, seed))
        .boxed()
}

/// A valid code of `kind`, from a random body.
pub fn upc_of_kind(kind: Kind) -> BoxedStrategy<Upc> {
    any::<u64>()
        .prop_map(move |seed| upc_of(kind, seed))
        .boxed()
}

/// The code of `kind` whose body is `seed` reduced to the body's length.
pub fn upc_of(kind: Kind, seed: u64) -> Upc {
    let body_len = kind.len() - 1;
    let body = seed % 10u64.pow(body_len as u32);
    Upc::from_body(&format!("{body:0body_len$}")).expect("a body of the right length")
}

/// A valid UPC-E: any number system 0 or 1 and six digits, made canonical through its UPC-A.
pub fn any_upc_e() -> BoxedStrategy<UpcE> {
    (0..2u8, 0..1_000_000u32)
        .prop_filter_map("non-canonical body", |(ns, six)| {
            format!("{ns}{six:06}").parse::<UpcE>().ok()
        })
        .boxed()
}
