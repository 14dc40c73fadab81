//! Published indicators (`indicators.csv`) and the register of gaps in services
//! (`gaps.csv`).

use continuum_domain::{Gap, GapStatus, Indicator, Polarity, Role, ServiceType as S};

use crate::SynthError;
use crate::calibration::{self as cal, SurveyMeasure};
use crate::council::Council;
use crate::rng::{Rng, add_days, between, chance, index, normal, stochastic_round, uniform};

/// Survey and other published measures for two periods each.
pub(crate) fn indicators(c: &Council, rng: &mut Rng) -> Vec<Indicator> {
    let measures: [(&SurveyMeasure, Polarity); 6] = [
        (&cal::CHOICE_OVER_SERVICES, Polarity::HigherBetter),
        (&cal::CARER_BREAK_SHORT_NOTICE, Polarity::HigherBetter),
        (&cal::CARER_BREAK_OVER_24H, Polarity::HigherBetter),
        (&cal::CARER_BREAK_1_TO_24H, Polarity::HigherBetter),
        (&cal::LD_OWN_HOME, Polarity::HigherBetter),
        (&cal::DISCHARGE_DAYS, Polarity::LowerBetter),
    ];
    let mut rows = Vec::new();
    for ((measure, source, periods), polarity) in measures {
        let lean = uniform(rng, -0.6, 1.2);
        for (period, value, england, respondents) in periods {
            let england = england.is_finite().then_some(*england);
            let value = if c.demo {
                *value
            } else {
                let gap = england.map_or(0.0, |e| value - e);
                let base = england.unwrap_or(*value);
                (base + gap * lean + c.traits.survey_shift + normal(rng) * 1.5).clamp(0.1, 99.0)
            };
            let n = if c.demo {
                *respondents
            } else {
                (f64::from(*respondents) * uniform(rng, 0.7, 1.5)).round() as u32
            };
            let moe = (n > 0).then(|| {
                let p = value / 100.0;
                (1.96 * (p * (1.0 - p) / f64::from(n)).sqrt() * 10_000.0).round() / 100.0
            });
            rows.push(Indicator {
                la: c.la.clone(),
                measure: measure.to_string(),
                period: period.to_string(),
                value: Some((value * 100.0).round() / 100.0),
                england_value: england,
                margin_of_error: moe,
                respondents: (n > 0).then_some(n),
                source: source.to_string(),
                polarity,
            });
        }
    }
    rows
}

/// Gaps raised by frontline staff, as the reports describe them.
const GAPS: [(&str, Option<S>, &str, bool); 16] = [
    (
        "culturally_specific",
        Some(S::Homecare),
        "No culturally appropriate homecare for the Jewish community",
        false,
    ),
    (
        "bariatric",
        Some(S::NursingHome),
        "No bariatric beds in the north",
        true,
    ),
    (
        "dementia",
        Some(S::NursingHome),
        "Shortage of dementia nursing beds",
        false,
    ),
    (
        "learning_disability",
        Some(S::SupportedLiving),
        "No supported living for people with a mild learning disability needing 30 hours a week",
        false,
    ),
    (
        "complex_needs",
        Some(S::SupportedLiving),
        "No placements for young people with complex needs leaving children's services",
        false,
    ),
    (
        "respite",
        Some(S::Respite),
        "Not enough respite for people with a learning disability",
        false,
    ),
    (
        "mental_health",
        Some(S::SupportedLiving),
        "No single-person accommodation for people with mental health needs",
        false,
    ),
    (
        "rural",
        Some(S::Homecare),
        "Homecare in rural areas: care workers who cannot drive",
        true,
    ),
    (
        "carers",
        Some(S::Other),
        "No sitting service so unpaid carers can take a break",
        false,
    ),
    (
        "dementia",
        Some(S::DayService),
        "Specialist dementia day opportunities",
        false,
    ),
    (
        "autism",
        Some(S::SupportedLiving),
        "Provision for autistic adults with complex needs",
        false,
    ),
    (
        "night_support",
        Some(S::Homecare),
        "Night-time support while people wait for a care home",
        false,
    ),
    (
        "step_down",
        Some(S::IntermediateCare),
        "Too few step-down beds after hospital",
        false,
    ),
    (
        "extra_care",
        Some(S::ExtraCare),
        "Extra care housing for people aged 55 and over",
        false,
    ),
    (
        "employment",
        Some(S::DayService),
        "Employment support for young adults with a learning disability",
        false,
    ),
    ("mental_health", None, "Mental health crisis beds", false),
];

const OWNERS: [&str; 4] = [
    "Commissioning - older people",
    "Commissioning - learning disability and autism",
    "Commissioning - mental health",
    "Brokerage team lead",
];

/// The locality a gap is about: the northern one for "in the north", a rural one
/// for rural gaps, otherwise any.
fn locality_for(
    c: &Council,
    rng: &mut Rng,
    category: &str,
    description: &str,
) -> Option<continuum_domain::LocalityId> {
    let found = if description.contains("north") {
        c.localities.iter().find(|l| l.name.contains("North"))
    } else if category == "rural" {
        c.localities.iter().find(|l| l.rural)
    } else {
        None
    };
    found
        .or_else(|| c.localities.get(index(rng, c.localities.len())))
        .map(|l| l.id.clone())
}

/// The gaps register: open, in progress and resolved gaps.
pub(crate) fn gaps(c: &Council, rng: &mut Rng) -> Result<Vec<Gap>, SynthError> {
    let n = if c.demo {
        GAPS.len() as u32
    } else {
        stochastic_round(rng, GAPS.len() as f64 * c.size).max(1)
    };
    let mut seq = c.seq("GP");
    let mut rows = Vec::with_capacity(n as usize);
    for k in 0..n as usize {
        let (category, service, description, local) = GAPS[k % GAPS.len()];
        let raised = add_days(c.as_at, -between(rng, 20, 700));
        let status = match k % 3 {
            0 => GapStatus::Open,
            1 => GapStatus::InProgress,
            _ => GapStatus::Resolved,
        };
        let resolved = (status == GapStatus::Resolved)
            .then(|| add_days(raised, between(rng, 30, 400)).min(c.as_at));
        let locality = if local || chance(rng, 0.2) {
            locality_for(c, rng, category, description)
        } else {
            None
        };
        let role = [
            Role::SocialWorker,
            Role::SocialWorker,
            Role::Broker,
            Role::QualityOfficer,
            Role::Commissioner,
        ][index(rng, 5)];
        rows.push(Gap {
            gap_id: seq.next()?,
            la: c.la.clone(),
            raised_on: raised,
            raised_by_role: role,
            category: category.to_string(),
            service_type: service,
            locality_id: locality,
            description: description.to_string(),
            status,
            owner: (status != GapStatus::Open || chance(rng, 0.5))
                .then(|| OWNERS[index(rng, OWNERS.len())].to_string()),
            resolved_on: resolved,
        });
    }
    Ok(rows)
}
