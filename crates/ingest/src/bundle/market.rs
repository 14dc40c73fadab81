//! Locations and contracts: `locations.csv`, `contracts.csv`, `capacity.csv`.
//!
//! Required columns: `locations` location_id, provider_id, local_authority,
//! service_type, beds, rating; `contracts` every column but end_date and zone;
//! `capacity` location_id, date.
//! Defaults for optional columns of `locations`: empty names and postcode,
//! no specialisms, `in_house` N, `status` registered, `sponsor_licence` none.

use std::path::Path;

use continuum_domain::{
    CapacityReturn, Contract, ContractId, ContractKind, Dataset, LaName, LocalityId, Location,
    LocationId, ProviderId, RateUnit, Rating, RegistrationStatus, ServiceType, SponsorLicence,
};

use super::fields::{amount, count, date, list, signed, word, yn};
use super::read::{FileSpec, Parsed, Row, bundle_file};
use super::write::{Fields, write_file};
use super::{Jobs, Report};
use crate::IngestError;

bundle_file!(locations = "locations.csv" {
    location_id: REQ, provider_id: REQ, provider_name: OPT, name: OPT, local_authority: REQ,
    locality_id: OPT, postcode: OPT, latitude: OPT, longitude: OPT, service_type: REQ,
    beds: REQ, specialisms: OPT, registered_manager: OPT, in_house: OPT, rating: REQ,
    rating_date: OPT, status: OPT, registered_on: OPT, deregistered_on: OPT,
    sponsor_licence: OPT,
});
bundle_file!(contracts = "contracts.csv" {
    contract_id: REQ, la: REQ, location_id: REQ, kind: REQ, service_type: REQ,
    start_date: REQ, end_date: OPT, rate: REQ, rate_unit: REQ, zone: OPT,
});
bundle_file!(capacity = "capacity.csv" {
    location_id: REQ, date: REQ, beds_max: OPT, beds_occupied: OPT,
    beds_vacant_reserved: OPT, beds_vacant_accepting: OPT, homecare_people: OPT,
    homecare_hours_week: OPT, homecare_extra_hours: OPT,
});

/// The files of this group, in the spec's order.
pub(crate) const FILES: &[FileSpec] = &[locations::SPEC, contracts::SPEC, capacity::SPEC];

/// The files of this group, as read.
#[derive(Debug, Default)]
pub(crate) struct Market {
    pub locations: Parsed<Location>,
    pub contracts: Parsed<Contract>,
    pub capacity: Parsed<CapacityReturn>,
}

impl Market {
    /// Queues the reading of each file.
    pub(crate) fn jobs<'a>(&'a mut self, jobs: &mut Jobs<'a>) {
        jobs.add(&locations::SPEC, false, parse_location, &mut self.locations);
        jobs.add(&contracts::SPEC, false, parse_contract, &mut self.contracts);
        jobs.add(&capacity::SPEC, false, parse_capacity, &mut self.capacity);
    }

    /// Moves the errors and warnings of each file into `report`.
    pub(crate) fn report(&mut self, report: &mut Report) {
        report.take(&mut self.locations);
        report.take(&mut self.contracts);
        report.take(&mut self.capacity);
    }

    /// Moves the rows into the dataset.
    pub(crate) fn into_dataset(self, ds: &mut Dataset) {
        ds.locations = self.locations.rows;
        ds.contracts = self.contracts.rows;
        ds.capacity = self.capacity.rows;
    }
}

/// Writes the files of this group.
pub(crate) fn write(ds: &Dataset, dir: &Path) -> Result<(), IngestError> {
    write_file(dir, &locations::SPEC, &ds.locations, false, write_location)?;
    write_file(dir, &contracts::SPEC, &ds.contracts, false, write_contract)?;
    write_file(dir, &capacity::SPEC, &ds.capacity, false, write_capacity)
}

fn parse_location(r: &Row<'_>) -> Result<Location, IngestError> {
    use locations::C;
    Ok(Location {
        location_id: r.parse(C::location_id, LocationId::parse)?,
        provider_id: r.parse(C::provider_id, ProviderId::parse)?,
        provider_name: r.text(C::provider_name)?,
        name: r.text(C::name)?,
        local_authority: r.parse(C::local_authority, LaName::parse)?,
        locality_id: r.opt(C::locality_id, LocalityId::parse)?,
        postcode: r.text(C::postcode)?,
        latitude: r.opt(C::latitude, signed)?,
        longitude: r.opt(C::longitude, signed)?,
        service_type: r.parse(C::service_type, word::<ServiceType>)?,
        beds: r.parse(C::beds, count)?,
        specialisms: r.parse(C::specialisms, list)?,
        registered_manager: r.opt(C::registered_manager, yn)?,
        in_house: r.or(C::in_house, false, yn)?,
        rating: r.parse(C::rating, word::<Rating>)?,
        rating_date: r.opt(C::rating_date, date)?,
        status: r.or(C::status, RegistrationStatus::Registered, word)?,
        registered_on: r.opt(C::registered_on, date)?,
        deregistered_on: r.opt(C::deregistered_on, date)?,
        sponsor_licence: r.or(C::sponsor_licence, SponsorLicence::NotHeld, word)?,
    })
}

fn write_location(w: &mut Fields, l: &Location) {
    w.val(&l.location_id)
        .val(&l.provider_id)
        .str(&l.provider_name)
        .str(&l.name)
        .val(&l.local_authority)
        .opt(l.locality_id.as_ref())
        .str(&l.postcode)
        .opt(l.latitude)
        .opt(l.longitude)
        .val(l.service_type)
        .val(l.beds)
        .list(&l.specialisms)
        .opt_yn(l.registered_manager)
        .yn(l.in_house)
        .val(l.rating)
        .opt_date(l.rating_date)
        .val(l.status)
        .opt_date(l.registered_on)
        .opt_date(l.deregistered_on)
        .val(l.sponsor_licence);
}

fn parse_contract(r: &Row<'_>) -> Result<Contract, IngestError> {
    use contracts::C;
    Ok(Contract {
        contract_id: r.parse(C::contract_id, ContractId::parse)?,
        la: r.parse(C::la, LaName::parse)?,
        location_id: r.parse(C::location_id, LocationId::parse)?,
        kind: r.parse(C::kind, word::<ContractKind>)?,
        service_type: r.parse(C::service_type, word::<ServiceType>)?,
        start_date: r.parse(C::start_date, date)?,
        end_date: r.opt(C::end_date, date)?,
        rate: r.parse(C::rate, amount)?,
        rate_unit: r.parse(C::rate_unit, word::<RateUnit>)?,
        zone: r.opt_text(C::zone)?,
    })
}

fn write_contract(w: &mut Fields, c: &Contract) {
    w.val(&c.contract_id)
        .val(&c.la)
        .val(&c.location_id)
        .val(c.kind)
        .val(c.service_type)
        .date(c.start_date)
        .opt_date(c.end_date)
        .val(c.rate)
        .val(c.rate_unit)
        .opt_str(c.zone.as_deref());
}

fn parse_capacity(r: &Row<'_>) -> Result<CapacityReturn, IngestError> {
    use capacity::C;
    Ok(CapacityReturn {
        location_id: r.parse(C::location_id, LocationId::parse)?,
        date: r.parse(C::date, date)?,
        beds_max: r.opt(C::beds_max, count)?,
        beds_occupied: r.opt(C::beds_occupied, count)?,
        beds_vacant_reserved: r.opt(C::beds_vacant_reserved, count)?,
        beds_vacant_accepting: r.opt(C::beds_vacant_accepting, count)?,
        homecare_people: r.opt(C::homecare_people, count)?,
        homecare_hours_week: r.opt(C::homecare_hours_week, amount)?,
        homecare_extra_hours: r.opt(C::homecare_extra_hours, amount)?,
    })
}

fn write_capacity(w: &mut Fields, c: &CapacityReturn) {
    w.val(&c.location_id)
        .date(c.date)
        .opt(c.beds_max)
        .opt(c.beds_occupied)
        .opt(c.beds_vacant_reserved)
        .opt(c.beds_vacant_accepting)
        .opt(c.homecare_people)
        .opt(c.homecare_hours_week)
        .opt(c.homecare_extra_hours);
}
