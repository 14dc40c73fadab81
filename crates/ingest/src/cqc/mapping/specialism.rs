//! The specialism rule (the table is in the parent module's doc).

use continuum_domain::Specialism;

use super::same_word;

use Specialism as S;

/// CQC specialism and service user band names and the bundle specialisms they
/// stand for. An empty list means "known, but no bundle equivalent".
const NAMES: [(&str, &[Specialism]); 25] = [
    ("Caring for adults over 65 yrs", &[S::OlderPeople]),
    ("Older People", &[S::OlderPeople]),
    ("Caring for adults under 65 yrs", &[S::YoungerAdults]),
    ("Younger Adults", &[S::YoungerAdults]),
    ("Dementia", &[S::Dementia]),
    ("Learning disabilities", &[S::LearningDisability]),
    (
        "Learning disabilities or autistic spectrum disorder",
        &[S::LearningDisability, S::Autism],
    ),
    ("Mental health conditions", &[S::MentalHealth]),
    ("Mental Health", &[S::MentalHealth]),
    ("Physical disabilities", &[S::PhysicalDisability]),
    ("Physical Disability", &[S::PhysicalDisability]),
    ("Sensory impairment", &[S::SensoryImpairment]),
    ("Sensory impairments", &[S::SensoryImpairment]),
    ("Substance misuse problems", &[S::SubstanceMisuse]),
    ("People who misuse drugs and alcohol", &[S::SubstanceMisuse]),
    ("Caring for children", &[]),
    ("Caring for children (0 - 18yrs)", &[]),
    ("Children 0-18 years", &[]),
    ("Eating disorders", &[]),
    ("People with an eating disorder", &[]),
    ("Services for everyone", &[]),
    ("Whole Population", &[]),
    (
        "Caring for people whose rights are restricted under the Mental Health Act",
        &[],
    ),
    ("People detained under the Mental Health Act", &[]),
    ("Personal care", &[]),
];

/// What one CQC specialism name means for the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialismName {
    /// The name stands for these specialisms.
    Maps(&'static [Specialism]),
    /// A CQC name with no bundle equivalent (children, eating disorders…).
    NoEquivalent,
    /// A name this table does not know: worth a warning, since CQC may have
    /// added a word.
    Unknown,
}

/// Looks up one CQC specialism or service user band name.
pub fn specialism(name: &str) -> SpecialismName {
    match NAMES.iter().find(|(n, _)| same_word(n, name)) {
        Some((_, [])) => SpecialismName::NoEquivalent,
        Some((_, list)) => SpecialismName::Maps(list),
        None => SpecialismName::Unknown,
    }
}

/// The bundle specialisms of a location from all its CQC names, sorted and
/// without repeats, with the names that were not recognised (for a warning).
/// Empty names are ignored.
pub fn specialisms<'a>(names: impl IntoIterator<Item = &'a str>) -> (Vec<Specialism>, Vec<String>) {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for name in names.into_iter().filter(|n| !n.trim().is_empty()) {
        match specialism(name) {
            SpecialismName::Maps(list) => out.extend_from_slice(list),
            SpecialismName::NoEquivalent => {}
            SpecialismName::Unknown => unknown.push(name.trim().to_string()),
        }
    }
    out.sort();
    out.dedup();
    (out, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caring_for_adults_over_65_is_older_people() {
        assert_eq!(
            specialism("Caring for adults over 65 yrs"),
            SpecialismName::Maps(&[S::OlderPeople])
        );
        assert_eq!(
            specialism("Caring for adults under 65 yrs"),
            SpecialismName::Maps(&[S::YoungerAdults])
        );
    }

    #[test]
    fn learning_disabilities_or_autism_is_both() {
        assert_eq!(
            specialism("Learning disabilities or autistic spectrum disorder"),
            SpecialismName::Maps(&[S::LearningDisability, S::Autism])
        );
    }

    #[test]
    fn both_spellings_of_sensory_impairment_are_known() {
        assert_eq!(
            specialism("Sensory impairment"),
            specialism("Sensory impairments")
        );
        assert_eq!(
            specialism("sensory impairments"),
            SpecialismName::Maps(&[S::SensoryImpairment])
        );
    }

    #[test]
    fn children_eating_disorders_and_services_for_everyone_are_dropped() {
        for n in [
            "Caring for children",
            "Caring for children (0 - 18yrs)",
            "Eating disorders",
            "Services for everyone",
        ] {
            assert_eq!(specialism(n), SpecialismName::NoEquivalent, "{n}");
        }
    }

    #[test]
    fn an_unheard_of_name_is_unknown() {
        assert_eq!(specialism("Bariatric care"), SpecialismName::Unknown);
    }

    #[test]
    fn a_locations_specialisms_are_sorted_and_have_no_repeats() {
        let (list, unknown) = specialisms([
            "Physical disabilities",
            "Learning disabilities",
            "Dementia",
            "Learning disabilities or autistic spectrum disorder",
            "Caring for children",
            "",
            "Telepathy",
        ]);
        assert_eq!(
            list,
            vec![
                S::Dementia,
                S::LearningDisability,
                S::Autism,
                S::PhysicalDisability
            ]
        );
        assert_eq!(unknown, vec!["Telepathy".to_string()]);
    }
}
