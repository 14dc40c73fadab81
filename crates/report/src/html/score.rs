//! The suggested-score box: the score, what it means in CQC's words, the
//! points behind it, and every input with the way it moved the score.

use continuum_engine::Pack;
use continuum_engine::format::number;
use continuum_engine::score::Part;

use super::Tag;
use super::special::label_and_unit;
use crate::describe::section_heading;

/// CQC's words for a quality statement score.
pub fn score_words(score: Option<u8>) -> &'static str {
    match score {
        Some(1) => "Evidence shows significant shortfalls",
        Some(2) => "Evidence shows some shortfalls",
        Some(3) => "Evidence shows a good standard",
        Some(4) => "Evidence shows an exceptional standard",
        _ => "No suggestion: not enough data",
    }
}

/// A score as a tag: colour by band, with the number and words.
pub fn score_tag(score: Option<u8>) -> Tag {
    let class = match score {
        Some(1) => "red",
        Some(2) => "amber",
        Some(3 | 4) => "green",
        _ => "grey",
    };
    let text = score.map_or_else(|| "No score".to_string(), |s| format!("Score {s}"));
    Tag::new(class, &text)
}

/// `25 of 48 points, 52.08%`.
pub fn points_text(p: &Part) -> String {
    match p.percent {
        Some(pc) => format!(
            "{} of {} points, {}%",
            p.points,
            p.max_points,
            number(pc, 2)
        ),
        None => "no scored inputs".to_string(),
    }
}

/// One section's line in the score table.
#[derive(Debug, Clone)]
pub struct PartRow {
    pub href: String,
    pub heading: String,
    pub tag: Tag,
    pub words: &'static str,
    pub points: String,
}

/// One input of the rubric.
#[derive(Debug, Clone)]
pub struct InputRow {
    pub section: String,
    pub href: String,
    pub label: String,
    pub value: String,
    pub points: String,
    pub effect: Tag,
    pub note: String,
}

/// The score box.
#[derive(Debug, Clone)]
pub struct ScoreBox {
    pub tag: Tag,
    pub words: &'static str,
    pub points: String,
    pub rubric: String,
    pub note: &'static str,
    pub parts: Vec<PartRow>,
    pub inputs: Vec<InputRow>,
}

fn effect(direction: &str, has_value: bool) -> Tag {
    match (direction, has_value) {
        (_, false) => Tag::new("grey", "Left out: no data"),
        ("up", _) => Tag::new("green", "Moved it up"),
        ("down", _) => Tag::new("red", "Moved it down"),
        _ => Tag::new("grey", "Held it in the middle"),
    }
}

/// Builds the score box of a pack.
pub fn score_box(pack: &Pack) -> ScoreBox {
    let s = &pack.score;
    let mut parts = Vec::new();
    let mut inputs = Vec::new();
    for (key, heading) in crate::describe::SECTIONS {
        let Some(p) = s.sections.get(key) else {
            continue;
        };
        parts.push(PartRow {
            href: format!("#s-{key}"),
            heading: heading.to_string(),
            tag: score_tag(p.score),
            words: score_words(p.score),
            points: points_text(p),
        });
        for i in &p.inputs {
            let (_, unit) = label_and_unit(pack, &i.metric_id);
            inputs.push(InputRow {
                section: section_heading(key).to_string(),
                href: format!("#m-{}", i.metric_id),
                label: i.label.clone(),
                value: i
                    .value
                    .map_or_else(|| "No data".to_string(), |v| unit.format(v)),
                points: i
                    .points
                    .map_or_else(String::new, |p| format!("{p} of {}", i.max_points)),
                effect: effect(i.direction, i.value.is_some()),
                // Without a value the effect tag already says why.
                note: i
                    .note
                    .clone()
                    .filter(|_| i.value.is_some())
                    .unwrap_or_default(),
            });
        }
    }
    ScoreBox {
        tag: score_tag(s.overall.score),
        words: score_words(s.overall.score),
        points: points_text(&s.overall),
        rubric: s.rubric.clone(),
        note: s.note,
        parts,
        inputs,
    }
}
