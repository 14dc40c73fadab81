//! Server-side SVG charts, each with a text alternative that gives the data in
//! words, for screen readers and for the caption printed under the chart.
//!
//! # Why the SVG is written by hand
//!
//! plotters (SVG backend, `ttf` off) was tried first. Its text does work
//! without fonts or fontconfig: labels come out as `<text>` elements. But for
//! these charts it loses on simplicity:
//!
//! - its root element cannot carry `role="img"`, `<title>` or `<desc>`, and it
//!   writes the `http://www.w3.org/2000/svg` namespace URL, which a
//!   self-contained page must not contain, so every chart would need string
//!   surgery on plotters' output;
//! - it has no fill patterns, and these charts hatch categories so that no
//!   meaning rests on colour alone;
//! - the charts are direct-labelled bars, one gauge-like bar, short lines and
//!   sparklines: no axes engine is needed, and each chart here is under 50
//!   lines over a 200-line writer ([`svg`]).
//!
//! So the crate writes small SVG itself, and does not depend on plotters.
//!
//! Colours are GOV.UK's; every shape has a dark outline (3:1 or better against
//! white, WCAG 1.4.11), categories are hatched as well as coloured, and every
//! figure drawn is also in the text alternative. Text uses the reader's own
//! Arial or sans-serif: no font is ever loaded.

mod bars;
mod lines;
pub mod svg;

use continuum_engine::Pack;

pub use bars::{Bar, bucket_words, hbars, occupancy, plural, rating_mix, wait_histogram};
pub use lines::{Series, lines, population, projected_need, sparkline};

use crate::describe::{describe, humanise};
use continuum_engine::format::{count, percent};

/// One chart: the SVG element (inline, no namespace URL) and its text
/// alternative, which the SVG also carries as its `<desc>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Svg {
    /// The `<svg>` element, ready to inline in HTML.
    pub svg: String,
    /// The data in words: what a screen reader says and the page prints.
    pub alt: String,
    /// The chart's title, also its `<title>`.
    pub title: String,
}

/// The charts of one section of a pack (`needs`, `market`, …), in the order
/// the page shows them. Charts without data are left out.
pub fn for_section(pack: &Pack, section: &str) -> Vec<Svg> {
    let s = &pack.sections;
    let mut out = Vec::new();
    match section {
        "needs" => {
            if s.needs
                .population
                .years
                .iter()
                .any(|y| y.people_65_plus > 0)
            {
                out.push(population(&s.needs.population));
            }
            let need = &s.needs.projected_need;
            if need.measures.values().flatten().any(|y| y.people > 0.0) {
                out.push(projected_need(need));
            }
        }
        "market" => out.extend(locations(pack)),
        "capacity" => out.extend(capacity(pack)),
        "quality" if s.quality.rating_mix.all.locations > 0 => {
            out.push(rating_mix(&s.quality.rating_mix));
        }
        "sustainability" => out.extend(handbacks(pack)),
        _ => {}
    }
    out
}

/// The sparklines of one section: one per headline figure with any data.
pub fn trends_for_section(pack: &Pack, section: &str) -> Vec<Svg> {
    pack.trend
        .iter()
        .filter(|t| t.metric_id.split('.').next() == Some(section))
        .filter(|t| t.values.iter().any(Option::is_some))
        .map(|t| {
            let (label, unit) = pack
                .rows
                .iter()
                .find(|r| r.metric_id == t.metric_id)
                .map(|r| {
                    let d = describe(pack, r);
                    (d.full_label_with_metric(), d.unit)
                })
                .unwrap_or_else(|| (humanise(&t.metric_id), crate::describe::Unit::Count));
            sparkline(&label, t, unit)
        })
        .collect()
}

fn locations(pack: &Pack) -> Option<Svg> {
    let l = &pack.sections.market.locations;
    let bars: Vec<Bar> = l
        .by_service_type
        .iter()
        .map(|(st, c)| Bar {
            label: st.label().to_string(),
            value: c.locations as f64,
            text: if c.beds > 0 {
                format!(
                    "{}, {}",
                    plural(c.locations, "location", "locations"),
                    plural(c.beds, "bed", "beds")
                )
            } else {
                plural(c.locations, "location", "locations")
            },
        })
        .collect();
    (!bars.is_empty()).then(|| {
        hbars(
            "Registered locations in the area, by service type",
            &format!(
                "{} registered in the area",
                plural(l.total.locations, "location", "locations")
            ),
            &bars,
        )
    })
}

fn capacity(pack: &Pack) -> Vec<Svg> {
    let c = &pack.sections.capacity;
    let mut out = Vec::new();
    if c.occupancy.ratio.denominator > 0.0 {
        out.push(occupancy(&c.occupancy));
    }
    for (st, w) in &c.waits.by_service_type {
        let title = format!("Waits for {} to start", st.label().to_lowercase());
        let what = (
            "placement started in the last 12 months",
            "placements started in the last 12 months",
        );
        out.push(wait_histogram(&title, what, &w.buckets));
    }
    if c.waiting_now.count > 0 {
        out.push(wait_histogram(
            "People waiting for care now, by days waited so far",
            ("person waiting", "people waiting"),
            &c.waiting_now.buckets,
        ));
    }
    let o = &c.out_of_area;
    if o.count > 0 {
        let mut bars: Vec<Bar> = o
            .by_reason
            .iter()
            .filter_map(|(reason, r)| {
                r.value.map(|v| Bar {
                    label: crate::describe::word_label(reason),
                    value: v,
                    text: format!("{} ({})", percent(v, 2), count(r.numerator as u64)),
                })
            })
            .collect();
        bars.sort_by(|a, b| b.value.total_cmp(&a.value));
        out.push(hbars(
            "Why people are placed out of area",
            &format!(
                "Reasons for the {} placed out of area",
                plural(o.count, "person", "people")
            ),
            &bars,
        ));
    }
    out
}

fn handbacks(pack: &Pack) -> Option<Svg> {
    let h = &pack.sections.sustainability.handbacks;
    let bars: Vec<Bar> = h
        .by_service_type
        .iter()
        .map(|(st, c)| Bar {
            label: st.label().to_string(),
            value: c.count as f64,
            text: format!(
                "{}, {} affected",
                plural(c.count, "hand-back", "hand-backs"),
                plural(c.people_affected, "person", "people")
            ),
        })
        .collect();
    (!bars.is_empty()).then(|| {
        hbars(
            "Packages of care handed back in the last 12 months, by service type",
            &format!(
                "{} in the last 12 months",
                plural(h.total.count, "hand-back", "hand-backs")
            ),
            &bars,
        )
    })
}
