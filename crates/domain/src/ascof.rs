//! The ASCOF measures NHS England publishes for 2024-25, with their unit and
//! polarity.
//!
//! Codes are written as the ODS's Contents sheet writes them (`2D(1)`, `3D(1a)`).
//! Table_6b also publishes the parts of 6B; they get codes of their own,
//! `6B-outstanding`, `6B-good`, `6B-other` and `6B-not-yet-rated`, which no NHS
//! England code can clash with.
//!
//! Polarity says which way is better, for the statistical variation test in
//! `metrics.md`. Most measures are proportions of people with a good outcome, so
//! higher is better; the exceptions, and the reason for each, are written beside
//! them.

use crate::Polarity;

/// What a measure's outcome counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A percentage, 0–100.
    Percent,
    /// A score on the measure's own scale (1A out of 24, 1C out of 12, 1B a
    /// utility difference around 0–1).
    Score,
    /// People per 100,000 of the age group's population.
    Per100k,
}

impl Unit {
    /// The unit in words, for pages and reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Percent => "percent",
            Self::Score => "score",
            Self::Per100k => "per 100,000",
        }
    }
}

/// One ASCOF measure: what it counts and which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureInfo {
    /// The code, such as `1A` or `2D(1)`.
    pub code: &'static str,
    /// A short description, shortened from the Contents sheet.
    pub description: &'static str,
    pub unit: Unit,
    pub polarity: Polarity,
    /// Why that polarity, so a reader can challenge it.
    pub polarity_reason: &'static str,
    /// The data source, as the Contents sheet names it (ASCS, SACE, CLD…).
    pub source: &'static str,
}

const fn m(
    code: &'static str,
    description: &'static str,
    unit: Unit,
    polarity: Polarity,
    polarity_reason: &'static str,
    source: &'static str,
) -> MeasureInfo {
    MeasureInfo {
        code,
        description,
        unit,
        polarity,
        polarity_reason,
        source,
    }
}

use Polarity::{HigherBetter as HI, LowerBetter as LO};
use Unit::{Per100k, Percent, Score};

const GOOD_SHARE: &str = "a share of people with a good outcome: more is better";

#[rustfmt::skip]
static MEASURES: &[MeasureInfo] = &[
    m("1A", "Social care-related quality of life score", Score, HI,
      "a higher score is a better quality of life (out of 24)", "ASCS"),
    m("1B", "Adjusted social care-related quality of life: impact of adult social care services", Score, HI,
      "a higher score is a bigger gain in quality of life due to care", "ASCS"),
    m("1C", "Carer-reported quality of life score", Score, HI,
      "a higher score is a better quality of life (out of 12)", "SACE"),
    m("1D", "Overall satisfaction of people who use services with their care and support", Percent, HI, GOOD_SHARE, "ASCS"),
    m("1E", "Overall satisfaction of carers with social services", Percent, HI, GOOD_SHARE, "SACE"),
    m("2A", "People who received reablement with no further request for ongoing support", Percent, HI, GOOD_SHARE, "CLD"),
    m("2B", "Adults aged 18 to 64 whose long-term needs are met by admission to a care home, per 100,000", Per100k, LO,
      "the aim is to support people at home: fewer care home admissions is better", "CLD"),
    m("2C", "Adults aged 65 and over whose long-term needs are met by admission to a care home, per 100,000", Per100k, LO,
      "the aim is to support people at home: fewer care home admissions is better", "CLD"),
    m("2D(1)", "People aged 65+ discharged from hospital into reablement who remained in the community within 12 weeks", Percent, HI, GOOD_SHARE, "CLD"),
    m("2D(2)", "People aged 65+ discharged from hospital who received reablement", Percent, HI,
      "offering reablement to more people leaving hospital is the aim", "CLD"),
    m("2E(1)", "People aged 18 to 64 with a learning disability in long-term support who live at home or with family", Percent, HI, GOOD_SHARE, "CLD"),
    m("2E(2a)", "People aged 18 to 64 in long-term support who live at home or with family", Percent, HI, GOOD_SHARE, "CLD"),
    m("2E(2b)", "People aged 65 and over in long-term support who live at home or with family", Percent, HI, GOOD_SHARE, "CLD"),
    m("3A", "People who use services who have control over their daily life", Percent, HI, GOOD_SHARE, "ASCS"),
    m("3B", "Carers who were included or consulted in discussion about the person they care for", Percent, HI, GOOD_SHARE, "SACE"),
    m("3C(1)", "People who use services who find it easy to find information about services", Percent, HI, GOOD_SHARE, "ASCS"),
    m("3C(2)", "Carers who find it easy to find information about support", Percent, HI, GOOD_SHARE, "SACE"),
    m("3D(1a)", "Care users who receive self-directed support", Percent, HI,
      "choice and control: close to 100% is the aim (the ODS warns 2024-25 CLD figures are low for data reasons)", "CLD"),
    m("3D(2a)", "Care users who receive direct payments", Percent, HI,
      "choice and control: more people holding a direct payment is the aim", "CLD"),
    m("4A", "People who use services who feel safe", Percent, HI, GOOD_SHARE, "ASCS"),
    m("4B", "Section 42 safeguarding enquiries where a risk was identified and was reduced or removed", Percent, HI, GOOD_SHARE, "SAC"),
    m("5A(1)", "People who use services who have as much social contact as they would like", Percent, HI, GOOD_SHARE, "ASCS"),
    m("5A(2)", "Carers who have as much social contact as they would like", Percent, HI, GOOD_SHARE, "SACE"),
    m("6A", "Staff in the formal care workforce who left their role in the past 12 months", Percent, LO,
      "staff turnover: fewer leavers is a steadier workforce", "ASC-WDS"),
    m("6B", "Residential adult social care providers rated good or outstanding by CQC", Percent, HI, GOOD_SHARE, "CQC"),
    m("6B-outstanding", "Residential adult social care providers rated outstanding by CQC (part of 6B)", Percent, HI,
      "the best rating: more is better", "CQC"),
    m("6B-good", "Residential adult social care providers rated good by CQC (part of 6B)", Percent, HI,
      "a part of 6B; read it with 6B-outstanding, since homes moving up to outstanding lower it", "CQC"),
    m("6B-other", "Residential adult social care providers rated requires improvement or inadequate (part of 6B)", Percent, LO,
      "the poor ratings: fewer is better", "CQC"),
    m("6B-not-yet-rated", "Residential adult social care providers not yet rated by CQC (part of 6B)", Percent, LO,
      "quality not yet known: fewer unrated homes is taken as better, though a new home is not a bad one", "CQC"),
];

/// Every known measure, in the order of the ODS's sheets.
pub fn measures() -> &'static [MeasureInfo] {
    MEASURES
}

/// The measure with this code, if it is known.
pub fn measure(code: &str) -> Option<&'static MeasureInfo> {
    MEASURES.iter().find(|m| m.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admissions_and_staff_leaving_are_lower_better() {
        for code in ["2B", "2C", "6A", "6B-other"] {
            assert_eq!(measure(code).map(|m| m.polarity), Some(LO), "{code}");
        }
        assert_eq!(measure("1A").map(|m| m.polarity), Some(HI));
        assert_eq!(measure("6B").map(|m| m.unit), Some(Percent));
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = MEASURES.iter().map(|m| m.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), MEASURES.len());
    }
}
