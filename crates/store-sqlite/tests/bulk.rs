//! Large imports on SQLite: written in key order through a rollback journal
//! when the importer has the database to itself, and still all or nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use continuum_domain::{Dataset, PersonId, ReviewId};
use continuum_store::{DatabaseUrl, ImportSource, Store};
use continuum_store_sqlite::SqliteStore;

/// A national bundle big enough to be written as a bulk import (over
/// 100,000 rows, several tables over 20,000).
fn national() -> Dataset {
    let opts = continuum_synth::Options {
        profile: continuum_synth::Profile::National,
        seed: 7,
        scale: 0.01,
    };
    let ds = continuum_synth::generate(&opts, &|_| {}).unwrap();
    assert!(ds.total_rows() > 100_000 && ds.placements.len() > 20_000);
    ds
}

fn source() -> ImportSource {
    ImportSource {
        kind: "bundle".into(),
        name: "national".into(),
        digest: None,
    }
}

async fn open(dir: &tempfile::TempDir) -> (SqliteStore, std::path::PathBuf) {
    let path = dir.path().join("t.db");
    let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
    let store = SqliteStore::open(&url).await.unwrap();
    store.migrate().await.unwrap();
    (store, path)
}

fn journal_mode(path: &std::path::Path) -> String {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("pragma journal_mode", [], |r| r.get(0))
        .unwrap()
}

fn count(path: &std::path::Path, table: &str) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row(&format!("select count(*) from {table}"), [], |r| r.get(0))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_import_writes_every_row_with_its_council_and_leaves_the_database_in_wal() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = open(&dir).await;
    let ds = national();
    let sum = store.import_dataset(&ds, &source()).await.unwrap();
    assert_eq!(sum.total_written(), ds.total_rows() as u64);
    drop(store);
    assert_eq!(journal_mode(&path), "wal");
    assert_eq!(count(&path, "placements"), ds.placements.len() as i64);
    // Each placement was stored under its person's council, though rows were
    // written in key order rather than file order.
    let c = rusqlite::Connection::open(&path).unwrap();
    let misfiled: i64 = c
        .query_row(
            "select count(*) from placements p join people q on q.person_id = p.person_id where q.la <> p.la",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(misfiled, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_import_that_fails_late_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = open(&dir).await;
    let mut ds = national();
    // A review of a person nobody knows: found only after people, requests
    // and placements have gone in.
    let mut stray = ds.reviews[0].clone();
    stray.review_id = ReviewId::parse("X-RV1").unwrap();
    stray.person_id = PersonId::parse("X-PE1").unwrap();
    ds.reviews.push(stray);
    let err = store.import_dataset(&ds, &source()).await.unwrap_err();
    assert!(err.to_string().contains("no known council"), "{err}");
    drop(store);
    assert_eq!(journal_mode(&path), "wal");
    for table in ["people", "requests", "placements", "reviews", "imports"] {
        assert_eq!(count(&path, table), 0, "{table}");
    }
}
