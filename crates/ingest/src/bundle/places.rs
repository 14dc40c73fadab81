//! Councils and places: `authority.csv`, `localities.csv`, `population.csv`,
//! `prevalence.csv`.
//!
//! Required columns: `authority` la, ons_code; `localities` la, locality_id;
//! `population` every column but locality_id; `prevalence` every column.
//! Defaults for optional columns: a locality's `name` is empty and `rural` is N.

use std::path::Path;

use continuum_domain::{
    AgeBand, Authority, Dataset, LaName, Locality, LocalityId, OnsCode, PopulationKind,
    PopulationRow, PrevalenceRow, Sex,
};

use super::fields::{date, fraction, list, name, people, word, year, yn};
use super::read::{FileSpec, Parsed, Row, bundle_file};
use super::write::{Fields, write_file};
use super::{Jobs, Report};
use crate::IngestError;

bundle_file!(authority = "authority.csv" {
    la: REQ, ons_code: REQ, as_at: OPT, neighbours: OPT,
});
bundle_file!(localities = "localities.csv" {
    la: REQ, locality_id: REQ, name: OPT, rural: OPT,
});
bundle_file!(population = "population.csv" {
    la: REQ, locality_id: OPT, year: REQ, sex: REQ, age_band: REQ, people: REQ, kind: REQ,
});
bundle_file!(prevalence = "prevalence.csv" {
    measure: REQ, sex: REQ, age_band: REQ, rate: REQ,
});

/// The files of this group, in the spec's order.
pub(crate) const FILES: &[FileSpec] = &[
    authority::SPEC,
    localities::SPEC,
    population::SPEC,
    prevalence::SPEC,
];

/// The files of this group, as read.
#[derive(Debug, Default)]
pub(crate) struct Places {
    pub authority: Parsed<Authority>,
    pub localities: Parsed<Locality>,
    pub population: Parsed<PopulationRow>,
    pub prevalence: Parsed<PrevalenceRow>,
}

impl Places {
    /// Queues the reading of each file.
    pub(crate) fn jobs<'a>(&'a mut self, jobs: &mut Jobs<'a>) {
        jobs.add(&authority::SPEC, true, parse_authority, &mut self.authority);
        jobs.add(
            &localities::SPEC,
            false,
            parse_locality,
            &mut self.localities,
        );
        jobs.add(
            &population::SPEC,
            false,
            parse_population,
            &mut self.population,
        );
        jobs.add(
            &prevalence::SPEC,
            false,
            parse_prevalence,
            &mut self.prevalence,
        );
    }

    /// Moves the errors and warnings of each file into `report`.
    pub(crate) fn report(&mut self, report: &mut Report) {
        report.take(&mut self.authority);
        report.take(&mut self.localities);
        report.take(&mut self.population);
        report.take(&mut self.prevalence);
    }

    /// Moves the rows into the dataset.
    pub(crate) fn into_dataset(self, ds: &mut Dataset) {
        ds.authorities = self.authority.rows;
        ds.localities = self.localities.rows;
        ds.population = self.population.rows;
        ds.prevalence = self.prevalence.rows;
    }
}

/// Writes the files of this group; `authority.csv` always.
pub(crate) fn write(ds: &Dataset, dir: &Path) -> Result<(), IngestError> {
    write_file(
        dir,
        &authority::SPEC,
        &ds.authorities,
        true,
        write_authority,
    )?;
    write_file(
        dir,
        &localities::SPEC,
        &ds.localities,
        false,
        write_locality,
    )?;
    write_file(
        dir,
        &population::SPEC,
        &ds.population,
        false,
        write_population,
    )?;
    write_file(
        dir,
        &prevalence::SPEC,
        &ds.prevalence,
        false,
        write_prevalence,
    )
}

/// The spec of `population.csv`, for [`read_population_csv`](super::read_population_csv).
pub(crate) const POPULATION: FileSpec = population::SPEC;

fn parse_authority(r: &Row<'_>) -> Result<Authority, IngestError> {
    use authority::C;
    Ok(Authority {
        la: r.parse(C::la, LaName::parse)?,
        ons_code: r.parse(C::ons_code, OnsCode::parse)?,
        as_at: r.opt(C::as_at, date)?,
        neighbours: r.parse(C::neighbours, list)?,
    })
}

fn write_authority(w: &mut Fields, a: &Authority) {
    w.val(&a.la)
        .val(&a.ons_code)
        .opt_date(a.as_at)
        .list(&a.neighbours);
}

fn parse_locality(r: &Row<'_>) -> Result<Locality, IngestError> {
    use localities::C;
    Ok(Locality {
        la: r.parse(C::la, LaName::parse)?,
        locality_id: r.parse(C::locality_id, LocalityId::parse)?,
        name: r.text(C::name)?,
        rural: r.or(C::rural, false, yn)?,
    })
}

fn write_locality(w: &mut Fields, l: &Locality) {
    w.val(&l.la).val(&l.locality_id).str(&l.name).yn(l.rural);
}

/// Parses one `population.csv` row.
pub(crate) fn parse_population(r: &Row<'_>) -> Result<PopulationRow, IngestError> {
    use population::C;
    Ok(PopulationRow {
        la: r.parse(C::la, LaName::parse)?,
        locality_id: r.opt(C::locality_id, LocalityId::parse)?,
        year: r.parse(C::year, year)?,
        sex: r.parse(C::sex, word::<Sex>)?,
        age_band: r.parse(C::age_band, word::<AgeBand>)?,
        people: r.parse(C::people, people)?,
        kind: r.parse(C::kind, word::<PopulationKind>)?,
    })
}

fn write_population(w: &mut Fields, p: &PopulationRow) {
    w.val(&p.la)
        .opt(p.locality_id.as_ref())
        .val(p.year)
        .val(p.sex)
        .val(p.age_band)
        .val(p.people)
        .val(p.kind);
}

fn parse_prevalence(r: &Row<'_>) -> Result<PrevalenceRow, IngestError> {
    use prevalence::C;
    Ok(PrevalenceRow {
        measure: r.parse(C::measure, name)?,
        sex: r.parse(C::sex, word::<Sex>)?,
        age_band: r.parse(C::age_band, word::<AgeBand>)?,
        rate: r.parse(C::rate, fraction)?,
    })
}

fn write_prevalence(w: &mut Fields, p: &PrevalenceRow) {
    w.str(&p.measure).val(p.sex).val(p.age_band).val(p.rate);
}
