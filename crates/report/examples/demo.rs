//! Writes a demo evidence pack, a two-council summary, the CSV and the
//! workbook from the hand-made test council, for opening in a browser or a
//! spreadsheet:
//!
//! ```text
//! cargo run -p continuum-report --example demo [DIR]
//! ```
//!
//! DIR defaults to `continuum-report-demo` in the system's temporary folder.
//! The paths written are printed, one a line.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).map_or_else(
        || std::env::temp_dir().join("continuum-report-demo"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    let pack = common::rich();
    let both = common::both();
    let mut csv = Vec::new();
    continuum_report::csv::write_long_table(&both, &mut csv)?;
    let files = [
        (
            "pack.html",
            continuum_report::pack_html(&pack)?.into_bytes(),
        ),
        (
            "summary.html",
            continuum_report::summary_html(&both)?.into_bytes(),
        ),
        ("metrics.csv", csv),
        ("packs.xlsx", continuum_report::xlsx::workbook(&both)?),
    ];
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes)?;
        println!("{}", path.display());
    }
    Ok(())
}
