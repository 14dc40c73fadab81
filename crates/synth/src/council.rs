//! The description of one council to generate: its identity, size, places and
//! the traits that make it differ from its neighbours.
//!
//! The demo builds one by hand ([`crate::demo`]); the national profile derives
//! one per council from `data/councils.csv` ([`crate::national`]). Everything
//! downstream generates from a [`Council`] and never asks which profile it is in.

use continuum_domain::{Date, LaName, LocalityId, OnsCode};

use crate::ids::Seq;

/// One council to generate.
#[derive(Debug, Clone)]
pub(crate) struct Council {
    /// Position in the run; it keys the council's random streams and its CQC IDs.
    pub index: u32,
    pub la: LaName,
    pub ons: OnsCode,
    pub as_at: Date,
    pub neighbours: Vec<LaName>,
    /// Volume relative to Anyshire (people, locations), including the scale.
    pub size: f64,
    /// Population relative to Anyshire (not scaled: a population is a
    /// population at any scale).
    pub population: f64,
    pub traits: Traits,
    pub postcode_area: String,
    pub localities: Vec<LocalitySpec>,
    /// London boroughs: a more diverse population.
    pub london: bool,
    /// The demo's hand-made edge cases (provider failure of exactly 30 people,
    /// the host council's suspension, and so on). National councils get scaled,
    /// random versions instead.
    pub demo: bool,
}

/// How a council differs from the calibration figures. Anyshire's traits are
/// the calibration figures themselves.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Traits {
    /// Care home occupancy.
    pub occupancy: f64,
    /// Multiplies the waits for care homes and supported living.
    pub wait_factor: f64,
    /// Multiplies the share of homecare waits over a week.
    pub homecare_tail: f64,
    /// 0 gives Medway's rating mix, 1 Shropshire's; in between, a blend.
    pub quality: f64,
    /// Multiplies the chance of an out-of-area placement.
    pub out_of_area: f64,
    /// Workforce vacancy rate.
    pub vacancy: f64,
    /// Workforce turnover.
    pub turnover: f64,
    /// Care Certificate completion.
    pub care_certificate: f64,
    /// Fee level against the calibration rates.
    pub fees: f64,
    /// Survey results against the calibration values, in percentage points.
    pub survey_shift: f64,
    /// Share of the council that is rural.
    pub rural: f64,
}

/// A locality of a council.
#[derive(Debug, Clone)]
pub(crate) struct LocalitySpec {
    pub id: LocalityId,
    pub name: String,
    pub rural: bool,
    /// Share of the council's population.
    pub share: f64,
    /// Centre (latitude, longitude).
    pub centre: (f64, f64),
    /// Spread of locations around the centre, in degrees.
    pub spread: f64,
    /// The first postcode district number.
    pub district: u32,
}

impl Council {
    /// The ID sequence of one kind of row, such as `PE` for people.
    pub(crate) fn seq(&self, kind: &str) -> Seq {
        let mut prefix = String::with_capacity(12);
        prefix.push_str(self.ons.as_str());
        prefix.push('-');
        prefix.push_str(kind);
        Seq::new(&prefix)
    }

    /// The start of the bundle's history.
    pub(crate) fn history_start(&self) -> Date {
        crate::rng::add_days(self.as_at, -365 * crate::calibration::HISTORY_YEARS)
    }

    /// The start of the window W: the 365 days ending at the as-at date.
    pub(crate) fn window_start(&self) -> Date {
        crate::rng::add_days(self.as_at, -364)
    }

    /// The locality index weighted by population share.
    pub(crate) fn pick_locality(&self, rng: &mut crate::rng::Rng) -> usize {
        crate::rng::pick_index_by(rng, self.localities.len(), |i| self.localities[i].share)
            .unwrap_or(0)
    }
}

impl Traits {
    /// Anyshire: the calibration figures.
    pub(crate) fn calibrated() -> Self {
        use crate::calibration as c;
        Self {
            occupancy: c::OCCUPANCY,
            wait_factor: 1.0,
            homecare_tail: 1.0,
            quality: 0.0,
            out_of_area: 1.0,
            vacancy: c::VACANCY_RATE,
            turnover: c::TURNOVER,
            care_certificate: c::CARE_CERTIFICATE,
            fees: 1.0,
            survey_shift: 0.0,
            rural: 0.2,
        }
    }
}
