//! Planning a council's market: how many locations of each type, their rating
//! mix (by quota, so Anyshire's shares match Medway's), market exits, in-house
//! services and the scenario locations.

use continuum_domain::{
    Date, LaName, Location, Rating, ServiceType as S, Specialism, SponsorLicence,
};

use super::build::{Builder, Place, Planned};
use super::{Area, Failure, Meta, Pools};
use crate::SynthError;
use crate::calibration::{self as cal, RatingMix};
use crate::council::Council;
use crate::rng::{
    self, Component, Rng, add_days, between, chance, pick, shuffle, stochastic_round,
};

/// Generates one council's market.
pub(crate) fn generate(c: &Council, seed: u64) -> Result<Area, SynthError> {
    let mut rng = rng::stream(seed, rng::stream_id(c.index, Component::Market));
    let plan = plan(c, &mut rng);
    let mut b = Builder::new(&c.la, c.index, seed, c.as_at);
    let groups = ((6.0 * c.size).round() as usize).max(1);
    let first = c.localities.first().map_or("Central", |l| l.name.as_str());
    b.add_groups(&mut rng, groups, first)?;
    let mut locations = Vec::with_capacity(plan.len());
    let mut meta = Vec::with_capacity(plan.len());
    for p in &plan {
        let k = c.pick_locality(&mut rng);
        let l = &c.localities[k];
        let place = Place {
            locality_id: Some(l.id.clone()),
            locality: Some(k as u8),
            name: &l.name,
            centre: l.centre,
            spread: l.spread,
            area: &c.postcode_area,
            district: l.district,
        };
        let (loc, m) = b.build(&mut rng, p, &place)?;
        locations.push(loc);
        meta.push(m);
    }
    rescale_beds(&mut locations, &mut meta, target_beds(c));
    prepare_failure_home(&plan, &mut locations, &mut meta);
    finish(c, &mut rng, &mut locations);
    let failure = failure(c, &plan, &locations);
    let pools = Pools::build(&locations, &meta, c.localities.len());
    Ok(Area {
        la: c.la.clone(),
        locations,
        meta,
        pools,
        failure,
        host_sanctioned: None,
        blocks: Vec::new(),
    })
}

/// The planned locations: registered ones by type and rating quota, then exits.
fn plan(c: &Council, rng: &mut Rng) -> Vec<Planned> {
    let mut out = Vec::new();
    for (s, n, min) in counts() {
        let n = if c.demo {
            n
        } else {
            stochastic_round(rng, f64::from(n) * c.size).max(min)
        };
        let mut ratings = rating_list(n, &mix(s, c.traits.quality));
        shuffle(rng, &mut ratings);
        for rating in ratings {
            let in_house = rating.is_good_or_better() && chance(rng, in_house_chance(s));
            out.push(Planned {
                service: s,
                rating,
                exit: None,
                in_house,
                reserved: false,
            });
        }
    }
    let w = c.window_start();
    let exits = scaled(c, rng, cal::MARKET_EXITS);
    let failing = c.demo || (exits > 0 && chance(rng, 0.35));
    for k in 0..exits {
        let day = add_days(w, between(rng, 0, 363));
        let mut p = exit(c, rng, day);
        if k == 0 && failing {
            p.service = S::ResidentialHome;
            p.rating = Rating::RequiresImprovement;
            p.exit = Some(add_days(failure_date(c), 10));
            p.reserved = true;
        }
        out.push(p);
    }
    for _ in 0..scaled(c, rng, cal::MARKET_EXITS_PREVIOUS) {
        let day = add_days(w, -between(rng, 1, 365));
        out.push(exit(c, rng, day));
    }
    out
}

fn scaled(c: &Council, rng: &mut Rng, n: u32) -> u32 {
    if c.demo {
        n
    } else {
        stochastic_round(rng, f64::from(n) * c.size)
    }
}

/// Locations per service type for a council of size 1, and the least a council
/// has at any scale (so every table has rows even at `--scale 0.01`).
fn counts() -> Vec<(S, u32, u32)> {
    let mut v = vec![
        (S::NursingHome, cal::NURSING_HOMES, 1),
        (S::ResidentialHome, cal::CARE_HOMES - cal::NURSING_HOMES, 1),
        (S::Homecare, cal::HOMECARE_AGENCIES, 1),
        (S::SupportedLiving, cal::SUPPORTED_LIVING, 1),
        (S::ExtraCare, cal::EXTRA_CARE, 0),
        (S::DayService, cal::DAY_SERVICES, 1),
    ];
    v.extend(cal::SMALL_SERVICES.iter().map(|(s, n)| (*s, *n, 0)));
    v
}

fn in_house_chance(s: S) -> f64 {
    match s {
        S::DayService | S::IntermediateCare | S::SharedLives => 0.5,
        S::Respite => 0.35,
        S::SupportedLiving | S::ExtraCare => 0.1,
        S::ResidentialHome => cal::IN_HOUSE_SHARE,
        _ => 0.0,
    }
}

/// The council's rating mix for a type: Medway's blended towards Shropshire's.
pub(crate) fn mix(s: S, quality: f64) -> RatingMix {
    let (weak, strong) = match s {
        S::ResidentialHome => (cal::MIX_RESIDENTIAL, cal::STRONG_RESIDENTIAL),
        S::NursingHome => (cal::MIX_NURSING, cal::STRONG_NURSING),
        S::Homecare => (cal::MIX_HOMECARE, cal::STRONG_HOMECARE),
        S::SupportedLiving => (cal::MIX_SUPPORTED_LIVING, cal::STRONG_SUPPORTED_LIVING),
        _ => (cal::MIX_OTHER, cal::MIX_OTHER),
    };
    let q = quality.clamp(0.0, 1.3);
    std::array::from_fn(|i| (weak[i] + q * (strong[i] - weak[i])).max(0.0))
}

const RATINGS: [Rating; 5] = [
    Rating::Outstanding,
    Rating::Good,
    Rating::RequiresImprovement,
    Rating::Inadequate,
    Rating::NotRated,
];

fn rating_list(n: u32, mix: &RatingMix) -> Vec<Rating> {
    let q = rng::quotas(n, mix);
    RATINGS
        .iter()
        .zip(q)
        .flat_map(|(r, k)| std::iter::repeat_n(*r, k as usize))
        .collect()
}

/// A location that leaves the market on `day`; exits lean to weaker ratings.
fn exit(c: &Council, rng: &mut Rng, day: Date) -> Planned {
    let service = pick(
        rng,
        &[
            (S::Homecare, 0.40),
            (S::ResidentialHome, 0.25),
            (S::SupportedLiving, 0.15),
            (S::NursingHome, 0.08),
            (S::DayService, 0.07),
            (S::Other, 0.05),
        ],
    );
    let m = mix(service, c.traits.quality - 0.3);
    let rating = pick(rng, &std::array::from_fn::<_, 5, _>(|i| (RATINGS[i], m[i])));
    Planned {
        service,
        rating,
        exit: Some(day),
        in_house: false,
        reserved: false,
    }
}

/// The day the council's failing provider fails: in the year, four months before
/// the as-at date, so re-placements can be followed.
pub(crate) fn failure_date(c: &Council) -> Date {
    add_days(c.as_at, -110)
}

fn failure(c: &Council, plan: &[Planned], locations: &[Location]) -> Option<Failure> {
    let i = plan.iter().position(|p| p.reserved)?;
    let beds = locations.get(i)?.beds;
    let people = if c.demo {
        cal::PROVIDER_FAILURE_PEOPLE
    } else {
        ((f64::from(cal::PROVIDER_FAILURE_PEOPLE) * c.size.min(1.5)).round() as u32)
            .clamp(2, beds.max(2))
    };
    Some(Failure {
        location: i as u32,
        date: failure_date(c),
        people,
    })
}

/// The failing home is an ordinary older people's home, big enough for the
/// people it fails.
fn prepare_failure_home(plan: &[Planned], locations: &mut [Location], meta: &mut [Meta]) {
    if let Some(i) = plan.iter().position(|p| p.reserved) {
        let l = &mut locations[i];
        l.beds = l.beds.max(cal::PROVIDER_FAILURE_PEOPLE + 8);
        l.specialisms = vec![Specialism::Dementia, Specialism::OlderPeople];
        meta[i].weight = l.beds as f32;
    }
}

/// Total beds for the council's care homes: the calibration figure, scaled by
/// the number of homes actually planned.
fn target_beds(c: &Council) -> Option<f64> {
    c.demo.then_some(f64::from(cal::CARE_HOME_BEDS))
}

/// Scales the registered care homes' beds to the target total (demo only), so
/// Anyshire has its 1,400 beds whatever the draws.
fn rescale_beds(locations: &mut [Location], meta: &mut [Meta], target: Option<f64>) {
    let Some(target) = target else { return };
    let open = |l: &Location| l.service_type.is_care_home() && l.deregistered_on.is_none();
    let sum: u32 = locations.iter().filter(|l| open(l)).map(|l| l.beds).sum();
    if sum == 0 {
        return;
    }
    let f = target / f64::from(sum);
    for (l, m) in locations.iter_mut().zip(meta.iter_mut()) {
        if open(l) {
            l.beds = (f64::from(l.beds) * f).round().max(3.0) as u32;
            m.weight = l.beds as f32;
        }
    }
}

/// Finishing touches: one revoked sponsor licence and one rating published
/// after the as-at date (it counts as not rated at the as-at date).
fn finish(c: &Council, rng: &mut Rng, locations: &mut [Location]) {
    let open: Vec<usize> = (0..locations.len())
        .filter(|&i| locations[i].deregistered_on.is_none() && !locations[i].in_house)
        .collect();
    let revoke = c.demo || chance(rng, (0.5 * c.size).min(0.9));
    let weak_agency = |&&i: &&usize| {
        locations[i].service_type == S::Homecare
            && locations[i].rating == Rating::RequiresImprovement
    };
    if revoke && let Some(&i) = open.iter().find(weak_agency) {
        locations[i].sponsor_licence = SponsorLicence::Revoked;
    }
    if let Some(&i) = open.iter().find(|&&i| {
        locations[i].service_type == S::Homecare && locations[i].rating == Rating::NotRated
    }) {
        locations[i].rating = Rating::Good;
        locations[i].rating_date = Some(add_days(c.as_at, 21));
    }
}

/// The demo's host areas: neighbours (and two councils further away) that hold
/// no data of their own but have the homes Anyshire people are placed in.
pub(crate) fn hosts(
    seed: u64,
    as_at: Date,
    specs: &[super::super::demo::HostSpec],
) -> Result<Vec<Area>, SynthError> {
    specs.iter().map(|h| host(seed, as_at, h)).collect()
}

fn host(seed: u64, as_at: Date, h: &super::super::demo::HostSpec) -> Result<Area, SynthError> {
    let la = LaName::parse(h.la)?;
    let mut rng = rng::stream(seed, rng::stream_id(h.index, Component::Hosts));
    let mut b = Builder::new(&la, h.index, seed, as_at);
    b.add_groups(&mut rng, 2, h.town)?;
    let place = Place {
        locality_id: None,
        locality: None,
        name: h.town,
        centre: h.centre,
        spread: 0.05,
        area: h.postcode_area,
        district: 1,
    };
    let (mut locations, mut meta) = (Vec::new(), Vec::new());
    for (s, n) in h.counts {
        let mut ratings = rating_list(*n, &mix(*s, 0.6));
        shuffle(&mut rng, &mut ratings);
        for rating in ratings {
            let p = Planned {
                service: *s,
                rating,
                exit: None,
                in_house: false,
                reserved: false,
            };
            let (l, m) = b.build(&mut rng, &p, &place)?;
            locations.push(l);
            meta.push(m);
        }
    }
    let host_sanctioned = h
        .sanctioned_home
        .then(|| sanctioned_home(&mut locations, &mut meta))
        .flatten();
    let pools = Pools::build(&locations, &meta, 0);
    Ok(Area {
        la: LaName::clone(&la),
        locations,
        meta,
        pools,
        failure: None,
        host_sanctioned,
        blocks: Vec::new(),
    })
}

/// Marks the host's first rated residential home (an established one: the
/// council's people have lived there for years) as the one under the host
/// council's suspension; it is kept out of ordinary placements.
fn sanctioned_home(locations: &mut [Location], meta: &mut [Meta]) -> Option<u32> {
    let i = locations
        .iter()
        .position(|l| l.service_type == S::ResidentialHome && l.rating != Rating::NotRated)?;
    locations[i].rating = Rating::RequiresImprovement;
    meta[i].reserved = true;
    meta[i].quality = 0.35;
    Some(i as u32)
}
