//! Line charts: population and need over the base year and the two horizons,
//! and the small trend sparklines.
//!
//! Series differ by colour, dash and marker shape, and each is named at its
//! end and labelled at every point, so there is no legend to decode.

use continuum_engine::Trend;
use continuum_engine::format::{number, percent};
use continuum_engine::needs::{Population, ProjectedNeed};

use super::Svg;
use super::svg::{Anchor, BLUE, DARK_BLUE, Doc, GREEN, INK, MUTED, text_width};
use crate::describe::{Unit, humanise, long_date};

/// One line: its name and a value for each year (None where unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

const STYLES: [(&str, bool, bool); 3] = [
    (BLUE, false, false),
    (DARK_BLUE, true, true),
    (GREEN, true, false),
];

/// Where values land: years across in proportion, values up from zero.
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    base: f64,
    first: f64,
    last: f64,
    max: f64,
}

impl Frame {
    fn x(&self, year: i32) -> f64 {
        if self.last > self.first {
            self.left
                + (self.right - self.left) * (f64::from(year) - self.first)
                    / (self.last - self.first)
        } else {
            self.left
        }
    }

    fn y(&self, v: f64) -> f64 {
        if self.max > 0.0 {
            self.base - (self.base - self.top) * v / self.max
        } else {
            self.base
        }
    }
}

/// Draws one series: line, markers, a label at each point (above it, or
/// below when another label is there already) and its name at the end.
fn draw_series(
    d: &mut Doc,
    f: &Frame,
    (i, s): (usize, &Series),
    years: &[i32],
    fmt: fn(f64) -> String,
    taken: &mut Vec<(f64, f64)>,
) {
    let (colour, dash, square) = STYLES[i % STYLES.len()];
    let pts: Vec<(f64, f64, f64)> = years
        .iter()
        .zip(&s.values)
        .filter_map(|(y, v)| v.map(|v| (f.x(*y), f.y(v), v)))
        .collect();
    let xy: Vec<(f64, f64)> = pts.iter().map(|(x, y, _)| (*x, *y)).collect();
    d.polyline(&xy, colour, 2.5, dash);
    for (x, y, v) in &pts {
        d.marker(*x, *y, colour, square);
        let clash = taken
            .iter()
            .any(|(tx, ty)| (tx - x).abs() < 1.0 && (ty - (y - 9.0)).abs() < 16.0);
        let ly = if clash { y + 20.0 } else { y - 9.0 };
        taken.push((*x, ly));
        d.label(*x, ly, &fmt(*v), 12.0, Anchor::Middle);
    }
    if let Some((x, y, _)) = pts.last() {
        d.text(x + 12.0, y + 4.0, &s.name, 12.0, Anchor::Start, colour);
    }
}

/// Lines over years, placed in proportion to the years, each point labelled
/// with `fmt`. The text alternative lists every point.
pub fn lines(title: &str, years: &[i32], series: &[Series], fmt: fn(f64) -> String) -> Svg {
    let name_w = series
        .iter()
        .map(|s| text_width(&s.name, 12.0))
        .fold(0.0, f64::max);
    let (w, h) = (640.0, 240.0);
    let f = Frame {
        left: 48.0,
        right: w - name_w - 24.0,
        top: 24.0,
        base: 196.0,
        first: f64::from(years.first().copied().unwrap_or(0)),
        last: f64::from(years.last().copied().unwrap_or(0)),
        max: series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .fold(0.0, |a: f64, b| a.max(*b)),
    };
    let mut d = Doc::new(title, w, h);
    d.line(f.left, f.base, f.right, f.base, INK, false);
    d.text(f.left - 8.0, f.base + 4.0, "0", 12.0, Anchor::End, MUTED);
    for y in years {
        d.text(
            f.x(*y),
            f.base + 20.0,
            &y.to_string(),
            12.0,
            Anchor::Middle,
            INK,
        );
    }
    let mut taken = Vec::new();
    for s in series.iter().enumerate() {
        draw_series(&mut d, &f, s, years, fmt, &mut taken);
    }
    let alt: Vec<String> = series.iter().map(|s| series_words(s, years, fmt)).collect();
    d.finish(title, &alt.join(" "))
}

fn series_words(s: &Series, years: &[i32], fmt: fn(f64) -> String) -> String {
    let words: Vec<String> = years
        .iter()
        .zip(&s.values)
        .map(|(y, v)| {
            v.map_or_else(
                || format!("no figure for {y}"),
                |v| format!("{} in {y}", fmt(v)),
            )
        })
        .collect();
    format!("{}: {}.", s.name, words.join(", "))
}

fn whole(v: f64) -> String {
    number(v, 0)
}

/// People aged 65+ and 85+ in the base year and at each horizon.
pub fn population(p: &Population) -> Svg {
    let years: Vec<i32> = p.years.iter().map(|y| y.year).collect();
    let series = [
        Series {
            name: "Aged 65 and over".into(),
            values: p
                .years
                .iter()
                .map(|y| Some(y.people_65_plus as f64))
                .collect(),
        },
        Series {
            name: "Aged 85 and over".into(),
            values: p
                .years
                .iter()
                .map(|y| Some(y.people_85_plus as f64))
                .collect(),
        },
    ];
    let mut svg = lines(
        "Older people living in the area, now and projected",
        &years,
        &series,
        whole,
    );
    let changes: Vec<String> = p
        .years
        .iter()
        .skip(1)
        .filter_map(|y| {
            y.change_65_plus
                .map(|c| format!("{} aged 65 and over by {}", signed_percent(c), y.year))
        })
        .collect();
    if !changes.is_empty() {
        svg.alt = format!(
            "{} Change from {}: {}.",
            svg.alt,
            p.base_year,
            changes.join(", ")
        );
    }
    svg
}

fn signed_percent(c: f64) -> String {
    if c > 0.0 {
        format!("+{}", percent(c, 2))
    } else {
        percent(c, 2)
    }
}

/// Estimated people with each need in the base year and at each horizon.
pub fn projected_need(n: &ProjectedNeed) -> Svg {
    let years: Vec<i32> = n
        .measures
        .values()
        .next()
        .map(|v| v.iter().map(|y| y.year).collect())
        .unwrap_or_default();
    let series: Vec<Series> = n
        .measures
        .iter()
        .map(|(m, v)| Series {
            name: humanise(m),
            values: v.iter().map(|y| Some(y.people)).collect(),
        })
        .collect();
    lines(
        "Estimated people with each need, now and projected",
        &years,
        &series,
        whole,
    )
}

/// A small line of one headline figure over the years, with its latest value.
pub fn sparkline(label: &str, trend: &Trend, unit: Unit) -> Svg {
    let mut d = Doc::new(&format!("trend {}", trend.metric_id), 240.0, 44.0);
    let (left, right, top, base) = (4.0, 140.0, 6.0, 38.0);
    let known: Vec<f64> = trend.values.iter().flatten().copied().collect();
    let (lo, hi) = known
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let n = trend.values.len().max(2) - 1;
    let x_of = |i: usize| left + (right - left) * i as f64 / n as f64;
    let y_of = |v: f64| {
        if hi > lo {
            base - (base - top) * (v - lo) / (hi - lo)
        } else {
            (top + base) / 2.0
        }
    };
    let points: Vec<Option<(f64, f64)>> = trend
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| v.map(|v| (x_of(i), y_of(v))))
        .collect();
    // A gap in the data is a gap in the line.
    for run in points.split(Option::is_none) {
        d.polyline(
            &run.iter().flatten().copied().collect::<Vec<_>>(),
            BLUE,
            2.0,
            false,
        );
    }
    for (x, y) in points.iter().flatten() {
        d.marker(*x, *y, DARK_BLUE, false);
    }
    let latest = trend.values.last().copied().flatten();
    let text = latest.map_or_else(|| "no data".to_string(), |v| unit.format(v));
    d.text(
        right + 10.0,
        (top + base) / 2.0 + 5.0,
        &text,
        14.0,
        Anchor::Start,
        INK,
    );
    let words: Vec<String> = trend
        .dates
        .iter()
        .zip(&trend.values)
        .map(|(dt, v)| {
            let at = long_date(*dt);
            v.map_or_else(
                || format!("no data at {at}"),
                |v| format!("{} at {at}", unit.format(v)),
            )
        })
        .collect();
    d.finish(
        &format!("{label} over time"),
        &format!("{label}: {}.", words.join(", ")),
    )
}
