//! Fee rates per service type over several years, against the fair cost of care.

use chrono::Datelike;
use continuum_domain::{Date, FeeRate, RateUnit, ServiceType as S};

use crate::calibration as cal;
use crate::council::Council;
use crate::rng::ymd;

/// The financial year (named by its starting year) a date falls in.
fn financial_year(d: Date) -> i32 {
    if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    }
}

/// The calibration row of a service type.
fn row(s: S) -> Option<(RateUnit, f64, f64)> {
    cal::FEES
        .iter()
        .find(|(t, ..)| *t == s)
        .map(|(_, u, r, f)| (*u, *r, *f))
}

/// Uplifts a year, newest first: the last year's is the reported uplift.
fn uplift(s: S, years_back: i32) -> f64 {
    match (s, years_back) {
        (S::Homecare, 0) => cal::HOMECARE_UPLIFT,
        (_, 0) => cal::OTHER_UPLIFT,
        (_, 1) => 0.09,
        _ => 0.05,
    }
}

/// The council's standard rate for a service on a day, at calibration level:
/// the latest rate, taken back one April uplift at a time. Services without a
/// fee row cost a flat £50 a session.
pub(crate) fn fee_at(s: S, day: Date, t: Date) -> f64 {
    let Some((_, rate, _)) = row(s) else {
        return 50.0;
    };
    let back = (financial_year(t) - financial_year(day)).max(0);
    (0..back).fold(rate, |r, k| r / (1.0 + uplift(s, k)))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `fees.csv` rows: one per service type and financial year.
pub(crate) fn fees(c: &Council) -> Vec<FeeRate> {
    let t = c.as_at;
    let latest = financial_year(t);
    let mut rows = Vec::with_capacity(cal::FEES.len() * cal::FEE_YEARS as usize);
    for (s, unit, _, fair) in cal::FEES {
        for k in (0..cal::FEE_YEARS).rev() {
            let from = ymd(latest - k, 4, 1);
            let fair_now = fair / 1.05f64.powi(k);
            rows.push(FeeRate {
                la: c.la.clone(),
                service_type: s,
                effective_from: from,
                rate: round2(fee_at(s, from, t) * c.traits.fees),
                unit,
                fair_cost_median: Some(round2(fair_now)),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_homecare_rate_carries_the_twelve_percent_uplift() {
        let t = ymd(2025, 3, 31);
        let now = fee_at(S::Homecare, ymd(2024, 4, 1), t);
        let before = fee_at(S::Homecare, ymd(2023, 4, 1), t);
        assert!((now / before - 1.12).abs() < 1e-9);
    }
}
