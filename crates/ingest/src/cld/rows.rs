//! Reading a CLD submission file into typed events, one per row.
//!
//! Private columns (NHS number, names, date of birth, postcode, GP practice)
//! are never copied: the date of birth is read for its year only, and an error
//! about a private column never shows its value.

use std::collections::BTreeMap;
use std::path::Path;

use continuum_domain::{
    ClientType, Date, Delivery, Gender, LocationId, PersonId, PrimarySupportReason, ReviewKind,
    Route, ServiceType, Specialism,
};
use csv::{ByteRecord, StringRecord};

use super::columns::{Col, KNOWN, Known, READ, lookup};
use super::row::CldRow;
use super::values::Outcome;
use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};

/// What a row says about its person.
#[derive(Debug, Clone)]
pub(crate) struct Details {
    pub birth_year: Option<i32>,
    pub sex: Gender,
    pub ethnicity: Option<String>,
    pub client_type: ClientType,
    pub psr: Option<PrimarySupportReason>,
    pub has_carer: Option<bool>,
    pub death: Option<Date>,
    pub linked: Vec<PersonId>,
    pub needs: Vec<Specialism>,
}

/// The service-only fields of a row.
#[derive(Debug, Clone)]
pub(crate) struct Service {
    pub service_type: ServiceType,
    pub location: Option<LocationId>,
    pub delivery: Delivery,
    pub weekly_cost: Option<f64>,
    pub hours_per_week: Option<f64>,
    pub one_off: bool,
}

/// The kind of event, with its own fields.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Request(Route),
    Assessment,
    Service(Service),
    Review(ReviewKind),
}

/// One row: one event of one person.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub line: u64,
    pub person: PersonId,
    pub details: Details,
    pub kind: Kind,
    pub reference: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    pub outcome: Option<Outcome>,
}

/// Values read with a default instead of an error, counted for one warning
/// each (never one per row): `(column, what happened) → (rows, first line)`.
#[derive(Debug, Default)]
pub(crate) struct Tally(BTreeMap<(&'static str, String), (usize, u64)>);

impl Tally {
    pub(crate) fn add(&mut self, column: &'static str, what: String, line: u64) {
        let e = self.0.entry((column, what)).or_insert((0, line));
        e.0 += 1;
    }

    /// One warning per kind of problem.
    pub(crate) fn warnings(self, path: &Path) -> Vec<Warning> {
        let rows = |n: usize| {
            if n == 1 {
                "1 row".to_string()
            } else {
                format!("{n} rows")
            }
        };
        self.0
            .into_iter()
            .map(|((column, what), (n, line))| Warning {
                file: path.to_path_buf(),
                at: Position::Line(line),
                message: format!("column '{column}': {}: {what} (first here)", rows(n)),
            })
            .collect()
    }
}

/// Reads every row of the file.
pub(crate) fn read_events(path: &Path) -> Result<(Vec<Event>, Tally, Vec<Warning>), IngestErrors> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::io(path, &e))?;
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(file);
    let (index, private, warnings) = header(&mut rdr, path)?;
    let mut errors = IngestErrors::new();
    let mut tally = Tally::default();
    let mut events = Vec::new();
    let mut buf = ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut buf) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                errors.push(record_error(path, &e));
                if matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    continue;
                }
                break;
            }
        }
        let line = buf.position().map_or(0, csv::Position::line);
        buf = match StringRecord::from_byte_record(buf) {
            Ok(rec) => {
                let row = CldRow {
                    rec: &rec,
                    index: &index,
                    path,
                    line,
                };
                match row.event(&mut tally) {
                    Ok(ev) => events.push(ev),
                    Err(e) => errors.push(e),
                }
                rec.into_byte_record()
            }
            Err(e) => {
                let field = e.utf8_error().field();
                errors.push(not_utf8(path, line, &private, field));
                e.into_byte_record()
            }
        };
        if errors.truncated {
            break;
        }
    }
    errors.into_result((events, tally, warnings))
}

type Header = (
    [Option<usize>; READ],
    Vec<Option<&'static Known>>,
    Vec<Warning>,
);

/// Resolves the header; a required column missing is an error.
fn header<R: std::io::Read>(rdr: &mut csv::Reader<R>, path: &Path) -> Result<Header, IngestErrors> {
    let names = rdr.headers().map_err(|e| record_error(path, &e))?.clone();
    let mut index = [None; READ];
    let mut fields = Vec::with_capacity(names.len());
    let mut warnings = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let known = lookup(name);
        match known {
            Some(k) if k.col != Col::Ignored => index[k.col as usize] = Some(i),
            Some(_) => {}
            None => warnings.push(Warning {
                file: path.to_path_buf(),
                at: Position::Line(1),
                message: format!("unknown column '{name}' is ignored (not a CLD field)"),
            }),
        }
        fields.push(known);
    }
    let mut errors = IngestErrors::new();
    for k in KNOWN
        .iter()
        .filter(|k| k.required && index[k.col as usize].is_none())
    {
        errors.push(IngestError {
            kind: ErrorKind::MissingColumn,
            file: path.to_path_buf(),
            at: Position::Line(1),
            column: Some(k.name.to_string()),
            value: None,
            message: format!(
                "expected a column '{}' (or '{}') in the header; it is required",
                k.name,
                k.name.replace(' ', "_")
            ),
        });
    }
    errors.into_result((index, fields, warnings))
}

fn record_error(path: &Path, e: &csv::Error) -> IngestError {
    let at = e
        .position()
        .map_or(Position::File, |p| Position::Line(p.line()));
    let (kind, message) = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            // A short record is most often a file cut off; either way the
            // values are not shown, as they may be personal.
            if len < expected_len {
                ErrorKind::Truncated
            } else {
                ErrorKind::BadStructure
            },
            format!("expected {expected_len} fields, as in the header, but the record has {len}"),
        ),
        csv::ErrorKind::Io(io) => return IngestError::io(path, io).at(at),
        _ => (
            ErrorKind::BadStructure,
            format!("the CSV cannot be read: {e}"),
        ),
    };
    IngestError::file(kind, path, message).at(at)
}

/// A cell that is not UTF-8; the value is never shown (it may be personal).
fn not_utf8(
    path: &Path,
    line: u64,
    fields: &[Option<&'static Known>],
    field: usize,
) -> IngestError {
    let column = fields
        .get(field)
        .copied()
        .flatten()
        .map_or_else(|| format!("field {}", field + 1), |k| k.name.to_string());
    IngestError {
        kind: ErrorKind::NotUtf8,
        file: path.to_path_buf(),
        at: Position::Line(line),
        column: Some(column),
        value: None,
        message: "expected UTF-8 text (save the file as UTF-8)".to_string(),
    }
}
