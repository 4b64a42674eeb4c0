//! CSV export of everything a ledger records.

use std::io;

use release_model::Utc;

use crate::time::to_unix_seconds;
use crate::{Error, Record};

/// The export's columns, in order.
pub const CSV_HEADER: [&str; 5] = ["kind", "code", "issued_at", "reference", "origin"];

/// Writes records as CSV rows under [`CSV_HEADER`]: the time as RFC 3339 UTC
/// (`2026-03-01T12:00:00Z`), no reference as an empty field.
pub(crate) struct CsvExport<W: io::Write> {
    writer: csv::Writer<W>,
    rows: u64,
    /// Buffers reused from row to row: the export streams without an allocation per row.
    code: String,
    time: String,
}

impl<W: io::Write> CsvExport<W> {
    pub(crate) fn new(writer: W) -> Result<Self, Error> {
        let mut writer = csv::Writer::from_writer(writer);
        writer.write_record(CSV_HEADER).map_err(write_error)?;
        Ok(Self {
            writer,
            rows: 0,
            code: String::with_capacity(14),
            time: String::with_capacity(20),
        })
    }

    pub(crate) fn write(&mut self, record: &Record) -> Result<(), Error> {
        use core::fmt::Write as _;
        self.code.clear();
        self.time.clear();
        // Writing to a String cannot fail.
        let _ = write!(self.code, "{}", record.code);
        let _ = write!(
            self.time,
            "{}",
            Utc::from_unix_seconds(to_unix_seconds(record.issued_at)?)
                .map_err(|_| Error::TimeOutOfRange)?
        );
        self.writer
            .write_record([
                record.code.kind().as_str(),
                self.code.as_str(),
                self.time.as_str(),
                record.reference.as_deref().unwrap_or(""),
                record.origin.as_str(),
            ])
            .map_err(write_error)?;
        self.rows += 1;
        Ok(())
    }

    /// Flushes and returns the number of rows written (header not counted).
    pub(crate) fn finish(mut self) -> Result<u64, Error> {
        self.writer
            .flush()
            .map_err(|source| Error::Write { source })?;
        Ok(self.rows)
    }
}

fn write_error(error: csv::Error) -> Error {
    Error::Write {
        source: io::Error::from(error),
    }
}
