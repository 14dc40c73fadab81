//! Benchmarking: the council against England, its neighbours and every
//! council, from the pack and the published ASCOF figures.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use continuum_domain::{AscofValue, Dataset, Date, FinancialYear, OnsCode, Polarity};
use continuum_engine::Pack;
use continuum_report::describe;

use super::evidence::{PackParams, council, parse_as_at};
use super::fmt;
use super::location::Cells;
use super::{Chrome, render};
use crate::auth::Can;
use crate::auth::can::ViewEvidence;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "benchmark.html")]
struct BenchmarkPage {
    chrome: Chrome,
    council: String,
    as_at: String,
    england: Vec<Cells>,
    ranks: Vec<Cells>,
    peer_head: Vec<String>,
    peers: Vec<Cells>,
    no_peers: String,
}

/// `GET /benchmarking`.
pub async fn page(
    State(state): State<AppState>,
    can: Can<ViewEvidence>,
    Query(q): Query<PackParams>,
) -> Result<Response, AppError> {
    let la = council(&can)?;
    let date = parse_as_at(q.as_at.as_deref()).map_err(AppError::BadRequest)?;
    let entry = state.cache.pack(state.store.as_ref(), &la, date).await?;
    let ds = state.cache.dataset(state.store.as_ref(), &la).await?;
    let pack = &entry.pack;
    let (peer_head, peers, no_peers) = neighbours(&ds, pack);
    let page = BenchmarkPage {
        chrome: Chrome::new(can.signed(), "Benchmarking", "/benchmarking"),
        council: la.to_string(),
        as_at: fmt::date(pack.as_at),
        england: england_rows(pack),
        ranks: pack
            .benchmark
            .iter()
            .map(|r| {
                let (label, unit) = continuum_report::html::label_and_unit(pack, &r.metric_id);
                vec![
                    label,
                    unit.format(r.value),
                    format!("{} of {}", r.rank, r.of),
                    r.rank_among_neighbours.map_or_else(
                        || "No neighbours' figures".into(),
                        |n| format!("{n} of {}", r.of_neighbours),
                    ),
                ]
            })
            .collect(),
        peer_head,
        peers,
        no_peers,
    };
    render(&page)
}

fn england_rows(pack: &Pack) -> Vec<Cells> {
    pack.rows
        .iter()
        .filter(|r| r.value.is_some() && r.england_value.is_some())
        .map(|r| {
            let d = describe::describe(pack, r);
            let f = |v: Option<f64>| v.map_or_else(String::new, |v| d.unit.format(v));
            vec![
                d.full_label_with_metric(),
                f(r.value),
                f(r.england_value),
                r.variation
                    .as_deref()
                    .map(continuum_report::html::variation_words)
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

/// The latest published outcome of each (area, measure) on or before T.
fn latest(all: &[AscofValue], t: Date) -> HashMap<(&str, &str), (FinancialYear, f64)> {
    let mut out: HashMap<(&str, &str), (FinancialYear, f64)> = HashMap::new();
    for v in all {
        let (Some(code), Some(x)) = (&v.ons_code, v.outcome.value()) else {
            continue;
        };
        if v.year.end_date() > t {
            continue;
        }
        let key = (code.as_str(), v.measure.as_str());
        if out.get(&key).is_none_or(|(y, _)| *y < v.year) {
            out.insert(key, (v.year, x));
        }
    }
    out
}

/// ASCOF measures for the council, its neighbours (those with figures) and
/// England, latest year on or before T.
fn neighbours(ds: &Dataset, pack: &Pack) -> (Vec<String>, Vec<Cells>, String) {
    let Some(me) = ds.authorities.iter().find(|a| a.la == pack.la) else {
        return (
            Vec::new(),
            Vec::new(),
            "The council is not in the data.".into(),
        );
    };
    let peers: Vec<(String, &OnsCode)> = me
        .neighbours
        .iter()
        .filter_map(|n| ds.authorities.iter().find(|a| &a.la == n))
        .map(|a| (a.la.to_string(), &a.ons_code))
        .collect();
    let values = latest(&ds.ascof, pack.as_at);
    let england = OnsCode::england();
    let mut areas = vec![(pack.la.to_string(), &me.ons_code)];
    areas.extend(peers.iter().map(|(n, c)| (n.clone(), *c)));
    areas.push(("England".to_string(), &england));
    let mut rows = Vec::new();
    for m in continuum_ingest::ascof::measures() {
        let Some((year, _)) = values.get(&(me.ons_code.as_str(), m.code)) else {
            continue;
        };
        let mut row = vec![format!("{} ({}, {})", m.description, m.code, year)];
        row.extend(areas.iter().map(|(_, code)| {
            values
                .get(&(code.as_str(), m.code))
                .map_or_else(String::new, |(_, v)| fmt::num(Some(*v), 1))
        }));
        row.push(match m.polarity {
            Polarity::HigherBetter => "Higher".into(),
            Polarity::LowerBetter => "Lower".into(),
        });
        rows.push(row);
    }
    let mut head = vec!["Measure".to_string()];
    head.extend(areas.iter().map(|(n, _)| n.clone()));
    head.push("Better when".into());
    let none = if rows.is_empty() {
        format!(
            "NHS England publishes no ASCOF figures for {} ({}), so it cannot be compared with its neighbours here.",
            pack.la, me.ons_code
        )
    } else {
        String::new()
    };
    (head, rows, none)
}
