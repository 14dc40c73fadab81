//! `continuum report`: the evidence pack, from the database or straight from a
//! bundle, as JSON, HTML, CSV or XLSX.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use continuum_domain::{Dataset, Date, LaName};
use continuum_engine::{Options, Pack, Rubric};
use continuum_store::Scope;

use super::{open_store, parse_la};
use crate::cli::{ReportArgs, ReportFormat};
use crate::config::Config;
use crate::failure::BadInput;
use crate::progress;

/// Which councils to report on.
enum Which {
    All,
    One(LaName),
}

pub async fn run(a: ReportArgs, cfg: &Config) -> anyhow::Result<()> {
    let which = if a.la.eq_ignore_ascii_case("all") {
        Which::All
    } else {
        Which::One(parse_la(&a.la)?)
    };
    let as_at = a.as_at.as_deref().map(parse_as_at).transpose()?;
    let opts = options(a.rubric.as_deref())?;
    let pb = progress::spinner("loading the data");
    let started = std::time::Instant::now();
    let (ds, source) = match &a.bundle {
        Some(dir) => (read_bundle(dir.clone()).await?, "files"),
        None => {
            let store = open_store(&cfg.database).await?;
            let scope = match &which {
                Which::All => Scope::All,
                Which::One(la) => one_council(store.as_ref(), la, as_at, &opts).await?,
            };
            match scope {
                Scope::CouncilSince(la, since) => pack_rows(store.as_ref(), &la, since).await?,
                scope => (store.load_dataset(&scope).await?, "tables"),
            }
        }
    };
    let loaded_ms = started.elapsed().as_millis() as u64;
    pb.set_message("computing the evidence pack");
    let packs = tokio::task::spawn_blocking(move || compute(&ds, &which, as_at, &opts))
        .await
        .context("the engine stopped unexpectedly")??;
    pb.finish_and_clear();
    let computed_ms = started.elapsed().as_millis() as u64 - loaded_ms;
    tracing::info!(
        load_ms = loaded_ms,
        compute_ms = computed_ms,
        source,
        "evidence pack computed"
    );
    let bytes = render(&packs, a.format, a.la.eq_ignore_ascii_case("all"))?;
    match &a.out {
        Some(path) => std::fs::write(path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    tracing::info!(councils = packs.len(), "report written");
    Ok(())
}

/// One council's scope for its pack: only the history the pack can use, from
/// the as-at date given or the council's own. A council with neither date
/// loads whole, and the engine says what is missing; a council the database
/// does not hold is bad input here, before any read model is kept for it.
async fn one_council(
    store: &dyn continuum_store::Store,
    la: &LaName,
    as_at: Option<Date>,
    opts: &Options,
) -> anyhow::Result<Scope> {
    let Some(council) = store.authorities().await?.into_iter().find(|a| &a.la == la) else {
        return Err(BadInput(
            continuum_engine::EngineError::UnknownCouncil(la.to_string()).to_string(),
        )
        .into());
    };
    Ok(match as_at.or(council.as_at) {
        Some(t) => Scope::CouncilSince(la.clone(), continuum_engine::history_from(t, opts)),
        None => Scope::Council(la.clone()),
    })
}

/// One council's pack rows: from its read model when that is current, else
/// from the tables, which then become its read model for the next pack.
/// Says which it was: "read model" or "tables".
async fn pack_rows(
    store: &dyn continuum_store::Store,
    la: &LaName,
    since: Date,
) -> anyhow::Result<(Dataset, &'static str)> {
    let rows = store.load_pack_rows(la, since, true).await?;
    rows.source.log_kept();
    Ok((rows.dataset, rows.source.name()))
}

fn parse_as_at(s: &str) -> anyhow::Result<Date> {
    continuum_domain::parse_date(s)
        .map_err(|e| BadInput(format!("--as-at '{s}': expected {e}")).into())
}

fn options(rubric: Option<&Path>) -> anyhow::Result<Options> {
    let mut opts = Options::default();
    if let Some(p) = rubric {
        let text = std::fs::read_to_string(p)
            .map_err(|e| BadInput(format!("--rubric {}: {e}", p.display())))?;
        opts.rubric = Rubric::from_toml(&text)
            .map_err(|e| BadInput(format!("--rubric {}: {e}", p.display())))?;
    }
    Ok(opts)
}

async fn read_bundle(dir: std::path::PathBuf) -> anyhow::Result<Dataset> {
    let ctx = continuum_ingest::bundle::BundleContext::default();
    let (ds, warnings) =
        tokio::task::spawn_blocking(move || continuum_ingest::bundle::read_bundle(&dir, &ctx))
            .await
            .context("the reader stopped unexpectedly")??;
    for w in warnings.iter().take(10) {
        eprintln!("warning: {w}");
    }
    Ok(ds)
}

fn compute(
    ds: &Dataset,
    which: &Which,
    as_at: Option<Date>,
    opts: &Options,
) -> anyhow::Result<Vec<Pack>> {
    let packs = match which {
        Which::All => continuum_engine::evidence_packs(ds, as_at, opts)?,
        Which::One(la) => vec![
            continuum_engine::evidence_pack(ds, la, as_at, opts)
                .map_err(|e| BadInput(e.to_string()))?,
        ],
    };
    Ok(packs)
}

/// Writes the packs. One council gives one object (or page); `--la ALL` gives
/// a list (or the summary page), however many councils there are.
fn render(packs: &[Pack], format: ReportFormat, all: bool) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Json => {
            let mut v = match packs {
                [one] if !all => serde_json::to_vec_pretty(one)?,
                many => serde_json::to_vec_pretty(many)?,
            };
            v.push(b'\n');
            v
        }
        ReportFormat::Html => match packs {
            [one] if !all => continuum_report::html::pack_html(one)?.into_bytes(),
            many => continuum_report::html::summary_html(many)?.into_bytes(),
        },
        ReportFormat::Csv => {
            let mut out = Vec::new();
            continuum_report::csv::write_long_table(packs, &mut out)?;
            out
        }
        ReportFormat::Xlsx => continuum_report::xlsx::workbook(packs)?,
    })
}
