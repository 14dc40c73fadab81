//! Metrics computed from generated rows, following `spec/metrics.md`, for the
//! calibration tests. They read rows only, never the calibration constants.

use std::collections::{BTreeMap, BTreeSet};

use continuum_domain::{
    Dataset, Date, Location, OoaReason, Placement, Rating, Request, ServiceType,
};

/// `d` plus `n` days.
pub fn add(d: Date, n: i64) -> Date {
    d + chrono::Duration::days(n)
}

/// In the window W: the 365 days ending at `t`.
pub fn in_window(d: Date, t: Date) -> bool {
    d > add(t, -365) && d <= t
}

/// Days from `a` to `b`.
pub fn days(a: Date, b: Date) -> i64 {
    (b - a).num_days()
}

/// The in-area locations registered at `t`.
pub fn in_area<'a>(ds: &'a Dataset, la: &'a str, t: Date) -> impl Iterator<Item = &'a Location> {
    ds.locations
        .iter()
        .filter(move |l| l.local_authority.as_str() == la && l.is_registered_at(t))
}

/// The council's people IDs.
pub fn people_of<'a>(ds: &'a Dataset, la: &str) -> BTreeSet<&'a str> {
    ds.people
        .iter()
        .filter(|p| p.la.as_str() == la)
        .map(|p| p.person_id.as_str())
        .collect()
}

/// The council's placements.
pub fn placements_of<'a>(ds: &'a Dataset, la: &str) -> Vec<&'a Placement> {
    let people = people_of(ds, la);
    ds.placements
        .iter()
        .filter(|p| people.contains(p.person_id.as_str()))
        .collect()
}

/// The council's requests.
pub fn requests_of<'a>(ds: &'a Dataset, la: &str) -> Vec<&'a Request> {
    let people = people_of(ds, la);
    ds.requests
        .iter()
        .filter(|r| people.contains(r.person_id.as_str()))
        .collect()
}

/// (care homes, nursing homes, beds) in area at `t`.
pub fn care_homes(ds: &Dataset, la: &str, t: Date) -> (usize, usize, u32) {
    let homes: Vec<&Location> = in_area(ds, la, t)
        .filter(|l| l.service_type.is_care_home())
        .collect();
    let nursing = homes
        .iter()
        .filter(|l| l.service_type == ServiceType::NursingHome)
        .count();
    (homes.len(), nursing, homes.iter().map(|l| l.beds).sum())
}

/// `capacity.care_home_occupancy`: (occupancy, coverage).
pub fn occupancy(ds: &Dataset, la: &str, t: Date) -> (f64, f64) {
    let homes: Vec<&str> = in_area(ds, la, t)
        .filter(|l| l.service_type.is_care_home())
        .map(|l| l.location_id.as_str())
        .collect();
    let from = add(t, -90);
    let mut latest: BTreeMap<&str, (Date, u32, u32)> = BTreeMap::new();
    for c in &ds.capacity {
        let id = c.location_id.as_str();
        if c.date > from && c.date <= t && homes.contains(&id) {
            let e = latest.entry(id).or_insert((c.date, 0, 0));
            if c.date >= e.0 {
                *e = (
                    c.date,
                    c.beds_occupied.unwrap_or(0),
                    c.beds_max.unwrap_or(0),
                );
            }
        }
    }
    let occ: u32 = latest.values().map(|v| v.1).sum();
    let max: u32 = latest.values().map(|v| v.2).sum();
    (
        f64::from(occ) / f64::from(max.max(1)),
        latest.len() as f64 / homes.len().max(1) as f64,
    )
}

/// The linked placement of each request: the earliest non-interim placement
/// with its ID.
pub fn linked(ds: &Dataset) -> BTreeMap<&str, &Placement> {
    let mut m: BTreeMap<&str, &Placement> = BTreeMap::new();
    for p in ds.placements.iter().filter(|p| !p.interim) {
        if let Some(r) = &p.request_id {
            let e = m.entry(r.as_str()).or_insert(p);
            if p.start_date < e.start_date {
                *e = p;
            }
        }
    }
    m
}

/// `capacity.waits`: the waits in days of requests of one type whose linked
/// placement starts in W.
pub fn waits(ds: &Dataset, la: &str, t: Date, s: ServiceType) -> Vec<i64> {
    let link = linked(ds);
    let mut v: Vec<i64> = requests_of(ds, la)
        .into_iter()
        .filter(|r| r.service_type == s)
        .filter_map(|r| link.get(r.request_id.as_str()).map(|p| (r, p)))
        .filter(|(_, p)| in_window(p.start_date, t))
        .map(|(r, p)| days(r.received_on, p.start_date))
        .collect();
    v.sort();
    v
}

/// The median of sorted whole numbers.
pub fn median(v: &[i64]) -> f64 {
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2] as f64,
        n => (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0,
    }
}

/// The mean.
pub fn mean(v: &[i64]) -> f64 {
    v.iter().sum::<i64>() as f64 / v.len().max(1) as f64
}

/// `capacity.waiting_now`: the requests waiting at `t`.
pub fn waiting_now<'a>(ds: &'a Dataset, la: &str, t: Date) -> Vec<&'a Request> {
    let link = linked(ds);
    requests_of(ds, la)
        .into_iter()
        .filter(|r| r.received_on <= t && r.closed_on.is_none_or(|c| c > t))
        .filter(|r| {
            link.get(r.request_id.as_str())
                .is_none_or(|p| p.start_date > t)
        })
        .collect()
}

/// `capacity.discharge_delays`: the delays of discharges whose linked
/// placement starts in W.
pub fn discharge_delays<'a>(ds: &'a Dataset, la: &str, t: Date) -> Vec<(&'a Request, i64)> {
    let link = linked(ds);
    requests_of(ds, la)
        .into_iter()
        .filter(|r| r.route == continuum_domain::Route::HospitalDischarge)
        .filter_map(|r| Some((r, r.medically_fit_on?, link.get(r.request_id.as_str())?)))
        .filter(|(_, _, p)| in_window(p.start_date, t))
        .map(|(r, m, p)| (r, days(m, p.start_date).max(0)))
        .collect()
}

/// The council's placements active at `t` outside its area.
pub fn out_of_area<'a>(ds: &'a Dataset, la: &str, t: Date) -> Vec<&'a Placement> {
    let host: BTreeMap<&str, &str> = ds
        .locations
        .iter()
        .map(|l| (l.location_id.as_str(), l.local_authority.as_str()))
        .collect();
    placements_of(ds, la)
        .into_iter()
        .filter(|p| p.is_active_at(t) && host.get(p.location_id.as_str()).is_some_and(|h| *h != la))
        .collect()
}

/// The share of out-of-area placements with each reason.
pub fn reason_share(list: &[&Placement], reasons: &[OoaReason]) -> f64 {
    let n = list
        .iter()
        .filter(|p| p.ooa_reason.is_some_and(|r| reasons.contains(&r)))
        .count();
    n as f64 / list.len().max(1) as f64
}

/// The shares of each rating among the in-area locations of one type at `t`
/// (a rating dated after `t` counts as not rated), in the order outstanding,
/// good, requires improvement, inadequate, not rated.
pub fn rating_mix(ds: &Dataset, la: &str, t: Date, s: ServiceType) -> [f64; 5] {
    let all: Vec<Rating> = in_area(ds, la, t)
        .filter(|l| l.service_type == s)
        .map(|l| l.rating_at(t))
        .collect();
    let order = [
        Rating::Outstanding,
        Rating::Good,
        Rating::RequiresImprovement,
        Rating::Inadequate,
        Rating::NotRated,
    ];
    order.map(|r| all.iter().filter(|x| **x == r).count() as f64 / all.len().max(1) as f64)
}

/// `sustainability.workforce`: (vacancy rate, turnover, Care Certificate).
pub fn workforce(ds: &Dataset, la: &str, t: Date) -> (f64, f64, f64) {
    let ids: BTreeSet<&str> = ds
        .locations
        .iter()
        .filter(|l| l.local_authority.as_str() == la)
        .map(|l| l.location_id.as_str())
        .collect();
    let mut latest: BTreeMap<&str, &continuum_domain::WorkforceReturn> = BTreeMap::new();
    for w in ds
        .workforce
        .iter()
        .filter(|w| ids.contains(w.location_id.as_str()) && in_window(w.date, t))
    {
        let e = latest.entry(w.location_id.as_str()).or_insert(w);
        if w.date > e.date {
            *e = w;
        }
    }
    let sum = |f: fn(&continuum_domain::WorkforceReturn) -> u32| {
        latest.values().map(|w| f64::from(f(w))).sum::<f64>()
    };
    let posts = sum(|w| w.posts);
    (
        sum(|w| w.vacancies) / posts,
        sum(|w| w.leavers) / posts,
        sum(|w| w.care_cert_done) / sum(|w| w.care_cert_eligible),
    )
}

/// `sustainability.continuity`: for the disrupted placements ending in W,
/// the days to the person's next placement (`None` when there is none).
pub fn continuity(
    ds: &Dataset,
    la: &str,
    t: Date,
    reason: continuum_domain::EndReason,
) -> Vec<Option<i64>> {
    let mine = placements_of(ds, la);
    mine.iter()
        .filter(|p| p.end_reason == Some(reason) && p.end_date.is_some_and(|e| in_window(e, t)))
        .map(|p| {
            let end = p.end_date.unwrap_or(t);
            mine.iter()
                .filter(|q| {
                    q.person_id == p.person_id
                        && q.start_date >= end
                        && q.placement_id != p.placement_id
                })
                .map(|q| days(end, q.start_date))
                .min()
        })
        .collect()
}

/// Locations with 3 or more safeguarding concerns within 90 days, raised in W.
pub fn clusters(ds: &Dataset, la: &str, t: Date) -> Vec<String> {
    let mut by_loc: BTreeMap<&str, Vec<Date>> = BTreeMap::new();
    for c in ds.concerns.iter().filter(|c| {
        c.la.as_str() == la
            && c.kind == continuum_domain::ConcernKind::Safeguarding
            && in_window(c.raised_on, t)
    }) {
        by_loc
            .entry(c.location_id.as_str())
            .or_default()
            .push(c.raised_on);
    }
    by_loc
        .into_iter()
        .filter(|(_, v)| {
            let mut v = v.clone();
            v.sort();
            v.windows(3).any(|w| days(w[0], w[2]) <= 90)
        })
        .map(|(k, _)| k.to_string())
        .collect()
}
