//! Who is asking, and what they may do.
//!
//! - [`session`]: the signed-in user ([`Signed`]), from a session cookie or an
//!   API token; sessions are random tokens whose SHA-256 digest is stored.
//! - [`can`]: capabilities. A handler that needs a right takes [`Can<P>`] as an
//!   argument; the only way to get one is [`Signed::require`] (or the
//!   extractor, which calls it), and that is the only call of
//!   [`Role::can`](continuum_domain::Role::can) in the crate.
//! - [`scope`]: whose data a user may see. Every register query and every
//!   location or person lookup goes through a [`DataScope`], so a provider user
//!   only ever reaches its own locations and council staff only their
//!   council's records. Outside the scope is "not found", never "forbidden".
//! - [`csrf`]: one middleware checks the anti-forgery token of every form.
//! - [`throttle`]: repeated failed sign-ins are refused for a while.
//! - [`password`]: argon2id hashing.

pub mod can;
pub mod csrf;
pub mod password;
pub mod scope;
pub mod session;
pub mod throttle;
pub mod token;

pub use can::{Can, Capability};
pub use scope::DataScope;
pub use session::Signed;
