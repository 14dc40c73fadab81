//! The long metric table: every figure of a pack as one row, named by a dotted
//! path (`capacity.waits.by_service_type.homecare.median`).
//!
//! The table is derived from the pack's JSON by one rule, so it can never drift
//! from it: an object holding a `value` is one row (with its numerator,
//! denominator, England value and variation when it has them); every other
//! number is a row of its own. Lists are keyed by an entry's `measure` or
//! `location_id`. This is the table the CSV and XLSX exports write and the
//! second implementation (DuckDB, in `bench/`) is checked against.

use rustc_hash::FxHashMap as HashMap;

use continuum_domain::{Date, LaName};
use serde::Serialize;
use serde_json::Value;

use crate::{Sections, Trend};

/// One figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub la: String,
    pub metric_id: String,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub england_value: Option<f64>,
    pub variation: Option<String>,
    pub last_year: Option<f64>,
}

const OWN_FIELDS: [&str; 9] = [
    "value",
    "numerator",
    "denominator",
    "england_value",
    "variation",
    "last_year",
    "id",
    "difference",
    "z",
];

fn num(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64)
}

/// Walks one figure's JSON, adding its rows. `path` is the figure's dotted
/// path; it is extended in place for each child and restored after, so a walk
/// over thousands of entries (a large council's locations) allocates only the
/// rows' own text.
fn walk(la: &str, path: &mut String, v: &Value, out: &mut Vec<Row>) {
    match v {
        Value::Object(map) => {
            let own = map.contains_key("value");
            if own {
                out.push(Row {
                    la: la.to_string(),
                    metric_id: path.clone(),
                    value: num(map.get("value")),
                    numerator: num(map.get("numerator")),
                    denominator: num(map.get("denominator")),
                    england_value: num(map.get("england_value")),
                    variation: map
                        .get("variation")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    last_year: num(map.get("last_year")),
                });
            }
            for (k, child) in map {
                if own && OWN_FIELDS.contains(&k.as_str()) || k == "id" {
                    continue;
                }
                let len = path.len();
                path.push('.');
                path.push_str(k);
                walk(la, path, child, out);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push('.');
                match item
                    .get("measure")
                    .or_else(|| item.get("location_id"))
                    .and_then(Value::as_str)
                {
                    Some(key) => path.push_str(key),
                    None => path.push_str(&i.to_string()),
                }
                walk(la, path, item, out);
                path.truncate(len);
            }
        }
        Value::Number(n) => out.push(Row {
            la: la.to_string(),
            metric_id: path.clone(),
            value: n.as_f64(),
            numerator: None,
            denominator: None,
            england_value: None,
            variation: None,
            last_year: None,
        }),
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// The rows of a pack's sections.
pub fn rows(la: &LaName, sections: &Sections) -> Vec<Row> {
    let mut out = Vec::new();
    let Ok(Value::Object(json)) = serde_json::to_value(sections) else {
        return out;
    };
    let mut path = String::new();
    for (_, section) in json {
        if let Value::Object(metrics) = section {
            for (id, metric) in metrics {
                path.clear();
                path.push_str(&id);
                walk(la.as_str(), &mut path, &metric, &mut out);
            }
        }
    }
    out
}

/// Sets each row's `last_year` from the same row a year earlier, unless the
/// row carries its own (published indicators give their previous period).
pub fn attach_last_year(rows: &mut [Row], year_before: &[Row]) {
    let before: HashMap<&str, Option<f64>> = year_before
        .iter()
        .map(|r| (r.metric_id.as_str(), r.value))
        .collect();
    for r in rows.iter_mut().filter(|r| r.last_year.is_none()) {
        r.last_year = before.get(r.metric_id.as_str()).copied().flatten();
    }
}

/// The headline figures that get a sparkline.
pub const HEADLINES: &[&str] = &[
    "capacity.care_home_occupancy",
    "capacity.waits.all.median",
    "capacity.waiting_now.count",
    "capacity.out_of_area.count",
    "capacity.discharge_delays.median",
    "quality.rating_mix.good_or_outstanding",
    "quality.visit_coverage",
    "quality.risk.red",
    "market.direct_payments",
    "sustainability.workforce.vacancy_rate",
    "sustainability.workforce.turnover",
    "sustainability.handbacks.total.count",
    "needs.gaps.open",
];

/// Sparklines for the headline figures from packs at successive dates (newest
/// first in `history`; oldest first in the result).
pub fn trends(history: &[(Date, Vec<Row>)]) -> Vec<Trend> {
    HEADLINES
        .iter()
        .map(|id| {
            let mut points: Vec<(Date, Option<f64>)> = history
                .iter()
                .map(|(d, rows)| {
                    (
                        *d,
                        rows.iter()
                            .find(|r| r.metric_id == *id)
                            .and_then(|r| r.value),
                    )
                })
                .collect();
            points.reverse();
            Trend {
                metric_id: (*id).to_string(),
                dates: points.iter().map(|p| p.0).collect(),
                values: points.iter().map(|p| p.1).collect(),
            }
        })
        .collect()
}
