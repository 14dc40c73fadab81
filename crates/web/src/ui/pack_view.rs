//! The body of the evidence pack page: the suggested score, then the five
//! sections with findings, charts, the England comparisons and every figure.
//!
//! It depends only on the pack, so it is rendered once per (council, date)
//! and kept with the pack; the page wraps it in the signed-in layout.

use askama::Template;
use continuum_engine::Pack;
use continuum_engine::flatten::Row;
use continuum_report::charts::{self, Svg};
use continuum_report::describe::{self, METRICS, SECTIONS};
use continuum_report::html::{label_and_unit, variation_words};

use super::fmt::{self, Tag};
use crate::error::AppError;

/// One figure.
#[derive(Debug, Clone)]
pub struct FigureRow {
    pub label: String,
    pub value: String,
    pub england: String,
    pub variation: Option<Tag>,
    pub last_year: String,
}

/// One metric's figures.
#[derive(Debug, Clone)]
pub struct MetricTable {
    pub id: String,
    pub title: String,
    pub rows: Vec<FigureRow>,
    pub has_england: bool,
}

/// One section of the pack.
#[derive(Debug, Clone)]
pub struct SectionView {
    pub key: &'static str,
    pub heading: &'static str,
    pub score: String,
    pub score_class: &'static str,
    pub findings: Vec<String>,
    pub charts: Vec<Svg>,
    pub compared: Vec<FigureRow>,
    pub tables: Vec<MetricTable>,
}

/// A row of the score table.
#[derive(Debug, Clone)]
pub struct ScoreRow {
    pub heading: &'static str,
    pub score: String,
    pub class: &'static str,
    pub points: String,
}

/// An input that moved the score.
#[derive(Debug, Clone)]
pub struct InputRow {
    pub section: String,
    pub label: String,
    pub value: String,
    pub points: String,
    pub effect: &'static str,
}

#[derive(Template)]
#[template(path = "_pack.html")]
struct PackBody {
    overall: String,
    overall_class: &'static str,
    note: &'static str,
    rubric: String,
    scores: Vec<ScoreRow>,
    inputs: Vec<InputRow>,
    sections: Vec<SectionView>,
}

fn score_text(s: Option<u8>) -> (String, &'static str) {
    match s {
        Some(s) => (format!("{s} of 4"), ""),
        None => ("No score".into(), "score--none"),
    }
}

fn figure(pack: &Pack, r: &Row) -> FigureRow {
    let d = describe::describe(pack, r);
    let f = |v: Option<f64>| v.map_or_else(String::new, |v| d.unit.format(v));
    FigureRow {
        label: d.full_label(),
        value: r
            .value
            .map_or_else(|| fmt::NO_DATA.to_string(), |v| d.unit.format(v)),
        england: f(r.england_value),
        variation: r.variation.as_deref().map(|w| Tag {
            class: match w {
                "positive" | "tending_positive" => "tag--green",
                "negative" => "tag--red",
                "tending_negative" => "tag--amber",
                _ => "tag--grey",
            },
            text: variation_words(w),
        }),
        last_year: f(r.last_year),
    }
}

fn section(pack: &Pack, key: &'static str, heading: &'static str) -> SectionView {
    let prefix = format!("{key}.");
    let rows: Vec<&Row> = pack
        .rows
        .iter()
        .filter(|r| r.metric_id.starts_with(&prefix))
        .collect();
    let compared = rows
        .iter()
        .filter(|r| r.england_value.is_some() && r.value.is_some())
        .map(|r| figure(pack, r))
        .collect();
    let tables = METRICS
        .iter()
        .filter(|(id, _, _)| {
            id.starts_with(&prefix) && *id != "market.indicators" && *id != "quality.risk"
        })
        .filter_map(|(id, title, _)| {
            let mine: Vec<&Row> = rows
                .iter()
                .copied()
                .filter(|r| describe::metric_of(&r.metric_id) == *id)
                .collect();
            let ordered = describe::in_display_order(mine);
            (!ordered.is_empty()).then(|| MetricTable {
                id: format!("m-{id}"),
                title: (*title).to_string(),
                has_england: ordered.iter().any(|r| r.england_value.is_some()),
                rows: ordered.into_iter().map(|r| figure(pack, r)).collect(),
            })
        })
        .collect();
    let (score, score_class) = score_text(pack.score.sections.get(key).and_then(|p| p.score));
    SectionView {
        key,
        heading,
        score,
        score_class,
        findings: pack
            .findings
            .iter()
            .filter(|f| f.section == key)
            .map(|f| f.text.clone())
            .collect(),
        charts: charts::for_section(pack, key),
        compared,
        tables,
    }
}

/// Renders the body of a pack's page.
pub fn render_body(pack: &Pack) -> Result<String, AppError> {
    let s = &pack.score;
    let (overall, overall_class) = score_text(s.overall.score);
    let scores = SECTIONS
        .iter()
        .filter_map(|(key, heading)| {
            let p = s.sections.get(*key)?;
            let (score, class) = score_text(p.score);
            Some(ScoreRow {
                heading,
                score,
                class,
                points: format!("{} of {} points", p.points, p.max_points),
            })
        })
        .collect();
    let inputs = SECTIONS
        .iter()
        .filter_map(|(key, heading)| s.sections.get(*key).map(|p| (heading, p)))
        .flat_map(|(heading, p)| {
            p.inputs.iter().map(move |i| InputRow {
                section: (*heading).to_string(),
                label: i.label.clone(),
                value: i.value.map_or_else(
                    || fmt::NO_DATA.to_string(),
                    |v| label_and_unit(pack, &i.metric_id).1.format(v),
                ),
                points: i.points.map_or_else(
                    || "Left out: no data".into(),
                    |n| format!("{n} of {}", i.max_points),
                ),
                effect: match i.direction {
                    "up" => "Moved it up",
                    "down" => "Moved it down",
                    _ => "Held it in the middle",
                },
            })
        })
        .collect();
    let body = PackBody {
        overall,
        overall_class,
        note: s.note,
        rubric: s.rubric.clone(),
        scores,
        inputs,
        sections: SECTIONS.iter().map(|(k, h)| section(pack, k, h)).collect(),
    };
    Ok(body.render()?)
}
