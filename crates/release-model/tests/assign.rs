//! Code assignment: fills only what is missing, in disc/number order; refuses on structural
//! errors; a custom code source plugs in.

use std::time::Duration;

use isrc::Isrc;
use release_model::{Allocators, CodeSource, Error, Release, Track};
use upc::Upc;

fn prefix() -> isrc::Prefix {
    "QZAQQ".parse().unwrap()
}

fn draft(tracks: u32) -> Release {
    let mut release = Release::new("Vesica Piscis", "One Yen");
    for n in 1..=tracks {
        release
            .tracks
            .push(Track::new(1, n, format!("Track {n}")).with_duration(Duration::from_secs(200)));
    }
    release
}

#[test]
fn the_seed_album_gets_qzaqq2600001_to_13() {
    let mut album = draft(13);
    let mut source = isrc::Allocator::new(prefix(), 26).unwrap();
    let assigned = album.assign(&mut source).unwrap();
    let codes: Vec<String> = assigned.isrcs.iter().map(|a| a.isrc.to_string()).collect();
    let want: Vec<String> = (1..=13).map(|n| format!("QZAQQ26{n:05}")).collect();
    assert_eq!(codes, want);
    assert_eq!(assigned.upc, None, "an isrc allocator issues no upc");
    assert_eq!(album.upc, None);
    for (track, code) in album.tracks.iter().zip(&want) {
        assert_eq!(track.isrc.unwrap().to_string(), *code);
    }
    assert_eq!(source.issue().unwrap().to_string(), "QZAQQ2600014");
}

#[test]
fn order_is_disc_then_number_and_existing_codes_stay() {
    let mut release = Release::new("R", "A");
    let existing: Isrc = "GBAYE0000351".parse().unwrap();
    for (disc, number) in [(2, 2), (1, 2), (2, 1), (1, 1)] {
        release.tracks.push(
            Track::new(disc, number, format!("{disc}.{number}"))
                .with_duration(Duration::from_secs(200)),
        );
    }
    release.tracks[2].isrc = Some(existing);
    let upc: Upc = "614141000012".parse().unwrap();
    release.upc = Some(upc);
    let mut source = Allocators::new(isrc::Allocator::new(prefix(), 26).unwrap())
        .with_upc(upc::Allocator::new("0614141".parse().unwrap()).unwrap());
    let assigned = release.assign(&mut source).unwrap();
    let order: Vec<(u32, u32, String)> = assigned
        .isrcs
        .iter()
        .map(|a| (a.disc, a.number, a.isrc.to_string()))
        .collect();
    assert_eq!(
        order,
        [
            (1, 1, "QZAQQ2600001".to_owned()),
            (1, 2, "QZAQQ2600002".to_owned()),
            (2, 2, "QZAQQ2600003".to_owned()),
        ]
    );
    assert_eq!(release.tracks[2].isrc, Some(existing));
    assert_eq!(release.upc, Some(upc), "the existing upc stays");
    assert_eq!(assigned.upc, None);
}

#[test]
fn the_upc_comes_from_the_upc_allocator() {
    let mut release = draft(2);
    let mut source = Allocators::new(isrc::Allocator::new(prefix(), 26).unwrap())
        .with_upc(upc::Allocator::new("0614141".parse().unwrap()).unwrap());
    let assigned = release.assign(&mut source).unwrap();
    assert_eq!(assigned.upc.unwrap().to_string(), "614141000005");
    assert_eq!(release.upc, assigned.upc);
}

#[test]
fn refuses_when_the_track_order_is_not_settled() {
    let mut release = draft(3);
    release.tracks[2].number = 2;
    let mut source = isrc::Allocator::new(prefix(), 26).unwrap();
    let err = release.assign(&mut source).unwrap_err();
    assert_eq!(
        err.to_string(),
        "refusing to assign codes: 1 error must be fixed first (first: track.duplicate_number at \
         release #1, disc 1 track 2: two tracks are number 2 on disc 1 (this one is \"Track 3\"))"
    );
    assert!(matches!(err, Error::AssignRefused { ref findings } if findings.len() == 1));
    assert_eq!(err.kind(), "assign_refused");
    assert_eq!(source.next_designation(), Some(1), "nothing was issued");
    assert!(release.tracks.iter().all(|t| t.isrc.is_none()));

    let mut empty = Release::new("", "");
    let err = empty.assign(&mut source).unwrap_err();
    assert_eq!(
        err.to_string(),
        "refusing to assign codes: 3 errors must be fixed first (first: release.empty_title at \
         release #1: the release has no title)"
    );
}

#[test]
fn missing_durations_do_not_block_assignment() {
    let mut release = draft(2);
    release.tracks[0].duration = None;
    let mut source = isrc::Allocator::new(prefix(), 26).unwrap();
    assert_eq!(release.assign(&mut source).unwrap().isrcs.len(), 2);
}

#[test]
fn exhaustion_leaves_the_release_unchanged() {
    let mut release = draft(3);
    let mut source = isrc::Allocator::new(prefix(), 26)
        .unwrap()
        .with_range(1..=2)
        .unwrap();
    let err = release.assign(&mut source).unwrap_err();
    assert_eq!(err.kind(), "isrc_issue");
    assert!(
        err.to_string()
            .starts_with("cannot issue isrcs: designation range exhausted")
    );
    assert!(release.tracks.iter().all(|t| t.isrc.is_none()));
}

/// A source like a ledger: records what it was asked, can fail or short-change.
struct Ledger {
    next: u32,
    calls: Vec<u32>,
    short: bool,
    fail_upc: bool,
}

impl CodeSource for Ledger {
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<Isrc>, Error> {
        self.calls.push(n);
        let n = if self.short { n - 1 } else { n };
        let codes = (0..n)
            .map(|i| Isrc::new(prefix(), 26, self.next + i).unwrap())
            .collect();
        self.next += n;
        Ok(codes)
    }

    fn next_upc(&mut self) -> Result<Option<Upc>, Error> {
        if self.fail_upc {
            Err(Error::CodeSource("ledger is read-only".into()))
        } else {
            Ok(Some("614141000012".parse().unwrap()))
        }
    }
}

#[test]
fn a_custom_source_is_asked_once_per_release() {
    let mut ledger = Ledger {
        next: 500,
        calls: vec![],
        short: false,
        fail_upc: false,
    };
    let mut release = draft(4);
    let assigned = release.assign(&mut ledger).unwrap();
    assert_eq!(ledger.calls, [4]);
    assert_eq!(assigned.isrcs[3].isrc.to_string(), "QZAQQ2600503");
    assert_eq!(release.upc.unwrap().to_string(), "614141000012");

    let mut short = Ledger {
        next: 1,
        calls: vec![],
        short: true,
        fail_upc: false,
    };
    let mut release = draft(4);
    let err = release.assign(&mut short).unwrap_err();
    assert_eq!(err.to_string(), "code source returned 3 isrcs, expected 4");
    assert!(release.tracks.iter().all(|t| t.isrc.is_none()));

    let mut failing = Ledger {
        next: 1,
        calls: vec![],
        short: false,
        fail_upc: true,
    };
    let mut release = draft(2);
    let err = release.assign(&mut failing).unwrap_err();
    assert_eq!(err.to_string(), "code source failed: ledger is read-only");
    assert!(
        release.tracks.iter().all(|t| t.isrc.is_none()),
        "nothing applied"
    );
}
