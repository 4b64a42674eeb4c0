//! The laws every code type obeys (ident-core's shared harness), run against `Grid` and
//! `Dpid`, and the published examples.

use grid::{Dpid, Error, Grid, Warning};
use proptest::prelude::*;

fn alnum<const N: usize>() -> BoxedStrategy<[u8; N]> {
    proptest::collection::vec(
        proptest::sample::select((b'0'..=b'9').chain(b'A'..=b'Z').collect::<Vec<u8>>()),
        N,
    )
    .prop_map(|v| v.try_into().unwrap())
    .boxed()
}

fn valid_grid() -> BoxedStrategy<Grid> {
    (alnum::<5>(), alnum::<10>())
        .prop_map(|(issuer, number)| Grid::new(&issuer, &number).unwrap())
        .boxed()
}

fn valid_dpid() -> BoxedStrategy<Dpid> {
    prop_oneof![
        alnum::<10>(),
        (0u64..10_000_000_000).prop_map(|n| format!("{n:010}").into_bytes().try_into().unwrap()),
    ]
    .prop_map(|number| Dpid::new(&number).unwrap())
    .boxed()
}

mod grids {
    use super::*;

    fn spellings(x: &Grid) -> Vec<String> {
        let h = x.hyphenated().to_string();
        vec![
            h.clone(),
            h.replace('-', " "),
            format!("GRid: {h}"),
            format!("grid {}", x.to_string().to_lowercase()),
        ]
    }

    ident_core::code_laws! {
        type: Grid,
        valid: valid_grid(),
        spellings: spellings,
        check_digit: true,
    }
}

mod dpids {
    use super::*;

    fn spellings(x: &Dpid) -> Vec<String> {
        let h = x.hyphenated().to_string();
        vec![
            h.clone(),
            h.to_lowercase(),
            format!("DPID {h}"),
            format!("dpid:{x}"),
        ]
    }

    ident_core::code_laws! {
        type: Dpid,
        valid: valid_dpid(),
        spellings: spellings,
        check_digit: true,
    }
}

/// `../shared/reference/identifiers.md` §4 and §5.
#[test]
fn published_examples() {
    for ok in ["A12425GABC1234002M", "A10302B0003989564F"] {
        ok.parse::<Grid>().unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    for (bad, right) in [("A12425GABC1234002Q", 'M'), ("A1UCASE0000000001X", 'B')] {
        let err = bad.parse::<Grid>().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "check character mismatch: expected {right}, found {}",
                &bad[17..]
            )
        );
    }
    for ok in [
        "PADPIDA2013042401U",
        "PADPIDA2009101501Y",
        "PADPIDA2015120100H",
        "PADPIDA2011072101T",
        "PADPIDA2014122301Q",
        "PA-DPIDA-3897722461-G",
    ] {
        ok.parse::<Dpid>().unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    for (bad, right) in [("PADPIDA2014120301T", 'L'), ("PADPIDA2007061302U", 'S')] {
        let err = bad.parse::<Dpid>().unwrap_err();
        assert!(err.is_check_digit());
        assert_eq!(
            err.to_string(),
            format!(
                "check character mismatch: expected {right}, found {}",
                &bad[17..]
            )
        );
    }
}

#[test]
fn lints_flag_documentation_examples_only() {
    let dpid: Dpid = "PA-DPIDA-3897722461-G".parse().unwrap();
    assert_eq!(dpid.lint(), Some(Warning::DpidExample));
    assert_eq!(Warning::DpidExample.rule(), "dpid.documentation_example");
    let grid: Grid = "A10302B0003989564F".parse().unwrap();
    assert_eq!(grid.lint(), None);
}

#[test]
fn errors_say_what_and_where() {
    let cases: [(&str, &str); 4] = [
        ("", "empty input: expected a GRid of 18 characters"),
        (
            "B1-2425G-ABC1234002-M",
            "invalid character 'B' at position 1 in the scheme: expected 'A1'",
        ),
        (
            "A1-2425G-ABC12340_2-M",
            "invalid character '_' at position 18 in the release number: expected a letter A-Z or a digit 0-9",
        ),
        (
            "A1-2425G-ABC1234002",
            "invalid length: expected 18 characters, found 17",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            input.parse::<Grid>().unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
    assert_eq!(
        "PA-DPIDB-2014122301-Q"
            .parse::<Dpid>()
            .unwrap_err()
            .to_string(),
        "invalid character 'B' at position 8 in the identifier type: expected 'DPIDA'"
    );
    assert!(matches!(
        Dpid::parse_strict(b"padpida2014122301q"),
        Err(Error::Literal { position: 1, .. })
    ));
}

proptest! {
    #[test]
    fn parts_rebuild_the_codes(g in valid_grid(), d in valid_dpid()) {
        let issuer: [u8; 5] = g.issuer_code().as_bytes().try_into().unwrap();
        let number: [u8; 10] = g.release_number().as_bytes().try_into().unwrap();
        prop_assert_eq!(Grid::new(&issuer, &number), Some(g));
        let party: [u8; 10] = d.party_number().as_bytes().try_into().unwrap();
        prop_assert_eq!(Dpid::new(&party), Some(d));
    }
}
