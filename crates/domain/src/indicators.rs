//! Published indicators (ASCOF, survey measures) and the register of gaps.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::{
    Date, GapId, GapStatus, LaName, LocalityId, OnsCode, ParseError, Polarity, Role, ServiceType,
};

/// Why a published figure has no value. Never read as 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Suppression {
    /// `[x]`: no data is available.
    NotAvailable,
    /// `[c]`: suppressed to protect confidentiality.
    Suppressed,
    /// `[z]`: not applicable.
    NotApplicable,
}

impl Suppression {
    /// Reads one of NHS England's suppression codes.
    pub fn from_code(s: &str) -> Option<Self> {
        match s.trim() {
            "[x]" => Some(Self::NotAvailable),
            "[c]" => Some(Self::Suppressed),
            "[z]" => Some(Self::NotApplicable),
            _ => None,
        }
    }

    /// The code as published.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotAvailable => "[x]",
            Self::Suppressed => "[c]",
            Self::NotApplicable => "[z]",
        }
    }

    /// Why there is no value, in words.
    pub fn reason(self) -> &'static str {
        match self {
            Self::NotAvailable => "not available",
            Self::Suppressed => "suppressed",
            Self::NotApplicable => "not applicable",
        }
    }
}

/// A published figure: a number, or no value and the reason why.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    Value(f64),
    Missing(Suppression),
}

impl Figure {
    /// The number, if there is one.
    pub fn value(self) -> Option<f64> {
        match self {
            Figure::Value(v) => Some(v),
            Figure::Missing(_) => None,
        }
    }
}

/// A financial year, April to March, named by the year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FinancialYear(pub i32);

impl FinancialYear {
    /// Reads "2023 to 2024" (NHS England), "2023-24" or "2023/24".
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::expected("a financial year such as 2023-24 or 2023 to 2024");
        let s = s.trim();
        let (a, b) = if let Some((a, b)) = s.split_once(" to ") {
            (a, b)
        } else if let Some((a, b)) = s.split_once(['-', '/']) {
            (a, b)
        } else {
            return Err(bad());
        };
        let start: i32 = a.trim().parse().map_err(|_| bad())?;
        if a.trim().len() != 4 {
            return Err(bad());
        }
        let end: i32 = b.trim().parse().map_err(|_| bad())?;
        let end_full = match b.trim().len() {
            2 => start / 100 * 100 + end,
            4 => end,
            _ => return Err(bad()),
        };
        if end_full != start + 1 {
            return Err(bad());
        }
        Ok(Self(start))
    }

    /// The last day of the year: 31 March.
    pub fn end_date(self) -> Date {
        Date::from_ymd_opt(self.0 + 1, 3, 31).unwrap_or(Date::MIN)
    }

    /// The year a year earlier.
    pub fn previous(self) -> Self {
        Self(self.0 - 1)
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 1) % 100)
    }
}

/// The period a published figure covers. "On or before T" compares its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// April to March.
    FinancialYear(FinancialYear),
    /// January to December.
    CalendarYear(i32),
    /// A figure as at one date.
    Date(Date),
}

impl Period {
    /// Reads a financial year ("2023-24", "2023 to 2024"), a calendar year
    /// ("2024") or a date ("2024-03-31").
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let t = s.trim();
        if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            return t
                .parse()
                .map(Period::CalendarYear)
                .map_err(|_| ParseError::expected("a year"));
        }
        if let Ok(d) = crate::parse_date(t) {
            return Ok(Period::Date(d));
        }
        FinancialYear::parse(t)
            .map(Period::FinancialYear)
            .map_err(|_| {
                ParseError::expected(
                    "a period: a financial year (2023-24), a year (2024) or a date (2024-03-31)",
                )
            })
    }

    /// The last day the period covers.
    pub fn end_date(self) -> Date {
        match self {
            Period::FinancialYear(fy) => fy.end_date(),
            Period::CalendarYear(y) => Date::from_ymd_opt(y, 12, 31).unwrap_or(Date::MIN),
            Period::Date(d) => d,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::FinancialYear(fy) => fy.fmt(f),
            Period::CalendarYear(y) => write!(f, "{y}"),
            Period::Date(d) => write!(f, "{}", crate::parse::format_date(*d)),
        }
    }
}

/// A published figure the council does not compute itself (`indicators.csv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub la: LaName,
    pub measure: String,
    /// The period as written in the file; see [`Period`].
    pub period: String,
    pub value: Option<f64>,
    pub england_value: Option<f64>,
    pub margin_of_error: Option<f64>,
    pub respondents: Option<u32>,
    pub source: String,
    pub polarity: Polarity,
}

/// One ASCOF figure for one area, measure and year, as NHS England publishes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AscofValue {
    /// The ONS code; `None` for rows published without one (merged areas).
    pub ons_code: Option<OnsCode>,
    /// The area's name as NHS England writes it ("Medway Towns").
    pub area_name: String,
    /// The measure code, such as `1A` or `2E(1)`.
    pub measure: String,
    pub year: FinancialYear,
    pub outcome: Figure,
    pub margin_of_error: Option<Figure>,
    pub respondents: Option<Figure>,
    pub numerator: Option<Figure>,
    pub denominator: Option<Figure>,
}

/// A gap in services or an unmet need, raised by frontline staff and followed
/// to a resolution that everyone can see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub gap_id: GapId,
    pub la: LaName,
    pub raised_on: Date,
    pub raised_by_role: Role,
    pub category: String,
    pub service_type: Option<ServiceType>,
    pub locality_id: Option<LocalityId>,
    pub description: String,
    pub status: GapStatus,
    pub owner: Option<String>,
    pub resolved_on: Option<Date>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn financial_years_read_in_every_published_spelling() {
        for s in ["2023 to 2024", "2023-24", "2023/24", "2023-2024"] {
            assert_eq!(FinancialYear::parse(s), Ok(FinancialYear(2023)), "{s}");
        }
        assert!(FinancialYear::parse("2023-25").is_err());
    }

    #[test]
    fn a_financial_year_ends_on_31_march() {
        assert_eq!(
            Period::parse("2023-24").map(Period::end_date),
            Ok(Date::from_ymd_opt(2024, 3, 31).unwrap_or(Date::MIN))
        );
    }

    #[test]
    fn suppression_codes_are_not_numbers() {
        assert_eq!(Suppression::from_code("[c]"), Some(Suppression::Suppressed));
        assert_eq!(Suppression::from_code("0"), None);
    }
}
