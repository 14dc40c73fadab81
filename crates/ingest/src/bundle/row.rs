//! One parsed table and one record being parsed.
//!
//! A [`Row`] borrows its cells from the reader's reused record and parses each
//! straight into a domain type; the error it gives names the file, the line,
//! the column and the value.

use std::path::{Path, PathBuf};

use continuum_domain::ParseError;
use csv::StringRecord;

use super::read::FileSpec;
use crate::{IngestError, IngestErrors, Warning};

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
    pub(crate) fn record(&mut self, index: usize, line: u64) {
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

/// One record, with its columns resolved. The record was checked for UTF-8
/// once, as a whole, when it was read.
#[derive(Debug)]
pub(crate) struct Row<'r> {
    pub(crate) rec: &'r StringRecord,
    pub(crate) index: &'r [Option<usize>],
    pub(crate) spec: &'r FileSpec,
    pub(crate) path: &'r Path,
    pub(crate) line: u64,
}

impl<'r> Row<'r> {
    /// The cell as text; empty when the column is not in the file.
    pub(crate) fn str(&self, c: impl Into<usize>) -> &'r str {
        match self.index.get(c.into()) {
            Some(Some(field)) => self.rec.get(*field).unwrap_or_default(),
            _ => "",
        }
    }

    /// Parses the cell; an empty cell goes to `f` too (most parsers refuse it).
    pub(crate) fn parse<T>(
        &self,
        c: impl Into<usize> + Copy,
        f: impl FnOnce(&'r str) -> Result<T, ParseError>,
    ) -> Result<T, IngestError> {
        let s = self.str(c);
        f(s).map_err(|e| self.bad(c.into(), s, e.expected))
    }

    /// Parses the cell; empty means `None`.
    pub(crate) fn opt<T>(
        &self,
        c: impl Into<usize> + Copy,
        f: impl FnOnce(&'r str) -> Result<T, ParseError>,
    ) -> Result<Option<T>, IngestError> {
        let s = self.str(c);
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
        Ok(self.str(c).to_string())
    }

    /// Free text; empty means `None`.
    pub(crate) fn opt_text(&self, c: impl Into<usize>) -> Result<Option<String>, IngestError> {
        let s = self.str(c);
        Ok((!s.is_empty()).then(|| s.to_string()))
    }

    /// An error about this row's cell in column `c`.
    pub(crate) fn bad(
        &self,
        c: usize,
        value: &str,
        expected: impl std::fmt::Display,
    ) -> IngestError {
        let name = self.spec.columns.get(c).map_or("?", |col| col.name);
        IngestError::bad_value(self.path, self.line, name, value, expected)
    }
}
