//! Figures published under a council's old ONS code.
//!
//! Dorset County Council (`E10000009`) was replaced by Dorset Council
//! (`E06000059`) on 1 April 2019. The 2024-25 ODS still publishes Dorset Council's
//! figures under the county's code: as the only Dorset row in Tables 4b, 6a and
//! 6b (6B: "local authorities … present in the CQC data set for April 2024"),
//! and as a second row, identical to Dorset's, in the survey tables for 2024-25.
//! Councils are matched on ONS code, so left alone Dorset would lose 4B, 6A and 6B.
//!
//! Rule: a figure under an old code for a year on or after the change belongs to
//! the successor. It is moved to the successor's code and name, unless the sheet
//! also publishes the successor's own figure for that measure and year: then the
//! old-code row is dropped, with a warning that says whether it was empty (`[z]`
//! throughout, as in 2019-20 to 2023-24), identical, or different.
//! Figures for years before the change stay under the old code: they describe
//! the old council.

use continuum_domain::{AscofValue, FinancialYear, OnsCode};
use std::collections::{BTreeSet, HashSet};

use super::notes::Notes;
use crate::{Position, Warning};

/// One council replaced by another.
#[derive(Debug)]
struct Successor {
    old: &'static str,
    new: &'static str,
    new_name: &'static str,
    from: FinancialYear,
}

const SUCCESSORS: &[Successor] = &[Successor {
    old: "E10000009",
    new: "E06000059",
    new_name: "Dorset",
    from: FinancialYear(2019),
}];

/// What happened to the figures under one old code.
#[derive(Debug, Default)]
struct Outcome {
    moved: BTreeSet<String>,
    empty: BTreeSet<String>,
    same: BTreeSet<String>,
    differ: BTreeSet<String>,
}

/// Moves figures published under an old code to the successor council.
pub(crate) fn apply(values: &mut Vec<AscofValue>, file: &std::path::Path, notes: &mut Notes) {
    for s in SUCCESSORS {
        let outcome = apply_one(s, values);
        for w in warnings(s, &outcome, file) {
            notes.push(w);
        }
    }
}

fn is_code(v: &AscofValue, code: &str) -> bool {
    v.ons_code.as_ref().is_some_and(|c| c.as_str() == code)
}

fn apply_one(s: &Successor, values: &mut Vec<AscofValue>) -> Outcome {
    let Ok(new_code) = OnsCode::parse(s.new) else {
        return Outcome::default();
    };
    let own: HashSet<(String, FinancialYear)> = values
        .iter()
        .filter(|v| is_code(v, s.new))
        .map(|v| (v.measure.clone(), v.year))
        .collect();
    let mut out = Outcome::default();
    let mut drop = vec![false; values.len()];
    for i in 0..values.len() {
        if !is_code(&values[i], s.old) || values[i].year < s.from {
            continue;
        }
        let label = format!("{} {}", values[i].measure, values[i].year);
        if own.contains(&(values[i].measure.clone(), values[i].year)) {
            drop[i] = true;
            let twin = values.iter().find(|v| {
                is_code(v, s.new) && v.measure == values[i].measure && v.year == values[i].year
            });
            if !has_figure(&values[i]) {
                out.empty.insert(label);
            } else if twin.is_some_and(|t| same_figures(t, &values[i])) {
                out.same.insert(label);
            } else {
                out.differ.insert(label);
            }
        } else {
            let v = &mut values[i];
            v.ons_code = Some(new_code.clone());
            v.area_name = s.new_name.to_string();
            out.moved.insert(label);
        }
    }
    let mut keep = drop.into_iter().map(|d| !d);
    values.retain(|_| keep.next().unwrap_or(true));
    out
}

fn has_figure(v: &AscofValue) -> bool {
    [
        Some(v.outcome),
        v.margin_of_error,
        v.respondents,
        v.numerator,
        v.denominator,
    ]
    .into_iter()
    .flatten()
    .any(|f| f.value().is_some())
}

fn same_figures(a: &AscofValue, b: &AscofValue) -> bool {
    a.outcome == b.outcome
        && a.margin_of_error == b.margin_of_error
        && a.respondents == b.respondents
        && a.numerator == b.numerator
        && a.denominator == b.denominator
}

fn warnings(s: &Successor, o: &Outcome, file: &std::path::Path) -> Vec<Warning> {
    let list = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
    let mut out = Vec::new();
    let mut warn = |message: String| {
        out.push(Warning {
            file: file.to_path_buf(),
            at: Position::File,
            message,
        })
    };
    if !o.moved.is_empty() {
        warn(format!(
            "figures published under {old} (a council replaced in {from}) \
             were read as {name} ({new}): {}",
            list(&o.moved),
            old = s.old,
            from = s.from,
            name = s.new_name,
            new = s.new,
        ));
    }
    if !o.empty.is_empty() {
        warn(format!(
            "rows under {} hold no figures (only suppression codes) \
             where {} has its own, and were dropped: {}",
            s.old,
            s.new_name,
            list(&o.empty)
        ));
    }
    if !o.same.is_empty() {
        warn(format!(
            "figures under {} repeat {}'s own, identical, and were dropped: {}",
            s.old,
            s.new_name,
            list(&o.same)
        ));
    }
    if !o.differ.is_empty() {
        warn(format!(
            "figures under {} differ from {}'s own for the same year; {}'s were kept: {}",
            s.old,
            s.new_name,
            s.new_name,
            list(&o.differ)
        ));
    }
    out
}
