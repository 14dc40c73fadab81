//! Placing ONS geographies on councils and localities.
//!
//! Rules, in order:
//!
//! 1. A geography whose ONS code is a council's becomes that council's
//!    whole-council rows (`locality_id` empty). Councils are matched by ONS code,
//!    never by name.
//! 2. Otherwise, when localities are given, a geography whose name (or code) is
//!    the name (or ID) of exactly one council's locality becomes that locality's
//!    rows: Lincolnshire names its localities after its districts, so Boston's
//!    estimate becomes the Boston locality's. Names compare case-insensitively,
//!    with runs of spaces as one.
//! 3. Anything else is reported in a warning (code, name, people), never dropped
//!    silently: a district when no localities are given, a name two councils
//!    share, a geography from outside the councils being imported.
//!
//! When a county and its districts are both in the file, both are kept: the
//! county's whole-council rows and the districts' locality rows, which add up to
//! them.

use continuum_domain::{
    Authority, LaName, Locality, LocalityId, OnsCode, PopulationKind, PopulationRow,
};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::OnsPopulation;
use crate::{Position, Warning};

/// Where ONS geographies go: councils by ONS code and, optionally, localities by
/// name.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    councils: HashMap<OnsCode, LaName>,
    localities: HashMap<String, Vec<(LaName, LocalityId)>>,
}

impl Targets {
    /// Councils by ONS code, no localities.
    pub fn new(councils: impl IntoIterator<Item = (OnsCode, LaName)>) -> Self {
        Self {
            councils: councils.into_iter().collect(),
            localities: HashMap::new(),
        }
    }

    /// The councils of a bundle's `authority.csv`.
    pub fn from_authorities(authorities: &[Authority]) -> Self {
        Self::new(
            authorities
                .iter()
                .map(|a| (a.ons_code.clone(), a.la.clone())),
        )
    }

    /// Adds localities, matched to geographies by locality name or ID.
    pub fn with_localities(mut self, localities: &[Locality]) -> Self {
        for l in localities {
            let target = (l.la.clone(), l.locality_id.clone());
            for key in [normalise(&l.name), normalise(l.locality_id.as_str())] {
                let entry = self.localities.entry(key).or_default();
                if !entry.contains(&target) {
                    entry.push(target.clone());
                }
            }
        }
        self
    }

    /// Where one geography goes, or why it goes nowhere.
    fn place(&self, code: &OnsCode, name: &str) -> Result<(LaName, Option<LocalityId>), String> {
        if let Some(la) = self.councils.get(code) {
            return Ok((la.clone(), None));
        }
        let mut found: Vec<&(LaName, LocalityId)> = Vec::new();
        for key in [normalise(name), normalise(code.as_str())] {
            for t in self.localities.get(&key).into_iter().flatten() {
                if !found.contains(&t) {
                    found.push(t);
                }
            }
        }
        match found.as_slice() {
            [(la, id)] => Ok((la.clone(), Some(id.clone()))),
            [] if self.localities.is_empty() => {
                Err("no council has this ONS code (and no localities were given)".into())
            }
            [] => Err("no council has this ONS code and no locality has this name".into()),
            many => Err(format!(
                "its name matches localities of more than one council ({})",
                many.iter()
                    .map(|(la, id)| format!("{la}/{id}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Turns ONS estimates into the bundle's population rows (kind `estimate`),
/// summed per council, locality, year, sex and band.
///
/// `file` is the source, named in the warnings about geographies that match
/// nothing (one warning per geography and year, with the people not imported).
pub fn to_population_rows(
    file: &Path,
    populations: &[OnsPopulation],
    targets: &Targets,
) -> (Vec<PopulationRow>, Vec<Warning>) {
    type Key = (
        LaName,
        Option<LocalityId>,
        i32,
        continuum_domain::Sex,
        continuum_domain::AgeBand,
    );
    let mut sums: BTreeMap<Key, u64> = BTreeMap::new();
    let mut missed: BTreeMap<(OnsCode, i32), (String, String, u64)> = BTreeMap::new();
    for p in populations {
        match targets.place(&p.geography_code, &p.geography_name) {
            Ok((la, locality)) => {
                *sums
                    .entry((la, locality, p.year, p.sex, p.age_band))
                    .or_default() += p.people;
            }
            Err(why) => {
                let key = (p.geography_code.clone(), p.year);
                let entry = missed
                    .entry(key)
                    .or_insert_with(|| (p.geography_name.clone(), why, 0));
                entry.2 += p.people;
            }
        }
    }
    let rows = sums
        .into_iter()
        .map(
            |((la, locality_id, year, sex, age_band), people)| PopulationRow {
                la,
                locality_id,
                year,
                sex,
                age_band,
                people,
                kind: PopulationKind::Estimate,
            },
        )
        .collect();
    let warnings = missed
        .into_iter()
        .map(|((code, year), (name, why, people))| Warning {
            file: file.to_path_buf(),
            at: Position::File,
            message: format!(
                "{code} '{name}' {year}: not imported, {why}; {people} adults (18+) left out"
            ),
        })
        .collect();
    (rows, warnings)
}
