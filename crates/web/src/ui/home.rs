//! Home: a dashboard for each role, drawn from the council's evidence pack
//! (or, for a provider, from its own locations).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use continuum_domain::{RiskLevel, Role};
use continuum_engine::Pack;
use continuum_store::LocationQuery;

use super::fmt::{self, Tag};
use super::{Chrome, render};
use crate::auth::{DataScope, Signed};
use crate::error::AppError;
use crate::state::AppState;

/// One headline figure.
#[derive(Debug, Clone)]
pub struct Card {
    pub label: String,
    pub figure: String,
    pub note: String,
    pub href: Option<String>,
    /// `red`, `amber`, `green` or empty.
    pub tone: &'static str,
}

fn card(label: &str, figure: String, note: impl Into<String>) -> Card {
    Card {
        label: label.into(),
        figure,
        note: note.into(),
        href: None,
        tone: "",
    }
}

impl Card {
    fn link(mut self, href: &str) -> Self {
        self.href = Some(href.into());
        self
    }

    fn tone(mut self, tone: &'static str) -> Self {
        self.tone = tone;
        self
    }
}

/// A location the dashboard lists, with a tag and reasons.
#[derive(Debug, Clone)]
pub struct ListedLocation {
    pub id: String,
    pub name: String,
    pub tag: Tag,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    heading: String,
    intro: String,
    cards: Vec<Card>,
    list_heading: String,
    /// The heading of the list's tag column.
    tag_heading: &'static str,
    list: Vec<ListedLocation>,
    findings: Vec<String>,
    links: Vec<(&'static str, &'static str)>,
}

/// `GET /`.
pub async fn page(State(state): State<AppState>, signed: Signed) -> Result<Response, AppError> {
    let mut p = HomePage {
        chrome: Chrome::new(&signed, "Home", "/"),
        heading: format!("{} dashboard", signed.user.role.label()),
        intro: String::new(),
        cards: Vec::new(),
        list_heading: String::new(),
        tag_heading: "Risk",
        list: Vec::new(),
        findings: Vec::new(),
        links: links(signed.user.role),
    };
    match DataScope::of(&signed.user) {
        DataScope::Council(la) => {
            let entry = state.cache.pack(state.store.as_ref(), &la, None).await?;
            council(&mut p, signed.user.role, &entry.pack);
        }
        DataScope::Provider(_) => provider(&state, &signed, &mut p).await?,
        DataScope::Nothing => {
            p.intro = "Your account is not tied to a council or a provider yet. Ask an administrator to set it up.".into();
        }
    }
    if signed.user.role == Role::Admin {
        admin(&state, &mut p).await?;
    }
    render(&p)
}

fn links(role: Role) -> Vec<(&'static str, &'static str)> {
    match role {
        Role::Leader => vec![
            ("/evidence", "Open the evidence pack"),
            ("/benchmarking", "Compare with neighbours and England"),
        ],
        Role::ProviderUser => vec![("/locations", "Your locations")],
        Role::Admin => vec![
            ("/imports", "Import data"),
            ("/users", "Manage users"),
            ("/audit", "Read the audit log"),
        ],
        _ => vec![
            ("/locations", "Search providers and locations"),
            ("/evidence", "Open the evidence pack"),
        ],
    }
}

fn council(p: &mut HomePage, role: Role, pack: &Pack) {
    let s = &pack.sections;
    p.intro = format!("Figures for {} as at {}.", pack.la, fmt::date(pack.as_at));
    let risk = &s.quality.risk;
    let occ = &s.capacity.occupancy;
    let wait = &s.capacity.waiting_now;
    let risk_cards = || {
        vec![
            card("Red risk", fmt::count(risk.red), "commissioned locations")
                .link("/locations?risk=red")
                .tone("red"),
            card(
                "Amber risk",
                fmt::count(risk.amber),
                "commissioned locations",
            )
            .link("/locations?risk=amber")
            .tone("amber"),
            card(
                "Green risk",
                fmt::count(risk.green),
                "commissioned locations",
            )
            .link("/locations?risk=green")
            .tone("green"),
        ]
    };
    let occupancy = card(
        "Care home occupancy",
        fmt::pct(occ.ratio.value),
        format!(
            "{} beds vacant and accepting admissions",
            fmt::count(occ.beds_vacant_accepting)
        ),
    );
    let waiting = card(
        "Waiting for care now",
        fmt::count(wait.count),
        format!("{} waiting over 90 days", fmt::count(wait.over_90)),
    );
    p.cards = match role {
        Role::Commissioner => {
            let c = &s.market.contracts;
            let mut v = vec![
                card(
                    "Locations in the area",
                    fmt::count(s.market.locations.total.locations),
                    format!("{} beds", fmt::count(s.market.locations.total.beds)),
                )
                .link("/locations"),
                card(
                    "Contracts active",
                    fmt::count(c.active),
                    format!(
                        "{} expire within 18 months",
                        fmt::count(c.expiring_18_months)
                    ),
                ),
                card(
                    "Rated good or outstanding",
                    fmt::pct(s.quality.rating_mix.good_or_outstanding.value),
                    "of locations in the area",
                ),
                occupancy,
            ];
            v.extend(risk_cards());
            v
        }
        Role::Broker => vec![
            waiting,
            card(
                "Median wait",
                fmt::num(s.capacity.waits.all.summary.median, 0),
                "days from request to start, last 12 months",
            ),
            occupancy,
            card(
                "Homecare",
                fmt::count(s.capacity.homecare.people),
                format!(
                    "people receiving {} hours a week",
                    fmt::num(Some(s.capacity.homecare.hours_per_week), 0)
                ),
            ),
        ],
        Role::QualityOfficer => {
            let mut v = risk_cards();
            v.push(card(
                "Sanctions in force",
                fmt::count(s.quality.sanctions.active),
                format!(
                    "{} people placed at sanctioned locations",
                    fmt::count(s.quality.sanctions.people_affected)
                ),
            ));
            v.push(card(
                "Visited in the last year",
                fmt::pct(s.quality.visit_coverage.ratio.value),
                "of commissioned locations",
            ));
            v.push(card(
                "Concerns raised",
                fmt::count(s.quality.concerns.raised_in_year),
                "in the last 12 months",
            ));
            v
        }
        Role::SocialWorker => vec![
            waiting,
            card(
                "With an interim placement",
                fmt::count(wait.with_interim),
                "of those waiting",
            ),
            card(
                "Placed out of area",
                fmt::count(s.capacity.out_of_area.count),
                format!(
                    "{} reviewed in the last year",
                    fmt::pct(s.capacity.out_of_area.reviewed_in_year.value)
                ),
            ),
            card(
                "Gaps in services open",
                fmt::count(s.needs.gaps.open),
                format!(
                    "{} resolved in the last year",
                    fmt::count(s.needs.gaps.resolved_in_year)
                ),
            ),
        ],
        Role::Partner => vec![
            occupancy,
            card(
                "Hospital discharges delayed",
                fmt::count(s.capacity.discharge_delays.delayed),
                format!(
                    "mean delay {} days",
                    fmt::num(s.capacity.discharge_delays.summary.mean, 1)
                ),
            ),
            waiting,
        ],
        _ => score_cards(pack),
    };
    if matches!(role, Role::QualityOfficer | Role::Commissioner) {
        p.list_heading = "Red-risk locations".into();
        p.list = risk
            .locations
            .iter()
            .filter(|r| r.level == RiskLevel::Red)
            .take(20)
            .map(|r| ListedLocation {
                id: r.location_id.to_string(),
                name: r.name.clone(),
                tag: fmt::risk_tag(r.level),
                detail: r
                    .reasons
                    .iter()
                    .map(|x| x.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .collect();
    }
    if matches!(role, Role::Leader | Role::Admin) {
        p.findings = pack
            .findings
            .iter()
            .take(8)
            .map(|f| f.text.clone())
            .collect();
    }
}

fn score_cards(pack: &Pack) -> Vec<Card> {
    let sc = &pack.score;
    let mut v = vec![
        card(
            "Suggested overall score",
            sc.overall
                .score
                .map_or_else(|| fmt::NO_DATA.to_string(), |s| format!("{s} of 4")),
            "a suggestion for self-assessment",
        )
        .link("/evidence"),
    ];
    for (name, part) in &sc.sections {
        v.push(card(
            &fmt::words(name),
            part.score
                .map_or_else(|| fmt::NO_DATA.to_string(), |s| format!("{s} of 4")),
            "suggested section score",
        ));
    }
    v
}

async fn provider(state: &AppState, signed: &Signed, p: &mut HomePage) -> Result<(), AppError> {
    let scope = DataScope::of(&signed.user);
    let mine = scope.locations(state, &LocationQuery::default()).await?;
    p.intro = format!(
        "Your organisation has {} registered locations.",
        fmt::count(mine.len() as u64)
    );
    p.heading = "Your locations".into();
    let good = mine.iter().filter(|l| l.rating.is_good_or_better()).count();
    p.cards = vec![
        card(
            "Locations",
            fmt::count(mine.len() as u64),
            "registered with CQC",
        )
        .link("/locations"),
        card(
            "Rated good or outstanding",
            fmt::count(good as u64),
            "by CQC",
        ),
    ];
    p.list_heading = "Locations".into();
    p.tag_heading = "CQC rating";
    p.list = mine
        .iter()
        .take(50)
        .map(|l| ListedLocation {
            id: l.location_id.to_string(),
            name: l.name.clone(),
            tag: fmt::rating_tag(l.rating),
            detail: format!("{}, {}", l.service_type.label(), l.postcode),
        })
        .collect();
    Ok(())
}

async fn admin(state: &AppState, p: &mut HomePage) -> Result<(), AppError> {
    let users = state.store.users().await?;
    let imports = state.store.imports(1).await?;
    p.cards.insert(
        0,
        card(
            "Users",
            fmt::count(users.len() as u64),
            format!("{} active", users.iter().filter(|u| u.active).count()),
        )
        .link("/users"),
    );
    let last = imports.first().map_or_else(
        || "No imports yet".to_string(),
        |i| format!("{} ({})", i.name, i.kind),
    );
    p.cards.insert(
        1,
        card(
            "Last import",
            last,
            imports
                .first()
                .map_or_else(String::new, |i| i.at.format("%-d %B %Y %H:%M").to_string()),
        )
        .link("/imports"),
    );
    Ok(())
}
