//! PostgreSQL under faults: while 4 processes assign codes to drafts (retry-safe, in pairs
//! that meet on every draft), the server ends their sessions (`pg_terminate_backend`) again and
//! again and is restarted as after a crash (`MUSICID_TEST_POSTGRES_RESTART`, which
//! `.ci/postgres.sh` exports). Every failure a worker sees is a clear error
//! ([`ledger::Error::ConnectionLost`] or, while the server is down, `Unreachable`), its retry
//! continues, and in the end every draft holds exactly one set of codes: none missing, none
//! twice, no gap. The server runs with `fsync = on` for this test (set and reset here).
//!
//! Alone in its test binary: restarting the server would break the tests running beside it.
#![cfg(feature = "postgres")]

mod common;

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{Target, WORKER, assert_one_set_per_draft, location_argument, postgres_client};
use ledger::{Ledger, Location};

const RESTART_VARIABLE: &str = "MUSICID_TEST_POSTGRES_RESTART";
/// Drafts per pair of workers.
const DRAFTS: u64 = 60;

/// Sets `fsync` on the server for as long as it lives, and back to the configured value after.
struct Fsync(Location);

impl Fsync {
    fn on(location: &Location) -> Self {
        let mut client = postgres_client(location);
        // One statement a call: ALTER SYSTEM refuses to run inside a transaction block.
        client.batch_execute("ALTER SYSTEM SET fsync = on").unwrap();
        client.batch_execute("SELECT pg_reload_conf()").unwrap();
        // The reload reaches the sessions a moment later.
        let fsync_is_on = |client: &mut postgres::Client| {
            client
                .query_one("SHOW fsync", &[])
                .unwrap()
                .get::<_, String>(0)
                == "on"
        };
        let mut tries = 0;
        while !fsync_is_on(&mut client) && tries < 100 {
            thread::sleep(Duration::from_millis(20));
            tries += 1;
        }
        assert!(fsync_is_on(&mut client), "fsync stays off");
        Self(location.clone())
    }
}

impl Drop for Fsync {
    fn drop(&mut self) {
        if let Location::Postgres(url) = &self.0
            && let Ok(mut client) = ledger::testing::postgres_client(url)
        {
            let _ = client.batch_execute("ALTER SYSTEM RESET fsync");
            let _ = client.batch_execute("SELECT pg_reload_conf()");
        }
    }
}

/// Ends every session of the test database's user but this one's; returns how many.
fn terminate_sessions(location: &Location) -> i64 {
    let Location::Postgres(url) = location else {
        unreachable!("a postgres target");
    };
    // The server may be restarting: then there is nothing to end.
    let Ok(mut client) = ledger::testing::postgres_client(url) else {
        return 0;
    };
    client
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE usename = current_user AND pid <> pg_backend_pid()
               AND backend_type = 'client backend'",
            &[],
        )
        .map_or(0, |row| row.get(0))
}

fn restart_server(command: &str) {
    let status = Command::new("sh").args(["-c", command]).status().unwrap();
    assert!(status.success(), "{RESTART_VARIABLE} failed: {status}");
}

fn all_done(children: &mut [Child]) -> bool {
    children
        .iter_mut()
        .all(|child| child.try_wait().unwrap().is_some())
}

#[test]
fn issuers_survive_terminated_sessions_and_a_server_restart() {
    let Some(target) = Target::postgres("faults") else {
        return;
    };
    let Ok(restart) = std::env::var(RESTART_VARIABLE) else {
        eprintln!("faults: skipped: {RESTART_VARIABLE} not set (source .ci/postgres.sh)");
        return;
    };
    let location = target.location();
    drop(Ledger::create(location.clone()).unwrap());
    let _fsync = Fsync::on(&location);
    let argument = location_argument(&location);
    let last = |first: u64| (first + DRAFTS - 1).to_string();
    let ranges = [
        (0.to_string(), last(0)),
        (last(0), 0.to_string()),
        (DRAFTS.to_string(), last(DRAFTS)),
        (last(DRAFTS), DRAFTS.to_string()),
    ];
    let mut children: Vec<Child> = ranges
        .iter()
        .map(|(first, last)| {
            Command::new(WORKER)
                .args([argument.as_str(), "drafts", first, last, "retry"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the worker starts")
        })
        .collect();

    // The faults, bounded in number and made early, so that they meet the workers however
    // fast the machine: sessions ended at once, the server restarted next (the workers are
    // still starting or issuing: a restart takes the better part of a second), then sessions
    // ended every 100 ms over up to 20 rounds; then the workers finish undisturbed.
    let started = Instant::now();
    let (mut terminated, mut restarts) = (0, 0);
    for round in 1..=22 {
        if round > 2 && all_done(&mut children) {
            break;
        }
        thread::sleep(Duration::from_millis(if round <= 2 { 20 } else { 100 }));
        if round == 2 {
            restart_server(&restart);
            restarts += 1;
        } else {
            terminated += terminate_sessions(&location);
        }
    }
    let outputs: Vec<(BTreeSet<String>, String)> = children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert!(output.status.success(), "a worker gave up: {stderr}");
            let lines = String::from_utf8(output.stdout)
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect();
            (lines, stderr)
        })
        .collect();

    // Every failure was said clearly, and was one of the faults made here.
    let mut failures = 0;
    for (_, stderr) in &outputs {
        for line in stderr.lines() {
            failures += 1;
            let clear = line.contains(": lost the connection to postgres://")
                || line.contains(": cannot connect to postgres://");
            // No fault may pass for a verdict on the database.
            assert!(!line.contains("is not a ledger"), "{line}");
            assert!(clear, "an unclear failure: {line}");
            assert!(!line.contains("panicked"), "{line}");
        }
    }
    eprintln!(
        "faults: {terminated} sessions ended, {restarts} restart, {failures} failures retried, \
         {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(restarts, 1);
    assert!(
        failures > 0,
        "no worker met a fault: the test tested nothing"
    );

    // Each pair printed the same codes for its drafts; the ledger holds one set per draft.
    assert_eq!(outputs[0].0.len() as u64, DRAFTS);
    assert_eq!(outputs[0].0, outputs[1].0);
    assert_eq!(outputs[2].0, outputs[3].0);
    let printed: BTreeSet<String> = outputs[0].0.union(&outputs[2].0).cloned().collect();
    let mut ledger = Ledger::open_existing(location).unwrap();
    let recorded: BTreeSet<String> = assert_one_set_per_draft(&mut ledger, 2 * DRAFTS)
        .into_iter()
        .collect();
    assert_eq!(recorded, printed);
}
