//! Section 1, understanding local needs (`needs.*`).

use std::collections::BTreeMap;

use continuum_domain::*;
use serde::Serialize;

use crate::index::{Council, Index};
use crate::stats::median_sorted;
use crate::time::{Window, days};

/// `needs.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Needs {
    #[serde(rename = "needs.population")]
    pub population: Population,
    #[serde(rename = "needs.projected_need")]
    pub projected_need: ProjectedNeed,
    #[serde(rename = "needs.carers_known")]
    pub carers_known: Count,
    #[serde(rename = "needs.gaps")]
    pub gaps: Gaps,
}

/// A plain count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub id: &'static str,
    pub value: u64,
}

/// `needs.population`: people aged 65+ and 85+ now and at two horizons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Population {
    pub id: &'static str,
    pub base_year: i32,
    pub years: Vec<PopulationYear>,
}

/// One year of [`Population`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PopulationYear {
    pub year: i32,
    /// The year whose figures were used (the nearest earlier one when the year
    /// itself is missing); none when there are no figures at all.
    pub source_year: Option<i32>,
    pub people_65_plus: u64,
    pub people_85_plus: u64,
    /// Change from the base year, as a fraction.
    pub change_65_plus: Option<f64>,
    pub change_85_plus: Option<f64>,
}

/// `needs.projected_need`: people × prevalence, per measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectedNeed {
    pub id: &'static str,
    pub measures: BTreeMap<String, Vec<NeedYear>>,
}

/// One year of one prevalence measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedYear {
    pub year: i32,
    pub source_year: Option<i32>,
    pub people: f64,
    pub change: Option<f64>,
}

/// `needs.gaps`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gaps {
    pub id: &'static str,
    /// Raised on or before T and not resolved by T.
    pub open: u64,
    /// Median age of the open gaps, in days.
    pub open_median_age_days: Option<f64>,
    pub resolved_in_year: u64,
}

/// The years figures are given for: T.year, T.year + 5 and T.year + 15.
pub fn horizon_years(t: Date) -> [i32; 3] {
    let y = chrono::Datelike::year(&t);
    [y, y + 5, y + 15]
}

/// The rows to count for a year: whole-council rows when the council has any for
/// that year, otherwise its locality rows (never both, which would count people
/// twice). The year itself is used whenever the council has figures for it (the
/// preferred kind if both an estimate and a projection exist: estimates for the
/// base year, projections for horizons). Only when the year is missing is the
/// nearest earlier year used: of the preferred kind (`metrics.md`: "the nearest
/// earlier projection year"), then of any kind.
fn rows_for_year<'a>(
    c: &Council<'a>,
    year: i32,
    prefer: PopulationKind,
) -> (Option<i32>, Vec<&'a PopulationRow>) {
    let has_year = c.population.iter().any(|r| r.year == year);
    let earlier = |kind: Option<PopulationKind>| {
        c.population
            .iter()
            .filter(|r| r.year < year && kind.is_none_or(|k| r.kind == k))
            .map(|r| r.year)
            .max()
    };
    let source = if has_year {
        Some(year)
    } else {
        earlier(Some(prefer)).or_else(|| earlier(None))
    };
    let Some(source) = source else {
        return (None, Vec::new());
    };
    let of_year = c.population.iter().copied().filter(|r| r.year == source);
    let kind = if of_year.clone().any(|r| r.kind == prefer) {
        prefer
    } else {
        of_year.clone().map(|r| r.kind).next().unwrap_or(prefer)
    };
    let rows: Vec<&PopulationRow> = of_year.filter(|r| r.kind == kind).collect();
    let whole: Vec<&PopulationRow> = rows
        .iter()
        .copied()
        .filter(|r| r.locality_id.is_none())
        .collect();
    (Some(source), if whole.is_empty() { rows } else { whole })
}

fn change(now: f64, base: f64) -> Option<f64> {
    (base > 0.0).then(|| (now - base) / base)
}

fn population(c: &Council<'_>, t: Date) -> Population {
    let years = horizon_years(t);
    let mut out: Vec<PopulationYear> = Vec::new();
    for (i, &year) in years.iter().enumerate() {
        let prefer = if i == 0 {
            PopulationKind::Estimate
        } else {
            PopulationKind::Projection
        };
        let (source_year, rows) = rows_for_year(c, year, prefer);
        let sum = |f: fn(AgeBand) -> bool| {
            rows.iter()
                .filter(|r| f(r.age_band))
                .map(|r| r.people)
                .sum::<u64>()
        };
        let p65 = sum(AgeBand::is_65_plus);
        let p85 = sum(|b| b == AgeBand::A85Plus);
        let (b65, b85) = out
            .first()
            .map_or((p65, p85), |b| (b.people_65_plus, b.people_85_plus));
        out.push(PopulationYear {
            year,
            source_year,
            people_65_plus: p65,
            people_85_plus: p85,
            change_65_plus: change(p65 as f64, b65 as f64),
            change_85_plus: change(p85 as f64, b85 as f64),
        });
    }
    Population {
        id: "needs.population",
        base_year: years[0],
        years: out,
    }
}

fn projected_need(ix: &Index<'_>, c: &Council<'_>, t: Date) -> ProjectedNeed {
    let mut rates: BTreeMap<&str, Vec<&PrevalenceRow>> = BTreeMap::new();
    for r in &ix.ds.prevalence {
        rates.entry(r.measure.as_str()).or_default().push(r);
    }
    let mut measures = BTreeMap::new();
    for (measure, rs) in rates {
        let mut v: Vec<NeedYear> = Vec::new();
        for (i, &year) in horizon_years(t).iter().enumerate() {
            let prefer = if i == 0 {
                PopulationKind::Estimate
            } else {
                PopulationKind::Projection
            };
            let (source_year, rows) = rows_for_year(c, year, prefer);
            let people: f64 = rows
                .iter()
                .map(|p| {
                    let rate = rs
                        .iter()
                        .find(|r| r.sex == p.sex && r.age_band == p.age_band)
                        .map_or(0.0, |r| r.rate);
                    p.people as f64 * rate
                })
                .sum();
            let base = v.first().map_or(people, |b| b.people);
            v.push(NeedYear {
                year,
                source_year,
                people,
                change: change(people, base),
            });
        }
        measures.insert(measure.to_string(), v);
    }
    ProjectedNeed {
        id: "needs.projected_need",
        measures,
    }
}

fn gaps(c: &Council<'_>, t: Date) -> Gaps {
    let w = Window::year_to(t);
    let mut ages: Vec<i64> = c
        .gaps
        .iter()
        .filter(|g| g.raised_on <= t && g.resolved_on.is_none_or(|r| r > t))
        .map(|g| days(g.raised_on, t))
        .collect();
    ages.sort_unstable();
    Gaps {
        id: "needs.gaps",
        open: ages.len() as u64,
        open_median_age_days: median_sorted(&ages),
        resolved_in_year: c
            .gaps
            .iter()
            .filter(|g| w.contains_opt(g.resolved_on))
            .count() as u64,
    }
}

/// Computes section 1.
pub fn compute(ix: &Index<'_>, c: &Council<'_>, t: Date) -> Needs {
    Needs {
        population: population(c, t),
        projected_need: projected_need(ix, c, t),
        carers_known: Count {
            id: "needs.carers_known",
            value: c
                .people
                .iter()
                .filter(|p| p.client_type == ClientType::UnpaidCarer)
                .count() as u64,
        },
        gaps: gaps(c, t),
    }
}
