//! The shared backend: a PostgreSQL database that many workers and machines issue from.

mod recording;
mod schema;
mod tls;
mod txn;

use std::str::FromStr as _;
use std::time::Duration;

use postgres::{Client, Config, IsolationLevel};

use crate::backend::{Backend, Mode, Txn};
use crate::{Error, Location, NotALedgerReason, OpenMode, SCHEMA_VERSION};

use schema::{APPLICATION, MIGRATION_LOCK, MIGRATIONS};
pub(crate) use txn::Statements;

/// How long connecting may take when the URL does not say (`connect_timeout`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) struct Postgres {
    client: Client,
    statements: Statements,
}

/// What the database holds under the ledger's table names.
enum Contents {
    Blank,
    Ledger { version: u32 },
    Foreign(NotALedgerReason),
}

impl Postgres {
    /// Connects, checks what the database holds, and creates or migrates the tables as `mode`
    /// allows, all in one transaction that writes nothing when it refuses.
    pub(crate) fn open(url: &str, location: &Location, mode: OpenMode) -> Result<Self, Error> {
        let shown = location.to_string();
        let mut client = connect(url, &shown)?;

        let mut transaction = read_committed(&mut client)?;
        transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        let version = match contents(&mut transaction)? {
            Contents::Foreign(reason) => {
                return Err(Error::NotALedger {
                    location: shown,
                    reason,
                });
            }
            Contents::Ledger { version } if version > SCHEMA_VERSION => {
                return Err(Error::NewerSchema {
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            Contents::Ledger { .. } if mode == OpenMode::Create => {
                return Err(Error::AlreadyExists { location: shown });
            }
            Contents::Blank if mode == OpenMode::Existing => {
                return Err(Error::NotFound {
                    location: shown,
                    what: "the ledger tables",
                });
            }
            Contents::Blank => 0,
            Contents::Ledger { version } => version,
        };
        if version < SCHEMA_VERSION {
            for step in &MIGRATIONS[version as usize..] {
                transaction.batch_execute(step)?;
            }
            transaction.execute(
                "UPDATE ledger_meta SET value = $1 WHERE name = 'schema_version'",
                &[&SCHEMA_VERSION.to_string()],
            )?;
        }
        transaction.commit()?;
        let statements = Statements::prepare(&mut client)?;
        Ok(Self { client, statements })
    }
}

/// Connects as the URL says, TLS included (`sslmode`, `sslrootcert`: see `tls.rs`); `shown` is
/// the location for messages (password hidden).
pub(crate) fn connect(url: &str, shown: &str) -> Result<Client, Error> {
    let invalid = |detail: String| Error::InvalidLocation {
        location: shown.to_owned(),
        detail,
    };
    let (client_url, tls) = tls::split_settings(url).map_err(invalid)?;
    let mut config = Config::from_str(&client_url).map_err(|error| invalid(with_causes(&error)))?;
    config.ssl_mode(tls::client_mode(tls.mode));
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    let connector = tls::connector(&tls).map_err(invalid)?;
    config
        .connect(connector)
        .map_err(|error| Error::Unreachable {
            location: shown.to_owned(),
            detail: with_causes(&error),
        })
}

/// A transaction at READ COMMITTED whatever the server's `default_transaction_isolation`:
/// writers wait for each other's locks and then each statement reads what the last one
/// committed (a pool created meanwhile, a moved high-water mark). At REPEATABLE READ or
/// SERIALIZABLE they would read their first snapshot, and fail where they must wait.
fn read_committed(client: &mut Client) -> Result<postgres::Transaction<'_>, Error> {
    Ok(client
        .build_transaction()
        .isolation_level(IsolationLevel::ReadCommitted)
        .start()?)
}

/// The error's message followed by its causes' ("error connecting to server: Connection
/// refused (os error 111)"): the client's own message alone rarely says what went wrong.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let message = inner.to_string();
        if !text.ends_with(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        cause = inner.source();
    }
    text
}

/// Reads what the database holds under the ledger's names (reads only).
fn contents(transaction: &mut postgres::Transaction<'_>) -> Result<Contents, Error> {
    let row = transaction.query_one(
        "SELECT to_regclass('ledger_meta')::text, to_regclass('ledger_pools')::text,
                to_regclass('ledger_codes')::text",
        &[],
    )?;
    let meta: Option<String> = row.get(0);
    let pools: Option<String> = row.get(1);
    let codes: Option<String> = row.get(2);
    let Some(meta) = meta else {
        return Ok(match pools.or(codes) {
            Some(table) => Contents::Foreign(NotALedgerReason::ForeignTable(table)),
            None => Contents::Blank,
        });
    };
    let foreign = || Contents::Foreign(NotALedgerReason::ForeignTable(meta.clone()));
    // A table of another application may lack these columns: ask inside a savepoint so that
    // the failed query does not end the transaction.
    let mut probe = transaction.savepoint("ledger_probe")?;
    let rows = match probe.query(
        "SELECT name::text, value::text FROM ledger_meta
         WHERE name IN ('application', 'schema_version')",
        &[],
    ) {
        Ok(rows) => rows,
        // The server read the query and found the table is not shaped like ours (class 42:
        // no such column, a type that does not compare). Anything else — the session ended,
        // the server went away — is not an answer about the table.
        Err(error)
            if error
                .code()
                .is_some_and(|code| code.code().starts_with("42")) =>
        {
            return Ok(foreign());
        }
        Err(error) => return Err(error.into()),
    };
    probe.commit()?;
    // Another application's table may hold NULLs there: read them as no value, never panic.
    let value = |name: &str| {
        rows.iter()
            .find(|row| row.get::<_, Option<&str>>(0) == Some(name))
            .and_then(|row| row.get::<_, Option<String>>(1))
    };
    if value("application").as_deref() != Some(APPLICATION) {
        return Ok(foreign());
    }
    match value("schema_version").and_then(|version| version.parse().ok()) {
        Some(version) => Ok(Contents::Ledger { version }),
        None => Ok(foreign()),
    }
}

impl Backend for Postgres {
    fn begin(&mut self, mode: Mode) -> Result<Box<dyn Txn + '_>, Error> {
        let Self { client, statements } = self;
        let transaction = match mode {
            // One snapshot for a whole listing or export.
            Mode::Read => client
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?,
            Mode::Write => read_committed(client)?,
        };
        Ok(Box::new(txn::PgTxn::new(transaction, statements)))
    }

    fn integrity_problems(&mut self) -> Result<Vec<String>, Error> {
        // PostgreSQL checks its own pages (checksums, amcheck are the administrator's tools);
        // a live connection is all this can vouch for.
        self.client.simple_query("SELECT 1")?;
        Ok(Vec::new())
    }
}
