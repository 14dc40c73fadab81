//! Sustainability and continuity: fee rates, hand-backs and the re-placement of
//! people when a provider hands back care, fails or is terminated.

mod disrupt;
mod fees;

pub(crate) use disrupt::disrupt;
pub(crate) use fees::{fee_at, fees};
