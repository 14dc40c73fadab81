//! The evidence pack as one self-contained, printable HTML page, laid out like
//! the CQC reports it answers, and a one-page summary ranking many councils.
//!
//! Self-contained means no request leaves the page: CSS is inline, charts are
//! inline SVG, there is no script, font, image or link to anything outside
//! the file. Every link is to an anchor on the page: a finding links to its
//! figure (`#m-<metric_id>`), a score input to the figure that earned it.
//!
//! Markup follows the GOV.UK Design System's look in the crate's own CSS
//! (`templates/style.css`): one `h1`, headings in order, captioned tables with
//! scoped headers, and tags that always say their meaning in words.

mod methods;
mod score;
mod special;
mod summary;
mod tables;

use std::collections::HashSet;

use askama::Template;
use continuum_engine::Pack;
use continuum_engine::findings::Finding;

use crate::ReportError;
use crate::charts::{self, Svg};
use crate::describe::{SECTIONS, long_date};

pub use special::label_and_unit;
pub use summary::summary_html;

/// A variation word (`tending_negative`) in words (`Tending towards negative`).
pub fn variation_words(word: &str) -> String {
    tables::variation_tag(word).text
}

/// A GOV.UK-style tag: a colour class (`red`, `amber`, `green`, `grey`) and
/// the words that carry the meaning without the colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub class: &'static str,
    pub text: String,
}

impl Tag {
    /// A tag.
    pub fn new(class: &'static str, text: &str) -> Self {
        Self {
            class,
            text: text.to_string(),
        }
    }
}

/// A finding and the anchor of its figure.
#[derive(Debug, Clone)]
struct Link {
    href: String,
    text: String,
}

/// One of the five sections.
#[derive(Debug, Clone)]
struct SectionView {
    key: &'static str,
    number: usize,
    heading: &'static str,
    score_tag: Tag,
    score_words: &'static str,
    score_points: String,
    findings: Vec<Link>,
    charts: Vec<Svg>,
    trends: Vec<Svg>,
    tables: Vec<tables::Table>,
    indicators: Vec<special::IndicatorRow>,
    risk: Vec<special::RiskRow>,
    risk_none: usize,
    benchmark: Vec<special::BenchRow>,
}

#[derive(Template)]
#[template(path = "pack.html")]
struct PackPage<'a> {
    council: &'a str,
    ons_code: String,
    as_at: String,
    score: score::ScoreBox,
    sections: Vec<SectionView>,
    methods: methods::Methods,
}

fn section_view(
    pack: &Pack,
    number: usize,
    key: &'static str,
    heading: &'static str,
) -> SectionView {
    let part = pack.score.sections.get(key);
    let (risk, risk_none) = if key == "quality" {
        special::risk(pack)
    } else {
        (Vec::new(), 0)
    };
    SectionView {
        key,
        number,
        heading,
        score_tag: score::score_tag(part.and_then(|p| p.score)),
        score_words: score::score_words(part.and_then(|p| p.score)),
        score_points: part.map_or_else(String::new, score::points_text),
        findings: findings(&pack.findings, key),
        charts: charts::for_section(pack, key),
        trends: charts::trends_for_section(pack, key),
        tables: tables::section_tables(pack, key),
        indicators: if key == "market" {
            special::indicators(pack)
        } else {
            Vec::new()
        },
        risk,
        risk_none,
        benchmark: special::benchmark(pack, key),
    }
}

fn findings(all: &[Finding], key: &str) -> Vec<Link> {
    all.iter()
        .filter(|f| f.section == key)
        .map(|f| Link {
            href: format!("#m-{}", f.metric_id),
            text: f.text.clone(),
        })
        .collect()
}

/// Every ID a section puts on the page.
fn ids(s: &SectionView) -> impl Iterator<Item = &str> {
    s.tables
        .iter()
        .flat_map(|t| std::iter::once(t.id.as_str()).chain(t.rows.iter().map(|r| r.id.as_str())))
        .chain(s.indicators.iter().map(|r| r.id.as_str()))
        .chain(s.risk.iter().map(|r| r.id.as_str()))
        .filter(|id| !id.is_empty())
}

/// Points a link at the nearest anchor that exists: the figure itself, else
/// the closest group or table above it, else its section.
fn resolve(href: &mut String, known: &HashSet<String>) {
    let mut target = href.trim_start_matches('#').to_string();
    while !known.contains(&target) {
        match target.rfind('.') {
            Some(i) if target[..i].contains('.') => target.truncate(i),
            _ => {
                let section = target
                    .trim_start_matches("m-")
                    .split('.')
                    .next()
                    .unwrap_or("");
                target = format!("s-{section}");
                break;
            }
        }
    }
    *href = format!("#{target}");
}

fn resolve_links(sections: &mut [SectionView], score: &mut score::ScoreBox) {
    let mut known: HashSet<String> = sections
        .iter()
        .flat_map(|s| ids(s).map(str::to_string))
        .collect();
    known.extend(sections.iter().map(|s| format!("s-{}", s.key)));
    if sections.iter().any(|s| !s.indicators.is_empty()) {
        known.insert("m-market.indicators".to_string());
    }
    known.insert("m-quality.risk.locations".to_string());
    for s in sections.iter_mut() {
        for l in &mut s.findings {
            resolve(&mut l.href, &known);
        }
        for b in &mut s.benchmark {
            resolve(&mut b.href, &known);
        }
    }
    for i in &mut score.inputs {
        resolve(&mut i.href, &known);
    }
}

/// The evidence pack of one council as one self-contained HTML page.
pub fn pack_html(pack: &Pack) -> Result<String, ReportError> {
    let mut sections: Vec<SectionView> = SECTIONS
        .iter()
        .enumerate()
        .map(|(i, (key, heading))| section_view(pack, i + 1, key, heading))
        .collect();
    let mut score = score::score_box(pack);
    resolve_links(&mut sections, &mut score);
    let page = PackPage {
        council: pack.la.as_str(),
        ons_code: pack
            .ons_code
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        as_at: long_date(pack.as_at),
        score,
        sections,
        methods: methods::methods(pack),
    };
    Ok(page.render()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_falls_back_to_the_nearest_anchor_that_exists() {
        let known: HashSet<String> = ["m-capacity.waits", "s-quality"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut a = "#m-capacity.waits.by_service_type.homecare".to_string();
        resolve(&mut a, &known);
        assert_eq!(a, "#m-capacity.waits");
        let mut b = "#m-quality.nothing".to_string();
        resolve(&mut b, &known);
        assert_eq!(b, "#s-quality");
    }
}
