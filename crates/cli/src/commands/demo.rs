//! `continuum demo`: the demo council on embedded SQLite, with the real national
//! data beside it, and a login for every role, served on the web.
//!
//! The first run builds the database (a few seconds); later runs reuse it.
//! `--reset` starts again from nothing.

use std::path::Path;

use anyhow::Context;
use continuum_domain::{Dataset, LaName, ProviderId};
use continuum_ingest::{ascof, cqc, ons};
use continuum_store::{ImportSource, LocationQuery, Store};

use super::open_store;
use crate::cli::DemoArgs;
use crate::config::Config;
use crate::progress;

/// The seed of the demo council: fixed, so every newcomer sees the same data.
pub const DEMO_SEED: u64 = 42;

pub async fn run(a: DemoArgs, cfg: &Config) -> anyhow::Result<()> {
    if a.reset {
        remove_sqlite_files(&cfg.demo_database)?;
    }
    let store = open_store(&cfg.demo_database).await?;
    let la = LaName::parse(continuum_synth::DEMO_LA).map_err(|e| anyhow::anyhow!("{e}"))?;
    if !store.council_exists(&la).await? {
        load(store.as_ref(), &cfg.data_dir).await?;
    }
    let provider = busiest_provider(store.as_ref(), &la).await?;
    let logins = continuum_web::ensure_demo_users(store.as_ref(), &la, provider)
        .await
        .context("cannot create the demo users")?;
    if a.no_serve {
        println!("demo database ready: {}", cfg.demo_database);
        return Ok(());
    }
    let listen = a.listen.unwrap_or_else(|| cfg.listen.clone());
    print_logins(&logins);
    super::serve::serve_warm(store, &listen, Some(la)).await
}

fn remove_sqlite_files(url: &str) -> anyhow::Result<()> {
    let parsed = continuum_store::DatabaseUrl::parse(url)?;
    if let Some(path) = parsed.sqlite_path() {
        for suffix in ["", "-wal", "-shm"] {
            let p = format!("{path}{suffix}");
            if Path::new(&p).exists() {
                std::fs::remove_file(&p).with_context(|| format!("cannot remove {p}"))?;
            }
        }
    }
    Ok(())
}

/// Builds the demo database: the generated council, then the real files.
async fn load(store: &dyn Store, data: &Path) -> anyhow::Result<()> {
    let pb = progress::spinner("generating the demo council");
    let opts = continuum_synth::Options {
        profile: continuum_synth::Profile::Demo,
        seed: DEMO_SEED,
        scale: 1.0,
    };
    let ds =
        tokio::task::spawn_blocking(move || continuum_synth::generate(&opts, &|_| {})).await??;
    pb.set_message(format!(
        "loading {} rows of the demo council",
        ds.total_rows()
    ));
    store
        .import_dataset(&ds, &source("bundle", "demo council (generated)"))
        .await?;
    pb.finish_and_clear();
    if !data.join("cqc").exists() {
        eprintln!(
            "warning: no real data at {}; the demo runs on the generated council only",
            data.display()
        );
        return Ok(());
    }
    real_data(store, data).await
}

/// Loads the real CQC, ASCOF and ONS files, each as its own import.
async fn real_data(store: &dyn Store, data: &Path) -> anyhow::Result<()> {
    let pb = progress::spinner("loading the real CQC, ASCOF and ONS data");
    let dir = data.to_path_buf();
    let (oldham, lincs, ascof_values, nomis) =
        tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            let (oldham, _) = cqc::api::read_dir(&dir.join("cqc/api_oldham"))?;
            let (lincs, _) =
                cqc::ratings::read_csv(&dir.join("cqc/cqc_latest_ratings_lincolnshire_2026.csv"))?;
            let (values, _) = ascof::read_ods(&dir.join("ascof/ascof_2024_25.ods"))?;
            let path = dir.join("population/ons_mye_2024_lincolnshire.csv");
            let (rows, _) = ons::read_nomis(&path)?;
            Ok((oldham, lincs, values, (path, rows)))
        })
        .await??;
    store
        .apply_cqc(&oldham, &source("cqc-api", "api_oldham"))
        .await?;
    store
        .apply_cqc(
            &lincs,
            &source("cqc-ratings", "cqc_latest_ratings_lincolnshire_2026.csv"),
        )
        .await?;
    store
        .import_ascof(&ascof_values, &source("ascof", "ascof_2024_25.ods"))
        .await?;
    let targets = ons::Targets::from_authorities(&store.authorities().await?);
    let (population, _) = ons::to_population_rows(&nomis.0, &nomis.1, &targets);
    let ds = Dataset {
        population,
        ..Dataset::default()
    };
    store
        .import_dataset(&ds, &source("population", "ons_mye_2024_lincolnshire.csv"))
        .await?;
    pb.finish_and_clear();
    Ok(())
}

fn source(kind: &str, name: &str) -> ImportSource {
    ImportSource {
        kind: kind.into(),
        name: name.into(),
        digest: None,
    }
}

/// The provider with the most locations in the demo council: the demo provider
/// user works for it.
async fn busiest_provider(store: &dyn Store, la: &LaName) -> anyhow::Result<Option<ProviderId>> {
    let locs = store
        .locations(&LocationQuery {
            la: Some(la.clone()),
            ..LocationQuery::default()
        })
        .await?;
    let mut counts: std::collections::BTreeMap<&ProviderId, usize> =
        std::collections::BTreeMap::new();
    for l in &locs {
        *counts.entry(&l.provider_id).or_insert(0) += 1;
    }
    Ok(counts
        .into_iter()
        .max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p)))
        .map(|(p, _)| p.clone()))
}

fn print_logins(logins: &[continuum_web::DemoLogin]) {
    println!("Demo logins (every password is shown once here; the demo is not for real data):");
    let width = logins
        .iter()
        .map(|l| l.role.label().chars().count())
        .max()
        .unwrap_or(0)
        .max("role".len());
    println!("  {:<width$}  {:<14} password", "role", "username");
    for l in logins {
        println!(
            "  {:<width$}  {:<14} {}",
            l.role.label(),
            l.username,
            l.password
        );
    }
}
