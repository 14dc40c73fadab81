//! The engine: every evidence metric of `spec/metrics.md`, the comparison with
//! England, findings in plain English, peer ranks and the suggested score.
//!
//! Pure functions over a [`Dataset`]: no SQL, no HTTP, no files. The CLI (from
//! a bundle or a database), the web app and the benchmarks all call
//! [`evidence_pack`] or [`evidence_packs`], so the same data always gives the
//! same numbers.

pub mod capacity;
pub mod compare;
pub mod findings;
pub mod flatten;
pub mod format;
pub mod index;
pub mod market;
pub mod needs;
pub mod peers;
pub mod quality;
pub mod risk;
pub mod score;
pub mod stats;
pub mod sustainability;
pub mod time;

use continuum_domain::{Dataset, Date, LaName, OnsCode};
use serde::Serialize;

pub use compare::{AscofMeasure, Variation};
pub use flatten::Row;
pub use index::Index;
pub use score::Rubric;

/// What the engine needs besides the data: the scoring rubric and the facts
/// about ASCOF measures (titles and polarity).
#[derive(Debug, Clone)]
pub struct Options {
    pub rubric: Rubric,
    pub ascof_measures: Vec<AscofMeasure>,
    /// How many years of history trend sparklines show (T, T − 1 year, …).
    pub trend_years: usize,
}

impl Options {
    /// The default rubric, the given ASCOF measures, three years of trend.
    pub fn new(ascof_measures: Vec<AscofMeasure>) -> Self {
        Self {
            rubric: Rubric::default(),
            ascof_measures,
            trend_years: 3,
        }
    }
}

impl Default for Options {
    /// The default rubric, every published ASCOF measure, three years of trend.
    fn default() -> Self {
        Self::new(
            continuum_domain::ascof::measures()
                .iter()
                .map(AscofMeasure::from)
                .collect(),
        )
    }
}

/// The five sections of the reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sections {
    pub needs: needs::Needs,
    pub market: market::Market,
    pub capacity: capacity::Capacity,
    pub quality: quality::Quality,
    pub sustainability: sustainability::Sustainability,
}

/// One figure over the years, oldest first, for sparklines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub metric_id: String,
    pub dates: Vec<Date>,
    pub values: Vec<Option<f64>>,
}

/// The evidence pack of one council at one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pack {
    pub la: LaName,
    pub ons_code: Option<OnsCode>,
    pub as_at: Date,
    pub sections: Sections,
    pub findings: Vec<findings::Finding>,
    pub trend: Vec<Trend>,
    pub benchmark: Vec<peers::Rank>,
    pub score: score::Score,
    /// The long table: every figure, with England and last year where known.
    #[serde(skip)]
    pub rows: Vec<Row>,
}

/// Errors the engine reports: the council is not in the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("no council named '{0}' in the data")]
    UnknownCouncil(String),
    #[error("council '{0}' has no as-at date; give one with --as-at")]
    NoDate(String),
}

fn sections(ix: &Index<'_>, la: &LaName, t: Date, opts: &Options) -> Sections {
    let empty = index::Council::default();
    let c = ix.councils.get(la.as_str()).unwrap_or(&empty);
    Sections {
        needs: needs::compute(ix, c, t),
        market: market::compute(ix, c, t, &opts.ascof_measures),
        capacity: capacity::compute(ix, c, la, t),
        quality: quality::compute(ix, c, t),
        sustainability: sustainability::compute(ix, c, t),
    }
}

/// How a pack's years are computed: one after another (when councils are
/// already spread over the cores), or each on its own thread (one council).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Years {
    InTurn,
    AtOnce,
}

/// One year's sections and their long table.
type Year = (Sections, Vec<Row>);

fn pack(ix: &Index<'_>, la: &LaName, t: Date, opts: &Options, years: Years) -> Pack {
    let earlier: Vec<Date> = (1..opts.trend_years.max(2))
        .map(|k| t - chrono::Duration::days(365 * k as i64))
        .collect();
    // Each year's sections and their long table: the table is flattened from
    // the sections' JSON, which costs about as much as computing them, so it
    // is made on the year's own thread.
    let year = |tk: Date| {
        let sec = sections(ix, la, tk, opts);
        let rows = flatten::rows(la, &sec);
        (sec, rows)
    };
    let ((now, mut rows), before): (Year, Vec<Year>) = match years {
        Years::InTurn => (year(t), earlier.iter().map(|&tk| year(tk)).collect()),
        Years::AtOnce => std::thread::scope(|s| {
            let handles: Vec<_> = earlier
                .iter()
                .map(|&tk| s.spawn(move || year(tk)))
                .collect();
            let now = year(t);
            let before = handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect();
            (now, before)
        }),
    };
    let mut history = vec![(t, rows.clone())];
    for (tk, (_, year_rows)) in earlier.into_iter().zip(before) {
        history.push((tk, year_rows));
    }
    flatten::attach_last_year(&mut rows, &history[1].1);
    let trend = flatten::trends(&history[..opts.trend_years.max(1).min(history.len())]);
    let ons_code = ix
        .councils
        .get(la.as_str())
        .and_then(|c| c.authority)
        .map(|a| a.ons_code.clone());
    let benchmark = ons_code
        .as_ref()
        .map(|o| peers::ascof_ranks(ix, la, o, t, &opts.ascof_measures))
        .unwrap_or_default();
    let score = score::score(&opts.rubric, &rows);
    Pack {
        la: la.clone(),
        ons_code,
        as_at: t,
        findings: findings::write(&now),
        sections: now,
        trend,
        benchmark,
        score,
        rows,
    }
}

/// The date a pack at `t` looks back to: every window of its years (T,
/// T − 365, …) and every date it counts "active at" (those years, and the year
/// before the oldest, for `capacity.long_term_care`) lie after it. So a
/// placement that started and ended on or before it is never counted, except
/// as a request's linked placement; a request closed on or before it counts
/// only through a linked placement starting after it; a review dated on or
/// before it is never counted. A store may leave those out of the council's
/// data (`Scope::CouncilSince`) and the pack is the same.
pub fn history_from(t: Date, opts: &Options) -> Date {
    let years = i64::try_from(opts.trend_years.max(2)).unwrap_or(i64::MAX / 366);
    t - chrono::Duration::days(365 * years)
}

/// The as-at date for a council: the one given, or the council's own.
fn date_for(ix: &Index<'_>, la: &LaName, as_at: Option<Date>) -> Result<Date, EngineError> {
    let c = ix
        .councils
        .get(la.as_str())
        .ok_or_else(|| EngineError::UnknownCouncil(la.to_string()))?;
    let a = c
        .authority
        .ok_or_else(|| EngineError::UnknownCouncil(la.to_string()))?;
    as_at
        .or(a.as_at)
        .ok_or_else(|| EngineError::NoDate(la.to_string()))
}

/// The evidence pack of one council.
pub fn evidence_pack(
    ds: &Dataset,
    la: &LaName,
    as_at: Option<Date>,
    opts: &Options,
) -> Result<Pack, EngineError> {
    let ix = Index::new(ds);
    let t = date_for(&ix, la, as_at)?;
    Ok(pack(&ix, la, t, opts, Years::AtOnce))
}

/// The evidence packs of every council in the data (each at the given date, or
/// its own), ranked against each other. Councils are computed on all cores;
/// the result is in council-name order whatever the scheduling.
pub fn evidence_packs(
    ds: &Dataset,
    as_at: Option<Date>,
    opts: &Options,
) -> Result<Vec<Pack>, EngineError> {
    let ix = Index::new(ds);
    let mut jobs: Vec<(&LaName, Date)> = Vec::new();
    for a in &ds.authorities {
        // Councils without a date (neighbours named only for out-of-area
        // placements) are skipped rather than failing the whole run.
        if let Ok(t) = date_for(&ix, &a.la, as_at) {
            jobs.push((&a.la, t));
        }
    }
    jobs.sort();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Pack)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((la, t)) = jobs.get(i) else { break };
                        out.push((i, pack(&ix, la, *t, opts, Years::InTurn)));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    let mut packs: Vec<Pack> = done.into_iter().map(|(_, p)| p).collect();
    peers::rank_all(&mut packs, ds);
    Ok(packs)
}
