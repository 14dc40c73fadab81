//! One person's record, for roles with personal access, within their own
//! council. Every view is written to the audit log before the page is shown.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use continuum_domain::PersonId;
use continuum_store::PersonRecord;

use super::fmt;
use super::location::Cells;
use super::{Chrome, render};
use crate::auth::Can;
use crate::auth::can::ViewPersonalRecords;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    chrome: Chrome,
    id: String,
    summary: Vec<(&'static str, String)>,
    requests: Vec<Cells>,
    placements: Vec<(String, Cells)>,
    reviews: Vec<Cells>,
}

/// `GET /people/{id}`.
pub async fn page(
    State(state): State<AppState>,
    can: Can<ViewPersonalRecords>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = PersonId::parse(&id).map_err(|_| AppError::NotFound)?;
    let rec = can.scope().person(&state, &can, &id, "page").await?;
    let chrome = Chrome::new(can.signed(), format!("Person {id}"), "");
    render(&build(chrome, &rec))
}

/// A list in words, or "None".
fn list(v: Vec<String>) -> String {
    if v.is_empty() {
        "None".to_string()
    } else {
        v.join(", ")
    }
}

/// The person's own fields.
fn summary(r: &PersonRecord) -> Vec<(&'static str, String)> {
    let p = &r.person;
    vec![
        ("Person ID", p.person_id.to_string()),
        ("Council", p.la.to_string()),
        (
            "Year of birth",
            p.birth_year
                .map_or_else(|| "Not recorded".into(), |y| y.to_string()),
        ),
        ("Sex", fmt::words(p.sex.as_str())),
        (
            "Ethnicity",
            p.ethnicity
                .as_deref()
                .map_or_else(|| "Not recorded".into(), fmt::words),
        ),
        (
            "Locality",
            p.locality_id
                .as_ref()
                .map_or_else(|| "Not recorded".into(), ToString::to_string),
        ),
        ("Client type", fmt::words(p.client_type.as_str())),
        (
            "Primary support reason",
            p.primary_support_reason
                .map_or_else(|| "Not recorded".into(), |s| fmt::words(s.as_str())),
        ),
        (
            "Has an unpaid carer",
            fmt::yes_no(p.has_unpaid_carer).into(),
        ),
        (
            "Cares for",
            list(p.cares_for.iter().map(ToString::to_string).collect()),
        ),
    ]
}

fn build(chrome: Chrome, r: &PersonRecord) -> PersonPage {
    PersonPage {
        chrome,
        id: r.person.person_id.to_string(),
        summary: summary(r),
        requests: r
            .requests
            .iter()
            .map(|q| {
                vec![
                    q.request_id.to_string(),
                    q.service_type.label().into(),
                    fmt::words(q.route.as_str()),
                    fmt::date(q.received_on),
                    fmt::opt_date(q.closed_on),
                    q.outcome
                        .map(|o| fmt::words(o.as_str()))
                        .unwrap_or_else(|| "Open".into()),
                    list(
                        q.delay_reasons
                            .iter()
                            .map(|d| fmt::words(d.as_str()))
                            .collect(),
                    ),
                ]
            })
            .collect(),
        placements: r
            .placements
            .iter()
            .map(|pl| {
                (
                    pl.location_id.to_string(),
                    vec![
                        pl.service_type.label().into(),
                        fmt::date(pl.start_date),
                        fmt::opt_date(pl.end_date),
                        pl.end_reason
                            .map(|e| fmt::words(e.as_str()))
                            .unwrap_or_default(),
                        fmt::pounds(pl.weekly_cost),
                    ],
                )
            })
            .collect(),
        reviews: r
            .reviews
            .iter()
            .map(|v| {
                vec![
                    fmt::date(v.date),
                    fmt::words(v.kind.as_str()),
                    v.placement_id
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    }
}
