//! Calibration of people, requests, placements and out-of-area care (C3).

use continuum_domain::{DelayReason, EndReason, OoaReason, ServiceType as S};

// ---------------------------------------------------------------------------
// Waits
// ---------------------------------------------------------------------------

/// Homecare waits in days, as (lowest, highest) spans with their weights.
/// `001_5ce92765b551ce5c.txt` (London borough): "of 187 homecare requests ...
/// 130 were fulfilled within 1 day, 31 within 2 days and 17 with a week. 6 people
/// had waited for longer than a week".
pub const HOMECARE_WAITS: [((i64, i64), f64); 4] = [
    ((0, 1), 130.0),
    ((2, 2), 31.0),
    ((3, 7), 17.0),
    ((8, 45), 6.0),
];

/// Mean wait in days for a residential home. `000_a9ed2bfda6862aee.txt`
/// (Medway): "the average waiting time was 36.25 days".
pub const RESIDENTIAL_WAIT_MEAN: f64 = 36.25;

/// Mean wait in days for a nursing home. `000_a9ed2bfda6862aee.txt` (Medway):
/// "31.3 days for nursing home placements".
pub const NURSING_WAIT_MEAN: f64 = 31.3;

/// Mean wait in days for mental health supported living.
/// `000_a9ed2bfda6862aee.txt` (Medway): "33.5 days".
pub const SUPPORTED_LIVING_MH_WAIT_MEAN: f64 = 33.5;

/// Mean wait in days for learning disability supported living.
/// `000_a9ed2bfda6862aee.txt` (Medway): "39.5 days".
pub const SUPPORTED_LIVING_LD_WAIT_MEAN: f64 = 39.5;

/// Mean wait in days for other services (model shape).
pub const OTHER_WAIT_MEAN: f64 = 9.0;

/// Spread of the log-normal waits (model shape).
pub const WAIT_SIGMA: f64 = 0.7;

/// Longest hospital discharge delay in days. `000_a9ed2bfda6862aee.txt`
/// (Medway): "the shortest delay was 4 days and the longest 119 days". The demo
/// holds one discharge delayed this long.
pub const LONGEST_DISCHARGE_DELAY: i64 = 119;

/// Share of older people's requests that come from a hospital discharge (model
/// shape). `003_5b24eaaa0189cde8.txt` (Shropshire) and `000_a9ed2bfda6862aee.txt`
/// (Medway) both describe discharge as a main source of demand.
pub const DISCHARGE_SHARE: f64 = 0.32;

/// People waiting more than six months at the as-at date.
/// `001_5ce92765b551ce5c.txt` (London borough): "6 people had been waiting
/// between 6 months and 2 years for a placement"; 3 of them in hospital.
pub const LONG_WAITERS: u32 = 6;

/// Delay reasons of requests waiting over three months.
/// `003_5b24eaaa0189cde8.txt` (Shropshire): "admitted to hospital (20), care was
/// declined (19), care was being sourced (18) and people were awaiting direct
/// payments (16)"; the rest are model shape.
pub const LONG_WAIT_REASONS: [(DelayReason, f64); 7] = [
    (DelayReason::HospitalAdmission, 20.0),
    (DelayReason::Declined, 19.0),
    (DelayReason::Sourcing, 18.0),
    (DelayReason::AwaitingDirectPayment, 16.0),
    (DelayReason::Housing, 6.0),
    (DelayReason::Assessment, 4.0),
    (DelayReason::Funding, 3.0),
];

/// Delay reasons of hospital discharges. `002_bcb1a377354bd4bb.txt`
/// (Middlesbrough): delays "mostly out of the local authority's hands, such as
/// medication and transport"; `000_a9ed2bfda6862aee.txt` (Medway): a lack of
/// residential and nursing beds (sourcing).
pub const DISCHARGE_REASONS: [(DelayReason, f64); 7] = [
    (DelayReason::Sourcing, 30.0),
    (DelayReason::Medication, 14.0),
    (DelayReason::Transport, 12.0),
    (DelayReason::FamilyChoice, 12.0),
    (DelayReason::Assessment, 12.0),
    (DelayReason::Funding, 10.0),
    (DelayReason::Housing, 5.0),
];

/// Share of long waits bridged by an interim placement (model shape).
/// `003_5b24eaaa0189cde8.txt` (Shropshire): "When formal services did not start
/// immediately, interim care arrangements were made"; `000_a9ed2bfda6862aee.txt`
/// (Medway): increased homecare while awaiting a care home.
pub const INTERIM_SHARE: f64 = 0.35;

/// Share of requests closed without a placement (model shape).
pub const NOT_PLACED_SHARE: f64 = 0.11;

// ---------------------------------------------------------------------------
// Out of area
// ---------------------------------------------------------------------------

/// People placed out of area at the as-at date. `002_bcb1a377354bd4bb.txt`
/// (Middlesbrough): "182 people placed outside of Middlesbrough"; Medway 369,
/// the London borough 138, Shropshire 114. The probabilities below are tuned
/// to it.
pub const OUT_OF_AREA_PEOPLE: u32 = 182;

/// Probability that a placement of each type is out of area (model shape,
/// tuned to [`OUT_OF_AREA_PEOPLE`] and to `002_bcb1a377354bd4bb.txt`
/// (Middlesbrough): "residential care, 44% and day care 26%").
pub const OUT_OF_AREA_PROBABILITY: [(S, f64); 6] = [
    (S::ResidentialHome, 0.12),
    (S::NursingHome, 0.07),
    (S::SupportedLiving, 0.10),
    (S::DayService, 0.13),
    (S::Respite, 0.05),
    (S::SharedLives, 0.05),
];

/// Reasons drawn for out-of-area placements made by choice of place. The
/// target is `002_bcb1a377354bd4bb.txt` (Middlesbrough): "personal/family
/// choice, 44%, specialist services were not available ..., 35% and no
/// vacancies ..., 8%". Placements forced out of area because no local service
/// had room or the right specialism add "specialist unavailable" and "no
/// vacancy" on top, so these weights lean to choice to land on that mix; the
/// personal/family split and "other" are model shape.
pub const OUT_OF_AREA_REASONS: [(OoaReason, f64); 5] = [
    (OoaReason::PersonalChoice, 0.26),
    (OoaReason::Family, 0.21),
    (OoaReason::SpecialistUnavailable, 0.30),
    (OoaReason::NoVacancy, 0.07),
    (OoaReason::Other, 0.16),
];

/// Share of out-of-area placements in a neighbouring council.
/// `001_5ce92765b551ce5c.txt` (London borough): "138 ... 94 of these were within
/// neighbouring local authority areas" (68%); `003_5b24eaaa0189cde8.txt`
/// (Shropshire): 76%.
pub const OUT_OF_AREA_NEIGHBOUR_SHARE: f64 = 0.72;

/// Share of out-of-area placements reviewed in the year.
/// `003_5b24eaaa0189cde8.txt` (Shropshire): "98% of out of county placements
/// had been assessed or reviewed"; Anyshire is set lower so the dashboard has
/// people to chase.
pub const OUT_OF_AREA_REVIEWED: f64 = 0.85;

// ---------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------

/// People receiving homecare at the as-at date. `002_bcb1a377354bd4bb.txt`
/// (Middlesbrough): "13,000 hours of home care for approximately 1000 people".
pub const HOMECARE_PEOPLE: u32 = 1_000;

/// Mean homecare hours a week per person. `002_bcb1a377354bd4bb.txt`
/// (Middlesbrough): 13,000 hours for about 1,000 people.
pub const HOMECARE_HOURS_MEAN: f64 = 13.0;

/// People in long-term residential or nursing care (placements funded by the
/// council). `001_5ce92765b551ce5c.txt` (London borough): "reduced from 592 in
/// January 2023 to 529 in December 2023".
pub const LONG_TERM_CARE_PEOPLE: u32 = 560;

/// New service users a year, for a council of size 1 (model shape, tuned so that
/// [`HOMECARE_PEOPLE`] and [`LONG_TERM_CARE_PEOPLE`] come out and a council
/// knows about 10,000 people, as `spec/product.md` says: "5–20 thousand").
pub const NEW_CLIENTS_PER_YEAR: f64 = 1_150.0;

/// Years of history in the bundle (model shape: enough for this year, last
/// year and the trends).
pub const HISTORY_YEARS: i64 = 5;

/// Years before the history starts that journeys may begin, so the stock of
/// long stays at the start is right (model shape).
pub const LOOKBACK_YEARS: i64 = 12;

/// Share of new service users aged 18–64 (model shape).
pub const YOUNGER_ADULT_SHARE: f64 = 0.27;

/// Unpaid carers per service user known (model shape).
/// `004_185f2be0692370ff.txt` (County Durham) identified 48,000 carers in the
/// county, most with low-level needs; councils record far fewer.
pub const CARERS_PER_SERVICE_USER: f64 = 0.2;

/// Share of service users with an unpaid carer (model shape).
pub const HAS_UNPAID_CARER: f64 = 0.42;

/// Share of placements paid as a direct payment, for services where one is
/// possible (model shape). `004_185f2be0692370ff.txt` (County Durham) notes a
/// low take-up of direct payments.
pub const DIRECT_PAYMENT_SHARE: f64 = 0.18;

/// Share paid as a managed personal budget (model shape).
pub const MANAGED_BUDGET_SHARE: f64 = 0.06;

/// Episode lengths in days: (median, log-normal spread), by service type
/// (model shape).
pub const DURATIONS: [(S, f64, f64); 10] = [
    (S::NursingHome, 300.0, 1.0),
    (S::ResidentialHome, 440.0, 1.0),
    (S::Homecare, 300.0, 1.05),
    (S::SupportedLiving, 1_400.0, 0.8),
    (S::ExtraCare, 1_100.0, 0.8),
    (S::DayService, 650.0, 0.9),
    (S::SharedLives, 1_500.0, 0.8),
    (S::Respite, 14.0, 0.5),
    (S::IntermediateCare, 28.0, 0.4),
    (S::Other, 200.0, 0.9),
];

/// Why long stays in a care home end (model shape).
pub const END_CARE_HOME: [(EndReason, f64); 5] = [
    (EndReason::Died, 0.68),
    (EndReason::Hospital, 0.10),
    (EndReason::Moved, 0.10),
    (EndReason::Planned, 0.04),
    (EndReason::Other, 0.08),
];

/// Why homecare ends (model shape).
pub const END_HOMECARE: [(EndReason, f64); 5] = [
    (EndReason::Planned, 0.33),
    (EndReason::Hospital, 0.25),
    (EndReason::Died, 0.15),
    (EndReason::Moved, 0.17),
    (EndReason::Other, 0.10),
];

/// Why short stays (respite, intermediate care) end (model shape).
pub const END_SHORT: [(EndReason, f64); 3] = [
    (EndReason::Planned, 0.85),
    (EndReason::Hospital, 0.10),
    (EndReason::Died, 0.05),
];

/// Why other community services end (model shape).
pub const END_COMMUNITY: [(EndReason, f64); 5] = [
    (EndReason::Planned, 0.35),
    (EndReason::Moved, 0.30),
    (EndReason::Hospital, 0.10),
    (EndReason::Died, 0.10),
    (EndReason::Other, 0.15),
];
