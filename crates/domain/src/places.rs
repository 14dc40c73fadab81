//! Councils, their localities, population and the prevalence of need.

use serde::{Deserialize, Serialize};

use crate::{Date, LaName, LocalityId, OnsCode, PopulationKind, Sex};

/// A council with adult social care duties (a "local authority").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Authority {
    /// The name exactly as CQC writes it; the tenant key of every council table.
    pub la: LaName,
    /// The ONS code. Sources are matched on it, never on the name.
    pub ons_code: OnsCode,
    /// The default assessment date.
    pub as_at: Option<Date>,
    /// The names of neighbouring councils, for peer comparison and out-of-area
    /// placements.
    pub neighbours: Vec<LaName>,
}

/// A part of a council's area, such as a district or a locality team's patch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locality {
    pub la: LaName,
    pub locality_id: LocalityId,
    pub name: String,
    pub rural: bool,
}

/// The adult age bands population and need are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeBand {
    #[serde(rename = "18-64")]
    A18To64,
    #[serde(rename = "65-74")]
    A65To74,
    #[serde(rename = "75-84")]
    A75To84,
    #[serde(rename = "85+")]
    A85Plus,
}

impl AgeBand {
    /// Every band, youngest first.
    pub const ALL: [AgeBand; 4] = [
        AgeBand::A18To64,
        AgeBand::A65To74,
        AgeBand::A75To84,
        AgeBand::A85Plus,
    ];

    /// The band as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::A18To64 => "18-64",
            AgeBand::A65To74 => "65-74",
            AgeBand::A75To84 => "75-84",
            AgeBand::A85Plus => "85+",
        }
    }

    /// The band for an age in whole years; none for children.
    pub fn for_age(age: u32) -> Option<AgeBand> {
        match age {
            0..=17 => None,
            18..=64 => Some(AgeBand::A18To64),
            65..=74 => Some(AgeBand::A65To74),
            75..=84 => Some(AgeBand::A75To84),
            _ => Some(AgeBand::A85Plus),
        }
    }

    /// Aged 65 or over.
    pub fn is_65_plus(self) -> bool {
        self != AgeBand::A18To64
    }
}

impl std::str::FromStr for AgeBand {
    type Err = crate::vocab::UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AgeBand::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or_else(|| crate::vocab::UnknownWord {
                vocabulary: "age_band",
                value: s.to_string(),
                expected: AgeBand::ALL.iter().map(|b| b.as_str()).collect(),
            })
    }
}

impl std::fmt::Display for AgeBand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One population figure: people of one sex and age band, in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopulationRow {
    pub la: LaName,
    /// `None` means the whole council.
    pub locality_id: Option<LocalityId>,
    pub year: i32,
    pub sex: Sex,
    pub age_band: AgeBand,
    pub people: u64,
    pub kind: PopulationKind,
}

/// How common a need is in one sex and age band (POPPI/PANSI style).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrevalenceRow {
    /// For example `selfcare_help`, `dementia`, `learning_disability`.
    pub measure: String,
    pub sex: Sex,
    pub age_band: AgeBand,
    /// A fraction, 0–1.
    pub rate: f64,
}
