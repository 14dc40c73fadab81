//! Small statistics: ratios, summaries and the wait buckets.

use serde::Serialize;

/// A share or rate with what it was computed from. `value` is the exact
/// fraction (None when the denominator is 0); pages round it for display.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ratio {
    pub value: Option<f64>,
    pub numerator: f64,
    pub denominator: f64,
}

impl Ratio {
    /// `numerator / denominator`.
    pub fn new(numerator: f64, denominator: f64) -> Self {
        let value = (denominator > 0.0).then(|| numerator / denominator);
        Self {
            value,
            numerator,
            denominator,
        }
    }

    /// A share of counts.
    pub fn of(numerator: usize, denominator: usize) -> Self {
        Self::new(numerator as f64, denominator as f64)
    }
}

/// Count, mean, median, min and max of whole-day figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub count: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

impl Summary {
    /// Summarises values (sorted in place).
    pub fn of(values: &mut [i64]) -> Self {
        values.sort_unstable();
        let n = values.len();
        Self {
            count: n as u64,
            mean: (n > 0).then(|| values.iter().sum::<i64>() as f64 / n as f64),
            median: median_sorted(values),
            min: values.first().copied(),
            max: values.last().copied(),
        }
    }
}

/// The median of sorted values: the middle one, or the mean of the middle two.
pub fn median_sorted(v: &[i64]) -> Option<f64> {
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    }
}

/// Waits by days: `0-1`, `2`, `3-7`, `8-28`, `29-90`, `>90`. Day 0 and day 1
/// share the first bucket (a same-day or next-day start); a negative figure
/// (a start recorded before the request) also falls in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Buckets {
    #[serde(rename = "0-1")]
    pub d0_1: u64,
    #[serde(rename = "2")]
    pub d2: u64,
    #[serde(rename = "3-7")]
    pub d3_7: u64,
    #[serde(rename = "8-28")]
    pub d8_28: u64,
    #[serde(rename = "29-90")]
    pub d29_90: u64,
    #[serde(rename = ">90")]
    pub over_90: u64,
}

impl Buckets {
    /// Counts one wait.
    pub fn add(&mut self, days: i64) {
        match days {
            i64::MIN..=1 => self.d0_1 += 1,
            2 => self.d2 += 1,
            3..=7 => self.d3_7 += 1,
            8..=28 => self.d8_28 += 1,
            29..=90 => self.d29_90 += 1,
            _ => self.over_90 += 1,
        }
    }

    /// The buckets with their labels, in order.
    pub fn labelled(&self) -> [(&'static str, u64); 6] {
        [
            ("0-1", self.d0_1),
            ("2", self.d2),
            ("3-7", self.d3_7),
            ("8-28", self.d8_28),
            ("29-90", self.d29_90),
            (">90", self.over_90),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median_sorted(&[1, 2, 3, 10]), Some(2.5));
        assert_eq!(median_sorted(&[4]), Some(4.0));
        assert_eq!(median_sorted(&[]), None);
    }

    #[test]
    fn bucket_edges_fall_where_the_spec_puts_them() {
        let mut b = Buckets::default();
        for d in [0, 1, 2, 3, 7, 8, 28, 29, 90, 91] {
            b.add(d);
        }
        assert_eq!(b.labelled().map(|(_, n)| n), [2, 1, 2, 2, 2, 1]);
    }

    #[test]
    fn a_ratio_over_nothing_has_no_value() {
        assert_eq!(Ratio::of(0, 0).value, None);
        assert_eq!(Ratio::of(1, 4).value, Some(0.25));
    }
}
