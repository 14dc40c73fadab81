//! Bad input exits 2, names the file, the place, the field and the value, says
//! what was expected, and leaves the database exactly as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

/// A database holding Oldham's register, and its row counts.
fn loaded() -> (Sqlite, Vec<(String, i64)>) {
    let db = sqlite();
    ok(
        &db.url,
        &[
            "import",
            "cqc-api",
            data().join("cqc/api_oldham").to_str().unwrap(),
        ],
    );
    let c = counts(&db.url);
    (db, c)
}

fn ratings_copy(dir: &std::path::Path, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    let text = std::fs::read_to_string(data().join("cqc/cqc_latest_ratings_lincolnshire_2026.csv"))
        .unwrap();
    let path = dir.join("ratings.csv");
    std::fs::write(&path, edit(&text)).unwrap();
    path
}

#[test]
fn a_missing_file_is_bad_input() {
    let (db, before) = loaded();
    let err = bad(&db.url, &["import", "cqc-ratings", "/no/such/ratings.csv"]);
    assert!(
        err.contains("ratings.csv") && err.contains("does not exist"),
        "{err}"
    );
    assert_eq!(counts(&db.url), before);
}

#[test]
fn an_unknown_rating_word_names_line_column_and_value() {
    let (db, before) = loaded();
    // The third data row (line 4) gets a rating CQC never publishes.
    let path = ratings_copy(db.dir.path(), |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        lines[3] = lines[3].replacen(",Good,", ",Brilliant,", 1);
        lines.join("\n") + "\n"
    });
    let err = bad(&db.url, &["import", "cqc-ratings", path.to_str().unwrap()]);
    assert!(
        err.contains("ratings.csv") && err.contains("line 4"),
        "{err}"
    );
    assert!(
        err.contains("Latest Rating") && err.contains("'Brilliant'"),
        "{err}"
    );
    assert!(err.contains("expected"), "{err}");
    assert_eq!(counts(&db.url), before);
}

#[test]
fn a_malformed_csv_row_is_refused() {
    let (db, before) = loaded();
    let path = ratings_copy(db.dir.path(), |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        lines[10] = "1-123,only,three".into();
        lines.join("\n") + "\n"
    });
    let err = bad(&db.url, &["import", "cqc-ratings", path.to_str().unwrap()]);
    assert!(err.contains("line 11"), "{err}");
    assert_eq!(counts(&db.url), before);
}

#[test]
fn bad_json_names_the_file_and_place() {
    let (db, before) = loaded();
    let dir = db.dir.path().join("api");
    copy_dir(&data().join("cqc/api_oldham"), &dir);
    let victim = dir.join("location_details/location_1-18648277454.json");
    let text = std::fs::read_to_string(&victim).unwrap();
    std::fs::write(
        &victim,
        text.replacen("\"numberOfBeds\": 59", "\"numberOfBeds\": fifty-nine", 1),
    )
    .unwrap();
    let err = bad(&db.url, &["import", "cqc-api", dir.to_str().unwrap()]);
    assert!(err.contains("location_1-18648277454.json"), "{err}");
    assert!(err.contains("line"), "{err}");
    assert_eq!(counts(&db.url), before);
}

#[test]
fn an_unknown_rating_in_the_api_names_the_json_path() {
    let (db, before) = loaded();
    let dir = db.dir.path().join("api");
    copy_dir(&data().join("cqc/api_oldham"), &dir);
    let victim = dir.join("location_details/location_1-18648277454.json");
    let text = std::fs::read_to_string(&victim).unwrap();
    std::fs::write(
        &victim,
        text.replacen("\"rating\": \"Good\"", "\"rating\": \"Splendid\"", 1),
    )
    .unwrap();
    let err = bad(&db.url, &["import", "cqc-api", dir.to_str().unwrap()]);
    assert!(
        err.contains("$.currentRatings") && err.contains("'Splendid'"),
        "{err}"
    );
    assert_eq!(counts(&db.url), before);
}

#[test]
fn a_wrong_url_scheme_names_the_accepted_ones() {
    let err = bad("mysql://root@localhost/test", &["migrate"]);
    assert!(
        err.contains("'mysql'") && err.contains("sqlite://") && err.contains("postgres://"),
        "{err}"
    );
}

#[test]
fn an_unknown_import_kind_is_a_usage_error() {
    let db = sqlite();
    let out = run(&db.url, &["import", "spreadsheet", "x.csv"]);
    assert_eq!(out.status.code(), Some(2));
}
