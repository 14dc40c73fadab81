//! Parsers for single bundle cells, beyond those in [`continuum_domain::parse`].
//!
//! Each takes the cell's text and returns the value or a [`ParseError`] saying
//! what was expected; the file reader adds the file, line and column. They never
//! panic, whatever the input (a property test checks it).

use std::str::FromStr;

use continuum_domain::vocab::UnknownWord;
use continuum_domain::{ParseError, Period};

pub use continuum_domain::parse::{
    parse_amount as amount, parse_bool_yn as yn, parse_count as count, parse_date as date,
};

/// A word of a closed vocabulary ([`ServiceType`](continuum_domain::ServiceType),
/// [`Route`](continuum_domain::Route), …). The error lists every accepted word.
pub fn word<T: FromStr<Err = UnknownWord>>(s: &str) -> Result<T, ParseError> {
    s.parse::<T>().map_err(ParseError::from)
}

/// A `;`-separated list of IDs or words; empty items are ignored.
pub fn list<T>(s: &str) -> Result<Vec<T>, ParseError>
where
    T: FromStr,
    ParseError: From<T::Err>,
{
    continuum_domain::parse::parse_list::<T>(s).map_err(ParseError::from)
}

/// A calendar year, 1800–2200 (birth years, population years).
pub fn year(s: &str) -> Result<i32, ParseError> {
    match s.parse::<i32>() {
        Ok(y) if (1800..=2200).contains(&y) && s.len() == 4 => Ok(y),
        _ => Err(ParseError::expected("a four-digit year such as 1948")),
    }
}

/// A hospital discharge pathway, 0–3.
pub fn pathway(s: &str) -> Result<u8, ParseError> {
    match s.parse::<u8>() {
        Ok(p) if p <= 3 => Ok(p),
        _ => Err(ParseError::expected("a discharge pathway: 0, 1, 2 or 3")),
    }
}

/// A fraction, 0–1 (prevalence rates).
pub fn fraction(s: &str) -> Result<f64, ParseError> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(ParseError::expected(
            "a fraction from 0 to 1, such as 0.125",
        )),
    }
}

/// A finite number of either sign (coordinates, published figures).
pub fn signed(s: &str) -> Result<f64, ParseError> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(ParseError::expected("a number, such as -1.25 or 42")),
    }
}

/// A head count that may exceed `u32` (national population figures).
pub fn people(s: &str) -> Result<u64, ParseError> {
    s.parse::<u64>()
        .map_err(|_| ParseError::expected("a whole number of people, 0 or more"))
}

/// A period as written in `indicators.csv`: kept as written, but it must be one
/// the metrics can date ("2023-24", "2023 to 2024", "2024" or "2024-03-31").
pub fn period(s: &str) -> Result<String, ParseError> {
    Period::parse(s).map(|_| s.to_string())
}

/// A name that identifies a row (a measure, a category): not empty.
pub fn name(s: &str) -> Result<String, ParseError> {
    if s.trim().is_empty() {
        Err(ParseError::expected("a name; this column may not be empty"))
    } else {
        Ok(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use continuum_domain::{LocationId, ServiceType, Specialism};
    use proptest::prelude::*;

    #[test]
    fn a_list_of_words_refuses_an_unknown_word_and_names_the_accepted_ones() {
        let e = list::<Specialism>("dementia;nursing")
            .err()
            .map(|e| e.expected);
        let e = e.unwrap_or_default();
        assert!(e.contains("dementia, learning_disability"), "{e}");
    }

    #[test]
    fn years_have_four_digits() {
        assert_eq!(year("1948"), Ok(1948));
        assert!(year("48").is_err());
        assert!(year("+948").is_err());
        assert!(year("0001").is_err());
    }

    #[test]
    fn pathways_run_from_0_to_3() {
        assert_eq!(pathway("3"), Ok(3));
        assert!(pathway("4").is_err());
        assert!(pathway("-1").is_err());
    }

    proptest! {
        #[test]
        fn no_cell_parser_panics_on_any_text(s in "\\PC{0,40}") {
            let _ = word::<ServiceType>(&s);
            let _ = list::<LocationId>(&s);
            let _ = list::<Specialism>(&s);
            let _ = year(&s);
            let _ = pathway(&s);
            let _ = fraction(&s);
            let _ = signed(&s);
            let _ = people(&s);
            let _ = period(&s);
            let _ = date(&s);
            let _ = amount(&s);
            let _ = count(&s);
            let _ = yn(&s);
            let _ = name(&s);
        }
    }
}
