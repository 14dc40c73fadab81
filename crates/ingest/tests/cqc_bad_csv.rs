#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Bad input to the two CQC CSV readers, derived from the real files in a
//! temporary folder: every error must name the file, the line, the column and
//! the value, and say what was expected.

use std::path::{Path, PathBuf};

use continuum_ingest::cqc::{directory, ratings};
use continuum_ingest::{ErrorKind, IngestErrors, Position};

fn data(name: &str) -> PathBuf {
    continuum_ingest::data_dir().join("cqc").join(name)
}

const RATINGS: &str = "cqc_latest_ratings_lincolnshire_2026.csv";
const DIRECTORY: &str = "cqc_directory_sample_20.csv";

/// The header and rows of a real file.
fn rows(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(data(name)).unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Writes a variant; row `i` of `rows` ends up on line `i + 2`.
fn write(dir: &Path, name: &str, header: &[String], rows: &[Vec<String>]) -> PathBuf {
    let path = dir.join(name);
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    path
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// The index of the first adult social care row with a publication date.
fn first_asc_dated_row(header: &[String], rows: &[Vec<String>]) -> usize {
    let cat = col(header, "Location Primary Inspection Category");
    let date = col(header, "Publication Date");
    rows.iter()
        .position(|r| r[cat] == "Residential social care" && !r[date].is_empty())
        .unwrap()
}

/// Changes one cell of the first dated adult social care row and reads the
/// ratings CSV, which must fail; returns the errors, the file and the line.
fn ratings_fail_with(column: &str, value: &str) -> (IngestErrors, PathBuf, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let (header, mut rows) = rows(RATINGS);
    let i = first_asc_dated_row(&header, &rows);
    rows[i][col(&header, column)] = value.to_string();
    let path = write(tmp.path(), RATINGS, &header, &rows);
    let errors = ratings::read_csv(&path).expect_err("the change should be refused");
    (errors, path, i + 2)
}

#[test]
fn a_day_first_publication_date_names_the_line_column_and_value() {
    let (errors, path, line) = ratings_fail_with("Publication Date", "29/05/2026");
    let msg = errors.to_string();
    let want = format!(
        "{}, line {line}, column 'Publication Date', value '29/05/2026': expected a date written MM/DD/YYYY",
        path.display()
    );
    assert!(msg.contains(&want), "{msg}");
    assert_eq!(errors.errors.len(), 1);
}

#[test]
fn an_unknown_rating_word_in_the_ratings_csv_is_refused() {
    let (errors, path, line) = ratings_fail_with("Latest Rating", "Superb");
    let e = &errors.errors[0];
    assert_eq!((&e.file, &e.at), (&path, &Position::Line(line as u64)));
    assert_eq!(e.column.as_deref(), Some("Latest Rating"));
    assert_eq!(e.value.as_deref(), Some("Superb"));
    assert!(
        e.message.starts_with("expected a CQC rating"),
        "{}",
        e.message
    );
}

#[test]
fn an_unknown_domain_is_refused() {
    let (errors, _, line) = ratings_fail_with("Domain", "Friendly");
    let msg = errors.to_string();
    assert!(
        msg.contains(&format!(
            "line {line}, column 'Domain', value 'Friendly': expected a key question"
        )),
        "{msg}"
    );
}

#[test]
fn a_care_home_flag_that_is_not_y_or_n_is_refused() {
    let (errors, _, line) = ratings_fail_with("Care Home?", "Yes");
    let msg = errors.to_string();
    assert!(
        msg.contains(&format!(
            "line {line}, column 'Care Home?', value 'Yes': expected Y or N"
        )),
        "{msg}"
    );
}

#[test]
fn a_missing_column_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut header, mut rows) = rows(RATINGS);
    let c = col(&header, "Latest Rating");
    header.remove(c);
    for r in &mut rows {
        r.remove(c);
    }
    let path = write(tmp.path(), RATINGS, &header, &rows);
    let errors = ratings::read_csv(&path).unwrap_err();
    assert_eq!(errors.errors.len(), 1);
    let e = &errors.errors[0];
    assert_eq!(e.kind, ErrorKind::MissingColumn);
    assert_eq!(e.column.as_deref(), Some("Latest Rating"));
    let msg = errors.to_string();
    assert!(
        msg.contains(&format!(
            "{}, line 1, column 'Latest Rating'",
            path.display()
        )),
        "{msg}"
    );
}

#[test]
fn a_row_with_an_extra_field_is_malformed() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(data(RATINGS)).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[9].push_str(",surplus");
    let path = tmp.path().join(RATINGS);
    std::fs::write(&path, lines.join("\n")).unwrap();
    let errors = ratings::read_csv(&path).unwrap_err();
    let e = &errors.errors[0];
    assert_eq!(e.at, Position::Line(10));
    assert!(
        e.message
            .contains("expected 28 fields as in the header, found 29"),
        "{}",
        e.message
    );
}

#[test]
fn a_repeated_row_is_a_duplicate() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, mut rows) = rows(RATINGS);
    let i = first_asc_dated_row(&header, &rows);
    let copy = rows[i].clone();
    rows.push(copy);
    let path = write(tmp.path(), RATINGS, &header, &rows);
    let errors = ratings::read_csv(&path).unwrap_err();
    let e = &errors.errors[0];
    assert_eq!(e.kind, ErrorKind::DuplicateId);
    assert_eq!(e.at, Position::Line(rows.len() as u64 + 1));
    assert!(
        e.message
            .contains(&format!("line {} already has it", i + 2)),
        "{}",
        e.message
    );
}

#[test]
fn rows_of_one_location_that_disagree_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, mut rows) = rows(RATINGS);
    let i = first_asc_dated_row(&header, &rows);
    rows[i + 1][col(&header, "Care Home?")] = "N".into();
    let path = write(tmp.path(), RATINGS, &header, &rows);
    let msg = ratings::read_csv(&path).unwrap_err().to_string();
    let want = format!(
        "line {}, column 'Care Home?', value 'N': expected 'Y' as on line {}",
        i + 3,
        i + 2
    );
    assert!(msg.contains(&want), "{msg}");
}

#[test]
fn a_byte_order_mark_at_the_start_is_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(data(RATINGS)).unwrap());
    let path = tmp.path().join(RATINGS);
    std::fs::write(&path, bytes).unwrap();
    let (with_bom, _) = ratings::read_csv(&path).unwrap();
    let (plain, _) = ratings::read_csv(&data(RATINGS)).unwrap();
    assert_eq!(with_bom, plain);
}

#[test]
fn many_bad_rows_are_reported_up_to_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, mut rows) = rows(RATINGS);
    let (cat, date) = (
        col(&header, "Location Primary Inspection Category"),
        col(&header, "Publication Date"),
    );
    for r in rows
        .iter_mut()
        .filter(|r| r[cat] == "Residential social care" && !r[date].is_empty())
    {
        r[date] = "2026-05-29".into();
    }
    let path = write(tmp.path(), RATINGS, &header, &rows);
    let errors = ratings::read_csv(&path).unwrap_err();
    assert_eq!(errors.errors.len(), IngestErrors::LIMIT);
    assert!(errors.truncated);
}

#[test]
fn a_missing_ratings_file_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("nowhere.csv");
    let msg = ratings::read_csv(&path).unwrap_err().to_string();
    assert!(
        msg.contains("nowhere.csv: the file does not exist"),
        "{msg}"
    );
}

#[test]
fn a_directory_without_service_types_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut header, rows) = rows(DIRECTORY);
    let c = col(&header, "Service types");
    header[c] = "Services".into();
    let path = write(tmp.path(), DIRECTORY, &header, &rows);
    let errors = directory::read_csv(&path).unwrap_err();
    assert_eq!(errors.errors[0].kind, ErrorKind::MissingColumn);
    assert!(
        errors
            .to_string()
            .contains("line 1, column 'Service types'")
    );
}

#[test]
fn a_directory_care_row_without_a_location_id_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, mut rows) = rows(DIRECTORY);
    rows[0][col(&header, "CQC Location ID (for office use only)")] = String::new();
    let path = write(tmp.path(), DIRECTORY, &header, &rows);
    let msg = directory::read_csv(&path).unwrap_err().to_string();
    assert!(
        msg.contains("line 2, column 'CQC Location ID (for office use only)', value ''"),
        "{msg}"
    );
}

#[test]
fn a_directory_location_listed_twice_is_a_duplicate() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, mut rows) = rows(DIRECTORY);
    let copy = rows[0].clone();
    rows.push(copy);
    let path = write(tmp.path(), DIRECTORY, &header, &rows);
    let errors = directory::read_csv(&path).unwrap_err();
    let e = &errors.errors[0];
    assert_eq!(e.kind, ErrorKind::DuplicateId);
    assert_eq!(e.value.as_deref(), Some("1-22940471514"));
    assert_eq!(e.at, Position::Line(rows.len() as u64 + 1));
}

#[test]
fn an_unknown_directory_specialism_is_a_warning_not_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, mut rows) = rows(DIRECTORY);
    rows[0][col(&header, "Specialisms/services")] = "Dementia,Juggling".into();
    let path = write(tmp.path(), DIRECTORY, &header, &rows);
    let (batch, warnings) = directory::read_csv(&path).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("'Juggling'"),
        "{}",
        warnings[0]
    );
    let first = batch
        .locations
        .iter()
        .find(|l| l.location_id.as_str() == "1-22940471514")
        .unwrap();
    assert_eq!(
        first.specialisms,
        Some(vec![continuum_domain::Specialism::Dementia])
    );
}
