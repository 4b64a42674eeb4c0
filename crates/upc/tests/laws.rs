//! The shared ident-core laws for `Upc`, and the laws specific to GS1 codes.

mod common;

use common::{any_upc, any_upc_e, upc_of_kind};
use proptest::prelude::*;
use upc::{Kind, Upc, UpcE};

/// The spellings people print: the barcode grouping with spaces and with hyphens, and every
/// digit separated by a space or a hyphen.
fn spellings(x: &Upc) -> Vec<String> {
    let grouped = x.grouped().to_string();
    let digits = x.to_string();
    let every = |sep: &str| {
        digits
            .chars()
            .map(String::from)
            .collect::<Vec<_>>()
            .join(sep)
    };
    vec![
        grouped.clone(),
        grouped.replace(' ', "-"),
        every(" "),
        every("-"),
    ]
}

ident_core::code_laws! {
    type: upc::Upc,
    valid: any_upc(),
    spellings: spellings,
    check_digit: true,
}

/// The code with the digits at `i` and `i + 1` swapped.
fn swapped(x: Upc, i: usize) -> String {
    let mut digits = x.to_string().into_bytes();
    digits.swap(i, i + 1);
    String::from_utf8(digits).unwrap()
}

proptest! {
    /// Mod-10 with weights 3 and 1 changes the sum by 2 × (a − b) when adjacent digits a ≠ b
    /// swap: detected unless a and b differ by 5.
    #[test]
    fn adjacent_transpositions_are_detected_unless_five_apart(x in any_upc()) {
        let digits = x.to_string().into_bytes();
        for i in 0..digits.len() - 1 {
            let (a, b) = (digits[i], digits[i + 1]);
            if a == b {
                continue;
            }
            let text = swapped(x, i);
            let parsed = text.parse::<Upc>();
            if a.abs_diff(b) == 5 {
                // The known blind spot: the swap parses, as another code of the same kind.
                let y = parsed.map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
                prop_assert_ne!(y, x);
                prop_assert_eq!(y.kind(), x.kind());
            } else {
                let err = parsed.expect_err(&text);
                prop_assert!(err.is_check_digit(), "{} -> {}: {}", x, text, err);
            }
        }
    }

    /// The same law on codes built to contain a 5-apart pair, so the blind spot is exercised
    /// on every run and not only when chance puts such a pair in a random code.
    #[test]
    fn five_apart_swaps_are_not_detected(
        kind in prop::sample::select(Kind::ALL.to_vec()),
        seed in any::<u64>(),
        at in any::<prop::sample::Index>(),
        low in 0..5u8,
    ) {
        let x = common::upc_of(kind, seed);
        let mut body = x.to_string().into_bytes();
        body.pop();
        let i = at.index(body.len() - 1);
        body[i] = b'0' + low;
        body[i + 1] = b'0' + low + 5;
        let x = Upc::from_body(std::str::from_utf8(&body).unwrap()).unwrap();
        let y: Upc = swapped(x, i).parse().unwrap();
        prop_assert_ne!(x, y);
        prop_assert_eq!(y.check_digit(), x.check_digit());
    }

    /// Every UPC-E expands to a UPC-A that compresses back to it.
    #[test]
    fn upc_e_expand_then_compress(e in any_upc_e()) {
        let a = e.expand();
        prop_assert_eq!(a.kind(), Kind::UpcA);
        prop_assert_eq!(a.compress(), Some(e));
    }

    /// A UPC-A with a UPC-E expands back from it: expand(compress(x)) == x.
    #[test]
    fn compress_then_expand(x in upc_of_kind(Kind::UpcA)) {
        if let Some(e) = x.compress() {
            prop_assert_eq!(e.expand(), x);
        }
    }

    /// The same on UPC-A codes of the shapes that compress (zeros in the middle), so that the
    /// `Some` branch is taken on every case.
    #[test]
    fn compressible_shapes_round_trip(ns in 0..2u8, six in 0..1_000_000u32) {
        let Ok(e) = format!("{ns}{six:06}").parse::<UpcE>() else {
            return Ok(());
        };
        let x = e.expand();
        let back = x.compress();
        prop_assert_eq!(back, Some(e));
        prop_assert_eq!(back.map(UpcE::expand), Some(x));
    }

    /// UPC-E prints as 8 digits that parse back, through 7 and 6 digits too.
    #[test]
    fn upc_e_round_trips(e in any_upc_e()) {
        let shown = e.to_string();
        prop_assert_eq!(shown.len(), 8);
        prop_assert_eq!(shown.parse::<UpcE>().ok(), Some(e));
        prop_assert_eq!(shown[..7].parse::<UpcE>().ok(), Some(e));
        if e.number_system() == 0 {
            prop_assert_eq!(shown[1..7].parse::<UpcE>().ok(), Some(e));
        }
    }

    /// UpcE order is its string order.
    #[test]
    fn upc_e_order(a in any_upc_e(), b in any_upc_e()) {
        prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
    }

    /// Every form of a product is the same product, and conversions keep it.
    #[test]
    fn conversions_keep_the_product(x in any_upc()) {
        let g = x.to_gtin14();
        prop_assert_eq!(g.kind(), Kind::Gtin14);
        prop_assert!(g.is_same_product(x));
        let (gs, xs) = (g.to_string(), x.to_string());
        prop_assert_eq!(gs.trim_start_matches('0'), xs.trim_start_matches('0'));
        for kind in Kind::ALL {
            if let Ok(y) = x.convert(kind) {
                prop_assert_eq!(y.kind(), kind);
                prop_assert!(y.is_same_product(x));
                prop_assert_eq!(y.convert(x.kind()), Ok(x));
            }
        }
        prop_assert_eq!(Upc::from_u64(x.kind(), x.to_u64()), Ok(x));
    }

    /// The number and the printed digits are two readings of the same packed digits.
    #[test]
    fn number_and_digits_agree(x in any_upc()) {
        let len = x.kind().len();
        prop_assert_eq!(format!("{:0len$}", x.to_u64()), x.to_string());
        prop_assert_eq!(u64::from(x.check_digit()), x.to_u64() % 10);
    }

    /// The grouped form parses back.
    #[test]
    fn grouped_parses_back(x in any_upc()) {
        prop_assert_eq!(x.grouped().to_string().parse::<Upc>(), Ok(x));
    }
}
