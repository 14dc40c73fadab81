//! Errors and warnings from reading input files.
//!
//! Policy: an error stops the import and nothing is written; a warning is
//! reported and the import goes on. Every error names where it happened and what
//! was expected, because the person who reads it is fixing a file by hand.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// The whole file.
    File,
    /// A line of a text file, counting the header as line 1.
    Line(u64),
    /// A path inside a JSON document, such as `$.locations[3].locationId`.
    JsonPath(String),
    /// A cell of a spreadsheet, such as sheet `Table_1a`, cell `D7`.
    Cell { sheet: String, cell: String },
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::File => Ok(()),
            Position::Line(n) => write!(f, ", line {n}"),
            Position::JsonPath(p) => write!(f, ", at {p}"),
            Position::Cell { sheet, cell } => write!(f, ", sheet {sheet}, cell {cell}"),
        }
    }
}

/// What kind of problem it is; tests and the web page group errors by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be opened or read.
    Io,
    /// A required column is not in the header.
    MissingColumn,
    /// A value is not what the column holds.
    BadValue,
    /// An ID appears twice in one file.
    DuplicateId,
    /// A row refers to an ID that does not exist.
    DanglingReference,
    /// The file ends in the middle of a record.
    Truncated,
    /// The file is not UTF-8.
    NotUtf8,
    /// The JSON or spreadsheet is not shaped as expected.
    BadStructure,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct IngestError {
    pub kind: ErrorKind,
    pub file: PathBuf,
    pub at: Position,
    /// The column (or JSON field) name, where there is one.
    pub column: Option<String>,
    /// The offending value, where there is one.
    pub value: Option<String>,
    /// What was expected, or what went wrong.
    pub message: String,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.file.display(), self.at)?;
        if let Some(c) = &self.column {
            write!(f, ", column '{c}'")?;
        }
        if let Some(v) = &self.value {
            write!(f, ", value '{}'", shorten(v))?;
        }
        write!(f, ": {}", self.message)
    }
}

fn shorten(v: &str) -> String {
    if v.chars().count() > 80 {
        let head: String = v.chars().take(77).collect();
        format!("{head}...")
    } else {
        v.to_string()
    }
}

impl IngestError {
    /// A problem with a whole file.
    pub fn file(kind: ErrorKind, file: &Path, message: impl Into<String>) -> Self {
        Self {
            kind,
            file: file.to_path_buf(),
            at: Position::File,
            column: None,
            value: None,
            message: message.into(),
        }
    }

    /// The file could not be read.
    pub fn io(file: &Path, e: &std::io::Error) -> Self {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "the file does not exist".to_string(),
            std::io::ErrorKind::PermissionDenied => {
                "the file cannot be read (permission denied)".to_string()
            }
            _ => format!("the file cannot be read: {e}"),
        };
        Self::file(ErrorKind::Io, file, message)
    }

    /// A bad value in a column of a line.
    pub fn bad_value(
        file: &Path,
        line: u64,
        column: &str,
        value: &str,
        expected: impl fmt::Display,
    ) -> Self {
        Self {
            kind: ErrorKind::BadValue,
            file: file.to_path_buf(),
            at: Position::Line(line),
            column: Some(column.to_string()),
            value: Some(value.to_string()),
            message: format!("expected {expected}"),
        }
    }

    /// Sets the position.
    pub fn at(mut self, at: Position) -> Self {
        self.at = at;
        self
    }
}

/// One or more errors: readers collect up to [`IngestErrors::LIMIT`] so that a
/// person fixing a file sees many problems at once, not one per run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct IngestErrors {
    pub errors: Vec<IngestError>,
    /// True when more errors were found than are listed.
    pub truncated: bool,
}

impl IngestErrors {
    /// The most errors kept.
    pub const LIMIT: usize = 50;

    /// A single error.
    pub fn one(e: IngestError) -> Self {
        Self {
            errors: vec![e],
            truncated: false,
        }
    }

    /// An empty collector.
    pub fn new() -> Self {
        Self {
            errors: Vec::new(),
            truncated: false,
        }
    }

    /// Adds an error, keeping at most [`Self::LIMIT`].
    pub fn push(&mut self, e: IngestError) {
        if self.errors.len() < Self::LIMIT {
            self.errors.push(e);
        } else {
            self.truncated = true;
        }
    }

    /// True when no error was found.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(value)` when there are no errors.
    pub fn into_result<T>(self, value: T) -> Result<T, IngestErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl Default for IngestErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl From<IngestError> for IngestErrors {
    fn from(e: IngestError) -> Self {
        Self::one(e)
    }
}

impl fmt::Display for IngestErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.truncated {
            write!(f, "\n(more errors not shown; fix these first)")?;
        }
        Ok(())
    }
}

/// Something worth telling the person importing, that does not stop the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: PathBuf,
    pub at: Position,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}: {}", self.file.display(), self.at, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_file_line_column_value_and_expectation() {
        let e = IngestError::bad_value(
            Path::new("people.csv"),
            7,
            "birth_year",
            "19x0",
            "a year such as 1948",
        );
        assert_eq!(
            e.to_string(),
            "people.csv, line 7, column 'birth_year', value '19x0': expected a year such as 1948"
        );
    }
}
