#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Broken variants of the real Nomis file, made in a temp dir: each error names
//! the file, line, column, value and what was expected.

use continuum_ingest::ons::{self, PopulationFormat};
use continuum_ingest::{ErrorKind, IngestError, Position};
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    continuum_ingest::data_dir()
}

fn real_lines() -> Vec<String> {
    let text = std::fs::read_to_string(data_dir().join("population/ons_mye_2024_lincolnshire.csv"))
        .unwrap();
    text.lines().map(str::to_string).collect()
}

/// Writes the real file with line `n` (1 = header) passed through `edit`.
fn variant(dir: &Path, n: usize, edit: impl Fn(&str) -> String) -> PathBuf {
    let mut lines = real_lines();
    lines[n - 1] = edit(&lines[n - 1]);
    let path = dir.join("mye.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn errors(path: &Path) -> Vec<IngestError> {
    ons::read_nomis(path)
        .expect_err("the broken file is refused")
        .errors
}

#[test]
fn a_missing_column_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = real_lines();
    for l in &mut lines {
        let mut cells: Vec<&str> = l.split(',').collect();
        cells.pop(); // OBS_VALUE is the last column
        *l = cells.join(",");
    }
    let path = dir.path().join("mye.csv");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let errs = errors(&path);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, ErrorKind::MissingColumn);
    assert_eq!(errs[0].at, Position::Line(1));
    assert_eq!(errs[0].column.as_deref(), Some("OBS_VALUE"));
    assert_eq!(errs[0].file, path);
}

#[test]
fn a_non_numeric_count_names_line_column_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let line = 40;
    let path = variant(dir.path(), line, |l| {
        let (head, _) = l.rsplit_once(',').unwrap();
        format!("{head},12a")
    });
    let errs = errors(&path);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = &errs[0];
    assert_eq!(e.kind, ErrorKind::BadValue);
    assert_eq!(e.at, Position::Line(line as u64));
    assert_eq!(e.column.as_deref(), Some("OBS_VALUE"));
    assert_eq!(e.value.as_deref(), Some("12a"));
    assert!(e.to_string().contains("expected a whole number"), "{e}");
}

#[test]
fn an_unknown_age_label_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let line = real_lines()
        .iter()
        .position(|l| l.contains("\"Age 40\""))
        .unwrap()
        + 1;
    let path = variant(dir.path(), line, |l| {
        l.replace("\"Age 40\"", "\"Age forty\"")
    });
    let errs = errors(&path);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].at, Position::Line(line as u64));
    assert_eq!(errs[0].column.as_deref(), Some("C_AGE_NAME"));
    assert_eq!(errs[0].value.as_deref(), Some("Age forty"));
    assert!(errs[0].message.contains("'Aged 90+'"), "{}", errs[0]);
}

#[test]
fn an_age_band_that_spans_two_bands_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let line = real_lines()
        .iter()
        .position(|l| l.contains("\"Age 62\""))
        .unwrap()
        + 1;
    let path = variant(dir.path(), line, |l| {
        l.replace("\"Age 62\"", "\"Aged 62-66\"")
    });
    let errs = errors(&path);
    assert_eq!(errs[0].column.as_deref(), Some("C_AGE_NAME"));
    assert_eq!(errs[0].value.as_deref(), Some("Aged 62-66"));
}

#[test]
fn an_unknown_sex_and_a_bad_code_are_both_reported() {
    let dir = tempfile::tempdir().unwrap();
    let line = real_lines()
        .iter()
        .position(|l| l.contains("\"Male\"") && l.contains("\"E07"))
        .unwrap()
        + 1;
    let path = variant(dir.path(), line, |l| {
        l.replace("\"Male\"", "\"Other\"").replace("\"E07", "\"X07")
    });
    let errs = errors(&path);
    let cols: Vec<_> = errs.iter().map(|e| e.column.as_deref().unwrap()).collect();
    assert_eq!(cols, ["GEOGRAPHY_CODE", "GENDER_NAME"], "{errs:?}");
    assert!(errs.iter().all(|e| e.at == Position::Line(line as u64)));
}

#[test]
fn a_repeated_row_is_refused_rather_than_counted_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = real_lines();
    lines.push(lines[100].clone());
    let path = dir.path().join("mye.csv");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let errs = errors(&path);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, ErrorKind::DuplicateId);
    assert!(errs[0].message.contains("line 101"), "{}", errs[0]);
}

#[test]
fn a_bundle_population_file_is_detected_and_others_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("population.csv");
    std::fs::write(
        &bundle,
        "la,locality_id,year,sex,age_band,people,kind\nLincolnshire,,2030,f,85+,1,projection\n",
    )
    .unwrap();
    assert_eq!(ons::detect_format(&bundle), Ok(PopulationFormat::Bundle));
    let other = variant(dir.path(), 1, |l| l.replace("OBS_VALUE", "VALUE"));
    let e = ons::detect_format(&other).expect_err("neither format");
    assert_eq!(e.errors[0].kind, ErrorKind::MissingColumn);
    assert!(e.to_string().contains("OBS_VALUE"), "{e}");
}
