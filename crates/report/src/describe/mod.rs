//! What each row of the long table means: its label, the groups it sits in,
//! and its unit, so the page and the workbook present the same figure the
//! same way.
//!
//! A row's metric ID is a dotted path (`capacity.waits.by_service_type.homecare.median`).
//! Its first two segments name the metric (`capacity.waits`); the rest name
//! groups (`By service type`, `Homecare`) and the field (`Median`). The unit
//! follows from the field and from what the row carries: a row with a
//! numerator and a denominator is a share, shown as a percentage.

mod order;
mod words;

use continuum_engine::Pack;
use continuum_engine::flatten::Row;
use continuum_engine::format::{count, days, number, percent, pounds};

pub use order::in_display_order;
pub use words::{METRICS, SECTIONS, humanise, metric_row_label, metric_title, section_heading};

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A fraction shown as a percentage with 2 decimals.
    Percent,
    /// A whole number with thousands separators.
    Count,
    /// An estimate: a number shown to the nearest whole one.
    Number,
    /// Whole or fractional days.
    Days,
    /// Pounds and pence.
    Money,
    /// Hours a week.
    Hours,
    /// A calendar year (no separators).
    Year,
    /// A published indicator, shown as published with 2 decimals.
    Published,
    /// A published indicator that is a percentage (0–100, not a fraction).
    PublishedPercent,
}

impl Unit {
    /// The figure in British style: `85.73%`, `1,478`, `36.5 days`, `£850.00`.
    pub fn format(self, v: f64) -> String {
        match self {
            Unit::Percent => percent(v, 2),
            Unit::Count => number(v, if v.fract() == 0.0 { 0 } else { 2 }),
            Unit::Number => number(v, 0),
            Unit::Days => days(v),
            Unit::Money => pounds(v),
            Unit::Hours => number(v, if v.fract() == 0.0 { 0 } else { 1 }),
            Unit::Year => format!("{v:.0}"),
            Unit::Published => number(v, 2),
            Unit::PublishedPercent => format!("{}%", number(v, 2)),
        }
    }

    /// A change between two figures, signed: `+2.31 pp`, `-3`, `+1.5 days`.
    /// None for years, where a change means nothing.
    pub fn format_change(self, change: f64) -> Option<String> {
        let sign = if change > 0.0 {
            "+"
        } else if change < 0.0 {
            "−"
        } else {
            ""
        };
        let a = change.abs();
        let text = match self {
            Unit::Year => return None,
            Unit::Percent => format!("{} pp", number(a * 100.0, 2)),
            Unit::PublishedPercent => format!("{} pp", number(a, 2)),
            Unit::Count if a.fract() == 0.0 => count(a as u64),
            _ => self.format(a),
        };
        Some(format!("{sign}{text}"))
    }

    /// The spreadsheet number format showing the same precision.
    pub fn excel_format(self) -> &'static str {
        match self {
            Unit::Percent => "0.00%",
            Unit::Count | Unit::Number => "#,##0",
            Unit::Days | Unit::Hours => "#,##0.0",
            Unit::Money => "£#,##0.00",
            Unit::Year => "0",
            Unit::Published => "#,##0.00",
            Unit::PublishedPercent => "0.00\"%\"",
        }
    }
}

/// One row, explained.
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    /// The metric the row belongs to (`capacity.waits`).
    pub metric: String,
    /// The groups between the metric and the field, outermost first: each
    /// group's own ID (a prefix of the row's) and label. Grouping-only
    /// segments (`shares`) are left out.
    pub groups: Vec<(String, String)>,
    /// The field's label; for a metric's own row, the metric's row label.
    pub label: String,
    pub unit: Unit,
}

impl Described {
    /// Groups and label in one line: `Homecare › By days waited › 0 to 1 day`.
    pub fn full_label(&self) -> String {
        let mut parts: Vec<&str> = self.groups.iter().map(|(_, l)| l.as_str()).collect();
        parts.push(&self.label);
        parts.join(" › ")
    }

    /// The full label under the metric's title, unless the row is the
    /// metric's own: `Waits for care to start › Homecare › Median`.
    pub fn full_label_with_metric(&self) -> String {
        let title = metric_title(&self.metric);
        if self.groups.is_empty() && self.label == metric_row_label(&self.metric) {
            self.label.clone()
        } else {
            format!("{title} › {}", self.full_label())
        }
    }
}

/// The metric of a metric ID: its first two segments.
pub fn metric_of(id: &str) -> &str {
    match id.match_indices('.').nth(1) {
        Some((i, _)) => &id[..i],
        None => id,
    }
}

/// Explains one row of a pack's long table.
pub fn describe(pack: &Pack, row: &Row) -> Described {
    let metric = metric_of(&row.metric_id).to_string();
    let rest: Vec<&str> = row.metric_id[metric.len()..]
        .split('.')
        .filter(|s| !s.is_empty())
        .collect();
    let mut groups = Vec::new();
    for i in 0..rest.len().saturating_sub(1) {
        let label = label_at(pack, &metric, &rest, i);
        if !label.is_empty() {
            groups.push((format!("{metric}.{}", rest[..=i].join(".")), label));
        }
    }
    let label = match rest.len() {
        0 => metric_row_label(&metric),
        n => label_at(pack, &metric, &rest, n - 1),
    };
    Described {
        unit: unit(&metric, &rest, row),
        metric,
        groups,
        label,
    }
}

/// The label of segment `i` of a row's path below its metric.
fn label_at(pack: &Pack, metric: &str, rest: &[&str], i: usize) -> String {
    let seg = rest[i];
    if let Ok(k) = seg.parse::<usize>() {
        if let Some(y) = year_of(pack, metric, rest, k) {
            return y.to_string();
        }
        if i > 0 && rest[i - 1] == "reasons" {
            return format!("Reason {}", k + 1);
        }
    }
    if metric == "market.indicators" && i == 1 {
        return indicator_title(pack, seg);
    }
    if seg == "rate" && metric == "sustainability.fees" && i >= 1 {
        return fee_rate_label(pack, rest[i - 1]);
    }
    words::segment(metric, seg)
}

/// The year of the k-th entry of a population or need list.
fn year_of(pack: &Pack, metric: &str, rest: &[&str], k: usize) -> Option<i32> {
    let n = &pack.sections.needs;
    match (metric, rest) {
        ("needs.population", ["years", ..]) => n.population.years.get(k).map(|y| y.year),
        ("needs.projected_need", ["measures", m, ..]) => {
            n.projected_need.measures.get(*m)?.get(k).map(|y| y.year)
        }
        _ => None,
    }
}

/// A published indicator's title and period.
pub fn indicator_title(pack: &Pack, measure: &str) -> String {
    pack.sections
        .market
        .indicators
        .entries
        .iter()
        .find(|e| e.measure == measure)
        .map_or_else(
            || humanise(measure),
            |e| format!("{} ({}, {})", e.title, e.source, e.period),
        )
}

fn fee_rate_label(pack: &Pack, service: &str) -> String {
    let fees = &pack.sections.sustainability.fees.by_service_type;
    fees.iter()
        .find(|(st, _)| st.as_str() == service)
        .map_or_else(
            || "Fee rate".to_string(),
            |(_, f)| {
                format!(
                    "Fee rate (per {}, from {})",
                    f.unit,
                    long_date(f.effective_from)
                )
            },
        )
}

/// The unit of a metric ID that has no row (its figure was empty), judged
/// from its path alone.
pub fn unit_of_id(id: &str) -> Unit {
    let metric = metric_of(id);
    let rest: Vec<&str> = id[metric.len()..]
        .split('.')
        .filter(|s| !s.is_empty())
        .collect();
    let row = Row {
        la: String::new(),
        metric_id: id.to_string(),
        value: None,
        numerator: None,
        denominator: None,
        england_value: None,
        variation: None,
        last_year: None,
    };
    unit(metric, &rest, &row)
}

/// How a published indicator is written: ASCOF measures by their published
/// unit; the council's own survey indicators are percentages.
pub fn indicator_unit(measure: &str) -> Unit {
    match measure.strip_prefix("ascof_") {
        Some(code) => match continuum_domain::ascof::measure(code).map(|m| m.unit) {
            Some(continuum_domain::ascof::Unit::Percent) => Unit::PublishedPercent,
            _ => Unit::Published,
        },
        None => Unit::PublishedPercent,
    }
}

fn unit(metric: &str, rest: &[&str], row: &Row) -> Unit {
    let last = rest.last().copied().unwrap_or("");
    match last {
        "year" | "base_year" | "source_year" => return Unit::Year,
        "respondents" => return Unit::Count,
        _ => {}
    }
    if metric == "market.indicators" {
        return indicator_unit(rest.get(1).copied().unwrap_or(""));
    }
    if row.numerator.is_some() && row.denominator.is_some() {
        return Unit::Percent;
    }
    match last {
        "change" | "change_65_plus" | "change_85_plus" | "coverage" | "ratio_to_fair_cost" => {
            Unit::Percent
        }
        "rate" | "fair_cost_median" => Unit::Money,
        "hours_per_week" => Unit::Hours,
        "mean" | "median" | "min" | "max" => Unit::Days,
        l if l.ends_with("_days") => Unit::Days,
        "people" if metric == "needs.projected_need" => Unit::Number,
        _ => Unit::Count,
    }
}

/// A date as the reports write it: `31 March 2025`.
pub fn long_date(d: continuum_domain::Date) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A vocabulary word or field name in words: `no_vacancy` → `No vacancy at
/// the time`, `residential_home` → `Residential homes`.
pub fn word_label(word: &str) -> String {
    words::segment("", word)
}
