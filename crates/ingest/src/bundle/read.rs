//! Reading one bundle CSV file: the header, the records and the cells.
//!
//! Speed is the point here, since the national bundle is about ten million
//! rows. One [`csv::ByteRecord`] is reused for the whole file, the header is
//! looked up once into a column → field index table, and each cell is borrowed
//! as `&str` (checked for UTF-8 only when it is read) and parsed straight into a
//! domain type. Nothing allocates per cell except owned text.
//!
//! Errors are collected per file, at most [`IngestErrors::LIMIT`], then merged.

use std::fs::File;
use std::path::{Path, PathBuf};

use continuum_domain::ParseError;
use csv::ByteRecord;

use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};

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

/// Maps a row's index in a parsed table back to its line in the file.
///
/// Most records are one line each, so line = index + 2 (the header is line 1).
/// Only the exceptions (quoted newlines, rows dropped because they failed to
/// parse) are stored, which keeps this tiny for ten million rows.
#[derive(Debug, Default, Clone)]
pub(crate) struct Lines {
    jumps: Vec<(usize, u64)>,
}

impl Lines {
    fn record(&mut self, index: usize, line: u64) {
        if self.line(index) != line {
            self.jumps.push((index, line));
        }
    }

    /// The line (header = 1) of the row at `index`.
    pub(crate) fn line(&self, index: usize) -> u64 {
        let (base_index, base_line) = match self.jumps.partition_point(|&(i, _)| i <= index) {
            0 => (0, 2),
            k => self.jumps[k - 1],
        };
        base_line + (index - base_index) as u64
    }
}

/// One file, read: its rows and what went wrong.
#[derive(Debug)]
pub(crate) struct Parsed<T> {
    pub rows: Vec<T>,
    pub lines: Lines,
    pub path: PathBuf,
    pub errors: IngestErrors,
    pub warnings: Vec<Warning>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            lines: Lines::default(),
            path: PathBuf::new(),
            errors: IngestErrors::new(),
            warnings: Vec::new(),
        }
    }
}

impl<T> Parsed<T> {
    /// The line of the row at `index`.
    pub(crate) fn line(&self, index: usize) -> u64 {
        self.lines.line(index)
    }
}

/// One record, with its columns resolved.
#[derive(Debug)]
pub(crate) struct Row<'r> {
    rec: &'r ByteRecord,
    index: &'r [Option<usize>],
    spec: &'r FileSpec,
    path: &'r Path,
    line: u64,
}

impl<'r> Row<'r> {
    /// The cell as text; empty when the column is not in the file.
    pub(crate) fn str(&self, c: impl Into<usize>) -> Result<&'r str, IngestError> {
        let c = c.into();
        let Some(field) = self.index.get(c).copied().flatten() else {
            return Ok("");
        };
        let bytes = self.rec.get(field).unwrap_or_default();
        std::str::from_utf8(bytes).map_err(|e| self.not_utf8(c, bytes, e))
    }

    /// Parses the cell; an empty cell goes to `f` too (most parsers refuse it).
    pub(crate) fn parse<T>(
        &self,
        c: impl Into<usize> + Copy,
        f: impl FnOnce(&'r str) -> Result<T, ParseError>,
    ) -> Result<T, IngestError> {
        let s = self.str(c)?;
        f(s).map_err(|e| self.bad(c.into(), s, e.expected))
    }

    /// Parses the cell; empty means `None`.
    pub(crate) fn opt<T>(
        &self,
        c: impl Into<usize> + Copy,
        f: impl FnOnce(&'r str) -> Result<T, ParseError>,
    ) -> Result<Option<T>, IngestError> {
        let s = self.str(c)?;
        if s.is_empty() {
            return Ok(None);
        }
        f(s).map(Some)
            .map_err(|e| self.bad(c.into(), s, e.expected))
    }

    /// Parses the cell; empty means `default`.
    pub(crate) fn or<T>(
        &self,
        c: impl Into<usize> + Copy,
        default: T,
        f: impl FnOnce(&'r str) -> Result<T, ParseError>,
    ) -> Result<T, IngestError> {
        Ok(self.opt(c, f)?.unwrap_or(default))
    }

    /// Free text, possibly empty.
    pub(crate) fn text(&self, c: impl Into<usize>) -> Result<String, IngestError> {
        self.str(c).map(str::to_string)
    }

    /// Free text; empty means `None`.
    pub(crate) fn opt_text(&self, c: impl Into<usize>) -> Result<Option<String>, IngestError> {
        let s = self.str(c)?;
        Ok((!s.is_empty()).then(|| s.to_string()))
    }

    /// An error about this row's cell in column `c`.
    pub(crate) fn bad(
        &self,
        c: usize,
        value: &str,
        expected: impl std::fmt::Display,
    ) -> IngestError {
        IngestError::bad_value(self.path, self.line, self.name(c), value, expected)
    }

    fn name(&self, c: usize) -> &'static str {
        self.spec.columns.get(c).map_or("?", |col| col.name)
    }

    fn not_utf8(&self, c: usize, bytes: &[u8], e: std::str::Utf8Error) -> IngestError {
        let at = e.valid_up_to();
        let byte = bytes.get(at).copied().unwrap_or_default();
        IngestError {
            kind: ErrorKind::NotUtf8,
            file: self.path.to_path_buf(),
            at: Position::Line(self.line),
            column: Some(self.name(c).to_string()),
            value: Some(String::from_utf8_lossy(bytes).into_owned()),
            message: format!(
                "expected UTF-8 text; byte 0x{byte:02X} at position {} of the cell is not UTF-8 \
                 (save the file as UTF-8)",
                at + 1
            ),
        }
    }
}

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
    out.errors.is_empty().then_some(index)
}

/// Reads every record after the header, one reused [`ByteRecord`].
fn read_records<R: std::io::Read, T>(
    rdr: &mut csv::Reader<R>,
    spec: &FileSpec,
    index: &[Option<usize>],
    parse: &impl Fn(&Row<'_>) -> Result<T, IngestError>,
    out: &mut Parsed<T>,
) {
    let mut rec = ByteRecord::new();
    // A short record is an error; whether it is a cut-off end of file is known
    // only once we see whether another record follows.
    let mut short: Option<(u64, u64, u64)> = None;
    loop {
        let more = match rdr.read_byte_record(&mut rec) {
            Ok(more) => more,
            Err(e) => match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => {
                    let line = rec.position().map_or(0, csv::Position::line);
                    flush_short(&mut short, false, out);
                    short = Some((line, *expected_len, *len));
                    continue;
                }
                _ => {
                    out.errors.push(csv_error(&out.path, &e));
                    break;
                }
            },
        };
        if !more {
            break;
        }
        flush_short(&mut short, false, out);
        let line = rec.position().map_or(0, csv::Position::line);
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
        if out.errors.truncated {
            return;
        }
    }
    flush_short(&mut short, true, out);
}

/// Reports a record whose field count differs from the header's.
fn flush_short<T>(short: &mut Option<(u64, u64, u64)>, at_end: bool, out: &mut Parsed<T>) {
    let Some((line, expected, len)) = short.take() else {
        return;
    };
    let (kind, message) = if at_end && len < expected {
        (
            ErrorKind::Truncated,
            format!(
                "the file ends in the middle of a record: the last record has {len} of the \
                 header's {expected} fields (was the file cut short?)"
            ),
        )
    } else {
        (
            ErrorKind::BadStructure,
            format!("expected {expected} fields, as in the header, but the record has {len}"),
        )
    };
    out.errors.push(IngestError {
        kind,
        file: out.path.clone(),
        at: Position::Line(line),
        column: None,
        value: None,
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
