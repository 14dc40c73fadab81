//! One location: its CQC record and history, capacity, contracts, the
//! council's quality work and risk, and its placements (listed only for
//! roles with personal access).

mod rows;

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
use crate::views::location::{self, LocationDetail};
use rows::{AssessmentView, PeopleView};

/// A row of a table, as text cells (the first is the row header).
pub type Cells = Vec<String>;

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
    people: PeopleView,
    as_at: String,
    sanctions: Vec<Cells>,
    visits: Vec<Cells>,
    concerns: Vec<Cells>,
    changes: Vec<Cells>,
    assessments: Vec<AssessmentView>,
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
    let people = rows::placements(&d.placements, t);
    LocationPage {
        chrome,
        summary: rows::summary(&d),
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
        ratings: rows::ratings(&d),
        capacity_head: rows::capacity_head(&d),
        capacity: rows::capacity(&d),
        contracts: rows::contracts(&d),
        people,
        as_at: fmt::date(t),
        sanctions: rows::sanctions(&d),
        visits: rows::visits(&d),
        concerns: rows::concerns(&d),
        assessments: rows::assessments(&d),
        changes: rows::changes(&d),
        d,
    }
}
