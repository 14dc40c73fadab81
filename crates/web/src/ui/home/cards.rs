//! The headline figures each role's dashboard shows, from the pack.

use continuum_domain::Role;
use continuum_engine::Pack;

use crate::ui::fmt;

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

pub fn card(label: &str, figure: String, note: impl Into<String>) -> Card {
    Card {
        label: label.into(),
        figure,
        note: note.into(),
        href: None,
        tone: "",
    }
}

impl Card {
    pub fn link(mut self, href: &str) -> Self {
        self.href = Some(href.into());
        self
    }

    pub fn tone(mut self, tone: &'static str) -> Self {
        self.tone = tone;
        self
    }
}

/// The cards of a council role.
pub fn for_role(role: Role, pack: &Pack) -> Vec<Card> {
    match role {
        Role::Commissioner => commissioner(pack),
        Role::Broker => broker(pack),
        Role::QualityOfficer => quality(pack),
        Role::SocialWorker => social_worker(pack),
        Role::Partner => partner(pack),
        _ => scores(pack),
    }
}

fn risk(pack: &Pack) -> Vec<Card> {
    let r = &pack.sections.quality.risk;
    [
        ("Red risk", r.red, "red"),
        ("Amber risk", r.amber, "amber"),
        ("Green risk", r.green, "green"),
    ]
    .into_iter()
    .map(|(label, n, tone)| {
        card(label, fmt::count(n), "commissioned locations")
            .link(&format!("/locations?risk={tone}"))
            .tone(tone)
    })
    .collect()
}

fn occupancy(pack: &Pack) -> Card {
    let o = &pack.sections.capacity.occupancy;
    card(
        "Care home occupancy",
        fmt::pct(o.ratio.value),
        format!(
            "{} beds vacant and accepting admissions",
            fmt::count(o.beds_vacant_accepting)
        ),
    )
}

fn waiting(pack: &Pack) -> Card {
    let w = &pack.sections.capacity.waiting_now;
    card(
        "Waiting for care now",
        fmt::count(w.count),
        format!("{} waiting over 90 days", fmt::count(w.over_90)),
    )
}

fn commissioner(pack: &Pack) -> Vec<Card> {
    let s = &pack.sections;
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
        occupancy(pack),
    ];
    v.extend(risk(pack));
    v
}

fn broker(pack: &Pack) -> Vec<Card> {
    let c = &pack.sections.capacity;
    vec![
        waiting(pack),
        card(
            "Median wait",
            fmt::num(c.waits.all.summary.median, 0),
            "days from request to start, last 12 months",
        ),
        occupancy(pack),
        card(
            "Homecare",
            fmt::count(c.homecare.people),
            format!(
                "people receiving {} hours a week",
                fmt::num(Some(c.homecare.hours_per_week), 0)
            ),
        ),
    ]
}

fn quality(pack: &Pack) -> Vec<Card> {
    let q = &pack.sections.quality;
    let mut v = risk(pack);
    v.push(card(
        "Sanctions in force",
        fmt::count(q.sanctions.active),
        format!(
            "{} people placed at sanctioned locations",
            fmt::count(q.sanctions.people_affected)
        ),
    ));
    v.push(card(
        "Visited in the last year",
        fmt::pct(q.visit_coverage.ratio.value),
        "of commissioned locations",
    ));
    v.push(card(
        "Concerns raised",
        fmt::count(q.concerns.raised_in_year),
        "in the last 12 months",
    ));
    v
}

fn social_worker(pack: &Pack) -> Vec<Card> {
    let s = &pack.sections;
    let ooa = &s.capacity.out_of_area;
    vec![
        waiting(pack),
        card(
            "With an interim placement",
            fmt::count(s.capacity.waiting_now.with_interim),
            "of those waiting",
        ),
        card(
            "Placed out of area",
            fmt::count(ooa.count),
            format!(
                "{} reviewed in the last year",
                fmt::pct(ooa.reviewed_in_year.value)
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
    ]
}

fn partner(pack: &Pack) -> Vec<Card> {
    let d = &pack.sections.capacity.discharge_delays;
    vec![
        occupancy(pack),
        card(
            "Hospital discharges delayed",
            fmt::count(d.delayed),
            format!("mean delay {} days", fmt::num(d.summary.mean, 1)),
        ),
        waiting(pack),
    ]
}

/// The suggested scores, overall and by section in the reports' order.
fn scores(pack: &Pack) -> Vec<Card> {
    let sc = &pack.score;
    let words = |s: Option<u8>| s.map_or_else(|| fmt::NO_DATA.to_string(), |s| format!("{s} of 4"));
    let mut v = vec![
        card(
            "Suggested overall score",
            words(sc.overall.score),
            "a suggestion for self-assessment",
        )
        .link("/evidence"),
    ];
    for (key, heading) in continuum_report::describe::SECTIONS {
        if let Some(part) = sc.sections.get(key) {
            v.push(
                card(heading, words(part.score), "suggested section score")
                    .link(&format!("/evidence#s-{key}")),
            );
        }
    }
    v
}
