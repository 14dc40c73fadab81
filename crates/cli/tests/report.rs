//! The evidence pack through the binary: from files and from each database,
//! the same JSON.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

fn pack_json(db: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "--la", "Anyshire", "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(db, &args)).unwrap()
}

#[test]
fn the_demo_pack_is_identical_from_files_sqlite_and_postgres() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("demo");
    ok(
        "sqlite::memory:",
        &[
            "generate",
            "--profile",
            "demo",
            "--seed",
            "42",
            "--out",
            src.to_str().unwrap(),
        ],
    );
    let from_files = pack_json("sqlite::memory:", &["--bundle", src.to_str().unwrap()]);
    let lite = sqlite();
    ok(&lite.url, &["import", "bundle", src.to_str().unwrap()]);
    let from_sqlite = pack_json(&lite.url, &[]);
    assert_eq!(from_sqlite, from_files);
    assert!(
        from_files["sections"]["capacity"]["capacity.care_home_occupancy"]["value"]
            .as_f64()
            .unwrap()
            > 0.5
    );
    if let Some(pg) = postgres() {
        ok(&pg.url, &["import", "bundle", src.to_str().unwrap()]);
        assert_eq!(pack_json(&pg.url, &[]), from_files);
    }
}

/// One council's pack from the database reads only the history the pack can
/// use: the pack must be the one computed from the whole bundle, at the
/// council's own date and at an earlier one.
#[test]
fn a_council_pack_from_the_database_equals_the_pack_from_the_files() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("national");
    let dir = src.to_str().unwrap();
    ok(
        "sqlite::memory:",
        &[
            "generate",
            "--profile",
            "national",
            "--seed",
            "5",
            "--scale",
            "0.01",
            "--out",
            dir,
        ],
    );
    let lite = sqlite();
    ok(&lite.url, &["import", "bundle", dir]);
    let authorities = std::fs::read_to_string(src.join("authority.csv")).unwrap();
    let councils: Vec<&str> = authorities
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|la| !la.starts_with('"'))
        .collect();
    let json = |db: &str, la: &str, extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["report", "--la", la, "--format", "json"];
        args.extend_from_slice(extra);
        serde_json::from_str(&ok(db, &args)).unwrap()
    };
    for la in [councils[0], councils[councils.len() / 2]] {
        for date in [None, Some("2023-09-30")] {
            let at: Vec<&str> = date.map(|d| vec!["--as-at", d]).unwrap_or_default();
            let mut files = vec!["--bundle", dir];
            files.extend_from_slice(&at);
            let from_files = json("sqlite::memory:", la, &files);
            assert!(
                from_files["sections"]["capacity"]["capacity.waits"]["all"]["count"]
                    .as_u64()
                    .unwrap()
                    > 0,
                "{la} {date:?}: some waits"
            );
            assert_eq!(json(&lite.url, la, &at), from_files, "{la} {date:?}");
        }
    }
}

#[test]
fn every_format_is_written() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("demo");
    ok(
        "sqlite::memory:",
        &[
            "generate",
            "--profile",
            "demo",
            "--seed",
            "42",
            "--out",
            src.to_str().unwrap(),
        ],
    );
    for (format, check) in [
        ("html", "<h1"),
        ("csv", "la,metric_id,value"),
        ("json", "\"sections\""),
    ] {
        let out = t.path().join(format!("pack.{format}"));
        ok(
            "sqlite::memory:",
            &[
                "report",
                "--la",
                "Anyshire",
                "--bundle",
                src.to_str().unwrap(),
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(
            std::fs::read_to_string(&out).unwrap().contains(check),
            "{format}"
        );
    }
    let xlsx = t.path().join("pack.xlsx");
    ok(
        "sqlite::memory:",
        &[
            "report",
            "--la",
            "Anyshire",
            "--bundle",
            src.to_str().unwrap(),
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(
        &std::fs::read(&xlsx).unwrap()[..2],
        b"PK",
        "an XLSX is a zip"
    );
}

#[test]
fn an_unknown_council_is_bad_input() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("demo");
    ok(
        "sqlite::memory:",
        &[
            "generate",
            "--profile",
            "demo",
            "--seed",
            "42",
            "--out",
            src.to_str().unwrap(),
        ],
    );
    let err = bad(
        "sqlite::memory:",
        &[
            "report",
            "--la",
            "Nowhere",
            "--bundle",
            src.to_str().unwrap(),
        ],
    );
    assert!(err.contains("Nowhere"), "{err}");
}
