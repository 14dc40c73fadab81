//! `continuum generate`: deterministic, calibrated synthetic council bundles.
//!
//! Two profiles:
//!
//! - **demo**: one council, "Anyshire" (made-up ONS code `E06099999`), built to
//!   the figures of the five CQC reports in `seeds/` (every target, with its
//!   source, is in `src/calibration/`), with every edge case the evidence pack
//!   must handle. Two real councils, Oldham and Lincolnshire, get `authority.csv`
//!   rows so that real CQC, ASCOF and ONS data can sit beside it.
//! - **national**: all 153 councils of `data/councils.csv`, differing in size,
//!   rurality, waits, rating mix and occupancy. At `scale` 1 about 30,000
//!   locations, 1.5 million people and 10 million request, placement and review
//!   rows.
//!
//! The same options always give the same [`Dataset`], value for value: every
//! random number comes from a ChaCha8 stream seeded from the seed and a stream
//! number (council × component), so councils are generated on both cores in any
//! order and merged in council order. No output is ever produced by iterating a
//! hash map.
//!
//! The crate builds values of the domain types directly and does no I/O; the CLI
//! writes the result with `continuum_ingest::bundle::write_bundle`.

pub mod calibration;
mod care;
mod council;
mod demo;
mod error;
mod ids;
mod market;
mod names;
mod national;
mod needs;
mod pipeline;
mod places;
mod quality;
mod rng;
mod scenarios;
mod sustainability;

use continuum_domain::Dataset;

pub use demo::{DEMO_LA, DEMO_ONS_CODE, demo_as_at};
pub use error::SynthError;

/// Which bundle to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// One calibrated council, Anyshire, with every edge case.
    Demo,
    /// All 153 English councils.
    National,
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Demo (one council) or national (153).
    pub profile: Profile,
    /// The same seed (and scale) gives the same data.
    pub seed: u64,
    /// Volume multiplier for the national profile (1 = about 1.5 million
    /// people; 0.01 for tests). The demo is one calibrated council and ignores
    /// it.
    pub scale: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            profile: Profile::Demo,
            seed: 42,
            scale: 1.0,
        }
    }
}

/// A stage of generation, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Places, markets, contracts and provider returns, council by council.
    Markets,
    /// People and their care, council by council.
    Care,
    /// Joining the councils into one bundle.
    Merge,
}

/// Progress within a stage: `done` of `total` councils.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The stage under way.
    pub stage: Stage,
    /// Councils finished in this stage.
    pub done: usize,
    /// Councils in this stage.
    pub total: usize,
}

/// Generates a bundle. `progress` is called on the calling thread as councils
/// finish.
pub fn generate(opts: &Options, progress: &dyn Fn(Progress)) -> Result<Dataset, SynthError> {
    if !(opts.scale.is_finite() && opts.scale > 0.0) {
        return Err(SynthError::BadScale(opts.scale));
    }
    match opts.profile {
        Profile::Demo => generate_demo(opts.seed, progress),
        Profile::National => national::generate(opts.seed, opts.scale, progress),
    }
}

fn generate_demo(seed: u64, progress: &dyn Fn(Progress)) -> Result<Dataset, SynthError> {
    let c = demo::council()?;
    let p1 = pipeline::phase1(&c, seed)?;
    progress(Progress {
        stage: Stage::Markets,
        done: 1,
        total: 1,
    });
    let hosts = &demo::HOSTS;
    let mut areas = vec![p1.area];
    areas.extend(market::hosts(seed, c.as_at, hosts)?);
    let neighbours: Vec<usize> = (0..hosts.len())
        .filter(|&i| hosts[i].neighbour)
        .map(|i| i + 1)
        .collect();
    let far: Vec<usize> = (0..hosts.len())
        .filter(|&i| !hosts[i].neighbour)
        .map(|i| i + 1)
        .collect();
    let world = care::World {
        areas: &areas,
        home: 0,
        neighbours: &neighbours,
        far: &far,
    };
    let care_rows = pipeline::phase2(&c, world, seed, &p1.rows)?;
    progress(Progress {
        stage: Stage::Care,
        done: 1,
        total: 1,
    });
    let mut ds = Dataset::default();
    ds.append(p1.rows);
    ds.authorities.extend(demo::real_neighbours()?);
    ds.prevalence = places::prevalence();
    for area in areas {
        ds.locations.extend(area.locations);
    }
    ds.append(care_rows);
    progress(Progress {
        stage: Stage::Merge,
        done: 1,
        total: 1,
    });
    Ok(ds)
}
