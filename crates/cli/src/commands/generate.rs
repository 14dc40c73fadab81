//! `continuum generate`: a synthetic bundle, the same bytes for the same seed.

use std::time::Instant;

use anyhow::Context;
use continuum_synth::{Options, Profile, Progress, Stage};

use crate::cli::{GenerateArgs, ProfileArg};
use crate::failure::BadInput;
use crate::progress;

pub async fn run(a: GenerateArgs) -> anyhow::Result<()> {
    if !(a.scale.is_finite() && a.scale > 0.0) {
        return Err(BadInput(format!(
            "--scale {}: expected a number above 0, such as 1 or 0.01",
            a.scale
        ))
        .into());
    }
    let opts = Options {
        profile: match a.profile {
            ProfileArg::Demo => Profile::Demo,
            ProfileArg::National => Profile::National,
        },
        seed: a.seed,
        scale: a.scale,
    };
    let out = a.out.clone();
    let started = Instant::now();
    let (rows, files) = tokio::task::spawn_blocking(move || -> anyhow::Result<(usize, usize)> {
        let pb = progress::bar(0, "generating");
        let ds = continuum_synth::generate(&opts, &|p: Progress| {
            let stage = match p.stage {
                Stage::Markets => "markets",
                Stage::Care => "people and care",
                Stage::Merge => "merging",
            };
            pb.set_length(p.total as u64);
            pb.set_position(p.done as u64);
            pb.set_message(format!("generating {stage}"));
        })?;
        pb.finish_and_clear();
        let pb = progress::spinner(format!(
            "writing {} rows to {}",
            ds.total_rows(),
            out.display()
        ));
        continuum_ingest::bundle::write_bundle(&ds, &out).map_err(|e| anyhow::anyhow!("{e}"))?;
        pb.finish_and_clear();
        Ok((
            ds.total_rows(),
            ds.counts().iter().filter(|(_, n)| *n > 0).count(),
        ))
    })
    .await
    .context("the generator stopped unexpectedly")??;
    let secs = started.elapsed().as_secs_f64();
    tracing::info!(
        rows,
        files,
        duration_ms = (secs * 1000.0) as u64,
        "generated"
    );
    println!(
        "wrote {rows} rows in {files} files to {} in {secs:.1} s ({:.0} rows/s)",
        a.out.display(),
        rows as f64 / secs.max(1e-9)
    );
    Ok(())
}
