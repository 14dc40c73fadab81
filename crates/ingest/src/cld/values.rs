//! CLD values, Release 1 and Release 2 spellings, mapped to the bundle's words.
//!
//! Each table is keyed by the value after [`norm`], so case and punctuation do
//! not matter ("NFA - Deceased" (R1) and "NFA: Deceased" (R2) are one key). An
//! unknown value of a field the metrics depend on is an error that lists the
//! accepted values; see the module doc of [`cld`](crate::cld) for which are
//! warnings instead.

use continuum_domain::{ClientType, Date, Gender, ParseError, Route, parse_date};

use super::columns::norm;

/// Looks `value` up in a table keyed by normalised spellings.
pub(crate) fn find<T: Copy>(table: &[(&str, T)], value: &str, what: &str) -> Result<T, ParseError> {
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
}
