//! The summary of many councils (`--la ALL`): one page ranking every council
//! on its suggested score and its headline figures, each council's name
//! linking to a compact block of its own.

use askama::Template;
use continuum_engine::Pack;
use continuum_engine::flatten::HEADLINES;

use super::Tag;
use super::score::{points_text, score_tag, score_words};
use super::special::{label_and_unit, neighbour_rank, ordinal};
use crate::ReportError;
use crate::charts::svg::slug;
use crate::describe::{SECTIONS, long_date};

/// The figures the ranking table shows, one column each, with short headers.
const COLUMNS: [(&str, &str); 7] = [
    ("capacity.care_home_occupancy", "Care home occupancy"),
    ("capacity.waits.all.median", "Median wait for care"),
    ("capacity.waiting_now.count", "People waiting now"),
    ("capacity.out_of_area.count", "People placed out of area"),
    (
        "quality.rating_mix.good_or_outstanding",
        "Rated good or outstanding",
    ),
    ("quality.visit_coverage", "Visited in the last 12 months"),
    (
        "sustainability.workforce.vacancy_rate",
        "Workforce vacancy rate",
    ),
];

/// A figure and the council's rank on it.
#[derive(Debug, Clone)]
struct Cell {
    label: String,
    value: String,
    rank: String,
    neighbours: String,
}

#[derive(Debug, Clone)]
struct CouncilRow {
    rank: String,
    anchor: String,
    name: String,
    tag: Tag,
    points: String,
    parts: Vec<Tag>,
    cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
struct Block {
    anchor: String,
    name: String,
    as_at: String,
    tag: Tag,
    words: &'static str,
    points: String,
    parts: Vec<(String, Tag, String)>,
    headlines: Vec<Cell>,
    findings: Vec<String>,
}

#[derive(Template)]
#[template(path = "summary.html")]
struct SummaryPage {
    count: usize,
    as_at: String,
    columns: Vec<String>,
    rows: Vec<CouncilRow>,
    blocks: Vec<Block>,
}

fn cell(pack: &Pack, id: &str) -> Cell {
    let (label, unit) = label_and_unit(pack, id);
    let value = pack
        .rows
        .iter()
        .find(|r| r.metric_id == id)
        .and_then(|r| r.value)
        .map_or_else(|| "No data".to_string(), |v| unit.format(v));
    let rank = pack.benchmark.iter().find(|r| r.metric_id == id);
    Cell {
        label,
        value,
        rank: rank.map_or_else(String::new, |r| format!("{} of {}", ordinal(r.rank), r.of)),
        neighbours: rank.map_or_else(String::new, neighbour_rank),
    }
}

fn anchor(pack: &Pack) -> String {
    format!("la-{}", slug(pack.la.as_str()))
}

fn part_tag(pack: &Pack, key: &str) -> Tag {
    score_tag(pack.score.sections.get(key).and_then(|p| p.score))
}

fn block(pack: &Pack) -> Block {
    Block {
        anchor: anchor(pack),
        name: pack.la.to_string(),
        as_at: long_date(pack.as_at),
        tag: score_tag(pack.score.overall.score),
        words: score_words(pack.score.overall.score),
        points: points_text(&pack.score.overall),
        parts: SECTIONS
            .iter()
            .map(|(key, heading)| {
                let part = pack.score.sections.get(*key);
                (
                    (*heading).to_string(),
                    part_tag(pack, key),
                    part.map_or_else(String::new, points_text),
                )
            })
            .collect(),
        headlines: HEADLINES.iter().map(|id| cell(pack, id)).collect(),
        findings: pack.findings.iter().map(|f| f.text.clone()).collect(),
    }
}

/// Councils best first by the share of points; competition ranks (1, 2, 2, 4).
fn ranked(packs: &[Pack]) -> Vec<(String, &Pack)> {
    let mut order: Vec<&Pack> = packs.iter().collect();
    let pct = |p: &Pack| p.score.overall.percent.unwrap_or(-1.0);
    order.sort_by(|a, b| pct(b).total_cmp(&pct(a)).then(a.la.cmp(&b.la)));
    let mut out = Vec::with_capacity(order.len());
    for (i, p) in order.iter().enumerate() {
        let first = order.iter().position(|q| pct(q) == pct(p)).unwrap_or(i);
        let rank = if p.score.overall.percent.is_none() {
            "–".to_string()
        } else {
            ordinal(first + 1)
        };
        out.push((rank, *p));
    }
    out
}

/// One page ranking every council on its suggested score and headline
/// figures, with a compact block per council.
pub fn summary_html(packs: &[Pack]) -> Result<String, ReportError> {
    let ranked = ranked(packs);
    let rows = ranked
        .iter()
        .map(|(rank, p)| CouncilRow {
            rank: rank.clone(),
            anchor: anchor(p),
            name: p.la.to_string(),
            tag: score_tag(p.score.overall.score),
            points: points_text(&p.score.overall),
            parts: SECTIONS.iter().map(|(k, _)| part_tag(p, k)).collect(),
            cells: COLUMNS.iter().map(|(id, _)| cell(p, id)).collect(),
        })
        .collect();
    let mut dates: Vec<String> = packs.iter().map(|p| long_date(p.as_at)).collect();
    dates.dedup();
    let page = SummaryPage {
        count: packs.len(),
        as_at: match dates.as_slice() {
            [one] => one.clone(),
            [] => "no date".to_string(),
            _ => "each council's own date".to_string(),
        },
        columns: COLUMNS.iter().map(|(_, h)| (*h).to_string()).collect(),
        rows,
        blocks: ranked.iter().map(|(_, p)| block(p)).collect(),
    };
    Ok(page.render()?)
}
