//! The provider and location register: search and filter by service type,
//! rating, locality, risk and specialism. Works as a plain GET form; with
//! JavaScript, results update as you type (the `fragment=results` request).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use continuum_domain::{Rating, RiskLevel, ServiceType, Specialism};
use serde::Deserialize;

use super::fmt::{self, Tag};
use super::{Chrome, render, url_encode};
use crate::auth::Can;
use crate::auth::can::ViewMarket;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::register::{self, RegisterParams, Results};

/// A choice in a select.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn opts<'a>(
    current: Option<&str>,
    all: impl IntoIterator<Item = (&'a str, String)>,
    any: &str,
) -> Vec<Opt> {
    let cur = current.unwrap_or_default();
    let mut v = vec![Opt {
        value: String::new(),
        label: any.into(),
        selected: cur.is_empty(),
    }];
    v.extend(all.into_iter().map(|(value, label)| Opt {
        selected: value == cur,
        value: value.into(),
        label,
    }));
    v
}

/// One row as the table shows it.
#[derive(Debug, Clone)]
pub struct RowView {
    pub id: String,
    pub name: String,
    pub provider: String,
    pub service: &'static str,
    pub place: String,
    pub beds: String,
    pub rating: Tag,
    pub risk: Option<Tag>,
}

/// The results part of the page (also sent alone to the script).
#[derive(Debug, Clone)]
pub struct ResultsView {
    pub rows: Vec<RowView>,
    pub count_text: String,
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub show_risk: bool,
}

/// The choices of every filter, with the current ones selected.
#[derive(Debug, Clone)]
pub struct Choices {
    pub service_types: Vec<Opt>,
    pub ratings: Vec<Opt>,
    pub specialisms: Vec<Opt>,
    pub localities: Vec<Opt>,
    pub risks: Vec<Opt>,
    pub areas: Vec<Opt>,
    pub statuses: Vec<Opt>,
}

fn choices(p: &RegisterParams, localities: &[(String, String)]) -> Choices {
    let words = |w: &'static str| (w, fmt::words(w));
    Choices {
        service_types: opts(
            p.service_type.as_deref(),
            ServiceType::ALL
                .iter()
                .map(|s| (s.as_str(), s.label().to_string())),
            "Any service type",
        ),
        ratings: opts(
            p.rating.as_deref(),
            Rating::ALL
                .iter()
                .map(|r| (r.as_str(), r.label().to_string())),
            "Any rating",
        ),
        specialisms: opts(
            p.specialism.as_deref(),
            Specialism::ALL.iter().map(|s| words(s.as_str())),
            "Any specialism",
        ),
        localities: opts(
            p.locality.as_deref(),
            localities
                .iter()
                .map(|(id, name)| (id.as_str(), name.clone())),
            "Any locality",
        ),
        risks: opts(
            p.risk.as_deref(),
            RiskLevel::ALL.iter().map(|r| words(r.as_str())),
            "Any risk",
        ),
        areas: opts(
            p.area.as_deref().filter(|a| *a != "in"),
            [("elsewhere", "Outside our area, used by us".to_string())],
            "In our area",
        ),
        statuses: opts(
            p.status.as_deref().filter(|s| *s != "registered"),
            [
                ("deregistered", "Deregistered".to_string()),
                ("all", "Registered or not".to_string()),
            ],
            "Registered",
        ),
    }
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    chrome: Chrome,
    q: String,
    choices: Choices,
    council: Option<String>,
    results: ResultsView,
}

#[derive(Template)]
#[template(path = "_register_results.html")]
struct ResultsFragment {
    results: ResultsView,
}

/// Whether the script asks for the results alone.
#[derive(Debug, Deserialize)]
pub struct Fragment {
    fragment: Option<String>,
}

/// `GET /locations`.
pub async fn page(
    State(state): State<AppState>,
    can: Can<ViewMarket>,
    Query(params): Query<RegisterParams>,
    Query(frag): Query<Fragment>,
) -> Result<Response, AppError> {
    let filter = params.parse()?;
    let scope = can.scope();
    let found = register::search(&state, &scope, &filter).await?;
    let show_risk = scope.council().is_some();
    let results = results_view(&found, &params, show_risk);
    if frag.fragment.as_deref() == Some("results") {
        return render(&ResultsFragment { results });
    }
    let localities = match scope.council() {
        Some(la) => {
            let ds = state.cache.dataset(state.store.as_ref(), la).await?;
            ds.localities
                .iter()
                .filter(|l| &l.la == la)
                .map(|l| (l.locality_id.as_str().to_string(), l.name.clone()))
                .collect()
        }
        None => Vec::new(),
    };
    let page = RegisterPage {
        chrome: Chrome::new(can.signed(), "Providers and locations", "/locations"),
        q: params.q.clone().unwrap_or_default(),
        choices: choices(&params, &localities),
        council: scope.council().map(ToString::to_string),
        results,
    };
    render(&page)
}

fn results_view(found: &Results, params: &RegisterParams, show_risk: bool) -> ResultsView {
    let rows = found
        .rows
        .iter()
        .map(|r| {
            let l = &r.location;
            RowView {
                id: l.location_id.to_string(),
                name: l.name.clone(),
                provider: l.provider_name.clone(),
                service: l.service_type.label(),
                place: format!("{}, {}", l.postcode, l.local_authority),
                beds: if l.beds > 0 {
                    fmt::count(u64::from(l.beds))
                } else {
                    String::new()
                },
                rating: fmt::rating_tag(l.rating),
                risk: r.risk.map(fmt::risk_tag),
            }
        })
        .collect();
    let link = |page: usize| format!("/locations?{}", query_string(params, page));
    ResultsView {
        rows,
        count_text: match found.total {
            1 => "1 location found".into(),
            n => format!("{} locations found", fmt::count(n as u64)),
        },
        page: found.page,
        pages: found.pages,
        prev: (found.page > 1).then(|| link(found.page - 1)),
        next: (found.page < found.pages).then(|| link(found.page + 1)),
        show_risk,
    }
}

/// The filters as a query string, at a page.
fn query_string(p: &RegisterParams, page: usize) -> String {
    let pairs = [
        ("q", &p.q),
        ("service_type", &p.service_type),
        ("rating", &p.rating),
        ("locality", &p.locality),
        ("specialism", &p.specialism),
        ("risk", &p.risk),
        ("area", &p.area),
        ("status", &p.status),
    ];
    let mut parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.as_deref()
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", url_encode(v)))
        })
        .collect();
    parts.push(format!("page={page}"));
    parts.join("&")
}
