//! An internal-consistency checker for a generated bundle: every foreign key
//! resolves, IDs are unique, required cells are present exactly where required,
//! dates are ordered and vocabularies are used as `spec/bundle.md` says.

use std::collections::{BTreeMap, BTreeSet};

use continuum_domain::{ClientType, Dataset, GapStatus, RegistrationStatus, Route};

/// Every problem found; empty when the bundle is consistent.
pub fn problems(ds: &Dataset) -> Vec<String> {
    let mut p = Vec::new();
    ids_unique(ds, &mut p);
    keys_resolve(ds, &mut p);
    dates_ordered(ds, &mut p);
    out_of_area_reasons(ds, &mut p);
    rows_make_sense(ds, &mut p);
    placements_fit(ds, &mut p);
    p.truncate(50);
    p
}

fn unique<'a>(file: &str, ids: impl Iterator<Item = &'a str>, p: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            p.push(format!("{file}: duplicate ID {id}"));
        }
    }
}

fn ids_unique(ds: &Dataset, p: &mut Vec<String>) {
    unique("authority", ds.authorities.iter().map(|a| a.la.as_str()), p);
    unique(
        "authority ons",
        ds.authorities.iter().map(|a| a.ons_code.as_str()),
        p,
    );
    unique(
        "localities",
        ds.localities.iter().map(|l| l.locality_id.as_str()),
        p,
    );
    unique(
        "locations",
        ds.locations.iter().map(|l| l.location_id.as_str()),
        p,
    );
    unique(
        "contracts",
        ds.contracts.iter().map(|c| c.contract_id.as_str()),
        p,
    );
    unique("people", ds.people.iter().map(|x| x.person_id.as_str()), p);
    unique(
        "requests",
        ds.requests.iter().map(|x| x.request_id.as_str()),
        p,
    );
    unique(
        "placements",
        ds.placements.iter().map(|x| x.placement_id.as_str()),
        p,
    );
    unique(
        "reviews",
        ds.reviews.iter().map(|x| x.review_id.as_str()),
        p,
    );
    unique("visits", ds.visits.iter().map(|x| x.visit_id.as_str()), p);
    unique(
        "concerns",
        ds.concerns.iter().map(|x| x.concern_id.as_str()),
        p,
    );
    unique(
        "sanctions",
        ds.sanctions.iter().map(|x| x.sanction_id.as_str()),
        p,
    );
    unique(
        "handbacks",
        ds.handbacks.iter().map(|x| x.handback_id.as_str()),
        p,
    );
    unique("gaps", ds.gaps.iter().map(|x| x.gap_id.as_str()), p);
    let mut qa: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for q in &ds.quality_assessments {
        *qa.entry((q.assessment_id.as_str(), q.standard.as_str()))
            .or_default() += 1;
    }
    for ((id, standard), n) in qa {
        if n > 1 {
            p.push(format!(
                "quality_assessments: {id} scores {standard} {n} times"
            ));
        }
    }
}

fn keys_resolve(ds: &Dataset, p: &mut Vec<String>) {
    let las: BTreeSet<&str> = ds.authorities.iter().map(|a| a.la.as_str()).collect();
    let locs: BTreeSet<&str> = ds
        .locations
        .iter()
        .map(|l| l.location_id.as_str())
        .collect();
    let localities: BTreeSet<&str> = ds
        .localities
        .iter()
        .map(|l| l.locality_id.as_str())
        .collect();
    let people: BTreeSet<&str> = ds.people.iter().map(|x| x.person_id.as_str()).collect();
    let requests: BTreeSet<&str> = ds.requests.iter().map(|x| x.request_id.as_str()).collect();
    let placements: BTreeMap<&str, &str> = ds
        .placements
        .iter()
        .map(|x| (x.placement_id.as_str(), x.person_id.as_str()))
        .collect();
    let mut need = |file: &str, what: &str, id: &str, set: &BTreeSet<&str>| {
        if !set.contains(id) {
            p.push(format!("{file}: unknown {what} {id}"));
        }
    };
    for l in &ds.localities {
        need("localities", "la", l.la.as_str(), &las);
    }
    for x in &ds.population {
        need("population", "la", x.la.as_str(), &las);
        if let Some(l) = &x.locality_id {
            need("population", "locality", l.as_str(), &localities);
        }
    }
    for l in &ds.locations {
        if let Some(k) = &l.locality_id {
            need("locations", "locality", k.as_str(), &localities);
        }
    }
    for c in &ds.contracts {
        need("contracts", "la", c.la.as_str(), &las);
        need("contracts", "location", c.location_id.as_str(), &locs);
    }
    for c in &ds.capacity {
        need("capacity", "location", c.location_id.as_str(), &locs);
    }
    for x in &ds.people {
        need("people", "la", x.la.as_str(), &las);
        if let Some(l) = &x.locality_id {
            need("people", "locality", l.as_str(), &localities);
        }
        for c in &x.cares_for {
            need("people", "cares_for", c.as_str(), &people);
        }
    }
    for r in &ds.requests {
        need("requests", "person", r.person_id.as_str(), &people);
        for l in &r.preferred_locations {
            need("requests", "preferred location", l.as_str(), &locs);
        }
    }
    for x in &ds.placements {
        need("placements", "person", x.person_id.as_str(), &people);
        need("placements", "location", x.location_id.as_str(), &locs);
        if let Some(r) = &x.request_id {
            need("placements", "request", r.as_str(), &requests);
        }
    }
    for r in &ds.reviews {
        need("reviews", "person", r.person_id.as_str(), &people);
        if let Some(pl) = &r.placement_id {
            match placements.get(pl.as_str()) {
                None => need("reviews", "placement", pl.as_str(), &BTreeSet::new()),
                Some(owner) if *owner != r.person_id.as_str() => need(
                    "reviews (owner of placement)",
                    "person",
                    r.person_id.as_str(),
                    &BTreeSet::new(),
                ),
                _ => {}
            }
        }
    }
    for x in &ds.quality_assessments {
        need(
            "quality_assessments",
            "location",
            x.location_id.as_str(),
            &locs,
        );
        need("quality_assessments", "la", x.la.as_str(), &las);
    }
    for x in &ds.visits {
        need("visits", "location", x.location_id.as_str(), &locs);
        need("visits", "la", x.la.as_str(), &las);
    }
    for x in &ds.concerns {
        need("concerns", "location", x.location_id.as_str(), &locs);
        need("concerns", "la", x.la.as_str(), &las);
    }
    for x in &ds.sanctions {
        need("sanctions", "location", x.location_id.as_str(), &locs);
        need("sanctions", "la", x.la.as_str(), &las);
    }
    for x in &ds.handbacks {
        need("handbacks", "location", x.location_id.as_str(), &locs);
        need("handbacks", "la", x.la.as_str(), &las);
    }
    for x in &ds.workforce {
        need("workforce", "location", x.location_id.as_str(), &locs);
    }
    for x in &ds.fees {
        need("fees", "la", x.la.as_str(), &las);
    }
    for x in &ds.indicators {
        need("indicators", "la", x.la.as_str(), &las);
    }
    for x in &ds.gaps {
        need("gaps", "la", x.la.as_str(), &las);
        if let Some(l) = &x.locality_id {
            need("gaps", "locality", l.as_str(), &localities);
        }
    }
}

fn dates_ordered(ds: &Dataset, p: &mut Vec<String>) {
    let mut bad = |file: &str, id: &str, ok: bool| {
        if !ok {
            p.push(format!("{file}: {id} ends before it starts"));
        }
    };
    for x in &ds.placements {
        bad(
            "placements",
            x.placement_id.as_str(),
            x.end_date.is_none_or(|e| x.start_date <= e),
        );
    }
    for x in &ds.contracts {
        bad(
            "contracts",
            x.contract_id.as_str(),
            x.end_date.is_none_or(|e| x.start_date <= e),
        );
    }
    for x in &ds.sanctions {
        bad(
            "sanctions",
            x.sanction_id.as_str(),
            x.end_date.is_none_or(|e| x.start_date <= e),
        );
    }
    for x in &ds.concerns {
        bad(
            "concerns",
            x.concern_id.as_str(),
            x.closed_on.is_none_or(|e| x.raised_on <= e),
        );
    }
    for x in &ds.gaps {
        bad(
            "gaps",
            x.gap_id.as_str(),
            x.resolved_on.is_none_or(|e| x.raised_on <= e),
        );
    }
    for x in &ds.requests {
        bad(
            "requests",
            x.request_id.as_str(),
            x.closed_on.is_none_or(|e| x.received_on <= e),
        );
        bad(
            "requests (medically fit)",
            x.request_id.as_str(),
            x.medically_fit_on.is_none_or(|m| x.received_on <= m),
        );
    }
    for l in &ds.locations {
        bad(
            "locations",
            l.location_id.as_str(),
            match (l.registered_on, l.deregistered_on) {
                (Some(a), Some(b)) => a <= b,
                _ => true,
            },
        );
    }
}

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

fn rows_make_sense(ds: &Dataset, p: &mut Vec<String>) {
    for l in &ds.locations {
        let dereg = l.status == RegistrationStatus::Deregistered;
        if dereg != l.deregistered_on.is_some() {
            p.push(format!(
                "locations: {} status {} but deregistered_on {:?}",
                l.location_id, l.status, l.deregistered_on
            ));
        }
        if l.service_type.is_care_home() && l.beds == 0 {
            p.push(format!(
                "locations: care home {} has no beds",
                l.location_id
            ));
        }
        if (l.rating == continuum_domain::Rating::NotRated) == l.rating_date.is_some() {
            p.push(format!(
                "locations: {} rating {} with rating_date {:?}",
                l.location_id, l.rating, l.rating_date
            ));
        }
    }
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
    for c in &ds.capacity {
        if let (Some(max), Some(occ), Some(r), Some(a)) = (
            c.beds_max,
            c.beds_occupied,
            c.beds_vacant_reserved,
            c.beds_vacant_accepting,
        ) {
            if occ + r + a != max {
                p.push(format!(
                    "capacity: {} on {} does not add up",
                    c.location_id, c.date
                ));
            }
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
    for g in &ds.gaps {
        if (g.status == GapStatus::Resolved) != g.resolved_on.is_some() {
            p.push(format!(
                "gaps: {} is {} with resolved_on {:?}",
                g.gap_id, g.status, g.resolved_on
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
    let locs: BTreeMap<&str, &continuum_domain::Location> = ds
        .locations
        .iter()
        .map(|l| (l.location_id.as_str(), l))
        .collect();
    let mut by_person: BTreeMap<&str, Vec<&continuum_domain::Placement>> = BTreeMap::new();
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
