//! The provider and location register from CQC's real published files, through
//! the real binary, on SQLite and (when configured) PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::Value;

/// Oldham's adult social care locations, counted straight from the raw JSON:
/// the directorate says adult social care, or a deregistered Social Care Org
/// filed under "Unspecified" has a care service type.
fn oldham_expected() -> (usize, usize) {
    const CARE: [&str; 6] = [
        "Nursing homes",
        "Residential homes",
        "Supported housing",
        "Shared lives",
        "Supported living",
        "Homecare agencies",
    ];
    let (mut all, mut registered) = (0, 0);
    for e in std::fs::read_dir(data().join("cqc/api_oldham/location_details")).unwrap() {
        let v: Value = serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap();
        let care = v["gacServiceTypes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| CARE.contains(&g["name"].as_str().unwrap()));
        let asc = v["inspectionDirectorate"] == "Adult social care"
            || (v["inspectionDirectorate"] == "Unspecified"
                && v["type"] == "Social Care Org"
                && care);
        if asc {
            all += 1;
            registered += usize::from(v["registrationStatus"] == "Registered");
        }
    }
    (all, registered)
}

fn oldham_listing(db: &str) -> Vec<Value> {
    let out = ok(
        db,
        &[
            "locations",
            "--la",
            "Oldham",
            "--status",
            "registered",
            "--format",
            "json",
        ],
    );
    serde_json::from_str::<Vec<Value>>(&out).unwrap()
}

fn oldham_story(db: &str) {
    let dir = data().join("cqc/api_oldham");
    ok(db, &["import", "cqc-api", dir.to_str().unwrap()]);
    let (all, registered) = oldham_expected();
    let listed = oldham_listing(db);
    assert_eq!(listed.len(), registered);
    for l in &listed {
        for field in ["service_type", "beds", "rating", "rating_date"] {
            assert!(l.get(field).is_some(), "{field} missing in {l}");
        }
    }
    let rated = listed.iter().filter(|l| l["rating"] != "not_rated").count();
    assert!(
        rated > 0
            && listed
                .iter()
                .filter(|l| l["rating_date"].is_string())
                .count()
                >= rated
    );
    let every: Vec<Value> = serde_json::from_str(&ok(
        db,
        &["locations", "--la", "Oldham", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(every.len(), all, "deregistered locations are kept too");
    // The same file again changes nothing.
    let before = counts(db);
    let again = ok(db, &["import", "cqc-api", dir.to_str().unwrap()]);
    let total = again.lines().last().unwrap_or_default().to_string();
    assert!(
        total.split_whitespace().last() == Some("0"),
        "re-import wrote rows: {again}"
    );
    let after: Vec<_> = counts(db)
        .into_iter()
        .filter(|(t, _)| t != "imports")
        .collect();
    assert_eq!(
        after,
        before
            .into_iter()
            .filter(|(t, _)| t != "imports")
            .collect::<Vec<_>>()
    );
}

#[test]
fn oldham_api_import_lists_the_registered_adult_social_care_locations_on_sqlite() {
    oldham_story(&sqlite().url);
}

#[test]
fn oldham_api_import_lists_the_registered_adult_social_care_locations_on_postgres() {
    let Some(pg) = postgres() else {
        return eprintln!("skipped: TEST_POSTGRES_URL is not set");
    };
    oldham_story(&pg.url);
}

/// Lincolnshire's adult social care locations, from the raw CSV.
fn lincolnshire_expected() -> BTreeSet<String> {
    let mut r = csv::Reader::from_path(data().join("cqc/cqc_latest_ratings_lincolnshire_2026.csv"))
        .unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| {
        h.iter()
            .position(|c| c.trim_start_matches('\u{feff}') == name)
            .unwrap()
    };
    let (id, cat) = (
        col("Location ID"),
        col("Location Primary Inspection Category"),
    );
    r.records()
        .map(|x| x.unwrap())
        .filter(|x| {
            [
                "Residential social care",
                "Community based adult social care services",
            ]
            .contains(&&x[cat])
        })
        .map(|x| x[id].to_string())
        .collect()
}

#[test]
fn lincolnshire_ratings_import_folds_the_long_csv_to_one_row_per_location() {
    let db = sqlite();
    let path = data().join("cqc/cqc_latest_ratings_lincolnshire_2026.csv");
    ok(&db.url, &["import", "cqc-ratings", path.to_str().unwrap()]);
    let listed: Vec<Value> = serde_json::from_str(&ok(
        &db.url,
        &["locations", "--la", "Lincolnshire", "--format", "json"],
    ))
    .unwrap();
    let ids: BTreeSet<String> = listed
        .iter()
        .map(|l| l["location_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, lincolnshire_expected());
}

#[test]
fn the_directory_sample_imports_its_adult_social_care_rows() {
    let db = sqlite();
    let path = data().join("cqc/cqc_directory_sample_20.csv");
    ok(
        &db.url,
        &["import", "cqc-directory", path.to_str().unwrap()],
    );
    let listed: Vec<Value> =
        serde_json::from_str(&ok(&db.url, &["locations", "--format", "json"])).unwrap();
    // From the sample: rows with a location ID whose service types include a care service.
    let mut r = csv::Reader::from_path(&path).unwrap();
    let expected = r
        .records()
        .map(|x| x.unwrap())
        .filter(|x| !x[8].is_empty())
        .filter(|x| {
            [
                "Homecare agencies",
                "Residential homes",
                "Nursing homes",
                "Supported living",
                "Shared lives",
                "Supported housing",
            ]
            .iter()
            .any(|s| x[16].contains(s))
        })
        .count();
    assert_eq!(listed.len(), expected);
}

#[test]
fn real_data_files_are_unchanged() {
    use sha2::Digest;
    let sums = std::fs::read_to_string(data().join("SHA256SUMS")).unwrap();
    let mut checked = 0;
    for line in sums.lines() {
        let (sum, file) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(data().join(file)).unwrap();
        assert_eq!(
            hex::encode(sha2::Sha256::digest(&bytes)),
            sum,
            "{file} changed"
        );
        checked += 1;
    }
    assert!(checked > 400);
}
