//! The Continuum domain: the typed vocabulary of a council's care market.
//!
//! Everything that crosses an edge (a CSV cell, a JSON field, a form value) is
//! parsed into these types once, with an error that says where and why. Past the
//! edge, code works with values that cannot be wrong in the ways the types rule
//! out: an unknown rating word, a negative bed count, a date in the wrong format.
//!
//! This crate does no I/O. The store, the readers, the engine and the web app all
//! speak it.

pub mod access;
pub mod ascof;
pub mod care;
pub mod cqc;
pub mod dataset;
pub mod ids;
pub mod indicators;
pub mod market;
pub mod parse;
pub mod places;
pub mod quality;
pub mod sustainability;
pub mod vocab;

pub use access::{AuditAction, AuditEvent, Permission, Role, User};
pub use care::{Person, Placement, Request, Review};
pub use cqc::{
    CqcBatch, CqcLocationUpdate, CqcRating, KeyQuestion, LocationChange, QualityStatementScore,
    RatingEvent,
};
pub use dataset::Dataset;
pub use ids::*;
pub use indicators::{AscofValue, Figure, FinancialYear, Gap, Indicator, Period, Suppression};
pub use market::{CapacityReturn, Contract, Location, Provider};
pub use parse::{Date, ParseError, parse_bool_yn, parse_date};
pub use places::{AgeBand, Authority, Locality, PopulationRow, PrevalenceRow};
pub use quality::{Concern, QualityAssessment, Sanction, Visit};
pub use sustainability::{FeeRate, Handback, WorkforceReturn};
pub use vocab::*;
