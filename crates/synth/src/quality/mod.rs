//! Quality work: sanctions (drawn with the market, because they stop new
//! placements), and the council's visits, concerns and quality assessments of
//! the locations it commissions.

mod assessments;
mod oversight;
mod sanctions;

pub(crate) use assessments::assessments;
pub(crate) use oversight::{concerns, visits};
pub(crate) use sanctions::sanctions;
