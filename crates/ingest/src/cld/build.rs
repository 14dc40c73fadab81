//! From CLD events to people, requests, placements and reviews: the rules of
//! the [`cld`](crate::cld) module doc, in code.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::str::FromStr;

use continuum_domain::{
    Date, DelayReason, EndReason, LaName, Location, LocationId, OoaReason, ParseError, Person,
    PersonId, Placement, PlacementId, ProviderId, Rating, RegistrationStatus, Request, RequestId,
    RequestOutcome, Review, ServiceType, SponsorLicence,
};

use super::rows::{Details, Event, Kind, Service};
use super::values::Outcome;
use super::{CldContext, CldCounts, CldImport, LINK_WINDOW_DAYS};
use crate::IngestError;

/// Builds the import from the events of one file, in file order.
pub(crate) fn build(
    events: &[Event],
    la: &LaName,
    ctx: &CldContext,
    path: &Path,
) -> Result<CldImport, IngestError> {
    let mut out = CldImport::default();
    out.counts.rows = events.len();
    let people = people(events, la);
    let deaths: HashMap<&PersonId, Date> = people_deaths(events);
    let ids = Ids::new(events);
    let links = link(events);
    let served: HashMap<usize, usize> = links.iter().map(|(&r, &s)| (s, r)).collect();
    let id = |i: usize| Id {
        path,
        ev: &events[i],
        text: ids.of(i),
    };
    for (i, ev) in events.iter().enumerate() {
        let death = deaths.get(&ev.person).copied();
        match &ev.kind {
            Kind::Request(route) => {
                out.counts.requests += 1;
                let linked = links.get(&i).map(|&s| &events[s]);
                let r = request(ev, *route, id(i).parse()?, linked, death, &mut out.counts);
                out.requests.push(r);
            }
            Kind::Assessment => out.counts.assessments += 1,
            Kind::Service(s) => {
                out.counts.services += 1;
                let request_id = served.get(&i).map(|&r| id(r).parse()).transpose()?;
                let location_id = match &s.location {
                    Some(l) => l.clone(),
                    None => id(i).no_location()?,
                };
                let location_la = location_la(&location_id, s, la, ctx, &mut out, id(i))?;
                let ids = (id(i).parse()?, request_id, location_id);
                let p = placement(ev, s, ids, death, &mut out.counts);
                let ooa = location_la.filter(|l| *l != la).map(|_| OoaReason::Other);
                out.placements.push(Placement {
                    ooa_reason: ooa,
                    ..p
                });
            }
            Kind::Review(kind) => {
                out.counts.reviews += 1;
                // Dated on its end; a death before that end moves it back.
                let date = match ev.end {
                    Some(_) => derived_end(ev.start, ev.end, death).0.unwrap_or(ev.start),
                    None => ev.start,
                };
                out.reviews.push(Review {
                    review_id: id(i).parse()?,
                    person_id: ev.person.clone(),
                    placement_id: None,
                    date,
                    kind: *kind,
                });
            }
        }
    }
    link_reviews(&mut out);
    out.counts.people = people.len();
    out.counts.linked_requests = links.len();
    out.people = people;
    Ok(out)
}

/// The people, in order of first appearance; later rows fill what earlier
/// rows left blank. Linked adults are kept only when they are in the file.
fn people(events: &[Event], la: &LaName) -> Vec<Person> {
    let mut order: Vec<&PersonId> = Vec::new();
    let mut merged: HashMap<&PersonId, Details> = HashMap::new();
    for ev in events {
        match merged.get_mut(&ev.person) {
            Some(d) => fill(d, &ev.details),
            None => {
                order.push(&ev.person);
                merged.insert(&ev.person, ev.details.clone());
            }
        }
    }
    let known: HashSet<&PersonId> = order.iter().copied().collect();
    order
        .into_iter()
        .filter_map(|id| merged.remove(id).map(|d| (id, d)))
        .map(|(id, d)| Person {
            person_id: id.clone(),
            la: la.clone(),
            birth_year: d.birth_year,
            sex: d.sex,
            ethnicity: d.ethnicity,
            locality_id: None,
            client_type: d.client_type,
            primary_support_reason: d.psr,
            has_unpaid_carer: d.has_carer,
            cares_for: d.linked.into_iter().filter(|p| known.contains(p)).collect(),
        })
        .collect()
}

fn fill(d: &mut Details, more: &Details) {
    d.birth_year = d.birth_year.or(more.birth_year);
    if d.sex == continuum_domain::Gender::Unknown {
        d.sex = more.sex;
    }
    d.ethnicity = d.ethnicity.take().or_else(|| more.ethnicity.clone());
    d.psr = d.psr.or(more.psr);
    d.has_carer = d.has_carer.or(more.has_carer);
    d.death = d.death.or(more.death);
    for p in &more.linked {
        if !d.linked.contains(p) {
            d.linked.push(p.clone());
        }
    }
    for s in &more.needs {
        if !d.needs.contains(s) {
            d.needs.push(*s);
        }
    }
    d.needs.sort();
}

fn people_deaths(events: &[Event]) -> HashMap<&PersonId, Date> {
    let mut deaths = HashMap::new();
    for ev in events {
        if let Some(d) = ev.details.death {
            deaths.entry(&ev.person).or_insert(d);
        }
    }
    deaths
}

/// DHSC's derived end date: a death before the recorded end (or with no end)
/// ends the event on the date of death. Returns the end and whether the death
/// ended it. A death before the event started is left alone.
pub(crate) fn derived_end(
    start: Date,
    end: Option<Date>,
    death: Option<Date>,
) -> (Option<Date>, bool) {
    match death {
        Some(d) if d >= start && end.is_none_or(|e| d < e) => (Some(d), true),
        _ => (end, false),
    }
}

/// Each request (by row) linked to a service (by row): the person's first
/// service starting on or after the request, within [`LINK_WINDOW_DAYS`],
/// that no earlier request has taken. Requests go in order of start date.
fn link(events: &[Event]) -> HashMap<usize, usize> {
    let mut by_person: HashMap<&PersonId, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, ev) in events.iter().enumerate() {
        let e = by_person.entry(&ev.person).or_default();
        match ev.kind {
            Kind::Request(_) => e.0.push(i),
            Kind::Service(_) => e.1.push(i),
            _ => {}
        }
    }
    let mut links = HashMap::new();
    for (mut requests, mut services) in by_person.into_values() {
        requests.sort_by_key(|&i| (events[i].start, i));
        services.sort_by_key(|&i| (events[i].start, i));
        let mut taken = vec![false; services.len()];
        for r in requests {
            let start = events[r].start;
            let found = services.iter().enumerate().find(|&(k, &s)| {
                let days = (events[s].start - start).num_days();
                !taken[k] && (0..=LINK_WINDOW_DAYS).contains(&days)
            });
            if let Some((k, &s)) = found {
                taken[k] = true;
                links.insert(r, s);
            }
        }
    }
    links
}

/// The IDs of the events: the Event Reference where given (a reference used
/// twice by one kind of event gets `#2`, `#3`…), else the person ID and the
/// line, such as `P123:S14`.
struct Ids(Vec<String>);

impl Ids {
    fn new(events: &[Event]) -> Self {
        let mut seen: HashMap<(char, &str), usize> = HashMap::new();
        let ids = events
            .iter()
            .map(|ev| {
                let letter = match ev.kind {
                    Kind::Request(_) => 'R',
                    Kind::Assessment => 'A',
                    Kind::Service(_) => 'S',
                    Kind::Review(_) => 'V',
                };
                match &ev.reference {
                    Some(r) => {
                        let n = seen.entry((letter, r)).or_insert(0);
                        *n += 1;
                        if *n == 1 {
                            r.clone()
                        } else {
                            format!("{r}#{n}")
                        }
                    }
                    None => format!("{}:{letter}{}", ev.person, ev.line),
                }
            })
            .collect();
        Self(ids)
    }

    fn of(&self, i: usize) -> String {
        self.0.get(i).cloned().unwrap_or_default()
    }
}

/// An event's ID, made into a typed ID with an error that says where.
struct Id<'a> {
    path: &'a Path,
    ev: &'a Event,
    text: String,
}

impl Id<'_> {
    fn parse<T: FromStr<Err = ParseError>>(&self) -> Result<T, IngestError> {
        self.text.parse().map_err(|e: ParseError| {
            IngestError::bad_value(
                self.path,
                self.ev.line,
                "Event Reference",
                &self.text,
                e.expected,
            )
        })
    }

    fn no_location(&self) -> Result<LocationId, IngestError> {
        Id {
            text: NO_LOCATION.to_string(),
            ..*self
        }
        .parse()
    }
}

fn request(
    ev: &Event,
    route: continuum_domain::Route,
    request_id: RequestId,
    linked: Option<&Event>,
    death: Option<Date>,
    counts: &mut CldCounts,
) -> Request {
    let service = linked.and_then(|s| match &s.kind {
        Kind::Service(sv) => Some((s, sv)),
        _ => None,
    });
    let (end, died) = derived_end(ev.start, ev.end, death);
    let (closed_on, outcome, delay) = match (service, ev.outcome) {
        (Some((s, _)), _) => (
            Some(ev.end.unwrap_or(s.start)),
            Some(RequestOutcome::Placed),
            None,
        ),
        _ if died => {
            counts.deaths_applied += 1;
            (end, Some(RequestOutcome::Died), None)
        }
        (None, Some(Outcome::Progress)) => (None, None, None),
        (None, Some(Outcome::AdmittedToHospital)) => {
            (None, None, Some(DelayReason::HospitalAdmission))
        }
        (None, o) if ev.end.is_none() && o.is_none() => (None, None, None),
        (None, o) => (
            Some(ev.end.unwrap_or(ev.start)),
            Some(request_outcome(o)),
            None,
        ),
    };
    Request {
        request_id,
        person_id: ev.person.clone(),
        service_type: service.map_or(ServiceType::Other, |(_, sv)| sv.service_type),
        needs: ev.details.needs.clone(),
        hours_per_week: service.and_then(|(_, sv)| sv.hours_per_week),
        route,
        discharge_pathway: None,
        received_on: ev.start,
        medically_fit_on: None,
        closed_on,
        outcome,
        delay_reasons: delay.into_iter().collect(),
        preferred_locations: Vec::new(),
    }
}

/// How a request that did not lead to a service was closed.
fn request_outcome(o: Option<Outcome>) -> RequestOutcome {
    match o {
        Some(Outcome::Died) => RequestOutcome::Died,
        Some(Outcome::Declined) => RequestOutcome::Declined,
        Some(Outcome::MovedAway) => RequestOutcome::MovedAway,
        Some(Outcome::NoLongerNeeded | Outcome::EndedAsPlanned) => RequestOutcome::NoLongerNeeded,
        _ => RequestOutcome::Other,
    }
}

/// Why a service ended, from its outcome.
fn end_reason(o: Option<Outcome>) -> EndReason {
    match o {
        Some(Outcome::Died) => EndReason::Died,
        Some(Outcome::AdmittedToHospital) => EndReason::Hospital,
        Some(Outcome::MovedAway) => EndReason::Moved,
        Some(Outcome::EndedAsPlanned | Outcome::Progress) => EndReason::Planned,
        _ => EndReason::Other,
    }
}

fn placement(
    ev: &Event,
    s: &Service,
    (placement_id, request_id, location_id): (PlacementId, Option<RequestId>, LocationId),
    death: Option<Date>,
    counts: &mut CldCounts,
) -> Placement {
    let (end_date, died) = derived_end(ev.start, ev.end, death);
    if died {
        counts.deaths_applied += 1;
    }
    if s.one_off {
        counts.one_off_costs += 1;
    }
    let end_reason = match (end_date, died) {
        (None, _) => None,
        (Some(_), true) => Some(EndReason::Died),
        (Some(_), false) => Some(end_reason(ev.outcome)),
    };
    Placement {
        placement_id,
        person_id: ev.person.clone(),
        request_id,
        location_id,
        service_type: s.service_type,
        start_date: ev.start,
        end_date,
        end_reason,
        weekly_cost: s.weekly_cost,
        hours_per_week: s.hours_per_week,
        delivery: s.delivery,
        interim: false,
        ooa_reason: None,
    }
}

/// The stub location of services with no CQC location ID.
pub(crate) const NO_LOCATION: &str = "no-cqc-location";

/// The council the service's location is in, when the register knows it. An
/// unknown or missing location gets a stub in the person's council.
fn location_la<'c>(
    id: &LocationId,
    s: &Service,
    la: &LaName,
    ctx: &'c CldContext,
    out: &mut CldImport,
    at: Id<'_>,
) -> Result<Option<&'c LaName>, IngestError> {
    if s.location.is_none() {
        out.counts.services_without_location += 1;
    }
    if let Some(l) = ctx.known_locations.get(id) {
        return Ok(Some(l));
    }
    if !out.location_stubs.iter().any(|l| l.location_id == *id) {
        let provider = Id {
            text: id.to_string(),
            ..at
        }
        .parse()?;
        out.location_stubs
            .push(stub(id.clone(), provider, la, s.service_type));
    }
    Ok(None)
}

/// A minimal location, until a CQC import fills it in.
fn stub(
    id: LocationId,
    provider_id: ProviderId,
    la: &LaName,
    service_type: ServiceType,
) -> Location {
    let name = if id.as_str() == NO_LOCATION {
        "Services without a CQC location".to_string()
    } else {
        format!("CQC location {id} (not in the register)")
    };
    Location {
        provider_id,
        location_id: id,
        provider_name: String::new(),
        name,
        local_authority: la.clone(),
        locality_id: None,
        postcode: String::new(),
        latitude: None,
        longitude: None,
        service_type,
        beds: 0,
        specialisms: Vec::new(),
        registered_manager: None,
        in_house: false,
        rating: Rating::NotRated,
        rating_date: None,
        status: RegistrationStatus::Registered,
        registered_on: None,
        deregistered_on: None,
        sponsor_licence: SponsorLicence::NotHeld,
    }
}

/// A review names the person's placement active on the review date (the
/// latest started, if several).
fn link_reviews(out: &mut CldImport) {
    let mut by_person: HashMap<&PersonId, Vec<&Placement>> = HashMap::new();
    for p in &out.placements {
        by_person.entry(&p.person_id).or_default().push(p);
    }
    for r in &mut out.reviews {
        let active = by_person.get(&r.person_id).and_then(|ps| {
            ps.iter()
                .filter(|p| p.start_date <= r.date && p.end_date.is_none_or(|e| e >= r.date))
                .max_by_key(|p| p.start_date)
        });
        r.placement_id = active.map(|p| p.placement_id.clone());
    }
    out.counts.linked_reviews = out
        .reviews
        .iter()
        .filter(|r| r.placement_id.is_some())
        .count();
}
