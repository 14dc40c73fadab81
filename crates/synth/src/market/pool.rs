//! Fast weighted choice of a location for a new placement.
//!
//! A council places millions of people in the national profile, so a choice is
//! a binary search in cumulative weights, tried a few times against the
//! constraints (registered, not suspended, not full), before a linear scan.

use continuum_domain::Location;
use rand::RngExt;

use super::{Meta, TYPES, ti};
use crate::rng::{Rng, chance, index};

/// Locations of one kind with cumulative weights.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pool {
    items: Vec<u32>,
    cum: Vec<f64>,
}

impl Pool {
    fn push(&mut self, i: u32, w: f64) {
        let last = self.cum.last().copied().unwrap_or(0.0);
        self.items.push(i);
        self.cum.push(last + w.max(1e-6));
    }

    fn draw(&self, rng: &mut Rng) -> Option<u32> {
        let total = *self.cum.last()?;
        let x = rng.random::<f64>() * total;
        let k = self.cum.partition_point(|c| *c <= x);
        self.items.get(k.min(self.items.len() - 1)).copied()
    }

    /// Tries weighted draws, then scans from a random start.
    fn choose(&self, rng: &mut Rng, tries: usize, ok: &impl Fn(u32) -> bool) -> Option<u32> {
        for _ in 0..tries {
            match self.draw(rng) {
                Some(i) if ok(i) => return Some(i),
                Some(_) => {}
                None => return None,
            }
        }
        let n = self.items.len();
        let start = index(rng, n);
        (0..n).map(|k| self.items[(start + k) % n]).find(|&i| ok(i))
    }
}

/// The pools of one area: by type, by type and locality, and the locations that
/// stay open (for other councils' out-of-area placements).
#[derive(Debug, Clone, Default)]
pub(crate) struct Pools {
    by_type: Vec<Pool>,
    by_locality: Vec<Vec<Pool>>,
    lasting: Vec<Pool>,
}

impl Pools {
    /// Builds the pools; reserved (scenario) locations are left out.
    pub(crate) fn build(locations: &[Location], meta: &[Meta], localities: usize) -> Self {
        let mut p = Pools {
            by_type: vec![Pool::default(); TYPES],
            by_locality: vec![vec![Pool::default(); localities]; TYPES],
            lasting: vec![Pool::default(); TYPES],
        };
        for (i, (l, m)) in locations.iter().zip(meta).enumerate() {
            if m.reserved {
                continue;
            }
            let (t, w, i) = (ti(l.service_type), f64::from(m.weight), i as u32);
            p.by_type[t].push(i, w);
            if let Some(pool) = m
                .locality
                .and_then(|k| p.by_locality[t].get_mut(usize::from(k)))
            {
                pool.push(i, w);
            }
            if l.deregistered_on.is_none() {
                p.lasting[t].push(i, w);
            }
        }
        p
    }

    /// A location of type `t` that passes `ok`, preferring the person's own
    /// locality.
    pub(crate) fn choose(
        &self,
        rng: &mut Rng,
        t: usize,
        locality: Option<usize>,
        ok: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        let local = locality.and_then(|k| self.by_locality.get(t)?.get(k));
        if let Some(pool) = local.filter(|p| !p.items.is_empty())
            && chance(rng, 0.65)
            && let Some(i) = pool.choose(rng, 4, &|i| ok(i))
        {
            return Some(i);
        }
        self.by_type.get(t)?.choose(rng, 8, &ok)
    }

    /// A location of type `t` that stays open, for a placement from another
    /// council.
    pub(crate) fn choose_lasting(
        &self,
        rng: &mut Rng,
        t: usize,
        ok: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        self.lasting.get(t)?.choose(rng, 6, &ok)
    }

    /// Whether the area has any lasting location of type `t`.
    pub(crate) fn has_lasting(&self, t: usize) -> bool {
        self.lasting.get(t).is_some_and(|p| !p.items.is_empty())
    }
}
