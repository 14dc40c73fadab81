//! Parsing at the edge: dates, Y/N flags, numbers and `;`-separated lists.
//!
//! The functions here return a [`ParseError`] that says what was expected. The
//! readers add the file, line and column around it.

use std::str::FromStr;

/// A calendar date. Bundle files write it `YYYY-MM-DD`.
pub type Date = chrono::NaiveDate;

/// Why a value could not be parsed. The caller knows where it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{expected}")]
pub struct ParseError {
    /// What a valid value looks like, in words a council analyst understands.
    pub expected: String,
}

impl ParseError {
    /// An error saying what was expected instead.
    pub fn expected(what: impl Into<String>) -> Self {
        Self {
            expected: what.into(),
        }
    }
}

/// Parses a strict `YYYY-MM-DD` date.
///
/// Written by hand rather than with `NaiveDate::parse_from_str` because the
/// national bundle holds tens of millions of dates and this is several times
/// faster; it is also stricter (exactly ten characters, no spaces).
pub fn parse_date(s: &str) -> Result<Date, ParseError> {
    let b = s.as_bytes();
    let bad = || ParseError::expected("a date written YYYY-MM-DD");
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Result<u32, ParseError> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            if c.is_ascii_digit() {
                Ok(acc * 10 + u32::from(c - b'0'))
            } else {
                Err(bad())
            }
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let year = i32::try_from(y).map_err(|_| bad())?;
    Date::from_ymd_opt(year, m, d)
        .ok_or_else(|| ParseError::expected("a real calendar date written YYYY-MM-DD"))
}

/// Parses an optional date: empty means "not known" or "still open".
pub fn parse_opt_date(s: &str) -> Result<Option<Date>, ParseError> {
    if s.is_empty() {
        Ok(None)
    } else {
        parse_date(s).map(Some)
    }
}

/// Parses the bundle's `Y`/`N` flags.
pub fn parse_bool_yn(s: &str) -> Result<bool, ParseError> {
    match s {
        "Y" | "y" => Ok(true),
        "N" | "n" => Ok(false),
        _ => Err(ParseError::expected("Y or N")),
    }
}

/// Parses an optional `Y`/`N` flag: empty means not known.
pub fn parse_opt_bool_yn(s: &str) -> Result<Option<bool>, ParseError> {
    if s.is_empty() {
        Ok(None)
    } else {
        parse_bool_yn(s).map(Some)
    }
}

/// Parses a whole number that cannot be negative.
pub fn parse_count(s: &str) -> Result<u32, ParseError> {
    s.parse::<u32>()
        .map_err(|_| ParseError::expected("a whole number, 0 or more"))
}

/// Parses an optional whole number.
pub fn parse_opt_count(s: &str) -> Result<Option<u32>, ParseError> {
    if s.is_empty() {
        Ok(None)
    } else {
        parse_count(s).map(Some)
    }
}

/// Parses a finite decimal number, 0 or more.
pub fn parse_amount(s: &str) -> Result<f64, ParseError> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(ParseError::expected("a number, 0 or more")),
    }
}

/// Parses an optional finite decimal number, 0 or more.
pub fn parse_opt_amount(s: &str) -> Result<Option<f64>, ParseError> {
    if s.is_empty() {
        Ok(None)
    } else {
        parse_amount(s).map(Some)
    }
}

/// Parses a finite decimal number of either sign (coordinates).
pub fn parse_opt_signed(s: &str) -> Result<Option<f64>, ParseError> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(ParseError::expected("a decimal number")),
    }
}

/// Parses a `;`-separated list. Empty items are ignored, so `a;;b` and `a;b;`
/// both give two items.
pub fn parse_list<T: FromStr>(s: &str) -> Result<Vec<T>, T::Err> {
    s.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(T::from_str)
        .collect()
}

/// Writes a list the way [`parse_list`] reads it.
pub fn format_list<T: std::fmt::Display>(items: &[T]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(&item.to_string());
    }
    out
}

/// Writes a date the way [`parse_date`] reads it.
///
/// By hand rather than with chrono's formatter, which interprets a format
/// string on every call: imports and exports write tens of millions of dates.
pub fn format_date(d: Date) -> String {
    match date_bytes(d) {
        Some(b) => b.iter().map(|&c| char::from(c)).collect(),
        None => d.format("%Y-%m-%d").to_string(),
    }
}

/// A date as the ten bytes `YYYY-MM-DD`, without allocating; `None` for a
/// year outside 0–9999.
pub fn date_bytes(d: Date) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    let y = u32::try_from(y).ok().filter(|y| *y <= 9999)?;
    let digit = |n: u32| b'0' + u8::try_from(n % 10).unwrap_or(0);
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_well_formed_date_parses() {
        assert_eq!(
            parse_date("2024-02-29"),
            Ok(Date::from_ymd_opt(2024, 2, 29).unwrap_or_default())
        );
    }

    #[test]
    fn dates_in_other_formats_are_refused() {
        for bad in [
            "29/02/2024",
            "2024-2-29",
            "2024-02-30",
            "",
            "2024-02-29T00:00",
            " 2024-02-29",
        ] {
            assert!(parse_date(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn lists_ignore_empty_items() {
        let v: Vec<String> = parse_list("a;;b;").unwrap_or_default();
        assert_eq!(v, vec!["a".to_string(), "b".to_string()]);
    }

    proptest! {
        #[test]
        fn any_date_round_trips_through_text(days in 0i64..80_000) {
            let base = Date::from_ymd_opt(1900, 1, 1).unwrap_or_default();
            let d = base + chrono::Duration::days(days);
            prop_assert_eq!(parse_date(&format_date(d)), Ok(d));
        }

        #[test]
        fn the_date_parser_never_panics(s in ".{0,12}") {
            let _ = parse_date(&s);
        }
    }
}
