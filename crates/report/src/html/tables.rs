//! The figure tables of a section: one table per metric, a row per figure of
//! the long table, with group rows for the levels between (`By service type`
//! › `Homecare`), each carrying the anchor `m-<metric_id>` that findings,
//! score inputs and benchmark rows link to.
//!
//! Published indicators and provider risk have tables of their own (see
//! [`super::special`]): their rows hold more than one figure.

use continuum_engine::Pack;
use continuum_engine::flatten::Row;

use super::Tag;
use crate::describe::{Unit, describe, in_display_order, metric_of, metric_title};

/// One figure table.
#[derive(Debug, Clone)]
pub struct Table {
    /// `m-<metric>`.
    pub id: String,
    pub caption: String,
    pub rows: Vec<TableRow>,
    /// Whether any row has an England figure (the columns are left out if not).
    pub has_england: bool,
}

/// A row: a group heading or a figure.
#[derive(Debug, Clone)]
pub struct TableRow {
    /// `m-<id>`; empty for the metric's own row (the table carries it).
    pub id: String,
    pub group: bool,
    pub depth: usize,
    /// The groups above, for screen readers (`Homecare, By days waited, `).
    pub context: String,
    pub label: String,
    pub value: String,
    /// `70 of 80` for shares.
    pub of: String,
    pub england: String,
    pub variation: Option<Tag>,
    pub last_year: String,
    pub change: String,
}

/// Rows shown elsewhere: in their own tables (indicators, risk), or as the
/// heading of their group (the `year` of a population or need year).
fn shown_elsewhere(id: &str) -> bool {
    let year_of_entry = id.rsplit_once('.').is_some_and(|(head, last)| {
        last == "year"
            && head
                .rsplit('.')
                .next()
                .is_some_and(|s| s.parse::<usize>().is_ok())
    });
    year_of_entry
        || id.starts_with("market.indicators.")
        || id.starts_with("quality.risk.locations.")
}

/// The words and tag colour of a variation word.
pub fn variation_tag(word: &str) -> Tag {
    let (class, text) = match word {
        "positive" => ("green", "Positive variation"),
        "tending_positive" => ("green", "Tending towards positive"),
        "no_variation" => ("grey", "No variation"),
        "tending_negative" => ("amber", "Tending towards negative"),
        "negative" => ("red", "Negative variation"),
        _ => ("grey", "No test (no margin of error)"),
    };
    Tag::new(class, text)
}

fn figure_row(pack: &Pack, row: &Row, depth: usize, context: String) -> TableRow {
    let d = describe(pack, row);
    let fmt = |v: Option<f64>| v.map_or_else(String::new, |v| d.unit.format(v));
    let of = match (d.unit, row.numerator, row.denominator) {
        (Unit::Percent, Some(n), Some(m)) => {
            format!("{} of {}", Unit::Count.format(n), Unit::Count.format(m))
        }
        _ => String::new(),
    };
    let value = row
        .value
        .map_or_else(|| "No data".to_string(), |v| d.unit.format(v));
    let change = match (row.value, row.last_year) {
        (Some(v), Some(l)) => d.unit.format_change(v - l).unwrap_or_default(),
        _ => String::new(),
    };
    TableRow {
        id: if row.metric_id == d.metric {
            String::new()
        } else {
            format!("m-{}", row.metric_id)
        },
        group: false,
        depth,
        context,
        label: d.label,
        value,
        of,
        england: fmt(row.england_value),
        variation: row.variation.as_deref().map(variation_tag),
        last_year: fmt(row.last_year),
        change,
    }
}

fn group_row(id: &str, label: &str, depth: usize) -> TableRow {
    TableRow {
        id: format!("m-{id}"),
        group: true,
        depth,
        context: String::new(),
        label: label.to_string(),
        value: String::new(),
        of: String::new(),
        england: String::new(),
        variation: None,
        last_year: String::new(),
        change: String::new(),
    }
}

/// The rows of one metric, with group rows where the grouping changes.
fn table(pack: &Pack, metric: &str, rows: &[&Row]) -> Table {
    let mut out = Vec::new();
    let mut open: Vec<String> = Vec::new();
    for row in rows {
        let d = describe(pack, row);
        let shared = open
            .iter()
            .zip(&d.groups)
            .take_while(|(a, (b, _))| *a == b)
            .count();
        open.truncate(shared);
        for (depth, (gid, label)) in d.groups.iter().enumerate().skip(shared) {
            out.push(group_row(gid, label, depth));
            open.push(gid.clone());
        }
        let context: String = d.groups.iter().map(|(_, l)| format!("{l}, ")).collect();
        out.push(figure_row(pack, row, d.groups.len(), context));
    }
    Table {
        id: format!("m-{metric}"),
        caption: metric_title(metric),
        has_england: rows.iter().any(|r| r.england_value.is_some()),
        rows: out,
    }
}

/// The figure tables of one section, metrics in spec order.
pub fn section_tables(pack: &Pack, section: &str) -> Vec<Table> {
    let prefix = format!("{section}.");
    let mut metrics: Vec<&str> = Vec::new();
    for r in pack
        .rows
        .iter()
        .filter(|r| r.metric_id.starts_with(&prefix))
    {
        let m = metric_of(&r.metric_id);
        if !metrics.contains(&m) {
            metrics.push(m);
        }
    }
    let order = |m: &str| {
        crate::describe::METRICS
            .iter()
            .position(|(id, _, _)| *id == m)
            .unwrap_or(usize::MAX)
    };
    metrics.sort_by_key(|m| order(m));
    metrics
        .into_iter()
        .filter(|m| *m != "market.indicators")
        .map(|m| {
            let rows = in_display_order(
                pack.rows
                    .iter()
                    .filter(|r| metric_of(&r.metric_id) == m && !shown_elsewhere(&r.metric_id)),
            );
            table(pack, m, &rows)
        })
        .filter(|t| !t.rows.is_empty())
        .collect()
}
