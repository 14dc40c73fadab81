//! Comparison with England: statistical variation as `metrics.md` defines it,
//! and the published indicators (the council's `indicators.csv` and ASCOF).

use crate::index::Index;
use continuum_domain::ascof;
use continuum_domain::*;
use serde::Serialize;

/// The result of comparing a council's figure with England's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variation {
    Positive,
    TendingPositive,
    NoVariation,
    TendingNegative,
    Negative,
    /// No margin of error is known: only the plain difference is reported.
    NoTest,
}

impl Variation {
    /// Words for findings.
    pub fn phrase(self) -> &'static str {
        match self {
            Variation::Positive => "positive variation from",
            Variation::TendingPositive => "tending towards positive variation from",
            Variation::NoVariation => "in line with",
            Variation::TendingNegative => "tending towards negative variation from",
            Variation::Negative => "negative variation from",
            Variation::NoTest => "compared with",
        }
    }
}

/// se = margin / 1.96, z = (value − england) / se; |z| ≥ 1.96 is a positive or
/// negative variation, 1 ≤ |z| < 1.96 tending, otherwise none. Better or worse
/// follows the measure's polarity. Without a margin (or with a margin of 0) there
/// is no test.
pub fn variation(
    value: f64,
    england: f64,
    margin: Option<f64>,
    polarity: Polarity,
) -> (Variation, Option<f64>) {
    let Some(m) = margin.filter(|m| *m > 0.0) else {
        return (Variation::NoTest, None);
    };
    let z = (value - england) / (m / 1.96);
    let better = match polarity {
        Polarity::HigherBetter => z > 0.0,
        Polarity::LowerBetter => z < 0.0,
    };
    let a = z.abs();
    let v = if a >= 1.96 {
        if better {
            Variation::Positive
        } else {
            Variation::Negative
        }
    } else if a >= 1.0 {
        if better {
            Variation::TendingPositive
        } else {
            Variation::TendingNegative
        }
    } else {
        Variation::NoVariation
    };
    (v, Some(z))
}

/// One published indicator for the council, with England and last year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorEntry {
    pub measure: String,
    pub title: String,
    pub source: String,
    pub period: String,
    pub value: Option<f64>,
    /// Why there is no value, when the publisher suppressed it.
    pub missing_reason: Option<&'static str>,
    pub england_value: Option<f64>,
    pub margin_of_error: Option<f64>,
    pub respondents: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub polarity: Polarity,
    pub difference: Option<f64>,
    pub z: Option<f64>,
    pub variation: Option<Variation>,
    pub last_year: Option<f64>,
    pub last_year_period: Option<String>,
}

impl IndicatorEntry {
    fn compare(mut self) -> Self {
        if let (Some(v), Some(e)) = (self.value, self.england_value) {
            let (var, z) = variation(v, e, self.margin_of_error, self.polarity);
            self.difference = Some(v - e);
            self.z = z;
            self.variation = Some(var);
        }
        self
    }
}

/// The council's `indicators.csv` rows: for each measure, the latest period
/// ending on or before T, with the period before it as last year.
pub fn bundle_indicators(rows: &[&Indicator], t: Date) -> Vec<IndicatorEntry> {
    let mut measures: Vec<&str> = rows.iter().map(|r| r.measure.as_str()).collect();
    measures.sort_unstable();
    measures.dedup();
    let mut out = Vec::new();
    for m in measures {
        let mut dated: Vec<(Date, &Indicator)> = rows
            .iter()
            .filter(|r| r.measure == m)
            .filter_map(|r| Period::parse(&r.period).ok().map(|p| (p.end_date(), *r)))
            .filter(|(end, _)| *end <= t)
            .collect();
        dated.sort_by_key(|(end, _)| *end);
        let Some(&(_, latest)) = dated.last() else {
            continue;
        };
        let prev = dated.len().checked_sub(2).map(|i| dated[i].1);
        out.push(
            IndicatorEntry {
                measure: m.to_string(),
                title: m.replace('_', " "),
                source: latest.source.clone(),
                period: latest.period.clone(),
                value: latest.value,
                missing_reason: latest.value.is_none().then_some("not published"),
                england_value: latest.england_value,
                margin_of_error: latest.margin_of_error,
                respondents: latest.respondents.map(f64::from),
                numerator: None,
                denominator: None,
                polarity: latest.polarity,
                difference: None,
                z: None,
                variation: None,
                last_year: prev.and_then(|p| p.value),
                last_year_period: prev.map(|p| p.period.clone()),
            }
            .compare(),
        );
    }
    out
}

/// Facts about an ASCOF measure the engine needs: its title and polarity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AscofMeasure {
    pub code: String,
    pub title: String,
    pub polarity: Polarity,
}

impl From<&ascof::MeasureInfo> for AscofMeasure {
    fn from(m: &ascof::MeasureInfo) -> Self {
        Self {
            code: m.code.to_string(),
            title: m.description.to_string(),
            polarity: m.polarity,
        }
    }
}

/// The council's ASCOF figures: for each measure, the latest year ending on or
/// before T, compared with England's figure for the same year.
pub fn ascof_indicators(
    ix: &Index<'_>,
    ons: &OnsCode,
    t: Date,
    measures: &[AscofMeasure],
) -> Vec<IndicatorEntry> {
    let england = OnsCode::england();
    let mut out = Vec::new();
    for m in measures {
        let all = ix.ascof_of(&m.code);
        let mine: Vec<&AscofValue> = all
            .iter()
            .filter(|v| v.ons_code.as_ref() == Some(ons) && v.year.end_date() <= t)
            .copied()
            .collect();
        let Some(latest) = mine.iter().max_by_key(|v| v.year).copied() else {
            continue;
        };
        let eng = |y: FinancialYear| {
            all.iter()
                .find(|v| v.year == y && v.ons_code.as_ref() == Some(&england))
                .and_then(|v| v.outcome.value())
        };
        let prev = mine.iter().find(|v| v.year == latest.year.previous());
        let fig = |f: Option<Figure>| f.and_then(Figure::value);
        out.push(
            IndicatorEntry {
                measure: format!("ascof_{}", m.code),
                title: m.title.clone(),
                source: "ASCOF".into(),
                period: latest.year.to_string(),
                value: latest.outcome.value(),
                missing_reason: match latest.outcome {
                    Figure::Missing(s) => Some(s.reason()),
                    Figure::Value(_) => None,
                },
                england_value: eng(latest.year),
                margin_of_error: fig(latest.margin_of_error),
                respondents: fig(latest.respondents),
                numerator: fig(latest.numerator),
                denominator: fig(latest.denominator),
                polarity: m.polarity,
                difference: None,
                z: None,
                variation: None,
                last_year: prev.and_then(|p| p.outcome.value()),
                last_year_period: prev.map(|p| p.year.to_string()),
            }
            .compare(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medway_choice_is_in_line_with_england() {
        // 66.21% against 70.28% with a margin of 4.5 points: z = −1.77 → tending negative.
        let (v, z) = variation(66.21, 70.28, Some(4.5), Polarity::HigherBetter);
        assert_eq!(v, Variation::TendingNegative);
        assert!((z.unwrap_or(0.0) + 1.7727).abs() < 1e-3);
        // With a margin of 9 points, |z| < 1: no variation.
        assert_eq!(
            variation(66.21, 70.28, Some(9.0), Polarity::HigherBetter).0,
            Variation::NoVariation
        );
    }

    #[test]
    fn polarity_decides_which_way_is_positive() {
        assert_eq!(
            variation(10.0, 20.0, Some(2.0), Polarity::LowerBetter).0,
            Variation::Positive
        );
        assert_eq!(
            variation(10.0, 20.0, Some(2.0), Polarity::HigherBetter).0,
            Variation::Negative
        );
    }

    #[test]
    fn the_thresholds_are_inclusive_where_the_spec_says() {
        // z exactly 1.96 is a variation; z exactly 1 is tending.
        assert_eq!(
            variation(1.96, 0.0, Some(1.96), Polarity::HigherBetter).0,
            Variation::Positive
        );
        assert_eq!(
            variation(1.0, 0.0, Some(1.96), Polarity::HigherBetter).0,
            Variation::TendingPositive
        );
    }

    #[test]
    fn without_a_margin_there_is_no_test() {
        assert_eq!(
            variation(5.0, 4.0, None, Polarity::HigherBetter).0,
            Variation::NoTest
        );
        assert_eq!(
            variation(5.0, 4.0, Some(0.0), Polarity::HigherBetter).0,
            Variation::NoTest
        );
    }
}
