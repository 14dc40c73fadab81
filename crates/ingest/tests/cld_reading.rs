#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Reading CLD files: both spellings of the header, bad input, and privacy.

use std::path::{Path, PathBuf};

use continuum_ingest::cld::{CldContext, read_cld};
use continuum_ingest::{ErrorKind, IngestErrors, Position};

fn fixture_text() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cld/submission_small.csv");
    std::fs::read_to_string(p).unwrap()
}

/// `cld_fields.csv`: (spec name, DHSC SQL name) of every field.
fn field_names() -> Vec<(String, String)> {
    let p = continuum_ingest::data_dir().join("cld/cld_fields.csv");
    let mut rdr = csv::Reader::from_path(p).unwrap();
    rdr.records()
        .map(|r| r.unwrap())
        .map(|r| (r[1].to_string(), r[2].to_string()))
        .collect()
}

fn write(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("cld.csv");
    std::fs::write(&p, text).unwrap();
    p
}

fn read(path: &Path) -> Result<continuum_ingest::cld::CldImport, IngestErrors> {
    read_cld(path, &"Medway".parse().unwrap(), &CldContext::default()).map(|(i, _)| i)
}

fn errors(text: &str) -> IngestErrors {
    let dir = tempfile::tempdir().unwrap();
    read(&write(dir.path(), text)).expect_err("expected the file to be refused")
}

#[test]
fn the_dhsc_sql_names_read_the_same_as_the_spec_names() {
    let text = fixture_text();
    let (header, body) = text.split_once('\n').unwrap();
    let mut sql_header = header.to_string();
    for (spec, sql) in field_names() {
        sql_header = sql_header.replace(&format!("{spec},"), &format!("{sql},"));
        if sql_header.ends_with(&spec) {
            sql_header = format!("{}{sql}", &sql_header[..sql_header.len() - spec.len()]);
        }
    }
    assert!(
        sql_header.contains("LA_Person_Unique_Identifier,"),
        "{sql_header}"
    );
    assert!(
        sql_header.contains("Request_Route_of_Access,"),
        "{sql_header}"
    );
    let dir = tempfile::tempdir().unwrap();
    let spec = read(&write(dir.path(), &text)).unwrap();
    let sql = read(&write(dir.path(), &format!("{sql_header}\n{body}"))).unwrap();
    assert_eq!(sql, spec);
}

#[test]
fn every_cld_field_name_is_known_under_both_spellings() {
    for pick in [0, 1] {
        let names: Vec<String> = field_names()
            .into_iter()
            .map(|(spec, sql)| if pick == 0 { spec } else { sql })
            .collect();
        let header = names
            .iter()
            .map(|n| {
                if n.contains(',') {
                    format!("\"{n}\"")
                } else {
                    n.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(",");
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), &format!("{header}\n"));
        let (_, warnings) =
            read_cld(&path, &"Medway".parse().unwrap(), &CldContext::default()).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

#[test]
fn a_missing_required_column_is_named() {
    let text = fixture_text().replacen("Event Type,", "Kind of event,", 1);
    let e = errors(&text);
    let first = &e.errors[0];
    assert_eq!(first.kind, ErrorKind::MissingColumn);
    assert_eq!(first.column.as_deref(), Some("Event Type"));
    assert_eq!(first.at, Position::Line(1));
}

#[test]
fn an_unknown_outcome_is_named_with_its_line_and_the_accepted_values() {
    // REQ4's outcome (line 11).
    let text = fixture_text().replacen("NFA - Support declined", "Sorted", 1);
    let e = errors(&text);
    assert_eq!(e.errors.len(), 1, "{e}");
    let msg = e.errors[0].to_string();
    assert!(
        msg.contains(
            "cld.csv, line 11, column 'Event Outcome', value 'Sorted': expected an Event Outcome"
        ),
        "{msg}"
    );
    assert!(msg.contains("nfa_support_declined"), "{msg}");
}

#[test]
fn a_bad_event_date_is_named() {
    // SRV1's start (line 4).
    let text = fixture_text().replacen(",2024-02-05,,,", ",2024-02-31,,,", 1);
    let e = errors(&text);
    let msg = e.errors[0].to_string();
    assert!(
        msg.contains("line 4, column 'Event Start Date', value '2024-02-31'"),
        "{msg}"
    );
}

const PERSONAL: &[&str] = &[
    "9434765919",
    "9434765870",
    "Ada",
    "Lovelace",
    "Babbage",
    "G82001",
    "ME4 4TR",
    "ME5 7QQ",
    "1938-06-17",
    "26/12/1950",
    "Somerville",
    "Hopper",
    "Turing",
];

#[test]
fn no_name_nhs_number_postcode_practice_or_birth_date_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), &fixture_text());
    let (import, warnings) =
        read_cld(&path, &"Medway".parse().unwrap(), &CldContext::default()).unwrap();
    let out = format!("{import:?}\n{warnings:?}");
    for p in PERSONAL {
        assert!(!out.contains(p), "{p} leaked into the output");
    }
    assert!(out.contains("1938"), "the birth year is kept");
}

#[test]
fn errors_never_show_a_birth_date_or_a_name() {
    // P1's date of birth, made invalid on every P1 row; a name made non-UTF-8.
    let text = fixture_text().replace("1938-06-17", "1938-06-31");
    let mut bytes = text.into_bytes();
    let at = bytes.windows(7).position(|w| w == b"Babbage").unwrap();
    bytes[at + 1] = 0xE1;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cld.csv");
    std::fs::write(&path, bytes).unwrap();
    let e = read(&path).err().unwrap();
    let text = e.to_string();
    assert!(
        text.contains("line 2, column 'Date of Birth', value '(withheld: personal data)'"),
        "{text}"
    );
    assert!(text.contains("line 6, column 'Last Name'"), "{text}");
    assert!(e.errors.iter().any(|x| x.kind == ErrorKind::NotUtf8));
    for p in PERSONAL.iter().chain(&["1938-06-31", "Bbbage"]) {
        assert!(!text.contains(p), "{p} leaked into an error: {text}");
    }
}

#[test]
fn a_truncated_file_is_refused_without_showing_the_cut_row() {
    let text = fixture_text();
    // Cut the last row (line 16) just after its person's surname.
    let cut = text.rfind("Lovelace,").unwrap() + "Lovelace".len();
    let e = errors(&text[..cut]);
    assert_eq!(e.errors.len(), 1, "{e}");
    assert_eq!(e.errors[0].kind, ErrorKind::Truncated);
    assert_eq!(e.errors[0].at, Position::Line(16));
    assert!(!e.to_string().contains("Lovelace"), "{e}");
}

#[test]
fn a_bad_date_of_death_is_named_but_not_shown() {
    // P2's date of death, on lines 6 to 8.
    let text = fixture_text().replace("30/06/2024", "31/06/2024");
    let e = errors(&text);
    let msg = e.errors[0].to_string();
    assert!(
        msg.contains("line 6, column 'Date of Death', value '(withheld: personal data)'"),
        "{msg}"
    );
    assert!(!e.to_string().contains("31/06/2024"), "{e}");
}
