//! Seeded randomness and the small samplers the generator is built from.
//!
//! Every stream of random numbers is a [`ChaCha8Rng`] seeded from the run's seed
//! and a *stream number* (a council, a phase, a component). Streams never share
//! state, so councils can be generated on any thread, in any order, and still
//! give the same rows; and changing one component does not shift the numbers of
//! another.

use chrono::TimeDelta;
use continuum_domain::Date;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The random number generator used everywhere.
pub(crate) type Rng = ChaCha8Rng;

/// SplitMix64's finaliser: a fast, well-mixed bijection on `u64`.
pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// An independent generator for one stream of one run.
pub(crate) fn stream(seed: u64, stream: u64) -> Rng {
    Rng::seed_from_u64(splitmix(seed ^ splitmix(stream)))
}

/// Stream numbers: a council's index and a component make one stream.
pub(crate) fn stream_id(council: u32, component: Component) -> u64 {
    (u64::from(council) << 8) | component as u64
}

/// The parts of one council's data that draw their own random numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Component {
    Traits = 1,
    Places = 2,
    Market = 3,
    Contracts = 4,
    Sanctions = 5,
    Capacity = 6,
    Workforce = 7,
    Care = 8,
    Scenarios = 9,
    Disruption = 10,
    Reviews = 11,
    Quality = 12,
    Needs = 13,
    Hosts = 14,
}

/// True with probability `p`.
pub(crate) fn chance(rng: &mut Rng, p: f64) -> bool {
    rng.random::<f64>() < p
}

/// A uniform float in `[lo, hi)`; `lo` when the range is empty.
pub(crate) fn uniform(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    if hi > lo {
        lo + (hi - lo) * rng.random::<f64>()
    } else {
        lo
    }
}

/// A uniform whole number in `[lo, hi]`; `lo` when the range is empty.
pub(crate) fn between(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    if hi > lo {
        rng.random_range(lo..=hi)
    } else {
        lo
    }
}

/// A uniform index below `n` (0 when `n` is 0).
pub(crate) fn index(rng: &mut Rng, n: usize) -> usize {
    if n > 1 { rng.random_range(0..n) } else { 0 }
}

/// A standard normal variate (Box–Muller).
pub(crate) fn normal(rng: &mut Rng) -> f64 {
    let u1 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A log-normal variate with the given median and shape.
pub(crate) fn lognormal(rng: &mut Rng, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(rng)).exp()
}

/// The median of a log-normal with this mean and shape.
pub(crate) fn median_for_mean(mean: f64, sigma: f64) -> f64 {
    mean / (sigma * sigma / 2.0).exp()
}

/// A normal variate with this mean and spread, kept within `[lo, hi]`.
pub(crate) fn clamped_normal(rng: &mut Rng, mean: f64, sd: f64, lo: f64, hi: f64) -> f64 {
    (mean + sd * normal(rng)).clamp(lo, hi)
}

/// Picks from a weighted table. Weights need not sum to 1.
pub(crate) fn pick<T: Copy, const N: usize>(rng: &mut Rng, items: &[(T, f64); N]) -> T {
    const { assert!(N > 0, "a weighted table needs at least one item") };
    let total: f64 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.random::<f64>() * total;
    for (item, w) in items {
        if x < *w {
            return *item;
        }
        x -= w;
    }
    items[N - 1].0
}

/// Picks from a weighted slice; `None` when it is empty.
pub(crate) fn pick_in<T: Copy>(rng: &mut Rng, items: &[(T, f64)]) -> Option<T> {
    let total: f64 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.random::<f64>() * total;
    for (item, w) in items {
        if x < *w {
            return Some(*item);
        }
        x -= w;
    }
    items.last().map(|(item, _)| *item)
}

/// Picks an index with probability proportional to `weight(i)`; `None` when
/// every weight is 0.
pub(crate) fn pick_index_by(
    rng: &mut Rng,
    n: usize,
    weight: impl Fn(usize) -> f64,
) -> Option<usize> {
    let total: f64 = (0..n).map(&weight).sum();
    if total <= 0.0 {
        return None;
    }
    let mut x = rng.random::<f64>() * total;
    let mut last = None;
    for i in 0..n {
        let w = weight(i);
        if w > 0.0 {
            if x < w {
                return Some(i);
            }
            x -= w;
            last = Some(i);
        }
    }
    last
}

/// Rounds `x` up or down at random so that the expected value is `x`; keeps
/// small councils' counts honest on average.
pub(crate) fn stochastic_round(rng: &mut Rng, x: f64) -> u32 {
    let x = x.max(0.0);
    let floor = x.floor();
    let extra = u32::from(chance(rng, x - floor));
    (floor as u32).saturating_add(extra)
}

/// Splits `total` into whole counts in proportion to `shares` (largest
/// remainder), so a mix of 69% and 23% of 31 homes gives 21 and 7, not a draw.
pub(crate) fn quotas(total: u32, shares: &[f64]) -> Vec<u32> {
    let sum: f64 = shares.iter().sum();
    if sum <= 0.0 || shares.is_empty() {
        return vec![0; shares.len()];
    }
    let exact: Vec<f64> = shares.iter().map(|s| f64::from(total) * s / sum).collect();
    let mut out: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let mut left = total.saturating_sub(out.iter().sum());
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for i in order {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}

/// Shuffles a slice in place (Fisher–Yates).
pub(crate) fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}

/// `d` plus `n` days, saturating at the ends of the calendar.
pub(crate) fn add_days(d: Date, n: i64) -> Date {
    d.checked_add_signed(TimeDelta::days(n))
        .unwrap_or(if n < 0 { Date::MIN } else { Date::MAX })
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub(crate) fn days(a: Date, b: Date) -> i64 {
    b.signed_duration_since(a).num_days()
}

/// A uniform date in `[from, to]`.
pub(crate) fn date_between(rng: &mut Rng, from: Date, to: Date) -> Date {
    add_days(from, between(rng, 0, days(from, to)))
}

/// A calendar date, or the earliest date for an impossible one. Only used with
/// literal dates that are known to exist.
pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap_or(Date::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_keep_the_total_and_the_proportions() {
        let q = quotas(31, &[0.0192, 0.6923, 0.2308, 0.0, 0.0577]);
        assert_eq!(q.iter().sum::<u32>(), 31);
        assert_eq!(q, vec![1, 21, 7, 0, 2]);
    }

    #[test]
    fn the_same_stream_gives_the_same_numbers_and_another_stream_does_not() {
        let a: Vec<u64> = (0..4).map(|_| stream(7, 1).random()).collect();
        let mut r1 = stream(7, 1);
        let mut r2 = stream(7, 2);
        let x: u64 = r1.random();
        assert_eq!(a[0], x);
        assert_ne!(x, r2.random::<u64>());
    }

    #[test]
    fn a_lognormal_has_roughly_the_asked_for_mean() {
        let mut rng = stream(1, 1);
        let sigma = 0.8;
        let median = median_for_mean(36.0, sigma);
        let n = 20_000;
        let mean = (0..n)
            .map(|_| lognormal(&mut rng, median, sigma))
            .sum::<f64>()
            / n as f64;
        assert!((mean - 36.0).abs() < 1.5, "{mean}");
    }
}
