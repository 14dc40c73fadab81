//! The rows of the location page's tables, as text.

use continuum_domain::{Date, Placement};

use super::Cells;
use crate::ui::fmt::{self, Tag};
use crate::views::location::{LocationDetail, PlacementCounts, Placements};

/// How many ended placements the page lists.
const ENDED_SHOWN: usize = 100;

/// A placement row, with the person's ID for the link.
#[derive(Debug, Clone)]
pub struct PlacementRow {
    pub person: String,
    pub cells: Cells,
}

/// The placements part of the page: lists for roles with personal access,
/// counts for the rest.
#[derive(Debug, Clone, Default)]
pub struct PeopleView {
    pub listed: Option<Vec<PlacementRow>>,
    pub ended: Vec<PlacementRow>,
    pub ended_total: usize,
    pub counts: Option<PlacementCounts>,
    pub count_rows: Vec<(String, u64)>,
}

/// Active placements at `t`, then the latest ended ones; or counts.
pub fn placements(p: &Placements, t: Date) -> PeopleView {
    match p {
        Placements::Listed(v) => {
            let (now, before): (Vec<&Placement>, Vec<&Placement>) =
                v.iter().partition(|p| p.is_active_at(t));
            PeopleView {
                listed: Some(now.into_iter().map(placement_row).collect()),
                ended: before
                    .iter()
                    .take(ENDED_SHOWN)
                    .map(|p| placement_row(p))
                    .collect(),
                ended_total: before.len(),
                ..PeopleView::default()
            }
        }
        Placements::Counted(c) => PeopleView {
            count_rows: c
                .active_by_service_type
                .iter()
                .map(|(k, n)| (fmt::words(k), *n))
                .collect(),
            counts: Some(c.clone()),
            ..PeopleView::default()
        },
    }
}

/// One council's latest quality assessment, as shown.
#[derive(Debug, Clone)]
pub struct AssessmentView {
    pub heading: String,
    pub verdict: Tag,
    pub rows: Vec<(String, String, Tag)>,
}

fn placement_row(p: &Placement) -> PlacementRow {
    PlacementRow {
        person: p.person_id.to_string(),
        cells: vec![
            p.service_type.label().into(),
            fmt::date(p.start_date),
            fmt::opt_date(p.end_date),
            fmt::pounds(p.weekly_cost),
            if p.interim {
                "Interim".into()
            } else {
                String::new()
            },
            p.ooa_reason
                .map(|r| fmt::words(r.as_str()))
                .unwrap_or_default(),
        ],
    }
}

pub fn summary(d: &LocationDetail) -> Vec<(&'static str, String)> {
    let l = &d.location;
    let specialisms: Vec<String> = l
        .specialisms
        .iter()
        .map(|s| fmt::words(s.as_str()))
        .collect();
    let mut v = vec![
        ("CQC location ID", l.location_id.to_string()),
        (
            "Provider",
            format!("{} ({})", l.provider_name, l.provider_id),
        ),
        ("Service type", l.service_type.label().to_string()),
        ("Council area", l.local_authority.to_string()),
        ("Postcode", l.postcode.clone()),
        (
            "Registration",
            format!(
                "{}{}",
                fmt::words(l.status.as_str()),
                l.registered_on
                    .map(|d| format!(" since {}", fmt::date(d)))
                    .unwrap_or_default()
            ),
        ),
        (
            "Registered manager",
            fmt::yes_no(l.registered_manager).to_string(),
        ),
        (
            "Specialisms",
            if specialisms.is_empty() {
                "None recorded".into()
            } else {
                specialisms.join(", ")
            },
        ),
        (
            "Home Office sponsor licence",
            fmt::words(match l.sponsor_licence.as_str() {
                "none" => "not_held",
                s => s,
            }),
        ),
    ];
    if l.beds > 0 {
        v.insert(3, ("Beds", fmt::count(u64::from(l.beds))));
    }
    if let Some(dd) = l.deregistered_on {
        v.push(("Deregistered", fmt::date(dd)));
    }
    v
}

pub fn capacity_head(d: &LocationDetail) -> Vec<&'static str> {
    if d.is_homecare() {
        vec![
            "Date",
            "People supported",
            "Hours a week",
            "Extra hours available",
        ]
    } else {
        vec![
            "Date",
            "Beds",
            "Occupied",
            "Vacant, reserved",
            "Vacant, accepting admissions",
        ]
    }
}

pub fn capacity(d: &LocationDetail) -> Vec<Cells> {
    let n = |v: Option<u32>| v.map_or_else(String::new, |v| fmt::count(u64::from(v)));
    d.capacity
        .iter()
        .map(|c| {
            if d.is_homecare() {
                vec![
                    fmt::date(c.date),
                    n(c.homecare_people),
                    fmt::num(c.homecare_hours_week, 0),
                    fmt::num(c.homecare_extra_hours, 0),
                ]
            } else {
                vec![
                    fmt::date(c.date),
                    n(c.beds_max),
                    n(c.beds_occupied),
                    n(c.beds_vacant_reserved),
                    n(c.beds_vacant_accepting),
                ]
            }
        })
        .collect()
}

fn qa_tag(r: continuum_domain::QaRating) -> Tag {
    use continuum_domain::QaRating as Q;
    let class = match r {
        Q::Excellent | Q::Good => "tag--green",
        Q::RequiresImprovement => "tag--amber",
        Q::Poor => "tag--red",
    };
    Tag {
        class,
        text: fmt::words(r.as_str()),
    }
}

pub fn assessments(d: &LocationDetail) -> Vec<AssessmentView> {
    d.assessments
        .iter()
        .map(|a| AssessmentView {
            heading: format!(
                "{}'s {} assessment, {}",
                a.la,
                a.framework.to_uppercase(),
                fmt::date(a.date)
            ),
            verdict: if a.below_threshold {
                Tag {
                    class: "tag--red",
                    text: "Below threshold: support and an action plan are due".into(),
                }
            } else {
                Tag {
                    class: "tag--green",
                    text: "At or above threshold".into(),
                }
            },
            rows: a
                .rows
                .iter()
                .map(|r| (r.domain.clone(), r.standard.clone(), qa_tag(r.rating)))
                .collect(),
        })
        .collect()
}

/// CQC's ratings, newest first.
pub fn ratings(d: &LocationDetail) -> Vec<Cells> {
    d.ratings
        .iter()
        .rev()
        .take(40)
        .map(|e| {
            vec![
                fmt::date(e.published_on),
                e.service_group.clone(),
                e.key_question.label().into(),
                e.rating.label().into(),
            ]
        })
        .collect()
}

/// Contracts.
pub fn contracts(d: &LocationDetail) -> Vec<Cells> {
    d.contracts
        .iter()
        .map(|c| {
            vec![
                c.contract_id.to_string(),
                fmt::words(c.kind.as_str()),
                c.service_type.label().into(),
                fmt::date(c.start_date),
                fmt::opt_date(c.end_date),
                format!("{} a {}", fmt::pounds(Some(c.rate)), c.rate_unit),
            ]
        })
        .collect()
}

/// Sanctions.
pub fn sanctions(d: &LocationDetail) -> Vec<Cells> {
    d.sanctions
        .iter()
        .map(|s| {
            vec![
                fmt::words(s.kind.as_str()),
                fmt::date(s.start_date),
                fmt::opt_date(s.end_date),
                s.reason.clone(),
            ]
        })
        .collect()
}

/// Monitoring visits.
pub fn visits(d: &LocationDetail) -> Vec<Cells> {
    d.visits
        .iter()
        .map(|v| vec![fmt::date(v.date), fmt::words(v.kind.as_str())])
        .collect()
}

/// Concerns (council staff only; the view leaves them out for others).
pub fn concerns(d: &LocationDetail) -> Vec<Cells> {
    d.concerns
        .iter()
        .map(|c| {
            vec![
                fmt::date(c.raised_on),
                fmt::words(c.kind.as_str()),
                fmt::opt_date(c.closed_on),
            ]
        })
        .collect()
}

/// Changes CQC's data made, newest first.
pub fn changes(d: &LocationDetail) -> Vec<Cells> {
    d.changes
        .iter()
        .rev()
        .take(30)
        .map(|c| {
            vec![
                c.at.format("%-d %B %Y").to_string(),
                fmt::words(&c.field),
                c.old_value.clone(),
                c.new_value.clone(),
            ]
        })
        .collect()
}
