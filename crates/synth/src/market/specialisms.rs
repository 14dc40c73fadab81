//! The specialisms a location offers, by service type: each with the chance a
//! location of that type lists it (model shape, after the CQC directory's
//! "Specialisms/services" column). A fifth of residential homes are small homes
//! for younger adults with a learning disability.

use continuum_domain::{ServiceType as S, Specialism as Sp};

use crate::rng::{Rng, chance};

type Table = &'static [(Sp, f64)];

const NURSING: Table = &[
    (Sp::Dementia, 0.7),
    (Sp::PhysicalDisability, 0.4),
    (Sp::MentalHealth, 0.1),
    (Sp::Bariatric, 0.08),
    (Sp::OlderPeople, 1.0),
    (Sp::EndOfLife, 0.6),
];
const LEARNING_DISABILITY_HOME: Table = &[
    (Sp::LearningDisability, 1.0),
    (Sp::Autism, 0.6),
    (Sp::PhysicalDisability, 0.2),
    (Sp::ComplexNeeds, 0.4),
    (Sp::YoungerAdults, 1.0),
];
const RESIDENTIAL: Table = &[
    (Sp::Dementia, 0.65),
    (Sp::MentalHealth, 0.08),
    (Sp::PhysicalDisability, 0.25),
    (Sp::SensoryImpairment, 0.1),
    (Sp::OlderPeople, 1.0),
    (Sp::EndOfLife, 0.15),
    (Sp::CulturallySpecific, 0.02),
];
const HOMECARE: Table = &[
    (Sp::Dementia, 0.6),
    (Sp::LearningDisability, 0.2),
    (Sp::MentalHealth, 0.2),
    (Sp::PhysicalDisability, 0.6),
    (Sp::SensoryImpairment, 0.3),
    (Sp::YoungerAdults, 0.4),
    (Sp::OlderPeople, 1.0),
    (Sp::EndOfLife, 0.2),
    (Sp::CulturallySpecific, 0.05),
];
const SUPPORTED_LIVING: Table = &[
    (Sp::LearningDisability, 0.75),
    (Sp::Autism, 0.5),
    (Sp::MentalHealth, 0.3),
    (Sp::PhysicalDisability, 0.15),
    (Sp::ComplexNeeds, 0.3),
    (Sp::YoungerAdults, 1.0),
];
const EXTRA_CARE: Table = &[
    (Sp::Dementia, 0.3),
    (Sp::PhysicalDisability, 0.4),
    (Sp::OlderPeople, 1.0),
];
const DAY: Table = &[
    (Sp::Dementia, 0.3),
    (Sp::LearningDisability, 0.5),
    (Sp::OlderPeople, 0.5),
];
const SHARED_LIVES: Table = &[(Sp::LearningDisability, 1.0), (Sp::YoungerAdults, 1.0)];
const RESPITE: Table = &[
    (Sp::Dementia, 0.4),
    (Sp::LearningDisability, 0.4),
    (Sp::OlderPeople, 0.7),
];
const INTERMEDIATE: Table = &[(Sp::PhysicalDisability, 1.0), (Sp::OlderPeople, 1.0)];
const OTHER: Table = &[(Sp::MentalHealth, 1.0), (Sp::SubstanceMisuse, 0.3)];

/// The specialisms of a new location, in the table's order.
pub(crate) fn draw(rng: &mut Rng, s: S) -> Vec<Sp> {
    let table = match s {
        S::NursingHome => NURSING,
        S::ResidentialHome if chance(rng, 0.2) => LEARNING_DISABILITY_HOME,
        S::ResidentialHome => RESIDENTIAL,
        S::Homecare => HOMECARE,
        S::SupportedLiving => SUPPORTED_LIVING,
        S::ExtraCare => EXTRA_CARE,
        S::DayService => DAY,
        S::SharedLives => SHARED_LIVES,
        S::Respite => RESPITE,
        S::IntermediateCare => INTERMEDIATE,
        S::Other => OTHER,
    };
    table
        .iter()
        .filter(|(_, p)| chance(rng, *p))
        .map(|(sp, _)| *sp)
        .collect()
}
