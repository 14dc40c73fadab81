//! The rules that turn CQC's words into the bundle's vocabulary. They are pure
//! functions, so the README can quote them and the tests can pin them down.
//!
//! ## Which locations are adult social care
//!
//! | source | a location is adult social care when |
//! |---|---|
//! | API JSON | `inspectionDirectorate` is `Adult social care`; or it is `Unspecified` (as the API files many deregistered locations), the `type` is `Social Care Org` and a service type is an adult social care one (below) |
//! | ratings CSV | `Location Primary Inspection Category` is `Residential social care` or `Community based adult social care services` |
//! | directory CSV | one of its `Service types` is an adult social care service type: a name in the rows `nursing_home` to `homecare` of the table below (`Nursing homes`, `Residential homes`, `Supported housing`, `Shared lives`, `Supported living`, `Homecare agencies`, or their long CQC names) |
//!
//! The directory has neither a directorate nor an inspection category, so its
//! rule was chosen from the data: on the Oldham API files, "has one of those six
//! service types" agrees with `inspectionDirectorate = Adult social care` for all
//! 391 locations whose directorate is known (the test
//! `the_directory_rule_agrees_with_the_api_directorate` checks it). Rehabilitation,
//! "Community services - …" and the health service types are left out because
//! health locations carry them too; the adult social care locations that have
//! them also have one of the six.
//!
//! Matching ignores case and surrounding spaces everywhere ("Doctors/Gps" and
//! "Doctors/GPs" are the same word).
//!
//! ## The primary service type
//!
//! A location may have several CQC service types. Its primary `service_type` is
//! the first row of this table (most specific first) that any of them matches:
//!
//! | priority | CQC service type (short name / long name) | `service_type` |
//! |---|---|---|
//! | 1 | `Nursing homes` / `Care home service with nursing` | `nursing_home` |
//! | 2 | `Residential homes` / `Care home service without nursing` | `residential_home` |
//! | 3 | `Supported housing` / `Extra Care housing services` | `extra_care` |
//! | 4 | `Shared lives` / `Shared Lives` | `shared_lives` |
//! | 5 | `Supported living` / `Supported living service` | `supported_living` |
//! | 6 | `Homecare agencies` / `Domiciliary care service` | `homecare` |
//! | 7 | `Rehabilitation (illness/injury)` / `Rehabilitation services` | `intermediate_care` |
//! | – | anything else | `other` |
//!
//! So a homecare agency that also runs supported living is `supported_living`, and
//! a nursing home that also sends carers out is `nursing_home`.
//!
//! The ratings CSV has no service types. It says whether a location is a care
//! home but not whether it provides nursing, so:
//!
//! | `Care Home?` | service groups of the location | `service_type` | `nursing_unknown` |
//! |---|---|---|---|
//! | `Y` | any | `residential_home` | true (a nursing home already in the register stays one) |
//! | `N` | one is `Supported Living` | `supported_living` | false |
//! | `N` | otherwise | `homecare` | false |
//!
//! ## Specialisms
//!
//! CQC's specialism names (API `specialisms[].name`, directory
//! `Specialisms/services`) and service user bands (the "care directory with
//! filters") map to the bundle's specialisms:
//!
//! | CQC name | specialisms |
//! |---|---|
//! | `Caring for adults over 65 yrs`, `Older People` | `older_people` |
//! | `Caring for adults under 65 yrs`, `Younger Adults` | `younger_adults` |
//! | `Dementia` | `dementia` |
//! | `Learning disabilities` | `learning_disability` |
//! | `Learning disabilities or autistic spectrum disorder` | `learning_disability`, `autism` |
//! | `Mental health conditions`, `Mental Health` | `mental_health` |
//! | `Physical disabilities`, `Physical Disability` | `physical_disability` |
//! | `Sensory impairment`, `Sensory impairments`, `Sensory Impairment` | `sensory_impairment` |
//! | `Substance misuse problems`, `People who misuse drugs and alcohol` | `substance_misuse` |
//!
//! These have no bundle equivalent and are dropped without a word:
//! `Caring for children`, `Caring for children (0 - 18yrs)`, `Children 0-18 years`,
//! `Eating disorders`, `People with an eating disorder`, `Services for everyone`,
//! `Whole Population`, `Caring for people whose rights are restricted under the
//! Mental Health Act`, `People detained under the Mental Health Act`, and
//! `Personal care` (a regulated activity the directory lists with the
//! specialisms). Any other name is dropped with a warning, so that a new CQC word
//! is noticed. The result is sorted in the bundle's vocabulary order and has no
//! repeats.

mod service_type;
mod specialism;

pub use service_type::{
    is_adult_social_care_service_type, ratings_csv_service_type, service_type, service_type_of_name,
};
pub use specialism::{SpecialismName, specialism, specialisms};

use continuum_domain::ParseError;

/// The API's directorate for adult social care.
pub const ASC_DIRECTORATE: &str = "Adult social care";

/// The ratings CSV's primary inspection categories for adult social care.
pub const ASC_INSPECTION_CATEGORIES: [&str; 2] = [
    "Residential social care",
    "Community based adult social care services",
];

/// True when CQC's words `a` and `b` are the same word: CQC is not consistent
/// about case ("Doctors/Gps", "Doctors/GPs") or spaces.
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Whether an API location is adult social care, by its `inspectionDirectorate`.
/// Everything else (GPs, dentists, hospitals) is skipped; see
/// [`is_adult_social_care_api_location`] for the deregistered locations the API
/// files under "Unspecified".
pub fn is_adult_social_care_directorate(directorate: &str) -> bool {
    same_word(directorate, ASC_DIRECTORATE)
}

/// Whether an API location is adult social care. The API files many
/// deregistered care services under the directorate "Unspecified"; they are
/// kept when their `type` is "Social Care Org" and they have an adult social
/// care service type, so that market exits are not undercounted.
pub fn is_adult_social_care_api_location<'a>(
    directorate: &str,
    org_type: &str,
    service_types: impl IntoIterator<Item = &'a str>,
) -> bool {
    is_adult_social_care_directorate(directorate)
        || (same_word(directorate, "Unspecified")
            && same_word(org_type, "Social Care Org")
            && is_adult_social_care_service_types(service_types))
}

/// Whether a ratings-CSV location is adult social care, by its primary
/// inspection category.
pub fn is_adult_social_care_category(category: &str) -> bool {
    ASC_INSPECTION_CATEGORIES
        .iter()
        .any(|c| same_word(c, category))
}

/// Whether a directory location is adult social care, by its service types.
pub fn is_adult_social_care_service_types<'a>(names: impl IntoIterator<Item = &'a str>) -> bool {
    names.into_iter().any(is_adult_social_care_service_type)
}

/// The score of a quality statement from CQC's words for it: the leading digit
/// of "3 - Evidence shows a good standard of care", and none for words without
/// a score such as "Regulations met".
///
/// A leading number that is not a single digit from 1 to 4 is refused, because
/// CQC's scale has only those four and anything else means the file is wrong.
pub fn quality_statement_score(text: &str) -> Result<Option<u8>, ParseError> {
    let t = text.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.as_str() {
        "1" => Ok(Some(1)),
        "2" => Ok(Some(2)),
        "3" => Ok(Some(3)),
        "4" => Ok(Some(4)),
        _ => Err(ParseError::expected(
            "a quality statement score from 1 to 4, such as \"3 - Evidence shows a good \
             standard of care\", or words without a score such as \"Regulations met\"",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_adult_social_care_directorate_is_recognised_whatever_the_case() {
        assert!(is_adult_social_care_directorate("Adult social care"));
        assert!(is_adult_social_care_directorate(" adult Social Care "));
        assert!(!is_adult_social_care_directorate(
            "Primary medical services"
        ));
        assert!(!is_adult_social_care_directorate("Unspecified"));
        assert!(is_adult_social_care_api_location(
            "Unspecified",
            "Social Care Org",
            ["Homecare agencies"]
        ));
        assert!(!is_adult_social_care_api_location(
            "Unspecified",
            "Primary Dental Care",
            ["Dentist"]
        ));
        assert!(!is_adult_social_care_api_location(
            "Unspecified",
            "Social Care Org",
            ["Doctors/Gps"]
        ));
    }

    #[test]
    fn only_the_two_social_care_categories_are_adult_social_care() {
        assert!(is_adult_social_care_category("Residential social care"));
        assert!(is_adult_social_care_category(
            "Community based adult social care services"
        ));
        assert!(!is_adult_social_care_category("Community substance misuse"));
        assert!(!is_adult_social_care_category("GP Practices"));
    }

    #[test]
    fn a_directory_row_with_a_care_service_type_is_adult_social_care() {
        assert!(is_adult_social_care_service_types([
            "Doctors/GPs",
            "Homecare agencies"
        ]));
        assert!(is_adult_social_care_service_types(["Shared lives"]));
        assert!(is_adult_social_care_service_types([
            "Care home service with nursing"
        ]));
    }

    #[test]
    fn a_directory_row_with_only_health_service_types_is_not_adult_social_care() {
        assert!(!is_adult_social_care_service_types(["Dentist"]));
        assert!(!is_adult_social_care_service_types([
            "Rehabilitation (illness/injury)",
            "Community services - Learning disabilities"
        ]));
        assert!(!is_adult_social_care_service_types(["Organisation"]));
        assert!(!is_adult_social_care_service_types([]));
    }

    #[test]
    fn a_quality_statement_score_is_its_leading_digit() {
        assert_eq!(
            quality_statement_score("3 - Evidence shows a good standard of care"),
            Ok(Some(3))
        );
        assert_eq!(
            quality_statement_score("1 - Evidence shows significant shortfalls"),
            Ok(Some(1))
        );
    }

    #[test]
    fn regulations_met_has_no_score() {
        assert_eq!(quality_statement_score("Regulations met"), Ok(None));
        assert_eq!(quality_statement_score(""), Ok(None));
    }

    #[test]
    fn a_score_outside_one_to_four_is_refused() {
        assert!(quality_statement_score("5 - Off the scale").is_err());
        assert!(quality_statement_score("0 - Nothing").is_err());
        assert!(quality_statement_score("33 - Two digits").is_err());
    }
}
