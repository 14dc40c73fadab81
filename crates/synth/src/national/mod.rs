//! The national profile: every council of `data/councils.csv`, generated on all
//! cores and merged in file order.
//!
//! Phase 1 builds every council's market in parallel; phase 2 then simulates
//! every council's people in parallel, reading all the markets (people are
//! placed in neighbours' homes). Each council draws only from its own seeded
//! streams, so the result does not depend on which thread ran which council.

mod councils;
mod parallel;

use std::collections::BTreeMap;

use continuum_domain::Dataset;

use crate::care::World;
use crate::council::Council;
use crate::market::Area;
use crate::pipeline::{self, Phase1};
use crate::rng::{self, Component, index};
use crate::{Progress, Stage, SynthError, places};

/// The 153 councils, as NHS England's ASCOF file lists them.
const COUNCILS_CSV: &str = include_str!("../../data/councils.csv");

/// Generates the national bundle.
pub(crate) fn generate(
    seed: u64,
    scale: f64,
    progress: &dyn Fn(Progress),
) -> Result<Dataset, SynthError> {
    generate_from(COUNCILS_CSV, seed, scale, progress)
}

/// Generates a national bundle from a councils list in the `councils.csv` shape.
pub(crate) fn generate_from(
    csv: &str,
    seed: u64,
    scale: f64,
    progress: &dyn Fn(Progress),
) -> Result<Dataset, SynthError> {
    let rows = councils::parse(csv)?;
    let cs = councils::councils(&rows, seed, scale, crate::demo_as_at())?;
    let order = biggest_first(&cs);
    let total = cs.len();
    let tell = |stage| move |done| progress(Progress { stage, done, total });
    let phase1: Vec<Phase1> = parallel::run(
        &order,
        |i| pipeline::phase1(&cs[i], seed),
        &tell(Stage::Markets),
    )?;
    let (areas, market_rows): (Vec<Area>, Vec<Dataset>) =
        phase1.into_iter().map(|p| (p.area, p.rows)).unzip();
    let links = links(&cs, seed);
    let care_rows = parallel::run(
        &order,
        |i| {
            let world = World {
                areas: &areas,
                home: i,
                neighbours: &links[i].0,
                far: &links[i].1,
            };
            pipeline::phase2(&cs[i], world, seed, &market_rows[i])
        },
        &tell(Stage::Care),
    )?;
    let ds = merge(areas, market_rows, care_rows);
    progress(Progress {
        stage: Stage::Merge,
        done: total,
        total,
    });
    Ok(ds)
}

/// Council indices, largest first, so the two cores finish together.
fn biggest_first(cs: &[Council]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cs.len()).collect();
    order.sort_by(|&a, &b| cs[b].size.total_cmp(&cs[a].size).then(a.cmp(&b)));
    order
}

/// For each council, the indices of its neighbours and of three councils in
/// other regions (placements further away).
fn links(cs: &[Council], seed: u64) -> Vec<(Vec<usize>, Vec<usize>)> {
    let by_name: BTreeMap<&str, usize> = cs
        .iter()
        .enumerate()
        .map(|(i, c)| (c.la.as_str(), i))
        .collect();
    cs.iter()
        .map(|c| {
            let near: Vec<usize> = c
                .neighbours
                .iter()
                .filter_map(|n| by_name.get(n.as_str()).copied())
                .collect();
            let mut g = rng::stream(seed, rng::stream_id(c.index, Component::Hosts));
            let others: Vec<usize> = (0..cs.len())
                .filter(|&j| j != c.index as usize && !near.contains(&j))
                .collect();
            let far = (0..3)
                .filter_map(|_| others.get(index(&mut g, others.len())).copied())
                .collect();
            (near, far)
        })
        .collect()
}

/// Joins every council's rows, in council order.
fn merge(areas: Vec<Area>, market_rows: Vec<Dataset>, care_rows: Vec<Dataset>) -> Dataset {
    let mut ds = Dataset::default();
    reserve(&mut ds, &market_rows, &care_rows, &areas);
    ds.prevalence = places::prevalence();
    for area in areas {
        ds.locations.extend(area.locations);
    }
    for (m, c) in market_rows.into_iter().zip(care_rows) {
        ds.append(m);
        ds.append(c);
    }
    ds
}

fn reserve(ds: &mut Dataset, a: &[Dataset], b: &[Dataset], areas: &[Area]) {
    let sum = |f: fn(&Dataset) -> usize| a.iter().chain(b).map(f).sum::<usize>();
    ds.people.reserve(sum(|d| d.people.len()));
    ds.requests.reserve(sum(|d| d.requests.len()));
    ds.placements.reserve(sum(|d| d.placements.len()));
    ds.reviews.reserve(sum(|d| d.reviews.len()));
    ds.locations
        .reserve(areas.iter().map(|x| x.locations.len()).sum());
}
