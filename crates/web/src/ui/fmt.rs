//! Values as pages show them: British numbers and dates, and tags whose text
//! always says what their colour does.

use continuum_domain::{Date, Rating, RiskLevel};
use continuum_engine::format;

/// A coloured tag with its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub class: &'static str,
    pub text: String,
}

/// The tag for a CQC rating.
pub fn rating_tag(r: Rating) -> Tag {
    let class = match r {
        Rating::Outstanding => "tag--purple",
        Rating::Good => "tag--green",
        Rating::RequiresImprovement => "tag--amber",
        Rating::Inadequate => "tag--red",
        Rating::NotRated => "tag--grey",
    };
    Tag {
        class,
        text: r.label().to_string(),
    }
}

/// The tag for a risk level: "Red risk", never a colour alone.
pub fn risk_tag(r: RiskLevel) -> Tag {
    let (class, text) = match r {
        RiskLevel::Red => ("tag--red", "Red"),
        RiskLevel::Amber => ("tag--amber", "Amber"),
        RiskLevel::Green => ("tag--green", "Green"),
    };
    Tag {
        class,
        text: text.to_string(),
    }
}

/// The words for a missing figure.
pub const NO_DATA: &str = "No data";

/// A fraction as a percentage with one decimal place.
pub fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| NO_DATA.to_string(), |v| format::percent(v, 1))
}

/// A whole number with thousands separators.
pub fn count(n: u64) -> String {
    format::count(n)
}

/// A number with `d` decimal places.
pub fn num(v: Option<f64>, d: usize) -> String {
    v.map_or_else(|| NO_DATA.to_string(), |v| format::number(v, d))
}

/// Money.
pub fn pounds(v: Option<f64>) -> String {
    v.map_or_else(|| NO_DATA.to_string(), format::pounds)
}

/// A date as GOV.UK writes it: 31 March 2025.
pub fn date(d: Date) -> String {
    d.format("%-d %B %Y").to_string()
}

/// An optional date.
pub fn opt_date(d: Option<Date>) -> String {
    d.map_or_else(String::new, date)
}

/// Yes, No or Not known.
pub fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "Not known",
    }
}

/// A snake_case word as a sentence: `requires_improvement` → `Requires improvement`.
pub fn words(s: &str) -> String {
    let s = s.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_gov_uk_way() {
        let d = Date::from_ymd_opt(2025, 3, 1).unwrap_or_default();
        assert_eq!(date(d), "1 March 2025");
    }

    #[test]
    fn a_missing_figure_says_so() {
        assert_eq!(pct(None), "No data");
        assert_eq!(pct(Some(0.8573)), "85.7%");
        assert_eq!(words("requires_improvement"), "Requires improvement");
    }
}
