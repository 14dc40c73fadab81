//! Building one location row: name, provider, place, beds, specialisms, rating
//! and registration.

use continuum_domain::{
    Date, LaName, LocalityId, Location, ProviderId, Rating, RegistrationStatus, ServiceType as S,
    Specialism as Sp, SponsorLicence,
};

use super::Meta;
use crate::SynthError;
use crate::calibration as cal;
use crate::ids::{location_id, provider_id};
use crate::names;
use crate::rng::{
    Rng, add_days, between, chance, clamped_normal, index, lognormal, normal, uniform,
};

/// Where a location is.
#[derive(Debug, Clone)]
pub(crate) struct Place<'a> {
    pub locality_id: Option<LocalityId>,
    pub locality: Option<u8>,
    pub name: &'a str,
    pub centre: (f64, f64),
    pub spread: f64,
    pub area: &'a str,
    pub district: u32,
}

/// One planned location.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Planned {
    pub service: S,
    pub rating: Rating,
    pub exit: Option<Date>,
    pub in_house: bool,
    pub reserved: bool,
}

/// Builds the locations of one council (or host area), numbering their IDs.
#[derive(Debug)]
pub(crate) struct Builder<'a> {
    pub la: &'a LaName,
    pub council_index: u32,
    pub seed: u64,
    pub as_at: Date,
    next: u64,
    groups: Vec<(ProviderId, String)>,
}

/// Each council numbers its locations and providers from its own block of
/// ten million: locations and single-location providers from the start, local
/// groups from the middle, the council's in-house provider at the end. National
/// groups sit above every council's block.
const PER_COUNCIL: u64 = 10_000_000;
const GROUPS_FROM: u64 = PER_COUNCIL / 2;
const NATIONAL_GROUPS_FROM: u64 = 9_000_000_000;

impl<'a> Builder<'a> {
    pub(crate) fn new(la: &'a LaName, council_index: u32, seed: u64, as_at: Date) -> Self {
        Self {
            la,
            council_index,
            seed,
            as_at,
            next: 0,
            groups: Vec::new(),
        }
    }

    fn base(&self) -> u64 {
        u64::from(self.council_index) * PER_COUNCIL
    }

    /// Sets up `n` local provider groups named after `place`.
    pub(crate) fn add_groups(
        &mut self,
        rng: &mut Rng,
        n: usize,
        place: &str,
    ) -> Result<(), SynthError> {
        for g in 0..n {
            let id = provider_id(self.base() + GROUPS_FROM + g as u64, self.seed)?;
            self.groups.push((id, names::local_group(rng, place)));
        }
        Ok(())
    }

    /// Builds one location.
    pub(crate) fn build(
        &mut self,
        rng: &mut Rng,
        p: &Planned,
        place: &Place,
    ) -> Result<(Location, Meta), SynthError> {
        self.next += 1;
        let n = self.base() + self.next;
        let name = names::location(rng, p.service, place.name);
        let (provider_id, provider_name) = self.provider(rng, p, n, &name)?;
        let specialisms = super::specialisms::draw(rng, p.service);
        let beds = beds(rng, p.service, &specialisms);
        let (registered_on, rating_date) = self.dates(rng, p);
        let district = place.district + between(rng, 0, 2) as u32;
        let location = Location {
            location_id: location_id(n, self.seed)?,
            provider_id,
            provider_name,
            name,
            local_authority: self.la.clone(),
            locality_id: place.locality_id.clone(),
            postcode: names::postcode(rng, place.area, district),
            latitude: Some(round5(place.centre.0 + place.spread * normal(rng))),
            longitude: Some(round5(place.centre.1 + place.spread * 1.6 * normal(rng))),
            service_type: p.service,
            beds,
            specialisms,
            registered_manager: Some(!chance(rng, manager_missing(p.rating))),
            in_house: p.in_house,
            rating: p.rating,
            rating_date,
            status: status(p, self.as_at),
            registered_on: Some(registered_on),
            deregistered_on: p.exit,
            sponsor_licence: sponsor(rng, p),
        };
        let meta = Meta {
            quality: quality(rng, p.rating),
            weight: weight(rng, p.service, beds),
            locality: place.locality,
            reserved: p.reserved,
        };
        Ok((location, meta))
    }

    fn provider(
        &mut self,
        rng: &mut Rng,
        p: &Planned,
        n: u64,
        name: &str,
    ) -> Result<(ProviderId, String), SynthError> {
        if p.in_house {
            let id = provider_id(self.base() + PER_COUNCIL - 1, self.seed)?;
            return Ok((id, format!("{} Council", self.la)));
        }
        let roll = uniform(rng, 0.0, 1.0);
        if roll < 0.2 {
            let g = index(rng, names::GROUPS.len());
            let id = provider_id(NATIONAL_GROUPS_FROM + g as u64, self.seed)?;
            return Ok((id, names::GROUPS[g].to_string()));
        }
        if roll < 0.38 && !self.groups.is_empty() {
            let (id, group) = &self.groups[index(rng, self.groups.len())];
            return Ok((id.clone(), group.clone()));
        }
        Ok((
            provider_id(n, self.seed)?,
            names::single_provider(rng, name),
        ))
    }

    /// Registration and rating dates. Services not yet rated are new.
    fn dates(&self, rng: &mut Rng, p: &Planned) -> (Date, Option<Date>) {
        let t = self.as_at;
        let latest = p.exit.map_or(t, |e| e.min(t));
        if p.rating == Rating::NotRated {
            let reg = add_days(latest, -between(rng, 40, 640));
            return (reg, None);
        }
        let oldest = if few(p.service) { 4_500 } else { 1_000 };
        let reg = add_days(latest, -between(rng, oldest, 9_500));
        let rated = add_days(latest, -between(rng, 20, 1_300));
        (reg, Some(rated.max(add_days(reg, 200))))
    }
}

/// Services a council has only a handful of; they are long established, so
/// people placed years ago had one to go to.
fn few(s: S) -> bool {
    matches!(
        s,
        S::SharedLives | S::Respite | S::IntermediateCare | S::Other | S::ExtraCare | S::DayService
    )
}

fn status(p: &Planned, as_at: Date) -> RegistrationStatus {
    if p.exit.is_some_and(|d| d <= as_at) {
        RegistrationStatus::Deregistered
    } else {
        RegistrationStatus::Registered
    }
}

fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}

fn manager_missing(r: Rating) -> f64 {
    match r {
        Rating::RequiresImprovement | Rating::Inadequate => cal::NO_REGISTERED_MANAGER * 2.0,
        _ => cal::NO_REGISTERED_MANAGER * 0.7,
    }
}

fn sponsor(rng: &mut Rng, p: &Planned) -> SponsorLicence {
    let boost = matches!(p.service, S::Homecare | S::NursingHome) as u8 as f64 * 0.6;
    if !p.in_house && chance(rng, cal::SPONSOR_LICENCE_HELD * (1.0 + boost)) {
        SponsorLicence::Held
    } else {
        SponsorLicence::NotHeld
    }
}

/// Latent quality from the CQC rating, with some noise.
fn quality(rng: &mut Rng, r: Rating) -> f32 {
    let base = match r {
        Rating::Outstanding => 0.9,
        Rating::Good => 0.72,
        Rating::RequiresImprovement => 0.45,
        Rating::Inadequate => 0.18,
        Rating::NotRated => 0.68,
    };
    clamped_normal(rng, base, 0.07, 0.02, 0.99) as f32
}

fn weight(rng: &mut Rng, s: S, beds: u32) -> f32 {
    match s {
        S::NursingHome | S::ResidentialHome | S::Respite | S::IntermediateCare => {
            beds.max(1) as f32
        }
        S::Homecare => lognormal(rng, 1.0, 0.6) as f32,
        _ => uniform(rng, 0.5, 1.5) as f32,
    }
}

fn beds(rng: &mut Rng, s: S, sp: &[Sp]) -> u32 {
    let ld = sp.contains(&Sp::LearningDisability);
    let b = match s {
        S::NursingHome => clamped_normal(rng, cal::NURSING_HOME_BEDS_MEAN, 12.0, 18.0, 95.0),
        S::ResidentialHome if ld => uniform(rng, 4.0, 12.0),
        S::ResidentialHome => clamped_normal(rng, 29.0, 10.0, 8.0, 70.0),
        S::Respite => uniform(rng, 4.0, 14.0),
        S::IntermediateCare => uniform(rng, 15.0, 40.0),
        _ => 0.0,
    };
    b.round() as u32
}
