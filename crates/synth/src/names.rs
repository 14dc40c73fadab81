//! Plausible names for locations and providers, and postcodes.
//!
//! All names are made up from common English words. National provider groups
//! have invented names so that no generated row can be mistaken for a real
//! company.

use continuum_domain::ServiceType as S;

use crate::rng::{Rng, between, index};

const WORDS: [&str; 48] = [
    "Oak", "Willow", "Beech", "Rowan", "Maple", "Cedar", "Elm", "Hawthorn", "Meadow", "Brook",
    "River", "Hill", "Park", "Orchard", "Heather", "Lavender", "Primrose", "Bluebell", "Ash",
    "Birch", "Holly", "Ivy", "Linden", "Poplar", "Sycamore", "Chestnut", "Larch", "Hazel",
    "Juniper", "Alder", "Fern", "Moor", "Abbey", "Castle", "Church", "Mill", "Priory", "Bridge",
    "Field", "Green", "Harbour", "Spring", "Summer", "Valley", "Wood", "Lake", "Stone", "Glebe",
];

const HOME_SUFFIX: [&str; 12] = [
    "House", "Lodge", "Court", "Manor", "Grange", "View", "Hall", "Gardens", "Mews", "Place",
    "Park", "Lea",
];

const SURNAMES: [&str; 24] = [
    "Ashworth",
    "Bennett",
    "Carter",
    "Dawson",
    "Ellis",
    "Fletcher",
    "Gibson",
    "Harper",
    "Ingram",
    "Jennings",
    "Kendall",
    "Lawson",
    "Marsh",
    "Norton",
    "Osborne",
    "Prescott",
    "Quinn",
    "Rhodes",
    "Sutton",
    "Thornton",
    "Underwood",
    "Vaughan",
    "Whitaker",
    "Yates",
];

/// Fictional national provider groups, shared by every council.
pub(crate) const GROUPS: [&str; 24] = [
    "Evergreen Care Group Ltd",
    "Harbourside Healthcare Ltd",
    "Silverleaf Living Ltd",
    "Northstar Care Homes Ltd",
    "Kindred Care Partnership",
    "Meadowbank Care Group",
    "Brightwater Healthcare Ltd",
    "Ashdown Vale Care Ltd",
    "Cornerstone Supported Living Ltd",
    "Lanternlight Homecare Ltd",
    "Oakmere Care Ltd",
    "Thistle and Rose Care Ltd",
    "Greenway Community Care CIC",
    "Riverbend Homes Ltd",
    "Hearthstone Care Ltd",
    "Willowbrook Healthcare Group",
    "Keystone Living Ltd",
    "Amberley Court Care Ltd",
    "Fieldfare Homecare Ltd",
    "Highcroft Care Services Ltd",
    "Marigold Care Group",
    "Pennant Supported Living",
    "Quayside Care Ltd",
    "Starling Homecare Ltd",
];

fn word(rng: &mut Rng) -> &'static str {
    WORDS[index(rng, WORDS.len())]
}

/// A location name that suits its service type and place.
pub(crate) fn location(rng: &mut Rng, service: S, place: &str) -> String {
    let w = word(rng);
    match service {
        S::NursingHome | S::ResidentialHome | S::Respite | S::IntermediateCare => {
            let suffix = HOME_SUFFIX[index(rng, HOME_SUFFIX.len())];
            match service {
                S::NursingHome if between(rng, 0, 2) == 0 => format!("{w} {suffix} Nursing Home"),
                S::Respite => format!("{w} {suffix} Short Breaks"),
                S::IntermediateCare => format!("{place} Intermediate Care Centre"),
                _ => format!("{w} {suffix}"),
            }
        }
        S::Homecare => match between(rng, 0, 2) {
            0 => format!("{w} Home Care - {place}"),
            1 => format!("{w} Care at Home"),
            _ => format!("{place} Domiciliary Care"),
        },
        S::SupportedLiving => format!("{w} Supported Living"),
        S::ExtraCare => format!(
            "{w} {} Extra Care",
            HOME_SUFFIX[index(rng, HOME_SUFFIX.len())]
        ),
        S::DayService => format!("{place} {w} Day Centre"),
        S::SharedLives => format!("{place} Shared Lives Scheme"),
        S::Other => format!("{w} Community Support"),
    }
}

/// The name of a provider that runs one location.
pub(crate) fn single_provider(rng: &mut Rng, location_name: &str) -> String {
    if between(rng, 0, 3) == 0 {
        format!("{} Care Ltd", SURNAMES[index(rng, SURNAMES.len())])
    } else {
        let stem = location_name.split(" - ").next().unwrap_or(location_name);
        format!("{stem} Ltd")
    }
}

/// The name of a local provider group with several locations.
pub(crate) fn local_group(rng: &mut Rng, place: &str) -> String {
    match between(rng, 0, 2) {
        0 => format!("{} & {} Care Ltd", pick_surname(rng), pick_surname(rng)),
        1 => format!("{place} Care Group Ltd"),
        _ => format!("{} Healthcare Ltd", word(rng)),
    }
}

fn pick_surname(rng: &mut Rng) -> &'static str {
    SURNAMES[index(rng, SURNAMES.len())]
}

/// A postcode such as `AY3 7QD`: the council's area letters, a district number
/// from the locality, and an inward code.
pub(crate) fn postcode(rng: &mut Rng, area: &str, district: u32) -> String {
    const UNIT: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let sector = between(rng, 0, 9);
    let a = UNIT[index(rng, UNIT.len())] as char;
    let b = UNIT[index(rng, UNIT.len())] as char;
    format!("{area}{district} {sector}{a}{b}")
}
