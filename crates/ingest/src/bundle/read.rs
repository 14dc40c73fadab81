//! Reading one bundle CSV file: the header, the records and the cells.
//!
//! Speed is the point here, since the national bundle is about ten million
//! rows. One [`csv::ByteRecord`] buffer is reused for the whole file; each
//! record is checked for UTF-8 in one pass (a fast ASCII check, as a
//! [`csv::StringRecord`] over the same buffer), the header is looked up once
//! into a column → field index table, and each cell is borrowed as `&str` and
//! parsed straight into a domain type. Nothing allocates per cell except owned
//! text and lists.
//!
//! Errors are collected per file, at most [`IngestErrors::LIMIT`], then merged.

use std::fs::File;
use std::path::Path;

use csv::{ByteRecord, StringRecord};

pub(crate) use super::row::{Parsed, Row};
use crate::{ErrorKind, IngestError, Position, Warning};

/// A required column: it must be in the header.
pub(crate) const REQ: bool = true;
/// An optional column: it may be left out, and its cells are then empty.
pub(crate) const OPT: bool = false;

/// One column of a bundle file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The name, as the header writes it.
    pub name: &'static str,
    /// Whether the header must have it.
    pub required: bool,
}

/// A bundle file: its name and its columns, in the order the spec lists them
/// (and the writer writes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSpec {
    /// The file name, such as `people.csv`.
    pub file: &'static str,
    /// The columns in the spec's order.
    pub columns: &'static [Column],
}

/// Declares a bundle file: a module holding `C`, an enum naming each column
/// (its discriminant is the column's place in the spec), and `SPEC`.
macro_rules! bundle_file {
    ($m:ident = $file:literal { $($col:ident: $req:ident),+ $(,)? }) => {
        #[doc = concat!("The columns of `", $file, "`.")]
        pub(crate) mod $m {
            /// A column, named as in the header.
            #[derive(Debug, Clone, Copy)]
            #[expect(non_camel_case_types, reason = "the variants are the column names")]
            pub(crate) enum C { $($col),+ }

            impl From<C> for usize {
                fn from(c: C) -> usize {
                    c as usize
                }
            }

            /// The file and its columns.
            pub(crate) const SPEC: $crate::bundle::read::FileSpec =
                $crate::bundle::read::FileSpec {
                    file: $file,
                    columns: &[$($crate::bundle::read::Column {
                        name: stringify!($col),
                        required: $crate::bundle::read::$req,
                    }),+],
                };
        }
    };
}
pub(crate) use bundle_file;

/// Reads one bundle file. A missing optional file gives an empty table.
pub(crate) fn read_file<T>(
    path: &Path,
    spec: &FileSpec,
    must_exist: bool,
    parse: impl Fn(&Row<'_>) -> Result<T, IngestError>,
) -> Parsed<T> {
    let mut out = Parsed {
        path: path.to_path_buf(),
        ..Parsed::default()
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => return out,
        Err(e) => {
            out.errors.push(IngestError::io(path, &e));
            return out;
        }
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .buffer_capacity(1 << 18)
        .from_reader(file);
    let Some(index) = read_header(&mut rdr, spec, &mut out) else {
        return out;
    };
    read_records(&mut rdr, spec, &index, &parse, &mut out);
    out
}

/// Resolves the header into a column → field index table, or reports why not.
fn read_header<R: std::io::Read, T>(
    rdr: &mut csv::Reader<R>,
    spec: &FileSpec,
    out: &mut Parsed<T>,
) -> Option<Vec<Option<usize>>> {
    let header = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            out.errors.push(csv_error(&out.path, &e));
            return None;
        }
    };
    let mut index = vec![None; spec.columns.len()];
    for (field, bytes) in header.iter().enumerate() {
        let Ok(name) = std::str::from_utf8(bytes) else {
            out.errors.push(header_error(
                &out.path,
                ErrorKind::NotUtf8,
                &String::from_utf8_lossy(bytes),
                "expected a UTF-8 column name (save the file as UTF-8)",
            ));
            continue;
        };
        let name = name.trim();
        match spec.columns.iter().position(|c| c.name == name) {
            Some(c) if index[c].is_some() => out.errors.push(header_error(
                &out.path,
                ErrorKind::BadStructure,
                name,
                "expected each column once; this one appears twice",
            )),
            Some(c) => index[c] = Some(field),
            None => out.warnings.push(Warning {
                file: out.path.clone(),
                at: Position::Line(1),
                message: format!(
                    "unknown column '{name}' is ignored; the columns of {} are: {}",
                    spec.file,
                    column_names(spec)
                ),
            }),
        }
    }
    missing_columns(spec, &index, out);
    out.errors.is_empty().then_some(index)
}

/// Reports each required column the header lacks.
fn missing_columns<T>(spec: &FileSpec, index: &[Option<usize>], out: &mut Parsed<T>) {
    for (c, col) in spec.columns.iter().enumerate() {
        if col.required && index[c].is_none() {
            out.errors.push(IngestError {
                kind: ErrorKind::MissingColumn,
                file: out.path.clone(),
                at: Position::Line(1),
                column: Some(col.name.to_string()),
                value: None,
                message: format!(
                    "expected a column named '{}' in the header; it is required",
                    col.name
                ),
            });
        }
    }
}

/// Reads every record after the header into one reused buffer, checks it for
/// UTF-8 in one pass and hands it to `parse` as a [`Row`].
fn read_records<R: std::io::Read, T>(
    rdr: &mut csv::Reader<R>,
    spec: &FileSpec,
    index: &[Option<usize>],
    parse: &impl Fn(&Row<'_>) -> Result<T, IngestError>,
    out: &mut Parsed<T>,
) {
    let header = rdr.byte_headers().cloned().unwrap_or_default();
    let mut buf = ByteRecord::new();
    // A short record is an error; whether it is a cut-off end of file is known
    // only once we see whether another record follows.
    let mut short: Option<Short> = None;
    loop {
        match rdr.read_byte_record(&mut buf) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                if let csv::ErrorKind::UnequalLengths { expected_len, .. } = e.kind() {
                    flush_short(&mut short, false, out);
                    short = Some(Short::of(&buf, &header, *expected_len));
                    continue;
                }
                out.errors.push(csv_error(&out.path, &e));
                break;
            }
        }
        flush_short(&mut short, false, out);
        buf = parse_record(buf, &header, index, spec, parse, out);
        if out.errors.truncated {
            return;
        }
    }
    flush_short(&mut short, true, out);
}

/// Checks one record for UTF-8 and parses it; gives the buffer back.
fn parse_record<T>(
    buf: ByteRecord,
    header: &ByteRecord,
    index: &[Option<usize>],
    spec: &FileSpec,
    parse: &impl Fn(&Row<'_>) -> Result<T, IngestError>,
    out: &mut Parsed<T>,
) -> ByteRecord {
    let line = buf.position().map_or(0, csv::Position::line);
    match StringRecord::from_byte_record(buf) {
        Ok(rec) => {
            let row = Row {
                rec: &rec,
                index,
                spec,
                path: &out.path,
                line,
            };
            match parse(&row) {
                Ok(v) => {
                    out.lines.record(out.rows.len(), line);
                    out.rows.push(v);
                }
                Err(e) => out.errors.push(e),
            }
            rec.into_byte_record()
        }
        Err(e) => {
            let field = e.utf8_error().field();
            let rec = e.into_byte_record();
            out.errors
                .push(not_utf8(&out.path, line, header, &rec, field));
            rec
        }
    }
}

/// The error for a cell that is not UTF-8, naming its line and column.
fn not_utf8(
    path: &Path,
    line: u64,
    header: &ByteRecord,
    rec: &ByteRecord,
    field: usize,
) -> IngestError {
    let bytes = rec.get(field).unwrap_or_default();
    let at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let byte = bytes.get(at).copied().unwrap_or_default();
    let column = header
        .get(field)
        .map_or_else(|| format!("field {}", field + 1), lossy);
    IngestError {
        kind: ErrorKind::NotUtf8,
        file: path.to_path_buf(),
        at: Position::Line(line),
        column: Some(column),
        value: Some(lossy(bytes)),
        message: format!(
            "expected UTF-8 text; byte 0x{byte:02X} at position {} of the cell is not UTF-8 \
             (save the file as UTF-8)",
            at + 1
        ),
    }
}

/// A record whose field count differs from the header's.
#[derive(Debug)]
struct Short {
    line: u64,
    expected: u64,
    len: u64,
    /// The last column the record reaches, and its (possibly cut) value.
    last: Option<(String, String)>,
}

impl Short {
    fn of(rec: &ByteRecord, header: &ByteRecord, expected: u64) -> Self {
        let last = rec.len().checked_sub(1).map(|i| {
            let name = header
                .get(i)
                .map_or_else(|| format!("field {}", i + 1), lossy);
            (name, rec.get(i).map(lossy).unwrap_or_default())
        });
        Self {
            line: rec.position().map_or(0, csv::Position::line),
            expected,
            len: rec.len() as u64,
            last,
        }
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Reports a short (or long) record.
fn flush_short<T>(short: &mut Option<Short>, at_end: bool, out: &mut Parsed<T>) {
    let Some(Short {
        line,
        expected,
        len,
        last,
    }) = short.take()
    else {
        return;
    };
    let (kind, message) = if at_end && len < expected {
        (
            ErrorKind::Truncated,
            format!(
                "expected {expected} fields, as in the header, but the file ends after {len}: \
                 the last record is cut short (was the file truncated?)"
            ),
        )
    } else {
        (
            ErrorKind::BadStructure,
            format!("expected {expected} fields, as in the header, but the record has {len}"),
        )
    };
    let (column, value) = last.unzip();
    out.errors.push(IngestError {
        kind,
        file: out.path.clone(),
        at: Position::Line(line),
        column,
        value,
        message,
    });
}

fn header_error(path: &Path, kind: ErrorKind, name: &str, message: &str) -> IngestError {
    IngestError {
        kind,
        file: path.to_path_buf(),
        at: Position::Line(1),
        column: Some(name.to_string()),
        value: None,
        message: message.to_string(),
    }
}

/// A CSV-level error (I/O, or a header that cannot be read).
fn csv_error(path: &Path, e: &csv::Error) -> IngestError {
    let at = e
        .position()
        .map_or(Position::File, |p| Position::Line(p.line()));
    let (kind, message) = match e.kind() {
        csv::ErrorKind::Io(io) => return IngestError::io(path, io).at(at),
        csv::ErrorKind::Utf8 { .. } => (ErrorKind::NotUtf8, "expected UTF-8 text".to_string()),
        _ => (
            ErrorKind::BadStructure,
            format!("the CSV cannot be read: {e}"),
        ),
    };
    IngestError::file(kind, path, message).at(at)
}

/// The column names of a file, for messages.
pub(crate) fn column_names(spec: &FileSpec) -> String {
    spec.columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}
