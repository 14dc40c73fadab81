#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The ASCOF reader on NHS England's published 2024-25 ODS. Expected values are
//! the product owner's England figures, or are read from the sheet itself in the
//! test (row by ONS code, column by header text), never from the reader.

mod ascof_support;

use ascof_support::{ods_path, raw_sheet, text};
use calamine::Data;
use continuum_domain::{AscofValue, Figure, FinancialYear, Suppression};
use continuum_ingest::{Warning, ascof};
use std::sync::OnceLock;

const Y2024: FinancialYear = FinancialYear(2024);

fn read() -> &'static (Vec<AscofValue>, Vec<Warning>) {
    static READ: OnceLock<(Vec<AscofValue>, Vec<Warning>)> = OnceLock::new();
    READ.get_or_init(|| ascof::read_ods(&ods_path()).expect("the published ODS reads"))
}

/// The single value for an area (ONS code, or name for rows without one).
fn value(area: &str, measure: &str, year: FinancialYear) -> &'static AscofValue {
    let found: Vec<_> = read()
        .0
        .iter()
        .filter(|v| {
            let key = v
                .ons_code
                .as_ref()
                .map_or(v.area_name.as_str(), |c| c.as_str());
            key == area && v.measure == measure && v.year == year
        })
        .collect();
    assert_eq!(found.len(), 1, "{area} {measure} {year}: {found:?}");
    found[0]
}

fn close(a: Option<Figure>, b: f64) -> bool {
    matches!(a, Some(Figure::Value(v)) if (v - b).abs() < 1e-9)
}

#[test]
fn england_2024_25_figures_are_the_published_ones() {
    let england = "E92000001";
    assert_eq!(value(england, "1A", Y2024).outcome, Figure::Value(19.0));
    assert_eq!(value(england, "2A", Y2024).outcome, Figure::Value(77.1));
    assert_eq!(value(england, "6B", Y2024).outcome, Figure::Value(81.7));
}

/// Survey measures: outcome, margin of error and respondents, as in the sheet.
#[test]
fn council_survey_figures_match_the_sheet() {
    for (sheet, measure, ons) in [
        ("Table_1a", "1A", "E10000019"), // Lincolnshire
        ("Table_3a", "3A", "E08000004"), // Oldham
        ("Table_1a", "1A", "E06000035"), // Medway (Medway Towns)
    ] {
        let raw = raw_sheet(sheet);
        let v = value(ons, measure, Y2024);
        let n = |field: &str| raw.number(ons, &format!("2024 to 2025 - {field}"));
        assert!(
            close(Some(v.outcome), n("outcome")),
            "{ons} {measure}: {v:?}"
        );
        assert!(close(v.margin_of_error, n("margin of error")), "{v:?}");
        assert!(close(v.respondents, n("number of respondents")), "{v:?}");
        assert_eq!(v.numerator, None);
        assert_eq!(v.area_name, text(Some(&raw.cell(ons, "Local authority"))));
    }
}

/// CLD measures: numerator, denominator and outcome, as in the sheet.
#[test]
fn council_cld_figures_match_the_sheet() {
    let raw = raw_sheet("Table_2d(1)");
    let ons = "E06000035";
    let v = value(ons, "2D(1)", Y2024);
    let n = |field: &str| raw.number(ons, &format!("2024 to 2025 - {field}"));
    assert!(close(Some(v.outcome), n("outcome")), "{v:?}");
    assert!(close(v.numerator, n("numerator")), "{v:?}");
    assert!(close(v.denominator, n("denominator")), "{v:?}");
    assert_eq!(v.margin_of_error, None);
}

fn reason(code: &str) -> Suppression {
    match code {
        "[x]" => Suppression::NotAvailable,
        "[c]" => Suppression::Suppressed,
        "[z]" => Suppression::NotApplicable,
        other => panic!("not a code: {other}"),
    }
}

/// Every suppression code in Table_2b and Table_1a comes back as Missing with
/// its reason, in the right field.
#[test]
fn suppressed_cells_are_missing_with_the_right_reason() {
    let mut seen = [0usize; 3];
    for (sheet, measure) in [("Table_2b", "2B"), ("Table_1a", "1A")] {
        let raw = raw_sheet(sheet);
        for (ons, name, r) in raw.rows() {
            let key = if ons.starts_with('E') { ons } else { name };
            for c in 0..raw.range.width() {
                let header = text(raw.range.get((raw.header_row, c)));
                let Some((year, field)) = header.split_once(" - ") else {
                    continue;
                };
                let Data::String(code) = raw.range.get((r, c)).cloned().unwrap_or_default() else {
                    continue;
                };
                let year = FinancialYear::parse(year).unwrap();
                if key == "E10000009" && year >= FinancialYear(2019) {
                    continue; // Dorset Council under the old code: see the Dorset test
                }
                let v = value(&key, measure, year);
                let got = match field {
                    "outcome" => Some(v.outcome),
                    "margin of error" => v.margin_of_error,
                    "number of respondents" => v.respondents,
                    "numerator" => v.numerator,
                    "denominator" => v.denominator,
                    other => panic!("unexpected header {other}"),
                };
                assert_eq!(got, Some(Figure::Missing(reason(&code))), "{key} {header}");
                seen[["[x]", "[c]", "[z]"]
                    .iter()
                    .position(|s| *s == code)
                    .unwrap()] += 1;
            }
        }
    }
    assert!(
        seen.iter().all(|&n| n > 0),
        "every code is exercised: {seen:?}"
    );
}

#[test]
fn the_153_councils_are_all_present() {
    let councils = ascof::councils(&read().0);
    assert_eq!(councils.len(), 153);
    let raw = raw_sheet("Table_2a");
    for (ons, name, _) in raw.rows() {
        if ["E06", "E08", "E09", "E10"]
            .iter()
            .any(|p| ons.starts_with(p))
        {
            let found = councils.iter().find(|(c, _)| c.as_str() == ons);
            assert_eq!(found.map(|(_, n)| n.as_str()), Some(name.as_str()), "{ons}");
        }
    }
}

/// The 2016-17 carers' cells such as "7.6 (7.5)": the official, unbracketed
/// figure is kept, for every field.
#[test]
fn bracketed_carers_figures_keep_the_official_figure() {
    let raw = raw_sheet("Table_1c");
    let y = FinancialYear(2016);
    let ons = "E06000060"; // Buckinghamshire
    let v = value(ons, "1C", y);
    for (field, got) in [
        ("outcome", Some(v.outcome)),
        ("margin of error", v.margin_of_error),
        ("number of respondents", v.respondents),
    ] {
        let cell = text(Some(&raw.cell(ons, &format!("2016 to 2017 - {field}"))));
        let first = cell.split('(').next().unwrap().trim().replace(',', "");
        assert!(cell.contains('('), "{cell}");
        assert!(
            close(got, first.parse().unwrap()),
            "{field}: {cell} vs {got:?}"
        );
    }
    assert!(
        read().1.iter().any(|w| w.message.contains("bracketed")),
        "a warning says the bracketed figures were dropped"
    );
}

/// Table_6a stores 20.200000000000003 where it shows 20.2 (one decimal place).
#[test]
fn float_noise_is_gone() {
    let raw = raw_sheet("Table_6a");
    let key = "Cornwall and Isles of Scilly";
    let stored = raw.number(key, "2024 to 2025 - outcome");
    let shown = (stored * 10.0).round() / 10.0;
    let v = value(key, "6A", Y2024);
    assert_eq!(v.ons_code, None, "a merged area without an ONS code");
    assert_eq!(v.outcome, Figure::Value(shown));
}

/// Table_6b publishes Dorset Council under Dorset County's old code E10000009.
#[test]
fn dorset_6b_is_read_under_dorset_councils_code() {
    let raw = raw_sheet("Table_6b");
    let old = "E10000009";
    let v = value("E06000059", "6B", Y2024);
    assert!(close(
        Some(v.outcome),
        raw.number(old, "2024 to 2025 - 6b outcome")
    ));
    assert!(close(
        v.denominator,
        raw.number(old, "2024 to 2025 - 6b denominator")
    ));
    let parts = ["6B-outstanding", "6B-good", "6B-other", "6B-not-yet-rated"];
    for part in parts {
        let _ = value("E06000059", part, Y2024);
    }
    let old_left = read().0.iter().filter(|v| {
        v.ons_code.as_ref().is_some_and(|c| c.as_str() == old) && v.year >= FinancialYear(2019)
    });
    assert_eq!(old_left.count(), 0);
}

#[test]
fn table_6b_parts_match_the_sheet() {
    let raw = raw_sheet("Table_6b");
    let ons = "E10000019";
    for (part, prefix) in [
        ("6B-outstanding", "outstanding"),
        ("6B-good", "good"),
        ("6B-other", "other"),
        ("6B-not-yet-rated", "not yet rated"),
    ] {
        let v = value(ons, part, Y2024);
        let n = |field: &str| raw.number(ons, &format!("2024 to 2025 - {prefix} {field}"));
        assert!(close(Some(v.outcome), n("outcome")), "{part}: {v:?}");
        assert!(close(v.numerator, n("numerator")), "{part}: {v:?}");
    }
}

#[test]
fn every_measure_read_has_a_polarity() {
    let (values, warnings) = read();
    for v in values {
        assert!(ascof::measure(&v.measure).is_some(), "{}", v.measure);
    }
    assert!(
        !warnings.iter().any(|w| w.message.contains("not a known")),
        "{warnings:?}"
    );
}
