//! How long people wait, how long care lasts, why it ends and why it was late.

use continuum_domain::{
    DelayReason, EndReason, PrimarySupportReason as P, Route, ServiceType as S,
};

use super::Who;
use crate::calibration as cal;
use crate::council::Traits;
use crate::rng::{Rng, between, chance, lognormal, median_for_mean, pick, pick_in};

/// Days from a request to the start of its placement.
pub(crate) fn wait(
    rng: &mut Rng,
    traits: &Traits,
    who: &Who,
    s: S,
    route: Route,
    rural: bool,
) -> i64 {
    let lognormal_mean = |rng: &mut Rng, mean: f64| {
        let sigma = cal::WAIT_SIGMA;
        lognormal(rng, median_for_mean(mean, sigma), sigma).round() as i64
    };
    let days = match s {
        S::Homecare => homecare(rng, traits, rural),
        S::ResidentialHome => lognormal_mean(rng, cal::RESIDENTIAL_WAIT_MEAN * traits.wait_factor),
        S::NursingHome => lognormal_mean(rng, cal::NURSING_WAIT_MEAN * traits.wait_factor),
        S::SupportedLiving => {
            let mean = match who.psr {
                P::LearningDisability => cal::SUPPORTED_LIVING_LD_WAIT_MEAN,
                P::MentalHealth => cal::SUPPORTED_LIVING_MH_WAIT_MEAN,
                _ => {
                    (cal::SUPPORTED_LIVING_LD_WAIT_MEAN + cal::SUPPORTED_LIVING_MH_WAIT_MEAN) / 2.0
                }
            };
            lognormal_mean(rng, mean * traits.wait_factor)
        }
        S::IntermediateCare if route == Route::HospitalDischarge => between(rng, 0, 3),
        _ => lognormal_mean(rng, cal::OTHER_WAIT_MEAN),
    };
    days.clamp(0, 540)
}

/// Homecare: mostly the same or next day, with a tail past a week (longer in
/// rural localities, as `003_5b24eaaa0189cde8.txt` (Shropshire) describes).
fn homecare(rng: &mut Rng, traits: &Traits, rural: bool) -> i64 {
    let tail = traits.homecare_tail * if rural { 2.5 } else { 1.0 };
    let mut buckets = cal::HOMECARE_WAITS;
    buckets[3].1 *= tail;
    buckets[2].1 *= tail.sqrt();
    let (lo, hi) = pick(rng, &buckets);
    between(rng, lo, hi)
}

/// The length of an episode in days.
pub(crate) fn duration(rng: &mut Rng, s: S, who: &Who) -> i64 {
    let (median, sigma) = cal::DURATIONS
        .iter()
        .find(|(t, _, _)| *t == s)
        .map_or((300.0, 1.0), |(_, m, sg)| (*m, *sg));
    let younger_home = !who.older && s == S::ResidentialHome;
    let median = if younger_home { median * 2.0 } else { median };
    (lognormal(rng, median, sigma).round() as i64).max(1)
}

/// Why an episode ended.
pub(crate) fn end_reason(rng: &mut Rng, s: S, who: &Who) -> EndReason {
    let r = match s {
        S::NursingHome | S::ResidentialHome => pick(rng, &cal::END_CARE_HOME),
        S::Homecare => pick(rng, &cal::END_HOMECARE),
        S::Respite | S::IntermediateCare => pick(rng, &cal::END_SHORT),
        _ => pick(rng, &cal::END_COMMUNITY),
    };
    if r == EndReason::Died && !who.older && chance(rng, 0.7) {
        EndReason::Moved
    } else {
        r
    }
}

/// One to `most` different reasons from a table.
pub(crate) fn reasons(rng: &mut Rng, table: &[(DelayReason, f64)], most: i64) -> Vec<DelayReason> {
    let n = between(rng, 1, most);
    let mut out: Vec<DelayReason> = Vec::with_capacity(n as usize);
    for _ in 0..n * 3 {
        if out.len() as i64 == n {
            break;
        }
        if let Some(r) = pick_in(rng, table)
            && !out.contains(&r)
        {
            out.push(r);
        }
    }
    out.sort();
    out
}

/// Why a placed request waited, if it waited long enough to need a reason.
pub(crate) fn reasons_for(
    rng: &mut Rng,
    s: S,
    route: Route,
    wait: i64,
    delay: i64,
) -> Vec<DelayReason> {
    if route == Route::HospitalDischarge {
        if delay > 0 {
            return reasons(rng, &cal::DISCHARGE_REASONS, 3);
        }
        return Vec::new();
    }
    let threshold = if s == S::Homecare { 7 } else { 28 };
    if wait > threshold {
        reasons(rng, &cal::LONG_WAIT_REASONS, 2)
    } else {
        Vec::new()
    }
}

/// Hours a week asked for, by service.
pub(crate) fn hours(rng: &mut Rng, s: S) -> Option<f64> {
    let quarter = |x: f64| (x * 4.0).round() / 4.0;
    match s {
        S::Homecare => {
            let sigma = 0.55;
            let h = lognormal(rng, median_for_mean(cal::HOMECARE_HOURS_MEAN, sigma), sigma);
            Some(quarter(h.clamp(2.0, 70.0)))
        }
        S::SupportedLiving => Some(quarter(crate::rng::uniform(rng, 20.0, 60.0))),
        S::DayService => Some(6.0 * between(rng, 1, 5) as f64),
        S::ExtraCare => Some(quarter(crate::rng::uniform(rng, 4.0, 14.0))),
        _ => None,
    }
}
