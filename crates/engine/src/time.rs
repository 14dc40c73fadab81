//! Dates and windows, as `metrics.md` defines them.

use continuum_domain::Date;

/// The 365 days ending at T: the dates d with T − 365 < d ≤ T.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Exclusive.
    pub after: Date,
    /// Inclusive.
    pub until: Date,
}

impl Window {
    /// The year ending at `t`.
    pub fn year_to(t: Date) -> Self {
        Self::days_to(t, 365)
    }

    /// The `days` days ending at `t`: (t − days, t].
    pub fn days_to(t: Date, days: i64) -> Self {
        Self {
            after: t - chrono::Duration::days(days),
            until: t,
        }
    }

    /// Whether a date falls in the window.
    pub fn contains(self, d: Date) -> bool {
        d > self.after && d <= self.until
    }

    /// Whether an optional date falls in the window.
    pub fn contains_opt(self, d: Option<Date>) -> bool {
        d.is_some_and(|d| self.contains(d))
    }
}

/// Active at `t`: started on or before `t`, and not ended by then.
pub fn active_at(start: Date, end: Option<Date>, t: Date) -> bool {
    start <= t && end.is_none_or(|e| e > t)
}

/// Whole days from `a` to `b`.
pub fn days(a: Date, b: Date) -> i64 {
    (b - a).num_days()
}

/// A year earlier: T − 365.
pub fn year_before(t: Date) -> Date {
    t - chrono::Duration::days(365)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        continuum_domain::parse_date(s).unwrap_or(Date::MIN)
    }

    #[test]
    fn the_window_excludes_its_first_day_and_includes_its_last() {
        let w = Window::year_to(d("2025-03-31"));
        assert!(!w.contains(d("2024-03-31")), "T − 365 is outside");
        assert!(w.contains(d("2024-04-01")));
        assert!(w.contains(d("2025-03-31")), "T is inside");
        assert!(!w.contains(d("2025-04-01")));
    }

    #[test]
    fn a_record_ending_on_t_is_not_active_at_t() {
        assert!(!active_at(
            d("2024-01-01"),
            Some(d("2025-03-31")),
            d("2025-03-31")
        ));
        assert!(active_at(
            d("2024-01-01"),
            Some(d("2025-04-01")),
            d("2025-03-31")
        ));
        assert!(active_at(d("2025-03-31"), None, d("2025-03-31")));
    }
}
