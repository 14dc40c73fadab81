//! The order figures are shown in: the long table follows the JSON's key
//! order (alphabetical), which puts `29-90` before `3-7` and `by_service_type`
//! before `total`. Pages and workbooks read better in the reports' order:
//! totals first, counts before averages, buckets by days, ratings from
//! Outstanding down, service types as the vocabulary lists them.

use std::collections::HashMap;

use continuum_domain::{Rating, ServiceType};
use continuum_engine::flatten::Row;

/// Field names in the order they are shown; unlisted ones follow, in the
/// order they first appear.
const ORDER: &[&str] = &[
    "all",
    "total",
    "base_year",
    "years",
    "open",
    "open_median_age_days",
    "resolved_in_year",
    "active",
    "active_by_kind",
    "expiring_18_months",
    "expiring_by_kind",
    "locations",
    "beds",
    "count",
    "people",
    "hours_per_week",
    "now",
    "a_year_ago",
    "delayed",
    "over_90",
    "over_182",
    "with_interim",
    "in_neighbouring_council",
    "reviewed_in_year",
    "mean",
    "median",
    "min",
    "max",
    "buckets",
    "0-1",
    "2",
    "3-7",
    "8-28",
    "29-90",
    ">90",
    "good_or_outstanding",
    "rated_good_or_outstanding",
    "people_65_plus",
    "people_85_plus",
    "change_65_plus",
    "change_85_plus",
    "change",
    "source_year",
    "beds_vacant_accepting",
    "homes",
    "homes_with_return",
    "coverage",
    "started_in_year",
    "started_by_kind",
    "people_affected",
    "red",
    "amber",
    "green",
    "rate",
    "fair_cost_median",
    "ratio_to_fair_cost",
    "locations_reporting",
    "vacancy_rate",
    "turnover",
    "care_certificate",
    "placements_ended",
    "replaced_within_7_days",
    "longest_gap_days",
    "by_reason",
    "by_service_type",
    "by_kind",
    "over_90_delay_reasons",
    "delay_reasons",
];

/// A segment's rank; `after` is the segment before it (a list index such as
/// the `2` of `years.2` sorts as a number, the bucket `2` as a bucket).
fn rank(after: &str, seg: &str, seen: &mut HashMap<String, usize>) -> (u8, usize) {
    if let (false, Ok(n)) = (after == "buckets", seg.parse::<usize>()) {
        return (1, n);
    }
    if let Some(i) = ORDER.iter().position(|o| *o == seg) {
        return (0, i);
    }
    if let Some(i) = Rating::ALL.iter().position(|r| r.as_str() == seg) {
        return (2, i);
    }
    if let Some(i) = ServiceType::ALL.iter().position(|s| s.as_str() == seg) {
        return (3, i);
    }
    let next = seen.len();
    (4, *seen.entry(seg.to_string()).or_insert(next))
}

/// The rows in display order: a stable sort on each path segment's rank.
pub fn in_display_order<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Vec<&'a Row> {
    let mut seen = HashMap::new();
    let mut keyed: Vec<(Vec<(u8, usize)>, &Row)> = rows
        .into_iter()
        .map(|r| {
            let segs: Vec<&str> = r.metric_id.split('.').collect();
            let key = (2..segs.len())
                .map(|i| rank(segs[i - 1], segs[i], &mut seen))
                .collect();
            (key, r)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, r)| r).collect()
}
