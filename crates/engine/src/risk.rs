//! Provider risk: red, amber or green, with every reason shown.
//!
//! The rule (the product's own, quoted on the evidence pack's methods page):
//!
//! | input | points |
//! |---|---|
//! | CQC rating Inadequate | red, always |
//! | Home Office sponsor licence revoked | red, always |
//! | CQC rating Requires improvement | 2 |
//! | registered manager absent | 2 |
//! | a sanction active at T (any council's) | 3 |
//! | a cluster of 3+ safeguarding concerns within 90 days, in the year | 3 |
//! | latest quality assessment below threshold | 2 |
//! | each concern open at T, up to 3 | 1 each |
//! | a hand-back in the year | 1 |
//! | no capacity return in the last 30 days (care homes and homecare) | 1 |
//!
//! Red at 5 points or more, amber at 2 or more, green otherwise. Financial
//! stress flags are not in the bundle, so they cannot count yet.

use std::collections::BTreeMap;

use continuum_domain::*;
use serde::Serialize;

use crate::index::{Council, Index};
#[cfg(doc)]
use crate::quality::commissioned;
use crate::quality::{Latest, below_threshold, clusters};
use crate::time::Window;
use rustc_hash::FxHashMap as HashMap;

/// Points at or above which a location is red.
pub const RED_AT: u32 = 5;
/// Points at or above which a location is amber.
pub const AMBER_AT: u32 = 2;

/// One reason a location's risk rose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub text: String,
    pub points: u32,
    /// This reason makes the location red whatever the points.
    pub always_red: bool,
}

/// One location's risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskEntry {
    pub location_id: LocationId,
    pub name: String,
    pub level: RiskLevel,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// `quality.risk`: the commissioned locations by risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    pub id: &'static str,
    pub red: u64,
    pub amber: u64,
    pub green: u64,
    pub locations: Vec<RiskEntry>,
}

fn reason(code: &'static str, text: impl Into<String>, points: u32) -> Reason {
    Reason {
        code,
        text: text.into(),
        points,
        always_red: false,
    }
}

fn always_red(code: &'static str, text: &str) -> Reason {
    Reason {
        code,
        text: text.into(),
        points: 0,
        always_red: true,
    }
}

/// The reasons for one location, given what the council knows at T.
pub fn reasons(
    ix: &Index<'_>,
    by: &ByLocation<'_>,
    l: &Location,
    t: Date,
    latest: &Latest<'_>,
) -> Vec<Reason> {
    let year = Window::year_to(t);
    let id = l.location_id.as_str();
    let mut out = Vec::new();
    match l.rating_at(t) {
        Rating::Inadequate => out.push(always_red("cqc_inadequate", "CQC rated it Inadequate")),
        Rating::RequiresImprovement => out.push(reason(
            "cqc_requires_improvement",
            "CQC rated it Requires improvement",
            2,
        )),
        _ => {}
    }
    if l.sponsor_licence == SponsorLicence::Revoked {
        out.push(always_red(
            "sponsor_licence_revoked",
            "its Home Office sponsor licence was revoked",
        ));
    }
    if l.registered_manager == Some(false) {
        out.push(reason(
            "no_registered_manager",
            "no registered manager is in post",
            2,
        ));
    }
    if ix
        .sanctions_by_location
        .get(id)
        .is_some_and(|v| v.iter().any(|s| s.is_active_at(t)))
    {
        out.push(reason("sanction", "a sanction is in force", 3));
    }
    let here: &[&Concern] = by.concerns.get(id).map_or(&[], Vec::as_slice);
    if !clusters(here, year).is_empty() {
        out.push(reason(
            "safeguarding_cluster",
            "3 or more safeguarding concerns within 90 days",
            3,
        ));
    }
    let open = here
        .iter()
        .filter(|k| k.raised_on <= t && k.closed_on.is_none_or(|d| d > t))
        .count() as u32;
    if open > 0 {
        out.push(reason(
            "open_concerns",
            format!("{open} open concern(s)"),
            open.min(3),
        ));
    }
    if latest.get(id).is_some_and(|rows| below_threshold(rows)) {
        out.push(reason(
            "assessment_below_threshold",
            "its latest quality assessment is below threshold",
            2,
        ));
    }
    if by
        .handbacks
        .get(id)
        .is_some_and(|v| v.iter().any(|h| year.contains(h.date)))
    {
        out.push(reason(
            "handback",
            "it handed back care in the last 12 months",
            1,
        ));
    }
    let needs_returns = l.service_type.is_care_home() || l.service_type == ServiceType::Homecare;
    let recent = Window::days_to(t, 30);
    if needs_returns
        && !ix
            .capacity
            .get(id)
            .is_some_and(|v| v.iter().any(|r| recent.contains(r.date)))
    {
        out.push(reason(
            "missed_capacity_return",
            "no capacity return in the last 30 days",
            1,
        ));
    }
    out
}

/// Scores a location from its reasons.
pub fn level(reasons: &[Reason]) -> (RiskLevel, u32) {
    let score: u32 = reasons.iter().map(|r| r.points).sum();
    let level = if reasons.iter().any(|r| r.always_red) || score >= RED_AT {
        RiskLevel::Red
    } else if score >= AMBER_AT {
        RiskLevel::Amber
    } else {
        RiskLevel::Green
    };
    (level, score)
}

/// A council's concerns and hand-backs grouped by location (each group in the
/// council's order), so that each location's reasons read its own rows
/// instead of scanning the council's: a large council commissions hundreds of
/// locations.
#[derive(Debug, Default)]
pub struct ByLocation<'a> {
    concerns: HashMap<&'a str, Vec<&'a Concern>>,
    handbacks: HashMap<&'a str, Vec<&'a Handback>>,
}

impl<'a> ByLocation<'a> {
    pub fn new(c: &Council<'a>) -> Self {
        let mut by = Self::default();
        for &k in &c.concerns {
            by.concerns
                .entry(k.location_id.as_str())
                .or_default()
                .push(k);
        }
        for &h in &c.handbacks {
            by.handbacks
                .entry(h.location_id.as_str())
                .or_default()
                .push(h);
        }
        by
    }
}

/// Assesses every commissioned location (`commissioned`, from
/// [`commissioned`]), given the council's latest assessments at T (from
/// [`latest_assessments`](crate::quality::latest_assessments)).
pub fn assess(
    ix: &Index<'_>,
    c: &Council<'_>,
    t: Date,
    commissioned: &[&str],
    latest: &Latest<'_>,
) -> Risk {
    let mut counts: BTreeMap<RiskLevel, u64> = BTreeMap::new();
    let mut locations = Vec::new();
    let by = ByLocation::new(c);
    for &id in commissioned {
        let Some(l) = ix.locations.get(id) else {
            continue;
        };
        let rs = reasons(ix, &by, l, t, latest);
        let (lvl, score) = level(&rs);
        *counts.entry(lvl).or_insert(0) += 1;
        locations.push(RiskEntry {
            location_id: l.location_id.clone(),
            name: l.name.clone(),
            level: lvl,
            score,
            reasons: rs,
        });
    }
    let n = |l| counts.get(&l).copied().unwrap_or(0);
    Risk {
        id: "quality.risk",
        red: n(RiskLevel::Red),
        amber: n(RiskLevel::Amber),
        green: n(RiskLevel::Green),
        locations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_always_red_reason_beats_the_points() {
        let (lvl, score) = level(&[always_red("cqc_inadequate", "x")]);
        assert_eq!((lvl, score), (RiskLevel::Red, 0));
    }

    #[test]
    fn points_decide_amber_and_red() {
        assert_eq!(level(&[reason("a", "", 1)]).0, RiskLevel::Green);
        assert_eq!(level(&[reason("a", "", 2)]).0, RiskLevel::Amber);
        assert_eq!(
            level(&[reason("a", "", 2), reason("b", "", 3)]).0,
            RiskLevel::Red
        );
    }
}
