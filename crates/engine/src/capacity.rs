//! Section 3, sufficient capacity (`capacity.*`).

use std::collections::{BTreeMap, BTreeSet};

use continuum_domain::*;
use serde::Serialize;

use crate::index::{Council, Index};
use crate::market::registered_in_area;
use crate::stats::{Buckets, Ratio, Summary};
use crate::time::{Window, days, year_before};

/// `capacity.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capacity {
    #[serde(rename = "capacity.care_home_occupancy")]
    pub occupancy: Occupancy,
    #[serde(rename = "capacity.homecare")]
    pub homecare: Homecare,
    #[serde(rename = "capacity.waits")]
    pub waits: Waits,
    #[serde(rename = "capacity.waiting_now")]
    pub waiting_now: WaitingNow,
    #[serde(rename = "capacity.discharge_delays")]
    pub discharge_delays: DischargeDelays,
    #[serde(rename = "capacity.out_of_area")]
    pub out_of_area: OutOfArea,
    #[serde(rename = "capacity.long_term_care")]
    pub long_term_care: LongTermCare,
}

/// `capacity.care_home_occupancy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occupancy {
    pub id: &'static str,
    /// Σ beds occupied / Σ beds max over the latest returns.
    #[serde(flatten)]
    pub ratio: Ratio,
    pub beds_vacant_accepting: u64,
    pub homes: u64,
    pub homes_with_return: u64,
    /// The share of homes with a return in (T − 90, T].
    pub coverage: Option<f64>,
}

/// `capacity.homecare`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Homecare {
    pub id: &'static str,
    pub people: u64,
    pub hours_per_week: f64,
}

/// Wait figures for one service type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitStats {
    #[serde(flatten)]
    pub summary: Summary,
    pub buckets: Buckets,
}

fn wait_stats(mut v: Vec<i64>) -> WaitStats {
    let mut buckets = Buckets::default();
    v.iter().for_each(|d| buckets.add(*d));
    WaitStats {
        summary: Summary::of(&mut v),
        buckets,
    }
}

/// `capacity.waits`: requests whose linked placement started in the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waits {
    pub id: &'static str,
    pub all: WaitStats,
    pub by_service_type: BTreeMap<ServiceType, WaitStats>,
}

/// `capacity.waiting_now`: requests still waiting at T.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitingNow {
    pub id: &'static str,
    pub count: u64,
    pub by_service_type: BTreeMap<ServiceType, u64>,
    pub buckets: Buckets,
    /// Among those waiting longer than 90 days: each delay reason, once per request.
    pub over_90_delay_reasons: BTreeMap<DelayReason, u64>,
    pub over_90: u64,
    pub over_182: u64,
    pub with_interim: u64,
}

/// `capacity.discharge_delays`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DischargeDelays {
    pub id: &'static str,
    #[serde(flatten)]
    pub summary: Summary,
    /// Delays above 0 days.
    pub delayed: u64,
    pub delay_reasons: BTreeMap<DelayReason, u64>,
}

/// `capacity.out_of_area`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutOfArea {
    pub id: &'static str,
    pub count: u64,
    pub in_neighbouring_council: Ratio,
    /// Keyed by `ooa_reason`; `not_recorded` when the placement has none.
    pub by_reason: BTreeMap<String, Ratio>,
    pub by_service_type: BTreeMap<ServiceType, Ratio>,
    /// Placements with a review dated in the year.
    pub reviewed_in_year: Ratio,
}

/// `capacity.long_term_care`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LongTermCare {
    pub id: &'static str,
    pub now: u64,
    pub a_year_ago: u64,
}

fn occupancy(ix: &Index<'_>, c: &Council<'_>, t: Date) -> Occupancy {
    let span = Window::days_to(t, 90);
    let (mut homes, mut with_return, mut occ, mut max, mut vacant) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for l in registered_in_area(c, t).filter(|l| l.service_type.is_care_home()) {
        homes += 1;
        let latest = ix.capacity.get(l.location_id.as_str()).and_then(|v| {
            v.iter()
                .filter(|r| span.contains(r.date))
                .max_by_key(|r| r.date)
        });
        if let Some(r) = latest {
            with_return += 1;
            occ += u64::from(r.beds_occupied.unwrap_or(0));
            max += u64::from(r.beds_max.unwrap_or(0));
            vacant += u64::from(r.beds_vacant_accepting.unwrap_or(0));
        }
    }
    Occupancy {
        id: "capacity.care_home_occupancy",
        ratio: Ratio::new(occ as f64, max as f64),
        beds_vacant_accepting: vacant,
        homes,
        homes_with_return: with_return,
        coverage: Ratio::new(with_return as f64, homes as f64).value,
    }
}

fn homecare(c: &Council<'_>, t: Date) -> Homecare {
    let active = c
        .placements
        .iter()
        .filter(|p| p.service_type == ServiceType::Homecare && p.is_active_at(t));
    let mut people = BTreeSet::new();
    let mut hours = 0.0;
    for p in active {
        people.insert(p.person_id.as_str());
        hours += p.hours_per_week.unwrap_or(0.0);
    }
    Homecare {
        id: "capacity.homecare",
        people: people.len() as u64,
        hours_per_week: hours,
    }
}

fn waits(c: &Council<'_>, t: Date) -> Waits {
    let w = Window::year_to(t);
    let mut all = Vec::new();
    let mut by: BTreeMap<ServiceType, Vec<i64>> = BTreeMap::new();
    for (r, linked) in c.requests_linked() {
        let Some(p) = linked.filter(|p| w.contains(p.start_date)) else {
            continue;
        };
        let d = days(r.received_on, p.start_date);
        all.push(d);
        by.entry(r.service_type).or_default().push(d);
    }
    Waits {
        id: "capacity.waits",
        all: wait_stats(all),
        by_service_type: by.into_iter().map(|(k, v)| (k, wait_stats(v))).collect(),
    }
}

/// Still waiting at T: received on or before T, not closed by T, and the linked
/// placement (if any) not started by T.
fn is_waiting(r: &Request, linked: Option<&Placement>, t: Date) -> bool {
    r.received_on <= t
        && r.closed_on.is_none_or(|d| d > t)
        && linked.is_none_or(|p| p.start_date > t)
}

/// An interim placement active at T for this request: one naming the request,
/// or one of the same person naming no request.
fn has_interim(c: &Council<'_>, r: &Request, t: Date) -> bool {
    let by_req = c.interim_by_request.get(r.request_id.as_str());
    let by_person = c.interim_by_person.get(r.person_id.as_str());
    by_req
        .into_iter()
        .chain(by_person)
        .flatten()
        .any(|p| p.is_active_at(t))
}

fn waiting_now(c: &Council<'_>, t: Date) -> WaitingNow {
    let mut out = WaitingNow {
        id: "capacity.waiting_now",
        count: 0,
        by_service_type: BTreeMap::new(),
        buckets: Buckets::default(),
        over_90_delay_reasons: BTreeMap::new(),
        over_90: 0,
        over_182: 0,
        with_interim: 0,
    };
    for (r, _) in c
        .requests_linked()
        .filter(|(r, linked)| is_waiting(r, *linked, t))
    {
        let d = days(r.received_on, t);
        out.count += 1;
        *out.by_service_type.entry(r.service_type).or_insert(0) += 1;
        out.buckets.add(d);
        if d > 90 {
            out.over_90 += 1;
            let reasons: BTreeSet<DelayReason> = r.delay_reasons.iter().copied().collect();
            for reason in reasons {
                *out.over_90_delay_reasons.entry(reason).or_insert(0) += 1;
            }
        }
        if d > 182 {
            out.over_182 += 1;
        }
        if has_interim(c, r, t) {
            out.with_interim += 1;
        }
    }
    out
}

fn discharge_delays(c: &Council<'_>, t: Date) -> DischargeDelays {
    let w = Window::year_to(t);
    let mut delays = Vec::new();
    let mut reasons: BTreeMap<DelayReason, u64> = BTreeMap::new();
    for (r, linked) in c
        .requests_linked()
        .filter(|(r, _)| r.route == Route::HospitalDischarge)
    {
        let Some(fit) = r.medically_fit_on else {
            continue;
        };
        let Some(p) = linked.filter(|p| w.contains(p.start_date)) else {
            continue;
        };
        delays.push(days(fit, p.start_date).max(0));
        for reason in r.delay_reasons.iter().copied().collect::<BTreeSet<_>>() {
            *reasons.entry(reason).or_insert(0) += 1;
        }
    }
    let delayed = delays.iter().filter(|d| **d > 0).count() as u64;
    DischargeDelays {
        id: "capacity.discharge_delays",
        summary: Summary::of(&mut delays),
        delayed,
        delay_reasons: reasons,
    }
}

fn out_of_area(c: &Council<'_>, la: &LaName, t: Date) -> OutOfArea {
    let w = Window::year_to(t);
    let neighbours = c.neighbours();
    let ooa: Vec<(&Placement, &Location)> = c
        .placements_at()
        .filter(|(p, _)| p.is_active_at(t))
        .filter_map(|(p, l)| l.map(|l| (p, l)))
        .filter(|(_, l)| &l.local_authority != la)
        .collect();
    let n = ooa.len();
    // The placements with a review dated in W, from one pass over the
    // council's reviews (most are of placements in area), made only when
    // some placement is out of area.
    let reviews = if n == 0 { &[][..] } else { &c.reviews[..] };
    let reviewed_in: rustc_hash::FxHashSet<&str> = reviews
        .iter()
        .filter(|r| w.contains(r.date))
        .filter_map(|r| r.placement_id.as_ref().map(|id| id.as_str()))
        .collect();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut types: BTreeMap<ServiceType, usize> = BTreeMap::new();
    let (mut near, mut reviewed) = (0, 0);
    for (p, l) in &ooa {
        let reason = p.ooa_reason.map_or("not_recorded", OoaReason::as_str);
        *reasons.entry(reason.to_string()).or_insert(0) += 1;
        *types.entry(p.service_type).or_insert(0) += 1;
        if neighbours.contains(&l.local_authority) {
            near += 1;
        }
        if reviewed_in.contains(p.placement_id.as_str()) {
            reviewed += 1;
        }
    }
    OutOfArea {
        id: "capacity.out_of_area",
        count: n as u64,
        in_neighbouring_council: Ratio::of(near, n),
        by_reason: reasons
            .into_iter()
            .map(|(k, v)| (k, Ratio::of(v, n)))
            .collect(),
        by_service_type: types
            .into_iter()
            .map(|(k, v)| (k, Ratio::of(v, n)))
            .collect(),
        reviewed_in_year: Ratio::of(reviewed, n),
    }
}

/// Placements at a care home (by the location's type) active at `t`.
fn in_care_homes(c: &Council<'_>, t: Date) -> u64 {
    c.placements_at()
        .filter(|(p, l)| p.is_active_at(t) && l.is_some_and(|l| l.service_type.is_care_home()))
        .count() as u64
}

/// Computes section 3.
pub fn compute(ix: &Index<'_>, c: &Council<'_>, la: &LaName, t: Date) -> Capacity {
    Capacity {
        occupancy: occupancy(ix, c, t),
        homecare: homecare(c, t),
        waits: waits(c, t),
        waiting_now: waiting_now(c, t),
        discharge_delays: discharge_delays(c, t),
        out_of_area: out_of_area(c, la, t),
        long_term_care: LongTermCare {
            id: "capacity.long_term_care",
            now: in_care_homes(c, t),
            a_year_ago: in_care_homes(c, year_before(t)),
        },
    }
}
