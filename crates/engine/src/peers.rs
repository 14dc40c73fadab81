//! Peer benchmarking: where a council ranks among all councils and among its
//! neighbours, for each figure every council has.

use rustc_hash::FxHashMap as HashMap;

use continuum_domain::{Dataset, Date, LaName, OnsCode, Polarity};
use serde::Serialize;

use crate::Pack;
use crate::compare::AscofMeasure;
use crate::index::Index;

/// A council's place on one figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rank {
    pub metric_id: String,
    pub value: f64,
    /// 1 is the best (by polarity) or, where there is no polarity, the highest.
    pub rank: usize,
    pub of: usize,
    /// The council's place among itself and its neighbours.
    pub rank_among_neighbours: Option<usize>,
    /// How many that is: the neighbours with a figure, plus the council.
    pub of_neighbours: usize,
    pub best_first: &'static str,
}

fn rank_of(value: f64, values: &[f64], lower_first: bool) -> usize {
    1 + values
        .iter()
        .filter(|v| {
            if lower_first {
                **v < value
            } else {
                **v > value
            }
        })
        .count()
}

fn make(
    metric_id: String,
    mine: f64,
    all: &[f64],
    near: &[f64],
    polarity: Option<Polarity>,
) -> Rank {
    let lower = polarity == Some(Polarity::LowerBetter);
    Rank {
        metric_id,
        value: mine,
        rank: rank_of(mine, all, lower),
        of: all.len(),
        rank_among_neighbours: (!near.is_empty()).then(|| rank_of(mine, near, lower)),
        of_neighbours: if near.is_empty() { 0 } else { near.len() + 1 },
        best_first: match polarity {
            Some(Polarity::HigherBetter) => "higher_is_better",
            Some(Polarity::LowerBetter) => "lower_is_better",
            None => "highest_first",
        },
    }
}

/// ASCOF ranks for one council: every council has ASCOF figures, so these work
/// even when only one council's own data is loaded.
pub fn ascof_ranks(
    ix: &Index<'_>,
    la: &LaName,
    ons: &OnsCode,
    t: Date,
    measures: &[AscofMeasure],
) -> Vec<Rank> {
    let neighbours: Vec<&OnsCode> = ix
        .councils
        .get(la.as_str())
        .map(|c| c.neighbours())
        .unwrap_or_default()
        .iter()
        .filter_map(|n| {
            ix.councils
                .get(n.as_str())
                .and_then(|c| c.authority)
                .map(|a| &a.ons_code)
        })
        .collect();
    let mut out = Vec::new();
    for m in measures {
        let rows: Vec<_> = ix
            .ascof_of(&m.code)
            .iter()
            .filter(|v| v.year.end_date() <= t)
            .collect();
        let Some(year) = rows
            .iter()
            .filter(|v| v.ons_code.as_ref() == Some(ons))
            .map(|v| v.year)
            .max()
        else {
            continue;
        };
        let of_year: Vec<_> = rows
            .iter()
            .filter(|v| v.year == year && v.ons_code.as_ref().is_some_and(is_council))
            .collect();
        let Some(mine) = of_year
            .iter()
            .find(|v| v.ons_code.as_ref() == Some(ons))
            .and_then(|v| v.outcome.value())
        else {
            continue;
        };
        let all: Vec<f64> = of_year.iter().filter_map(|v| v.outcome.value()).collect();
        let near: Vec<f64> = of_year
            .iter()
            .filter(|v| v.ons_code.as_ref().is_some_and(|o| neighbours.contains(&o)))
            .filter_map(|v| v.outcome.value())
            .collect();
        out.push(make(
            format!("market.indicators.ascof_{}", m.code),
            mine,
            &all,
            &near,
            Some(m.polarity),
        ));
    }
    out
}

/// Councils' ONS codes start E06, E08, E09 or E10 (unitary, metropolitan,
/// London, county); regions and England are left out of ranks.
fn is_council(o: &OnsCode) -> bool {
    ["E06", "E08", "E09", "E10"]
        .iter()
        .any(|p| o.as_str().starts_with(p))
}

/// Ranks every pack against all the others on each headline figure they all have.
pub fn rank_all(packs: &mut [Pack], ds: &Dataset) {
    if packs.len() < 2 {
        return;
    }
    let neighbours: HashMap<&str, Vec<&str>> = ds
        .authorities
        .iter()
        .map(|a| {
            (
                a.la.as_str(),
                a.neighbours.iter().map(|n| n.as_str()).collect(),
            )
        })
        .collect();
    for id in crate::flatten::HEADLINES {
        let values: Vec<Option<f64>> = packs
            .iter()
            .map(|p| {
                p.rows
                    .iter()
                    .find(|r| r.metric_id == *id)
                    .and_then(|r| r.value)
            })
            .collect();
        if values.iter().any(Option::is_none) {
            continue;
        }
        let by_la: HashMap<&str, f64> = packs
            .iter()
            .zip(&values)
            .filter_map(|(p, v)| v.map(|v| (p.la.as_str(), v)))
            .collect();
        let all: Vec<f64> = values.iter().flatten().copied().collect();
        let ranks: Vec<Rank> = packs
            .iter()
            .zip(&values)
            .filter_map(|(p, v)| {
                let near: Vec<f64> = neighbours
                    .get(p.la.as_str())
                    .into_iter()
                    .flatten()
                    .filter_map(|n| by_la.get(n).copied())
                    .collect();
                v.map(|v| make((*id).to_string(), v, &all, &near, None))
            })
            .collect();
        for (p, r) in packs.iter_mut().zip(ranks) {
            p.benchmark.push(r);
        }
    }
}
