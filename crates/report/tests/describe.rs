//! Labels, units and order of the long table's rows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use continuum_engine::Pack;
use continuum_report::describe::{Described, Unit, describe, in_display_order};

fn of(p: &Pack, id: &str) -> Described {
    let row = p
        .rows
        .iter()
        .find(|r| r.metric_id == id)
        .unwrap_or_else(|| panic!("{id}"));
    describe(p, row)
}

#[test]
fn a_bucket_called_2_is_a_bucket_not_a_list_index() {
    let p = common::rich();
    let d = of(&p, "capacity.waits.all.buckets.2");
    assert_eq!(
        d.full_label(),
        "All service types › By days waited › 2 days"
    );
    assert_eq!(d.unit, Unit::Count);
}

#[test]
fn population_entries_are_labelled_by_their_year_and_years_take_no_commas() {
    let p = common::rich();
    let d = of(&p, "needs.population.years.2.people_65_plus");
    assert_eq!(d.full_label(), "2040 › People aged 65 and over");
    assert_eq!(d.unit.format(44_000.0), "44,000");
    let y = of(&p, "needs.population.base_year");
    assert_eq!(y.unit, Unit::Year);
    assert_eq!(y.unit.format(2025.0), "2025");
}

#[test]
fn shares_are_percentages_and_their_changes_percentage_points() {
    let p = common::rich();
    let d = of(&p, "quality.rating_mix.good_or_outstanding");
    assert_eq!(d.unit, Unit::Percent);
    assert_eq!(d.unit.format(0.625), "62.50%");
    assert_eq!(
        Unit::Percent.format_change(0.0231).as_deref(),
        Some("+2.31 pp")
    );
    assert_eq!(
        Unit::Percent.format_change(-0.5).as_deref(),
        Some("−50.00 pp")
    );
    assert_eq!(Unit::Year.format_change(1.0), None);
}

#[test]
fn days_money_and_published_figures_have_their_own_units() {
    let p = common::rich();
    assert_eq!(
        of(&p, "capacity.waits.all.median").unit.format(3.5),
        "3.5 days"
    );
    let fee = of(
        &p,
        "sustainability.fees.by_service_type.residential_home.rate",
    );
    assert_eq!(fee.unit.format(850.0), "£850.00");
    assert_eq!(fee.label, "Fee rate (per week, from 1 April 2024)");
    let ascof = of(&p, "market.indicators.entries.ascof_3A");
    assert_eq!(ascof.unit, Unit::PublishedPercent);
    assert_eq!(ascof.unit.format(64.5), "64.50%");
}

#[test]
fn rows_are_shown_in_the_reports_order_not_alphabetically() {
    let p = common::rich();
    let ids: Vec<&str> = in_display_order(
        p.rows
            .iter()
            .filter(|r| r.metric_id.starts_with("capacity.waits.all.buckets.")),
    )
    .into_iter()
    .map(|r| r.metric_id.rsplit('.').next().unwrap())
    .collect();
    assert_eq!(ids, ["0-1", "2", "3-7", "8-28", "29-90", ">90"]);
    let top: Vec<&str> = in_display_order(
        p.rows
            .iter()
            .filter(|r| r.metric_id.starts_with("sustainability.handbacks.")),
    )
    .into_iter()
    .map(|r| r.metric_id.as_str())
    .collect();
    assert_eq!(top[0], "sustainability.handbacks.total.count");
}
