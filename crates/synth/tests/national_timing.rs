#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The national profile at full scale: time and row counts. Ignored by default
//! (it takes a few gigabytes); run it in release:
//!
//! ```text
//! cargo test -p continuum-synth --release --test national_timing -- --ignored --nocapture
//! ```

use std::time::Instant;

use continuum_synth::{Options, Profile, generate};

#[test]
#[ignore = "full national scale: run in release with --ignored"]
fn national_scale_1_generates_in_well_under_a_minute() {
    let started = Instant::now();
    let ds = generate(
        &Options {
            profile: Profile::National,
            seed: 42,
            scale: 1.0,
        },
        &|_| {},
    )
    .unwrap();
    let secs = started.elapsed().as_secs_f64();
    for (file, n) in ds.counts() {
        eprintln!("{file:>20}: {n:>10}");
    }
    let events = ds.requests.len() + ds.placements.len() + ds.reviews.len();
    eprintln!("requests + placements + reviews: {events}");
    eprintln!("total rows: {}; generated in {secs:.1} s", ds.total_rows());
    assert!(
        (25_000..=35_000).contains(&ds.locations.len()),
        "{} locations",
        ds.locations.len()
    );
    assert!(
        (1_300_000..=1_700_000).contains(&ds.people.len()),
        "{} people",
        ds.people.len()
    );
    assert!(
        (8_500_000..=11_500_000).contains(&events),
        "{events} events"
    );
    assert!(secs < 60.0, "{secs} s");
}
