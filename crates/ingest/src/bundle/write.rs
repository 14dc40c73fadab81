//! Writing one bundle CSV file, deterministically.
//!
//! The same rows always give the same bytes: columns in the spec's order, rows
//! in the order given, `\n` line ends, quotes only where CSV needs them, dates
//! `YYYY-MM-DD`, flags `Y`/`N`, lists joined with `;`, numbers in Rust's
//! shortest round-trip form (`0.1`, `12`, `1234.5`) and `None` as an empty cell.
//! A file is written to a temporary name and renamed into place, so a reader
//! never sees half a file.

use std::fmt::{Display, Write as _};
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use chrono::Datelike;
use continuum_domain::Date;
use csv::ByteRecord;

use super::read::FileSpec;
use crate::{ErrorKind, IngestError};

/// The cells of one row being written.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    rec: ByteRecord,
    scratch: String,
}

impl Fields {
    /// Text as it is.
    pub(crate) fn str(&mut self, s: &str) -> &mut Self {
        self.rec.push_field(s.as_bytes());
        self
    }

    /// Text, or an empty cell.
    pub(crate) fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        self.str(s.unwrap_or_default())
    }

    /// Anything written with `Display`: IDs, vocabulary words, numbers.
    pub(crate) fn val(&mut self, v: impl Display) -> &mut Self {
        self.scratch.clear();
        // Writing to a String cannot fail.
        let _ = write!(self.scratch, "{v}");
        self.rec.push_field(self.scratch.as_bytes());
        self
    }

    /// A value, or an empty cell.
    pub(crate) fn opt<T: Display>(&mut self, v: Option<T>) -> &mut Self {
        match v {
            Some(v) => self.val(v),
            None => self.str(""),
        }
    }

    /// A date, `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, d: Date) -> &mut Self {
        self.scratch.clear();
        let _ = write!(
            self.scratch,
            "{:04}-{:02}-{:02}",
            d.year(),
            d.month(),
            d.day()
        );
        self.rec.push_field(self.scratch.as_bytes());
        self
    }

    /// A date, or an empty cell.
    pub(crate) fn opt_date(&mut self, d: Option<Date>) -> &mut Self {
        match d {
            Some(d) => self.date(d),
            None => self.str(""),
        }
    }

    /// `Y` or `N`.
    pub(crate) fn yn(&mut self, b: bool) -> &mut Self {
        self.str(if b { "Y" } else { "N" })
    }

    /// `Y`, `N` or an empty cell.
    pub(crate) fn opt_yn(&mut self, b: Option<bool>) -> &mut Self {
        match b {
            Some(b) => self.yn(b),
            None => self.str(""),
        }
    }

    /// A `;`-separated list.
    pub(crate) fn list<T: Display>(&mut self, items: &[T]) -> &mut Self {
        self.scratch.clear();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.scratch.push(';');
            }
            let _ = write!(self.scratch, "{item}");
        }
        self.rec.push_field(self.scratch.as_bytes());
        self
    }
}

/// Writes one file, or removes a stale one when there are no rows and the file
/// is optional (so the folder reads back as exactly these rows).
pub(crate) fn write_file<T>(
    dir: &Path,
    spec: &FileSpec,
    rows: &[T],
    always: bool,
    mut write_row: impl FnMut(&mut Fields, &T),
) -> Result<(), IngestError> {
    let path = dir.join(spec.file);
    if rows.is_empty() && !always {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(IngestError::io(&path, &e)),
            _ => Ok(()),
        };
    }
    let tmp = dir.join(format!(".{}.tmp", spec.file));
    let file = File::create(&tmp).map_err(|e| IngestError::io(&tmp, &e))?;
    let mut wtr = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BufWriter::with_capacity(1 << 18, file));
    let fail = |e: csv::Error| write_error(&tmp, &e);
    wtr.write_record(spec.columns.iter().map(|c| c.name))
        .map_err(fail)?;
    let mut fields = Fields::default();
    for row in rows {
        fields.rec.clear();
        write_row(&mut fields, row);
        debug_assert_eq!(fields.rec.len(), spec.columns.len(), "{}", spec.file);
        wtr.write_byte_record(&fields.rec).map_err(fail)?;
    }
    let buf = wtr
        .into_inner()
        .map_err(|e| IngestError::io(&tmp, e.error()))?;
    drop(
        buf.into_inner()
            .map_err(|e| IngestError::io(&tmp, e.error()))?,
    );
    std::fs::rename(&tmp, &path).map_err(|e| IngestError::io(&path, &e))
}

fn write_error(path: &Path, e: &csv::Error) -> IngestError {
    match e.kind() {
        csv::ErrorKind::Io(io) => IngestError::io(path, io),
        _ => IngestError::file(
            ErrorKind::Io,
            path,
            format!("the file cannot be written: {e}"),
        ),
    }
}
