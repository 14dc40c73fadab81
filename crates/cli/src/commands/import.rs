//! `continuum import KIND PATH`: read, validate every row, then write in one
//! transaction — or, with `--dry-run`, report what would be written.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use continuum_domain::{CqcBatch, Dataset, LaName};
use continuum_ingest::{IngestErrors, Warning, ascof, bundle, cld, cqc, ons};
use continuum_store::{ImportSource, ImportSummary, Store};

use super::{open_store, parse_la};
use crate::cli::{ImportArgs, ImportKind};
use crate::config::Config;
use crate::failure::BadInput;
use crate::progress;

/// What a reader produced, ready for the store.
enum Parsed {
    Cqc(CqcBatch),
    Data(Dataset),
    Ascof(Vec<continuum_domain::AscofValue>),
}

pub async fn run(a: ImportArgs, cfg: &Config) -> anyhow::Result<()> {
    let store = open_store(&cfg.database).await?;
    let started = Instant::now();
    let pb = progress::spinner(format!("reading {}", a.path.display()));
    let (parsed, warnings) = read(&a, store.as_ref()).await?;
    pb.finish_and_clear();
    print_warnings(&warnings);
    let source = ImportSource {
        kind: a.kind.as_str().into(),
        name: display_name(&a.path),
        digest: None,
    };
    if a.dry_run {
        print_dry_run(&parsed);
        return Ok(());
    }
    let rows = parsed_rows(&parsed);
    tracing::info!(kind = a.kind.as_str(), rows, "writing");
    let pb = progress::spinner(format!("writing {rows} rows in one transaction"));
    let summary = match &parsed {
        Parsed::Cqc(b) => store.apply_cqc(b, &source).await,
        Parsed::Data(ds) => store.import_dataset(ds, &source).await,
        Parsed::Ascof(v) => store.import_ascof(v, &source).await,
    }
    .context("the import failed and nothing was written")?;
    pb.finish_and_clear();
    let ms = started.elapsed().as_millis();
    tracing::info!(
        kind = a.kind.as_str(),
        rows_read = summary.total_read(),
        rows_written = summary.total_written(),
        duration_ms = ms as u64,
        "import finished"
    );
    print_summary(&summary);
    if summary.total_written() > 0 {
        refresh_read_models(store.as_ref()).await;
    }
    Ok(())
}

/// Rebuilds the read models the import made stale, so the councils reported
/// on before get their next pack as quickly. The import has committed by
/// now: a failure here only leaves models stale, which are then rebuilt at
/// the next report, so it is a warning.
async fn refresh_read_models(store: &dyn Store) {
    let started = Instant::now();
    let pb = progress::bar(0, "refreshing read models");
    let progress = |done: usize, of: usize| {
        pb.set_length(of as u64);
        pb.set_position(done as u64);
    };
    match store.refresh_read_models(&progress).await {
        Ok(models) if models.is_empty() => pb.finish_and_clear(),
        Ok(models) => {
            pb.finish_and_clear();
            let ms = started.elapsed().as_millis() as u64;
            tracing::info!(
                councils = models.len(),
                duration_ms = ms,
                "read models refreshed"
            );
            println!(
                "read models refreshed: {} councils in {:.1} s",
                models.len(),
                ms as f64 / 1000.0
            );
        }
        Err(e) => {
            pb.finish_and_clear();
            tracing::warn!(error = %e, "read models not refreshed; each is rebuilt at its next report");
            eprintln!(
                "warning: read models not refreshed ({e}); each is rebuilt at its next report"
            );
        }
    }
}

/// The file or folder name only, for the import log.
fn display_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

async fn read(a: &ImportArgs, store: &dyn Store) -> anyhow::Result<(Parsed, Vec<Warning>)> {
    let path = a.path.clone();
    match a.kind {
        ImportKind::CqcApi => {
            blocking(move || cqc::api::read_dir(&path).map(|(b, w)| (Parsed::Cqc(b), w))).await
        }
        ImportKind::CqcRatings => {
            blocking(move || cqc::ratings::read_csv(&path).map(|(b, w)| (Parsed::Cqc(b), w))).await
        }
        ImportKind::CqcDirectory => {
            blocking(move || cqc::directory::read_csv(&path).map(|(b, w)| (Parsed::Cqc(b), w)))
                .await
        }
        ImportKind::Ascof => {
            blocking(move || ascof::read_ods(&path).map(|(v, w)| (Parsed::Ascof(v), w))).await
        }
        ImportKind::Bundle => {
            let ctx = bundle_context(store).await?;
            blocking(move || bundle::read_bundle(&path, &ctx).map(|(d, w)| (Parsed::Data(d), w)))
                .await
        }
        ImportKind::Cld => read_cld(a, store).await,
        ImportKind::Population => read_population(a, store).await,
    }
}

/// Runs a reader off the async threads; readers are CPU-bound.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, IngestErrors> + Send + 'static,
) -> anyhow::Result<T> {
    Ok(tokio::task::spawn_blocking(f)
        .await
        .context("the reader stopped unexpectedly")??)
}

async fn bundle_context(store: &dyn Store) -> anyhow::Result<bundle::BundleContext> {
    let mut ctx = bundle::BundleContext::default();
    for l in store.locations(&Default::default()).await? {
        ctx.known_locations.insert(l.location_id, l.local_authority);
    }
    for a in store.authorities().await? {
        ctx.known_authorities.insert(a.la);
    }
    for l in store.localities().await? {
        ctx.known_localities.insert((l.la, l.locality_id));
    }
    Ok(ctx)
}

async fn require_council(
    store: &dyn Store,
    la: Option<&str>,
    kind: &str,
) -> anyhow::Result<LaName> {
    let name = la.ok_or_else(|| {
        BadInput(format!(
            "import {kind} needs --la NAME: the council the file belongs to"
        ))
    })?;
    let la = parse_la(name)?;
    if !store.council_exists(&la).await? {
        return Err(BadInput(format!(
            "--la '{la}': no such council in the database; import a bundle with its authority.csv row first"
        ))
        .into());
    }
    Ok(la)
}

async fn read_cld(a: &ImportArgs, store: &dyn Store) -> anyhow::Result<(Parsed, Vec<Warning>)> {
    let la = require_council(store, a.la.as_deref(), "cld").await?;
    let mut ctx = cld::CldContext::default();
    for l in store.locations(&Default::default()).await? {
        ctx.known_locations.insert(l.location_id, l.local_authority);
    }
    let path = a.path.clone();
    blocking(move || {
        cld::read_cld(&path, &la, &ctx).map(|(imp, w)| (Parsed::Data(imp.into_dataset()), w))
    })
    .await
}

async fn read_population(
    a: &ImportArgs,
    store: &dyn Store,
) -> anyhow::Result<(Parsed, Vec<Warning>)> {
    let path: PathBuf = a.path.clone();
    let format = {
        let p = path.clone();
        blocking(move || ons::detect_format(&p)).await?
    };
    if format == ons::PopulationFormat::Bundle {
        let p = path.clone();
        return blocking(move || {
            bundle::read_population_csv(&p).map(|(rows, w)| {
                (
                    Parsed::Data(Dataset {
                        population: rows,
                        ..Dataset::default()
                    }),
                    w,
                )
            })
        })
        .await;
    }
    let mut targets = ons::Targets::from_authorities(&store.authorities().await?);
    if let Some(name) = a.la.as_deref() {
        let la = require_council(store, Some(name), "population").await?;
        let locs: Vec<_> = store
            .localities()
            .await?
            .into_iter()
            .filter(|l| l.la == la)
            .collect();
        targets = targets.with_localities(&locs);
    }
    let p = path.clone();
    blocking(move || {
        let (rows, mut warnings) = ons::read_nomis(&p)?;
        let (pop, unmatched) = ons::to_population_rows(&p, &rows, &targets);
        warnings.extend(unmatched);
        Ok((
            Parsed::Data(Dataset {
                population: pop,
                ..Dataset::default()
            }),
            warnings,
        ))
    })
    .await
}

fn parsed_rows(p: &Parsed) -> usize {
    match p {
        Parsed::Cqc(b) => b.locations.len() + b.rating_events.len() + b.quality_statements.len(),
        Parsed::Data(ds) => ds.total_rows(),
        Parsed::Ascof(v) => v.len(),
    }
}

fn print_warnings(warnings: &[Warning]) {
    const SHOWN: usize = 20;
    for w in warnings.iter().take(SHOWN) {
        eprintln!("warning: {w}");
    }
    if warnings.len() > SHOWN {
        eprintln!("warning: … and {} more warnings", warnings.len() - SHOWN);
    }
}

fn print_dry_run(p: &Parsed) {
    println!("dry run: the input is valid; nothing was written");
    match p {
        Parsed::Cqc(b) => {
            println!("{:<28} {:>10}", "locations", b.locations.len());
            println!("{:<28} {:>10}", "rating events", b.rating_events.len());
            println!(
                "{:<28} {:>10}",
                "quality statement scores",
                b.quality_statements.len()
            );
            for (reason, n) in &b.skipped {
                println!("{:<28} {:>10}  ({reason})", "skipped", n);
            }
        }
        Parsed::Data(ds) => {
            for (t, n) in ds.counts().into_iter().filter(|(_, n)| *n > 0) {
                println!("{t:<28} {n:>10}");
            }
        }
        Parsed::Ascof(v) => println!("{:<28} {:>10}", "ascof figures", v.len()),
    }
}

fn print_summary(s: &ImportSummary) {
    println!("{:<28} {:>10} {:>10}", "table", "read", "written");
    for (t, read) in &s.read {
        let written = s
            .written
            .iter()
            .find(|(w, _)| w == t)
            .map_or(0, |(_, n)| *n);
        println!("{t:<28} {read:>10} {written:>10}");
    }
    println!(
        "{:<28} {:>10} {:>10}",
        "total",
        s.total_read(),
        s.total_written()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_log_keeps_only_the_file_name() {
        assert_eq!(
            display_name(Path::new("/home/someone/data/people.csv")),
            "people.csv"
        );
    }
}
