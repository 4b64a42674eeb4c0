//! Code corpora: valid codes, lenient spellings of them, and invalid inputs with the error kind
//! the parser reports — for the command-line checks, the benchmarks and the fixtures.

use std::fmt::Display;
use std::str::FromStr;

use isrc::{Isrc, Prefix};
use upc::Upc;

use super::Rng;

/// Valid codes, other spellings of them, and invalid inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeCorpus {
    /// Canonical codes, one per entry.
    pub valid: Vec<String>,
    /// `(spelling, canonical)`: accepted spellings (case, separators, labels) and the code
    /// they parse to.
    pub lenient: Vec<(String, String)>,
    /// `(input, kind)`: inputs the parser refuses, with its error `kind()`.
    pub invalid: Vec<(String, &'static str)>,
}

impl CodeCorpus {
    /// The valid codes, one per line.
    #[must_use]
    pub fn valid_lines(&self) -> String {
        self.valid.iter().map(|c| format!("{c}\n")).collect()
    }

    /// The lenient spellings as `spelling<TAB>canonical` lines.
    #[must_use]
    pub fn lenient_tsv(&self) -> String {
        self.lenient
            .iter()
            .map(|(s, c)| format!("{s}\t{c}\n"))
            .collect()
    }

    /// The invalid inputs as `input<TAB>kind` lines.
    #[must_use]
    pub fn invalid_tsv(&self) -> String {
        self.invalid
            .iter()
            .map(|(s, k)| format!("{s}\t{k}\n"))
            .collect()
    }
}

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn random_isrc(rng: &mut Rng, agencies: &[&str]) -> Option<Isrc> {
    let agency = *rng.pick(agencies);
    let registrant: String = (0..3)
        .map(|_| char::from(*rng.pick(ALPHANUMERIC)))
        .collect();
    let prefix: Prefix = format!("{agency}{registrant}").parse().ok()?;
    Isrc::new(prefix, rng.below(100) as u8, rng.below(100_000) as u32).ok()
}

/// An endless stream of valid ISRCs under agency codes the IFPI table allocates (random
/// registrant, year and designation), deterministic in `seed`.
pub fn valid_isrcs(seed: u64) -> impl Iterator<Item = Isrc> {
    let mut rng = Rng::new(seed);
    let agencies: Vec<&str> = isrc::prefixes::allocations()
        .iter()
        .filter(|a| !a.is_retired())
        .map(isrc::prefixes::Allocation::code)
        .collect();
    std::iter::from_fn(move || {
        loop {
            if let Some(code) = random_isrc(&mut rng, &agencies) {
                return Some(code);
            }
        }
    })
}

/// An endless stream of valid UPC-A, EAN-13, EAN-8 and GTIN-14 codes in turn, deterministic in
/// `seed`.
pub fn valid_upcs(seed: u64) -> impl Iterator<Item = Upc> {
    let mut rng = Rng::new(seed);
    let bodies = [11usize, 12, 7, 13];
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let body = random_digits(&mut rng, bodies[i % bodies.len()]);
            i += 1;
            if let Ok(code) = Upc::from_body(&body) {
                return Some(code);
            }
        }
    })
}

/// The parts of a corpus that differ between the code types.
pub(super) struct Recipe<T: FromStr> {
    pub(super) spelling: fn(usize, &str) -> String,
    pub(super) mutations: &'static [fn(&str, &mut Rng) -> String],
    pub(super) kind: fn(&T::Err) -> &'static str,
}

/// The corpus of `valid` codes: a lenient spelling of every tenth (kept when it parses back to
/// the code), then the empty input and mutations of the first 300 (kept when refused, with the
/// parser's error kind).
pub(super) fn corpus<T>(
    seed: u64,
    valid: impl Iterator<Item = T>,
    count: usize,
    recipe: &Recipe<T>,
) -> CodeCorpus
where
    T: FromStr + Display,
{
    let mut rng = Rng::new(seed ^ 0xC0DE);
    let mut corpus = CodeCorpus {
        valid: valid.take(count).map(|c| c.to_string()).collect(),
        ..CodeCorpus::default()
    };
    let parses_to = |text: &str, code: &str| {
        text.parse::<T>().map(|c| c.to_string()).ok().as_deref() == Some(code)
    };
    for (i, code) in corpus.valid.iter().enumerate().step_by(10) {
        let spelling = (recipe.spelling)(i / 10, code);
        if parses_to(&spelling, code) {
            corpus.lenient.push((spelling, code.clone()));
        }
    }
    let inputs = std::iter::once(String::new()).chain(
        corpus
            .valid
            .iter()
            .take(300)
            .enumerate()
            .map(|(i, code)| recipe.mutations[i % recipe.mutations.len()](code, &mut rng))
            .collect::<Vec<_>>(),
    );
    for input in inputs {
        if let Err(e) = input.parse::<T>() {
            corpus.invalid.push((input, (recipe.kind)(&e)));
        }
    }
    corpus
}

/// `count` valid ISRCs under agency codes the IFPI table allocates, their lenient spellings
/// (every tenth code: lower case, hyphens, `ISRC ` label, spaces), and invalid inputs derived
/// from them, each with the `isrc::Error::kind` the parser reports. Deterministic in `seed`.
#[must_use]
pub fn isrc_corpus(seed: u64, count: usize) -> CodeCorpus {
    let recipe = Recipe::<Isrc> {
        spelling: |n, code| {
            let hyphenated = format!(
                "{}-{}-{}-{}",
                &code[..2],
                &code[2..5],
                &code[5..7],
                &code[7..]
            );
            match n % 4 {
                0 => code.to_ascii_lowercase(),
                1 => hyphenated,
                2 => format!("ISRC {hyphenated}"),
                _ => hyphenated.replace('-', " "),
            }
        },
        mutations: &[
            |c, _| c[..11].to_owned(),
            |c, _| format!("{c}0"),
            |c, rng| replace_at(c, rng.below(5) as usize, '!'),
            |c, rng| replace_at(c, 5 + rng.below(2) as usize, 'A'),
            |c, rng| replace_at(c, 7 + rng.below(5) as usize, 'O'),
            |c, _| format!("{}-{}", &c[..5], &c[5..]),
            |c, _| format!("{}-{}", &c[..2], &c[2..]),
            |c, _| format!("{c} x"),
            |c, _| replace_at(c, 2, 'é'),
        ],
        kind: isrc::Error::kind,
    };
    corpus(seed, valid_isrcs(seed), count, &recipe)
}

/// `count` valid UPC-A, EAN-13, EAN-8 and GTIN-14 codes, lenient spellings (a space or a
/// hyphen) of every tenth, and invalid inputs derived from them with the `upc::Error::kind`
/// the parser reports (wrong check digits, lengths, characters). Deterministic in `seed`.
#[must_use]
pub fn upc_corpus(seed: u64, count: usize) -> CodeCorpus {
    let recipe = Recipe::<Upc> {
        spelling: |n, code| {
            let mid = code.len() / 2;
            let separator = if n % 2 == 0 { ' ' } else { '-' };
            format!("{}{separator}{}", &code[..mid], &code[mid..])
        },
        mutations: &[
            |c, rng| {
                let last = c.as_bytes()[c.len() - 1] - b'0';
                let wrong = (u64::from(last) + 1 + rng.below(9)) % 10;
                format!("{}{wrong}", &c[..c.len() - 1])
            },
            |c, _| c[1..].to_owned(),
            |c, rng| replace_at(c, rng.below(c.len() as u64) as usize, 'O'),
            |c, _| format!("{c} x"),
            |c, _| format!("+{c}"),
            |c, _| format!("{c}00"),
        ],
        kind: upc::Error::kind,
    };
    corpus(seed, valid_upcs(seed), count, &recipe)
}

pub(super) fn replace_at(code: &str, index: usize, with: char) -> String {
    code.chars()
        .enumerate()
        .map(|(i, c)| if i == index { with } else { c })
        .collect()
}

fn random_digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect()
}
