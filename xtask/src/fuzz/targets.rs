//! The fuzz targets of `fuzz/`, what each reads, its dictionary and its largest input.

/// What kind of input a target reads, which decides its seeds.
#[derive(Clone, Copy)]
pub enum Seeds {
    /// ISRCs: the code fixtures and the crate's test data.
    Isrc,
    /// UPC/EAN codes.
    Upc,
    /// UPC-E codes (and the other UPC spellings).
    UpcE,
    /// JSON release files.
    Json,
    /// CSV release files.
    Csv,
    /// DDEX ERN messages.
    Ddex,
    /// Delivery batches: a manifest, a NUL byte, a release message.
    Batch,
    /// Track durations.
    Duration,
    /// Release dates and message date-times.
    Date,
    /// Ledger locations: SQLite paths and PostgreSQL URLs.
    Location,
    /// Codes: the tables of `fixtures/codes/` whose names start with `fixtures`, the strings
    /// quoted in the README and tests of `crates`, and the text of the DDEX elements
    /// `elements` in the messages beside the project.
    Codes {
        fixtures: &'static [&'static str],
        crates: &'static [&'static str],
        elements: &'static [&'static str],
    },
}

pub struct Target {
    /// The binary's name in `fuzz/Cargo.toml`.
    pub name: &'static str,
    pub about: &'static str,
    pub seeds: Seeds,
    /// A file of `fuzz/dict/`.
    pub dict: Option<&'static str>,
    /// libFuzzer's `-max_len`: codes are short, files are not.
    pub max_len: usize,
}

const CODE: usize = 128;
const FILE: usize = 64 * 1024;

pub const TARGETS: &[Target] = &[
    Target {
        name: "isrc_from_str",
        about: "ISRC FromStr (and Prefix): round trip, strict agrees, error positions",
        seeds: Seeds::Isrc,
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "isrc_parse_compact",
        about: "Isrc::parse_compact: accepts exactly the canonical form",
        seeds: Seeds::Isrc,
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "upc_from_str",
        about: "UPC FromStr (and CompanyPrefix): round trip, strict agrees, error positions",
        seeds: Seeds::Upc,
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "upc_parse_digits",
        about: "Upc::parse_digits: accepts exactly the canonical digits",
        seeds: Seeds::Upc,
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "upc_e",
        about: "UpcE FromStr: round trip, expand then compress",
        seeds: Seeds::UpcE,
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "release_json",
        about: "JSON release reader: error lines, the writer's output reads back",
        seeds: Seeds::Json,
        dict: Some("json.dict"),
        max_len: FILE,
    },
    Target {
        name: "release_csv",
        about: "CSV release reader: error lines, the writer's output reads back",
        seeds: Seeds::Csv,
        dict: Some("csv.dict"),
        max_len: FILE,
    },
    Target {
        name: "ddex_import",
        about: "DDEX ERN reader (3.7 … 4.3.x): error and note lines, export then import gives the release back",
        seeds: Seeds::Ddex,
        dict: Some("xml.dict"),
        max_len: 2 * FILE,
    },
    Target {
        name: "batch_ingest",
        about: "delivery batch ingest (manifest NUL message): refused or read, nothing written, nothing read outside",
        seeds: Seeds::Batch,
        dict: Some("xml.dict"),
        max_len: 2 * FILE,
    },
    Target {
        name: "duration",
        about: "durations (ISO 8601, m:ss, h:mm:ss, seconds): printed forms read back",
        seeds: Seeds::Duration,
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "date",
        about: "release dates and message date-times: printed forms read back",
        seeds: Seeds::Date,
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "ledger_location",
        about: "ledger location: URL or path, told apart again from its display, no password shown",
        seeds: Seeds::Location,
        dict: None,
        max_len: 4 * CODE,
    },
    Target {
        name: "iswc",
        about: "ISWC FromStr and parse_strict: round trip, strict agrees, error positions",
        seeds: Seeds::Codes {
            fixtures: &["iswc"],
            crates: &["iswc"],
            elements: &["ISWC"],
        },
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "isni",
        about: "ISNI FromStr and parse_strict: round trip, grouped and hyphenated forms",
        seeds: Seeds::Codes {
            fixtures: &["isni"],
            crates: &["isni"],
            elements: &["ISNI"],
        },
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "ipi",
        about: "IPI name and base numbers: round trip, strict agrees, error positions",
        seeds: Seeds::Codes {
            fixtures: &["ipi-name", "ipi-base"],
            crates: &["ipi"],
            elements: &["IpiNameNumber", "IpiBaseNumber"],
        },
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "grid",
        about: "GRid and DPID: round trip, hyphenated forms, strict agrees",
        seeds: Seeds::Codes {
            fixtures: &["grid", "dpid"],
            crates: &["grid"],
            elements: &["GRid", "PartyId", "DPID"],
        },
        dict: None,
        max_len: CODE,
    },
    Target {
        name: "ismn",
        about: "ISMN: round trip, hyphenated, M-form and EAN-13 forms read back",
        seeds: Seeds::Codes {
            fixtures: &["ismn"],
            crates: &["upc"],
            elements: &["ISMN"],
        },
        dict: None,
        max_len: CODE,
    },
];
