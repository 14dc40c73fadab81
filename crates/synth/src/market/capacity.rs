//! Provider returns: Capacity Tracker style monthly returns from care homes and
//! homecare agencies, and ASC-WDS style workforce returns every six months.

use continuum_domain::{CapacityReturn, Date, Location, ServiceType as S, WorkforceReturn};

use super::{Area, Meta};
use crate::calibration as cal;
use crate::council::Council;
use crate::rng::{
    Rng, add_days, between, chance, clamped_normal, shuffle, stochastic_round, uniform,
};

/// Monthly capacity returns over the last year. A few homes have sent nothing in
/// the last 90 days (a missed return is a risk input).
pub(crate) fn capacity_returns(c: &Council, rng: &mut Rng, area: &Area) -> Vec<CapacityReturn> {
    let mut rows = Vec::new();
    let silent = silent_homes(c, rng, area);
    let occupancy = occupancies(c, rng, area, &silent);
    for (i, (l, m)) in area.locations.iter().zip(&area.meta).enumerate() {
        let home = l.service_type.is_care_home();
        if !(home || l.service_type == S::Homecare) {
            continue;
        }
        let missed = if home {
            silent.contains(&i)
        } else {
            chance(rng, cal::MISSED_RETURNS)
        };
        let out_of_use = if chance(rng, 0.06) {
            between(rng, 1, 3) as u32
        } else {
            0
        };
        for k in (0..13).rev() {
            let date = add_days(c.as_at, -3 - 30 * k);
            let recent = date > add_days(c.as_at, -90);
            if !l.is_registered_at(date) || (missed && recent) {
                continue;
            }
            rows.push(if home {
                care_home(rng, l, date, occupancy[i], out_of_use)
            } else {
                homecare(rng, l, m, date)
            });
        }
    }
    rows
}

/// Each location's occupancy: drawn around the council's, then shifted so the
/// homes that report at the as-at date average exactly the council's figure
/// (weighted by beds, as the occupancy measure is).
fn occupancies(c: &Council, rng: &mut Rng, area: &Area, silent: &[usize]) -> Vec<f64> {
    let target = c.traits.occupancy;
    let mut occ: Vec<f64> = (0..area.locations.len())
        .map(|_| clamped_normal(rng, target, cal::OCCUPANCY_SPREAD, 0.5, 0.99))
        .collect();
    let (mut sum, mut beds) = (0.0, 0.0);
    for (i, l) in area.locations.iter().enumerate() {
        if l.service_type.is_care_home() && l.is_registered_at(c.as_at) && !silent.contains(&i) {
            sum += occ[i] * f64::from(l.beds);
            beds += f64::from(l.beds);
        }
    }
    if beds > 0.0 {
        let shift = target - sum / beds;
        occ.iter_mut()
            .for_each(|o| *o = (*o + shift).clamp(0.3, 1.0));
    }
    occ
}

/// The care homes with no return in the last 90 days: the calibrated share of
/// the open homes, at least one where there are ten or more.
fn silent_homes(c: &Council, rng: &mut Rng, area: &Area) -> Vec<usize> {
    let mut open: Vec<usize> = (0..area.locations.len())
        .filter(|&i| {
            area.locations[i].service_type.is_care_home()
                && area.locations[i].is_registered_at(c.as_at)
        })
        .collect();
    let share = cal::MISSED_RETURNS * open.len() as f64;
    let n = if open.len() >= 10 {
        (share.round() as usize).max(1)
    } else {
        stochastic_round(rng, share) as usize
    };
    shuffle(rng, &mut open);
    open.truncate(n);
    open
}

fn care_home(
    rng: &mut Rng,
    l: &Location,
    date: Date,
    occupancy: f64,
    out_of_use: u32,
) -> CapacityReturn {
    let max = l.beds.saturating_sub(out_of_use).max(1);
    let occ = (occupancy + uniform(rng, -0.025, 0.025)).clamp(0.3, 1.0);
    let occupied = ((f64::from(max) * occ).round() as u32).min(max);
    let vacant = max - occupied;
    let reserved = (f64::from(vacant) * uniform(rng, 0.0, 0.3)).round() as u32;
    CapacityReturn {
        location_id: l.location_id.clone(),
        date,
        beds_max: Some(max),
        beds_occupied: Some(occupied),
        beds_vacant_reserved: Some(reserved),
        beds_vacant_accepting: Some(vacant - reserved),
        homecare_people: None,
        homecare_hours_week: None,
        homecare_extra_hours: None,
    }
}

fn homecare(rng: &mut Rng, l: &Location, m: &Meta, date: Date) -> CapacityReturn {
    let people = (f64::from(m.weight) * 28.0 * uniform(rng, 0.9, 1.1))
        .round()
        .max(1.0);
    let hours = (people * cal::HOMECARE_HOURS_MEAN * uniform(rng, 0.85, 1.15)).round();
    CapacityReturn {
        location_id: l.location_id.clone(),
        date,
        beds_max: None,
        beds_occupied: None,
        beds_vacant_reserved: None,
        beds_vacant_accepting: None,
        homecare_people: Some(people as u32),
        homecare_hours_week: Some(hours),
        homecare_extra_hours: Some((hours * uniform(rng, 0.0, 0.15)).round()),
    }
}

/// Workforce returns every six months over two years. Leavers and starters are
/// those of the twelve months before the return, so leavers / posts is the
/// annual turnover. Some locations miss the latest return.
pub(crate) fn workforce_returns(c: &Council, rng: &mut Rng, area: &Area) -> Vec<WorkforceReturn> {
    let mut rows = Vec::new();
    for (l, m) in area.locations.iter().zip(&area.meta) {
        let posts = posts(rng, l, m);
        let vacancy = clamped_normal(rng, c.traits.vacancy, 0.035, 0.0, 0.4);
        let turnover = clamped_normal(rng, c.traits.turnover, 0.09, 0.02, 0.9);
        let cert = clamped_normal(rng, c.traits.care_certificate, 0.12, 0.0, 1.0);
        let skip_latest = chance(rng, 0.08);
        for k in (0..4).rev() {
            let date = add_days(c.as_at, -12 - 182 * k);
            if !l.is_registered_at(date) || (k == 0 && skip_latest) {
                continue;
            }
            let p = f64::from(posts) * uniform(rng, 0.95, 1.05);
            let leavers = (p * turnover * uniform(rng, 0.9, 1.1)).round();
            let eligible = (p * uniform(rng, 0.3, 0.6)).round();
            rows.push(WorkforceReturn {
                location_id: l.location_id.clone(),
                date,
                posts: p.round() as u32,
                vacancies: (p * vacancy * uniform(rng, 0.85, 1.15)).round() as u32,
                starters: (leavers * uniform(rng, 0.85, 1.15)).round() as u32,
                leavers: leavers as u32,
                sickness_days: (p * cal::SICKNESS_DAYS_PER_POST * uniform(rng, 0.6, 1.4) * 10.0)
                    .round()
                    / 10.0,
                care_cert_eligible: eligible as u32,
                care_cert_done: (eligible * cert).round() as u32,
            });
        }
    }
    rows
}

fn posts(rng: &mut Rng, l: &Location, m: &Meta) -> u32 {
    let p = match l.service_type {
        S::NursingHome => f64::from(l.beds) * uniform(rng, 1.2, 1.6),
        S::ResidentialHome | S::Respite | S::IntermediateCare => {
            f64::from(l.beds) * uniform(rng, 0.9, 1.3)
        }
        S::Homecare => (f64::from(m.weight) * 40.0).clamp(6.0, 300.0),
        S::SupportedLiving | S::ExtraCare => uniform(rng, 12.0, 60.0),
        _ => uniform(rng, 5.0, 20.0),
    };
    p.round().max(2.0) as u32
}
