//! PostgreSQL over TLS (`sslmode`, `sslrootcert`), against the test server `.ci/postgres.sh`
//! starts (TLS only, a certificate for 127.0.0.1 and localhost signed by its own CA), and the
//! rule that a location's password never appears in a message, on every error path.
#![cfg(feature = "postgres")]

mod common;

use common::{Target, postgres_url};
use ledger::{Error, Ledger, Location};

/// The test server's URL split into the part before the query and the query's parameters
/// without `sslmode` and `sslrootcert`, with the CA file; `None` (said on stderr) when the
/// server is not the TLS one of `.ci/postgres.sh`.
struct Server {
    base: String,
    ca: String,
    other_ca: String,
}

impl Server {
    fn get(test: &str) -> Option<Self> {
        let url = postgres_url(test)?;
        let (base, query) = url.split_once('?').unwrap_or((&url, ""));
        let ca = query
            .split('&')
            .find_map(|parameter| parameter.strip_prefix("sslrootcert="));
        let other_ca = std::env::var("MUSICID_TEST_POSTGRES_OTHER_CA").ok();
        match (ca, other_ca) {
            (Some(ca), Some(other_ca)) if query.contains("sslmode=verify-full") => Some(Self {
                base: base.to_owned(),
                ca: ca.to_owned(),
                other_ca,
            }),
            _ => {
                eprintln!(
                    "{test}: skipped: the server is not the TLS test server of .ci/postgres.sh \
                     (sslmode=verify-full, sslrootcert, MUSICID_TEST_POSTGRES_OTHER_CA)"
                );
                None
            }
        }
    }

    /// The server's URL with these TLS parameters.
    fn url(&self, parameters: &str) -> String {
        format!("{}?{parameters}", self.base)
    }

    /// The same, the host given as `host` and reached at 127.0.0.1 (`hostaddr`), so that the
    /// name checked against the certificate is `host`.
    fn url_as_host(&self, host: &str, parameters: &str) -> String {
        let (scheme, rest) = self.base.split_once("://").unwrap();
        let (user, rest) = rest.split_once('@').unwrap();
        let (_, port_and_database) = rest.split_once(':').unwrap();
        format!("{scheme}://{user}@{host}:{port_and_database}?hostaddr=127.0.0.1&{parameters}")
    }
}

/// Opening `url` fails with [`Error::Unreachable`] whose message contains `part`.
#[track_caller]
fn refused(url: &str, part: &str) -> Error {
    let error = Ledger::open(url).unwrap_err();
    assert!(matches!(error, Error::Unreachable { .. }), "{error:?}");
    assert!(error.to_string().contains(part), "{error}");
    error
}

#[test]
fn the_suite_reaches_the_server_over_tls_verified_in_full() {
    let Some(target) = Target::postgres("tls_in_use") else {
        return;
    };
    if Server::get("tls_in_use").is_none() {
        return;
    }
    let Location::Postgres(url) = target.location() else {
        unreachable!("a postgres target");
    };
    let mut ledger = target.open();
    ledger
        .issue(
            &ledger::IsrcPool::parse("QZAQQ", "26").unwrap(),
            1,
            common::at(0),
            None,
        )
        .unwrap();
    // A connection made the way the ledger makes its own says it is encrypted.
    let mut client = ledger::testing::postgres_client(&url).unwrap();
    let row = client
        .query_one(
            "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap();
    assert!(row.get::<_, bool>(0));
    eprintln!("tls: {}", row.get::<_, String>(1));
}

#[test]
fn each_sslmode_does_what_libpq_does() {
    let Some(server) = Server::get("sslmodes") else {
        return;
    };
    let ca = &server.ca;
    let other = &server.other_ca;
    // The server takes TCP connections with TLS only.
    refused(&server.url("sslmode=disable"), "no encryption");
    // Encrypted without checking the certificate: prefer (the default) and require.
    for parameters in ["", "sslmode=prefer", "sslmode=require"] {
        Ledger::open(server.url(parameters)).unwrap();
    }
    // The right CA: verify-ca and verify-full, and require given a CA (libpq checks it then).
    for mode in ["verify-ca", "verify-full", "require"] {
        Ledger::open(server.url(&format!("sslmode={mode}&sslrootcert={ca}"))).unwrap();
    }
    // A CA that did not sign the server's certificate is refused by every checking mode.
    for mode in ["verify-ca", "verify-full", "require"] {
        refused(
            &server.url(&format!("sslmode={mode}&sslrootcert={other}")),
            "invalid peer certificate: UnknownIssuer",
        );
    }
    // A host the certificate does not name: verify-full refuses, verify-ca does not look.
    let elsewhere = |mode: &str| {
        server.url_as_host(
            "ledger.example.invalid",
            &format!("sslmode={mode}&sslrootcert={ca}"),
        )
    };
    refused(
        &elsewhere("verify-full"),
        "invalid peer certificate: certificate not valid for name \"ledger.example.invalid\"",
    );
    Ledger::open(elsewhere("verify-ca")).unwrap();
    // The name it does carry besides the address.
    Ledger::open(server.url_as_host(
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    ))
    .unwrap();
}

#[test]
fn a_checking_mode_without_a_usable_ca_file_is_an_invalid_location() {
    let Some(server) = Server::get("ca_files") else {
        return;
    };
    let directory = tempfile::tempdir().unwrap();
    let missing = directory.path().join("missing.crt");
    let error = Ledger::open(server.url(&format!(
        "sslmode=verify-full&sslrootcert={}",
        missing.display()
    )))
    .unwrap_err();
    assert!(matches!(error, Error::InvalidLocation { .. }), "{error:?}");
    assert!(
        error.to_string().ends_with(&format!(
            ": sslrootcert {}: No such file or directory (os error 2)",
            missing.display()
        )),
        "{error}"
    );
}

/// Every error that names a PostgreSQL location, reached with a password in the URL (in the
/// user-info and as a `password=` parameter): the message and the debug form show `***`.
#[test]
fn a_password_never_appears_in_any_error() {
    let Some(server) = Server::get("password_hidden") else {
        return;
    };
    let Some(target) = Target::postgres("password_hidden") else {
        return;
    };
    let Location::Postgres(url) = target.location() else {
        unreachable!("a postgres target");
    };
    let secret = "Tr0ub4dor-and-3";
    let with_password = |url: &str, user: &str| {
        let (scheme, rest) = url.split_once("://").unwrap();
        let (_, host) = rest.split_once('@').unwrap();
        format!("{scheme}://{user}:{secret}@{host}")
    };
    let (_, base_user) = url.split_once("://").unwrap();
    let user = base_user.split('@').next().unwrap();
    let password_url = with_password(&url, user);
    let mut errors: Vec<(&str, Error)> = Vec::new();

    // The server trusts this user whatever the password: the ledger opens and refuses as usual.
    errors.push((
        "not found",
        Ledger::open_existing(password_url.as_str()).unwrap_err(),
    ));
    drop(Ledger::create(password_url.as_str()).unwrap());
    errors.push((
        "already exists",
        Ledger::create(password_url.as_str()).unwrap_err(),
    ));
    common::postgres_execute(
        &target.location(),
        "DROP VIEW ledger_records; DROP TABLE ledger_requests; DROP TABLE ledger_codes;
        DROP TABLE ledger_pools; DROP TABLE ledger_meta; CREATE TABLE ledger_codes (id INTEGER);",
    );
    errors.push((
        "not a ledger",
        Ledger::open(password_url.as_str()).unwrap_err(),
    ));
    // The role that must give a password, given a wrong one.
    let password_user =
        std::env::var("MUSICID_TEST_POSTGRES_PASSWORD_USER").unwrap_or_else(|_| "nobody".into());
    errors.push((
        "authentication",
        Ledger::open(with_password(&url, &password_user)).unwrap_err(),
    ));
    // TLS refused, a wrong CA, an unreadable CA file, a bad sslmode, a bad port, no server.
    let tls = |parameters: &str| with_password(&server.url(parameters), user);
    errors.push(("no tls", Ledger::open(tls("sslmode=disable")).unwrap_err()));
    errors.push((
        "wrong ca",
        Ledger::open(tls(&format!(
            "sslmode=verify-full&sslrootcert={}",
            server.other_ca
        )))
        .unwrap_err(),
    ));
    errors.push((
        "missing ca",
        Ledger::open(tls("sslmode=verify-full&sslrootcert=/nonexistent/ca.crt")).unwrap_err(),
    ));
    errors.push((
        "bad sslmode",
        Ledger::open(tls("sslmode=allow")).unwrap_err(),
    ));
    errors.push((
        "password parameter",
        Ledger::open(format!("{}?password={secret}&sslmode=disable", server.base)).unwrap_err(),
    ));
    errors.push((
        "bad port",
        Ledger::open(format!("postgres://u:{secret}@127.0.0.1:notaport/db")).unwrap_err(),
    ));
    errors.push((
        "no server",
        Ledger::open(format!(
            "postgres://u:{secret}@127.0.0.1:1/db?connect_timeout=2"
        ))
        .unwrap_err(),
    ));
    for (what, error) in &errors {
        let shown = error.to_string();
        let debug = format!("{error:?}");
        assert!(!shown.contains(secret), "{what}: {shown}");
        assert!(!debug.contains(secret), "{what}: {debug}");
        assert!(
            shown.contains("***"),
            "{what}: the location is named: {shown}"
        );
        eprintln!("{what}: {shown}");
    }
    assert!(
        errors[3]
            .1
            .to_string()
            .contains("password authentication failed"),
        "{}",
        errors[3].1
    );
    // A ledger shows its location the same way.
    let ledger = Ledger::open(with_password(
        &server.url(&format!("sslrootcert={}", server.ca)),
        user,
    ));
    if let Ok(ledger) = ledger {
        assert!(!format!("{ledger:?} {}", ledger.location()).contains(secret));
    }
}
