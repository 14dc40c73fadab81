//! Home: a dashboard for each role, drawn from the council's evidence pack
//! (or, for a provider, from its own locations).

mod cards;

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
pub use cards::Card;
use cards::card;

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
    p.intro = format!("Figures for {} as at {}.", pack.la, fmt::date(pack.as_at));
    p.cards = cards::for_role(role, pack);
    if matches!(role, Role::QualityOfficer | Role::Commissioner) {
        p.list_heading = "Red-risk locations".into();
        p.list = pack
            .sections
            .quality
            .risk
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
