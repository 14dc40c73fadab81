#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Bad bundles are refused with errors that name the file, the line, the
//! column and the value, and say what was expected.
//!
//! Lines are worked out from the sample (`bundle_support`): the header is line
//! 1, and each file's rows follow in the order the sample lists them.

mod bundle_support;

use bundle_support::{edit, errors_of, written_sample};
use continuum_ingest::bundle::{BundleContext, read_bundle};
use continuum_ingest::{ErrorKind, IngestError, IngestErrors, Position};

/// The only error, checked for kind, file, line, column and value, and for a
/// message that names all four.
fn only(
    errors: &IngestErrors,
    kind: ErrorKind,
    file: &str,
    line: u64,
    column: &str,
    value: &str,
) -> IngestError {
    assert_eq!(errors.errors.len(), 1, "{errors}");
    let e = errors.errors[0].clone();
    assert_eq!(e.kind, kind, "{e}");
    assert!(e.file.ends_with(file), "{e}");
    assert_eq!(e.at, Position::Line(line), "{e}");
    assert_eq!(e.column.as_deref(), Some(column), "{e}");
    assert_eq!(e.value.as_deref(), Some(value), "{e}");
    let text = e.to_string();
    let named = [
        file.to_string(),
        format!("line {line}"),
        format!("column '{column}'"),
        format!("value '{value}'"),
        "expected".to_string(),
    ];
    for part in named {
        assert!(text.contains(&part), "{part} missing from: {text}");
    }
    e
}

#[test]
fn a_missing_required_column_is_named() {
    let dir = written_sample();
    edit(dir.path(), "requests.csv", ",received_on,", ",received,");
    let errors = errors_of(dir.path());
    assert_eq!(errors.errors.len(), 1, "{errors}");
    let e = &errors.errors[0];
    assert_eq!(e.kind, ErrorKind::MissingColumn);
    assert!(e.file.ends_with("requests.csv"));
    assert_eq!(e.at, Position::Line(1));
    assert_eq!(e.column.as_deref(), Some("received_on"));
    let text = e.to_string();
    assert!(
        text.contains("requests.csv, line 1, column 'received_on'"),
        "{text}"
    );
    assert!(
        text.contains("expected a column named 'received_on'"),
        "{text}"
    );
}

#[test]
fn a_bad_date_is_named() {
    let dir = written_sample();
    edit(dir.path(), "requests.csv", ",2025-01-02,", ",02/01/2025,");
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::BadValue,
        "requests.csv",
        2,
        "received_on",
        "02/01/2025",
    );
    assert!(e.message.contains("YYYY-MM-DD"), "{e}");
}

#[test]
fn an_impossible_date_is_refused() {
    let dir = written_sample();
    edit(dir.path(), "visits.csv", "2024-11-05", "2024-11-31");
    only(
        &errors_of(dir.path()),
        ErrorKind::BadValue,
        "visits.csv",
        2,
        "date",
        "2024-11-31",
    );
}

#[test]
fn an_unknown_vocabulary_word_lists_the_accepted_ones() {
    let dir = written_sample();
    edit(dir.path(), "locations.csv", ",nursing_home,", ",care_home,");
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::BadValue,
        "locations.csv",
        2,
        "service_type",
        "care_home",
    );
    assert!(
        e.message
            .contains("nursing_home, residential_home, homecare"),
        "{e}"
    );
}

#[test]
fn a_dangling_reference_names_the_missing_id() {
    let dir = written_sample();
    edit(dir.path(), "reviews.csv", ",PL2,", ",PL9,");
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::DanglingReference,
        "reviews.csv",
        2,
        "placement_id",
        "PL9",
    );
    assert!(e.message.contains("'PL9' is not there"), "{e}");
    assert!(e.message.contains("placements.csv"), "{e}");
}

#[test]
fn a_council_missing_from_authority_csv_is_a_dangling_reference() {
    let dir = written_sample();
    edit(dir.path(), "fees.csv", "Medway,", "Medway Towns,");
    only(
        &errors_of(dir.path()),
        ErrorKind::DanglingReference,
        "fees.csv",
        2,
        "la",
        "Medway Towns",
    );
    // The database may know it already.
    let mut ctx = BundleContext::default();
    ctx.known_authorities
        .insert("Medway Towns".parse().unwrap());
    assert!(read_bundle(dir.path(), &ctx).is_ok());
}

#[test]
fn a_locality_of_another_council_is_a_dangling_reference() {
    let dir = written_sample();
    // G1 is Medway's; make it name a locality Medway does not have.
    edit(dir.path(), "gaps.csv", ",HOO,", ",ZZZ,");
    only(
        &errors_of(dir.path()),
        ErrorKind::DanglingReference,
        "gaps.csv",
        2,
        "locality_id",
        "ZZZ",
    );
}

#[test]
fn a_duplicate_id_names_the_first_line() {
    let dir = written_sample();
    // P2 (line 3) becomes a second P1 (line 2).
    edit(dir.path(), "people.csv", "P2,Medway", "P1,Medway");
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::DuplicateId,
        "people.csv",
        3,
        "person_id",
        "P1",
    );
    assert!(e.message.contains("already on line 2"), "{e}");
}

#[test]
fn a_duplicate_composite_key_is_refused() {
    let dir = written_sample();
    // The two QA1 rows differ only by standard; make them the same.
    edit(dir.path(), "quality_assessments.csv", ",Medication,", ",,");
    only(
        &errors_of(dir.path()),
        ErrorKind::DuplicateId,
        "quality_assessments.csv",
        3,
        "assessment_id, domain, standard",
        "QA1 / Safe / ",
    );
}

#[test]
fn a_truncated_file_is_an_error_not_a_short_row() {
    let dir = written_sample();
    let path = dir.path().join("placements.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    // Cut the last record (PL2, line 3) in the middle of its start_date.
    let cut = text.rfind(",2024-06-01,").unwrap() + ",2024-0".len();
    std::fs::write(&path, &text[..cut]).unwrap();
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::Truncated,
        "placements.csv",
        3,
        "start_date",
        "2024-0",
    );
    assert!(e.message.contains("expected 13 fields"), "{e}");
}

#[test]
fn a_short_row_in_the_middle_is_an_error_too() {
    let dir = written_sample();
    edit(
        dir.path(),
        "localities.csv",
        "Medway,CHA,\"Chatham, \"\"old\"\" town\",N\n",
        "Medway,CHA\n",
    );
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::BadStructure,
        "localities.csv",
        2,
        "locality_id",
        "CHA",
    );
    assert!(e.message.contains("expected 4 fields"), "{e}");
}

#[test]
fn a_byte_that_is_not_utf8_is_named_by_line_and_column() {
    let dir = written_sample();
    let path = dir.path().join("localities.csv");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(3).position(|w| w == b"Pen").unwrap() + 3;
    bytes[at] = 0xE9; // Latin-1 'é' in "Peninsula" (line 3, column name)
    std::fs::write(&path, bytes).unwrap();
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::NotUtf8,
        "localities.csv",
        3,
        "name",
        "Hoo Pen\u{FFFD}nsula",
    );
    assert!(e.message.contains("0xE9"), "{e}");
}

#[test]
fn an_unknown_column_is_a_warning_and_the_rest_is_read() {
    let dir = written_sample();
    edit(dir.path(), "visits.csv", ",kind\n", ",kind,notes\n");
    edit(
        dir.path(),
        "visits.csv",
        ",follow_up\n",
        ",follow_up,rang ahead\n",
    );
    let (ds, warnings) = read_bundle(dir.path(), &BundleContext::default()).unwrap();
    assert_eq!(ds, bundle_support::sample());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0].to_string();
    assert!(
        w.contains("visits.csv, line 1") && w.contains("unknown column 'notes'"),
        "{w}"
    );
}

#[test]
fn a_placement_out_of_area_must_say_why() {
    let dir = written_sample();
    edit(dir.path(), "placements.csv", ",Y,family\n", ",Y,\n");
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::BadValue,
        "placements.csv",
        2,
        "ooa_reason",
        "",
    );
    assert!(e.message.contains("1-300 is in Kent"), "{e}");
}

#[test]
fn errors_are_collected_across_files_up_to_the_limit() {
    let dir = written_sample();
    edit(dir.path(), "visits.csv", "2024-11-05", "5 Nov 2024");
    let mut people = std::fs::read_to_string(dir.path().join("people.csv")).unwrap();
    for i in 0..60 {
        people.push_str(&format!("X{i},Medway,19x0,f,,,service_user,,,\n"));
    }
    std::fs::write(dir.path().join("people.csv"), people).unwrap();
    let errors = errors_of(dir.path());
    assert_eq!(errors.errors.len(), IngestErrors::LIMIT);
    assert!(errors.truncated);
    let files: Vec<_> = errors
        .errors
        .iter()
        .map(|e| e.file.file_name().unwrap().to_owned())
        .collect();
    assert!(files.iter().any(|f| f == "visits.csv"), "{errors}");
    assert!(files.iter().any(|f| f == "people.csv"), "{errors}");
    // People rows start on line 4 (header, P1, P2).
    let first = errors
        .errors
        .iter()
        .find(|e| e.file.ends_with("people.csv"))
        .unwrap();
    assert_eq!(first.at, Position::Line(4));
}

#[test]
fn a_missing_authority_file_is_an_error() {
    let dir = written_sample();
    std::fs::remove_file(dir.path().join("authority.csv")).unwrap();
    let errors = errors_of(dir.path());
    assert!(
        errors
            .errors
            .iter()
            .any(|e| e.kind == ErrorKind::Io && e.file.ends_with("authority.csv")),
        "{errors}"
    );
}

#[test]
fn lines_stay_right_after_a_record_that_spans_two_lines() {
    let dir = written_sample();
    // S1's reason holds a newline, so S1 takes lines 2 and 3; a copy of it
    // starts on line 4.
    let path = dir.path().join("sanctions.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let row = text.split_once('\n').unwrap().1.to_string();
    assert_eq!(row.lines().count(), 2, "{row}");
    std::fs::write(&path, format!("{text}{row}")).unwrap();
    let e = only(
        &errors_of(dir.path()),
        ErrorKind::DuplicateId,
        "sanctions.csv",
        4,
        "sanction_id",
        "S1",
    );
    assert!(e.message.contains("already on line 2"), "{e}");
}
