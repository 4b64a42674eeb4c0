//! Laws of the ledger, checked on generated input (SQLite; the backends share the logic these
//! laws exercise, and `suite.rs` runs the same behaviour on both).

mod common;

use std::collections::BTreeSet;

use common::{Target, at};
use ledger::{Code, Error, ImportedCode, IsrcPool, Ledger, Location, Pool as _, UpcPool};
use proptest::prelude::*;

fn isrc_pool(first: u32, capacity: u32) -> IsrcPool {
    IsrcPool::parse("QZAQQ", "26")
        .unwrap()
        .with_range(first..=first + capacity - 1)
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any sequence of requests on a pool issues contiguous, distinct codes from its first,
    /// in order, until a request is larger than what is left: that one issues nothing and
    /// says exactly how many are left. The high-water mark equals the number issued.
    #[test]
    fn issuing_is_contiguous_until_exhausted(
        first in 0u32..99_000,
        capacity in 1u32..60,
        requests in prop::collection::vec(0u64..20, 1..12),
    ) {
        let target = Target::sqlite();
        let mut ledger = target.open();
        let pool = isrc_pool(first, capacity);
        let mut issued: Vec<u32> = Vec::new();
        for count in requests {
            let left = u64::from(capacity) - issued.len() as u64;
            match ledger.issue(&pool, count, at(0), None) {
                Ok(codes) => {
                    prop_assert!(count <= left);
                    prop_assert_eq!(codes.len() as u64, count);
                    issued.extend(codes.iter().map(|code| code.designation()));
                }
                Err(Error::Exhausted { requested, remaining, .. }) => {
                    prop_assert!(count > left);
                    prop_assert_eq!((requested, remaining), (count, left));
                }
                Err(other) => prop_assert!(false, "unexpected error {}", other),
            }
        }
        let expected: Vec<u32> = (first..first + issued.len() as u32).collect();
        prop_assert_eq!(&issued, &expected);
        let status = ledger.pool_status(&pool).unwrap();
        prop_assert_eq!(status.used, issued.len() as u64);
        prop_assert_eq!(status.remaining, u64::from(capacity) - issued.len() as u64);
        prop_assert_eq!(ledger.records().unwrap().len(), issued.len());
    }

    /// After importing any codes of a pool's range, the pool issues the code after the
    /// highest one recorded, whether the pool existed before the import or not.
    #[test]
    fn issuing_continues_after_imported_codes(
        designations in prop::collection::btree_set(1u32..500, 1..20),
        pool_first in any::<bool>(),
    ) {
        let target = Target::sqlite();
        let mut ledger = target.open();
        let pool = isrc_pool(1, 499);
        if pool_first {
            ledger.issue(&pool, 0, at(0), None).unwrap();
        }
        let imports: Vec<ImportedCode> = designations
            .iter()
            .map(|&designation| {
                let code = pool.code_at(designation).unwrap();
                ImportedCode::new(code, at(0), Some("imported")).unwrap()
            })
            .collect();
        let summary = ledger.import(&imports).unwrap();
        prop_assert_eq!(summary.recorded, designations.len() as u64);
        let highest = *designations.iter().next_back().unwrap();
        if highest == 499 {
            let exhausted = matches!(ledger.issue(&pool, 1, at(0), None), Err(Error::Exhausted { .. }));
            prop_assert!(exhausted);
        } else {
            let next = ledger.issue(&pool, 1, at(0), None).unwrap();
            prop_assert_eq!(next[0].designation(), highest + 1);
        }
        // Importing the same records again changes nothing.
        let again = ledger.import(&imports).unwrap();
        prop_assert_eq!((again.recorded, again.unchanged), (0, designations.len() as u64));
    }

    /// Every code a pool can issue prints in a form that reads back as the same code, and
    /// the ledger finds it by any spelling of the same product.
    #[test]
    fn codes_read_back(serial in 0u64..100_000, isrc_not_upc in any::<bool>()) {
        let code: Code = if isrc_not_upc {
            isrc_pool(1, 99_999).code_at_serial(serial.clamp(1, 99_999)).unwrap().into()
        } else {
            UpcPool::parse("0614141").unwrap().code_at(serial).unwrap().into()
        };
        prop_assert_eq!(code.to_string().parse::<Code>().unwrap(), code);
    }

    /// The CSV export has one row per record, and each row names the code recorded.
    #[test]
    fn export_lists_every_record(isrcs in 0u64..30, upcs in 0u64..30) {
        let target = Target::sqlite();
        let mut ledger = target.open();
        ledger.issue(&isrc_pool(1, 99_999), isrcs, at(1_000), Some("a,b")).unwrap();
        ledger.issue(&UpcPool::parse("4006381").unwrap(), upcs, at(2_000), None).unwrap();
        let mut out = Vec::new();
        prop_assert_eq!(ledger.export_csv(&mut out).unwrap(), isrcs + upcs);
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let exported: BTreeSet<String> = reader
            .records()
            .map(|row| row.unwrap()[1].to_owned())
            .collect();
        let recorded: BTreeSet<String> =
            ledger.records().unwrap().iter().map(|r| r.code.to_string()).collect();
        prop_assert_eq!(exported, recorded);
    }

    /// A password in a PostgreSQL URL never shows in the location's text or debug form.
    #[test]
    fn passwords_never_show(user in "[a-z]{1,8}", password in "[A-Za-z0-9]{6,16}") {
        let location = Location::parse(&format!("postgres://{user}:{password}@db.example/ledger"));
        prop_assert!(!location.to_string().contains(&password));
        let debug = format!("{location:?}");
        prop_assert!(!debug.contains(&password));
        let location = Location::parse(&format!("postgres://db.example/ledger?user={user}&password={password}"));
        prop_assert!(!location.to_string().contains(&password));
    }
}

#[test]
fn a_ledger_reopened_by_path_keeps_its_codes() {
    let target = Target::sqlite();
    let path = target.path().unwrap().to_owned();
    Ledger::create(path.as_path())
        .unwrap()
        .issue(&isrc_pool(1, 10), 10, at(0), None)
        .unwrap();
    let mut reopened = Ledger::open(path.display().to_string()).unwrap();
    assert_eq!(reopened.records().unwrap().len(), 10);
}

/// One `Ledger` per thread or worker: it moves between threads.
#[test]
fn ledger_and_its_errors_are_send() {
    fn assert_send<T: Send>() {}
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send::<Ledger>();
    assert_send_sync::<Error>();
    assert_send_sync::<Code>();
    assert_send_sync::<IsrcPool>();
    assert_send_sync::<UpcPool>();
}
