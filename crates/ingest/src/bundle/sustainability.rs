//! Sustainability: `handbacks.csv`, `workforce.csv`, `fees.csv`.
//!
//! Required columns: every column except `handbacks` reason and `fees`
//! fair_cost_median. Workforce counts are all required because the vacancy,
//! turnover and Care Certificate rates divide by them: a missing column must not
//! silently read as 0.

use std::path::Path;

use continuum_domain::{
    Dataset, FeeRate, Handback, HandbackId, LaName, LocationId, RateUnit, ServiceType,
    WorkforceReturn,
};

use super::fields::{amount, count, date, word};
use super::read::{FileSpec, Parsed, Row, bundle_file};
use super::write::{Fields, write_file};
use super::{Jobs, Report};
use crate::IngestError;

bundle_file!(handbacks = "handbacks.csv" {
    handback_id: REQ, location_id: REQ, la: REQ, date: REQ, service_type: REQ,
    people_affected: REQ, reason: OPT,
});
bundle_file!(workforce = "workforce.csv" {
    location_id: REQ, date: REQ, posts: REQ, vacancies: REQ, starters: REQ, leavers: REQ,
    sickness_days: REQ, care_cert_eligible: REQ, care_cert_done: REQ,
});
bundle_file!(fees = "fees.csv" {
    la: REQ, service_type: REQ, effective_from: REQ, rate: REQ, unit: REQ,
    fair_cost_median: OPT,
});

/// The files of this group, in the spec's order.
pub(crate) const FILES: &[FileSpec] = &[handbacks::SPEC, workforce::SPEC, fees::SPEC];

/// The files of this group, as read.
#[derive(Debug, Default)]
pub(crate) struct Sustainability {
    pub handbacks: Parsed<Handback>,
    pub workforce: Parsed<WorkforceReturn>,
    pub fees: Parsed<FeeRate>,
}

impl Sustainability {
    /// Queues the reading of each file.
    pub(crate) fn jobs<'a>(&'a mut self, jobs: &mut Jobs<'a>) {
        jobs.add(&handbacks::SPEC, false, parse_handback, &mut self.handbacks);
        jobs.add(
            &workforce::SPEC,
            false,
            parse_workforce,
            &mut self.workforce,
        );
        jobs.add(&fees::SPEC, false, parse_fee, &mut self.fees);
    }

    /// Moves the errors and warnings of each file into `report`.
    pub(crate) fn report(&mut self, report: &mut Report) {
        report.take(&mut self.handbacks);
        report.take(&mut self.workforce);
        report.take(&mut self.fees);
    }

    /// Moves the rows into the dataset.
    pub(crate) fn into_dataset(self, ds: &mut Dataset) {
        ds.handbacks = self.handbacks.rows;
        ds.workforce = self.workforce.rows;
        ds.fees = self.fees.rows;
    }
}

/// Writes the files of this group.
pub(crate) fn write(ds: &Dataset, dir: &Path) -> Result<(), IngestError> {
    write_file(dir, &handbacks::SPEC, &ds.handbacks, false, write_handback)?;
    write_file(dir, &workforce::SPEC, &ds.workforce, false, write_workforce)?;
    write_file(dir, &fees::SPEC, &ds.fees, false, write_fee)
}

fn parse_handback(r: &Row<'_>) -> Result<Handback, IngestError> {
    use handbacks::C;
    Ok(Handback {
        handback_id: r.parse(C::handback_id, HandbackId::parse)?,
        location_id: r.parse(C::location_id, LocationId::parse)?,
        la: r.parse(C::la, LaName::parse)?,
        date: r.parse(C::date, date)?,
        service_type: r.parse(C::service_type, word::<ServiceType>)?,
        people_affected: r.parse(C::people_affected, count)?,
        reason: r.text(C::reason)?,
    })
}

fn write_handback(w: &mut Fields, h: &Handback) {
    w.val(&h.handback_id)
        .val(&h.location_id)
        .val(&h.la)
        .date(h.date)
        .val(h.service_type)
        .val(h.people_affected)
        .str(&h.reason);
}

fn parse_workforce(r: &Row<'_>) -> Result<WorkforceReturn, IngestError> {
    use workforce::C;
    Ok(WorkforceReturn {
        location_id: r.parse(C::location_id, LocationId::parse)?,
        date: r.parse(C::date, date)?,
        posts: r.parse(C::posts, count)?,
        vacancies: r.parse(C::vacancies, count)?,
        starters: r.parse(C::starters, count)?,
        leavers: r.parse(C::leavers, count)?,
        sickness_days: r.parse(C::sickness_days, amount)?,
        care_cert_eligible: r.parse(C::care_cert_eligible, count)?,
        care_cert_done: r.parse(C::care_cert_done, count)?,
    })
}

fn write_workforce(w: &mut Fields, x: &WorkforceReturn) {
    w.val(&x.location_id)
        .date(x.date)
        .val(x.posts)
        .val(x.vacancies)
        .val(x.starters)
        .val(x.leavers)
        .val(x.sickness_days)
        .val(x.care_cert_eligible)
        .val(x.care_cert_done);
}

fn parse_fee(r: &Row<'_>) -> Result<FeeRate, IngestError> {
    use fees::C;
    Ok(FeeRate {
        la: r.parse(C::la, LaName::parse)?,
        service_type: r.parse(C::service_type, word::<ServiceType>)?,
        effective_from: r.parse(C::effective_from, date)?,
        rate: r.parse(C::rate, amount)?,
        unit: r.parse(C::unit, word::<RateUnit>)?,
        fair_cost_median: r.opt(C::fair_cost_median, amount)?,
    })
}

fn write_fee(w: &mut Fields, f: &FeeRate) {
    w.val(&f.la)
        .val(f.service_type)
        .date(f.effective_from)
        .val(f.rate)
        .val(f.unit)
        .opt(f.fair_cost_median);
}
