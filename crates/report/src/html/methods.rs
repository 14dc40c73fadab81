//! The methods appendix: the definitions behind every figure, generated from
//! the engine wherever the engine holds them, so the page cannot drift from
//! the code that computed it.
//!
//! - The provider risk rule is read from the engine's own documentation of it
//!   (the table in `risk.rs`'s module docs) and its thresholds from
//!   [`risk::RED_AT`] and [`risk::AMBER_AT`].
//! - The rubric's rules come from [`Rubric::default`] when the pack was scored
//!   with it; CQC's bands are read off [`score::band`] itself.
//! - Dates are worked out for the pack's own as-at date.

use continuum_engine::score::{self, Better, Rubric};
use continuum_engine::{Pack, risk};

use crate::describe::{Unit, long_date};

/// The engine's risk module, whose docs hold the rule as a table.
const RISK_SOURCE: &str = include_str!("../../../engine/src/risk.rs");

/// A definition: a term and what it means.
#[derive(Debug, Clone)]
pub struct Definition {
    pub term: String,
    pub text: String,
}

/// A rubric rule as the page shows it.
#[derive(Debug, Clone)]
pub struct RuleRow {
    pub section: String,
    pub label: String,
    pub metric: String,
    pub better: &'static str,
    pub strong: String,
    pub adequate: String,
    pub weak: String,
}

/// Everything the appendix shows.
#[derive(Debug, Clone)]
pub struct Methods {
    pub definitions: Vec<Definition>,
    pub variation: Vec<Definition>,
    pub risk_rows: Vec<(String, String)>,
    pub risk_note: String,
    pub rubric_name: String,
    pub rubric_rules: Vec<RuleRow>,
    pub rubric_note: String,
    pub bands: Vec<(String, u8)>,
}

fn def(term: &str, text: String) -> Definition {
    Definition {
        term: term.to_string(),
        text,
    }
}

fn definitions(pack: &Pack) -> Vec<Definition> {
    let t = pack.as_at;
    let day = chrono::Duration::days(1);
    let w_start = t - chrono::Duration::days(365) + day;
    let last = t - chrono::Duration::days(365);
    vec![
        def("As at", format!("Every figure is computed for {} at {} (T).", pack.la, long_date(t))),
        def("The window", format!(
            "The 365 days ending at T: from {} to {}, both included (T − 365 < d ≤ T). \"In the last 12 months\" means this window.",
            long_date(w_start), long_date(t)
        )),
        def("Last year", format!(
            "The same computation at T − 365 ({}). The change is this year's figure minus last year's; for percentages it is in percentage points (pp).",
            long_date(last)
        )),
        def("Active at T", "A record is active at T when it started on or before T and its end is empty or later than T. A location is registered at T by the same rule, using its registration and deregistration dates.".into()),
        def("In area", format!("A location is in area when CQC records its local authority as {}.", pack.la)),
        def("Commissioned locations", "The locations with a contract active at T for the council, or with one of the council's placements active at T.".into()),
        def("Linked placement", "The linked placement of a request is the earliest placement with that request's ID that is not interim. A wait is the linked placement's start date minus the date the request was received, in whole days.".into()),
        def("Wait buckets", "Waits are grouped as 0–1 days, 2, 3–7, 8–28, 29–90 and more than 90 days.".into()),
        def("Capacity returns", "Occupancy uses each in-area care home's latest capacity return dated in the 90 days up to T: beds occupied over maximum beds. Coverage is the share of homes with such a return.".into()),
        def("Rounding", "Percentages are computed exactly and shown rounded to 2 decimal places; the CSV and workbook carry the exact fraction. Day counts are whole days. Numbers are written in British style (1,478; 85.73%; £1,050.00).".into()),
    ]
}

fn variation() -> Vec<Definition> {
    vec![
        def("The test", "Where the national data gives a margin of error: se = margin of error ÷ 1.96 and z = (value − England value) ÷ se. Which way is better follows the measure's polarity (higher is better, or lower is better).".into()),
        def("Positive or negative variation", "|z| is 1.96 or more.".into()),
        def("Tending towards positive or negative", "|z| is at least 1 and less than 1.96.".into()),
        def("No variation", "|z| is less than 1.".into()),
        def("No test", "No margin of error is known: the plain difference from England is shown, with no judgement.".into()),
    ]
}

/// The rows of the markdown table in the risk module's docs.
pub fn risk_rule() -> Vec<(String, String)> {
    RISK_SOURCE
        .lines()
        .filter_map(|l| l.strip_prefix("//! |"))
        .map(|l| {
            l.split('|')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|cells| cells.len() == 2 && !cells[0].starts_with("---") && cells[0] != "input")
        .map(|cells| (capitalise(&cells[0]), cells[1].clone()))
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn threshold(better: Better, unit: Unit, v: f64) -> String {
    let op = match better {
        Better::Higher => "≥",
        Better::Lower => "≤",
    };
    format!("{op}\u{a0}{}", unit.format(v))
}

fn rubric(pack: &Pack) -> (Vec<RuleRow>, String) {
    let default = Rubric::default();
    if default.name != pack.score.rubric {
        let note = format!(
            "This pack was scored with the rubric \"{}\", given when the pack was made; its thresholds are in that file. The inputs and the points each earned are in the score box above.",
            pack.score.rubric
        );
        return (Vec::new(), note);
    }
    let rows = default
        .rules
        .iter()
        .map(|r| (r, super::special::label_and_unit(pack, &r.metric).1))
        .map(|(r, unit)| RuleRow {
            section: crate::describe::section_heading(&r.section).to_string(),
            label: r.label.clone(),
            metric: r.metric.clone(),
            better: match r.better {
                Better::Higher => "Higher",
                Better::Lower => "Lower",
            },
            strong: threshold(r.better, unit, r.strong),
            adequate: threshold(r.better, unit, r.adequate),
            weak: threshold(r.better, unit, r.weak),
        })
        .collect();
    let note = "Each rule gives 3 points at or beyond its strong threshold, 2 at or beyond adequate, 1 at or beyond weak and 0 otherwise. A rule whose figure has no data is left out of the score and says so. A section's score is the share of the points available to it, turned into 1–4 with CQC's bands; the overall score uses the same bands on the points of every section.".to_string();
    (rows, note)
}

/// CQC's bands as the engine applies them, read off [`score::band`]: each
/// run of whole percentages with the same score.
pub fn bands() -> Vec<(String, u8)> {
    let mut out: Vec<(u32, u32, u8)> = Vec::new();
    for p in 0..=100u32 {
        let b = score::band(f64::from(p));
        match out.last_mut() {
            Some(last) if last.2 == b => last.1 = p,
            _ => out.push((p, p, b)),
        }
    }
    out.into_iter()
        .map(|(a, b, s)| {
            let range = if b == 100 {
                format!("{a}% and above")
            } else {
                format!("{a}% to {b}%")
            };
            (range, s)
        })
        .collect()
}

/// The appendix of a pack.
pub fn methods(pack: &Pack) -> Methods {
    let (rubric_rules, rubric_note) = rubric(pack);
    Methods {
        definitions: definitions(pack),
        variation: variation(),
        risk_rows: risk_rule(),
        risk_note: format!(
            "A location is red at {} points or more, or with any \"always red\" reason; amber at {} points or more; green otherwise. Every reason is shown beside the location.",
            risk::RED_AT,
            risk::AMBER_AT
        ),
        rubric_name: pack.score.rubric.clone(),
        rubric_rules,
        rubric_note,
        bands: bands(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_risk_rule_is_read_from_the_engine_docs() {
        let rows = risk_rule();
        assert!(rows.len() >= 8, "{rows:?}");
        assert!(
            rows.iter()
                .any(|(i, p)| i.contains("Inadequate") && p == "red, always")
        );
    }

    #[test]
    fn the_bands_are_read_off_the_engine() {
        let b = bands();
        assert_eq!(b.last(), Some(&("88% and above".to_string(), 4)));
        assert!(b.contains(&("63% to 87%".to_string(), 3)));
        assert!(b.contains(&("39% to 62%".to_string(), 2)));
    }
}
