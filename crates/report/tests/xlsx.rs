//! The workbook, read back with calamine.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use continuum_report::xlsx::{SHEETS, workbook};

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn float(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_workbook_has_a_sheet_per_section_and_the_others() {
    let wb = open(workbook(&[common::rich()]).unwrap());
    assert_eq!(wb.sheet_names(), SHEETS.map(String::from).to_vec());
    assert_eq!(
        SHEETS,
        [
            "Needs",
            "Market",
            "Capacity",
            "Quality",
            "Sustainability",
            "Risk",
            "Score",
            "Benchmark",
            "Metrics"
        ]
    );
}

#[test]
fn the_metrics_sheet_is_the_long_table() {
    let packs = common::both();
    let mut wb = open(workbook(&packs).unwrap());
    let range = wb.worksheet_range("Metrics").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        header,
        continuum_report::csv::HEADER.map(String::from).to_vec()
    );
    let all: Vec<_> = packs.iter().flat_map(|p| &p.rows).collect();
    assert_eq!(rows.len(), all.len() + 1);
    for (cells, row) in rows[1..].iter().zip(all) {
        assert_eq!(text(&cells[0]), row.la);
        assert_eq!(text(&cells[1]), row.metric_id);
        assert_eq!(cells.get(2).and_then(float), row.value, "{}", row.metric_id);
        assert_eq!(cells.get(5).and_then(float), row.england_value);
    }
}

#[test]
fn section_sheets_hold_labelled_figures_then_findings() {
    let mut wb = open(workbook(&common::both()).unwrap());
    let range = wb.worksheet_range("Capacity").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    assert_eq!(rows[0][..3], ["Council", "Figure", "Value"]);
    let occupancy = rows
        .iter()
        .find(|r| r[0] == "Anyshire" && r[1] == "Care home beds occupied")
        .unwrap();
    assert_eq!(occupancy[2], "0.875", "kept as the exact fraction");
    assert!(
        rows.iter().any(|r| r[0] == "Nearby"),
        "every council in one sheet"
    );
    let findings = rows.iter().position(|r| r[1] == "Finding").unwrap();
    assert!(
        rows[findings..]
            .iter()
            .any(|r| r[1] == "70 of 80 care home beds (88%) were occupied.")
    );
    let market = wb.worksheet_range("Market").unwrap();
    let indicator = market
        .rows()
        .find(|r| text(&r[9]) == "market.indicators.entries.ascof_3A")
        .unwrap();
    assert_eq!(float(&indicator[5]), Some(61.0));
    assert_eq!(text(&indicator[6]), "Positive variation");
}

#[test]
fn the_score_sheet_gives_each_input_and_the_overall_score() {
    let pack = common::rich();
    let mut wb = open(workbook(std::slice::from_ref(&pack)).unwrap());
    let range = wb.worksheet_range("Score").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let inputs = rows[1..]
        .iter()
        .filter(|r| !r.get(11).is_none_or(String::is_empty))
        .count();
    assert_eq!(inputs, pack.score.overall.inputs.len());
    let overall = rows.iter().find(|r| r[1] == "Overall").unwrap();
    assert_eq!(overall[2], "2");
    assert_eq!(overall[4], "25");
}

#[test]
fn the_risk_and_benchmark_sheets_list_their_rows() {
    let pack = common::rich();
    let mut wb = open(workbook(std::slice::from_ref(&pack)).unwrap());
    let risk = wb.worksheet_range("Risk").unwrap();
    assert_eq!(
        risk.rows().count(),
        pack.sections.quality.risk.locations.len() + 1
    );
    let bench = wb.worksheet_range("Benchmark").unwrap();
    assert_eq!(bench.rows().count(), pack.benchmark.len() + 1);
}
