//! Turns evidence packs into files a council can use and CQC can read: one
//! printable HTML page per council (or a ranked summary of many), the long
//! metric table as CSV, a workbook, and the SVG charts the page embeds.
//!
//! The engine computes; this crate only presents. Every figure shown comes from
//! a [`Pack`](continuum_engine::Pack), and every number is written with the
//! engine's own British formatter ([`continuum_engine::format`]), so the page,
//! the workbook and the findings can never disagree about a figure.
//!
//! | output | function |
//! |---|---|
//! | HTML evidence pack | [`html::pack_html`] |
//! | HTML summary of many councils | [`html::summary_html`] |
//! | CSV long table | [`csv::write_long_table`] |
//! | XLSX workbook | [`xlsx::workbook`] |
//! | one chart | the functions of [`charts`] |

pub mod charts;
pub mod csv;
pub mod describe;
pub mod html;
pub mod xlsx;

pub use charts::Svg;
pub use html::{pack_html, summary_html};

/// Why a report could not be written. Rendering pure data cannot fail in
/// ordinary use; these are the writers' own failures, passed on with context.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// An HTML template failed to render.
    #[error("could not render the HTML page: {0}")]
    Template(#[from] askama::Error),
    /// The CSV writer failed (usually the output it writes to).
    #[error("could not write the CSV table: {0}")]
    Csv(#[from] ::csv::Error),
    /// The workbook could not be built.
    #[error("could not build the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Writing the output failed.
    #[error("could not write the report: {0}")]
    Io(#[from] std::io::Error),
}
