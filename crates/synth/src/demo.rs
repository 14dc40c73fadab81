//! The demo profile: one council, "Anyshire", built to the calibration figures,
//! with every edge case the evidence pack has to handle.
//!
//! Anyshire's ONS code, `E06099999`, is **made up**: the `E06` (unitary
//! authority) range has no council 099999, so it can never clash with real ONS,
//! ASCOF or CQC data loaded beside it. The demo also writes `authority.csv` rows
//! for two real councils, Oldham (`E08000004`) and Lincolnshire (`E10000019`):
//! they hold no council data of their own, and exist so that the real CQC, ASCOF
//! and ONS files the demo loads have a council to sit under.
//!
//! Anyshire's other neighbours (Westshire, Fenmoor) and two councils further away
//! (Coastford, Kingsmere) are names only: they have no `authority.csv` row, but
//! the homes where Anyshire places people out of area are registered there.

use continuum_domain::{Authority, Date, LaName, OnsCode, ServiceType as S};

use crate::SynthError;
use crate::council::{Council, LocalitySpec, Traits};
use crate::rng::ymd;

/// The demo council's name.
pub const DEMO_LA: &str = "Anyshire";

/// The demo council's made-up ONS code (no real council has it).
pub const DEMO_ONS_CODE: &str = "E06099999";

/// The demo's as-at date: the end of the 2024-25 financial year.
pub fn demo_as_at() -> Date {
    ymd(2025, 3, 31)
}

/// A host area of the demo: a council with homes but no data of its own.
#[derive(Debug, Clone)]
pub(crate) struct HostSpec {
    pub index: u32,
    pub la: &'static str,
    pub town: &'static str,
    pub centre: (f64, f64),
    pub postcode_area: &'static str,
    pub counts: &'static [(S, u32)],
    pub neighbour: bool,
    /// Holds the home under the host council's suspension.
    pub sanctioned_home: bool,
}

/// Anyshire.
pub(crate) fn council() -> Result<Council, SynthError> {
    let la = LaName::parse(DEMO_LA)?;
    let ons = OnsCode::parse(DEMO_ONS_CODE)?;
    let localities = [
        ("Anytown", false, 0.38, (53.300, -1.120), 0.030, 1),
        ("Northbridge", false, 0.25, (53.420, -1.050), 0.030, 4),
        ("Eastwick", false, 0.22, (53.270, -0.920), 0.030, 7),
        ("The Wolds", true, 0.15, (53.180, -1.300), 0.090, 10),
    ];
    let mut seq = crate::ids::Seq::new(&format!("{DEMO_ONS_CODE}-LO"));
    let localities = localities
        .into_iter()
        .map(|(name, rural, share, centre, spread, district)| {
            Ok(LocalitySpec {
                id: seq.next()?,
                name: name.to_string(),
                rural,
                share,
                centre,
                spread,
                district,
            })
        })
        .collect::<Result<Vec<_>, SynthError>>()?;
    let neighbours = ["Fenmoor", "Lincolnshire", "Oldham", "Westshire"]
        .into_iter()
        .map(LaName::parse)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Council {
        index: 0,
        la,
        ons,
        as_at: demo_as_at(),
        neighbours,
        size: 1.0,
        population: 1.0,
        traits: Traits {
            rural: 0.15,
            ..Traits::calibrated()
        },
        postcode_area: "AY".to_string(),
        localities,
        london: false,
        demo: true,
    })
}

/// The authority rows of the two real councils that sit beside the demo.
pub(crate) fn real_neighbours() -> Result<Vec<Authority>, SynthError> {
    [("Oldham", "E08000004"), ("Lincolnshire", "E10000019")]
        .into_iter()
        .map(|(name, code)| {
            Ok(Authority {
                la: LaName::parse(name)?,
                ons_code: OnsCode::parse(code)?,
                as_at: Some(demo_as_at()),
                neighbours: vec![LaName::parse(DEMO_LA)?],
            })
        })
        .collect()
}

/// The host areas, in the order their markets are generated (areas 1 to 4 of
/// the demo's world; Anyshire is area 0).
pub(crate) const HOSTS: [HostSpec; 4] = [
    HostSpec {
        index: 1,
        la: "Westshire",
        town: "Westbury",
        centre: (53.350, -1.650),
        postcode_area: "WY",
        counts: &[
            (S::ResidentialHome, 8),
            (S::NursingHome, 4),
            (S::SupportedLiving, 4),
            (S::DayService, 3),
            (S::Respite, 1),
            (S::SharedLives, 1),
        ],
        neighbour: true,
        sanctioned_home: true,
    },
    HostSpec {
        index: 2,
        la: "Fenmoor",
        town: "Fenby",
        centre: (53.050, -0.850),
        postcode_area: "FQ",
        counts: &[
            (S::ResidentialHome, 6),
            (S::NursingHome, 3),
            (S::SupportedLiving, 3),
            (S::DayService, 3),
            (S::Respite, 1),
        ],
        neighbour: true,
        sanctioned_home: false,
    },
    HostSpec {
        index: 3,
        la: "Coastford",
        town: "Coastford",
        centre: (52.950, 1.100),
        postcode_area: "CQ",
        counts: &[
            (S::ResidentialHome, 4),
            (S::NursingHome, 2),
            (S::SupportedLiving, 3),
            (S::DayService, 1),
        ],
        neighbour: false,
        sanctioned_home: false,
    },
    HostSpec {
        index: 4,
        la: "Kingsmere",
        town: "Kingsmere",
        centre: (52.200, -1.600),
        postcode_area: "KQ",
        counts: &[
            (S::ResidentialHome, 3),
            (S::NursingHome, 1),
            (S::SupportedLiving, 3),
            (S::DayService, 1),
        ],
        neighbour: false,
        sanctioned_home: false,
    },
];
