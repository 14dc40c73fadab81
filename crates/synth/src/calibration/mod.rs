//! Every calibration target of the generator, in one place, each with the report
//! it comes from.
//!
//! The reports are the five CQC local authority assessments the product was
//! created from (the specification's `seeds/` folder):
//!
//! | file | council |
//! |---|---|
//! | `000_a9ed2bfda6862aee.txt` | Medway |
//! | `001_5ce92765b551ce5c.txt` | a London borough |
//! | `002_bcb1a377354bd4bb.txt` | Middlesbrough |
//! | `003_5b24eaaa0189cde8.txt` | Shropshire |
//! | `004_185f2be0692370ff.txt` | County Durham |
//!
//! The demo council, Anyshire, is built to these figures at `scale` 1. National
//! councils vary around them (see [`crate::national`]). Figures that no report
//! gives are marked *model shape*: they make the data behave plausibly and are
//! tuned so that the reported figures come out, but are not targets themselves.
//!
//! The tests in `tests/demo_calibration.rs` measure the generated rows against
//! these targets with the tolerances written there; they never read these
//! constants back.

mod care;
mod model;
mod needs;

pub use care::*;
pub use model::*;
pub use needs::*;

// ---------------------------------------------------------------------------
// Market (C2)
// ---------------------------------------------------------------------------

/// Care homes for older people registered in the area at the as-at date.
/// `000_a9ed2bfda6862aee.txt` (Medway): "43 care homes registered to provide care
/// to older people"; rounded to the product brief's "about 45".
pub const CARE_HOMES: u32 = 45;

/// Of the care homes, those registered to provide nursing.
/// `000_a9ed2bfda6862aee.txt` (Medway): "Of these, 14 were registered to provide
/// nursing care".
pub const NURSING_HOMES: u32 = 14;

/// Beds in those care homes. `000_a9ed2bfda6862aee.txt` (Medway): "1,390 care
/// homes beds"; the product brief says "about 1,400".
pub const CARE_HOME_BEDS: u32 = 1_400;

/// Mean beds in a nursing home (model shape: nursing homes run larger; the
/// residential mean follows from [`CARE_HOME_BEDS`]).
pub const NURSING_HOME_BEDS_MEAN: f64 = 45.0;

/// Homecare agencies registered in the area. `000_a9ed2bfda6862aee.txt` (Medway):
/// its homecare rating shares are multiples of 1/88 (2.27% = 2/88).
pub const HOMECARE_AGENCIES: u32 = 88;

/// Homecare providers on the framework. `000_a9ed2bfda6862aee.txt` (Medway): "9
/// providers on a framework".
pub const HOMECARE_FRAMEWORK: u32 = 9;

/// Homecare providers bought spot. `000_a9ed2bfda6862aee.txt` (Medway): "23 spot
/// purchase providers who provided homecare".
pub const HOMECARE_SPOT: u32 = 23;

/// Homecare providers on the outcome/zone pilot. `001_5ce92765b551ce5c.txt`
/// (London borough): "pilots ... localised zone-based commissioning" at an early
/// stage, so a handful.
pub const HOMECARE_OUTCOME: u32 = 3;

/// Supported living services registered in the area. `000_a9ed2bfda6862aee.txt`
/// (Medway): its supported living shares are multiples of 1/21 (33.33% = 7/21).
pub const SUPPORTED_LIVING: u32 = 21;

/// Supported living services bought through the dynamic purchasing system.
/// `000_a9ed2bfda6862aee.txt` (Medway): a DPS for supported living; most of the
/// local services are on it.
pub const SUPPORTED_LIVING_DPS_SHARE: f64 = 0.8;

/// Extra care schemes. `000_a9ed2bfda6862aee.txt` (Medway): "5 extra care
/// schemes"; `002_bcb1a377354bd4bb.txt` (Middlesbrough) has 2 with 112 flats.
pub const EXTRA_CARE: u32 = 5;

/// Day services. No report counts them; `002_bcb1a377354bd4bb.txt`
/// (Middlesbrough) puts 26% of its out-of-area placements in day care, so the
/// market needs some.
pub const DAY_SERVICES: u32 = 8;

/// Shared lives, respite, intermediate care and other services (model shape).
/// `001_5ce92765b551ce5c.txt` (London borough) names a jointly commissioned
/// residential intermediate care setting and short breaks.
pub const SMALL_SERVICES: [(continuum_domain::ServiceType, u32); 4] = [
    (continuum_domain::ServiceType::SharedLives, 1),
    (continuum_domain::ServiceType::Respite, 3),
    (continuum_domain::ServiceType::IntermediateCare, 2),
    (continuum_domain::ServiceType::Other, 2),
];

/// Locations that left the market (deregistered) in the year to the as-at date.
/// `000_a9ed2bfda6862aee.txt` (Medway): "12 locations had left the market in the
/// last 12 months"; `003_5b24eaaa0189cde8.txt` (Shropshire): 11.
pub const MARKET_EXITS: u32 = 12;

/// Exits in the year before that, for the trend (model shape).
pub const MARKET_EXITS_PREVIOUS: u32 = 9;

/// Share of locations without a registered manager (model shape: "a few N").
pub const NO_REGISTERED_MANAGER: f64 = 0.06;

/// Share of locations holding a Home Office sponsor licence (model shape).
/// `000_a9ed2bfda6862aee.txt` (Medway) cites sponsorship licence concerns;
/// `003_5b24eaaa0189cde8.txt` (Shropshire) recruited overseas sponsored workers.
pub const SPONSOR_LICENCE_HELD: f64 = 0.12;

/// Locations run by the council itself (model shape).
/// `001_5ce92765b551ce5c.txt` (London borough): in-house day services and
/// supported living, all rated good or outstanding.
pub const IN_HOUSE_SHARE: f64 = 0.04;

/// Care home occupancy. `002_bcb1a377354bd4bb.txt` (Middlesbrough): "a capacity
/// of 1724 beds available in residential and nursing homes, of which 1478 were
/// occupied, representing an average occupancy of 86%".
pub const OCCUPANCY: f64 = 0.86;

/// Spread of occupancy between homes (model shape).
pub const OCCUPANCY_SPREAD: f64 = 0.07;

/// Share of care homes with no capacity return in the last 90 days (model
/// shape: missed returns are a risk input in the product brief, C4).
pub const MISSED_RETURNS: f64 = 0.05;

// ---------------------------------------------------------------------------
// Quality (C4)
// ---------------------------------------------------------------------------

/// CQC rating shares, in the order outstanding, good, requires improvement,
/// inadequate, not rated.
pub type RatingMix = [f64; 5];

/// Residential homes. `000_a9ed2bfda6862aee.txt` (Medway): 1.92% outstanding,
/// 69.23% good, 23.08% requires improvement, 5.77% not yet rated.
pub const MIX_RESIDENTIAL: RatingMix = [0.0192, 0.6923, 0.2308, 0.0, 0.0577];

/// Nursing homes. `000_a9ed2bfda6862aee.txt` (Medway): 58.82% good, 41.18%
/// requires improvement.
pub const MIX_NURSING: RatingMix = [0.0, 0.5882, 0.4118, 0.0, 0.0];

/// Homecare. `000_a9ed2bfda6862aee.txt` (Medway): 35.23% good, 21.59% requires
/// improvement, 2.27% inadequate, 40.91% not yet rated.
pub const MIX_HOMECARE: RatingMix = [0.0, 0.3523, 0.2159, 0.0227, 0.4091];

/// Supported living. `000_a9ed2bfda6862aee.txt` (Medway): 33.33% good, 23.81%
/// requires improvement, 42.86% not yet rated.
pub const MIX_SUPPORTED_LIVING: RatingMix = [0.0, 0.3333, 0.2381, 0.0, 0.4286];

/// Every other service type. `001_5ce92765b551ce5c.txt` (London borough): 4.04%
/// outstanding, 77.78% good, 13.13% requires improvement, 1.01% inadequate.
pub const MIX_OTHER: RatingMix = [0.0404, 0.7778, 0.1313, 0.0101, 0.0404];

/// The stronger end of the national spread, residential homes.
/// `003_5b24eaaa0189cde8.txt` (Shropshire): 6.58% outstanding, 67.11% good,
/// 18.42% requires improvement, 2.63% inadequate.
pub const STRONG_RESIDENTIAL: RatingMix = [0.0658, 0.6711, 0.1842, 0.0263, 0.0526];

/// Nursing homes. `003_5b24eaaa0189cde8.txt` (Shropshire): 81.58% good, 13.16%
/// requires improvement.
pub const STRONG_NURSING: RatingMix = [0.0, 0.8158, 0.1316, 0.0, 0.0526];

/// Homecare. `003_5b24eaaa0189cde8.txt` (Shropshire): 9.76% outstanding, 62.20%
/// good, 9.76% requires improvement, 1.22% inadequate.
pub const STRONG_HOMECARE: RatingMix = [0.0976, 0.6220, 0.0976, 0.0122, 0.1706];

/// Supported living. `003_5b24eaaa0189cde8.txt` (Shropshire): 7.69% outstanding,
/// 53.85% good, 23.08% requires improvement.
pub const STRONG_SUPPORTED_LIVING: RatingMix = [0.0769, 0.5385, 0.2308, 0.0, 0.1538];

/// Active suspensions of new placements at the as-at date.
/// `000_a9ed2bfda6862aee.txt` (Medway): "6 active commissioning suspensions".
pub const SUSPENSIONS_ACTIVE: u32 = 6;

/// Active restrictions. `000_a9ed2bfda6862aee.txt` (Medway): "4 restrictions".
pub const RESTRICTIONS_ACTIVE: u32 = 4;

/// Contract terminations in the year. `000_a9ed2bfda6862aee.txt` (Medway): "1
/// termination of contract".
pub const TERMINATIONS: u32 = 1;

/// Embargoes on care homes in the year. `002_bcb1a377354bd4bb.txt`
/// (Middlesbrough): "embargoes on 4 care homes".
pub const EMBARGOES_IN_YEAR: u32 = 4;

/// Suspensions that started and were lifted within the year.
/// `004_185f2be0692370ff.txt` (County Durham): "5 had been suspended throughout
/// the year, with only 1 active".
pub const SUSPENSIONS_LIFTED_IN_YEAR: u32 = 4;

/// Sanctions started and ended in the year before, for the trend (model
/// shape).
pub const SANCTIONS_PREVIOUS_YEAR: u32 = 5;

/// Standards in the council's quality assessment tool, grouped in domains.
/// `004_185f2be0692370ff.txt` (County Durham): "a robust and detailed scoring
/// benchmark across 16 areas including nutrition, environment, medication, and
/// risk".
pub const QA_STANDARDS: usize = 16;

/// Share of commissioned in-area locations visited in the year (model shape).
/// `001_5ce92765b551ce5c.txt` (London borough) says all providers had an annual
/// check; Anyshire falls a little short so the visit plan has work to show.
pub const VISIT_COVERAGE: f64 = 0.88;

/// Share of commissioned out-of-area locations visited (model shape).
/// `002_bcb1a377354bd4bb.txt` (Middlesbrough): "contract monitoring procedures
/// were in place for out of area placements too".
pub const VISIT_COVERAGE_OUT_OF_AREA: f64 = 0.35;

/// Safeguarding concerns that make a cluster, and the span they fall in.
/// The product brief (C4) and `metrics.md`: "3 or more safeguarding concerns at
/// one location in 90 days"; the demo has one location with 4 in 60 days.
pub const CLUSTER_CONCERNS: u32 = 4;

/// Concerns raised per location per year, at average quality (model shape).
pub const CONCERNS_PER_LOCATION_YEAR: f64 = 0.45;

// ---------------------------------------------------------------------------
// Sustainability (C5)
// ---------------------------------------------------------------------------

/// Hand-backs in the year by service type. `000_a9ed2bfda6862aee.txt` (Medway):
/// "4 nursing homes had handed back packages ... For residential placements
/// there were 7 ... 5 packages handed back from supported living settings.
/// Three homecare packages".
pub const HANDBACKS: [(continuum_domain::ServiceType, u32); 4] = [
    (continuum_domain::ServiceType::NursingHome, 4),
    (continuum_domain::ServiceType::ResidentialHome, 7),
    (continuum_domain::ServiceType::SupportedLiving, 5),
    (continuum_domain::ServiceType::Homecare, 3),
];

/// People affected by one provider failure. The product brief; compare
/// `003_5b24eaaa0189cde8.txt` (Shropshire): a supported living hand-back
/// "supporting 31 people".
pub const PROVIDER_FAILURE_PEOPLE: u32 = 30;

/// Of those, the people not re-placed within 7 days (model shape: "most
/// re-placed within 7 days, some not").
pub const PROVIDER_FAILURE_SLOW: u32 = 4;

/// Workforce vacancy rate. `001_5ce92765b551ce5c.txt` (London borough): "550
/// posts of the 7,200 posts in the sector were vacant" (7.6%); County Durham 8.4%,
/// Shropshire 8.06%, Middlesbrough 5.3%.
pub const VACANCY_RATE: f64 = 0.0764;

/// Annual staff turnover (leavers / posts). The product brief (25–30%);
/// `002_bcb1a377354bd4bb.txt` (Middlesbrough): turnover "similar to the England
/// average".
pub const TURNOVER: f64 = 0.27;

/// Care Certificate completion. `000_a9ed2bfda6862aee.txt` (Medway): "51.49%";
/// England 49.65% in `004_185f2be0692370ff.txt` (County Durham).
pub const CARE_CERTIFICATE: f64 = 0.5149;

/// Sickness days per post per year (model shape).
pub const SICKNESS_DAYS_PER_POST: f64 = 5.5;

/// Homecare rate uplift in the last year. `003_5b24eaaa0189cde8.txt`
/// (Shropshire): "increase the hourly rates for domiciliary care by 12%".
pub const HOMECARE_UPLIFT: f64 = 0.12;

/// Uplift elsewhere. `003_5b24eaaa0189cde8.txt` (Shropshire): "a 7% uplift on a
/// 'cap an uplift' basis".
pub const OTHER_UPLIFT: f64 = 0.07;
