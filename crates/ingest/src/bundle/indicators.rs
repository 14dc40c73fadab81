//! Indicators and gaps: `indicators.csv`, `gaps.csv`.
//!
//! Required columns: `indicators` la, measure, period, polarity (the metrics
//! pick the latest period on or before the assessment date, so the period must
//! be one they can date); `gaps` gap_id, la, raised_on, raised_by_role, status.
//! A published value may be negative (a change), so `value` and
//! `england_value` take either sign.

use std::path::Path;

use continuum_domain::{
    Dataset, Gap, GapId, GapStatus, Indicator, LaName, LocalityId, Polarity, Role,
};

use super::fields::{amount, count, date, name, period, signed, word};
use super::read::{FileSpec, Parsed, Row, bundle_file};
use super::write::{Fields, write_file};
use super::{Jobs, Report};
use crate::IngestError;

bundle_file!(indicators = "indicators.csv" {
    la: REQ, measure: REQ, period: REQ, value: OPT, england_value: OPT, margin_of_error: OPT,
    respondents: OPT, source: OPT, polarity: REQ,
});
bundle_file!(gaps = "gaps.csv" {
    gap_id: REQ, la: REQ, raised_on: REQ, raised_by_role: REQ, category: OPT,
    service_type: OPT, locality_id: OPT, description: OPT, status: REQ, owner: OPT,
    resolved_on: OPT,
});

/// The files of this group, in the spec's order.
pub(crate) const FILES: &[FileSpec] = &[indicators::SPEC, gaps::SPEC];

/// The files of this group, as read.
#[derive(Debug, Default)]
pub(crate) struct Indicators {
    pub indicators: Parsed<Indicator>,
    pub gaps: Parsed<Gap>,
}

impl Indicators {
    /// Queues the reading of each file.
    pub(crate) fn jobs<'a>(&'a mut self, jobs: &mut Jobs<'a>) {
        jobs.add(
            &indicators::SPEC,
            false,
            parse_indicator,
            &mut self.indicators,
        );
        jobs.add(&gaps::SPEC, false, parse_gap, &mut self.gaps);
    }

    /// Moves the errors and warnings of each file into `report`.
    pub(crate) fn report(&mut self, report: &mut Report) {
        report.take(&mut self.indicators);
        report.take(&mut self.gaps);
    }

    /// Moves the rows into the dataset.
    pub(crate) fn into_dataset(self, ds: &mut Dataset) {
        ds.indicators = self.indicators.rows;
        ds.gaps = self.gaps.rows;
    }
}

/// Writes the files of this group.
pub(crate) fn write(ds: &Dataset, dir: &Path) -> Result<(), IngestError> {
    write_file(
        dir,
        &indicators::SPEC,
        &ds.indicators,
        false,
        write_indicator,
    )?;
    write_file(dir, &gaps::SPEC, &ds.gaps, false, write_gap)
}

fn parse_indicator(r: &Row<'_>) -> Result<Indicator, IngestError> {
    use indicators::C;
    Ok(Indicator {
        la: r.parse(C::la, LaName::parse)?,
        measure: r.parse(C::measure, name)?,
        period: r.parse(C::period, period)?,
        value: r.opt(C::value, signed)?,
        england_value: r.opt(C::england_value, signed)?,
        margin_of_error: r.opt(C::margin_of_error, amount)?,
        respondents: r.opt(C::respondents, count)?,
        source: r.text(C::source)?,
        polarity: r.parse(C::polarity, word::<Polarity>)?,
    })
}

fn write_indicator(w: &mut Fields, i: &Indicator) {
    w.val(&i.la)
        .str(&i.measure)
        .str(&i.period)
        .opt(i.value)
        .opt(i.england_value)
        .opt(i.margin_of_error)
        .opt(i.respondents)
        .str(&i.source)
        .val(i.polarity);
}

fn parse_gap(r: &Row<'_>) -> Result<Gap, IngestError> {
    use gaps::C;
    Ok(Gap {
        gap_id: r.parse(C::gap_id, GapId::parse)?,
        la: r.parse(C::la, LaName::parse)?,
        raised_on: r.parse(C::raised_on, date)?,
        raised_by_role: r.parse(C::raised_by_role, word::<Role>)?,
        category: r.text(C::category)?,
        service_type: r.opt(C::service_type, word)?,
        locality_id: r.opt(C::locality_id, LocalityId::parse)?,
        description: r.text(C::description)?,
        status: r.parse(C::status, word::<GapStatus>)?,
        owner: r.opt_text(C::owner)?,
        resolved_on: r.opt(C::resolved_on, date)?,
    })
}

fn write_gap(w: &mut Fields, g: &Gap) {
    w.val(&g.gap_id)
        .val(&g.la)
        .date(g.raised_on)
        .val(g.raised_by_role)
        .str(&g.category)
        .opt(g.service_type)
        .opt(g.locality_id.as_ref())
        .str(&g.description)
        .val(g.status)
        .opt_str(g.owner.as_deref())
        .opt_date(g.resolved_on);
}
