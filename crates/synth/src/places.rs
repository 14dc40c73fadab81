//! Councils and places: the authority row, localities, population estimates and
//! projections, and prevalence rates.

use chrono::Datelike;
use continuum_domain::{
    AgeBand, Authority, Locality, PopulationKind, PopulationRow, PrevalenceRow, Sex,
};

use crate::calibration as cal;
use crate::council::Council;
use crate::rng::{Rng, uniform};

/// The council's `authority.csv` row.
pub(crate) fn authority(c: &Council) -> Authority {
    Authority {
        la: c.la.clone(),
        ons_code: c.ons.clone(),
        as_at: Some(c.as_at),
        neighbours: c.neighbours.clone(),
    }
}

/// The council's `localities.csv` rows.
pub(crate) fn localities(c: &Council) -> Vec<Locality> {
    c.localities
        .iter()
        .map(|l| Locality {
            la: c.la.clone(),
            locality_id: l.id.clone(),
            name: l.name.clone(),
            rural: l.rural,
        })
        .collect()
}

/// The years written: last year's estimate, then projections for the base year
/// and 5, 10 and 15 years on (`metrics.md` asks for T.year, +5 and +15).
fn years(base: i32) -> [(i32, PopulationKind); 5] {
    [
        (base - 1, PopulationKind::Estimate),
        (base, PopulationKind::Projection),
        (base + 5, PopulationKind::Projection),
        (base + 10, PopulationKind::Projection),
        (base + 15, PopulationKind::Projection),
    ]
}

fn lookup(table: &[(AgeBand, f64); 4], band: AgeBand) -> f64 {
    table
        .iter()
        .find(|(b, _)| *b == band)
        .map_or(0.0, |(_, v)| *v)
}

/// Population by locality, sex and age band. Rural localities are older and
/// age faster, as the reports describe for Shropshire and County Durham.
pub(crate) fn population(c: &Council, rng: &mut Rng) -> Vec<PopulationRow> {
    let base = c.as_at.year();
    let older = 1.0 + 0.35 * (c.traits.rural - 0.2);
    let mut rows = Vec::with_capacity(c.localities.len() * 40);
    for band in AgeBand::ALL {
        let total = lookup(&cal::ADULTS, band)
            * c.population
            * if band.is_65_plus() { older } else { 1.0 }
            * uniform(rng, 0.96, 1.04);
        let weights: Vec<f64> = c
            .localities
            .iter()
            .map(|l| {
                l.share
                    * if l.rural && band.is_65_plus() {
                        1.3
                    } else {
                        1.0
                    }
            })
            .collect();
        let sum: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        let growth = lookup(&cal::GROWTH_PER_YEAR, band);
        let female = lookup(&cal::FEMALE_SHARE, band);
        for (l, w) in c.localities.iter().zip(&weights) {
            let extra = if l.rural && band == AgeBand::A85Plus {
                0.004
            } else {
                0.0
            };
            for (year, kind) in years(base) {
                let factor = (1.0 + growth + extra).powi(year - base);
                let people = total * w / sum * factor;
                for (sex, share) in [(Sex::Female, female), (Sex::Male, 1.0 - female)] {
                    rows.push(PopulationRow {
                        la: c.la.clone(),
                        locality_id: Some(l.id.clone()),
                        year,
                        sex,
                        age_band: band,
                        people: (people * share).round() as u64,
                        kind,
                    });
                }
            }
        }
    }
    rows
}

/// Prevalence rates, POPPI/PANSI style. They are national (the file has no
/// council column), so they are written once per bundle.
pub(crate) fn prevalence() -> Vec<PrevalenceRow> {
    let measures = [
        ("selfcare_help", &cal::SELFCARE_HELP),
        ("dementia", &cal::DEMENTIA),
        ("learning_disability", &cal::LEARNING_DISABILITY),
    ];
    let mut rows = Vec::with_capacity(24);
    for (measure, table) in measures {
        for (band, women, men) in table.iter() {
            for (sex, rate) in [(Sex::Female, *women), (Sex::Male, *men)] {
                rows.push(PrevalenceRow {
                    measure: measure.to_string(),
                    sex,
                    age_band: *band,
                    rate,
                });
            }
        }
    }
    rows
}
