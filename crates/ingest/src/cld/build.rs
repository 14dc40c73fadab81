//! From CLD events to people, requests, placements and reviews: the rules of
//! the [`cld`](crate::cld) module doc, in code.

use std::collections::HashMap;
use std::path::Path;

use continuum_domain::{
    Date, DelayReason, EndReason, LaName, Location, LocationId, OoaReason, PersonId, Placement,
    PlacementId, ProviderId, Rating, RegistrationStatus, Request, RequestId, RequestOutcome,
    Review, ReviewKind, ServiceType, SponsorLicence,
};

use super::link::{Id, Ids, derived_end, link, link_reviews, people, people_deaths};
use super::rows::{Event, Kind, Service};
use super::values::Outcome;
use super::{CldContext, CldCounts, CldImport, no_location_id};
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
                let request = served.get(&i).map(|&r| id(r));
                add_placement(ev, s, (id(i), request), death, (la, ctx), &mut out)?;
            }
            Kind::Review(kind) => {
                out.counts.reviews += 1;
                out.reviews.push(review(ev, *kind, &id(i), death)?);
            }
        }
    }
    link_reviews(&mut out);
    out.counts.people = people.len();
    out.counts.linked_requests = links.len();
    out.people = people;
    Ok(out)
}

/// A Service event as a placement, at its location (a stub when the register
/// does not know it).
fn add_placement(
    ev: &Event,
    s: &Service,
    (this, request): (Id<'_>, Option<Id<'_>>),
    death: Option<Date>,
    (la, ctx): (&LaName, &CldContext),
    out: &mut CldImport,
) -> Result<(), IngestError> {
    out.counts.services += 1;
    let request_id = request.map(|r| r.parse()).transpose()?;
    let location_id = match &s.location {
        Some(l) => l.clone(),
        None => this.no_location(la)?,
    };
    let placement_id = this.parse()?;
    let location_la = location_la(&location_id, s, la, ctx, out, this)?;
    let p = placement(
        ev,
        s,
        (placement_id, request_id, location_id),
        death,
        &mut out.counts,
    );
    let ooa = location_la.filter(|l| *l != la).map(|_| OoaReason::Other);
    out.placements.push(Placement {
        ooa_reason: ooa,
        ..p
    });
    Ok(())
}

/// A Review event, dated on its end; a death before that end moves it back.
fn review(
    ev: &Event,
    kind: ReviewKind,
    id: &Id<'_>,
    death: Option<Date>,
) -> Result<Review, IngestError> {
    let date = match ev.end {
        Some(_) => derived_end(ev.start, ev.end, death).0.unwrap_or(ev.start),
        None => ev.start,
    };
    Ok(Review {
        review_id: id.parse()?,
        person_id: ev.person.clone(),
        placement_id: None,
        date,
        kind,
    })
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
    let name = if id.as_str() == no_location_id(la) {
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
