//! Sanctions: suspensions, embargoes, restrictions and terminations, placed on
//! the weakest locations, with the reasons the reports give.

use continuum_domain::{Date, Sanction, SanctionKind as K, SponsorLicence};

use crate::SynthError;
use crate::calibration as cal;
use crate::council::Council;
use crate::market::{Area, Block};
use crate::rng::{Rng, add_days, between, pick_index_by, stochastic_round};

/// Reasons, from `000_a9ed2bfda6862aee.txt` (Medway), `002_bcb1a377354bd4bb.txt`
/// (Middlesbrough), `003_5b24eaaa0189cde8.txt` (Shropshire) and
/// `004_185f2be0692370ff.txt` (County Durham).
const REASONS: [&str; 10] = [
    "Poor CQC rating",
    "Quality concerns found at a monitoring visit",
    "Safeguarding concerns",
    "Medication administration concerns",
    "Nutrition and hydration concerns",
    "Care planning concerns",
    "Whistle-blowing investigation",
    "Serious incident",
    "High staff turnover with poor management and leadership",
    "Concerns about staff culture and the environment",
];

/// One planned sanction.
struct Plan {
    kind: K,
    start: Date,
    end: Option<Date>,
    care_home_only: bool,
}

/// The council's sanctions; also records in `area.blocks` the spans when a
/// location takes no new placements.
pub(crate) fn sanctions(
    c: &Council,
    rng: &mut Rng,
    area: &mut Area,
) -> Result<Vec<Sanction>, SynthError> {
    let plans = plan(c, rng);
    let mut seq = c.seq("SA");
    let mut taken: Vec<u32> = Vec::new();
    let mut rows = Vec::with_capacity(plans.len());
    let revoked = area
        .locations
        .iter()
        .position(|l| l.sponsor_licence == SponsorLicence::Revoked);
    for (k, p) in plans.iter().enumerate() {
        let sponsor = k == 0 && revoked.is_some();
        let loc = match revoked.filter(|_| sponsor) {
            Some(i) => Some(i as u32),
            None => choose(rng, area, p, &taken),
        };
        let Some(loc) = loc else { continue };
        if p.end.is_none() {
            taken.push(loc);
        }
        if p.kind != K::Restriction {
            area.blocks.push(Block {
                loc,
                start: p.start,
                end: p.end,
            });
        }
        let reason = if sponsor {
            "Home Office revoked the provider's sponsor licence".to_string()
        } else {
            REASONS[between(rng, 0, REASONS.len() as i64 - 1) as usize].to_string()
        };
        rows.push(Sanction {
            sanction_id: seq.next()?,
            location_id: area.locations[loc as usize].location_id.clone(),
            la: c.la.clone(),
            kind: p.kind,
            start_date: p.start,
            end_date: p.end,
            reason,
        });
    }
    Ok(rows)
}

/// How many of each: the calibration for the demo, scaled by size and weighted
/// by weaker quality nationally (every council has at least one suspension).
fn counts(c: &Council, rng: &mut Rng) -> [u32; 6] {
    let risk = (1.3 - 0.6 * c.traits.quality).max(0.4);
    let mut n = |x: u32| {
        if c.demo {
            x
        } else {
            stochastic_round(rng, f64::from(x) * c.size * risk)
        }
    };
    [
        n(cal::SUSPENSIONS_ACTIVE).max(1),
        n(cal::RESTRICTIONS_ACTIVE),
        n(cal::TERMINATIONS),
        n(cal::EMBARGOES_IN_YEAR),
        n(cal::SUSPENSIONS_LIFTED_IN_YEAR),
        n(cal::SANCTIONS_PREVIOUS_YEAR),
    ]
}

fn plan(c: &Council, rng: &mut Rng) -> Vec<Plan> {
    let (t, w) = (c.as_at, c.window_start());
    let [suspended, restricted, terminated, embargoed, lifted, before] = counts(c, rng);
    let mut out = open_ones(rng, t, [suspended, restricted, terminated]);
    for k in 0..embargoed {
        let start = add_days(w, between(rng, 0, 330));
        let end = Some(add_days(start, between(rng, 30, 120))).filter(|e| k > 0 && *e <= t);
        out.push(Plan {
            kind: K::Embargo,
            start,
            end,
            care_home_only: true,
        });
    }
    for _ in 0..lifted {
        let start = add_days(w, between(rng, -60, 250));
        let end = Some(add_days(start, between(rng, 45, 110)).min(t));
        out.push(Plan {
            kind: K::Suspension,
            start,
            end,
            care_home_only: false,
        });
    }
    for k in 0..before {
        let start = add_days(w, -between(rng, 120, 365));
        let end = Some(add_days(start, between(rng, 30, 110)));
        let kind = [K::Suspension, K::Embargo, K::Restriction][k as usize % 3];
        out.push(Plan {
            kind,
            start,
            end,
            care_home_only: kind == K::Embargo,
        });
    }
    out
}

/// Sanctions still in force: suspensions, restrictions and terminations.
fn open_ones(rng: &mut Rng, t: Date, counts: [u32; 3]) -> Vec<Plan> {
    let mut out = Vec::new();
    let kinds = [
        (K::Suspension, (10, 300)),
        (K::Restriction, (20, 400)),
        (K::Termination, (40, 300)),
    ];
    for ((kind, (lo, hi)), n) in kinds.into_iter().zip(counts) {
        for _ in 0..n {
            let start = add_days(t, -between(rng, lo, hi));
            out.push(Plan {
                kind,
                start,
                end: None,
                care_home_only: false,
            });
        }
    }
    out
}

/// A location for a sanction: weaker quality is far likelier; a location with an
/// active sanction of the same run is not chosen twice for an open one.
fn choose(rng: &mut Rng, area: &Area, p: &Plan, taken: &[u32]) -> Option<u32> {
    let n = area.locations.len();
    pick_index_by(rng, n, |i| {
        let l = &area.locations[i];
        let m = &area.meta[i];
        let eligible = !m.reserved
            && !l.in_house
            && l.is_registered_at(p.start)
            && p.end
                .map_or(l.deregistered_on.is_none(), |e| l.is_registered_at(e))
            && (!p.care_home_only || l.service_type.is_care_home())
            && !taken.contains(&(i as u32));
        if eligible {
            f64::from(1.0 - m.quality).powi(3)
        } else {
            0.0
        }
    })
    .map(|i| i as u32)
}
