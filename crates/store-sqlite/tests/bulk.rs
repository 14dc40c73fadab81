//! Large imports on SQLite: written in key order through a rollback journal
//! when the importer has the database to itself, and still all or nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::open;
use continuum_domain::{Dataset, PersonId, ReviewId};
use continuum_store::{ImportSource, Store};

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_council_loads_the_same_on_two_connections_as_on_one() {
    use continuum_domain::{Concern, ConcernId, ConcernKind};
    use continuum_store::{Scope, SqlBackend, ops};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = open(&dir).await;
    let mut ds = national();
    let mut councils: Vec<_> = ds.people.iter().map(|p| p.la.clone()).collect();
    councils.sort();
    councils.dedup();
    let chosen = [
        councils[0].clone(),
        councils[councils.len() / 2].clone(),
        councils[councils.len() - 1].clone(),
    ];
    // For each council, a concern about a location outside its area that
    // none of its placements, contracts or assessments names: such a
    // location is read only once both halves are in.
    let mut only_by_concern = Vec::new();
    for la in &chosen {
        let people: std::collections::HashSet<&str> = ds
            .people
            .iter()
            .filter(|p| p.la == *la)
            .map(|p| p.person_id.as_str())
            .collect();
        let named: std::collections::HashSet<&str> = ds
            .placements
            .iter()
            .filter(|p| people.contains(p.person_id.as_str()))
            .map(|p| p.location_id.as_str())
            .chain(
                ds.contracts
                    .iter()
                    .filter(|c| c.la == *la)
                    .map(|c| c.location_id.as_str()),
            )
            .chain(
                ds.quality_assessments
                    .iter()
                    .filter(|q| q.la == *la)
                    .map(|q| q.location_id.as_str()),
            )
            .collect();
        let far = ds
            .locations
            .iter()
            .find(|l| l.local_authority != *la && !named.contains(l.location_id.as_str()))
            .unwrap()
            .location_id
            .clone();
        only_by_concern.push(Concern {
            concern_id: ConcernId::parse(&format!("far-{}", only_by_concern.len())).unwrap(),
            location_id: far,
            la: la.clone(),
            raised_on: chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
            kind: ConcernKind::Other,
            closed_on: None,
            substantiated: None,
        });
    }
    ds.concerns.extend(only_by_concern.iter().cloned());
    store.import_dataset(&ds, &source()).await.unwrap();
    for (la, concern) in chosen.iter().zip(&only_by_concern) {
        let scope = Scope::Council(la.clone());
        let on_two = store.load_dataset(&scope).await.unwrap();
        let mut tx = store.begin_read().await.unwrap();
        let on_one = ops::load_dataset(&mut tx, &scope).await.unwrap();
        assert!(!on_one.placements.is_empty() && !on_one.people.is_empty());
        // Locations from outside the area, read with the placements, and the
        // one named only by a concern, read last.
        let outside = on_one
            .locations
            .iter()
            .filter(|l| l.local_authority != *la)
            .count();
        assert!(outside >= 2, "{la}: {outside}");
        assert!(
            on_two
                .locations
                .iter()
                .any(|l| l.location_id == concern.location_id),
            "{la}"
        );
        assert_eq!(on_two, on_one, "{la}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_moves_the_generation_on_and_a_read_pair_shares_one() {
    use continuum_store::SqlBackend;
    use continuum_store::ops::Tx;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = open(&dir).await;
    let generation = |tx: &continuum_store_sqlite::SqliteTx| tx.generation().unwrap();
    let (a, b) = store.begin_read_pair().await.unwrap().unwrap();
    let before = generation(&a);
    assert_eq!(generation(&b), before);
    // A write commits while `a` and `b` hold their snapshot.
    store.import_dataset(&national(), &source()).await.unwrap();
    assert_eq!((generation(&a), generation(&b)), (before, before));
    a.rollback().await.unwrap();
    b.rollback().await.unwrap();
    let (c, d) = store.begin_read_pair().await.unwrap().unwrap();
    assert_eq!(generation(&c), before + 1);
    assert_eq!(generation(&d), before + 1);
}
