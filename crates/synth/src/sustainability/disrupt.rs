//! Disruptions to people's care: hand-backs and contract terminations. The
//! placements at the location end on the day (`handback` or `sanction`), and the
//! people are re-placed, most within a few days, some later, a few not at all.

use continuum_domain::{
    Date, EndReason, Handback, LocationId, Sanction, SanctionKind, ServiceType as S,
};

use crate::SynthError;
use crate::calibration as cal;
use crate::care::{At, Emitter, Journey, Span};
use crate::council::Council;
use crate::rng::{Rng, add_days, between, date_between, pick, shuffle, stochastic_round};

const REASONS: [(&str, f64); 6] = [
    (
        "People's support needs increased beyond what the service could meet",
        0.3,
    ),
    ("Recruitment of nursing staff", 0.15),
    ("Financial viability", 0.2),
    ("Leaseholder changes", 0.08),
    ("Provider changing its business", 0.12),
    ("Quality concerns and staffing shortfalls", 0.15),
];

/// Ends the placements hit by terminations and hand-backs, re-places the people,
/// and returns the `handbacks.csv` rows.
pub(crate) fn disrupt(
    c: &Council,
    rng: &mut Rng,
    journey: &mut Journey,
    emit: &mut Emitter,
    sanctions: &[Sanction],
) -> Result<Vec<Handback>, SynthError> {
    let home = journey.home_area();
    let mut index = by_location(emit, home, journey.home_locations());
    for s in sanctions
        .iter()
        .filter(|s| s.kind == SanctionKind::Termination)
    {
        let Some(loc) = journey.home_index(&s.location_id) else {
            continue;
        };
        for i in active(emit, &index[loc as usize], s.start_date) {
            replace(
                rng,
                journey,
                emit,
                &mut index,
                i,
                s.start_date,
                EndReason::Sanction,
            )?;
        }
    }
    let mut seq = c.seq("HB");
    let mut rows = Vec::new();
    let w = c.window_start();
    for (s, n) in cal::HANDBACKS {
        for (from, to, share) in [(w, c.as_at, 1.0), (add_days(w, -365), add_days(w, -1), 0.8)] {
            let n = if c.demo {
                (f64::from(n) * share).round() as u32
            } else {
                stochastic_round(rng, f64::from(n) * share * c.size)
            };
            for _ in 0..n {
                let day = date_between(rng, from, to);
                if let Some(row) = handback(c, rng, journey, emit, &mut index, s, day, &mut seq)? {
                    rows.push(row);
                }
            }
        }
    }
    rows.sort_by(|a, b| a.date.cmp(&b.date).then(a.handback_id.cmp(&b.handback_id)));
    Ok(rows)
}

/// One hand-back on `day` at a location of type `s` that has people to hand back.
fn handback(
    c: &Council,
    rng: &mut Rng,
    journey: &mut Journey,
    emit: &mut Emitter,
    index: &mut [Vec<usize>],
    s: S,
    day: Date,
    seq: &mut crate::ids::Seq,
) -> Result<Option<Handback>, SynthError> {
    let mut candidates = journey.home_of_type(s);
    shuffle(rng, &mut candidates);
    for loc in candidates {
        let people = active(emit, &index[loc as usize], day);
        if people.is_empty() {
            continue;
        }
        let most = if s == S::SupportedLiving { 4 } else { 3 };
        let k = (between(rng, 1, most) as usize).min(people.len());
        for &i in &people[..k] {
            replace(rng, journey, emit, index, i, day, EndReason::Handback)?;
        }
        let location_id: LocationId = emit.out.placements[people[0]].location_id.clone();
        return Ok(Some(Handback {
            handback_id: seq.next()?,
            location_id,
            la: c.la.clone(),
            date: day,
            service_type: s,
            people_affected: k as u32,
            reason: pick(rng, &REASONS).to_string(),
        }));
    }
    Ok(None)
}

/// The council's placements at each home location.
fn by_location(emit: &Emitter, home: usize, n: usize) -> Vec<Vec<usize>> {
    let mut index = vec![Vec::new(); n];
    for (i, at) in emit.out.placed_at.iter().enumerate() {
        if usize::from(at.area) == home {
            if let Some(v) = index.get_mut(at.loc as usize) {
                v.push(i);
            }
        }
    }
    index
}

/// The placements in `list` that started before `day` and run past it.
fn active(emit: &Emitter, list: &[usize], day: Date) -> Vec<usize> {
    list.iter()
        .copied()
        .filter(|&i| {
            let p = &emit.out.placements[i];
            !p.interim && p.start_date < day && p.is_active_at(day)
        })
        .collect()
}

/// Ends placement `i` on `day` and re-places the person after a gap: most within
/// three days, a few within a week, some later, and a few not at all.
pub(crate) fn replace(
    rng: &mut Rng,
    journey: &mut Journey,
    emit: &mut Emitter,
    index: &mut [Vec<usize>],
    i: usize,
    day: Date,
    reason: EndReason,
) -> Result<(), SynthError> {
    let (old, at) = (emit.out.placements[i].clone(), emit.out.placed_at[i]);
    emit.out.placements[i].end_date = Some(day);
    emit.out.placements[i].end_reason = Some(reason);
    let gap = pick(
        rng,
        &[
            ((0, 3), 0.85),
            ((4, 7), 0.08),
            ((8, 30), 0.05),
            ((-1, -1), 0.02),
        ],
    );
    if gap.0 < 0 {
        return Ok(());
    }
    let from = add_days(day, between(rng, gap.0, gap.1));
    if from > journey.as_at() || old.end_date.is_some_and(|e| e <= from) {
        return Ok(());
    }
    let locality = journey.locality_of(at.loc);
    let span = Span {
        start: from,
        end: old.end_date,
    };
    let Some(loc) = journey.choose_home_with(rng, locality, old.service_type, span, false, at.loc)
    else {
        return Ok(());
    };
    let new_at = At { area: at.area, loc };
    let mut p = journey.placement(
        rng,
        old.service_type,
        new_at,
        from,
        old.end_date,
        old.end_reason,
        old.hours_per_week,
        None,
    );
    p.linked = false;
    p.delivery = old.delivery;
    emit.placement(&old.person_id, None, &p)?;
    if let Some(v) = index.get_mut(loc as usize) {
        v.push(emit.out.placements.len() - 1);
    }
    Ok(())
}
