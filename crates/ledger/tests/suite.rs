//! The behaviour every backend must show: each test runs on SQLite and on PostgreSQL
//! (`sqlite::<name>`, `postgres::<name>`; the latter skip, saying so, without a server).

mod common;

use common::{RELEASE_DAY, Target, at};
use isrc::Isrc;
use ledger::{
    AnyPool, Code, CodeKind, Error, ImportSummary, ImportedCode, IsrcPool, Ledger, Origin,
    PoolStatus, UpcPool,
};
use upc::Upc;

on_both_backends!(
    issues_in_order_and_records_each_code,
    issue_for_gives_each_reference_its_own_code,
    issuing_continues_in_a_new_connection,
    exhaustion_issues_exactly_the_capacity_then_refuses,
    overlapping_pools_are_refused,
    disjoint_ranges_of_one_prefix_are_separate_pools,
    upc_pools_issue_upc_a_or_ean13_and_compare_as_products,
    import_moves_pools_past_imported_codes,
    import_conflict_is_reported_and_records_nothing,
    reimporting_the_same_records_changes_nothing,
    lookup_of_unknown_code_is_none,
    records_filter_by_reference_and_kind,
    export_csv_lists_everything,
    create_and_open_existing_semantics,
    count_zero_changes_nothing,
    invalid_reference_is_refused_before_writing,
    an_older_schema_moves_forward_when_opened,
    a_code_recorded_by_hand_is_a_duplicate_and_nothing_is_issued,
);

fn qzaqq26() -> IsrcPool {
    IsrcPool::parse("QZAQQ", "2026").unwrap()
}

fn isrc(text: &str) -> Isrc {
    text.parse().unwrap()
}

fn upc(text: &str) -> Upc {
    text.parse().unwrap()
}

fn strings<T: ToString>(codes: &[T]) -> Vec<String> {
    codes.iter().map(ToString::to_string).collect()
}

fn issues_in_order_and_records_each_code(target: &Target) {
    let mut ledger = target.open();
    let album = ledger
        .issue(&qzaqq26(), 13, at(RELEASE_DAY), Some("Vesica Piscis"))
        .unwrap();
    assert_eq!(album.len(), 13);
    assert_eq!(album[0], isrc("QZAQQ2600001"));
    assert_eq!(album[12], isrc("QZAQQ2600013"));
    let next = ledger
        .issue(&qzaqq26(), 1, at(RELEASE_DAY + 60), None)
        .unwrap();
    assert_eq!(next, [isrc("QZAQQ2600014")]);

    let record = ledger.lookup(isrc("QZAQQ2600007")).unwrap().unwrap();
    assert_eq!(record.code, Code::Isrc(isrc("QZAQQ2600007")));
    assert_eq!(record.issued_at, at(RELEASE_DAY));
    assert_eq!(record.reference.as_deref(), Some("Vesica Piscis"));
    assert_eq!(record.origin, Origin::Issued);
    let record = ledger.lookup(isrc("QZAQQ2600014")).unwrap().unwrap();
    assert_eq!(record.reference, None);
    assert_eq!(record.issued_at, at(RELEASE_DAY + 60));

    let statuses = ledger.pools().unwrap();
    assert_eq!(statuses.len(), 1);
    let PoolStatus {
        pool,
        used,
        remaining,
        next,
        ..
    } = &statuses[0];
    assert_eq!(pool, &AnyPool::Isrc(qzaqq26()));
    assert_eq!(*used, 14);
    assert_eq!(*remaining, 99_999 - 14);
    assert_eq!(*next, Some(Code::Isrc(isrc("QZAQQ2600015"))));
    assert_eq!(ledger.records().unwrap().len(), 14);
    assert!(ledger.integrity_problems().unwrap().is_empty());
}

fn issue_for_gives_each_reference_its_own_code(target: &Target) {
    let mut ledger = target.open();
    let references = ["VP/1/1", "VP/1/2", "VP/1/3"];
    let codes = ledger
        .issue_for(&qzaqq26(), &references, at(RELEASE_DAY))
        .unwrap();
    assert_eq!(
        strings(&codes),
        ["QZAQQ2600001", "QZAQQ2600002", "QZAQQ2600003"]
    );
    for (code, reference) in codes.iter().zip(references) {
        let record = ledger.lookup(*code).unwrap().unwrap();
        assert_eq!(record.reference.as_deref(), Some(reference));
    }
}

fn issuing_continues_in_a_new_connection(target: &Target) {
    {
        let mut first = target.open();
        first.issue(&qzaqq26(), 5, at(RELEASE_DAY), None).unwrap();
    }
    let mut second = Ledger::open_existing(target.location()).unwrap();
    assert_eq!(
        second.issue(&qzaqq26(), 1, at(RELEASE_DAY), None).unwrap(),
        [isrc("QZAQQ2600006")]
    );
}

fn exhaustion_issues_exactly_the_capacity_then_refuses(target: &Target) {
    let mut ledger = target.open();
    let small = qzaqq26().with_range(10..=14).unwrap();
    assert_eq!(
        strings(&ledger.issue(&small, 3, at(RELEASE_DAY), None).unwrap()),
        ["QZAQQ2600010", "QZAQQ2600011", "QZAQQ2600012"]
    );
    // Asking for more than is left issues nothing.
    let error = ledger.issue(&small, 3, at(RELEASE_DAY), None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "pool isrc QZAQQ 26 00010..=00014 is exhausted: 3 requested, 2 left"
    );
    assert!(matches!(
        error,
        Error::Exhausted {
            requested: 3,
            remaining: 2,
            ..
        }
    ));
    assert_eq!(
        ledger
            .issue(&small, 2, at(RELEASE_DAY), None)
            .unwrap()
            .len(),
        2
    );
    let error = ledger.issue(&small, 1, at(RELEASE_DAY), None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "pool isrc QZAQQ 26 00010..=00014 is exhausted: 1 requested, 0 left"
    );
    assert_eq!(ledger.records().unwrap().len(), 5);
    assert!(matches!(
        ledger.issue(&small, u64::MAX, at(RELEASE_DAY), None),
        Err(Error::Exhausted {
            requested: u64::MAX,
            remaining: 0,
            ..
        })
    ));
    let status = ledger.pool_status(&small).unwrap();
    assert_eq!((status.used, status.remaining, status.next), (5, 0, None));
}

fn overlapping_pools_are_refused(target: &Target) {
    let mut ledger = target.open();
    let low = qzaqq26().with_range(1..=100).unwrap();
    ledger.issue(&low, 1, at(RELEASE_DAY), None).unwrap();
    let overlapping = qzaqq26().with_range(100..=200).unwrap();
    let error = ledger
        .issue(&overlapping, 1, at(RELEASE_DAY), None)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "pool isrc QZAQQ 26 00100..=00200 overlaps pool isrc QZAQQ 26 00001..=00100 already in the ledger"
    );
    // The whole-range default pool overlaps too.
    assert!(matches!(
        ledger.issue(&qzaqq26(), 1, at(RELEASE_DAY), None),
        Err(Error::PoolOverlap { .. })
    ));
    // UPC prefixes nest: 06141410 is inside 0614141.
    ledger
        .issue(
            &UpcPool::parse("0614141").unwrap(),
            1,
            at(RELEASE_DAY),
            None,
        )
        .unwrap();
    let nested = UpcPool::parse("06141410").unwrap();
    assert!(matches!(
        ledger.issue(&nested, 1, at(RELEASE_DAY), None),
        Err(Error::PoolOverlap { .. })
    ));
    assert_eq!(ledger.pools().unwrap().len(), 2);
}

fn disjoint_ranges_of_one_prefix_are_separate_pools(target: &Target) {
    let mut ledger = target.open();
    let machine_a = qzaqq26().with_range(1..=49_999).unwrap();
    let machine_b = qzaqq26().with_range(50_000..=99_999).unwrap();
    let a = ledger.issue(&machine_a, 2, at(RELEASE_DAY), None).unwrap();
    let b = ledger.issue(&machine_b, 2, at(RELEASE_DAY), None).unwrap();
    assert_eq!(strings(&a), ["QZAQQ2600001", "QZAQQ2600002"]);
    assert_eq!(strings(&b), ["QZAQQ2650000", "QZAQQ2650001"]);
    // Another year is another namespace.
    let year_27 = IsrcPool::parse("QZAQQ", "27").unwrap();
    assert_eq!(
        strings(&ledger.issue(&year_27, 1, at(RELEASE_DAY), None).unwrap()),
        ["QZAQQ2700001"]
    );
}

fn upc_pools_issue_upc_a_or_ean13_and_compare_as_products(target: &Target) {
    let mut ledger = target.open();
    let us = UpcPool::parse("0614141").unwrap();
    let codes = ledger.issue(&us, 2, at(RELEASE_DAY), Some("r1")).unwrap();
    assert_eq!(strings(&codes), ["614141000005", "614141000012"]);
    assert_eq!(codes[0].kind(), upc::Kind::UpcA);
    // The EAN-13 spelling of the same product finds the UPC-A record.
    let record = ledger.lookup(upc("0614141000012")).unwrap().unwrap();
    assert_eq!(record.code, Code::Upc(upc("614141000012")));
    assert_eq!(record.reference.as_deref(), Some("r1"));

    let eu = UpcPool::parse("4006381").unwrap();
    let codes = ledger.issue(&eu, 1, at(RELEASE_DAY), None).unwrap();
    assert_eq!(codes[0].kind(), upc::Kind::Ean13);
    assert_eq!(codes[0].to_string(), "4006381000000");
    assert_eq!(ledger.records_of(CodeKind::Upc).unwrap().len(), 3);
}

fn import_moves_pools_past_imported_codes(target: &Target) {
    let mut ledger = target.open();
    // A pool in use moves past an imported code in its range…
    ledger.issue(&qzaqq26(), 2, at(RELEASE_DAY), None).unwrap();
    let imports = [
        ImportedCode::new(
            isrc("QZAQQ2600040"),
            at(1_600_000_000),
            Some("old catalog 40"),
        )
        .unwrap(),
        ImportedCode::new(
            isrc("QZAQQ2600007"),
            at(1_600_000_000),
            Some("old catalog 7"),
        )
        .unwrap(),
        // …and a pool added later starts after the codes imported before it.
        ImportedCode::new(upc("614141000036"), at(1_600_000_000), None).unwrap(),
    ];
    let summary = ledger.import(&imports).unwrap();
    assert_eq!((summary.recorded, summary.unchanged), (3, 0));
    assert_eq!(
        ledger.issue(&qzaqq26(), 1, at(RELEASE_DAY), None).unwrap(),
        [isrc("QZAQQ2600041")]
    );
    let us = UpcPool::parse("0614141").unwrap();
    assert_eq!(ledger.pool_status(&us).unwrap().used, 4);
    assert_eq!(
        strings(&ledger.issue(&us, 1, at(RELEASE_DAY), None).unwrap()),
        ["614141000043"]
    );
    let record = ledger.lookup(isrc("QZAQQ2600007")).unwrap().unwrap();
    assert_eq!(record.origin, Origin::Imported);
    assert_eq!(record.issued_at, at(1_600_000_000));
    // Codes outside every pool are recorded too.
    let foreign = ImportedCode::new(isrc("GBAYE0000351"), at(0), Some("elsewhere")).unwrap();
    assert_eq!(ledger.import(&[foreign]).unwrap().recorded, 1);
    assert!(ledger.lookup(isrc("GBAYE0000351")).unwrap().is_some());
}

fn import_conflict_is_reported_and_records_nothing(target: &Target) {
    let mut ledger = target.open();
    ledger
        .issue(&qzaqq26(), 1, at(RELEASE_DAY), Some("track 1"))
        .unwrap();
    let imports = [
        ImportedCode::new(isrc("QZAQQ2600050"), at(RELEASE_DAY), Some("fine")).unwrap(),
        ImportedCode::new(isrc("QZAQQ2600001"), at(RELEASE_DAY), Some("another track")).unwrap(),
    ];
    let error = ledger.import(&imports).unwrap_err();
    assert_eq!(
        error.to_string(),
        "QZAQQ2600001 is already recorded for \"track 1\", the import says \"another track\""
    );
    match error {
        Error::Conflict {
            code,
            existing_reference,
            new_reference,
        } => {
            assert_eq!(code, Code::Isrc(isrc("QZAQQ2600001")));
            assert_eq!(existing_reference.as_deref(), Some("track 1"));
            assert_eq!(new_reference.as_deref(), Some("another track"));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    // All or nothing: the good record did not go in, and the pool did not move.
    assert!(ledger.lookup(isrc("QZAQQ2600050")).unwrap().is_none());
    assert_eq!(ledger.pool_status(&qzaqq26()).unwrap().used, 1);

    // One import naming a code twice with two references conflicts with itself.
    let twice = [
        ImportedCode::new(upc("614141000005"), at(0), Some("a")).unwrap(),
        ImportedCode::new(upc("0614141000005"), at(0), None).unwrap(),
    ];
    assert_eq!(
        ledger.import(&twice).unwrap_err().to_string(),
        "0614141000005 is already recorded for \"a\", the import says no reference"
    );
    assert_eq!(ledger.records().unwrap().len(), 1);
}

fn reimporting_the_same_records_changes_nothing(target: &Target) {
    let mut ledger = target.open();
    let imports = [
        ImportedCode::new(isrc("QZAQQ2600003"), at(1_000), Some("x")).unwrap(),
        ImportedCode::new(upc("614141000005"), at(1_000), None).unwrap(),
    ];
    assert_eq!(ledger.import(&imports).unwrap().recorded, 2);
    let before = ledger.records().unwrap();
    // The same codes again, the UPC spelt as EAN-13, a later time: left as they were.
    let again = [
        ImportedCode::new(isrc("QZAQQ2600003"), at(9_999), Some("x")).unwrap(),
        ImportedCode::new(upc("0614141000005"), at(9_999), Some("")).unwrap(),
    ];
    let summary = ledger.import(&again).unwrap();
    assert_eq!((summary.recorded, summary.unchanged), (0, 2));
    assert_eq!(ledger.records().unwrap(), before);
}

fn lookup_of_unknown_code_is_none(target: &Target) {
    let mut ledger = target.open();
    assert_eq!(ledger.lookup(isrc("QZAQQ2600001")).unwrap(), None);
    assert_eq!(ledger.records().unwrap(), []);
    assert_eq!(ledger.pools().unwrap(), []);
}

fn records_filter_by_reference_and_kind(target: &Target) {
    let mut ledger = target.open();
    ledger
        .issue(&qzaqq26(), 2, at(RELEASE_DAY), Some("album A"))
        .unwrap();
    ledger
        .issue(&qzaqq26(), 1, at(RELEASE_DAY), Some("album B"))
        .unwrap();
    ledger
        .issue(
            &UpcPool::parse("0614141").unwrap(),
            1,
            at(RELEASE_DAY),
            Some("album A"),
        )
        .unwrap();
    let album_a: Vec<String> = ledger
        .records_for("album A")
        .unwrap()
        .iter()
        .map(|record| record.code.to_string())
        .collect();
    assert_eq!(album_a, ["614141000005", "QZAQQ2600001", "QZAQQ2600002"]);
    assert_eq!(ledger.records_of(CodeKind::Isrc).unwrap().len(), 3);
    assert_eq!(ledger.records_for("nothing").unwrap(), []);
}

fn export_csv_lists_everything(target: &Target) {
    let mut ledger = target.open();
    ledger
        .issue(
            &qzaqq26(),
            2,
            at(RELEASE_DAY),
            Some("Vesica Piscis, track \"1\""),
        )
        .unwrap();
    ledger
        .issue(
            &UpcPool::parse("0614141").unwrap(),
            1,
            at(RELEASE_DAY + 1),
            None,
        )
        .unwrap();
    ledger
        .import(&[ImportedCode::new(isrc("GBAYE0000351"), at(0), None).unwrap()])
        .unwrap();
    let mut out = Vec::new();
    assert_eq!(ledger.export_csv(&mut out).unwrap(), 4);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "kind,code,issued_at,reference,origin\n\
         upc,614141000005,2026-03-01T12:00:01Z,,issued\n\
         isrc,GBAYE0000351,1970-01-01T00:00:00Z,,imported\n\
         isrc,QZAQQ2600001,2026-03-01T12:00:00Z,\"Vesica Piscis, track \"\"1\"\"\",issued\n\
         isrc,QZAQQ2600002,2026-03-01T12:00:00Z,\"Vesica Piscis, track \"\"1\"\"\",issued\n"
    );
}

fn create_and_open_existing_semantics(target: &Target) {
    let shown = target.location().to_string();
    let error = Ledger::open_existing(target.location()).unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
    let what = if target.path().is_some() {
        "the file"
    } else {
        "the ledger tables"
    };
    assert_eq!(
        error.to_string(),
        format!("no ledger at {shown}: {what} does not exist")
    );
    let mut created = Ledger::create(target.location()).unwrap();
    created.issue(&qzaqq26(), 1, at(RELEASE_DAY), None).unwrap();
    drop(created);
    let error = Ledger::create(target.location()).unwrap_err();
    assert_eq!(error.to_string(), format!("{shown} already holds a ledger"));
    // Open and open_existing both find it, with its codes.
    let mut opened = Ledger::open_existing(target.location()).unwrap();
    assert_eq!(opened.records().unwrap().len(), 1);
    let mut opened = Ledger::open(target.location()).unwrap();
    assert_eq!(opened.records().unwrap().len(), 1);
}

fn count_zero_changes_nothing(target: &Target) {
    let mut ledger = target.open();
    assert!(
        ledger
            .issue(&qzaqq26(), 0, at(RELEASE_DAY), None)
            .unwrap()
            .is_empty()
    );
    let none: [&str; 0] = [];
    assert!(
        ledger
            .issue_for(&qzaqq26(), &none, at(RELEASE_DAY))
            .unwrap()
            .is_empty()
    );
    assert_eq!(ledger.pools().unwrap(), []);
    assert_eq!(ledger.import(&[]).unwrap(), ImportSummary::default());
}

fn invalid_reference_is_refused_before_writing(target: &Target) {
    let mut ledger = target.open();
    let error = ledger
        .issue(&qzaqq26(), 1, at(RELEASE_DAY), Some("bad\0reference"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid reference: NUL character at byte 3"
    );
    let error = ledger
        .issue_for(&qzaqq26(), &["ok", "\0"], at(RELEASE_DAY))
        .unwrap_err();
    assert!(matches!(error, Error::InvalidReference { position: 0 }));
    assert!(matches!(
        ImportedCode::new(isrc("QZAQQ2600001"), at(0), Some("x\0")),
        Err(Error::InvalidReference { position: 1 })
    ));
    assert_eq!(ledger.pools().unwrap(), []);
    assert_eq!(ledger.records().unwrap(), []);
}

/// Takes a ledger back to schema version 1 (as an older release left it: no reference index),
/// then opens it: the migration brings the index back and the version up, codes intact.
fn an_older_schema_moves_forward_when_opened(target: &Target) {
    // What each version added, undone newest first: a ledger of version `v` is one without
    // the objects of the versions after `v`.
    let added = [
        (2, "DROP INDEX ledger_codes_reference;"),
        (3, "DROP TABLE ledger_requests;"),
        (
            4,
            "DROP TABLE ledger_fingerprints; DROP TABLE ledger_fingerprint_index;",
        ),
    ];
    for version in [3, 2, 1] {
        let target = &target.fresh(&format!("v{version}"));
        let mut ledger = target.open();
        ledger
            .issue(&qzaqq26(), 2, at(RELEASE_DAY), Some("kept"))
            .unwrap();
        drop(ledger);
        let downgrade: String = added
            .iter()
            .filter(|(since, _)| *since > version)
            .map(|(_, sql)| *sql)
            .collect();
        match target.location() {
            ledger::Location::Sqlite(path) => {
                let connection = rusqlite::Connection::open(&path).unwrap();
                connection.execute_batch(&downgrade).unwrap();
                connection
                    .pragma_update(None, "user_version", version)
                    .unwrap();
            }
            #[cfg(feature = "postgres")]
            location @ ledger::Location::Postgres(_) => common::postgres_execute(
                &location,
                &format!(
                    "{downgrade} UPDATE ledger_meta SET value = '{version}' WHERE name = 'schema_version';"
                ),
            ),
            other => panic!("unexpected location {other:?}"),
        }
        let mut ledger = Ledger::open_existing(target.location()).unwrap();
        assert_eq!(ledger.records_for("kept").unwrap().len(), 2);
        // What version 3 brought works: a keyed request is served once.
        let first = ledger
            .issue_once(&qzaqq26(), "after migration", 1, at(RELEASE_DAY), None)
            .unwrap();
        let again = ledger
            .issue_once(&qzaqq26(), "after migration", 1, at(RELEASE_DAY), None)
            .unwrap();
        assert_eq!(strings(&first.codes), ["QZAQQ2600003"]);
        assert_eq!((again.codes, again.already_issued), (first.codes, 1));
        drop(ledger);
        assert_eq!(
            schema_objects(target),
            (ledger::SCHEMA_VERSION, 1, 1),
            "from version {version}"
        );
    }
}

/// The schema version, and how many of the reference index and request table there are.
fn schema_objects(target: &Target) -> (u32, u32, u32) {
    match target.location() {
        ledger::Location::Sqlite(path) => {
            let connection = rusqlite::Connection::open(&path).unwrap();
            let count = |name: &str| -> u32 {
                connection
                    .query_row(
                        "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                        [name],
                        |row| row.get(0),
                    )
                    .unwrap()
            };
            let version: u32 = connection
                .query_row("PRAGMA user_version", [], |row| row.get(0))
                .unwrap();
            (
                version,
                count("ledger_codes_reference"),
                count("ledger_requests"),
            )
        }
        #[cfg(feature = "postgres")]
        location @ ledger::Location::Postgres(_) => {
            let mut client = common::postgres_client(&location);
            let version: String = client
                .query_one(
                    "SELECT value FROM ledger_meta WHERE name = 'schema_version'",
                    &[],
                )
                .unwrap()
                .get(0);
            let row = client
                .query_one(
                    "SELECT (SELECT count(*) FROM pg_indexes WHERE indexname = 'ledger_codes_reference'
                             AND schemaname = current_schema()),
                            (SELECT count(*) FROM pg_tables WHERE tablename = 'ledger_requests'
                             AND schemaname = current_schema())",
                    &[],
                )
                .unwrap();
            let count = |column: usize| u32::try_from(row.get::<_, i64>(column)).unwrap();
            (version.parse().unwrap(), count(0), count(1))
        }
        other => panic!("unexpected location {other:?}"),
    }
}

/// Runs `sql` on the target's database through a connection of its own, as someone editing
/// the ledger by hand would.
fn by_hand(target: &Target, sql: &str) {
    match target.location() {
        ledger::Location::Sqlite(path) => rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(sql)
            .unwrap(),
        #[cfg(feature = "postgres")]
        location @ ledger::Location::Postgres(_) => common::postgres_execute(&location, sql),
        other => panic!("unexpected location {other:?}"),
    }
}

/// A code recorded by hand in a pool's unissued range: the block issued over it is refused,
/// naming that code (not the block's first), and nothing of the block is issued.
fn a_code_recorded_by_hand_is_a_duplicate_and_nothing_is_issued(target: &Target) {
    let mut ledger = target.open();
    ledger.issue(&qzaqq26(), 1, at(RELEASE_DAY), None).unwrap();
    by_hand(
        target,
        "INSERT INTO ledger_codes (key, code, pool_id, issued_at, reference)
         VALUES ('QZAQQ2600040', NULL, NULL, 0, 'by hand');",
    );
    // 100 codes: the many-row INSERT path, with the duplicate inside its first statement.
    let error = ledger
        .issue(&qzaqq26(), 100, at(RELEASE_DAY), None)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "QZAQQ2600040 is already recorded in the ledger"
    );
    assert!(
        matches!(error, Error::Duplicate { code } if code == Code::Isrc(isrc("QZAQQ2600040"))),
        "{error:?}"
    );
    assert_eq!(ledger.pool_status(&qzaqq26()).unwrap().used, 1);
    assert_eq!(ledger.records().unwrap().len(), 2);
}
