//! The table definitions and the [`Record`] impl of every stored entity.
//!
//! Column order here is the column order of the codec; names match the
//! migrations. Adding a column means a new migration in both backends and a new
//! entry here, and the conformance suite fails until all three agree.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use continuum_domain::cqc::{QualityStatementScore, RatingEvent};
use continuum_domain::*;

use super::ColType::{Bool as B, Date as D, Int as I, Real as R, Text as T, Timestamp as TS};
use super::{Cells, DecodeError, Record, RowReader, Table, Tenant, Value, col};

macro_rules! table {
    ($name:literal, $tenant:ident, key [$($k:literal),*], [$($c:literal : $t:ident),+ $(,)?]) => {
        &Table {
            name: $name,
            columns: &[$(col($c, $t)),+],
            key: &[$($k),*],
            tenant: Tenant::$tenant,
        }
    };
}

/// Every table the codec knows, in the order a bundle import writes them.
pub const TABLES: &[&Table] = &[
    Authority::TABLE,
    Locality::TABLE,
    PopulationRow::TABLE,
    PrevalenceRow::TABLE,
    Location::TABLE,
    Contract::TABLE,
    CapacityReturn::TABLE,
    Person::TABLE,
    Request::TABLE,
    Placement::TABLE,
    Review::TABLE,
    QualityAssessment::TABLE,
    Visit::TABLE,
    Concern::TABLE,
    Sanction::TABLE,
    Handback::TABLE,
    WorkforceReturn::TABLE,
    FeeRate::TABLE,
    Indicator::TABLE,
    Gap::TABLE,
    AscofRow::TABLE,
    RatingEvent::TABLE,
    QualityStatementScore::TABLE,
    LocationChangeRow::TABLE,
];

fn s<T: AsRef<str>>(v: &T) -> Value<'_> {
    Value::text(v.as_ref())
}

fn os<T: AsRef<str>>(v: &Option<T>) -> Value<'_> {
    Value::opt_text(v.as_ref().map(AsRef::as_ref))
}

fn w<T: std::fmt::Display>(v: T) -> Value<'static> {
    Value::Text(Cow::Owned(v.to_string()))
}

impl Record for Authority {
    const TABLE: &'static Table = table!("authorities", Own, key ["la"],
        ["la": T, "ons_code": T, "as_at": D, "neighbours": T]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.ons_code),
            Value::opt_date(self.as_at),
            Value::list(&self.neighbours),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            ons_code: r.parse()?,
            as_at: r.opt_date()?,
            neighbours: r.list()?,
        })
    }
}

impl Record for Locality {
    const TABLE: &'static Table = table!("localities", Own, key ["la", "locality_id"],
        ["la": T, "locality_id": T, "name": T, "rural": B]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.locality_id),
            s(&self.name),
            Value::Bool(self.rural),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            locality_id: r.parse()?,
            name: r.text()?,
            rural: r.bool()?,
        })
    }
}

impl Record for PopulationRow {
    const TABLE: &'static Table = table!("population", Own,
        key ["la", "locality_id", "year", "sex", "age_band", "kind"],
        ["la": T, "locality_id": T, "year": I, "sex": T, "age_band": T, "kind": T, "people": I]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            // The whole council is stored as '' so that it can be part of the key.
            Value::text(self.locality_id.as_ref().map_or("", |l| l.as_str())),
            Value::Int(self.year.into()),
            Value::text(self.sex.as_str()),
            Value::text(self.age_band.as_str()),
            Value::text(self.kind.as_str()),
            Value::Int(i64::try_from(self.people).unwrap_or(i64::MAX)),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            locality_id: r.opt_parse()?,
            year: r.int()?,
            sex: r.parse()?,
            age_band: r.parse()?,
            kind: r.parse()?,
            people: r.int()?,
        })
    }
}

impl Record for PrevalenceRow {
    const TABLE: &'static Table = table!("prevalence", Reference, key ["measure", "sex", "age_band"],
        ["measure": T, "sex": T, "age_band": T, "rate": R]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.measure),
            Value::text(self.sex.as_str()),
            Value::text(self.age_band.as_str()),
            Value::Real(self.rate),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            measure: r.text()?,
            sex: r.parse()?,
            age_band: r.parse()?,
            rate: r.real()?,
        })
    }
}

impl Record for Location {
    const TABLE: &'static Table = table!("locations", Own, key ["location_id"], [
        "local_authority": T, "location_id": T, "provider_id": T, "provider_name": T, "name": T,
        "locality_id": T, "postcode": T, "latitude": R, "longitude": R, "service_type": T,
        "beds": I, "specialisms": T, "registered_manager": B, "in_house": B, "rating": T,
        "rating_date": D, "status": T, "registered_on": D, "deregistered_on": D, "sponsor_licence": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.local_authority),
            s(&self.location_id),
            s(&self.provider_id),
            s(&self.provider_name),
            s(&self.name),
            os(&self.locality_id),
            s(&self.postcode),
            Value::opt_real(self.latitude),
            Value::opt_real(self.longitude),
            Value::text(self.service_type.as_str()),
            Value::Int(self.beds.into()),
            Value::list(&self.specialisms),
            Value::opt_bool(self.registered_manager),
            Value::Bool(self.in_house),
            Value::text(self.rating.as_str()),
            Value::opt_date(self.rating_date),
            Value::text(self.status.as_str()),
            Value::opt_date(self.registered_on),
            Value::opt_date(self.deregistered_on),
            Value::text(self.sponsor_licence.as_str()),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            local_authority: r.parse()?,
            location_id: r.parse()?,
            provider_id: r.parse()?,
            provider_name: r.text().or_else(|_| Ok::<_, DecodeError>(String::new()))?,
            name: r.text()?,
            locality_id: r.opt_parse()?,
            postcode: r.opt_text()?.unwrap_or_default(),
            latitude: r.opt_real()?,
            longitude: r.opt_real()?,
            service_type: r.parse()?,
            beds: r.int()?,
            specialisms: r.list()?,
            registered_manager: r.opt_bool()?,
            in_house: r.bool()?,
            rating: r.parse()?,
            rating_date: r.opt_date()?,
            status: r.parse()?,
            registered_on: r.opt_date()?,
            deregistered_on: r.opt_date()?,
            sponsor_licence: r.parse()?,
        })
    }
}

impl Record for Contract {
    const TABLE: &'static Table = table!("contracts", Own, key ["la", "contract_id"], [
        "la": T, "contract_id": T, "location_id": T, "kind": T, "service_type": T,
        "start_date": D, "end_date": D, "rate": R, "rate_unit": T, "zone": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.contract_id),
            s(&self.location_id),
            Value::text(self.kind.as_str()),
            Value::text(self.service_type.as_str()),
            Value::Date(self.start_date),
            Value::opt_date(self.end_date),
            Value::Real(self.rate),
            Value::text(self.rate_unit.as_str()),
            os(&self.zone),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            contract_id: r.parse()?,
            location_id: r.parse()?,
            kind: r.parse()?,
            service_type: r.parse()?,
            start_date: r.date()?,
            end_date: r.opt_date()?,
            rate: r.real()?,
            rate_unit: r.parse()?,
            zone: r.opt_text()?,
        })
    }
}

impl Record for CapacityReturn {
    const TABLE: &'static Table = table!("capacity_returns", Derived, key ["la", "location_id", "date"], [
        "la": T, "location_id": T, "date": D, "beds_max": I, "beds_occupied": I,
        "beds_vacant_reserved": I, "beds_vacant_accepting": I, "homecare_people": I,
        "homecare_hours_week": R, "homecare_extra_hours": R,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.location_id),
            Value::Date(self.date),
            Value::opt_int(self.beds_max),
            Value::opt_int(self.beds_occupied),
            Value::opt_int(self.beds_vacant_reserved),
            Value::opt_int(self.beds_vacant_accepting),
            Value::opt_int(self.homecare_people),
            Value::opt_real(self.homecare_hours_week),
            Value::opt_real(self.homecare_extra_hours),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        r.skip()?;
        Ok(Self {
            location_id: r.parse()?,
            date: r.date()?,
            beds_max: r.opt_int_as()?,
            beds_occupied: r.opt_int_as()?,
            beds_vacant_reserved: r.opt_int_as()?,
            beds_vacant_accepting: r.opt_int_as()?,
            homecare_people: r.opt_int_as()?,
            homecare_hours_week: r.opt_real()?,
            homecare_extra_hours: r.opt_real()?,
        })
    }
}

impl Record for Person {
    const TABLE: &'static Table = table!("people", Own, key ["la", "person_id"], [
        "la": T, "person_id": T, "birth_year": I, "sex": T, "ethnicity": T, "locality_id": T,
        "client_type": T, "primary_support_reason": T, "has_unpaid_carer": B, "cares_for": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.person_id),
            Value::opt_int(self.birth_year),
            Value::text(self.sex.as_str()),
            os(&self.ethnicity),
            os(&self.locality_id),
            Value::text(self.client_type.as_str()),
            Value::opt_text(
                self.primary_support_reason
                    .map(PrimarySupportReason::as_str),
            ),
            Value::opt_bool(self.has_unpaid_carer),
            Value::list(&self.cares_for),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            person_id: r.parse()?,
            birth_year: r.opt_int_as()?,
            sex: r.parse()?,
            ethnicity: r.opt_text()?,
            locality_id: r.opt_parse()?,
            client_type: r.parse()?,
            primary_support_reason: r.opt_parse()?,
            has_unpaid_carer: r.opt_bool()?,
            cares_for: r.list()?,
        })
    }
}

impl Record for Request {
    const TABLE: &'static Table = table!("requests", Derived, key ["la", "request_id"], [
        "la": T, "request_id": T, "person_id": T, "service_type": T, "needs": T,
        "hours_per_week": R, "route": T, "discharge_pathway": I, "received_on": D,
        "medically_fit_on": D, "closed_on": D, "outcome": T, "delay_reasons": T,
        "preferred_locations": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.request_id),
            s(&self.person_id),
            Value::text(self.service_type.as_str()),
            Value::list(&self.needs),
            Value::opt_real(self.hours_per_week),
            Value::text(self.route.as_str()),
            Value::opt_int(self.discharge_pathway),
            Value::Date(self.received_on),
            Value::opt_date(self.medically_fit_on),
            Value::opt_date(self.closed_on),
            Value::opt_text(self.outcome.map(RequestOutcome::as_str)),
            Value::list(&self.delay_reasons),
            Value::list(&self.preferred_locations),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        r.skip()?;
        Ok(Self {
            request_id: r.parse()?,
            person_id: r.parse()?,
            service_type: r.parse()?,
            needs: r.list()?,
            hours_per_week: r.opt_real()?,
            route: r.parse()?,
            discharge_pathway: r.opt_int_as()?,
            received_on: r.date()?,
            medically_fit_on: r.opt_date()?,
            closed_on: r.opt_date()?,
            outcome: r.opt_parse()?,
            delay_reasons: r.list()?,
            preferred_locations: r.list()?,
        })
    }
}

impl Record for Placement {
    const TABLE: &'static Table = table!("placements", Derived, key ["la", "placement_id"], [
        "la": T, "placement_id": T, "person_id": T, "request_id": T, "location_id": T,
        "service_type": T, "start_date": D, "end_date": D, "end_reason": T, "weekly_cost": R,
        "hours_per_week": R, "delivery": T, "interim": B, "ooa_reason": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.placement_id),
            s(&self.person_id),
            os(&self.request_id),
            s(&self.location_id),
            Value::text(self.service_type.as_str()),
            Value::Date(self.start_date),
            Value::opt_date(self.end_date),
            Value::opt_text(self.end_reason.map(EndReason::as_str)),
            Value::opt_real(self.weekly_cost),
            Value::opt_real(self.hours_per_week),
            Value::text(self.delivery.as_str()),
            Value::Bool(self.interim),
            Value::opt_text(self.ooa_reason.map(OoaReason::as_str)),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        r.skip()?;
        Ok(Self {
            placement_id: r.parse()?,
            person_id: r.parse()?,
            request_id: r.opt_parse()?,
            location_id: r.parse()?,
            service_type: r.parse()?,
            start_date: r.date()?,
            end_date: r.opt_date()?,
            end_reason: r.opt_parse()?,
            weekly_cost: r.opt_real()?,
            hours_per_week: r.opt_real()?,
            delivery: r.parse()?,
            interim: r.bool()?,
            ooa_reason: r.opt_parse()?,
        })
    }
}

impl Record for Review {
    const TABLE: &'static Table = table!("reviews", Derived, key ["la", "review_id"],
        ["la": T, "review_id": T, "person_id": T, "placement_id": T, "date": D, "kind": T]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.review_id),
            s(&self.person_id),
            os(&self.placement_id),
            Value::Date(self.date),
            Value::text(self.kind.as_str()),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        r.skip()?;
        Ok(Self {
            review_id: r.parse()?,
            person_id: r.parse()?,
            placement_id: r.opt_parse()?,
            date: r.date()?,
            kind: r.parse()?,
        })
    }
}

impl Record for QualityAssessment {
    const TABLE: &'static Table = table!("quality_assessments", Own, key ["la", "assessment_id", "domain", "standard"], [
        "la": T, "assessment_id": T, "domain": T, "standard": T, "location_id": T, "date": D,
        "framework": T, "rating": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.assessment_id),
            s(&self.domain),
            s(&self.standard),
            s(&self.location_id),
            Value::Date(self.date),
            s(&self.framework),
            Value::text(self.rating.as_str()),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            assessment_id: r.parse()?,
            domain: r.text()?,
            standard: r.text()?,
            location_id: r.parse()?,
            date: r.date()?,
            framework: r.text()?,
            rating: r.parse()?,
        })
    }
}

impl Record for Visit {
    const TABLE: &'static Table = table!("visits", Own, key ["la", "visit_id"],
        ["la": T, "visit_id": T, "location_id": T, "date": D, "kind": T]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.visit_id),
            s(&self.location_id),
            Value::Date(self.date),
            Value::text(self.kind.as_str()),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            visit_id: r.parse()?,
            location_id: r.parse()?,
            date: r.date()?,
            kind: r.parse()?,
        })
    }
}

impl Record for Concern {
    const TABLE: &'static Table = table!("concerns", Own, key ["la", "concern_id"], [
        "la": T, "concern_id": T, "location_id": T, "raised_on": D, "kind": T, "closed_on": D,
        "substantiated": B,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.concern_id),
            s(&self.location_id),
            Value::Date(self.raised_on),
            Value::text(self.kind.as_str()),
            Value::opt_date(self.closed_on),
            Value::opt_bool(self.substantiated),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            concern_id: r.parse()?,
            location_id: r.parse()?,
            raised_on: r.date()?,
            kind: r.parse()?,
            closed_on: r.opt_date()?,
            substantiated: r.opt_bool()?,
        })
    }
}

impl Record for Sanction {
    const TABLE: &'static Table = table!("sanctions", Own, key ["la", "sanction_id"], [
        "la": T, "sanction_id": T, "location_id": T, "kind": T, "start_date": D, "end_date": D,
        "reason": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.sanction_id),
            s(&self.location_id),
            Value::text(self.kind.as_str()),
            Value::Date(self.start_date),
            Value::opt_date(self.end_date),
            s(&self.reason),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            sanction_id: r.parse()?,
            location_id: r.parse()?,
            kind: r.parse()?,
            start_date: r.date()?,
            end_date: r.opt_date()?,
            reason: r.opt_text()?.unwrap_or_default(),
        })
    }
}

impl Record for Handback {
    const TABLE: &'static Table = table!("handbacks", Own, key ["la", "handback_id"], [
        "la": T, "handback_id": T, "location_id": T, "date": D, "service_type": T,
        "people_affected": I, "reason": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.handback_id),
            s(&self.location_id),
            Value::Date(self.date),
            Value::text(self.service_type.as_str()),
            Value::Int(self.people_affected.into()),
            s(&self.reason),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            handback_id: r.parse()?,
            location_id: r.parse()?,
            date: r.date()?,
            service_type: r.parse()?,
            people_affected: r.int()?,
            reason: r.opt_text()?.unwrap_or_default(),
        })
    }
}

impl Record for WorkforceReturn {
    const TABLE: &'static Table = table!("workforce_returns", Derived, key ["la", "location_id", "date"], [
        "la": T, "location_id": T, "date": D, "posts": I, "vacancies": I, "starters": I,
        "leavers": I, "sickness_days": R, "care_cert_eligible": I, "care_cert_done": I,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.location_id),
            Value::Date(self.date),
            Value::Int(self.posts.into()),
            Value::Int(self.vacancies.into()),
            Value::Int(self.starters.into()),
            Value::Int(self.leavers.into()),
            Value::Real(self.sickness_days),
            Value::Int(self.care_cert_eligible.into()),
            Value::Int(self.care_cert_done.into()),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        r.skip()?;
        Ok(Self {
            location_id: r.parse()?,
            date: r.date()?,
            posts: r.int()?,
            vacancies: r.int()?,
            starters: r.int()?,
            leavers: r.int()?,
            sickness_days: r.real()?,
            care_cert_eligible: r.int()?,
            care_cert_done: r.int()?,
        })
    }
}

impl Record for FeeRate {
    const TABLE: &'static Table = table!("fee_rates", Own, key ["la", "service_type", "effective_from"], [
        "la": T, "service_type": T, "effective_from": D, "rate": R, "unit": T, "fair_cost_median": R,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            Value::text(self.service_type.as_str()),
            Value::Date(self.effective_from),
            Value::Real(self.rate),
            Value::text(self.unit.as_str()),
            Value::opt_real(self.fair_cost_median),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            service_type: r.parse()?,
            effective_from: r.date()?,
            rate: r.real()?,
            unit: r.parse()?,
            fair_cost_median: r.opt_real()?,
        })
    }
}

impl Record for Indicator {
    const TABLE: &'static Table = table!("indicators", Own, key ["la", "measure", "period"], [
        "la": T, "measure": T, "period": T, "value": R, "england_value": R, "margin_of_error": R,
        "respondents": I, "source": T, "polarity": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.measure),
            s(&self.period),
            Value::opt_real(self.value),
            Value::opt_real(self.england_value),
            Value::opt_real(self.margin_of_error),
            Value::opt_int(self.respondents),
            s(&self.source),
            Value::text(self.polarity.as_str()),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            measure: r.text()?,
            period: r.text()?,
            value: r.opt_real()?,
            england_value: r.opt_real()?,
            margin_of_error: r.opt_real()?,
            respondents: r.opt_int_as()?,
            source: r.opt_text()?.unwrap_or_default(),
            polarity: r.parse()?,
        })
    }
}

impl Record for Gap {
    const TABLE: &'static Table = table!("gaps", Own, key ["la", "gap_id"], [
        "la": T, "gap_id": T, "raised_on": D, "raised_by_role": T, "category": T, "service_type": T,
        "locality_id": T, "description": T, "status": T, "owner": T, "resolved_on": D,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.la),
            s(&self.gap_id),
            Value::Date(self.raised_on),
            Value::text(self.raised_by_role.as_str()),
            s(&self.category),
            Value::opt_text(self.service_type.map(ServiceType::as_str)),
            os(&self.locality_id),
            s(&self.description),
            Value::text(self.status.as_str()),
            os(&self.owner),
            Value::opt_date(self.resolved_on),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            la: r.parse()?,
            gap_id: r.parse()?,
            raised_on: r.date()?,
            raised_by_role: r.parse()?,
            category: r.opt_text()?.unwrap_or_default(),
            service_type: r.opt_parse()?,
            locality_id: r.opt_parse()?,
            description: r.opt_text()?.unwrap_or_default(),
            status: r.parse()?,
            owner: r.opt_text()?,
            resolved_on: r.opt_date()?,
        })
    }
}

/// An [`AscofValue`] as stored: keyed by its ONS code, or by its name for the
/// few rows NHS England publishes without one.
#[derive(Debug, Clone, PartialEq)]
pub struct AscofRow(pub AscofValue);

impl AscofRow {
    fn area_key(&self) -> &str {
        self.0
            .ons_code
            .as_ref()
            .map_or(self.0.area_name.as_str(), |c| c.as_str())
    }
}

fn figure(f: Option<Figure>) -> [Value<'static>; 2] {
    match f {
        None => [Value::Null, Value::Null],
        Some(Figure::Value(v)) => [Value::Real(v), Value::Null],
        Some(Figure::Missing(m)) => [Value::Null, Value::text(m.code())],
    }
}

fn read_figure<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Option<Figure>, DecodeError> {
    let v = r.opt_real()?;
    let code = r.opt_text()?;
    Ok(match (v, code) {
        (Some(v), _) => Some(Figure::Value(v)),
        (None, Some(c)) => Some(Figure::Missing(
            Suppression::from_code(&c)
                .ok_or_else(|| DecodeError(format!("unknown suppression code {c}")))?,
        )),
        (None, None) => None,
    })
}

impl Record for AscofRow {
    const TABLE: &'static Table = table!("ascof_values", Reference, key ["area_key", "measure", "year"], [
        "area_key": T, "ons_code": T, "area_name": T, "measure": T, "year": I,
        "outcome": R, "outcome_code": T, "margin_of_error": R, "margin_of_error_code": T,
        "respondents": R, "respondents_code": T, "numerator": R, "numerator_code": T,
        "denominator": R, "denominator_code": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        let v = &self.0;
        out.extend([
            Value::text(self.area_key()),
            os(&v.ons_code),
            s(&v.area_name),
            s(&v.measure),
            Value::Int(v.year.0.into()),
        ]);
        out.extend(figure(Some(v.outcome)));
        for f in [v.margin_of_error, v.respondents, v.numerator, v.denominator] {
            out.extend(figure(f));
        }
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        r.skip()?;
        let ons_code = r.opt_parse()?;
        let area_name = r.text()?;
        let measure = r.text()?;
        let year = FinancialYear(r.int()?);
        let outcome =
            read_figure(r)?.ok_or_else(|| DecodeError("ascof outcome is empty".into()))?;
        Ok(AscofRow(AscofValue {
            ons_code,
            area_name,
            measure,
            year,
            outcome,
            margin_of_error: read_figure(r)?,
            respondents: read_figure(r)?,
            numerator: read_figure(r)?,
            denominator: read_figure(r)?,
        }))
    }
}

impl Record for RatingEvent {
    const TABLE: &'static Table = table!("location_ratings", Derived,
        key ["location_id", "service_group", "key_question", "published_on"], [
        "local_authority": T, "location_id": T, "service_group": T, "key_question": T,
        "published_on": D, "rating": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.location_id),
            s(&self.service_group),
            Value::text(self.key_question.as_str()),
            Value::Date(self.published_on),
            w(serde_plain(&self.rating)),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        r.skip()?;
        Ok(Self {
            location_id: r.parse()?,
            service_group: r.text()?,
            key_question: KeyQuestion::parse(&r.text()?).map_err(|e| DecodeError(e.to_string()))?,
            published_on: r.date()?,
            rating: cqc_rating(&r.text()?)?,
        })
    }
}

/// A unit enum's serde name, for storing CQC words as snake_case.
fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn cqc_rating(s: &str) -> Result<CqcRating, DecodeError> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|e| DecodeError(format!("rating {s}: {e}")))
}

impl Record for QualityStatementScore {
    const TABLE: &'static Table = table!("quality_statement_scores", Derived,
        key ["location_id", "assessed_on", "statement_id"], [
        "local_authority": T, "location_id": T, "assessed_on": D, "statement_id": I,
        "key_question": T, "statement": T, "score": I, "score_text": T, "assessed": B,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.location_id),
            Value::Date(self.assessed_on),
            Value::Int(self.statement_id.into()),
            Value::text(self.key_question.as_str()),
            s(&self.statement),
            Value::opt_int(self.score),
            s(&self.score_text),
            Value::Bool(self.assessed),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        r.skip()?;
        Ok(Self {
            location_id: r.parse()?,
            assessed_on: r.date()?,
            statement_id: r.int()?,
            key_question: KeyQuestion::parse(&r.text()?).map_err(|e| DecodeError(e.to_string()))?,
            statement: r.text()?,
            score: r.opt_int_as()?,
            score_text: r.opt_text()?.unwrap_or_default(),
            assessed: r.bool()?,
        })
    }
}

/// A [`LocationChange`](continuum_domain::LocationChange) with when and where
/// it was recorded. Insert-only: the log is never rewritten.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationChangeRow {
    pub local_authority: LaName,
    pub at: DateTime<Utc>,
    pub source: String,
    pub change: LocationChange,
}

impl Record for LocationChangeRow {
    const TABLE: &'static Table = table!("location_changes", Own, key [], [
        "local_authority": T, "location_id": T, "at": TS, "source": T, "field": T,
        "old_value": T, "new_value": T,
    ]);
    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            s(&self.local_authority),
            s(&self.change.location_id),
            Value::Timestamp(self.at),
            s(&self.source),
            s(&self.change.field),
            s(&self.change.old_value),
            s(&self.change.new_value),
        ]);
    }
    fn decode<C: Cells + ?Sized>(r: &mut RowReader<'_, C>) -> Result<Self, DecodeError> {
        Ok(Self {
            local_authority: r.parse()?,
            change: LocationChange {
                location_id: r.parse()?,
                field: String::new(),
                old_value: String::new(),
                new_value: String::new(),
            },
            at: r.timestamp()?,
            source: r.text()?,
        })
        .and_then(|mut row| {
            row.change.field = r.text()?;
            row.change.old_value = r.opt_text()?.unwrap_or_default();
            row.change.new_value = r.opt_text()?.unwrap_or_default();
            Ok(row)
        })
    }
}

impl LocationChangeRow {
    /// The change as the store API returns it.
    pub fn into_record(self) -> crate::LocationChangeRecord {
        crate::LocationChangeRecord {
            location_id: self.change.location_id,
            at: self.at,
            source: self.source,
            field: self.change.field,
            old_value: self.change.old_value,
            new_value: self.change.new_value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Column;
    use super::*;

    #[test]
    fn every_key_names_a_column() {
        for t in TABLES {
            for k in t.key {
                assert!(
                    t.columns.iter().any(|c: &Column| c.name == *k),
                    "{}: key {k} is not a column",
                    t.name
                );
            }
        }
    }

    #[test]
    fn derived_tenant_tables_start_with_their_council() {
        for t in TABLES.iter().filter(|t| t.tenant == Tenant::Derived) {
            assert!(
                matches!(t.columns[0].name, "la" | "local_authority"),
                "{}",
                t.name
            );
        }
    }
}
