//! NHS England's "Measures from the Adult Social Care Outcomes Framework" ODS,
//! read exactly as published.
//!
//! Every `Table_*` sheet is one measure (sometimes with parts). For every area,
//! measure and year the reader keeps the outcome and, where the sheet has them,
//! the margin of error, the number of respondents, the numerator and the
//! denominator, as [`AscofValue`]s. Suppression codes stay as
//! [`Figure::Missing`](continuum_domain::Figure) with their reason, never 0.
//!
//! The quirks of the published file, and what is done about each, are written
//! where they are handled:
//!
//! - header rows, column groups, Table_6b's parts, rows without ONS codes:
//!   `sheet.rs`;
//! - suppression codes, float noise, the 2016-17 carers' bracketed pairs,
//!   thousands separators, empty cells: `cell.rs`;
//! - Dorset Council published under Dorset County's old code: `successor.rs`.
//!
//! Bad input is an [`IngestErrors`] that names the file, the sheet and cell, the
//! column header and the value: a file that is not an ODS, a measure sheet with
//! no header row, a data cell that is neither a number nor a suppression code.

mod cell;
mod notes;
mod sheet;
mod successor;

use calamine::{Ods, Reader};
use continuum_domain::{AscofValue, OnsCode};
use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;

pub use continuum_domain::ascof::{MeasureInfo, Unit, measure, measures};

use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};
use notes::Notes;

type Book = Ods<BufReader<std::fs::File>>;

/// Reads every measure sheet of an ASCOF ODS.
///
/// Warnings report what was read in a way worth knowing (bracketed carers'
/// figures, Dorset's old code, unknown columns or measures); errors stop the
/// import and nothing is returned.
pub fn read_ods(path: &Path) -> Result<(Vec<AscofValue>, Vec<Warning>), IngestErrors> {
    let mut book = open(path)?;
    let sheets: Vec<(String, String)> = book
        .sheet_names()
        .into_iter()
        .filter_map(|name| sheet::code_from_sheet_name(&name).map(|code| (name, code)))
        .collect();
    if sheets.is_empty() {
        return Err(IngestError::file(
            ErrorKind::BadStructure,
            path,
            "no measure sheets: expected sheets named like 'Table_1a', \
             as in NHS England's ASCOF file",
        )
        .into());
    }
    let mut values = Vec::new();
    let mut notes = Notes::default();
    let mut errors = IngestErrors::new();
    for (name, code) in &sheets {
        let range = match book.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                errors.push(sheet_error(path, name, &e.to_string()));
                continue;
            }
        };
        let s = sheet::Sheet {
            file: path,
            name,
            code,
            range: &range,
        };
        s.read(&mut values, &mut notes, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    successor::apply(&mut values, path, &mut notes);
    check_measures(&sheets, path, &mut notes);
    Ok((values, notes.into_warnings(path)))
}

fn open(path: &Path) -> Result<Book, IngestErrors> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::io(path, &e))?;
    Ods::new(BufReader::new(file)).map_err(|e| {
        let why = format!(
            "expected an OpenDocument spreadsheet (.ods), as NHS England publishes ASCOF; \
             it cannot be read as one ({e})"
        );
        IngestError::file(ErrorKind::BadStructure, path, why).into()
    })
}

fn sheet_error(path: &Path, sheet: &str, why: &str) -> IngestError {
    IngestError::file(
        ErrorKind::BadStructure,
        path,
        format!("the sheet cannot be read: {why}"),
    )
    .at(Position::Cell {
        sheet: sheet.to_string(),
        cell: "A1".into(),
    })
}

/// Warns about measure sheets the reader has no polarity for, and known measures
/// with no sheet (NHS England drops and renames measures between years).
fn check_measures(sheets: &[(String, String)], path: &Path, notes: &mut Notes) {
    let warn = |notes: &mut Notes, message: String| {
        notes.push(Warning {
            file: path.to_path_buf(),
            at: Position::File,
            message,
        })
    };
    for (name, code) in sheets {
        if measure(code).is_none() {
            warn(
                notes,
                format!(
                    "sheet {name}: measure {code} is not a known ASCOF measure; \
                     its figures were read but it has no polarity"
                ),
            );
        }
    }
    for m in measures().iter().filter(|m| !m.code.contains('-')) {
        if !sheets.iter().any(|(_, code)| code == m.code) {
            warn(
                notes,
                format!(
                    "measure {} ({}) has no sheet in this file",
                    m.code, m.description
                ),
            );
        }
    }
}

/// The councils in a set of ASCOF figures, with NHS England's name for each.
///
/// A council is an area with a county, unitary, metropolitan or London borough
/// code (`E06`, `E08`, `E09`, `E10`) that has at least one published figure in
/// the latest year read. That leaves out England, regions and council-type
/// groupings, and the councils that no longer exist (Cumbria, Northamptonshire,
/// Bournemouth, Poole, whose rows are `[z]` in recent years). For the 2024-25
/// file this gives the 153 councils with adult social care duties.
pub fn councils(values: &[AscofValue]) -> Vec<(OnsCode, String)> {
    let Some(latest) = values.iter().map(|v| v.year).max() else {
        return Vec::new();
    };
    let mut out: BTreeMap<OnsCode, String> = BTreeMap::new();
    for v in values.iter().filter(|v| v.year == latest && has_figure(v)) {
        if let Some(code) = v.ons_code.as_ref().filter(|c| is_council_code(c)) {
            out.entry(code.clone())
                .or_insert_with(|| v.area_name.clone());
        }
    }
    out.into_iter().collect()
}

fn has_figure(v: &AscofValue) -> bool {
    [
        Some(v.outcome),
        v.margin_of_error,
        v.respondents,
        v.numerator,
        v.denominator,
    ]
    .into_iter()
    .flatten()
    .any(|f| f.value().is_some())
}

fn is_council_code(code: &OnsCode) -> bool {
    ["E06", "E08", "E09", "E10"]
        .iter()
        .any(|p| code.as_str().starts_with(p))
}
