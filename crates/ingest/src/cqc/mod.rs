//! CQC's published data: the register of locations, their ratings and, for the
//! new single assessment framework, their quality statement scores.
//!
//! Three readers, one per format CQC publishes, each giving a
//! [`CqcBatch`](continuum_domain::CqcBatch) of adult social care locations
//! sorted by location ID, and warnings:
//!
//! | reader | reads | knows |
//! |---|---|---|
//! | [`api::read_dir`] | a folder of CQC API responses (`locations.json`, `location_details/`, `providers.json`, `provider_details/`) | everything: beds, specialisms, registered manager, registration, coordinates, rating history, quality statement scores |
//! | [`ratings::read_csv`] | the "care directory with ratings" CSV | ratings per service group and key question, care home or not |
//! | [`directory::read_csv`] | the CQC directory CSV | service types and specialisms |
//!
//! Each field a source does not carry is `None` in its
//! [`CqcLocationUpdate`](continuum_domain::CqcLocationUpdate), so applying the
//! update leaves the register's value alone. The rules that turn CQC's words
//! into the bundle's (which locations are adult social care, the primary
//! service type, specialisms, quality statement scores) are in [`mapping`].
//!
//! No reader keeps a person's name: the API's contacts are read only for the
//! fact that a registered manager is in post.

pub mod api;
mod common;
pub mod directory;
pub mod mapping;
pub mod ratings;
