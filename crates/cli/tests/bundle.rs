//! Bundles through the binary: generation is deterministic, export and import
//! round-trip row for row on both backends, re-import is a no-op, dry runs
//! write nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::*;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A bundle's rows, each file sorted, so files written in different row
/// orders compare.
fn rows(dir: &Path) -> Vec<(String, Vec<String>)> {
    files(dir)
        .into_iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            let header = lines.remove(0);
            lines.sort();
            lines.insert(0, header);
            (name, lines)
        })
        .collect()
}

fn generate(dir: &Path, profile: &str, seed: &str, scale: &str) {
    ok(
        "sqlite::memory:",
        &[
            "generate",
            "--profile",
            profile,
            "--seed",
            seed,
            "--scale",
            scale,
            "--out",
            dir.to_str().unwrap(),
        ],
    );
}

#[test]
fn the_same_seed_gives_byte_identical_files() {
    let t = tempfile::tempdir().unwrap();
    generate(&t.path().join("a"), "demo", "3", "1");
    generate(&t.path().join("b"), "demo", "3", "1");
    generate(&t.path().join("c"), "demo", "4", "1");
    assert_eq!(files(&t.path().join("a")), files(&t.path().join("b")));
    assert_ne!(files(&t.path().join("a")), files(&t.path().join("c")));
}

fn round_trip(db1: &str, db2: &str, profile: &str, scale: &str) {
    let t = tempfile::tempdir().unwrap();
    let (src, out1, out2) = (
        t.path().join("src"),
        t.path().join("out1"),
        t.path().join("out2"),
    );
    generate(&src, profile, "11", scale);
    ok(db1, &["import", "bundle", src.to_str().unwrap()]);
    ok(
        db1,
        &["export", "bundle", out1.to_str().unwrap(), "--la", "ALL"],
    );
    assert_eq!(
        rows(&out1),
        rows(&src),
        "export gives back the imported bundle, row for row"
    );
    ok(db2, &["import", "bundle", out1.to_str().unwrap()]);
    ok(
        db2,
        &["export", "bundle", out2.to_str().unwrap(), "--la", "ALL"],
    );
    assert_eq!(
        files(&out2),
        files(&out1),
        "a second round trip is byte-identical"
    );
    // Importing the same bundle again writes nothing.
    let again = ok(db1, &["import", "bundle", src.to_str().unwrap()]);
    assert_eq!(
        again.lines().last().unwrap().split_whitespace().last(),
        Some("0"),
        "{again}"
    );
}

#[test]
fn the_demo_bundle_round_trips_on_sqlite() {
    round_trip(&sqlite().url, &sqlite().url, "demo", "1");
}

#[test]
fn the_small_national_bundle_round_trips_on_sqlite() {
    round_trip(&sqlite().url, &sqlite().url, "national", "0.01");
}

#[test]
fn the_demo_and_small_national_bundles_round_trip_on_postgres() {
    let (Some(a), Some(b)) = (postgres(), postgres()) else {
        return eprintln!("skipped: TEST_POSTGRES_URL is not set");
    };
    round_trip(&a.url, &b.url, "demo", "1");
    let (Some(c), Some(d)) = (postgres(), postgres()) else {
        return;
    };
    round_trip(&c.url, &d.url, "national", "0.01");
}

#[test]
fn a_dry_run_validates_and_writes_nothing() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    generate(&src, "demo", "5", "1");
    let db = sqlite();
    let before = counts(&db.url);
    let out = ok(
        &db.url,
        &["import", "bundle", src.to_str().unwrap(), "--dry-run"],
    );
    assert!(
        out.contains("nothing was written") && out.contains("people"),
        "{out}"
    );
    assert_eq!(counts(&db.url), before);
}

#[test]
fn a_dangling_reference_fails_the_whole_bundle() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    generate(&src, "demo", "5", "1");
    let path = src.join("placements.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = header.iter().position(|c| *c == "person_id").unwrap();
    let mut cells: Vec<String> = lines[5].split(',').map(str::to_string).collect();
    cells[col] = "NO-SUCH-PERSON".into();
    let broken = cells.join(",");
    lines[5] = &broken;
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let db = sqlite();
    let before = counts(&db.url);
    let err = bad(&db.url, &["import", "bundle", src.to_str().unwrap()]);
    assert!(
        err.contains("placements.csv") && err.contains("line 6") && err.contains("NO-SUCH-PERSON"),
        "{err}"
    );
    assert_eq!(counts(&db.url), before);
}
