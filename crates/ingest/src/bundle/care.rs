//! People and care: `people.csv`, `requests.csv`, `placements.csv`,
//! `reviews.csv`. These are the big files of a national bundle.
//!
//! Required columns: `people` person_id, la, client_type; `requests`
//! request_id, person_id, service_type, route, received_on; `placements`
//! placement_id, person_id, location_id, service_type, start_date, delivery;
//! `reviews` review_id, person_id, date, kind.
//! Defaults for optional columns: a person's `sex` is `unknown`; a placement's
//! `interim` is N; lists are empty; everything else is "not known".

use std::path::Path;

use continuum_domain::{
    ClientType, Dataset, Delivery, Gender, LaName, LocalityId, LocationId, Person, PersonId,
    Placement, PlacementId, Request, RequestId, Review, ReviewId, ReviewKind, Route, ServiceType,
};

use super::fields::{amount, date, list, pathway, word, year, yn};
use super::read::{FileSpec, Parsed, Row, bundle_file};
use super::write::{Fields, write_file};
use super::{Jobs, Report};
use crate::IngestError;

bundle_file!(people = "people.csv" {
    person_id: REQ, la: REQ, birth_year: OPT, sex: OPT, ethnicity: OPT, locality_id: OPT,
    client_type: REQ, primary_support_reason: OPT, has_unpaid_carer: OPT, cares_for: OPT,
});
bundle_file!(requests = "requests.csv" {
    request_id: REQ, person_id: REQ, service_type: REQ, needs: OPT, hours_per_week: OPT,
    route: REQ, discharge_pathway: OPT, received_on: REQ, medically_fit_on: OPT,
    closed_on: OPT, outcome: OPT, delay_reasons: OPT, preferred_locations: OPT,
});
bundle_file!(placements = "placements.csv" {
    placement_id: REQ, person_id: REQ, request_id: OPT, location_id: REQ, service_type: REQ,
    start_date: REQ, end_date: OPT, end_reason: OPT, weekly_cost: OPT, hours_per_week: OPT,
    delivery: REQ, interim: OPT, ooa_reason: OPT,
});
bundle_file!(reviews = "reviews.csv" {
    review_id: REQ, person_id: REQ, placement_id: OPT, date: REQ, kind: REQ,
});

/// The files of this group, in the spec's order.
pub(crate) const FILES: &[FileSpec] = &[
    people::SPEC,
    requests::SPEC,
    placements::SPEC,
    reviews::SPEC,
];

/// The files of this group, as read.
#[derive(Debug, Default)]
pub(crate) struct Care {
    pub people: Parsed<Person>,
    pub requests: Parsed<Request>,
    pub placements: Parsed<Placement>,
    pub reviews: Parsed<Review>,
}

impl Care {
    /// Queues the reading of each file.
    pub(crate) fn jobs<'a>(&'a mut self, jobs: &mut Jobs<'a>) {
        jobs.add(&people::SPEC, false, parse_person, &mut self.people);
        jobs.add(&requests::SPEC, false, parse_request, &mut self.requests);
        jobs.add(
            &placements::SPEC,
            false,
            parse_placement,
            &mut self.placements,
        );
        jobs.add(&reviews::SPEC, false, parse_review, &mut self.reviews);
    }

    /// Moves the errors and warnings of each file into `report`.
    pub(crate) fn report(&mut self, report: &mut Report) {
        report.take(&mut self.people);
        report.take(&mut self.requests);
        report.take(&mut self.placements);
        report.take(&mut self.reviews);
    }

    /// Moves the rows into the dataset.
    pub(crate) fn into_dataset(self, ds: &mut Dataset) {
        ds.people = self.people.rows;
        ds.requests = self.requests.rows;
        ds.placements = self.placements.rows;
        ds.reviews = self.reviews.rows;
    }
}

/// Writes the files of this group.
pub(crate) fn write(ds: &Dataset, dir: &Path) -> Result<(), IngestError> {
    write_file(dir, &people::SPEC, &ds.people, false, write_person)?;
    write_file(dir, &requests::SPEC, &ds.requests, false, write_request)?;
    write_file(
        dir,
        &placements::SPEC,
        &ds.placements,
        false,
        write_placement,
    )?;
    write_file(dir, &reviews::SPEC, &ds.reviews, false, write_review)
}

fn parse_person(r: &Row<'_>) -> Result<Person, IngestError> {
    use people::C;
    Ok(Person {
        person_id: r.parse(C::person_id, PersonId::parse)?,
        la: r.parse(C::la, LaName::parse)?,
        birth_year: r.opt(C::birth_year, year)?,
        sex: r.or(C::sex, Gender::Unknown, word)?,
        ethnicity: r.opt_text(C::ethnicity)?,
        locality_id: r.opt(C::locality_id, LocalityId::parse)?,
        client_type: r.parse(C::client_type, word::<ClientType>)?,
        primary_support_reason: r.opt(C::primary_support_reason, word)?,
        has_unpaid_carer: r.opt(C::has_unpaid_carer, yn)?,
        cares_for: r.parse(C::cares_for, list)?,
    })
}

fn write_person(w: &mut Fields, p: &Person) {
    w.val(&p.person_id)
        .val(&p.la)
        .opt(p.birth_year)
        .val(p.sex)
        .opt_str(p.ethnicity.as_deref())
        .opt(p.locality_id.as_ref())
        .val(p.client_type)
        .opt(p.primary_support_reason)
        .opt_yn(p.has_unpaid_carer)
        .list(&p.cares_for);
}

fn parse_request(r: &Row<'_>) -> Result<Request, IngestError> {
    use requests::C;
    Ok(Request {
        request_id: r.parse(C::request_id, RequestId::parse)?,
        person_id: r.parse(C::person_id, PersonId::parse)?,
        service_type: r.parse(C::service_type, word::<ServiceType>)?,
        needs: r.parse(C::needs, list)?,
        hours_per_week: r.opt(C::hours_per_week, amount)?,
        route: r.parse(C::route, word::<Route>)?,
        discharge_pathway: r.opt(C::discharge_pathway, pathway)?,
        received_on: r.parse(C::received_on, date)?,
        medically_fit_on: r.opt(C::medically_fit_on, date)?,
        closed_on: r.opt(C::closed_on, date)?,
        outcome: r.opt(C::outcome, word)?,
        delay_reasons: r.parse(C::delay_reasons, list)?,
        preferred_locations: r.parse(C::preferred_locations, list)?,
    })
}

fn write_request(w: &mut Fields, q: &Request) {
    w.val(&q.request_id)
        .val(&q.person_id)
        .val(q.service_type)
        .list(&q.needs)
        .opt(q.hours_per_week)
        .val(q.route)
        .opt(q.discharge_pathway)
        .date(q.received_on)
        .opt_date(q.medically_fit_on)
        .opt_date(q.closed_on)
        .opt(q.outcome)
        .list(&q.delay_reasons)
        .list(&q.preferred_locations);
}

fn parse_placement(r: &Row<'_>) -> Result<Placement, IngestError> {
    use placements::C;
    Ok(Placement {
        placement_id: r.parse(C::placement_id, PlacementId::parse)?,
        person_id: r.parse(C::person_id, PersonId::parse)?,
        request_id: r.opt(C::request_id, RequestId::parse)?,
        location_id: r.parse(C::location_id, LocationId::parse)?,
        service_type: r.parse(C::service_type, word::<ServiceType>)?,
        start_date: r.parse(C::start_date, date)?,
        end_date: r.opt(C::end_date, date)?,
        end_reason: r.opt(C::end_reason, word)?,
        weekly_cost: r.opt(C::weekly_cost, amount)?,
        hours_per_week: r.opt(C::hours_per_week, amount)?,
        delivery: r.parse(C::delivery, word::<Delivery>)?,
        interim: r.or(C::interim, false, yn)?,
        ooa_reason: r.opt(C::ooa_reason, word)?,
    })
}

fn write_placement(w: &mut Fields, p: &Placement) {
    w.val(&p.placement_id)
        .val(&p.person_id)
        .opt(p.request_id.as_ref())
        .val(&p.location_id)
        .val(p.service_type)
        .date(p.start_date)
        .opt_date(p.end_date)
        .opt(p.end_reason)
        .opt(p.weekly_cost)
        .opt(p.hours_per_week)
        .val(p.delivery)
        .yn(p.interim)
        .opt(p.ooa_reason);
}

fn parse_review(r: &Row<'_>) -> Result<Review, IngestError> {
    use reviews::C;
    Ok(Review {
        review_id: r.parse(C::review_id, ReviewId::parse)?,
        person_id: r.parse(C::person_id, PersonId::parse)?,
        placement_id: r.opt(C::placement_id, PlacementId::parse)?,
        date: r.parse(C::date, date)?,
        kind: r.parse(C::kind, word::<ReviewKind>)?,
    })
}

fn write_review(w: &mut Fields, v: &Review) {
    w.val(&v.review_id)
        .val(&v.person_id)
        .opt(v.placement_id.as_ref())
        .date(v.date)
        .val(v.kind);
}
