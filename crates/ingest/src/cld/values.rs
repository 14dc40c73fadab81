//! CLD values, Release 1 and Release 2 spellings, mapped to the bundle's words.
//!
//! Each table is keyed by the value after [`norm`], so case and punctuation do
//! not matter ("NFA - Deceased" (R1) and "NFA: Deceased" (R2) are one key). An
//! unknown value of a field the metrics depend on is an error that lists the
//! accepted values; see the module doc of [`cld`](crate::cld) for which are
//! warnings instead.

use continuum_domain::{
    ClientType, Date, Delivery, Gender, ParseError, Route, ServiceType as St, parse_date,
};

use super::columns::norm;

/// Looks `value` up in a table keyed by normalised spellings.
fn find<T: Copy>(table: &[(&str, T)], value: &str, what: &str) -> Result<T, ParseError> {
    let n = norm(value);
    table
        .iter()
        .find(|(k, _)| *k == n)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let words: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
            ParseError::expected(format!(
                "{what}, in either release's spelling (case and punctuation are ignored): {}",
                words.join(", ")
            ))
        })
}

/// What an `Event Outcome` says happened next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The person goes on to more assessment, support planning or services.
    Progress,
    AdmittedToHospital,
    Died,
    Declined,
    MovedAway,
    /// Information, advice or no services: the need did not become a service.
    NoLongerNeeded,
    EndedAsPlanned,
    /// Self-funding, NHS-funded, referred elsewhere, or another reason.
    Other,
}

const OUTCOMES: &[(&str, Outcome)] = {
    use Outcome::*;
    &[
        // Release 2
        ("progress_to_reablement_st_max", Progress),
        ("progress_to_assessment_review_or_reassessment", Progress),
        ("progress_to_support_planning_or_services", Progress),
        ("continuation_of_support_or_services", Progress),
        ("admitted_to_hospital", AdmittedToHospital),
        ("nfa_deceased", Died),
        ("nfa_information_and_advice_or_signposting", NoLongerNeeded),
        ("nfa_no_services_offered_for_other_reason", NoLongerNeeded),
        ("nfa_other", Other),
        (
            "nfa_referral_to_nhs_services_or_nhs_funded_social_care",
            Other,
        ),
        (
            "nfa_referral_to_other_service_within_the_local_authority",
            Other,
        ),
        (
            "nfa_responsibility_moved_to_another_local_authority",
            MovedAway,
        ),
        ("nfa_self_funded_client_or_under_12wk_disregard", Other),
        ("nfa_support_declined", Declined),
        ("nfa_support_ended_as_planned", EndedAsPlanned),
        ("nfa_support_ended_for_other_reason", Other),
        // Release 1
        ("progress_to_assessment", Progress),
        ("progress_to_re_assessment_unplanned_review", Progress),
        ("progress_to_financial_assessment", Progress),
        ("progress_to_support_planning_services", Progress),
        ("no_change_in_package", Progress),
        ("provision_of_service", Progress),
        ("progress_to_end_of_life_care", Progress),
        ("nfa_moved_to_another_la", MovedAway),
        ("nfa_100_nhs_funded_care", Other),
        ("nfa_self_funded_client_inc_12wk_disregard", Other),
        ("nfa_information_advice_signposting_only", NoLongerNeeded),
        ("service_ended_as_planned", EndedAsPlanned),
        ("nfa_support_ended_other_reason", Other),
        ("nfa_no_services_offered_other_reason", NoLongerNeeded),
    ]
};

/// `Event Outcome`.
pub(crate) fn outcome(s: &str) -> Result<Outcome, ParseError> {
    find(OUTCOMES, s, "an Event Outcome")
}

const ROUTES: &[(&str, Route)] = &[
    ("planned_entry_transition", Route::Transition),
    ("discharge_from_hospital", Route::HospitalDischarge),
    ("diversion_from_hospital_services", Route::Community),
    ("community_other_route", Route::Community),
    ("prison", Route::Community),
    ("self_funder", Route::Community),
    ("discharge_from_reablement", Route::Community),
    ("transfer_from_other_la", Route::Community),
];

/// `Request: Route of Access`.
pub(crate) fn route(s: &str) -> Result<Route, ParseError> {
    find(ROUTES, s, "a Route of Access")
}

const CLIENT_TYPES: &[(&str, ClientType)] = &[
    ("service_user", ClientType::ServiceUser),
    ("unpaid_carer", ClientType::UnpaidCarer),
    ("unpaid_carer_known_by_association", ClientType::UnpaidCarer),
    ("carer", ClientType::UnpaidCarer),
    ("carer_known_by_association", ClientType::UnpaidCarer),
];

/// `Client Type`.
pub(crate) fn client_type(s: &str) -> Result<ClientType, ParseError> {
    find(CLIENT_TYPES, s, "a Client Type")
}

/// The kinds of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EventType {
    Request,
    Assessment,
    Service,
    Review,
}

/// `Event Type`.
pub(crate) fn event_type(s: &str) -> Result<EventType, ParseError> {
    let table = [
        ("request", EventType::Request),
        ("assessment", EventType::Assessment),
        ("service", EventType::Service),
        ("review", EventType::Review),
    ];
    find(&table, s, "an Event Type")
}

const DELIVERY: &[(&str, Delivery)] = &[
    ("direct_payment", Delivery::DirectPayment),
    ("cassr_managed_personal_budget", Delivery::ManagedBudget),
    ("cassr_commissioned_support", Delivery::Commissioned),
];

/// `Delivery Mechanism`.
pub(crate) fn delivery(s: &str) -> Result<Delivery, ParseError> {
    find(DELIVERY, s, "a Delivery Mechanism")
}

/// `Gender`; `None` for a word not in the table (a warning, not an error).
pub(crate) fn gender(s: &str) -> Option<Gender> {
    let table = [
        ("male", Gender::Male),
        ("m", Gender::Male),
        ("female", Gender::Female),
        ("f", Gender::Female),
        ("other", Gender::Other),
        ("indeterminate", Gender::Other),
        ("non_binary", Gender::Other),
        ("unknown", Gender::Unknown),
        ("not_known", Gender::Unknown),
        ("not_stated", Gender::Unknown),
        ("not_specified", Gender::Unknown),
    ];
    find(&table, s, "").ok()
}

/// A yes/no flag; `None` for unknown or blank.
pub(crate) fn yes_no(s: &str) -> Option<bool> {
    match norm(s).as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// How a unit cost becomes a weekly cost (DHSC's `Costs_fact` rules).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Frequency {
    /// Multiply by this many units a week.
    PerWeek(f64),
    /// Per session, hour or day: multiply by `Planned units per week`.
    PerUnit { hourly: bool },
    /// A single payment: no weekly cost.
    OneOff,
}

/// `Cost Frequency (Unit Type)`.
pub(crate) fn frequency(s: &str) -> Result<Frequency, ParseError> {
    use Frequency::*;
    let table = [
        ("per_session", PerUnit { hourly: false }),
        ("session", PerUnit { hourly: false }),
        ("hourly", PerUnit { hourly: true }),
        ("per_hour", PerUnit { hourly: true }),
        ("daily", PerUnit { hourly: false }),
        ("per_day", PerUnit { hourly: false }),
        ("weekly", PerWeek(1.0)),
        ("per_week", PerWeek(1.0)),
        ("fortnightly", PerWeek(0.5)),
        ("4_weekly", PerWeek(0.25)),
        ("four_weekly", PerWeek(0.25)),
        ("monthly", PerWeek(12.0 / 52.0)),
        ("per_month", PerWeek(12.0 / 52.0)),
        ("quarterly", PerWeek(4.0 / 52.0)),
        ("annually", PerWeek(1.0 / 52.0)),
        ("annual", PerWeek(1.0 / 52.0)),
        ("yearly", PerWeek(1.0 / 52.0)),
        ("one_off", OneOff),
    ];
    find(&table, s, "a Cost Frequency")
}

/// A money amount or a number of units: `1234.5`, `£1,234.50`.
pub(crate) fn number(s: &str) -> Result<f64, ParseError> {
    let t: String = s
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(ParseError::expected("a number, 0 or more, such as 1043.17")),
    }
}

/// A CLD date: `YYYY-MM-DD` or `DD/MM/YYYY`, with any time of day ignored.
pub(crate) fn date(s: &str) -> Result<Date, ParseError> {
    let day = s.trim().split([' ', 'T']).next().unwrap_or_default();
    if let Ok(d) = parse_date(day) {
        return Ok(d);
    }
    let mut parts = day.split('/');
    let ymd = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(d), Some(m), Some(y), None) if y.len() == 4 => (
            y.parse::<i32>().ok(),
            m.parse::<u32>().ok(),
            d.parse::<u32>().ok(),
        ),
        _ => (None, None, None),
    };
    match ymd {
        (Some(y), Some(m), Some(d)) => Date::from_ymd_opt(y, m, d),
        _ => None,
    }
    .ok_or_else(|| ParseError::expected("a date written YYYY-MM-DD or DD/MM/YYYY"))
}

/// The year of a date of birth; the rest is dropped at once. Also reads a bare
/// `YYYY-MM` or `YYYY`.
pub(crate) fn birth_year(s: &str) -> Result<i32, ParseError> {
    use chrono::Datelike;
    if let Ok(d) = date(s) {
        return Ok(d.year());
    }
    let t = s.trim();
    let year_month = t.len() == 7
        && t.as_bytes().get(4) == Some(&b'-')
        && t.get(5..)
            .and_then(|m| m.parse::<u32>().ok())
            .is_some_and(|m| (1..=12).contains(&m));
    let y = t.get(..4).filter(|_| t.len() == 4 || year_month);
    match y.and_then(|y| y.parse::<i32>().ok()) {
        Some(y) if (1880..=2100).contains(&y) => Ok(y),
        _ => Err(ParseError::expected(
            "a date of birth (YYYY-MM-DD, DD/MM/YYYY, YYYY-MM or YYYY)",
        )),
    }
}

/// `Service Component`: the specific service, where it names one. `None` when
/// the component does not decide the type (meals, equipment, a direct
/// payment…), so `Service Type` decides. `st_max` says whether the service
/// type is short-term reablement (ST-Max).
pub(crate) fn component(s: &str, st_max: bool) -> Option<St> {
    let short_term = if st_max {
        St::IntermediateCare
    } else {
        St::Respite
    };
    let t = match norm(s).as_str() {
        "long_term_nursing_care" | "nursing_care" => St::NursingHome,
        "long_term_residential_care" | "residential_care" => St::ResidentialHome,
        "short_term_nursing_care" | "short_term_residential_care" => short_term,
        "home_support" | "home_support_or_domiciliary_care" | "domiciliary_care" => St::Homecare,
        "reablement" => St::IntermediateCare,
        "community_supported_living" | "supported_living" => St::SupportedLiving,
        "extra_care_housing" | "extra_care" => St::ExtraCare,
        "shared_lives" => St::SharedLives,
        "day_support" | "day_care" | "day_services" => St::DayService,
        "carer_respite" | "carer_sitting_service" => St::Respite,
        _ => return None,
    };
    Some(t)
}

const SERVICE_TYPES: &[(&str, St)] = &[
    ("long_term_support_nursing_care", St::NursingHome),
    ("long_term_support_residential_care", St::ResidentialHome),
    ("long_term_support_community", St::Other),
    ("long_term_support_prison", St::Other),
    ("short_term_support_st_max", St::IntermediateCare),
    ("short_term_support_ongoing_low_level", St::Other),
    ("short_term_support_other_short_term", St::Other),
    ("unpaid_carer_support_direct_to_unpaid_carer", St::Other),
    (
        "unpaid_carer_support_support_involving_the_person_cared_for",
        St::Respite,
    ),
    ("carer_support_direct_to_carer", St::Other),
    (
        "carer_support_support_involving_the_person_cared_for",
        St::Respite,
    ),
];

/// `Service Type`, then `Service Component`, to the bundle's service type.
pub(crate) fn service_type(service_type: &str, component_value: &str) -> Result<St, ParseError> {
    let by_type = find(SERVICE_TYPES, service_type, "a Service Type")?;
    let st_max = norm(service_type) == "short_term_support_st_max";
    Ok(component(component_value, st_max).unwrap_or(by_type))
}

/// Whether a `Service Component` is one the tables know (else a warning).
pub(crate) fn known_component(s: &str) -> bool {
    const OTHERS: &[&str] = &[
        "meals",
        "transport",
        "equipment",
        "direct_payment",
        "professional_support",
        "professional_support_social_worker",
        "learning_education_employment_support",
        "end_of_life_care",
        "emergency_support",
        "other_short_term_support",
        "other_long_term_support",
        "carer_universal_services",
        "other_carer_support",
    ];
    s.trim().is_empty() || component(s, false).is_some() || OTHERS.contains(&norm(s).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_1_and_release_2_outcomes_read_alike() {
        for (r1, r2) in [
            ("NFA - Deceased", "NFA: Deceased"),
            ("NFA - Support declined", "NFA: Support declined"),
            (
                "NFA - Moved to another LA",
                "NFA: Responsibility moved to another local authority",
            ),
            ("Service ended as planned", "NFA: Support ended as planned"),
            ("NFA- Other", "NFA: Other"),
        ] {
            assert_eq!(outcome(r1), outcome(r2), "{r1} / {r2}");
            assert!(outcome(r1).is_ok());
        }
    }

    #[test]
    fn service_types_follow_the_component_first() {
        let st = |t, c| service_type(t, c).ok();
        assert_eq!(
            st("Long Term Support: Nursing Care", ""),
            Some(St::NursingHome)
        );
        assert_eq!(
            st(
                "Long term support: Community",
                "Home support or domiciliary care"
            ),
            Some(St::Homecare)
        );
        assert_eq!(
            st("Short term support: ST-Max", "Short term residential care"),
            Some(St::IntermediateCare)
        );
        assert_eq!(
            st(
                "Short term support: Other short term",
                "Short Term Residential Care"
            ),
            Some(St::Respite)
        );
        assert_eq!(
            st("Long term support: Community", "Equipment"),
            Some(St::Other)
        );
        assert!(service_type("Long term care", "").is_err());
    }

    #[test]
    fn dates_read_in_both_forms_and_birth_dates_keep_only_the_year() {
        let d = Date::from_ymd_opt(2024, 3, 1);
        assert_eq!(date("2024-03-01").ok(), d);
        assert_eq!(date("01/03/2024").ok(), d);
        assert_eq!(date("2024-03-01 00:00:00").ok(), d);
        assert!(date("2024-02-30").is_err());
        assert_eq!(birth_year("17/06/1938"), Ok(1938));
        assert_eq!(birth_year("1938-06"), Ok(1938));
        assert!(birth_year("June 1938").is_err());
        assert!(birth_year("1938-06-31").is_err());
        assert!(birth_year("1938-13").is_err());
    }

    #[test]
    fn money_may_carry_a_pound_sign_and_commas() {
        assert_eq!(number("£1,043.17"), Ok(1043.17));
        assert!(number("-5").is_err());
    }
}
