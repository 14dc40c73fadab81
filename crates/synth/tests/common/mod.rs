//! Shared test support: generating the demo once, an internal-consistency
//! checker, and metrics computed from rows as `spec/metrics.md` defines them.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod check;
pub mod metrics;
pub mod rows;

use std::sync::OnceLock;

use continuum_domain::Dataset;
use continuum_synth::{Options, Profile, generate};

/// The demo bundle, generated once per test binary: with the default seed, or
/// the seed in `SYNTH_TEST_SEED` (to check that the calibration holds for other
/// seeds too).
pub fn demo() -> &'static Dataset {
    static DEMO: OnceLock<Dataset> = OnceLock::new();
    DEMO.get_or_init(|| {
        let seed = std::env::var("SYNTH_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok());
        let opts = Options {
            seed: seed.unwrap_or(Options::default().seed),
            ..Options::default()
        };
        generate(&opts, &|_| {}).expect("the demo generates")
    })
}

/// Generates with the given options.
pub fn generate_with(profile: Profile, seed: u64, scale: f64) -> Dataset {
    generate(
        &Options {
            profile,
            seed,
            scale,
        },
        &|_| {},
    )
    .expect("generation succeeds")
}
