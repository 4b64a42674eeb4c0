//! Real and published codes from public sources (tests/data/*.tsv, each row with its source),
//! with the exact verdict for each: the kind of a valid code, the error kind of an invalid one.

use upc::{Kind, Upc, UpcE};

fn rows(file: &str) -> Vec<(String, String, String)> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let mut next = || {
                cols.next()
                    .unwrap_or_else(|| panic!("three columns: {l}"))
                    .to_string()
            };
            (next(), next(), next())
        })
        .collect()
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Ean8 => "ean8",
        Kind::UpcA => "upc_a",
        Kind::Ean13 => "ean13",
        Kind::Gtin14 => "gtin14",
    }
}

#[test]
fn real_codes() {
    let rows = rows("real_codes.tsv");
    assert!(rows.len() >= 50, "{} rows", rows.len());
    let (mut valid, mut invalid) = (0, 0);
    for (input, expected, source) in &rows {
        let verdict = match input.parse::<Upc>() {
            Ok(upc) => {
                valid += 1;
                assert_eq!(&upc.to_string(), input, "{source}");
                kind_name(upc.kind()).to_string()
            }
            Err(e) => {
                invalid += 1;
                format!("error:{}", e.kind())
            }
        };
        assert_eq!(&verdict, expected, "{input} ({source})");
    }
    assert!(
        valid >= 30 && invalid >= 15,
        "{valid} valid, {invalid} invalid"
    );
}

#[test]
fn the_music_releases_are_ordinary_release_codes() {
    // Releases from MusicBrainz carry no classification warning.
    for code in [
        "5021603064126",
        "796122009228",
        "4942463511227",
        "724384761011",
        "9326165000435",
    ] {
        let upc: Upc = code.parse().unwrap();
        assert!(upc.lint().is_empty(), "{code}");
    }
    // One album, many products: the EMI pressings differ in the format digit.
    let a: Upc = "724384761011".parse().unwrap();
    let b: Upc = "724384761028".parse().unwrap();
    assert!(!a.is_same_product(b));
}

#[test]
fn upc_e_vectors() {
    for (input, expected, source) in rows("upc_e.tsv") {
        let verdict = match input.parse::<UpcE>() {
            Ok(e) => e.expand().to_string(),
            Err(e) => format!("error:{}", e.kind()),
        };
        assert_eq!(verdict, expected, "{input} ({source})");
    }
}
