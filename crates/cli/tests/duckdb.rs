//! The second implementation: the metrics computed again in DuckDB SQL
//! (`bench/duckdb/`) agree with the engine on the demo, national 0.01 and edge
//! bundles, through this build's binary. Skipped when `python3` cannot import
//! `duckdb`, so a machine without DuckDB still passes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

fn duckdb_available() -> bool {
    Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_engine_and_duckdb_compute_the_same_metrics() {
    if !duckdb_available() {
        eprintln!("skipped: python3 cannot import duckdb (pip install duckdb)");
        return;
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/duckdb/check.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_continuum"))
        .env("PYTHON", "python3")
        .env_remove("KEEP")
        .output()
        .expect("bash runs check.sh");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "check.sh failed:\n{text}");
    for bundle in ["demo", "national-0.01", "edge"] {
        assert!(
            text.contains(&format!("{bundle}.engine.csv vs ")),
            "{bundle} was not compared:\n{text}"
        );
    }
    assert_eq!(
        text.matches("mismatches: 0").count(),
        3,
        "every comparison reports no mismatch:\n{text}"
    );
}
