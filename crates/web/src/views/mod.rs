//! What a page and the API both show, gathered in one place so the two can
//! never disagree about who sees what.

pub mod location;
pub mod register;
