#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Bad input to the CQC API reader, derived from the real Oldham files in a
//! temporary folder: every error must name the file, the position, the field
//! and the value, and say what was expected.

use std::path::{Path, PathBuf};

use continuum_ingest::cqc::api;
use continuum_ingest::{ErrorKind, IngestErrors, Position};
use serde_json::Value;

fn oldham_dir() -> PathBuf {
    continuum_ingest::data_dir().join("cqc/api_oldham")
}

/// A residential home with a current rating, a nursing home rated through the
/// new assessment framework, and a dental practice (not adult social care).
const HOME: &str = "1-109570155";
const ASSESSED: &str = "1-5203053560";
const DENTIST: &str = "1-11177962695";

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn write(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(v).unwrap()).unwrap();
}

/// A copy of the Oldham folder holding only the three locations above.
fn subset() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = oldham_dir();
    let mut list = read(&src.join("locations.json"));
    let keep = [HOME, ASSESSED, DENTIST];
    list["locations"]
        .as_array_mut()
        .unwrap()
        .retain(|l| keep.contains(&l["locationId"].as_str().unwrap()));
    list["total"] = Value::from(keep.len());
    write(&tmp.path().join("locations.json"), &list);
    std::fs::copy(
        src.join("providers.json"),
        tmp.path().join("providers.json"),
    )
    .unwrap();
    std::fs::create_dir(tmp.path().join("location_details")).unwrap();
    for id in keep {
        let name = format!("location_details/location_{id}.json");
        std::fs::copy(src.join(&name), tmp.path().join(&name)).unwrap();
    }
    tmp
}

fn detail(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("location_details/location_{id}.json"))
}

/// Changes one location file and reads the folder, which must fail.
fn fails_after(id: &str, change: impl FnOnce(&mut Value)) -> (IngestErrors, PathBuf) {
    let tmp = subset();
    let file = detail(tmp.path(), id);
    let mut v = read(&file);
    change(&mut v);
    write(&file, &v);
    let errors = api::read_dir(tmp.path()).expect_err("the reader should refuse the change");
    (errors, file)
}

#[test]
fn the_untouched_subset_reads_cleanly() {
    let tmp = subset();
    let (batch, warnings) = api::read_dir(tmp.path()).unwrap();
    assert_eq!(batch.locations.len(), 2);
    assert_eq!(
        batch.skipped,
        vec![("not adult social care".to_string(), 1)]
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn broken_json_names_the_file_and_the_line() {
    let tmp = subset();
    let file = detail(tmp.path(), HOME);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("\"careHome\": \"Y\",", "\"careHome\": \"Y\"", 1),
    )
    .unwrap();
    let errors = api::read_dir(tmp.path()).unwrap_err();
    let e = &errors.errors[0];
    assert_eq!(e.kind, ErrorKind::BadStructure);
    assert_eq!(e.at, Position::Line(3));
    let msg = errors.to_string();
    assert!(
        msg.contains(&format!("location_{HOME}.json, line 3")),
        "{msg}"
    );
    assert!(msg.contains("expected valid JSON"), "{msg}");
}

#[test]
fn a_truncated_file_is_reported_as_truncated() {
    let tmp = subset();
    let file = detail(tmp.path(), ASSESSED);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, &text[..text.len() / 2]).unwrap();
    let errors = api::read_dir(tmp.path()).unwrap_err();
    assert_eq!(errors.errors[0].kind, ErrorKind::Truncated);
    assert!(
        errors
            .to_string()
            .contains(&format!("location_{ASSESSED}.json"))
    );
}

#[test]
fn an_unknown_rating_word_names_the_json_path_and_the_value() {
    let (errors, _) = fails_after(HOME, |v| {
        v["currentRatings"]["overall"]["rating"] = Value::from("Excellent");
    });
    let msg = errors.to_string();
    let want = format!(
        "location_{HOME}.json, at $.currentRatings.overall.rating, column 'rating', \
         value 'Excellent': expected a CQC rating"
    );
    assert!(msg.contains(&want), "{msg}");
}

#[test]
fn an_unknown_key_question_in_a_historic_rating_is_refused() {
    let (errors, _) = fails_after(HOME, |v| {
        v["historicRatings"][1]["overall"]["keyQuestionRatings"][2]["name"] = Value::from("Kind");
    });
    let msg = errors.to_string();
    assert!(
        msg.contains("at $.historicRatings[1].overall.keyQuestionRatings[2].name, column 'name', value 'Kind': expected a key question"),
        "{msg}"
    );
}

#[test]
fn a_day_first_registration_date_names_the_field_and_the_value() {
    let (errors, _) = fails_after(HOME, |v| {
        v["registrationDate"] = Value::from("07/12/2010");
    });
    let msg = errors.to_string();
    assert!(
        msg.contains("at $.registrationDate, column 'registrationDate', value '07/12/2010': expected a date written YYYY-MM-DD"),
        "{msg}"
    );
}

#[test]
fn a_bad_assessment_publication_time_is_refused() {
    let (errors, _) = fails_after(ASSESSED, |v| {
        v["assessment"][0]["assessmentPlanPublishedDateTime"] = Value::from("17 Sept 2024");
    });
    let msg = errors.to_string();
    assert!(
        msg.contains("$.assessment[0].assessmentPlanPublishedDateTime, column 'assessmentPlanPublishedDateTime', value '17 Sept 2024'"),
        "{msg}"
    );
}

#[test]
fn a_quality_statement_score_off_the_scale_is_refused() {
    let (errors, _) = fails_after(ASSESSED, |v| {
        let kq = &mut v["assessment"][0]["ratings"]["asgRatings"][0]["keyQuestionRatings"][1];
        kq["topicareas"][0]["qualityStatementscore"] = Value::from("7 - Beyond outstanding");
    });
    let msg = errors.to_string();
    assert!(
        msg.contains("keyQuestionRatings[1].topicareas[0].qualityStatementscore"),
        "{msg}"
    );
    assert!(msg.contains("value '7 - Beyond outstanding'"), "{msg}");
    assert!(
        msg.contains("expected a quality statement score from 1 to 4"),
        "{msg}"
    );
}

#[test]
fn a_negative_bed_count_names_the_json_path() {
    let (errors, _) = fails_after(HOME, |v| v["numberOfBeds"] = Value::from(-3));
    let e = &errors.errors[0];
    assert_eq!(e.at, Position::JsonPath("$.numberOfBeds".into()));
    assert_eq!(e.column.as_deref(), Some("numberOfBeds"));
    assert_eq!(e.value.as_deref(), Some("-3"));
    assert!(e.message.contains("expected u32"), "{}", e.message);
}

#[test]
fn a_detail_filed_under_another_id_is_refused() {
    let (errors, _) = fails_after(HOME, |v| v["locationId"] = Value::from("1-999"));
    let msg = errors.to_string();
    assert!(
        msg.contains(&format!(
            "at $.locationId, column 'locationId', value '1-999': expected '{HOME}'"
        )),
        "{msg}"
    );
}

#[test]
fn a_listed_location_without_its_detail_file_is_an_error() {
    let tmp = subset();
    let file = detail(tmp.path(), ASSESSED);
    std::fs::remove_file(&file).unwrap();
    let errors = api::read_dir(tmp.path()).unwrap_err();
    assert_eq!(errors.errors[0].kind, ErrorKind::Io);
    assert_eq!(errors.errors[0].file, file);
    assert!(errors.to_string().contains("the file does not exist"));
}

#[test]
fn a_folder_without_locations_json_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let errors = api::read_dir(tmp.path()).unwrap_err();
    let msg = errors.to_string();
    assert!(
        msg.contains("locations.json: the file does not exist"),
        "{msg}"
    );
}

#[test]
fn a_location_that_is_not_adult_social_care_is_only_checked_for_its_directorate() {
    let tmp = subset();
    let file = detail(tmp.path(), DENTIST);
    let mut v = read(&file);
    v["numberOfBeds"] = Value::from("several");
    write(&file, &v);
    assert!(api::read_dir(tmp.path()).is_ok());
    v.as_object_mut().unwrap().remove("inspectionDirectorate");
    write(&file, &v);
    let msg = api::read_dir(tmp.path()).unwrap_err().to_string();
    assert!(msg.contains("at $.inspectionDirectorate"), "{msg}");
}

#[test]
fn errors_in_several_files_are_reported_together() {
    let tmp = subset();
    for id in [HOME, ASSESSED] {
        let file = detail(tmp.path(), id);
        let mut v = read(&file);
        v["registrationStatus"] = Value::from("Sleeping");
        write(&file, &v);
    }
    let errors = api::read_dir(tmp.path()).unwrap_err();
    assert_eq!(errors.errors.len(), 2);
    assert!(
        errors
            .errors
            .iter()
            .all(|e| e.value.as_deref() == Some("Sleeping"))
    );
}

#[test]
fn a_location_listed_twice_is_a_duplicate() {
    let tmp = subset();
    let path = tmp.path().join("locations.json");
    let mut list = read(&path);
    let first = list["locations"][0].clone();
    list["locations"].as_array_mut().unwrap().push(first);
    write(&path, &list);
    let errors = api::read_dir(tmp.path()).unwrap_err();
    assert_eq!(errors.errors[0].kind, ErrorKind::DuplicateId);
    assert_eq!(
        errors.errors[0].at,
        Position::JsonPath("$.locations[3].locationId".into())
    );
}
