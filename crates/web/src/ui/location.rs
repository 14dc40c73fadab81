//! One location: its CQC record and history, capacity, contracts, the
//! council's quality work and risk, and its placements (listed only for
//! roles with personal access).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use continuum_domain::LocationId;

use super::fmt::{self, Tag};
use super::{Chrome, render};
use crate::auth::Can;
use crate::auth::can::ViewMarket;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::location::{self, LocationDetail, PlacementCounts, Placements};

/// How many ended placements the page lists.
const ENDED_SHOWN: usize = 100;

/// A row of a table, as text cells (the first is the row header).
pub type Cells = Vec<String>;

/// A placement row, with the person's ID for the link.
#[derive(Debug, Clone)]
pub struct PlacementRow {
    pub person: String,
    pub cells: Cells,
}

#[derive(Template)]
#[template(path = "location.html")]
struct LocationPage {
    chrome: Chrome,
    d: LocationDetail,
    summary: Vec<(&'static str, String)>,
    rating: Tag,
    risk: Option<(Tag, String)>,
    reasons: Vec<String>,
    ratings: Vec<Cells>,
    capacity_head: Vec<&'static str>,
    capacity: Vec<Cells>,
    contracts: Vec<Cells>,
    listed: Option<Vec<PlacementRow>>,
    ended: Vec<PlacementRow>,
    ended_total: usize,
    as_at: String,
    counts: Option<PlacementCounts>,
    count_rows: Vec<(String, u64)>,
    sanctions: Vec<Cells>,
    visits: Vec<Cells>,
    concerns: Vec<Cells>,
    changes: Vec<Cells>,
    assessments: Vec<AssessmentView>,
}

/// One council's latest quality assessment, as shown.
#[derive(Debug, Clone)]
pub struct AssessmentView {
    pub heading: String,
    pub verdict: Tag,
    pub rows: Vec<(String, String, Tag)>,
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

fn assessment_views(d: &LocationDetail) -> Vec<AssessmentView> {
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

/// `GET /locations/{id}`.
pub async fn page(
    State(state): State<AppState>,
    can: Can<ViewMarket>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = LocationId::parse(&id).map_err(|_| AppError::NotFound)?;
    let d = location::load(&state, &can, &id, "page").await?;
    let chrome = Chrome::new(can.signed(), d.location.name.clone(), "/locations");
    render(&build(chrome, d))
}

fn build(chrome: Chrome, d: LocationDetail) -> LocationPage {
    let t = d
        .pack
        .as_ref()
        .map_or_else(|| chrono::Utc::now().date_naive(), |p| p.pack.as_at);
    let (listed, ended, ended_total, counts) = match &d.placements {
        Placements::Listed(v) => {
            let (now, before): (Vec<_>, Vec<_>) = v.iter().partition(|p| p.is_active_at(t));
            let shown = before
                .iter()
                .take(ENDED_SHOWN)
                .map(|p| placement_row(p))
                .collect();
            (
                Some(now.into_iter().map(placement_row).collect()),
                shown,
                before.len(),
                None,
            )
        }
        Placements::Counted(c) => (None, Vec::new(), 0, Some(c.clone())),
    };
    let count_rows = counts
        .as_ref()
        .map(|c: &PlacementCounts| {
            c.active_by_service_type
                .iter()
                .map(|(k, n)| (fmt::words(k), *n))
                .collect()
        })
        .unwrap_or_default();
    LocationPage {
        chrome,
        summary: summary(&d),
        rating: fmt::rating_tag(d.location.rating),
        risk: d
            .risk
            .as_ref()
            .map(|r| (fmt::risk_tag(r.level), format!("{} points", r.score))),
        reasons: d
            .risk
            .as_ref()
            .map(|r| r.reasons.iter().map(|x| x.text.clone()).collect())
            .unwrap_or_default(),
        ratings: d
            .ratings
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
            .collect(),
        capacity_head: capacity_head(&d),
        capacity: capacity_rows(&d),
        contracts: d
            .contracts
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
            .collect(),
        listed,
        ended,
        ended_total,
        as_at: fmt::date(t),
        counts,
        count_rows,
        sanctions: d
            .sanctions
            .iter()
            .map(|s| {
                vec![
                    fmt::words(s.kind.as_str()),
                    fmt::date(s.start_date),
                    fmt::opt_date(s.end_date),
                    s.reason.clone(),
                ]
            })
            .collect(),
        visits: d
            .visits
            .iter()
            .map(|v| vec![fmt::date(v.date), fmt::words(v.kind.as_str())])
            .collect(),
        concerns: d
            .concerns
            .iter()
            .map(|c| {
                vec![
                    fmt::date(c.raised_on),
                    fmt::words(c.kind.as_str()),
                    fmt::opt_date(c.closed_on),
                ]
            })
            .collect(),
        assessments: assessment_views(&d),
        changes: d
            .changes
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
            .collect(),
        d,
    }
}

fn summary(d: &LocationDetail) -> Vec<(&'static str, String)> {
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

fn capacity_head(d: &LocationDetail) -> Vec<&'static str> {
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

fn capacity_rows(d: &LocationDetail) -> Vec<Cells> {
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

fn placement_row(p: &continuum_domain::Placement) -> PlacementRow {
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
