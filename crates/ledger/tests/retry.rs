//! Retry-safe issuing: a request with a key is served once; asked again (a retry, another
//! connection, another process) it gets the same codes and the ledger issues none. Each test
//! runs on both backends.

mod common;

use common::{RELEASE_DAY, Target, at};
use ledger::{Error, IsrcPool, Ledger, UpcPool};

on_both_backends!(
    a_keyed_request_is_served_once,
    a_key_reused_for_another_request_is_refused,
    per_track_keys_return_known_codes_and_issue_the_rest,
    keys_that_cannot_name_a_request_are_refused,
    keyed_and_plain_requests_share_the_pool,
);

fn qzaqq26() -> IsrcPool {
    IsrcPool::parse("QZAQQ", "2026").unwrap()
}

fn strings<T: ToString>(codes: &[T]) -> Vec<String> {
    codes.iter().map(ToString::to_string).collect()
}

fn a_keyed_request_is_served_once(target: &Target) {
    let mut ledger = target.open();
    let first = ledger
        .issue_once(
            &qzaqq26(),
            "vp-2026",
            13,
            at(RELEASE_DAY),
            Some("Vesica Piscis"),
        )
        .unwrap();
    assert_eq!(first.already_issued, 0);
    assert_eq!(first.codes.len(), 13);
    assert_eq!(first.codes[0].to_string(), "QZAQQ2600001");

    // The same request again, in the same connection and in a new one: the same codes.
    let again = ledger
        .issue_once(
            &qzaqq26(),
            "vp-2026",
            13,
            at(RELEASE_DAY + 60),
            Some("Vesica Piscis"),
        )
        .unwrap();
    assert_eq!(
        (again.codes.clone(), again.already_issued),
        (first.codes.clone(), 13)
    );
    drop(ledger);
    let mut ledger = Ledger::open_existing(target.location()).unwrap();
    // Another reference does not make another request: the codes keep the first one's.
    let retry = ledger
        .issue_once(
            &qzaqq26(),
            "vp-2026",
            13,
            at(RELEASE_DAY + 120),
            Some("renamed"),
        )
        .unwrap();
    assert_eq!(retry.codes, first.codes);
    assert_eq!(ledger.records().unwrap().len(), 13);
    assert_eq!(ledger.records_for("Vesica Piscis").unwrap().len(), 13);
    assert!(ledger.records_for("renamed").unwrap().is_empty());
    assert_eq!(ledger.pool_status(&qzaqq26()).unwrap().used, 13);

    // Another key is another request.
    let other = ledger
        .issue_once(&qzaqq26(), "vp-2027", 2, at(RELEASE_DAY), None)
        .unwrap();
    assert_eq!(strings(&other.codes), ["QZAQQ2600014", "QZAQQ2600015"]);
    assert_eq!(other.already_issued, 0);

    // UPCs alike.
    let upcs = UpcPool::parse("0614141").unwrap();
    let upc = ledger
        .issue_once(
            &upcs,
            "vp-2026 upc",
            1,
            at(RELEASE_DAY),
            Some("Vesica Piscis"),
        )
        .unwrap();
    let upc_again = ledger
        .issue_once(
            &upcs,
            "vp-2026 upc",
            1,
            at(RELEASE_DAY),
            Some("Vesica Piscis"),
        )
        .unwrap();
    assert_eq!(strings(&upc.codes), ["614141000005"]);
    assert_eq!((upc_again.codes, upc_again.already_issued), (upc.codes, 1));
    assert_eq!(ledger.records().unwrap().len(), 16);
}

fn a_key_reused_for_another_request_is_refused(target: &Target) {
    let mut ledger = target.open();
    ledger
        .issue_once(&qzaqq26(), "album", 13, at(RELEASE_DAY), None)
        .unwrap();
    let refused = |ledger: &mut Ledger, error: Error, requested: &str| {
        assert_eq!(
            error.to_string(),
            format!(
                "key \"album\" was used for 13 codes from pool isrc QZAQQ 26 00001..=99999; \
                 this request asks for {requested}"
            )
        );
        assert!(matches!(error, Error::KeyReused { .. }), "{error:?}");
        // Nothing was issued, whatever the request.
        assert_eq!(ledger.records().unwrap().len(), 13);
    };
    let count = ledger
        .issue_once(&qzaqq26(), "album", 12, at(RELEASE_DAY), None)
        .unwrap_err();
    refused(
        &mut ledger,
        count,
        "12 codes from pool isrc QZAQQ 26 00001..=99999",
    );
    let year = IsrcPool::parse("QZAQQ", "2025").unwrap();
    let error = ledger
        .issue_once(&year, "album", 13, at(RELEASE_DAY), None)
        .unwrap_err();
    refused(
        &mut ledger,
        error,
        "13 codes from pool isrc QZAQQ 25 00001..=99999",
    );
    let prefix = IsrcPool::parse("QZAQR", "2026").unwrap();
    let error = ledger
        .issue_once(&prefix, "album", 13, at(RELEASE_DAY), None)
        .unwrap_err();
    refused(
        &mut ledger,
        error,
        "13 codes from pool isrc QZAQR 26 00001..=99999",
    );
    let upcs = UpcPool::parse("0614141").unwrap();
    let error = ledger
        .issue_once(&upcs, "album", 1, at(RELEASE_DAY), None)
        .unwrap_err();
    refused(&mut ledger, error, "1 code from pool upc 0614141 0..=99999");
    // A per-track request naming that key asks for 1 code of it.
    let error = ledger
        .issue_once_for(&qzaqq26(), &[("new", "a"), ("album", "b")], at(RELEASE_DAY))
        .unwrap_err();
    refused(
        &mut ledger,
        error,
        "1 code from pool isrc QZAQQ 26 00001..=99999",
    );
    // None of those pools was added, nor moved.
    assert_eq!(ledger.pools().unwrap().len(), 1);
    assert_eq!(ledger.pool_status(&qzaqq26()).unwrap().used, 13);
}

fn per_track_keys_return_known_codes_and_issue_the_rest(target: &Target) {
    let mut ledger = target.open();
    let tracks: Vec<(String, String)> = (1..=13)
        .map(|track| {
            let reference = format!("One Yen / Vesica Piscis / disc 1 track {track}");
            (reference.clone(), reference)
        })
        .collect();
    let first = ledger
        .issue_once_for(&qzaqq26(), &tracks, at(RELEASE_DAY))
        .unwrap();
    assert_eq!(first.already_issued, 0);
    assert_eq!(first.codes.len(), 13);
    for (code, (_, reference)) in first.codes.iter().zip(&tracks) {
        let record = ledger.lookup(*code).unwrap().unwrap();
        assert_eq!(record.reference.as_deref(), Some(reference.as_str()));
    }
    // A plain issue in between moves the pool on.
    ledger.issue(&qzaqq26(), 1, at(RELEASE_DAY), None).unwrap();

    // The draft again with a 14th track put in the middle, in another order: every known
    // track gets its code, the new one the next free code.
    let mut retry: Vec<(String, String)> = tracks.iter().rev().cloned().collect();
    retry.insert(
        5,
        (
            "bonus".to_owned(),
            "One Yen / Vesica Piscis / bonus".to_owned(),
        ),
    );
    let second = ledger
        .issue_once_for(&qzaqq26(), &retry, at(RELEASE_DAY + 60))
        .unwrap();
    assert_eq!(second.already_issued, 13);
    let mut expected: Vec<String> = strings(&first.codes).into_iter().rev().collect();
    expected.insert(5, "QZAQQ2600015".to_owned());
    assert_eq!(strings(&second.codes), expected);
    assert_eq!(ledger.records().unwrap().len(), 15);
    let bonus = ledger
        .records_for("One Yen / Vesica Piscis / bonus")
        .unwrap();
    assert_eq!(
        strings(&bonus.iter().map(|r| r.code).collect::<Vec<_>>()),
        ["QZAQQ2600015"]
    );

    // All of them known: nothing new, the pool stays where it is.
    let third = ledger
        .issue_once_for(&qzaqq26(), &retry, at(RELEASE_DAY + 120))
        .unwrap();
    assert_eq!((third.codes, third.already_issued), (second.codes, 14));
    assert_eq!(ledger.pool_status(&qzaqq26()).unwrap().used, 15);
}

fn keys_that_cannot_name_a_request_are_refused(target: &Target) {
    let mut ledger = target.open();
    let error = ledger
        .issue_once(&qzaqq26(), "", 1, at(RELEASE_DAY), None)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid key \"\": a key must not be empty"
    );
    let error = ledger
        .issue_once(&qzaqq26(), "a\0b", 1, at(RELEASE_DAY), None)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid key \"a\\0b\": NUL character at byte 1"
    );
    let error = ledger
        .issue_once_for(
            &qzaqq26(),
            &[("t1", "x"), ("t2", "y"), ("t1", "z")],
            at(RELEASE_DAY),
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid key \"t1\": given twice in one request"
    );
    assert!(matches!(error, Error::InvalidKey { .. }));
    let error = ledger
        .issue_once_for(&qzaqq26(), &[("t1", "x\0")], at(RELEASE_DAY))
        .unwrap_err();
    assert!(
        matches!(error, Error::InvalidReference { position: 1 }),
        "{error:?}"
    );
    assert!(ledger.records().unwrap().is_empty());
    assert!(ledger.pools().unwrap().is_empty());
    // No codes asked for: nothing recorded, not even the key.
    let none = ledger
        .issue_once(&qzaqq26(), "empty", 0, at(RELEASE_DAY), None)
        .unwrap();
    assert_eq!((none.codes.len(), none.already_issued), (0, 0));
    let later = ledger
        .issue_once(&qzaqq26(), "empty", 2, at(RELEASE_DAY), None)
        .unwrap();
    assert_eq!(later.already_issued, 0);
}

/// Keyed requests take their codes from the same high-water mark as plain ones; an exhausted
/// pool refuses a new key but still answers a known one.
fn keyed_and_plain_requests_share_the_pool(target: &Target) {
    let mut ledger = target.open();
    let small = qzaqq26().with_range(1..=4).unwrap();
    ledger.issue(&small, 1, at(RELEASE_DAY), None).unwrap();
    let keyed = ledger
        .issue_once(&small, "k", 2, at(RELEASE_DAY), None)
        .unwrap();
    assert_eq!(strings(&keyed.codes), ["QZAQQ2600002", "QZAQQ2600003"]);
    ledger.issue(&small, 1, at(RELEASE_DAY), None).unwrap();
    let error = ledger
        .issue_once(&small, "k2", 1, at(RELEASE_DAY), None)
        .unwrap_err();
    assert!(
        matches!(error, Error::Exhausted { remaining: 0, .. }),
        "{error:?}"
    );
    let again = ledger
        .issue_once(&small, "k", 2, at(RELEASE_DAY), None)
        .unwrap();
    assert_eq!(again.codes, keyed.codes);
}
