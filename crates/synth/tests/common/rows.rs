//! Row-level checks: dates in order, required cells present exactly where
//! required, counts that add up, and placements that fit their locations and
//! follow one another.

use std::collections::BTreeMap;

use continuum_domain::{
    ClientType, Dataset, Date, GapStatus, Location, Placement, Rating, RegistrationStatus, Route,
};

/// Adds every row-level problem to `p`.
pub fn check(ds: &Dataset, p: &mut Vec<String>) {
    dates_ordered(ds, p);
    out_of_area_reasons(ds, p);
    locations(ds, p);
    people_and_requests(ds, p);
    returns(ds, p);
    placements_fit(ds, p);
}

fn ordered(p: &mut Vec<String>, file: &str, id: &str, start: Date, end: Option<Date>) {
    if end.is_some_and(|e| e < start) {
        p.push(format!("{file}: {id} ends before it starts"));
    }
}

fn dates_ordered(ds: &Dataset, p: &mut Vec<String>) {
    for x in &ds.placements {
        ordered(
            p,
            "placements",
            x.placement_id.as_str(),
            x.start_date,
            x.end_date,
        );
    }
    for x in &ds.contracts {
        ordered(
            p,
            "contracts",
            x.contract_id.as_str(),
            x.start_date,
            x.end_date,
        );
    }
    for x in &ds.sanctions {
        ordered(
            p,
            "sanctions",
            x.sanction_id.as_str(),
            x.start_date,
            x.end_date,
        );
    }
    for x in &ds.concerns {
        ordered(
            p,
            "concerns",
            x.concern_id.as_str(),
            x.raised_on,
            x.closed_on,
        );
    }
    for x in &ds.gaps {
        ordered(p, "gaps", x.gap_id.as_str(), x.raised_on, x.resolved_on);
    }
    requests_and_locations_ordered(ds, p);
}

fn requests_and_locations_ordered(ds: &Dataset, p: &mut Vec<String>) {
    for x in &ds.requests {
        ordered(
            p,
            "requests",
            x.request_id.as_str(),
            x.received_on,
            x.closed_on,
        );
        ordered(
            p,
            "requests (medically fit)",
            x.request_id.as_str(),
            x.received_on,
            x.medically_fit_on,
        );
    }
    for l in &ds.locations {
        if let Some(r) = l.registered_on {
            ordered(p, "locations", l.location_id.as_str(), r, l.deregistered_on);
        }
    }
}

/// `ooa_reason` is present exactly where the location is outside the person's
/// council.
fn out_of_area_reasons(ds: &Dataset, p: &mut Vec<String>) {
    let la_of: BTreeMap<&str, &str> = ds
        .people
        .iter()
        .map(|x| (x.person_id.as_str(), x.la.as_str()))
        .collect();
    let host: BTreeMap<&str, &str> = ds
        .locations
        .iter()
        .map(|l| (l.location_id.as_str(), l.local_authority.as_str()))
        .collect();
    for x in &ds.placements {
        let (Some(la), Some(at)) = (
            la_of.get(x.person_id.as_str()),
            host.get(x.location_id.as_str()),
        ) else {
            continue;
        };
        let away = la != at;
        if away != x.ooa_reason.is_some() {
            p.push(format!(
                "placements: {} ooa_reason {:?} but away = {away}",
                x.placement_id, x.ooa_reason
            ));
        }
    }
}

fn locations(ds: &Dataset, p: &mut Vec<String>) {
    for l in &ds.locations {
        let dereg = l.status == RegistrationStatus::Deregistered;
        if dereg != l.deregistered_on.is_some() {
            p.push(format!(
                "locations: {} is {} with deregistered_on {:?}",
                l.location_id, l.status, l.deregistered_on
            ));
        }
        if l.service_type.is_care_home() && l.beds == 0 {
            p.push(format!(
                "locations: care home {} has no beds",
                l.location_id
            ));
        }
        if (l.rating == Rating::NotRated) == l.rating_date.is_some() {
            p.push(format!(
                "locations: {} rated {} on {:?}",
                l.location_id, l.rating, l.rating_date
            ));
        }
    }
}

fn people_and_requests(ds: &Dataset, p: &mut Vec<String>) {
    for x in &ds.people {
        let carer = x.client_type == ClientType::UnpaidCarer;
        if carer == x.cares_for.is_empty() {
            p.push(format!(
                "people: {} is {} but cares for {:?}",
                x.person_id, x.client_type, x.cares_for
            ));
        }
    }
    for r in &ds.requests {
        let discharge = r.route == Route::HospitalDischarge;
        if discharge != r.discharge_pathway.is_some() || r.discharge_pathway.is_some_and(|k| k > 3)
        {
            p.push(format!(
                "requests: {} route {} with pathway {:?}",
                r.request_id, r.route, r.discharge_pathway
            ));
        }
        if r.closed_on.is_some() != r.outcome.is_some() {
            p.push(format!(
                "requests: {} closed {:?} with outcome {:?}",
                r.request_id, r.closed_on, r.outcome
            ));
        }
    }
    for g in &ds.gaps {
        if (g.status == GapStatus::Resolved) != g.resolved_on.is_some() {
            p.push(format!(
                "gaps: {} is {} with resolved_on {:?}",
                g.gap_id, g.status, g.resolved_on
            ));
        }
    }
}

fn returns(ds: &Dataset, p: &mut Vec<String>) {
    for c in &ds.capacity {
        let parts = (
            c.beds_max,
            c.beds_occupied,
            c.beds_vacant_reserved,
            c.beds_vacant_accepting,
        );
        if let (Some(max), Some(occ), Some(r), Some(a)) = parts
            && occ + r + a != max
        {
            p.push(format!(
                "capacity: {} on {} does not add up",
                c.location_id, c.date
            ));
        }
    }
    for w in &ds.workforce {
        if w.care_cert_done > w.care_cert_eligible || w.vacancies > w.posts {
            p.push(format!(
                "workforce: {} on {} is impossible",
                w.location_id, w.date
            ));
        }
    }
    for x in &ds.prevalence {
        if !(0.0..=1.0).contains(&x.rate) {
            p.push(format!("prevalence: rate {} out of 0-1", x.rate));
        }
    }
}

/// A person's placements (interims aside) follow one another, and each falls
/// within its location's registration.
fn placements_fit(ds: &Dataset, p: &mut Vec<String>) {
    let locs: BTreeMap<&str, &Location> = ds
        .locations
        .iter()
        .map(|l| (l.location_id.as_str(), l))
        .collect();
    let mut by_person: BTreeMap<&str, Vec<&Placement>> = BTreeMap::new();
    for x in &ds.placements {
        if !x.interim {
            by_person.entry(x.person_id.as_str()).or_default().push(x);
        }
        let Some(l) = locs.get(x.location_id.as_str()) else {
            continue;
        };
        let early = l.registered_on.is_some_and(|r| x.start_date < r);
        let late = l
            .deregistered_on
            .is_some_and(|d| x.start_date >= d || x.end_date.is_none_or(|e| e > d));
        if early || late {
            p.push(format!(
                "placements: {} falls outside {}'s registration",
                x.placement_id, l.location_id
            ));
        }
    }
    for (person, mut list) in by_person {
        list.sort_by_key(|x| x.start_date);
        for pair in list.windows(2) {
            if pair[0].end_date.is_none_or(|e| e > pair[1].start_date) {
                p.push(format!(
                    "placements: {person} has overlapping {} and {}",
                    pair[0].placement_id, pair[1].placement_id
                ));
            }
        }
    }
}
