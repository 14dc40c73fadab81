#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Broken variants of the published ASCOF ODS, made in a temp dir: each error
//! names the file, the sheet and cell, the column and the value.

mod ascof_support;

use ascof_support::{raw_sheet, rewrite_ods};
use continuum_ingest::{ErrorKind, IngestError, Position, ascof};
use std::path::Path;

fn only_error(path: &Path) -> IngestError {
    let errs = ascof::read_ods(path).expect_err("the broken file is refused");
    assert_eq!(errs.errors.len(), 1, "{errs}");
    let e = errs.errors[0].clone();
    assert_eq!(e.file, path);
    e
}

fn cell(sheet: &str, cell: &str) -> Position {
    Position::Cell {
        sheet: sheet.into(),
        cell: cell.into(),
    }
}

/// `s` with the first `from` after `anchor` replaced by `to`.
fn replace_after(s: &str, anchor: &str, from: &str, to: &str) -> String {
    let a = s.find(anchor).expect("anchor");
    let i = a + s[a..].find(from).expect("text after anchor");
    format!("{}{}{}", &s[..i], to, &s[i + from.len()..])
}

#[test]
fn a_file_that_is_not_an_ods_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ascof.ods");
    std::fs::write(&path, "Local authority code,ONS area code\n").unwrap();
    let e = only_error(&path);
    assert_eq!(e.kind, ErrorKind::BadStructure);
    assert!(e.to_string().contains("OpenDocument spreadsheet"), "{e}");
}

#[test]
fn a_missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let e = only_error(&dir.path().join("nothing.ods"));
    assert_eq!(e.kind, ErrorKind::Io);
}

#[test]
fn a_sheet_without_its_header_row_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ascof.ods");
    rewrite_ods(&path, |xml| {
        replace_after(
            &xml,
            "table:name=\"Table_2c\"",
            "<text:p>ONS area code</text:p>",
            "<text:p>Area code</text:p>",
        )
    });
    let e = only_error(&path);
    assert_eq!(e.kind, ErrorKind::BadStructure);
    assert_eq!(e.at, cell("Table_2c", "A1"));
    assert!(e.message.contains("no header row"), "{e}");
}

#[test]
fn a_sheet_without_an_outcome_column_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ascof.ods");
    rewrite_ods(&path, |xml| {
        replace_after(
            &xml,
            "table:name=\"Table_6a\"",
            "<text:p>2024 to 2025 - outcome</text:p>",
            "<text:p>2024 to 2025 - numerator</text:p>",
        )
    });
    let e = only_error(&path);
    assert_eq!(e.kind, ErrorKind::MissingColumn);
    assert!(e.message.contains("'2024 to 2025 - outcome'"), "{e}");
}

/// Lincolnshire's first data cell in Table_1a (2015 to 2016 margin of error)
/// becomes the text "n/a".
#[test]
fn a_non_numeric_cell_names_sheet_cell_column_and_value() {
    let raw = raw_sheet("Table_1a");
    let row = raw.row("E10000019") + raw.range.start().unwrap().0 as usize + 1;
    let col = raw.col("2015 to 2016 - margin of error");
    assert_eq!(
        col,
        raw.col("ONS area code") + 1,
        "the cell after the ONS code"
    );
    let letter = char::from(b'A' + (col + raw.range.start().unwrap().1 as usize) as u8);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ascof.ods");
    rewrite_ods(&path, |xml| {
        let anchor = xml.find("table:name=\"Table_1a\"").unwrap();
        let code = anchor + xml[anchor..].find("<text:p>E10000019</text:p>").unwrap();
        let start = code + xml[code..].find("<table:table-cell").unwrap();
        let end = start + xml[start..].find("</table:table-cell>").unwrap();
        let bad = "<table:table-cell office:value-type=\"string\"><text:p>n/a</text:p>";
        format!("{}{}{}", &xml[..start], bad, &xml[end..])
    });
    let e = only_error(&path);
    assert_eq!(e.kind, ErrorKind::BadValue);
    assert_eq!(e.at, cell("Table_1a", &format!("{letter}{row}")));
    assert_eq!(e.column.as_deref(), Some("2015 to 2016 - margin of error"));
    assert_eq!(e.value.as_deref(), Some("n/a"));
    let shown = e.to_string();
    assert!(shown.contains("ascof.ods, sheet Table_1a, cell"), "{shown}");
    assert!(shown.contains("[x], [c] or [z]"), "{shown}");
}

#[test]
fn a_bad_ons_code_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ascof.ods");
    rewrite_ods(&path, |xml| {
        replace_after(
            &xml,
            "table:name=\"Table_4a\"",
            "<text:p>E10000019</text:p>",
            "<text:p>Lincs</text:p>",
        )
    });
    let e = only_error(&path);
    assert_eq!(e.kind, ErrorKind::BadValue);
    assert_eq!(e.column.as_deref(), Some("ONS area code"));
    assert_eq!(e.value.as_deref(), Some("Lincs"));
}
