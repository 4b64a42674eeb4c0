//! The 4,600 ISRCs of a public dataset of streamed songs (2024) as they stand in the source.

use std::collections::BTreeMap;

use isrc::Isrc;

/// The codes of `tests/data/real-isrcs-spotify-2024.tsv`, with their 1-based line numbers.
fn codes() -> Vec<(usize, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real-isrcs-spotify-2024.tsv"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#'));
    let (_, header) = lines.next().expect("a header line");
    assert_eq!(header, "isrc\trelease_date");
    lines
        .map(|(index, line)| {
            let code = line.split('\t').next().unwrap_or_default();
            (index + 1, code.to_owned())
        })
        .collect()
}

#[test]
fn every_real_isrc_parses_both_ways() {
    let codes = codes();
    assert_eq!(codes.len(), 4600);
    for (line, code) in &codes {
        let lenient: Isrc = code
            .parse()
            .unwrap_or_else(|e| panic!("line {line}: {code}: {e}"));
        let strict = Isrc::parse_compact(code.as_bytes())
            .unwrap_or_else(|e| panic!("line {line}: {code}: {e}"));
        assert_eq!(lenient, strict);
        assert_eq!(&lenient.to_string(), code);
        assert_eq!(
            lenient.hyphenated().to_string().parse::<Isrc>().unwrap(),
            lenient
        );
    }
}

#[test]
fn only_the_rd_prefix_is_unknown() {
    let mut unknown: Vec<String> = codes()
        .iter()
        .map(|(_, code)| code.parse::<Isrc>().unwrap())
        .filter(|isrc| isrc.lint(None).contains("isrc.unknown_prefix"))
        .map(|isrc| isrc.to_string())
        .collect();
    unknown.sort();
    assert_eq!(unknown, ["RDRAY2200003"]);
}

#[test]
fn finds_the_duplicates() {
    let mut seen: BTreeMap<Isrc, Vec<usize>> = BTreeMap::new();
    for (line, code) in codes() {
        seen.entry(code.parse().unwrap()).or_default().push(line);
    }
    let duplicates: Vec<(String, usize)> = seen
        .into_iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(isrc, lines)| (isrc.to_string(), lines.len()))
        .collect();
    assert_eq!(
        duplicates,
        [
            ("TCAGJ2289254".to_owned(), 2),
            ("USWL11700269".to_owned(), 2)
        ]
    );
}

#[test]
fn warnings_against_2024() {
    let mut by_code: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (_, code) in codes() {
        let isrc: Isrc = code.parse().unwrap();
        for warning in isrc.lint(Some(2024)) {
            by_code
                .entry(warning.rule())
                .or_default()
                .push(code.clone());
        }
    }
    for codes in by_code.values_mut() {
        codes.sort();
    }
    // The dataset was collected in 2024: year 25 reads as the future, and 35, 67 and 83 as
    // years before ISO 3901. No retired, blank or documentation prefixes occur.
    let expected: BTreeMap<&'static str, Vec<String>> = [
        (
            "isrc.future_year",
            vec!["FR6V82562979", "GBDHC2549601", "INS7A2500864"],
        ),
        (
            "isrc.implausible_year",
            vec![
                "DEEC33500883",
                "DEEC33501048",
                "DEEC33501508",
                "GBLPF6787759",
                "US23A8387456",
            ],
        ),
        ("isrc.unknown_prefix", vec!["RDRAY2200003"]),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(by_code, expected);
}
