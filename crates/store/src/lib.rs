//! The Store: one API over Continuum's data, with two real backends.
//!
//! - `continuum-store-sqlite`: the embedded default (`sqlite://continuum.db`, WAL).
//! - `continuum-store-postgres`: regions and national scale (`postgres://…`).
//!
//! A backend implements [`SqlBackend`]: open a transaction, run its migrations,
//! count its tables, and move rows in and out through the shared table codec
//! ([`schema`]). Every [`Store`] operation is then written once, in [`ops`] and
//! [`accounts`], over that transaction — so both backends follow the same rules
//! by construction, and the [`conformance`] suite proves they give the same
//! answers. Every table holding council data carries the council (`la`, or
//! `local_authority` for the location register) so that a distributed
//! PostgreSQL can shard on it.

pub mod accounts;
pub mod conformance;
mod error;
pub mod lookups;
mod model;
pub mod ops;
pub mod read_model;
pub mod schema;
mod store;
mod url;

pub use error::{StoreError, StoreResult};
pub use model::*;
pub use read_model::{PackRows, PackSource, ReadModelInfo};
pub use store::{SqlBackend, Store};
pub use url::{Backend, DatabaseUrl};

/// Runs `f`, which may block (on a lock, or on a large read, write or
/// encoding), without stalling the other tasks of a multi-threaded runtime:
/// the worker hands its queue to another thread for the duration. On a
/// current-thread runtime (and outside any runtime) it simply runs `f`.
pub fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}
