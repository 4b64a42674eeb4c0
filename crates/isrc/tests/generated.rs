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
    let source = prefix_table::SOURCE;
    assert_eq!(source, "data/isrc-prefixes-ifpi-2025-11.csv");
    for (body, message) in [
        (
            "AD,Agency,AD,Maybe,True,\n",
            ":2: retired must be True or False, found \"Maybe\"",
        ),
        (
            "AD,Agency,AD,False,No,\n",
            ":2: is_current_iso3166_alpha2 must be True or False, found \"No\"",
        ),
        (
            "A1,Agency,AD,False,True,\n",
            ":2: code must be two letters A-Z, found \"A1\"",
        ),
        ("AD,,AD,False,True,\n", ":2: the agency of AD is empty"),
        ("AD,Agency\n", ":2: expected 6 columns, found 2"),
        (
            "AD,A,AD,False,True,\nAD,B,AD,False,True,\n",
            ": code AD appears twice",
        ),
    ] {
        assert_eq!(
            render(body).unwrap_err(),
            format!("{source}{message}"),
            "{body:?}"
        );
    }
    assert_eq!(
        prefix_table::render("AD,A,AD,False,True,\n", util::GENERATED).unwrap_err(),
        format!("{source}: no DB_DATE in the header comments")
    );
    assert_eq!(
        prefix_table::render("# DB_DATE 2025-11\nAD,A,AD,False,True,\n", util::GENERATED)
            .unwrap_err(),
        format!("{source}:1: DB_DATE is not YYYY-MM-DD")
    );
    let ok = render("ZZ,Z,WORLDWIDE,False,False,a, b\nAD,A,AD,True,True,\n").unwrap();
    assert!(ok.contains("pub const TABLE_DATE: &str = \"2025-11-04\";"));
    let ad = ok.find("code: \"AD\"").unwrap();
    let zz = ok.find("code: \"ZZ\", agency: \"Z\", territory: \"WORLDWIDE\", retired: false, iso3166: false, note: \"a, b\"").unwrap();
    assert!(ad < zz, "rows are sorted");
}
