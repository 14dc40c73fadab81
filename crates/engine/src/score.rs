//! The suggested score: 1–4 per section and overall, from a documented,
//! configurable rubric (`rubric/default.toml`), with every input shown.
//!
//! It is a suggestion for self-assessment. CQC scores with professional
//! judgement.

use serde::{Deserialize, Serialize};

use crate::flatten::Row;

/// The five sections, in report order.
pub const SECTIONS: [&str; 5] = ["needs", "market", "capacity", "quality", "sustainability"];

/// Which way a figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

/// One rule: a figure and its thresholds for 3, 2 and 1 points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub section: String,
    pub metric: String,
    pub label: String,
    pub better: Better,
    pub strong: f64,
    pub adequate: f64,
    pub weak: f64,
}

impl Rule {
    /// 0–3 points for a value.
    pub fn points(&self, v: f64) -> u32 {
        let beyond = |t: f64| match self.better {
            Better::Higher => v >= t,
            Better::Lower => v <= t,
        };
        if beyond(self.strong) {
            3
        } else if beyond(self.adequate) {
            2
        } else if beyond(self.weak) {
            1
        } else {
            0
        }
    }
}

/// A rubric: a name and its rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub name: String,
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
}

impl Rubric {
    /// Reads a rubric from TOML, checking every rule names a known section.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let r: Rubric = toml::from_str(text).map_err(|e| e.to_string())?;
        for rule in &r.rules {
            if !SECTIONS.contains(&rule.section.as_str()) {
                return Err(format!(
                    "rule '{}' names an unknown section '{}'",
                    rule.label, rule.section
                ));
            }
        }
        Ok(r)
    }
}

impl Default for Rubric {
    fn default() -> Self {
        Self::from_toml(include_str!("../rubric/default.toml")).unwrap_or(Rubric {
            name: "empty".into(),
            rules: Vec::new(),
        })
    }
}

/// CQC's bands: 25–38% → 1, 39–62% → 2, 63–87% → 3, 88%+ → 4; below 25% is 1.
pub fn band(percent: f64) -> u8 {
    match percent {
        p if p >= 88.0 => 4,
        p if p >= 63.0 => 3,
        p if p >= 39.0 => 2,
        _ => 1,
    }
}

/// One input that moved a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Input {
    pub metric_id: String,
    pub label: String,
    pub value: Option<f64>,
    pub points: Option<u32>,
    pub max_points: u32,
    pub better: Better,
    /// The rule's thresholds for 3, 2 and 1 points.
    pub strong: f64,
    pub adequate: f64,
    pub weak: f64,
    /// `up`, `down` or `none`: how this input moved the score from the middle.
    pub direction: &'static str,
    pub note: Option<String>,
}

/// The score of one section, or of the whole statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub score: Option<u8>,
    pub percent: Option<f64>,
    pub points: u32,
    pub max_points: u32,
    pub inputs: Vec<Input>,
}

/// The suggested score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub rubric: String,
    pub note: &'static str,
    pub sections: std::collections::BTreeMap<String, Part>,
    pub overall: Part,
}

fn part(inputs: Vec<Input>) -> Part {
    let points: u32 = inputs.iter().filter_map(|i| i.points).sum();
    let max: u32 = inputs
        .iter()
        .filter(|i| i.points.is_some())
        .map(|i| i.max_points)
        .sum();
    let percent = (max > 0).then(|| 100.0 * f64::from(points) / f64::from(max));
    Part {
        score: percent.map(band),
        percent,
        points,
        max_points: max,
        inputs,
    }
}

/// Scores the long table of a pack.
pub fn score(rubric: &Rubric, rows: &[Row]) -> Score {
    let mut sections = std::collections::BTreeMap::new();
    let mut all = Vec::new();
    for s in SECTIONS {
        let inputs: Vec<Input> = rubric
            .rules
            .iter()
            .filter(|r| r.section == s)
            .map(|r| input(r, rows))
            .collect();
        all.extend(inputs.iter().cloned());
        sections.insert(s.to_string(), part(inputs));
    }
    Score {
        rubric: rubric.name.clone(),
        note: "A suggested score for self-assessment. CQC scores with professional judgement.",
        sections,
        overall: part(all),
    }
}

fn input(r: &Rule, rows: &[Row]) -> Input {
    let value = rows
        .iter()
        .find(|row| row.metric_id == r.metric)
        .and_then(|row| row.value);
    let points = value.map(|v| r.points(v));
    Input {
        metric_id: r.metric.clone(),
        label: r.label.clone(),
        value,
        points,
        max_points: 3,
        better: r.better,
        strong: r.strong,
        adequate: r.adequate,
        weak: r.weak,
        direction: match points {
            Some(3) => "up",
            Some(0 | 1) => "down",
            _ => "none",
        },
        note: value
            .is_none()
            .then(|| "no data: left out of the score".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cqc_bands_turn_percentages_into_scores() {
        assert_eq!(
            [
                band(20.0),
                band(25.0),
                band(38.9),
                band(39.0),
                band(62.9),
                band(63.0),
                band(87.9),
                band(88.0)
            ],
            [1, 1, 1, 2, 2, 3, 3, 4]
        );
    }

    #[test]
    fn the_default_rubric_parses_and_covers_every_section() {
        let r = Rubric::default();
        assert!(r.rules.len() > 10);
        for s in SECTIONS {
            assert!(r.rules.iter().any(|x| x.section == s), "{s}");
        }
    }

    #[test]
    fn lower_is_better_rules_score_small_values_high() {
        let r = Rule {
            section: "capacity".into(),
            metric: "m".into(),
            label: "l".into(),
            better: Better::Lower,
            strong: 1.0,
            adequate: 3.0,
            weak: 7.0,
        };
        assert_eq!(
            [r.points(0.0), r.points(2.0), r.points(7.0), r.points(8.0)],
            [3, 2, 1, 0]
        );
    }

    #[test]
    fn a_rule_without_data_is_left_out_not_scored_zero() {
        let r = Rubric::from_toml("name = \"t\"\n[[rule]]\nsection = \"needs\"\nmetric = \"x\"\nlabel = \"x\"\nbetter = \"higher\"\nstrong = 3\nadequate = 2\nweak = 1\n").unwrap_or_else(|e| panic!("{e}"));
        let s = score(&r, &[]);
        assert_eq!(s.overall.score, None);
        assert_eq!(
            s.sections["needs"].inputs[0].note.as_deref(),
            Some("no data: left out of the score")
        );
    }

    #[test]
    fn an_unknown_section_is_refused() {
        let bad = "name = \"t\"\n[[rule]]\nsection = \"finance\"\nmetric = \"x\"\nlabel = \"x\"\nbetter = \"higher\"\nstrong = 3\nadequate = 2\nweak = 1\n";
        assert!(Rubric::from_toml(bad).is_err());
    }
}
