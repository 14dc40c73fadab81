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
pub mod schema;
mod store;
mod url;

pub use error::{StoreError, StoreResult};
pub use model::*;
pub use store::{SqlBackend, Store};
pub use url::{Backend, DatabaseUrl};
