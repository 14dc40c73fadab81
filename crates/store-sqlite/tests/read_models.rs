//! Read models on SQLite: on a national bundle they give every council's
//! pack rows as the tables do, and a damaged one is rebuilt, not trusted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::open;
use continuum_domain::{Dataset, LaName};
use continuum_store::{ImportSource, PackSource, Scope, Store};

fn source() -> ImportSource {
    ImportSource {
        kind: "bundle".into(),
        name: "test".into(),
        digest: None,
    }
}

fn from_model(source: &PackSource) -> bool {
    matches!(source, PackSource::ReadModel)
}

/// The conformance fixture imported, and its council with a pack's history.
async fn anyshire(store: &dyn Store) -> (LaName, continuum_domain::Date) {
    store
        .import_dataset(&continuum_store::conformance::fixture(), &source())
        .await
        .unwrap();
    let la = LaName::parse("Anyshire").unwrap();
    (la, continuum_domain::parse_date("2022-04-01").unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_councils_read_model_gives_the_rows_the_tables_give() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = open(&dir).await;
    let opts = continuum_synth::Options {
        profile: continuum_synth::Profile::National,
        seed: 3,
        scale: 0.01,
    };
    let ds: Dataset = continuum_synth::generate(&opts, &|_| {}).unwrap();
    store.import_dataset(&ds, &source()).await.unwrap();
    let mut checked = 0;
    for a in ds.authorities.iter().filter(|a| a.as_at.is_some()).take(12) {
        let since = a.as_at.unwrap() - chrono::Duration::days(3 * 365);
        let tables = store
            .load_dataset(&Scope::CouncilSince(a.la.clone(), since))
            .await
            .unwrap();
        let first = store.load_pack_rows(&a.la, since, true).await.unwrap();
        assert!(!from_model(&first.source), "{}: no model yet", a.la);
        let second = store.load_pack_rows(&a.la, since, true).await.unwrap();
        assert!(from_model(&second.source), "{}: the model is kept", a.la);
        assert_eq!(second.dataset, tables, "{}", a.la);
        assert!(!tables.placements.is_empty() && !tables.reviews.is_empty());
        checked += 1;
    }
    assert_eq!(checked, 12);
    assert_eq!(store.read_models().await.unwrap().len(), 12);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_read_model_is_rebuilt_from_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = open(&dir).await;
    let (la, since) = anyshire(&store).await;
    let tables = store
        .load_pack_rows(&la, since, true)
        .await
        .unwrap()
        .dataset;

    // Half the model's bytes, as a torn write or a hand edit might leave it.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute(
        "update read_models set body = substr(body, 1, length(body) / 2)",
        [],
    )
    .unwrap();
    drop(c);

    let rows = store.load_pack_rows(&la, since, true).await.unwrap();
    assert!(
        matches!(rows.source, PackSource::Tables { kept: Some(Ok(_)) }),
        "{:?}",
        rows.source
    );
    assert_eq!(rows.dataset, tables);
    let again = store.load_pack_rows(&la, since, true).await.unwrap();
    assert!(from_model(&again.source));
    assert_eq!(again.dataset, tables);
}

/// A migration may change stored data without an import: applying one
/// deletes the read models, and migrating with nothing to apply keeps them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applying_a_migration_deletes_the_read_models() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = open(&dir).await;
    let (la, since) = anyshire(&store).await;
    store.load_pack_rows(&la, since, true).await.unwrap();
    store.migrate().await.unwrap();
    assert_eq!(
        store.read_models().await.unwrap().len(),
        1,
        "nothing applied"
    );

    // Migration 4 rebuilds tables with their rows, so it can run again: as
    // if it were new to this database.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute("delete from _sqlx_migrations where version = 4", [])
        .unwrap();
    drop(c);
    store.migrate().await.unwrap();
    assert!(store.read_models().await.unwrap().is_empty());
    let rows = store.load_pack_rows(&la, since, false).await.unwrap();
    assert!(matches!(rows.source, PackSource::Tables { kept: None }));
    assert!(!rows.dataset.placements.is_empty(), "the rows survived it");
}
