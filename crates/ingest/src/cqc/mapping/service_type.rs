//! The primary service type rule (the table is in the parent module's doc).

use continuum_domain::ServiceType;

use super::same_word;

/// CQC service type names, most specific first. Each row holds the short name
/// (API `gacServiceTypes[].name`, directory `Service types`) and the long name
/// (API `gacServiceTypes[].description`, "care directory with filters" columns).
const PRIORITY: [(&str, &str, ServiceType); 7] = [
    (
        "Nursing homes",
        "Care home service with nursing",
        ServiceType::NursingHome,
    ),
    (
        "Residential homes",
        "Care home service without nursing",
        ServiceType::ResidentialHome,
    ),
    (
        "Supported housing",
        "Extra Care housing services",
        ServiceType::ExtraCare,
    ),
    ("Shared lives", "Shared Lives", ServiceType::SharedLives),
    (
        "Supported living",
        "Supported living service",
        ServiceType::SupportedLiving,
    ),
    (
        "Homecare agencies",
        "Domiciliary care service",
        ServiceType::Homecare,
    ),
    (
        "Rehabilitation (illness/injury)",
        "Rehabilitation services",
        ServiceType::IntermediateCare,
    ),
];

/// The bundle service type one CQC service type name stands for, or none when
/// the name is not in the priority table (a dentist, a GP, a hospital…).
pub fn service_type_of_name(name: &str) -> Option<ServiceType> {
    PRIORITY
        .iter()
        .find(|(short, long, _)| same_word(short, name) || same_word(long, name))
        .map(|(_, _, t)| *t)
}

/// The primary service type of a location from all its CQC service type names:
/// the most specific one wins, and a location with none of the table's names is
/// `other`.
pub fn service_type<'a>(names: impl IntoIterator<Item = &'a str>) -> ServiceType {
    let found: Vec<ServiceType> = names.into_iter().filter_map(service_type_of_name).collect();
    PRIORITY
        .iter()
        .map(|(_, _, t)| *t)
        .find(|t| found.contains(t))
        .unwrap_or(ServiceType::Other)
}

/// Whether a CQC service type name is one of the six adult social care types
/// (every row of the table except rehabilitation, which hospitals have too).
pub fn is_adult_social_care_service_type(name: &str) -> bool {
    matches!(
        service_type_of_name(name),
        Some(t) if t != ServiceType::IntermediateCare
    )
}

/// The service type of a location in the ratings CSV, which knows only whether
/// it is a care home and which service groups it was rated in. Returns the type
/// and whether nursing is unknown (always so for a care home: the CSV cannot
/// tell a nursing home from a residential one).
pub fn ratings_csv_service_type<'a>(
    care_home: bool,
    service_groups: impl IntoIterator<Item = &'a str>,
) -> (ServiceType, bool) {
    if care_home {
        (ServiceType::ResidentialHome, true)
    } else if service_groups
        .into_iter()
        .any(|g| same_word(g, "Supported Living"))
    {
        (ServiceType::SupportedLiving, false)
    } else {
        (ServiceType::Homecare, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_care_home_with_nursing_is_a_nursing_home() {
        assert_eq!(
            service_type(["Care home service with nursing"]),
            ServiceType::NursingHome
        );
        assert_eq!(service_type(["Nursing homes"]), ServiceType::NursingHome);
    }

    #[test]
    fn a_care_home_without_nursing_is_a_residential_home() {
        assert_eq!(
            service_type(["Care home service without nursing"]),
            ServiceType::ResidentialHome
        );
        assert_eq!(
            service_type(["Residential homes"]),
            ServiceType::ResidentialHome
        );
    }

    #[test]
    fn nursing_wins_over_every_other_service_type() {
        assert_eq!(
            service_type(["Homecare agencies", "Residential homes", "Nursing homes"]),
            ServiceType::NursingHome
        );
        assert_eq!(
            service_type(["Diagnosis/screening", "Nursing homes"]),
            ServiceType::NursingHome
        );
    }

    #[test]
    fn supported_housing_is_extra_care_even_with_homecare_and_supported_living() {
        assert_eq!(
            service_type([
                "Homecare agencies",
                "Rehabilitation (illness/injury)",
                "Supported housing",
                "Supported living"
            ]),
            ServiceType::ExtraCare
        );
        assert_eq!(
            service_type(["Extra Care housing services"]),
            ServiceType::ExtraCare
        );
    }

    #[test]
    fn shared_lives_wins_over_supported_living() {
        assert_eq!(
            service_type(["Supported living", "Shared lives"]),
            ServiceType::SharedLives
        );
    }

    #[test]
    fn a_homecare_agency_that_also_runs_supported_living_is_supported_living() {
        assert_eq!(
            service_type(["Homecare agencies", "Supported living"]),
            ServiceType::SupportedLiving
        );
        assert_eq!(
            service_type(["Supported living service"]),
            ServiceType::SupportedLiving
        );
    }

    #[test]
    fn a_domiciliary_care_service_is_homecare() {
        assert_eq!(
            service_type(["Domiciliary care service"]),
            ServiceType::Homecare
        );
        assert_eq!(service_type(["homecare AGENCIES "]), ServiceType::Homecare);
    }

    #[test]
    fn homecare_wins_over_rehabilitation() {
        assert_eq!(
            service_type(["Rehabilitation (illness/injury)", "Homecare agencies"]),
            ServiceType::Homecare
        );
    }

    #[test]
    fn rehabilitation_alone_is_intermediate_care() {
        assert_eq!(
            service_type(["Rehabilitation services"]),
            ServiceType::IntermediateCare
        );
    }

    #[test]
    fn a_location_with_no_known_service_type_is_other() {
        assert_eq!(service_type(["Dentist", "Doctors/GPs"]), ServiceType::Other);
        assert_eq!(service_type([]), ServiceType::Other);
    }

    #[test]
    fn a_ratings_csv_care_home_is_residential_with_nursing_unknown() {
        assert_eq!(
            ratings_csv_service_type(true, ["Overall", "Care Homes"]),
            (ServiceType::ResidentialHome, true)
        );
        assert_eq!(
            ratings_csv_service_type(true, ["Overall", "Homecare"]),
            (ServiceType::ResidentialHome, true)
        );
    }

    #[test]
    fn a_ratings_csv_non_care_home_is_supported_living_only_when_rated_as_such() {
        assert_eq!(
            ratings_csv_service_type(false, ["Overall", "Supported Living"]),
            (ServiceType::SupportedLiving, false)
        );
        assert_eq!(
            ratings_csv_service_type(false, ["Overall", "Homecare"]),
            (ServiceType::Homecare, false)
        );
        assert_eq!(
            ratings_csv_service_type(false, ["Overall"]),
            (ServiceType::Homecare, false)
        );
    }
}
