//! Contracts of every kind: the homecare framework and its spot providers, the
//! supported living dynamic purchasing system, block beds and extra care, the
//! zone-based outcome pilot, and spot purchases of care home places. Some expire
//! within 18 months of the as-at date; terminated and closed locations' contracts
//! end when they did.

use continuum_domain::{
    Contract, ContractKind as K, Date, RateUnit, Sanction, SanctionKind, ServiceType as S,
};

use super::Area;
use crate::SynthError;
use crate::calibration as cal;
use crate::council::Council;
use crate::rng::{Rng, add_days, between, chance, stochastic_round, uniform, ymd};
use crate::sustainability::fee_at;

/// One contract before its row is written.
struct Term {
    kind: K,
    start: Date,
    end: Option<Date>,
    zone: bool,
}

/// The council's contracts with locations in its area.
pub(crate) fn contracts(
    c: &Council,
    rng: &mut Rng,
    area: &Area,
    sanctions: &[Sanction],
) -> Result<Vec<Contract>, SynthError> {
    let mut out = Out {
        c,
        area,
        sanctions,
        seq: c.seq("CT"),
        rows: Vec::new(),
    };
    let homecare = homecare_terms(c, rng, area);
    for (i, terms) in homecare {
        out.write(rng, i, terms)?;
    }
    for i in 0..area.locations.len() {
        let l = &area.locations[i];
        if l.in_house || l.service_type == S::Homecare || area.meta[i].reserved {
            continue;
        }
        let terms = other_terms(c, rng, l.service_type);
        out.write(rng, i, terms)?;
    }
    Ok(out.rows)
}

/// Homecare: the best agencies on the framework, a few on the outcome pilot,
/// then spot providers; the rest have no contract.
fn homecare_terms(c: &Council, rng: &mut Rng, area: &Area) -> Vec<(usize, Vec<Term>)> {
    let mut homecare: Vec<usize> = (0..area.locations.len())
        .filter(|&i| area.locations[i].service_type == S::Homecare && !area.locations[i].in_house)
        .collect();
    homecare.sort_by(|&a, &b| {
        area.meta[b]
            .quality
            .total_cmp(&area.meta[a].quality)
            .then(a.cmp(&b))
    });
    let mut n = |x: u32| {
        if c.demo {
            x as usize
        } else {
            stochastic_round(rng, f64::from(x) * c.size) as usize
        }
    };
    let framework = n(cal::HOMECARE_FRAMEWORK);
    let outcome = framework + n(cal::HOMECARE_OUTCOME);
    let spot = outcome + n(cal::HOMECARE_SPOT);
    let mut out = Vec::with_capacity(spot);
    for (rank, i) in homecare.into_iter().enumerate().take(spot) {
        let terms = if rank < framework {
            framework_terms(c)
        } else if rank < outcome {
            let start = add_days(c.as_at, -between(rng, 150, 300));
            let end = Some(add_days(c.as_at, between(rng, 200, 500)));
            vec![Term {
                kind: K::Outcome,
                start,
                end,
                zone: true,
            }]
        } else {
            vec![spot_term(c, rng)]
        };
        out.push((i, terms));
    }
    out
}

/// The homecare framework: the last term (ended) and the current five-year one,
/// which ends 400 days after the as-at date (inside the 18-month pipeline).
fn framework_terms(c: &Council) -> Vec<Term> {
    let current = add_days(c.as_at, 400 - 1_826);
    vec![
        Term {
            kind: K::Framework,
            start: add_days(current, -1_461),
            end: Some(add_days(current, -1)),
            zone: true,
        },
        Term {
            kind: K::Framework,
            start: current,
            end: Some(add_days(current, 1_826)),
            zone: true,
        },
    ]
}

fn spot_term(c: &Council, rng: &mut Rng) -> Term {
    let start = add_days(c.as_at, -between(rng, 60, 2_400));
    let end = chance(rng, 0.15).then(|| add_days(start, between(rng, 180, 700)));
    Term {
        kind: K::Spot,
        start,
        end,
        zone: false,
    }
}

fn other_terms(c: &Council, rng: &mut Rng, s: S) -> Vec<Term> {
    let t = c.as_at;
    let block = |rng: &mut Rng| {
        let start = add_days(t, -between(rng, 100, 900));
        Term {
            kind: K::Block,
            start,
            end: Some(add_days(start, 365 * between(rng, 2, 3))),
            zone: false,
        }
    };
    match s {
        S::NursingHome | S::ResidentialHome => match uniform(rng, 0.0, 1.0) {
            x if x < 0.4 => vec![Term {
                kind: K::Framework,
                start: add_days(t, -between(rng, 400, 1_200)),
                end: Some(add_days(t, between(rng, 90, 1_100))),
                zone: false,
            }],
            x if x < 0.55 => vec![block(rng)],
            x if x < 0.92 => vec![spot_term(c, rng)],
            _ => Vec::new(),
        },
        S::SupportedLiving if chance(rng, cal::SUPPORTED_LIVING_DPS_SHARE) => {
            vec![Term {
                kind: K::Dps,
                start: add_days(t, -between(rng, 200, 540)),
                end: Some(ymd(2027, 9, 30).max(add_days(t, 900))),
                zone: false,
            }]
        }
        S::ExtraCare | S::Respite | S::IntermediateCare => vec![block(rng)],
        S::DayService if chance(rng, 0.4) => vec![block(rng)],
        S::SupportedLiving | S::DayService | S::SharedLives | S::Other => vec![spot_term(c, rng)],
        S::Homecare => Vec::new(),
    }
}

/// The rows being written.
struct Out<'a> {
    c: &'a Council,
    area: &'a Area,
    sanctions: &'a [Sanction],
    seq: crate::ids::Seq,
    rows: Vec<Contract>,
}

impl Out<'_> {
    /// Writes a location's contracts, cut short where the location closed or
    /// was terminated.
    fn write(&mut self, rng: &mut Rng, i: usize, terms: Vec<Term>) -> Result<(), SynthError> {
        let (c, l) = (self.c, &self.area.locations[i]);
        let stop = self.stop(i);
        let zone = self.area.meta[i]
            .locality
            .and_then(|k| c.localities.get(usize::from(k)))
            .map(|l| l.name.clone());
        let unit = cal::FEES
            .iter()
            .find(|(t, ..)| *t == l.service_type)
            .map_or(RateUnit::Session, |r| r.1);
        for term in terms {
            let start = term.start.max(l.registered_on.unwrap_or(term.start));
            let end = earliest(term.end, stop);
            if stop.is_some_and(|s| s <= start)
                || start > c.as_at
                || end.is_some_and(|e| e <= start)
            {
                continue;
            }
            let rate =
                fee_at(l.service_type, start, c.as_at) * c.traits.fees * uniform(rng, 0.97, 1.12);
            self.rows.push(Contract {
                contract_id: self.seq.next()?,
                la: c.la.clone(),
                location_id: l.location_id.clone(),
                kind: term.kind,
                service_type: l.service_type,
                start_date: start,
                end_date: end,
                rate: (rate * 100.0).round() / 100.0,
                rate_unit: unit,
                zone: if term.zone { zone.clone() } else { None },
            });
        }
        Ok(())
    }

    /// When the location stopped: closed, or its contract terminated.
    fn stop(&self, i: usize) -> Option<Date> {
        let l = &self.area.locations[i];
        let terminated = self
            .sanctions
            .iter()
            .find(|s| s.kind == SanctionKind::Termination && s.location_id == l.location_id)
            .map(|s| s.start_date);
        earliest(l.deregistered_on, terminated)
    }
}

/// The earlier of two optional dates (an empty one is no limit).
fn earliest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
