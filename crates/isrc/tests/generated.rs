//! The committed prefix table is what `cargo xtask codegen` makes of the committed list:
//! a plain `cargo test` fails when one changed without the other.

#[path = "../codegen/prefix_table.rs"]
#[allow(dead_code)]
mod prefix_table;

// For the marker every generated file carries.
#[path = "../../../xtask/src/util.rs"]
#[allow(dead_code)]
mod util;

use std::path::Path;

#[test]
fn prefix_table_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let csv_path = root.join(prefix_table::SOURCE);
    let csv = std::fs::read_to_string(&csv_path)
        .unwrap_or_else(|e| panic!("{}: {e}", csv_path.display()));
    let rendered = prefix_table::render(&csv, util::GENERATED).unwrap();
    let committed_path = root.join(prefix_table::OUTPUT);
    let committed = std::fs::read_to_string(&committed_path)
        .unwrap_or_else(|e| panic!("{}: {e}", committed_path.display()));
    assert!(
        committed == rendered,
        "{} is stale: run `cargo xtask codegen` and commit the result",
        prefix_table::OUTPUT
    );
    assert!(committed.starts_with(&format!("// {}\n", util::GENERATED)));
}

#[test]
fn renderer_refuses_malformed_lists() {
    let header = "# DB_DATE 2025-11-04\n";
    let render = |body: &str| prefix_table::render(&format!("{header}{body}"), util::GENERATED);
    assert_eq!(
        render("AD,Agency,AD,Maybe,True,\n").unwrap_err(),
        "data/isrc-prefixes-ifpi-2025-11.csv:2: retired must be True or False, found \"Maybe\""
    );
    assert_eq!(
        render("A1,Agency,AD,False,True,\n").unwrap_err(),
        "data/isrc-prefixes-ifpi-2025-11.csv:2: code must be two letters A-Z, found \"A1\""
    );
    assert_eq!(
        render("AD,Agency\n").unwrap_err(),
        "data/isrc-prefixes-ifpi-2025-11.csv:2: expected 6 columns, found 2"
    );
    assert_eq!(
        render("AD,A,AD,False,True,\nAD,B,AD,False,True,\n").unwrap_err(),
        "data/isrc-prefixes-ifpi-2025-11.csv: code AD appears twice"
    );
    assert_eq!(
        prefix_table::render("AD,A,AD,False,True,\n", util::GENERATED).unwrap_err(),
        "data/isrc-prefixes-ifpi-2025-11.csv: no DB_DATE in the header comments"
    );
    let ok = render("ZZ,Z,WORLDWIDE,False,False,a, b\nAD,A,AD,True,True,\n").unwrap();
    assert!(ok.contains("pub const TABLE_DATE: &str = \"2025-11-04\";"));
    let ad = ok.find("code: \"AD\"").unwrap();
    let zz = ok.find("code: \"ZZ\", agency: \"Z\", territory: \"WORLDWIDE\", retired: false, iso3166: false, note: \"a, b\"").unwrap();
    assert!(ad < zz, "rows are sorted");
}
