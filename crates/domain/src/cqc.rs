//! CQC's own words: the full set of rating words, key questions, rating history
//! and the quality statement scores of the single assessment framework.

use serde::{Deserialize, Serialize};

use crate::{Date, LocationId, ParseError, Rating};

/// A rating word as CQC publishes it, including the words that only some sectors
/// use. [`CqcRating::to_rating`] folds it into the bundle's five ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CqcRating {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
    /// "Not Rated", "Not yet rated", "No published rating" or an empty rating.
    NotRated,
    InspectedButNotRated,
    InsufficientEvidence,
    RegulationsMet,
    RegulationsNotMet,
    NotApplicable,
}

impl CqcRating {
    /// Reads a CQC rating word, ignoring case. An empty word is "not yet rated",
    /// as the API writes it.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let w = s.trim().to_ascii_lowercase();
        Ok(match w.as_str() {
            "outstanding" => Self::Outstanding,
            "good" => Self::Good,
            "requires improvement" => Self::RequiresImprovement,
            "inadequate" => Self::Inadequate,
            "" | "not rated" | "not yet rated" | "no published rating" => Self::NotRated,
            "inspected but not rated" => Self::InspectedButNotRated,
            "insufficient evidence to rate" => Self::InsufficientEvidence,
            "regulations met" => Self::RegulationsMet,
            "regulations not met" => Self::RegulationsNotMet,
            "not applicable" => Self::NotApplicable,
            _ => {
                return Err(ParseError::expected(
                    "a CQC rating: Outstanding, Good, Requires improvement, Inadequate, Not Rated, \
                     Inspected but not rated, Insufficient evidence to rate, Regulations met, \
                     Regulations not met or Not applicable",
                ));
            }
        })
    }

    /// The bundle rating: the four graded words map across, everything else is
    /// `not_rated`.
    pub fn to_rating(self) -> Rating {
        match self {
            Self::Outstanding => Rating::Outstanding,
            Self::Good => Rating::Good,
            Self::RequiresImprovement => Rating::RequiresImprovement,
            Self::Inadequate => Rating::Inadequate,
            _ => Rating::NotRated,
        }
    }

    /// The word as CQC prints it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Outstanding => "Outstanding",
            Self::Good => "Good",
            Self::RequiresImprovement => "Requires improvement",
            Self::Inadequate => "Inadequate",
            Self::NotRated => "Not rated",
            Self::InspectedButNotRated => "Inspected but not rated",
            Self::InsufficientEvidence => "Insufficient evidence to rate",
            Self::RegulationsMet => "Regulations met",
            Self::RegulationsNotMet => "Regulations not met",
            Self::NotApplicable => "Not applicable",
        }
    }
}

/// The overall rating and CQC's five key questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyQuestion {
    Overall,
    Safe,
    Effective,
    Caring,
    Responsive,
    WellLed,
}

impl KeyQuestion {
    /// All six, overall first.
    pub const ALL: [KeyQuestion; 6] = [
        KeyQuestion::Overall,
        KeyQuestion::Safe,
        KeyQuestion::Effective,
        KeyQuestion::Caring,
        KeyQuestion::Responsive,
        KeyQuestion::WellLed,
    ];

    /// Reads CQC's domain name ("Well-led", "Overall"), ignoring case.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "overall" => Ok(Self::Overall),
            "safe" => Ok(Self::Safe),
            "effective" => Ok(Self::Effective),
            "caring" => Ok(Self::Caring),
            "responsive" => Ok(Self::Responsive),
            "well-led" | "well led" | "well_led" => Ok(Self::WellLed),
            _ => Err(ParseError::expected(
                "a key question: Overall, Safe, Effective, Caring, Responsive or Well-led",
            )),
        }
    }

    /// The key question as CQC prints it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Overall => "Overall",
            Self::Safe => "Safe",
            Self::Effective => "Effective",
            Self::Caring => "Caring",
            Self::Responsive => "Responsive",
            Self::WellLed => "Well-led",
        }
    }

    /// The snake_case name used in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overall => "overall",
            Self::Safe => "safe",
            Self::Effective => "effective",
            Self::Caring => "caring",
            Self::Responsive => "responsive",
            Self::WellLed => "well_led",
        }
    }
}

/// One published rating of one location: the history that trends are drawn from.
///
/// The same event read twice is the same value, so a re-import adds nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RatingEvent {
    pub location_id: LocationId,
    /// CQC's service or population group: "Overall", "Care Homes", "Homecare"…
    pub service_group: String,
    pub key_question: KeyQuestion,
    pub rating: CqcRating,
    /// The publication date of the report that gave the rating.
    pub published_on: Date,
}

/// A score for one quality statement of CQC's single assessment framework.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QualityStatementScore {
    pub location_id: LocationId,
    pub assessed_on: Date,
    pub key_question: KeyQuestion,
    /// CQC's quality statement ID, 1–33 for providers.
    pub statement_id: u32,
    pub statement: String,
    /// 1–4 where CQC gives a score; none for "Regulations met" and similar.
    pub score: Option<u8>,
    /// CQC's words for the score.
    pub score_text: String,
    /// Whether this statement was looked at in the assessment.
    pub assessed: bool,
}

/// A change CQC's data made to a location, kept so that history is never lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationChange {
    pub location_id: LocationId,
    pub field: String,
    pub old_value: String,
    pub new_value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_published_word_for_not_rated_folds_to_not_rated() {
        for w in ["", "Not Rated", "Not yet rated", "No published rating"] {
            assert_eq!(
                CqcRating::parse(w).map(CqcRating::to_rating),
                Ok(Rating::NotRated),
                "{w}"
            );
        }
    }

    #[test]
    fn an_unknown_rating_word_is_refused() {
        assert!(CqcRating::parse("Excellent").is_err());
    }
}
