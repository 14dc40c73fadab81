//! Section 4, quality of local services (`quality.*`).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use continuum_domain::*;
use serde::Serialize;

use crate::index::{Council, Index};
use crate::market::registered_in_area;
use crate::risk::{self, RiskEntry};
use crate::stats::Ratio;
use crate::time::{Window, active_at};

/// `quality.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quality {
    #[serde(rename = "quality.rating_mix")]
    pub rating_mix: RatingMix,
    #[serde(rename = "quality.sanctions")]
    pub sanctions: Sanctions,
    #[serde(rename = "quality.visit_coverage")]
    pub visit_coverage: VisitCoverage,
    #[serde(rename = "quality.assessments")]
    pub assessments: Assessments,
    #[serde(rename = "quality.concerns")]
    pub concerns: Concerns,
    #[serde(rename = "quality.risk")]
    pub risk: risk::Risk,
}

/// The share of each rating among some locations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mix {
    pub locations: u64,
    pub shares: BTreeMap<Rating, Ratio>,
}

fn mix(locs: impl Iterator<Item = Rating>) -> Mix {
    let ratings: Vec<Rating> = locs.collect();
    let n = ratings.len();
    let shares = Rating::ALL
        .iter()
        .map(|r| (*r, Ratio::of(ratings.iter().filter(|x| *x == r).count(), n)))
        .collect();
    Mix {
        locations: n as u64,
        shares,
    }
}

/// `quality.rating_mix`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingMix {
    pub id: &'static str,
    pub all: Mix,
    pub by_service_type: BTreeMap<ServiceType, Mix>,
    /// Good or outstanding, over all in-area registered locations.
    pub good_or_outstanding: Ratio,
    /// Good or outstanding, over the rated ones only.
    pub rated_good_or_outstanding: Ratio,
}

/// `quality.sanctions`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sanctions {
    pub id: &'static str,
    pub active: u64,
    pub active_by_kind: BTreeMap<SanctionKind, u64>,
    pub started_in_year: u64,
    pub started_by_kind: BTreeMap<SanctionKind, u64>,
    /// The council's people whose placement active at T is at a location under
    /// an active sanction (any council's).
    pub people_affected: u64,
}

/// `quality.visit_coverage`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitCoverage {
    pub id: &'static str,
    /// Commissioned locations with a visit in the year.
    #[serde(flatten)]
    pub ratio: Ratio,
    /// Red-risk commissioned locations with no visit in the last 90 days.
    pub red_not_visited_90_days: Vec<LocationId>,
}

/// `quality.assessments`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessments {
    pub id: &'static str,
    /// Below threshold, out of those assessed.
    #[serde(flatten)]
    pub ratio: Ratio,
    pub below_threshold: Vec<LocationId>,
}

/// `quality.concerns`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concerns {
    pub id: &'static str,
    pub raised_in_year: u64,
    pub by_kind: BTreeMap<ConcernKind, u64>,
    /// Locations with 3 or more safeguarding concerns within 90 days of each other.
    pub clusters: Vec<LocationId>,
}

fn rating_mix(c: &Council<'_>, t: Date) -> RatingMix {
    let locs: Vec<&Location> = registered_in_area(c, t).collect();
    let mut types: BTreeSet<ServiceType> = BTreeSet::new();
    locs.iter().for_each(|l| {
        types.insert(l.service_type);
    });
    let by_service_type = types
        .into_iter()
        .map(|st| {
            (
                st,
                mix(locs
                    .iter()
                    .filter(|l| l.service_type == st)
                    .map(|l| l.rating_at(t))),
            )
        })
        .collect();
    let ratings: Vec<Rating> = locs.iter().map(|l| l.rating_at(t)).collect();
    let good = ratings.iter().filter(|r| r.is_good_or_better()).count();
    let rated = ratings.iter().filter(|r| **r != Rating::NotRated).count();
    RatingMix {
        id: "quality.rating_mix",
        all: mix(ratings.iter().copied()),
        by_service_type,
        good_or_outstanding: Ratio::of(good, ratings.len()),
        rated_good_or_outstanding: Ratio::of(good, rated),
    }
}

fn sanctions(ix: &Index<'_>, c: &Council<'_>, t: Date) -> Sanctions {
    let w = Window::year_to(t);
    let mut active_by_kind = BTreeMap::new();
    let mut started_by_kind = BTreeMap::new();
    for s in &c.sanctions {
        if s.is_active_at(t) {
            *active_by_kind.entry(s.kind).or_insert(0) += 1;
        }
        if w.contains(s.start_date) {
            *started_by_kind.entry(s.kind).or_insert(0) += 1;
        }
    }
    let sanctioned = |loc: &str| {
        ix.sanctions_by_location
            .get(loc)
            .is_some_and(|v| v.iter().any(|s| s.is_active_at(t)))
    };
    let people: BTreeSet<&str> = c
        .placements
        .iter()
        .filter(|p| p.is_active_at(t) && sanctioned(p.location_id.as_str()))
        .map(|p| p.person_id.as_str())
        .collect();
    Sanctions {
        id: "quality.sanctions",
        active: active_by_kind.values().sum(),
        active_by_kind,
        started_in_year: started_by_kind.values().sum(),
        started_by_kind,
        people_affected: people.len() as u64,
    }
}

/// The commissioned locations: a contract active at T for the council, or one
/// of its placements active at T. Sorted by ID.
pub fn commissioned<'a>(c: &Council<'a>, t: Date) -> Vec<&'a str> {
    // Tens of thousands of active placements name a few thousand locations:
    // a hash set takes them faster than a tree, and only the distinct ones
    // are sorted.
    let mut ids: rustc_hash::FxHashSet<&'a str> = rustc_hash::FxHashSet::default();
    for k in c
        .contracts
        .iter()
        .filter(|k| active_at(k.start_date, k.end_date, t))
    {
        ids.insert(k.location_id.as_str());
    }
    for p in c.placements.iter().filter(|p| p.is_active_at(t)) {
        ids.insert(p.location_id.as_str());
    }
    let mut ids: Vec<&'a str> = ids.into_iter().collect();
    ids.sort_unstable();
    ids
}

fn visit_coverage(c: &Council<'_>, t: Date, com: &[&str], risk: &[RiskEntry]) -> VisitCoverage {
    let year = Window::year_to(t);
    let recent = Window::days_to(t, 90);
    let mut dates: HashMap<&str, Vec<Date>> = HashMap::default();
    for v in &c.visits {
        dates
            .entry(v.location_id.as_str())
            .or_default()
            .push(v.date);
    }
    let visited = |id: &str, w: Window| {
        dates
            .get(id)
            .is_some_and(|d| d.iter().any(|&d| w.contains(d)))
    };
    let n = com.iter().filter(|id| visited(id, year)).count();
    let red_not_visited_90_days = risk
        .iter()
        .filter(|r| r.level == RiskLevel::Red && !visited(r.location_id.as_str(), recent))
        .map(|r| r.location_id.clone())
        .collect();
    VisitCoverage {
        id: "quality.visit_coverage",
        ratio: Ratio::of(n, com.len()),
        red_not_visited_90_days,
    }
}

/// Each location's latest assessment: its rows, by location ID.
pub type Latest<'a> = BTreeMap<&'a str, Vec<&'a QualityAssessment>>;

/// The latest assessment of each location for the council dated on or before
/// T: its rows (one per standard). Ties on date go to the larger assessment ID.
pub fn latest_assessments<'a>(c: &Council<'a>, t: Date) -> Latest<'a> {
    let mut latest: HashMap<&str, (Date, &str)> = HashMap::default();
    for a in c.assessments.iter().filter(|a| a.date <= t) {
        let key = (a.date, a.assessment_id.as_str());
        let e = latest.entry(a.location_id.as_str()).or_insert(key);
        if key > *e {
            *e = key;
        }
    }
    let mut out: BTreeMap<&str, Vec<&QualityAssessment>> = BTreeMap::new();
    for a in &c.assessments {
        if latest.get(a.location_id.as_str()) == Some(&(a.date, a.assessment_id.as_str())) {
            out.entry(a.location_id.as_str()).or_default().push(a);
        }
    }
    out
}

/// Below threshold: any standard rated poor, or 25% or more of the standards
/// rated requires improvement or worse.
pub fn below_threshold(rows: &[&QualityAssessment]) -> bool {
    let poor = rows.iter().any(|r| r.rating == QaRating::Poor);
    let weak = rows
        .iter()
        .filter(|r| matches!(r.rating, QaRating::Poor | QaRating::RequiresImprovement))
        .count();
    poor || (!rows.is_empty() && weak * 4 >= rows.len())
}

fn assessments(latest: &Latest<'_>) -> Assessments {
    let below: Vec<LocationId> = latest
        .iter()
        .filter(|(_, rows)| below_threshold(rows))
        .map(|(_, rows)| rows[0].location_id.clone())
        .collect();
    Assessments {
        id: "quality.assessments",
        ratio: Ratio::of(below.len(), latest.len()),
        below_threshold: below,
    }
}

/// Locations with 3 or more safeguarding concerns raised in the window whose
/// dates lie within 90 days of each other (latest − earliest ≤ 90).
pub fn clusters<'a>(concerns: &[&'a Concern], w: Window) -> Vec<&'a LocationId> {
    let mut by_loc: BTreeMap<&LocationId, Vec<Date>> = BTreeMap::new();
    for c in concerns
        .iter()
        .filter(|c| c.kind == ConcernKind::Safeguarding && w.contains(c.raised_on))
    {
        by_loc.entry(&c.location_id).or_default().push(c.raised_on);
    }
    by_loc
        .into_iter()
        .filter_map(|(loc, mut dates)| {
            dates.sort_unstable();
            dates
                .windows(3)
                .any(|d| (d[2] - d[0]).num_days() <= 90)
                .then_some(loc)
        })
        .collect()
}

fn concerns(c: &Council<'_>, t: Date) -> Concerns {
    let w = Window::year_to(t);
    let mut by_kind = BTreeMap::new();
    for k in c.concerns.iter().filter(|k| w.contains(k.raised_on)) {
        *by_kind.entry(k.kind).or_insert(0) += 1;
    }
    Concerns {
        id: "quality.concerns",
        raised_in_year: by_kind.values().sum(),
        by_kind,
        clusters: clusters(&c.concerns, w).into_iter().cloned().collect(),
    }
}

/// Computes section 4.
pub fn compute(ix: &Index<'_>, c: &Council<'_>, t: Date) -> Quality {
    let com = commissioned(c, t);
    let latest = latest_assessments(c, t);
    let risk = risk::assess(ix, c, t, &com, &latest);
    Quality {
        rating_mix: rating_mix(c, t),
        sanctions: sanctions(ix, c, t),
        visit_coverage: visit_coverage(c, t, &com, &risk.locations),
        assessments: assessments(&latest),
        concerns: concerns(c, t),
        risk,
    }
}
