//! Calibration of population, prevalence, published indicators, fees and the
//! national totals (C1, C2, C5).

use continuum_domain::{AgeBand, RateUnit, ServiceType as S};

// ---------------------------------------------------------------------------
// Population and prevalence
// ---------------------------------------------------------------------------

/// Adults by age band in the base year, for a council of size 1.
/// `000_a9ed2bfda6862aee.txt` (Medway): "The population of people aged 65+ in
/// Medway was almost 47,000" (25,000 + 16,000 + 6,000); the 18–64 figure is
/// model shape for a council of about 280,000 people.
pub const ADULTS: [(AgeBand, f64); 4] = [
    (AgeBand::A18To64, 168_000.0),
    (AgeBand::A65To74, 25_000.0),
    (AgeBand::A75To84, 16_000.0),
    (AgeBand::A85Plus, 6_000.0),
];

/// Women's share of each age band (model shape, as in ONS estimates).
pub const FEMALE_SHARE: [(AgeBand, f64); 4] = [
    (AgeBand::A18To64, 0.50),
    (AgeBand::A65To74, 0.52),
    (AgeBand::A75To84, 0.55),
    (AgeBand::A85Plus, 0.63),
];

/// Yearly growth by age band. `000_a9ed2bfda6862aee.txt` (Medway): the over-80s
/// needing help with a self-care task "projected to increase by 43% in women and
/// 53% in men by 2040" (about 2.2% a year); `001_5ce92765b551ce5c.txt` (London
/// borough): a 20% rise in over-65s affected by falls from 2024 to 2040.
pub const GROWTH_PER_YEAR: [(AgeBand, f64); 4] = [
    (AgeBand::A18To64, 0.002),
    (AgeBand::A65To74, 0.011),
    (AgeBand::A75To84, 0.024),
    (AgeBand::A85Plus, 0.030),
];

/// Share needing help with at least one self-care task, (women, men).
/// `000_a9ed2bfda6862aee.txt` (Medway): "around 13,200 people aged 65+ needed
/// help with at least 1 self-care activity" of almost 47,000 (28%); the split by
/// band follows POPPI's shape.
pub const SELFCARE_HELP: [(AgeBand, f64, f64); 4] = [
    (AgeBand::A18To64, 0.050, 0.040),
    (AgeBand::A65To74, 0.210, 0.170),
    (AgeBand::A75To84, 0.350, 0.290),
    (AgeBand::A85Plus, 0.580, 0.470),
];

/// Dementia prevalence, (women, men) (model shape after POPPI).
/// `000_a9ed2bfda6862aee.txt` (Medway): people with dementia "predicted to rise
/// by 46% between 2019 and 2030", which the 85+ growth carries.
pub const DEMENTIA: [(AgeBand, f64, f64); 4] = [
    (AgeBand::A18To64, 0.0008, 0.0009),
    (AgeBand::A65To74, 0.015, 0.016),
    (AgeBand::A75To84, 0.062, 0.055),
    (AgeBand::A85Plus, 0.210, 0.160),
];

/// Learning disability prevalence, (women, men) (model shape after PANSI).
pub const LEARNING_DISABILITY: [(AgeBand, f64, f64); 4] = [
    (AgeBand::A18To64, 0.018, 0.024),
    (AgeBand::A65To74, 0.013, 0.016),
    (AgeBand::A75To84, 0.011, 0.013),
    (AgeBand::A85Plus, 0.009, 0.010),
];

// ---------------------------------------------------------------------------
// Published indicators (indicators.csv)
// ---------------------------------------------------------------------------

/// One survey measure for the demo: the measure, its source, and per period
/// (period, value %, England %, respondents).
pub type SurveyMeasure = (
    &'static str,
    &'static str,
    [(&'static str, f64, f64, u32); 2],
);

/// "% felt they had choice over services" (ASCS). `000_a9ed2bfda6862aee.txt`
/// (Medway): 66.21% against England 70.28% (ASCS October 2023, so 2022-23);
/// 2023-24's England 70.2% from `002_bcb1a377354bd4bb.txt` (Middlesbrough), with
/// Anyshire's value model shape.
pub const CHOICE_OVER_SERVICES: SurveyMeasure = (
    "% felt they had choice over services",
    "ASCS",
    [
        ("2022-23", 66.21, 70.28, 410),
        ("2023-24", 67.90, 70.2, 395),
    ],
);

/// "% carers able to take a break at short notice or in an emergency" (SACE,
/// every two years). `004_185f2be0692370ff.txt` (County Durham): 13.6% against
/// 10.76% (2021-22); 2023-24 from `002_bcb1a377354bd4bb.txt` (Middlesbrough)
/// 13.9% and England 12.08% from `001_5ce92765b551ce5c.txt` (London borough).
pub const CARER_BREAK_SHORT_NOTICE: SurveyMeasure = (
    "% carers able to take a break at short notice or in an emergency",
    "SACE",
    [("2021-22", 13.6, 10.76, 460), ("2023-24", 13.9, 12.08, 445)],
);

/// "% carers able to take a break for more than 24 hours" (SACE).
/// `004_185f2be0692370ff.txt` (County Durham): 20.51% against 13.56% (2021-22);
/// 2023-24 from `002_bcb1a377354bd4bb.txt` (Middlesbrough) 19.5% and England
/// 16.14% from `001_5ce92765b551ce5c.txt` (London borough).
pub const CARER_BREAK_OVER_24H: SurveyMeasure = (
    "% carers able to take a break for more than 24 hours",
    "SACE",
    [
        ("2021-22", 20.51, 13.56, 460),
        ("2023-24", 19.5, 16.14, 445),
    ],
);

/// "% carers able to take a break for 1-24 hours" (SACE).
/// `002_bcb1a377354bd4bb.txt` (Middlesbrough): 22.2%; England 21.73% from
/// `003_5b24eaaa0189cde8.txt` (Shropshire); 2021-22 is model shape.
pub const CARER_BREAK_1_TO_24H: SurveyMeasure = (
    "% carers able to take a break for 1-24 hours",
    "SACE",
    [("2021-22", 21.0, 20.9, 460), ("2023-24", 22.2, 21.73, 445)],
);

/// "% adults with a learning disability living in their own home or with their
/// family" (SALT; no margin of error). `003_5b24eaaa0189cde8.txt` (Shropshire):
/// 87.77% against England 80.42%; 2022-23 is model shape.
pub const LD_OWN_HOME: SurveyMeasure = (
    "% adults with a learning disability living in their own home or with family",
    "SALT",
    [("2022-23", 86.9, 80.5, 0), ("2023-24", 87.77, 80.42, 0)],
);

/// "Average days from medically fit to discharge" (lower is better; no England
/// figure). `003_5b24eaaa0189cde8.txt` (Shropshire): 2.02 days in April 2023 and
/// 1 day in April 2024.
pub const DISCHARGE_DAYS: SurveyMeasure = (
    "Average days from medically fit to discharge",
    "NHS discharge sitrep",
    [
        ("2023-04-30", 2.02, f64::NAN, 0),
        ("2024-04-30", 1.0, f64::NAN, 0),
    ],
);

// ---------------------------------------------------------------------------
// Fees (C5)
// ---------------------------------------------------------------------------

/// The council's rate in the latest year and the fair-cost-of-care median, per
/// service type (model shape: no report quotes rates; they sit below the fair
/// cost, as `000_a9ed2bfda6862aee.txt` (Medway) providers complain, and the
/// homecare rate carries `003_5b24eaaa0189cde8.txt` (Shropshire)'s 12% uplift).
pub const FEES: [(S, RateUnit, f64, f64); 8] = [
    (S::ResidentialHome, RateUnit::Week, 812.0, 905.0),
    (S::NursingHome, RateUnit::Week, 934.0, 1_071.0),
    (S::Homecare, RateUnit::Hour, 24.60, 25.90),
    (S::SupportedLiving, RateUnit::Hour, 22.10, 23.40),
    (S::ExtraCare, RateUnit::Hour, 22.40, 23.80),
    (S::DayService, RateUnit::Session, 52.0, 58.0),
    (S::Respite, RateUnit::Night, 142.0, 158.0),
    (S::SharedLives, RateUnit::Week, 455.0, 490.0),
];

/// Years of fee history (model shape: several years to show the trend).
pub const FEE_YEARS: i32 = 5;

// ---------------------------------------------------------------------------
// National totals
// ---------------------------------------------------------------------------

/// CQC locations across England at scale 1. `spec/product.md` (Scale): "about 30
/// thousand locations"; a council of size 1 has about 200.
pub const NATIONAL_LOCATIONS: u32 = 30_000;

/// People across England at scale 1. `spec/product.md` (Scale): "about 1.5
/// million people".
pub const NATIONAL_PEOPLE: u32 = 1_500_000;
