//! Monitoring visits and concerns.
//!
//! Every commissioned location should have an annual visit; most do, some do
//! not, and out-of-area locations far less often. Weak locations get risk visits
//! and follow-ups. Concerns arrive more often at weaker and larger locations; the
//! demo also has one cluster of safeguarding concerns at one home.

use continuum_domain::{Concern, ConcernKind as K, Date, LocationId, Visit, VisitKind as V};
use rand::RngExt;

use crate::SynthError;
use crate::calibration as cal;
use crate::care::At;
use crate::council::Council;
use crate::market::Area;
use crate::rng::{Rng, add_days, between, chance, pick};

/// Visits by the council to its commissioned locations over two years.
pub(crate) fn visits(
    c: &Council,
    rng: &mut Rng,
    areas: &[Area],
    home: usize,
    commissioned: &[At],
) -> Result<Vec<Visit>, SynthError> {
    let mut seq = c.seq("VI");
    let mut rows = Vec::new();
    for at in commissioned {
        let Some(area) = areas.get(usize::from(at.area)) else {
            continue;
        };
        let i = at.loc as usize;
        let location = &area.locations[i];
        let weak = area.meta[i].quality < 0.5;
        for (date, kind) in visit_plan(c, rng, usize::from(at.area) == home, weak) {
            if location.is_registered_at(date) {
                rows.push(Visit {
                    visit_id: seq.next()?,
                    location_id: location.location_id.clone(),
                    la: c.la.clone(),
                    date,
                    kind,
                });
            }
        }
    }
    Ok(rows)
}

/// One location's visits: an annual (or contract) visit each year, most of the
/// time; risk visits and a follow-up for weak local locations; now and then a
/// themed visit.
fn visit_plan(c: &Council, rng: &mut Rng, inside: bool, weak: bool) -> Vec<(Date, V)> {
    let w = c.window_start();
    let p = if inside {
        cal::VISIT_COVERAGE
    } else {
        cal::VISIT_COVERAGE_OUT_OF_AREA
    };
    let mut plan: Vec<(Date, V)> = Vec::new();
    for from in [add_days(w, -365), w] {
        if chance(rng, p) {
            let kind = if chance(rng, 0.25) {
                V::Contract
            } else {
                V::Annual
            };
            plan.push((add_days(from, between(rng, 0, 363)), kind));
        }
    }
    if inside && weak {
        let risk = add_days(w, between(rng, 0, 300));
        plan.push((risk, V::Risk));
        plan.push((
            add_days(risk, between(rng, 14, 60)).min(c.as_at),
            V::FollowUp,
        ));
    }
    if chance(rng, 0.08) {
        plan.push((add_days(w, between(rng, 0, 363)), V::Themed));
    }
    plan.sort();
    plan
}

/// Concerns about the council's own locations and the out-of-area ones it uses.
pub(crate) fn concerns(
    c: &Council,
    rng: &mut Rng,
    areas: &[Area],
    home: usize,
    commissioned: &[At],
) -> Result<Vec<Concern>, SynthError> {
    let mut seq = c.seq("CO");
    let mut rows = Vec::new();
    let from = add_days(c.as_at, -729);
    let mut targets: Vec<At> = areas
        .get(home)
        .map(|a| {
            (0..a.locations.len() as u32)
                .map(|loc| At {
                    area: home as u16,
                    loc,
                })
                .collect()
        })
        .unwrap_or_default();
    targets.extend(commissioned.iter().filter(|a| usize::from(a.area) != home));
    for at in targets {
        let Some(area) = areas.get(usize::from(at.area)) else {
            continue;
        };
        let (l, m) = (
            &area.locations[at.loc as usize],
            &area.meta[at.loc as usize],
        );
        for _ in 0..poisson(rng, rate(l, m)) {
            let raised = add_days(from, between(rng, 0, 729));
            if l.is_registered_at(raised) {
                let kind = pick(rng, &KINDS);
                rows.push(concern(c, rng, &mut seq, &l.location_id, raised, kind)?);
            }
        }
    }
    if let Some(area) = areas.get(home).filter(|_| c.demo || chance(rng, 0.4)) {
        cluster(c, rng, area, &mut seq, &mut rows)?;
    }
    rows.sort_by(|a, b| {
        a.raised_on
            .cmp(&b.raised_on)
            .then(a.concern_id.cmp(&b.concern_id))
    });
    Ok(rows)
}

/// Concerns expected over two years: more at larger and weaker locations.
fn rate(l: &continuum_domain::Location, m: &crate::market::Meta) -> f64 {
    let size = if l.service_type.is_care_home() {
        f64::from(l.beds) / 30.0
    } else {
        f64::from(m.weight).min(3.0) * 0.7
    };
    cal::CONCERNS_PER_LOCATION_YEAR * 2.0 * size * (1.6 - f64::from(m.quality))
}

const KINDS: [(K, f64); 6] = [
    (K::Safeguarding, 0.38),
    (K::Complaint, 0.25),
    (K::Whistleblowing, 0.06),
    (K::Professional, 0.14),
    (K::Medication, 0.12),
    (K::Other, 0.05),
];

fn concern(
    c: &Council,
    rng: &mut Rng,
    seq: &mut crate::ids::Seq,
    location_id: &LocationId,
    raised: Date,
    kind: K,
) -> Result<Concern, SynthError> {
    let closed = Some(add_days(raised, between(rng, 7, 120))).filter(|d| *d <= c.as_at);
    let substantiated = match closed {
        Some(_) if chance(rng, 0.9) => Some(chance(rng, 0.45)),
        _ => None,
    };
    Ok(Concern {
        concern_id: seq.next()?,
        location_id: location_id.clone(),
        la: c.la.clone(),
        raised_on: raised,
        kind,
        closed_on: closed,
        substantiated,
    })
}

/// Safeguarding concerns about the weakest open care home, all within 60 days
/// in the year: the pattern the product must flag (3 or more in 90 days).
fn cluster(
    c: &Council,
    rng: &mut Rng,
    area: &Area,
    seq: &mut crate::ids::Seq,
    rows: &mut Vec<Concern>,
) -> Result<(), SynthError> {
    let home = (0..area.locations.len())
        .filter(|&i| {
            let l = &area.locations[i];
            l.service_type.is_care_home() && !area.meta[i].reserved && l.is_registered_at(c.as_at)
        })
        .min_by(|&a, &b| area.meta[a].quality.total_cmp(&area.meta[b].quality));
    let Some(i) = home else { return Ok(()) };
    let id = area.locations[i].location_id.clone();
    for k in 0..cal::CLUSTER_CONCERNS {
        let raised = add_days(c.as_at, -80 + 17 * i64::from(k));
        rows.push(concern(c, rng, seq, &id, raised, K::Safeguarding)?);
    }
    Ok(())
}

/// A Poisson variate (Knuth's method; the rates here are small).
fn poisson(rng: &mut Rng, lambda: f64) -> u32 {
    let limit = (-lambda.clamp(0.0, 30.0)).exp();
    let mut p = 1.0;
    let mut k = 0;
    loop {
        p *= rng.random::<f64>();
        if p <= limit || k > 100 {
            return k;
        }
        k += 1;
    }
}
