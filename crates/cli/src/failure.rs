//! Turning an error into a message and an exit code.
//!
//! Bad input the user can fix exits 2 with every problem listed; anything else
//! exits 1 with the chain of causes.

use std::process::ExitCode;

use continuum_ingest::IngestErrors;
use continuum_store::StoreError;

/// Bad input: the user must change a file, a value or an argument.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// Prints the error to stderr and picks the exit code.
pub fn report(e: &anyhow::Error) -> ExitCode {
    if let Some(errs) = e.downcast_ref::<IngestErrors>() {
        eprintln!(
            "error: the input has {} problem(s); nothing was written",
            errs.errors.len()
        );
        eprintln!("{errs}");
        return ExitCode::from(2);
    }
    if let Some(b) = e.downcast_ref::<BadInput>() {
        eprintln!("error: {b}");
        return ExitCode::from(2);
    }
    if let Some(StoreError::BadUrl(m)) = e.downcast_ref::<StoreError>() {
        eprintln!("error: {m}");
        return ExitCode::from(2);
    }
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
    ExitCode::from(1)
}
