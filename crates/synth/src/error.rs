//! Why generation can fail: bad options or a malformed embedded councils list.
//! Everything else the generator builds is valid by construction, and the
//! domain's own parsers check it once more as IDs are made.

use continuum_domain::ParseError;

/// A generation failure.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// `--scale` must be a finite number above 0.
    #[error("scale must be a number above 0, not {0}")]
    BadScale(f64),
    /// The embedded `data/councils.csv` could not be read.
    #[error("data/councils.csv line {line}: {message}")]
    Councils {
        /// The 1-based line (the header is line 1).
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// The national profile found no councils to generate.
    #[error("data/councils.csv lists no councils")]
    NoCouncils,
    /// An identifier failed the domain's checks (a bug in the generator).
    #[error("a generated identifier was refused: {0}")]
    Id(#[from] ParseError),
}
