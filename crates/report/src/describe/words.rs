//! The words of the long table: section headings as the CQC reports write
//! them, a title for each metric, and a label for each field and vocabulary
//! word that appears in a metric ID.

use continuum_domain::{Rating, ServiceType};

/// The five sections in report order: engine key, anchor and the reports'
/// own heading.
pub const SECTIONS: [(&str, &str); 5] = [
    ("needs", "Understanding local needs for care and support"),
    (
        "market",
        "Market shaping and commissioning to meet local needs",
    ),
    (
        "capacity",
        "Ensuring sufficient capacity in local services to meet demand",
    ),
    ("quality", "Ensuring quality of local services"),
    ("sustainability", "Ensuring local services are sustainable"),
];

/// The heading of a section key (`capacity`), or the key itself.
pub fn section_heading(key: &str) -> &str {
    SECTIONS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, h)| h)
}

/// Every metric of `metrics.md` in spec order: ID, table title, and the label
/// of the metric's own row where it has one (`capacity.care_home_occupancy`).
pub const METRICS: [(&str, &str, &str); 26] = [
    (
        "needs.population",
        "Population aged 65 and over, now and projected",
        "",
    ),
    (
        "needs.projected_need",
        "Projected need (population × prevalence)",
        "",
    ),
    (
        "needs.carers_known",
        "Unpaid carers",
        "Unpaid carers known to the council",
    ),
    ("needs.gaps", "Gaps in services and unmet needs", ""),
    ("market.locations", "Registered locations in the area", ""),
    ("market.contracts", "Contracts", ""),
    (
        "market.direct_payments",
        "Direct payments",
        "People receiving care who use a direct payment",
    ),
    (
        "market.indicators",
        "Published indicators compared with England",
        "",
    ),
    (
        "capacity.care_home_occupancy",
        "Care home occupancy",
        "Care home beds occupied",
    ),
    ("capacity.homecare", "Homecare in place", ""),
    (
        "capacity.waits",
        "Waits for care to start (last 12 months)",
        "",
    ),
    ("capacity.waiting_now", "People waiting for care now", ""),
    (
        "capacity.discharge_delays",
        "Hospital discharge delays (last 12 months)",
        "",
    ),
    ("capacity.out_of_area", "People placed out of area", ""),
    ("capacity.long_term_care", "People in care homes", ""),
    (
        "quality.rating_mix",
        "CQC ratings of registered locations",
        "",
    ),
    ("quality.sanctions", "Sanctions", ""),
    (
        "quality.visit_coverage",
        "Monitoring visits",
        "Commissioned locations visited in the last 12 months",
    ),
    (
        "quality.assessments",
        "Quality assessments",
        "Assessed locations below threshold",
    ),
    ("quality.concerns", "Concerns", ""),
    ("quality.risk", "Provider risk", ""),
    (
        "sustainability.handbacks",
        "Packages of care handed back (last 12 months)",
        "",
    ),
    (
        "sustainability.market_exits",
        "Market exits (last 12 months)",
        "",
    ),
    (
        "sustainability.fees",
        "Fee rates and the fair cost of care",
        "",
    ),
    ("sustainability.workforce", "Workforce", ""),
    (
        "sustainability.continuity",
        "Continuity of care when providers hand back, fail or are sanctioned",
        "",
    ),
];

/// The title of a metric, or a readable form of its ID.
pub fn metric_title(id: &str) -> String {
    METRICS.iter().find(|(m, _, _)| *m == id).map_or_else(
        || humanise(id.rsplit('.').next().unwrap_or(id)),
        |(_, t, _)| (*t).to_string(),
    )
}

/// The label of a metric's own row.
pub fn metric_row_label(id: &str) -> String {
    match METRICS.iter().find(|(m, _, _)| *m == id) {
        Some((_, t, "")) => (*t).to_string(),
        Some((_, _, l)) => (*l).to_string(),
        None => metric_title(id),
    }
}

/// What a count means, by metric.
fn count_label(metric: &str) -> &'static str {
    match metric {
        "capacity.waits" => "Placements started",
        "capacity.waiting_now" => "People waiting",
        "capacity.discharge_delays" => "People discharged to care",
        "capacity.out_of_area" => "People placed out of area",
        "sustainability.handbacks" => "Hand-backs",
        "sustainability.market_exits" => "Locations that left the market",
        _ => "Number",
    }
}

/// The label of one segment of a metric ID, in the context of its metric.
/// Empty for segments that only group (`shares`, `entries`).
pub fn segment(metric: &str, seg: &str) -> String {
    if let Ok(st) = seg.parse::<ServiceType>() {
        return st.label().to_string();
    }
    if let Ok(r) = seg.parse::<Rating>() {
        return r.label().to_string();
    }
    match seg {
        "years" | "measures" | "shares" | "entries" => String::new(),
        "count" => count_label(metric).to_string(),
        "all" if metric == "quality.rating_mix" => "All locations".to_string(),
        "all" | "total" => "All service types".to_string(),
        _ => match field(seg) {
            "" => humanise(seg),
            f => f.to_string(),
        },
    }
}

/// Field names and vocabulary words, and their labels.
const FIELDS: &[(&str, &str)] = &[
    ("base_year", "Base year"),
    ("source_year", "Figures taken from"),
    ("year", "Year"),
    ("people_65_plus", "People aged 65 and over"),
    ("people_85_plus", "People aged 85 and over"),
    (
        "change_65_plus",
        "Change since the base year, aged 65 and over",
    ),
    (
        "change_85_plus",
        "Change since the base year, aged 85 and over",
    ),
    ("people", "People (estimated or counted)"),
    ("change", "Change since the base year"),
    ("open", "Open gaps"),
    ("open_median_age_days", "Median age of open gaps"),
    ("resolved_in_year", "Gaps resolved in the last 12 months"),
    ("active", "In force"),
    ("active_by_kind", "In force, by kind"),
    ("expiring_18_months", "Ending within 18 months"),
    ("expiring_by_kind", "Ending within 18 months, by kind"),
    (
        "beds_vacant_accepting",
        "Beds vacant and accepting admissions",
    ),
    (
        "coverage",
        "Homes with a capacity return in the last 90 days",
    ),
    ("homes", "Care homes registered"),
    (
        "homes_with_return",
        "Care homes with a return in the last 90 days",
    ),
    ("hours_per_week", "Hours a week"),
    ("mean", "Mean"),
    ("median", "Median"),
    ("min", "Shortest"),
    ("max", "Longest"),
    ("buckets", "By days waited"),
    ("0-1", "0 to 1 day"),
    ("2", "2 days"),
    ("3-7", "3 to 7 days"),
    ("8-28", "8 to 28 days"),
    ("29-90", "29 to 90 days"),
    (">90", "More than 90 days"),
    ("over_90", "Waiting more than 90 days"),
    ("over_182", "Waiting more than 6 months (182 days)"),
    ("with_interim", "With an interim placement in place"),
    (
        "over_90_delay_reasons",
        "Why those waiting more than 90 days are waiting",
    ),
    ("delayed", "Delayed by a day or more"),
    ("delay_reasons", "Delay reasons"),
    (
        "in_neighbouring_council",
        "Placed in a neighbouring council",
    ),
    ("by_reason", "By reason"),
    ("by_service_type", "By service type"),
    ("by_kind", "By kind"),
    ("reviewed_in_year", "Reviewed in the last 12 months"),
    ("now", "Now"),
    ("a_year_ago", "A year earlier"),
    ("locations", "Locations"),
    ("beds", "Beds"),
    (
        "good_or_outstanding",
        "Good or outstanding (of all locations)",
    ),
    (
        "rated_good_or_outstanding",
        "Good or outstanding (of rated locations)",
    ),
    ("started_in_year", "Started in the last 12 months"),
    ("started_by_kind", "Started in the last 12 months, by kind"),
    ("people_affected", "People affected"),
    ("raised_in_year", "Raised in the last 12 months"),
    ("red", "Red"),
    ("amber", "Amber"),
    ("green", "Green"),
    ("rate", "Fee rate"),
    ("fair_cost_median", "Fair cost of care (median)"),
    (
        "ratio_to_fair_cost",
        "Fee as a share of the fair cost of care",
    ),
    ("locations_reporting", "Locations reporting"),
    ("vacancy_rate", "Vacancy rate"),
    ("turnover", "Staff turnover"),
    ("care_certificate", "Care Certificate completed"),
    (
        "placements_ended",
        "Placements ended by a hand-back, failure or sanction",
    ),
    ("replaced_within_7_days", "Re-placed within 7 days"),
    ("longest_gap_days", "Longest gap before new care started"),
    ("margin_of_error", "Margin of error"),
    ("respondents", "Respondents"),
    ("dps", "Dynamic purchasing system"),
    ("outcome", "Outcome or zone based"),
    ("suspension", "Suspension of new placements"),
    ("personal_choice", "Personal choice"),
    ("family", "To be near family"),
    (
        "specialist_unavailable",
        "Specialist service not available locally",
    ),
    ("no_vacancy", "No vacancy at the time"),
    ("not_recorded", "Reason not recorded"),
    ("awaiting_direct_payment", "Awaiting a direct payment"),
    ("hospital_admission", "Admitted to hospital"),
    ("whistleblowing", "Whistle-blowing"),
];

/// The label of a field name or vocabulary word; empty when unknown.
fn field(seg: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(k, _)| *k == seg)
        .map_or("", |(_, v)| v)
}

/// `snake_case` as a sentence: `family_choice` → `Family choice`.
pub fn humanise(word: &str) -> String {
    let spaced = word.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}
