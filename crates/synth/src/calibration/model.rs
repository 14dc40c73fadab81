//! Model shape of people's journeys: who comes to the council, for what, and what
//! follows. No report gives these; they are tuned so that the reported figures
//! in the other calibration modules come out.

use continuum_domain::{PrimarySupportReason as P, ServiceType as S};

/// The first service an older person (65+) is referred for.
pub const FIRST_SERVICE_OLDER: [(S, f64); 8] = [
    (S::Homecare, 0.50),
    (S::ResidentialHome, 0.07),
    (S::NursingHome, 0.05),
    (S::ExtraCare, 0.03),
    (S::DayService, 0.05),
    (S::Respite, 0.05),
    (S::IntermediateCare, 0.12),
    (S::Other, 0.02),
];

/// The first service a younger adult (18–64) is referred for.
pub const FIRST_SERVICE_YOUNGER: [(S, f64); 7] = [
    (S::SupportedLiving, 0.22),
    (S::Homecare, 0.25),
    (S::DayService, 0.25),
    (S::ResidentialHome, 0.04),
    (S::SharedLives, 0.04),
    (S::Respite, 0.06),
    (S::Other, 0.05),
];

/// What follows an episode that ended other than by death: the next service, or
/// `None` for no further care.
pub fn next_service(after: S) -> &'static [(Option<S>, f64)] {
    match after {
        S::Homecare => &[
            (Some(S::Homecare), 0.30),
            (Some(S::ResidentialHome), 0.13),
            (Some(S::NursingHome), 0.08),
            (Some(S::Respite), 0.05),
            (None, 0.37),
        ],
        S::IntermediateCare => &[
            (Some(S::Homecare), 0.55),
            (Some(S::ResidentialHome), 0.15),
            (Some(S::NursingHome), 0.05),
            (None, 0.25),
        ],
        S::Respite => &[
            (Some(S::Homecare), 0.35),
            (Some(S::ResidentialHome), 0.15),
            (None, 0.40),
        ],
        S::ResidentialHome => &[
            (Some(S::NursingHome), 0.30),
            (Some(S::ResidentialHome), 0.20),
            (None, 0.50),
        ],
        S::NursingHome => &[(Some(S::NursingHome), 0.2), (None, 0.8)],
        S::SupportedLiving => &[
            (Some(S::SupportedLiving), 0.40),
            (Some(S::ResidentialHome), 0.05),
            (None, 0.48),
        ],
        S::ExtraCare => &[
            (Some(S::ResidentialHome), 0.25),
            (Some(S::NursingHome), 0.12),
            (None, 0.50),
        ],
        S::DayService | S::SharedLives | S::Other => &[
            (Some(S::DayService), 0.25),
            (Some(S::Homecare), 0.20),
            (None, 0.55),
        ],
    }
}

/// Ages of older people at first referral: (lowest, highest, weight).
pub const AGES_OLDER: [((i64, i64), f64); 3] =
    [((65, 74), 0.22), ((75, 84), 0.40), ((85, 101), 0.38)];

/// Ages of younger adults at first referral.
pub const AGES_YOUNGER: [((i64, i64), f64); 3] =
    [((18, 25), 0.22), ((26, 45), 0.36), ((46, 64), 0.42)];

/// Women's share of older and of younger service users.
pub const FEMALE_OLDER: f64 = 0.61;
/// Women's share of younger service users.
pub const FEMALE_YOUNGER: f64 = 0.47;

/// Primary support reasons of older people.
pub const PSR_OLDER: [(P, f64); 8] = [
    (P::PersonalCare, 0.60),
    (P::AccessAndMobility, 0.09),
    (P::MemoryAndCognition, 0.18),
    (P::MentalHealth, 0.04),
    (P::VisualImpairment, 0.02),
    (P::HearingImpairment, 0.01),
    (P::SocialIsolation, 0.04),
    (P::Unknown, 0.02),
];

/// Primary support reasons of younger adults.
pub const PSR_YOUNGER: [(P, f64); 9] = [
    (P::LearningDisability, 0.38),
    (P::MentalHealth, 0.22),
    (P::PersonalCare, 0.18),
    (P::AccessAndMobility, 0.07),
    (P::SubstanceMisuse, 0.04),
    (P::AsylumSeeker, 0.01),
    (P::SocialIsolation, 0.05),
    (P::DualImpairment, 0.01),
    (P::Unknown, 0.04),
];

/// CLD ethnicity words (snake_case) and their shares in a typical English
/// council outside London; London boroughs use [`ETHNICITY_LONDON`].
pub const ETHNICITY: [(&str, f64); 10] = [
    (
        "white_english_welsh_scottish_northern_irish_or_british",
        0.84,
    ),
    ("white_irish", 0.01),
    ("white_any_other_white_background", 0.04),
    ("asian_or_asian_british_indian", 0.02),
    ("asian_or_asian_british_pakistani", 0.02),
    ("black_black_british_caribbean_or_african_african", 0.015),
    ("black_black_british_caribbean_or_african_caribbean", 0.01),
    (
        "mixed_or_multiple_ethnic_groups_white_and_black_caribbean",
        0.01,
    ),
    ("other_ethnic_group_any_other_ethnic_group", 0.01),
    ("no_data_undeclared_or_not_known", 0.025),
];

/// Ethnicity shares in a London borough.
pub const ETHNICITY_LONDON: [(&str, f64); 10] = [
    (
        "white_english_welsh_scottish_northern_irish_or_british",
        0.45,
    ),
    ("white_irish", 0.03),
    ("white_any_other_white_background", 0.12),
    ("asian_or_asian_british_indian", 0.08),
    ("asian_or_asian_british_pakistani", 0.04),
    ("black_black_british_caribbean_or_african_african", 0.08),
    ("black_black_british_caribbean_or_african_caribbean", 0.07),
    (
        "mixed_or_multiple_ethnic_groups_white_and_black_caribbean",
        0.03,
    ),
    ("other_ethnic_group_any_other_ethnic_group", 0.05),
    ("no_data_undeclared_or_not_known", 0.05),
];

/// Share of people with no ethnicity recorded (an empty cell).
pub const ETHNICITY_MISSING: f64 = 0.03;
