//! Code corpora of the other music identifiers — ISWC, ISNI, IPI name and base numbers, GRid,
//! DPID and ISMN — built like the ISRC and UPC ones ([`super::codes`]): valid codes, accepted
//! spellings, and refused inputs with the error kind the parser reports.

use std::fmt::Display;
use std::str::FromStr;

use grid::{Dpid, Grid};
use ipi::{BaseNumber, NameNumber};
use isni::Isni;
use iswc::Iswc;
use upc::Ismn;

use super::Rng;
use super::codes::{CodeCorpus, Recipe, corpus, replace_at};
use super::fixtures::FixtureFile;

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// An endless stream of codes made by `make` from random numbers, deterministic in `seed`.
fn stream<T>(seed: u64, make: fn(&mut Rng) -> Option<T>) -> impl Iterator<Item = T> {
    let mut rng = Rng::new(seed);
    std::iter::from_fn(move || {
        loop {
            if let Some(code) = make(&mut rng) {
                return Some(code);
            }
        }
    })
}

fn alphanumeric<const N: usize>(rng: &mut Rng) -> [u8; N] {
    std::array::from_fn(|_| *rng.pick(ALPHANUMERIC))
}

/// The check character of a code replaced by another valid character of its class, so that
/// the shape is right and only the check is wrong.
fn wrong_check(code: &str, rng: &mut Rng, alphabet: &[u8]) -> String {
    let last = code.as_bytes()[code.len() - 1];
    let others: Vec<u8> = alphabet.iter().copied().filter(|&c| c != last).collect();
    format!(
        "{}{}",
        &code[..code.len() - 1],
        char::from(*rng.pick(&others))
    )
}

fn wrong_digit(code: &str, rng: &mut Rng) -> String {
    wrong_check(code, rng, b"0123456789")
}

/// The corpus of one type: `count` valid codes from `valid`, and the recipe's spellings and
/// mutations.
fn build<T: FromStr + Display>(
    seed: u64,
    valid: impl Iterator<Item = T>,
    recipe: &Recipe<T>,
) -> CodeCorpus {
    corpus(seed, valid, 1000, recipe)
}

/// 1,000 valid ISWCs, spellings (`T-034.524.680-1`, the `ISWC` label, lower case) and refused
/// inputs.
#[must_use]
pub fn iswc_corpus(seed: u64) -> CodeCorpus {
    let recipe = Recipe::<Iswc> {
        spelling: |n, code| {
            let x: Iswc = code.parse().unwrap_or_else(|_| unreachable!("valid"));
            match n % 3 {
                0 => x.hyphenated().to_string(),
                1 => format!("ISWC {}", x.hyphenated()),
                _ => code.to_ascii_lowercase(),
            }
        },
        mutations: &[
            |c, rng| wrong_digit(c, rng),
            |c, _| c[..10].to_owned(),
            |c, _| replace_at(c, 0, 'X'),
            |c, rng| replace_at(c, 1 + rng.below(9) as usize, 'O'),
            |c, _| format!("{c} x"),
        ],
        kind: iswc::Error::kind,
    };
    let valid = stream(seed, |rng| {
        Iswc::from_work_number(rng.below(1_000_000_000) as u32)
    });
    build(seed, valid, &recipe)
}

/// 1,000 valid ISNIs (ISNI's own numbers and ORCID iDs), spellings (groups of four, the
/// `ISNI` label, ORCID's hyphens) and refused inputs.
#[must_use]
pub fn isni_corpus(seed: u64) -> CodeCorpus {
    let recipe = Recipe::<Isni> {
        spelling: |n, code| {
            let x: Isni = code.parse().unwrap_or_else(|_| unreachable!("valid"));
            match n % 3 {
                0 => x.grouped().to_string(),
                1 => format!("{:#}", x.grouped()),
                _ => x.hyphenated().to_string(),
            }
        },
        mutations: &[
            |c, rng| wrong_check(c, rng, b"0123456789X"),
            |c, _| c[..15].to_owned(),
            |c, rng| replace_at(c, rng.below(15) as usize, 'O'),
            |c, _| format!("{} {}", &c[..3], &c[3..]),
            |c, _| format!("{c}0"),
        ],
        kind: isni::Error::kind,
    };
    let valid = stream(seed, |rng| {
        let number = if rng.chance(50) {
            rng.below(400_000_000)
        } else {
            9_000_000_000_000 + rng.below(1_000_000_000)
        };
        Isni::from_number(number)
    });
    build(seed, valid, &recipe)
}

/// 1,000 valid IPI name numbers, spellings (the `IPI` label, groups of three) and refused
/// inputs.
#[must_use]
pub fn ipi_name_corpus(seed: u64) -> CodeCorpus {
    let recipe = Recipe::<NameNumber> {
        spelling: |n, code| match n % 2 {
            0 => format!("IPI {code}"),
            _ => format!(
                "{} {} {} {}",
                &code[..3],
                &code[3..6],
                &code[6..9],
                &code[9..]
            ),
        },
        mutations: &[
            |c, rng| wrong_digit(c, rng),
            |c, _| c[1..].to_owned(),
            |c, rng| replace_at(c, rng.below(11) as usize, 'O'),
            |c, _| format!("{c} x"),
        ],
        kind: ipi::Error::kind,
    };
    let valid = stream(seed, |rng| {
        NameNumber::from_body(rng.below(1_000_000_000) as u32)
    });
    build(seed, valid, &recipe)
}

/// 1,000 valid IPI base numbers, spellings (`I-001652493-7`, the `IPI` label) and refused
/// inputs.
#[must_use]
pub fn ipi_base_corpus(seed: u64) -> CodeCorpus {
    let recipe = Recipe::<BaseNumber> {
        spelling: |n, code| {
            let x: BaseNumber = code.parse().unwrap_or_else(|_| unreachable!("valid"));
            match n % 2 {
                0 => x.hyphenated().to_string(),
                _ => format!("IPI {}", code.to_ascii_lowercase()),
            }
        },
        mutations: &[
            |c, rng| wrong_digit(c, rng),
            |c, _| replace_at(c, 0, 'J'),
            |c, _| c[..10].to_owned(),
            |c, _| format!("{}--{}", &c[..1], &c[1..]),
        ],
        kind: ipi::Error::kind,
    };
    let valid = stream(seed, |rng| {
        BaseNumber::from_body(rng.below(1_000_000_000) as u32)
    });
    build(seed, valid, &recipe)
}

/// 1,000 valid GRids, spellings (`A1-2425G-ABC1234002-M`, the `GRid:` label, lower case)
/// and refused inputs.
#[must_use]
pub fn grid_corpus(seed: u64) -> CodeCorpus {
    let recipe = Recipe::<Grid> {
        spelling: |n, code| {
            let x: Grid = code.parse().unwrap_or_else(|_| unreachable!("valid"));
            match n % 3 {
                0 => x.hyphenated().to_string(),
                1 => format!("GRid: {}", x.hyphenated()),
                _ => code.to_ascii_lowercase(),
            }
        },
        mutations: &[
            |c, rng| wrong_check(c, rng, ALPHANUMERIC),
            |c, _| replace_at(c, 0, 'B'),
            |c, rng| replace_at(c, 2 + rng.below(15) as usize, '_'),
            |c, _| c[..17].to_owned(),
            |c, _| format!("{c} x"),
        ],
        kind: grid::Error::kind,
    };
    let valid = stream(seed, |rng| {
        Grid::new(&alphanumeric::<5>(rng), &alphanumeric::<10>(rng))
    });
    build(seed, valid, &recipe)
}

/// 1,000 valid DPIDs (party numbers of a date and a serial, as most are), spellings
/// (`PA-DPIDA-2014122301-Q`, the `DPID` label, lower case) and refused inputs.
#[must_use]
pub fn dpid_corpus(seed: u64) -> CodeCorpus {
    let recipe = Recipe::<Dpid> {
        spelling: |n, code| {
            let x: Dpid = code.parse().unwrap_or_else(|_| unreachable!("valid"));
            match n % 3 {
                0 => x.hyphenated().to_string(),
                1 => format!("DPID {}", x.hyphenated()),
                _ => code.to_ascii_lowercase(),
            }
        },
        mutations: &[
            |c, rng| wrong_check(c, rng, ALPHANUMERIC),
            |c, _| replace_at(c, 2, 'X'),
            |c, rng| replace_at(c, 7 + rng.below(10) as usize, '#'),
            |c, _| c[..17].to_owned(),
            |c, _| format!("{c}0"),
        ],
        kind: grid::Error::kind,
    };
    let valid = stream(seed, |rng| {
        let number = format!(
            "{:04}{:02}{:02}{:02}",
            2005 + rng.below(21),
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(100)
        );
        Dpid::new(number.as_bytes().try_into().ok()?)
    });
    build(seed, valid, &recipe)
}

/// 1,000 valid ISMNs, spellings (`979-0-3452-4680-5`, the `ISMN` label, the old `M` form) and
/// refused inputs.
#[must_use]
pub fn ismn_corpus(seed: u64) -> CodeCorpus {
    let recipe = Recipe::<Ismn> {
        spelling: |n, code| {
            let x: Ismn = code.parse().unwrap_or_else(|_| unreachable!("valid"));
            match n % 3 {
                0 => x.hyphenated().to_string(),
                1 => format!("{:#}", x.hyphenated()),
                _ => x.legacy().to_string(),
            }
        },
        mutations: &[
            |c, rng| wrong_digit(c, rng),
            |c, _| replace_at(c, 2, '8'),
            |c, _| c[..12].to_owned(),
            |c, rng| replace_at(c, 4 + rng.below(8) as usize, 'O'),
            |c, _| format!("M-{}", &c[4..]),
        ],
        kind: upc::Error::kind,
    };
    let valid = stream(seed, |rng| Ismn::from_body(rng.below(100_000_000) as u32));
    build(seed, valid, &recipe)
}

/// The valid, lenient and invalid code files of every type of this module.
#[must_use]
pub fn code_files(seed: u64) -> Vec<FixtureFile> {
    let corpora = [
        ("iswc", iswc_corpus(seed)),
        ("isni", isni_corpus(seed)),
        ("ipi-name", ipi_name_corpus(seed)),
        ("ipi-base", ipi_base_corpus(seed)),
        ("grid", grid_corpus(seed)),
        ("dpid", dpid_corpus(seed)),
        ("ismn", ismn_corpus(seed)),
    ];
    let mut files = Vec::new();
    for (name, corpus) in corpora {
        let path = |suffix: &str| -> &'static str {
            Box::leak(format!("fixtures/codes/{name}-{suffix}").into_boxed_str())
        };
        files.push(FixtureFile {
            path: path("valid.txt"),
            contents: corpus.valid_lines(),
        });
        files.push(FixtureFile {
            path: path("lenient.tsv"),
            contents: corpus.lenient_tsv(),
        });
        files.push(FixtureFile {
            path: path("invalid.tsv"),
            contents: corpus.invalid_tsv(),
        });
    }
    files
}
