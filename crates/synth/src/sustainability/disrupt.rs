//! Disruptions to people's care: hand-backs and contract terminations. The
//! placements at the location end on the day (`handback` or `sanction`), and the
//! people are re-placed, most within a few days, some later, a few not at all.

use continuum_domain::{Date, EndReason, Handback, Sanction, SanctionKind, ServiceType as S};

use crate::SynthError;
use crate::calibration as cal;
use crate::care::{At, Emitter, Journey, Span};
use crate::council::Council;
use crate::ids::Seq;
use crate::rng::{Rng, add_days, between, date_between, pick, shuffle, stochastic_round};

/// Why providers hand care back: `000_a9ed2bfda6862aee.txt` (Medway: people's
/// increased needs), `004_185f2be0692370ff.txt` (County Durham: financial
/// viability, leaseholder changes, recruiting nurses), `003_5b24eaaa0189cde8.txt`
/// (Shropshire: quality and finance, a provider changing its business).
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

/// How long people wait for their next placement after a disruption: days
/// (lowest, highest) with weights; `None` for no next placement.
const GAPS: [(Option<(i64, i64)>, f64); 4] = [
    (Some((0, 3)), 0.85),
    (Some((4, 7)), 0.08),
    (Some((8, 30)), 0.05),
    (None, 0.02),
];

/// The work of one council's disruptions.
struct Disrupt<'s, 'w> {
    c: &'s Council,
    rng: &'s mut Rng,
    journey: &'s mut Journey<'w>,
    emit: &'s mut Emitter<'w>,
    /// The council's placement rows at each of its own locations.
    index: Vec<Vec<usize>>,
}

/// Ends the placements hit by terminations and hand-backs, re-places the people,
/// and returns the `handbacks.csv` rows.
pub(crate) fn disrupt<'w>(
    c: &Council,
    rng: &mut Rng,
    journey: &mut Journey<'w>,
    emit: &mut Emitter<'w>,
    sanctions: &[Sanction],
) -> Result<Vec<Handback>, SynthError> {
    let index = by_location(emit, journey.home_area(), journey.home_locations());
    let mut d = Disrupt {
        c,
        rng,
        journey,
        emit,
        index,
    };
    for s in sanctions
        .iter()
        .filter(|s| s.kind == SanctionKind::Termination)
    {
        let Some(loc) = d.journey.home_index(&s.location_id) else {
            continue;
        };
        for i in d.active(loc, s.start_date) {
            d.replace(i, s.start_date, EndReason::Sanction)?;
        }
    }
    d.handbacks()
}

impl Disrupt<'_, '_> {
    /// Hand-backs in the year (the calibration counts) and, for the trend, in
    /// the year before.
    fn handbacks(&mut self) -> Result<Vec<Handback>, SynthError> {
        let c = self.c;
        let mut seq = c.seq("HB");
        let mut rows = Vec::new();
        let w = c.window_start();
        for (s, n) in cal::HANDBACKS {
            for (from, to, share) in [(w, c.as_at, 1.0), (add_days(w, -365), add_days(w, -1), 0.8)]
            {
                let x = f64::from(n) * share;
                let n = if c.demo {
                    x.round() as u32
                } else {
                    stochastic_round(self.rng, x * c.size)
                };
                for _ in 0..n {
                    let day = date_between(self.rng, from, to);
                    rows.extend(self.handback(s, day, &mut seq)?);
                }
            }
        }
        rows.sort_by(|a, b| a.date.cmp(&b.date).then(a.handback_id.cmp(&b.handback_id)));
        Ok(rows)
    }

    /// One hand-back on `day` at a location of type `s` that has people to hand
    /// back.
    fn handback(&mut self, s: S, day: Date, seq: &mut Seq) -> Result<Option<Handback>, SynthError> {
        let mut candidates = self.journey.home_of_type(s);
        shuffle(self.rng, &mut candidates);
        for loc in candidates {
            let people = self.active(loc, day);
            let Some(&first) = people.first() else {
                continue;
            };
            let most = if s == S::SupportedLiving { 4 } else { 3 };
            let k = (between(self.rng, 1, most) as usize).min(people.len());
            for &i in &people[..k] {
                self.replace(i, day, EndReason::Handback)?;
            }
            return Ok(Some(Handback {
                handback_id: seq.next()?,
                location_id: self.emit.out.placements[first].location_id.clone(),
                la: self.c.la.clone(),
                date: day,
                service_type: s,
                people_affected: k as u32,
                reason: pick(self.rng, &REASONS).to_string(),
            }));
        }
        Ok(None)
    }

    /// The placements at a home location that started before `day` and run
    /// past it.
    fn active(&self, loc: u32, day: Date) -> Vec<usize> {
        let rows = &self.emit.out.placements;
        self.index.get(loc as usize).map_or_else(Vec::new, |list| {
            list.iter()
                .copied()
                .filter(|&i| {
                    !rows[i].interim && rows[i].start_date < day && rows[i].is_active_at(day)
                })
                .collect()
        })
    }

    /// Ends placement `i` on `day` and re-places the person after a gap, for
    /// the rest of the stay, somewhere else of the same type.
    fn replace(&mut self, i: usize, day: Date, reason: EndReason) -> Result<(), SynthError> {
        let (old, at) = (
            self.emit.out.placements[i].clone(),
            self.emit.out.placed_at[i],
        );
        self.emit.out.placements[i].end_date = Some(day);
        self.emit.out.placements[i].end_reason = Some(reason);
        let Some((lo, hi)) = pick(self.rng, &GAPS) else {
            return Ok(());
        };
        let from = add_days(day, between(self.rng, lo, hi));
        if from > self.c.as_at || old.end_date.is_some_and(|e| e <= from) {
            return Ok(());
        }
        let j = &mut *self.journey;
        let span = Span {
            start: from,
            end: old.end_date,
        };
        let locality = j.locality_of(at.loc);
        let Some(loc) =
            j.choose_home_with(self.rng, locality, old.service_type, span, false, at.loc)
        else {
            return Ok(());
        };
        let mut p = j.placement(
            self.rng,
            old.service_type,
            At { area: at.area, loc },
            from,
            old.end_date,
            old.end_reason,
            old.hours_per_week,
            None,
        );
        p.linked = false;
        p.delivery = old.delivery;
        self.emit.placement(&old.person_id, None, &p)?;
        if let Some(v) = self.index.get_mut(loc as usize) {
            v.push(self.emit.out.placements.len() - 1);
        }
        Ok(())
    }
}

/// The council's placements at each home location.
fn by_location(emit: &Emitter, home: usize, n: usize) -> Vec<Vec<usize>> {
    let mut index = vec![Vec::new(); n];
    for (i, at) in emit.out.placed_at.iter().enumerate() {
        if usize::from(at.area) == home
            && let Some(v) = index.get_mut(at.loc as usize)
        {
            v.push(i);
        }
    }
    index
}
