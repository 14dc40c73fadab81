//! The evidence packs as one workbook, for analysts who want to sort, filter
//! and chart the figures themselves.
//!
//! | sheet | what it holds |
//! |---|---|
//! | Needs, Market, Capacity, Quality, Sustainability | each section's figures, labelled and formatted (percentages as percentages), with England, variation, last year and the change; then the section's findings |
//! | Risk | every commissioned location with its risk level, points and reasons |
//! | Score | the suggested score of each section and overall, one line per input |
//! | Benchmark | each council's ranks |
//! | Metrics | the raw long table, exactly as the CSV |
//!
//! Several councils share each sheet: the first column names the council, so
//! one filter shows one council (or compares them), and one layout serves one
//! council or 153. Each sheet's header row is frozen and filterable. Values
//! are numbers, never text, with formats for display; shares are kept as
//! exact fractions. A change in a share is written in percentage points.

mod sheets;

use continuum_engine::Pack;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::ReportError;

/// The sheet names, in order.
pub const SHEETS: [&str; 9] = [
    "Needs",
    "Market",
    "Capacity",
    "Quality",
    "Sustainability",
    "Risk",
    "Score",
    "Benchmark",
    "Metrics",
];

/// The workbook of one or many packs, as XLSX bytes.
pub fn workbook(packs: &[Pack]) -> Result<Vec<u8>, ReportError> {
    let mut wb = Workbook::new();
    for (i, (key, _)) in crate::describe::SECTIONS.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(SHEETS[i])?;
        sheets::section(ws, packs, key)?;
    }
    sheets::risk(named(&mut wb, "Risk")?, packs)?;
    sheets::score(named(&mut wb, "Score")?, packs)?;
    sheets::benchmark(named(&mut wb, "Benchmark")?, packs)?;
    sheets::metrics(named(&mut wb, "Metrics")?, packs)?;
    Ok(wb.save_to_buffer()?)
}

fn named<'a>(wb: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet, XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    Ok(ws)
}

/// Writes a bold header row, freezes it, sets the widths and adds a filter
/// over `rows` data rows.
fn header(ws: &mut Worksheet, cols: &[(&str, f64)], rows: u32) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap();
    for (c, (name, width)) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *name, &bold)?;
        ws.set_column_width(c, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if rows > 0 {
        ws.autofilter(0, 0, rows, cols.len() as u16 - 1)?;
    }
    Ok(())
}

/// Writes a number if there is one, in the given format.
fn number(ws: &mut Worksheet, r: u32, c: u16, v: Option<f64>, f: &Format) -> Result<(), XlsxError> {
    if let Some(v) = v.filter(|v| v.is_finite()) {
        ws.write_number_with_format(r, c, v, f)?;
    }
    Ok(())
}
