//! The tables whose rows hold several figures: published indicators (value,
//! England, variation, the period before), provider risk (level, score and
//! every reason) and the benchmark ranks.

use continuum_domain::RiskLevel;
use continuum_engine::Pack;
use continuum_engine::peers::Rank;

use super::Tag;
use super::tables::variation_tag;
use crate::describe::{Unit, describe, indicator_title, indicator_unit, metric_of};

/// One published indicator.
#[derive(Debug, Clone)]
pub struct IndicatorRow {
    /// `m-market.indicators.entries.<measure>`, the ID of the long table, findings and ranks.
    pub id: String,
    pub title: String,
    pub period: String,
    pub value: String,
    pub england: String,
    pub variation: Option<Tag>,
    pub previous: String,
    pub change: String,
}

/// The council's published indicators, compared with England.
pub fn indicators(pack: &Pack) -> Vec<IndicatorRow> {
    pack.sections
        .market
        .indicators
        .entries
        .iter()
        .map(|e| {
            let unit = indicator_unit(&e.measure);
            let fmt = |v: Option<f64>| v.map_or_else(String::new, |v| unit.format(v));
            let value = match (e.value, e.missing_reason) {
                (Some(v), _) => unit.format(v),
                (None, Some(why)) => format!("Not published ({why})"),
                (None, None) => "Not published".to_string(),
            };
            let previous = match (&e.last_year, &e.last_year_period) {
                (Some(v), Some(p)) => format!("{} ({p})", unit.format(*v)),
                (Some(v), None) => unit.format(*v),
                _ => String::new(),
            };
            let change = match (e.value, e.last_year) {
                (Some(v), Some(l)) => unit.format_change(v - l).unwrap_or_default(),
                _ => String::new(),
            };
            IndicatorRow {
                id: format!("m-market.indicators.entries.{}", e.measure),
                title: format!("{} ({})", e.title, e.source),
                period: e.period.clone(),
                value,
                england: fmt(e.england_value),
                variation: e.variation.map(|v| {
                    let word = serde_json::to_value(v).ok();
                    variation_tag(word.as_ref().and_then(|w| w.as_str()).unwrap_or(""))
                }),
                previous,
                change,
            }
        })
        .collect()
}

/// One commissioned location with a reason to watch it.
#[derive(Debug, Clone)]
pub struct RiskRow {
    pub id: String,
    pub name: String,
    pub location_id: String,
    pub level: Tag,
    pub score: u32,
    pub reasons: Vec<String>,
}

/// Every commissioned location with at least one risk reason, red first,
/// with every reason; and how many had none.
pub fn risk(pack: &Pack) -> (Vec<RiskRow>, usize) {
    let all = &pack.sections.quality.risk.locations;
    let mut rows: Vec<RiskRow> = all
        .iter()
        .filter(|e| !e.reasons.is_empty())
        .map(|e| RiskRow {
            id: format!("m-quality.risk.locations.{}", e.location_id),
            name: e.name.clone(),
            location_id: e.location_id.to_string(),
            level: level_tag(e.level),
            score: e.score,
            reasons: e
                .reasons
                .iter()
                .map(|r| match (r.always_red, r.points) {
                    (true, _) => format!("{} (always red)", r.text),
                    (false, 1) => format!("{} (1 point)", r.text),
                    (false, p) => format!("{} ({p} points)", r.text),
                })
                .collect(),
        })
        .collect();
    let rank = |t: &Tag| match t.class {
        "red" => 0,
        "amber" => 1,
        _ => 2,
    };
    rows.sort_by(|a, b| {
        rank(&a.level)
            .cmp(&rank(&b.level))
            .then(b.score.cmp(&a.score))
            .then(a.name.cmp(&b.name))
    });
    let none = all.len() - rows.len();
    (rows, none)
}

/// A RAG tag: the colour and the word.
pub fn level_tag(l: RiskLevel) -> Tag {
    match l {
        RiskLevel::Red => Tag::new("red", "Red"),
        RiskLevel::Amber => Tag::new("amber", "Amber"),
        RiskLevel::Green => Tag::new("green", "Green"),
    }
}

/// One benchmark rank.
#[derive(Debug, Clone)]
pub struct BenchRow {
    pub href: String,
    pub label: String,
    pub value: String,
    pub rank: String,
    pub neighbours: String,
    pub order: &'static str,
}

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The label and unit of any metric ID of a pack.
pub fn label_and_unit(pack: &Pack, id: &str) -> (String, Unit) {
    if let Some(measure) = id.strip_prefix("market.indicators.entries.") {
        return (indicator_title(pack, measure), indicator_unit(measure));
    }
    match pack.rows.iter().find(|r| r.metric_id == id) {
        Some(r) => {
            let d = describe(pack, r);
            (d.full_label_with_metric(), d.unit)
        }
        None => {
            let metric = metric_of(id);
            let title = crate::describe::metric_title(metric);
            let label = match id.rsplit_once('.') {
                Some((_, last)) if id != metric => {
                    format!("{title} › {}", crate::describe::word_label(last))
                }
                _ => title,
            };
            (label, crate::describe::unit_of_id(id))
        }
    }
}

/// The ranks of one section's figures.
pub fn benchmark(pack: &Pack, section: &str) -> Vec<BenchRow> {
    let prefix = format!("{section}.");
    pack.benchmark
        .iter()
        .filter(|r| r.metric_id.starts_with(&prefix))
        .map(|r| bench_row(pack, r))
        .collect()
}

fn bench_row(pack: &Pack, r: &Rank) -> BenchRow {
    let (label, unit) = label_and_unit(pack, &r.metric_id);
    BenchRow {
        href: format!("#m-{}", r.metric_id),
        label,
        value: unit.format(r.value),
        rank: format!("{} of {}", ordinal(r.rank), r.of),
        neighbours: neighbour_rank(r),
        order: match r.best_first {
            "higher_is_better" => "Higher is better",
            "lower_is_better" => "Lower is better",
            _ => "Highest first (no better or worse)",
        },
    }
}

/// The rank among the council and its neighbours: the engine ranks the
/// council among its neighbours' figures and its own, so there are one more
/// places than neighbours.
pub fn neighbour_rank(r: &Rank) -> String {
    r.rank_among_neighbours.map_or_else(String::new, |n| {
        format!("{} of {}", ordinal(n), r.of_neighbours + 1)
    })
}
