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

/// A national bundle at scale 0.01 in `t`, generated with `seed`.
fn national(t: &tempfile::TempDir, seed: u64) -> std::path::PathBuf {
    let src = t.path().join("national");
    let seed = seed.to_string();
    ok(
        "sqlite::memory:",
        &[
            "generate",
            "--profile",
            "national",
            "--seed",
            &seed,
            "--scale",
            "0.01",
            "--out",
            src.to_str().unwrap(),
        ],
    );
    src
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
    let src = national(&t, 5);
    let dir = src.to_str().unwrap();
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
    // At each council's own date the first pack reads the tables and keeps
    // them as the council's read model; the earlier date reaches back past
    // that model, so it reads the tables again and keeps the longer history;
    // the own date once more is served by that model.
    for la in [councils[0], councils[councils.len() / 2]] {
        for date in [None, Some("2023-09-30"), None] {
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
    let models = counts(&lite.url);
    assert!(
        models.contains(&("read_models".to_string(), 2)),
        "{models:?}"
    );
}

/// The pack a council's read model serves after an import has refreshed it is
/// the pack a database that never had one computes from its tables.
#[test]
fn an_import_refreshes_the_read_models_it_made_stale() {
    let t = tempfile::tempdir().unwrap();
    let src = national(&t, 9);
    let dir = src.to_str().unwrap();
    let ascof = data().join("ascof/ascof_2024_25.ods");
    let ascof = ascof.to_str().unwrap();
    let report = |db: &str| {
        let out = run(
            db,
            &[
                "--log", "info", "report", "--la", "Kent", "--format", "json",
            ],
        );
        assert!(out.status.success());
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let from_model = String::from_utf8_lossy(&out.stderr).contains("source=\"read model\"");
        (json, from_model)
    };

    let kept = sqlite();
    ok(&kept.url, &["import", "bundle", dir]);
    let (before, from_model) = report(&kept.url);
    assert!(!from_model, "the first pack reads the tables");
    assert!(
        report(&kept.url).1,
        "the second is served by the read model"
    );
    let out = ok(&kept.url, &["import", "ascof", ascof]);
    assert!(out.contains("read models refreshed: 1 councils"), "{out}");
    let (after, from_model) = report(&kept.url);
    assert!(from_model, "the refreshed model serves the pack");
    assert_ne!(after, before, "England's figures changed the pack");

    let never = sqlite();
    ok(&never.url, &["import", "bundle", dir]);
    ok(&never.url, &["import", "ascof", ascof]);
    let (from_tables, from_model) = report(&never.url);
    assert!(!from_model);
    assert_eq!(after, from_tables);
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

    // From a database too, with a date or without, and no read model is
    // kept for it.
    let lite = sqlite();
    ok(&lite.url, &["import", "bundle", src.to_str().unwrap()]);
    for at in [&[][..], &["--as-at", "2024-03-31"][..]] {
        let mut args = vec!["report", "--la", "Nowhere"];
        args.extend_from_slice(at);
        let err = bad(&lite.url, &args);
        assert!(err.contains("no council named 'Nowhere'"), "{err}");
    }
    let counts = counts(&lite.url);
    assert!(
        counts.contains(&("read_models".to_string(), 0)),
        "{counts:?}"
    );
}
