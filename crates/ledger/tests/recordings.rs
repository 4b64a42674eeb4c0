//! Recordings' fingerprints in the ledger (schema version 4), on both backends: storing,
//! finding candidates through the index, and assigning ISRCs that reuse a known recording's.

mod common;

use std::thread;

use common::{RELEASE_DAY, Target, at};
use isrc::Isrc;
use ledger::{Assignment, Code, Error, IsrcPool, Ledger, RecordingRequest, Stored};

on_both_backends!(
    a_stored_fingerprint_reads_back_and_is_found_through_the_index,
    storing_refuses_unknown_codes_and_empty_fingerprints,
    a_different_fingerprint_is_kept_unless_replacing,
    a_catalog_is_stored_in_one_call_and_found_through_the_index,
    assigning_reuses_the_code_of_a_known_recording,
    assigning_twice_in_one_call_shares_one_code,
    a_retry_gets_its_codes_back_and_stores_nothing_twice,
    concurrent_assigns_of_one_new_recording_end_with_one_code,
    a_version_3_ledger_moves_to_version_4_with_its_codes,
);

fn qzaqq26() -> IsrcPool {
    IsrcPool::parse("QZAQQ", "2026").unwrap()
}

fn isrc(text: &str) -> Isrc {
    text.parse().unwrap()
}

/// A pseudo-random fingerprint of `length` values from `seed` (xorshift): distinct seeds share
/// practically no values.
fn fingerprint(seed: u64, length: usize) -> Vec<u32> {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 16) as u32
        })
        .collect()
}

/// `fingerprint` with a quarter of its values changed in one bit (a re-encoding's noise).
fn noisy(fingerprint: &[u32]) -> Vec<u32> {
    fingerprint
        .iter()
        .enumerate()
        .map(|(index, &value)| {
            if index % 4 == 0 {
                value ^ 1 << (index % 32)
            } else {
                value
            }
        })
        .collect()
}

/// The test's judgement: the same length and at most 2 % of bits differ.
fn same(query: &[u32], stored: &[u32]) -> Option<f64> {
    if query.len() != stored.len() {
        return None;
    }
    let differing: u32 = query
        .iter()
        .zip(stored)
        .map(|(a, b)| (a ^ b).count_ones())
        .sum();
    let rate = f64::from(differing) / (32.0 * query.len() as f64);
    (rate <= 0.02).then_some(rate)
}

fn request<'a>(key: &'a str, fingerprint: Option<&'a [u32]>) -> RecordingRequest<'a> {
    RecordingRequest {
        key,
        reference: key,
        fingerprint,
    }
}

fn a_stored_fingerprint_reads_back_and_is_found_through_the_index(target: &Target) {
    let mut ledger = target.open();
    let codes = ledger
        .issue(&qzaqq26(), 3, at(RELEASE_DAY), Some("album"))
        .unwrap();
    for (seed, &code) in codes.iter().enumerate() {
        let stored = ledger
            .store_fingerprint(code, &fingerprint(seed as u64, 200), at(RELEASE_DAY), false)
            .unwrap();
        assert_eq!(stored, Stored::Added);
    }
    assert_eq!(
        ledger.fingerprint(codes[1]).unwrap(),
        Some(fingerprint(1, 200))
    );
    assert_eq!(ledger.fingerprint(isrc("QZAQQ2600099")).unwrap(), None);

    // The middle of recording 1, re-encoded: found first, sharing the unchanged values.
    let query = noisy(&fingerprint(1, 200)[50..150]);
    let found = ledger.fingerprint_candidates(&query, 10).unwrap();
    assert_eq!(found[0].isrc, codes[1]);
    assert_eq!(found[0].shared_values, 75);
    assert_eq!(found[0].fingerprint, fingerprint(1, 200));
    assert_eq!(found[0].record.reference.as_deref(), Some("album"));
    assert!(
        found
            .iter()
            .skip(1)
            .all(|candidate| candidate.shared_values < 3)
    );
    // Something never stored shares nothing worth a look.
    let unknown = ledger
        .fingerprint_candidates(&fingerprint(77, 200), 10)
        .unwrap();
    assert!(unknown.iter().all(|candidate| candidate.shared_values < 3));
    assert!(ledger.fingerprint_candidates(&[], 10).unwrap().is_empty());
}

fn storing_refuses_unknown_codes_and_empty_fingerprints(target: &Target) {
    let mut ledger = target.open();
    let error = ledger
        .store_fingerprint(
            isrc("QZAQQ2600001"),
            &fingerprint(1, 10),
            at(RELEASE_DAY),
            false,
        )
        .unwrap_err();
    assert!(
        matches!(error, Error::UnknownCode { code } if code == Code::Isrc(isrc("QZAQQ2600001"))),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "QZAQQ2600001 is not recorded in the ledger"
    );
    let code = ledger.issue(&qzaqq26(), 1, at(RELEASE_DAY), None).unwrap()[0];
    let error = ledger
        .store_fingerprint(code, &[], at(RELEASE_DAY), false)
        .unwrap_err();
    assert!(matches!(error, Error::InvalidFingerprint { .. }), "{error}");
    assert_eq!(ledger.fingerprint(code).unwrap(), None);
}

fn a_different_fingerprint_is_kept_unless_replacing(target: &Target) {
    let mut ledger = target.open();
    let code = ledger.issue(&qzaqq26(), 1, at(RELEASE_DAY), None).unwrap()[0];
    let (first, second) = (fingerprint(1, 50), fingerprint(2, 50));
    let store = |ledger: &mut Ledger, values: &[u32], replace| {
        ledger
            .store_fingerprint(code, values, at(RELEASE_DAY), replace)
            .unwrap()
    };
    assert_eq!(store(&mut ledger, &first, false), Stored::Added);
    assert_eq!(store(&mut ledger, &first, false), Stored::Unchanged);
    assert_eq!(store(&mut ledger, &second, false), Stored::KeptOther);
    assert_eq!(ledger.fingerprint(code).unwrap(), Some(first.clone()));
    assert_eq!(store(&mut ledger, &second, true), Stored::Replaced);
    assert_eq!(ledger.fingerprint(code).unwrap(), Some(second.clone()));
    // The index forgot the replaced fingerprint's values.
    let found = ledger.fingerprint_candidates(&first, 10).unwrap();
    assert!(found.iter().all(|candidate| candidate.shared_values < 3));
    assert_eq!(
        ledger.fingerprint_candidates(&second, 10).unwrap()[0].shared_values,
        50
    );
}

fn a_catalog_is_stored_in_one_call_and_found_through_the_index(target: &Target) {
    let mut ledger = target.open();
    let codes = ledger
        .issue(&qzaqq26(), 50, at(RELEASE_DAY), Some("catalog"))
        .unwrap();
    let fingerprints: Vec<Vec<u32>> = (0..50).map(|seed| fingerprint(seed, 120)).collect();
    // Code 3 already has its fingerprint, code 4 another one.
    ledger
        .store_fingerprint(codes[3], &fingerprints[3], at(RELEASE_DAY), false)
        .unwrap();
    ledger
        .store_fingerprint(codes[4], &fingerprint(99, 120), at(RELEASE_DAY), false)
        .unwrap();
    let items: Vec<(Isrc, &[u32])> = codes
        .iter()
        .zip(&fingerprints)
        .map(|(&code, values)| (code, values.as_slice()))
        .collect();
    let outcomes = ledger
        .store_fingerprints(&items, at(RELEASE_DAY), false)
        .unwrap();
    assert_eq!(outcomes.len(), 50);
    assert_eq!(outcomes[3], Stored::Unchanged);
    assert_eq!(outcomes[4], Stored::KeptOther);
    assert!(
        outcomes
            .iter()
            .enumerate()
            .all(|(i, &o)| i == 3 || i == 4 || o == Stored::Added)
    );
    for seed in [0, 17, 49] {
        assert_eq!(
            ledger.fingerprint(codes[seed]).unwrap().as_deref(),
            Some(fingerprints[seed].as_slice())
        );
        let query = noisy(&fingerprints[seed][10..110]);
        let found = ledger.fingerprint_candidates(&query, 3).unwrap();
        assert_eq!(found[0].isrc, codes[seed]);
        assert_eq!(found[0].shared_values, 75);
    }
    // An unknown code refuses the whole call: nothing of it is stored.
    let fresh = ledger.issue(&qzaqq26(), 1, at(RELEASE_DAY), None).unwrap()[0];
    let refused = ledger
        .store_fingerprints(
            &[
                (fresh, &fingerprints[0][..]),
                (isrc("QZAQQ2699999"), &fingerprints[1][..]),
            ],
            at(RELEASE_DAY),
            false,
        )
        .unwrap_err();
    assert!(matches!(refused, Error::UnknownCode { .. }), "{refused}");
    assert_eq!(ledger.fingerprint(fresh).unwrap(), None);

    // Replacing: code 4 takes its catalog fingerprint; a code given two fingerprints in one
    // call keeps the last, and the index holds only what is stored.
    let other = fingerprint(98, 120);
    let outcomes = ledger
        .store_fingerprints(
            &[
                (codes[4], &fingerprints[4][..]),
                (codes[5], &fingerprints[5][..]),
                (fresh, &other[..]),
                (fresh, &fingerprints[6][..]),
            ],
            at(RELEASE_DAY),
            true,
        )
        .unwrap();
    assert_eq!(
        outcomes,
        [
            Stored::Replaced,
            Stored::Unchanged,
            Stored::Added,
            Stored::Replaced
        ]
    );
    assert_eq!(
        ledger.fingerprint(codes[4]).unwrap().as_deref(),
        Some(fingerprints[4].as_slice())
    );
    assert_eq!(
        ledger.fingerprint(fresh).unwrap().as_deref(),
        Some(fingerprints[6].as_slice())
    );
    for gone in [fingerprint(99, 120), other] {
        let found = ledger.fingerprint_candidates(&gone, 3).unwrap();
        assert!(
            found.iter().all(|c| c.isrc != codes[4] && c.isrc != fresh),
            "{found:?}"
        );
    }
    let found = ledger.fingerprint_candidates(&fingerprints[6], 3).unwrap();
    assert_eq!(found[0].shared_values, found[1].shared_values);
    assert!(found[..2].iter().any(|c| c.isrc == fresh), "{found:?}");
}

fn assigning_reuses_the_code_of_a_known_recording(target: &Target) {
    let mut ledger = target.open();
    let single = fingerprint(1, 120);
    let first = ledger
        .assign_recordings(
            &qzaqq26(),
            &[request("single / track 1", Some(&single))],
            at(RELEASE_DAY),
            same,
        )
        .unwrap();
    assert_eq!(
        first,
        [Assignment::Issued {
            isrc: isrc("QZAQQ2600001"),
            already_issued: false
        }]
    );
    assert_eq!(
        ledger.fingerprint(isrc("QZAQQ2600001")).unwrap(),
        Some(single.clone())
    );

    let other = fingerprint(2, 120);
    let again = noisy(&single);
    let album = ledger
        .assign_recordings(
            &qzaqq26(),
            &[
                request("album / track 1", Some(&other)),
                request("album / track 2", Some(&again)),
                request("album / track 3", None),
            ],
            at(RELEASE_DAY + 60),
            same,
        )
        .unwrap();
    assert_eq!(album[0].isrc(), isrc("QZAQQ2600002"));
    let Assignment::Reused {
        isrc: reused,
        record,
        judgement,
    } = &album[1]
    else {
        panic!("track 2 reuses the single's code: {album:?}");
    };
    assert_eq!(*reused, isrc("QZAQQ2600001"));
    assert_eq!(record.reference.as_deref(), Some("single / track 1"));
    assert!(*judgement > 0.0 && *judgement <= 0.02);
    // No fingerprint, no match: a new code; nothing else was issued.
    assert_eq!(album[2].isrc(), isrc("QZAQQ2600003"));
    assert_eq!(ledger.records().unwrap().len(), 3);
    assert_eq!(ledger.fingerprint(isrc("QZAQQ2600003")).unwrap(), None);
}

fn assigning_twice_in_one_call_shares_one_code(target: &Target) {
    let mut ledger = target.open();
    let recording = fingerprint(5, 80);
    let assigned = ledger
        .assign_recordings(
            &qzaqq26(),
            &[
                request("compilation / track 1", Some(&recording)),
                request("compilation / track 9", Some(&recording)),
            ],
            at(RELEASE_DAY),
            same,
        )
        .unwrap();
    assert_eq!(assigned[0].isrc(), isrc("QZAQQ2600001"));
    let Assignment::Reused {
        isrc: shared,
        record,
        ..
    } = &assigned[1]
    else {
        panic!("the second track shares the first's code: {assigned:?}");
    };
    assert_eq!(*shared, isrc("QZAQQ2600001"));
    assert_eq!(record.reference.as_deref(), Some("compilation / track 1"));
    assert_eq!(ledger.records().unwrap().len(), 1);
}

fn a_retry_gets_its_codes_back_and_stores_nothing_twice(target: &Target) {
    let mut ledger = target.open();
    let (one, two) = (fingerprint(1, 60), fingerprint(2, 60));
    let requests = [request("t1", Some(&one)), request("t2", Some(&two))];
    let first = ledger
        .assign_recordings(&qzaqq26(), &requests, at(RELEASE_DAY), same)
        .unwrap();
    let retry = ledger
        .assign_recordings(&qzaqq26(), &requests, at(RELEASE_DAY), same)
        .unwrap();
    let codes: Vec<Isrc> = first.iter().map(Assignment::isrc).collect();
    assert_eq!(codes, [isrc("QZAQQ2600001"), isrc("QZAQQ2600002")]);
    for (assignment, code) in retry.iter().zip(&codes) {
        assert_eq!(
            *assignment,
            Assignment::Issued {
                isrc: *code,
                already_issued: true
            }
        );
    }
    assert_eq!(ledger.records().unwrap().len(), 2);
    assert_eq!(ledger.fingerprint(codes[1]).unwrap(), Some(two));
}

fn concurrent_assigns_of_one_new_recording_end_with_one_code(target: &Target) {
    let recording = fingerprint(9, 150);
    let workers: Vec<_> = (0..4)
        .map(|worker| {
            let location = target.location();
            let query = if worker % 2 == 0 {
                recording.clone()
            } else {
                noisy(&recording)
            };
            thread::spawn(move || {
                let mut ledger = Ledger::open(location).unwrap();
                let key = format!("draft {worker} / track 1");
                ledger
                    .assign_recordings(
                        &qzaqq26(),
                        &[request(&key, Some(&query))],
                        at(RELEASE_DAY),
                        same,
                    )
                    .unwrap()
                    .pop()
                    .unwrap()
                    .isrc()
            })
        })
        .collect();
    let codes: Vec<Isrc> = workers
        .into_iter()
        .map(|worker| worker.join().unwrap())
        .collect();
    assert!(codes.iter().all(|&code| code == codes[0]), "{codes:?}");
    assert_eq!(target.open().records().unwrap().len(), 1);
}

fn a_version_3_ledger_moves_to_version_4_with_its_codes(target: &Target) {
    let mut ledger = target.open();
    let code = ledger
        .issue(&qzaqq26(), 1, at(RELEASE_DAY), Some("before"))
        .unwrap()[0];
    drop(ledger);
    let downgrade = "DROP TABLE ledger_fingerprints; DROP TABLE ledger_fingerprint_index;";
    match target.location() {
        ledger::Location::Sqlite(path) => {
            let connection = rusqlite::Connection::open(&path).unwrap();
            connection.execute_batch(downgrade).unwrap();
            connection.pragma_update(None, "user_version", 3).unwrap();
        }
        #[cfg(feature = "postgres")]
        location @ ledger::Location::Postgres(_) => common::postgres_execute(
            &location,
            &format!(
                "{downgrade} UPDATE ledger_meta SET value = '3' WHERE name = 'schema_version';"
            ),
        ),
        other => panic!("unexpected location {other:?}"),
    }
    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    assert_eq!(ledger.records_for("before").unwrap().len(), 1);
    assert_eq!(ledger.fingerprint(code).unwrap(), None);
    let values = fingerprint(3, 40);
    assert_eq!(
        ledger
            .store_fingerprint(code, &values, at(RELEASE_DAY), false)
            .unwrap(),
        Stored::Added
    );
    assert_eq!(
        ledger.fingerprint_candidates(&values, 1).unwrap()[0].isrc,
        code
    );
}
