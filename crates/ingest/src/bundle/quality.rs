//! Quality: `quality_assessments.csv`, `visits.csv`, `concerns.csv`,
//! `sanctions.csv`.
//!
//! Required columns: every column except `quality_assessments` framework,
//! `concerns` closed_on and substantiated, and `sanctions` end_date and reason.
//! `domain` and `standard` are required columns but may be empty (a score for a
//! whole domain); together with `assessment_id` they identify a row.

use std::path::Path;

use continuum_domain::{
    AssessmentId, Concern, ConcernId, ConcernKind, Dataset, LaName, LocationId, QaRating,
    QualityAssessment, Sanction, SanctionId, SanctionKind, Visit, VisitId, VisitKind,
};

use super::fields::{date, word, yn};
use super::read::{FileSpec, Parsed, Row, bundle_file};
use super::write::{Fields, write_file};
use super::{Jobs, Report};
use crate::IngestError;

bundle_file!(assessments = "quality_assessments.csv" {
    assessment_id: REQ, location_id: REQ, la: REQ, date: REQ, framework: OPT, domain: REQ,
    standard: REQ, rating: REQ,
});
bundle_file!(visits = "visits.csv" {
    visit_id: REQ, location_id: REQ, la: REQ, date: REQ, kind: REQ,
});
bundle_file!(concerns = "concerns.csv" {
    concern_id: REQ, location_id: REQ, la: REQ, raised_on: REQ, kind: REQ, closed_on: OPT,
    substantiated: OPT,
});
bundle_file!(sanctions = "sanctions.csv" {
    sanction_id: REQ, location_id: REQ, la: REQ, kind: REQ, start_date: REQ, end_date: OPT,
    reason: OPT,
});

/// The files of this group, in the spec's order.
pub(crate) const FILES: &[FileSpec] = &[
    assessments::SPEC,
    visits::SPEC,
    concerns::SPEC,
    sanctions::SPEC,
];

/// The files of this group, as read.
#[derive(Debug, Default)]
pub(crate) struct Quality {
    pub assessments: Parsed<QualityAssessment>,
    pub visits: Parsed<Visit>,
    pub concerns: Parsed<Concern>,
    pub sanctions: Parsed<Sanction>,
}

impl Quality {
    /// Queues the reading of each file.
    pub(crate) fn jobs<'a>(&'a mut self, jobs: &mut Jobs<'a>) {
        jobs.add(
            &assessments::SPEC,
            false,
            parse_assessment,
            &mut self.assessments,
        );
        jobs.add(&visits::SPEC, false, parse_visit, &mut self.visits);
        jobs.add(&concerns::SPEC, false, parse_concern, &mut self.concerns);
        jobs.add(&sanctions::SPEC, false, parse_sanction, &mut self.sanctions);
    }

    /// Moves the errors and warnings of each file into `report`.
    pub(crate) fn report(&mut self, report: &mut Report) {
        report.take(&mut self.assessments);
        report.take(&mut self.visits);
        report.take(&mut self.concerns);
        report.take(&mut self.sanctions);
    }

    /// Moves the rows into the dataset.
    pub(crate) fn into_dataset(self, ds: &mut Dataset) {
        ds.quality_assessments = self.assessments.rows;
        ds.visits = self.visits.rows;
        ds.concerns = self.concerns.rows;
        ds.sanctions = self.sanctions.rows;
    }
}

/// Writes the files of this group.
pub(crate) fn write(ds: &Dataset, dir: &Path) -> Result<(), IngestError> {
    let qa = &ds.quality_assessments;
    write_file(dir, &assessments::SPEC, qa, false, write_assessment)?;
    write_file(dir, &visits::SPEC, &ds.visits, false, write_visit)?;
    write_file(dir, &concerns::SPEC, &ds.concerns, false, write_concern)?;
    write_file(dir, &sanctions::SPEC, &ds.sanctions, false, write_sanction)
}

fn parse_assessment(r: &Row<'_>) -> Result<QualityAssessment, IngestError> {
    use assessments::C;
    Ok(QualityAssessment {
        assessment_id: r.parse(C::assessment_id, AssessmentId::parse)?,
        location_id: r.parse(C::location_id, LocationId::parse)?,
        la: r.parse(C::la, LaName::parse)?,
        date: r.parse(C::date, date)?,
        framework: r.text(C::framework)?,
        domain: r.text(C::domain)?,
        standard: r.text(C::standard)?,
        rating: r.parse(C::rating, word::<QaRating>)?,
    })
}

fn write_assessment(w: &mut Fields, a: &QualityAssessment) {
    w.val(&a.assessment_id)
        .val(&a.location_id)
        .val(&a.la)
        .date(a.date)
        .str(&a.framework)
        .str(&a.domain)
        .str(&a.standard)
        .val(a.rating);
}

fn parse_visit(r: &Row<'_>) -> Result<Visit, IngestError> {
    use visits::C;
    Ok(Visit {
        visit_id: r.parse(C::visit_id, VisitId::parse)?,
        location_id: r.parse(C::location_id, LocationId::parse)?,
        la: r.parse(C::la, LaName::parse)?,
        date: r.parse(C::date, date)?,
        kind: r.parse(C::kind, word::<VisitKind>)?,
    })
}

fn write_visit(w: &mut Fields, v: &Visit) {
    w.val(&v.visit_id)
        .val(&v.location_id)
        .val(&v.la)
        .date(v.date)
        .val(v.kind);
}

fn parse_concern(r: &Row<'_>) -> Result<Concern, IngestError> {
    use concerns::C;
    Ok(Concern {
        concern_id: r.parse(C::concern_id, ConcernId::parse)?,
        location_id: r.parse(C::location_id, LocationId::parse)?,
        la: r.parse(C::la, LaName::parse)?,
        raised_on: r.parse(C::raised_on, date)?,
        kind: r.parse(C::kind, word::<ConcernKind>)?,
        closed_on: r.opt(C::closed_on, date)?,
        substantiated: r.opt(C::substantiated, yn)?,
    })
}

fn write_concern(w: &mut Fields, c: &Concern) {
    w.val(&c.concern_id)
        .val(&c.location_id)
        .val(&c.la)
        .date(c.raised_on)
        .val(c.kind)
        .opt_date(c.closed_on)
        .opt_yn(c.substantiated);
}

fn parse_sanction(r: &Row<'_>) -> Result<Sanction, IngestError> {
    use sanctions::C;
    Ok(Sanction {
        sanction_id: r.parse(C::sanction_id, SanctionId::parse)?,
        location_id: r.parse(C::location_id, LocationId::parse)?,
        la: r.parse(C::la, LaName::parse)?,
        kind: r.parse(C::kind, word::<SanctionKind>)?,
        start_date: r.parse(C::start_date, date)?,
        end_date: r.opt(C::end_date, date)?,
        reason: r.text(C::reason)?,
    })
}

fn write_sanction(w: &mut Fields, s: &Sanction) {
    w.val(&s.sanction_id)
        .val(&s.location_id)
        .val(&s.la)
        .val(s.kind)
        .date(s.start_date)
        .opt_date(s.end_date)
        .str(&s.reason);
}
