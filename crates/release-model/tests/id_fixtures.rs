//! The committed code files of ISWC, ISNI, IPI, GRid, DPID and ISMN agree with their parsers:
//! every valid line is canonical, every lenient spelling parses to its code, every invalid
//! input is refused with the error kind the file names.

use std::path::Path;

use ident_core::{Code, CodeError};

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/codes")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check<T: Code>(name: &str) {
    let valid = read(&format!("{name}-valid.txt"));
    assert_eq!(valid.lines().count(), 1000, "{name}");
    for line in valid.lines() {
        let code = T::parse_strict(line.as_bytes()).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(code.to_string(), line);
    }
    let lenient = read(&format!("{name}-lenient.tsv"));
    assert!(lenient.lines().count() >= 50, "{name}");
    for line in lenient.lines() {
        let (spelling, canonical) = line.split_once('\t').expect("two columns");
        let code: T = spelling
            .parse()
            .unwrap_or_else(|e| panic!("{spelling}: {e}"));
        assert_eq!(code.to_string(), canonical);
    }
    let invalid = read(&format!("{name}-invalid.tsv"));
    let mut check_errors = 0;
    for line in invalid.lines() {
        let (input, kind) = line.split_once('\t').expect("two columns");
        let error = input.parse::<T>().expect_err(input);
        assert_eq!(error.kind(), kind, "{input:?}: {error}");
        check_errors += usize::from(error.is_check_digit());
    }
    assert!(
        check_errors >= 20,
        "{name}: wrong check characters are among the inputs"
    );
}

#[test]
fn code_files_agree_with_the_parsers() {
    check::<iswc::Iswc>("iswc");
    check::<isni::Isni>("isni");
    check::<ipi::NameNumber>("ipi-name");
    check::<ipi::BaseNumber>("ipi-base");
    check::<grid::Grid>("grid");
    check::<grid::Dpid>("dpid");
    check::<upc::Ismn>("ismn");
}
