//! One ASCOF data cell: a number, a suppression code, or one of the published
//! oddities, read into a [`Figure`].
//!
//! The quirks handled here, each seen in the 2024-25 file:
//!
//! - **Suppression codes** `[x]`, `[c]`, `[z]` become [`Figure::Missing`] with
//!   the reason. Never 0.
//! - **Float noise.** Cells store binary floats such as `20.200000000000003`
//!   (Table_6a) or `94.19999999999999` (Table_4b) where the sheet shows 20.2 and
//!   94.2. Every number is rounded to 15 significant digits, which gives back the
//!   shown value without assuming a number of decimals (1B has 3, 2D(1) has 2, the
//!   Cover sheet's "one decimal place" is not true of every sheet).
//! - **Bracketed pairs.** The 2016-17 carers' survey columns (1C, 1E, 3B, 3C(2),
//!   5A(2)) hold text such as `0 (0.5)` or `51,230 (35,415)`. The Comparability
//!   sheet says the figure in brackets uses the pre-2016 eligible population and
//!   "the official scores are the ones not in brackets": the first figure is kept,
//!   the bracketed one dropped, and a warning says so. Rutland and City of London
//!   have `:` in the brackets (the old "not available" symbol): same rule.
//! - **Numbers as text**, with thousands separators (`42,080`), are read as numbers.
//! - **Empty cells** are not published figures: they become
//!   `Missing(NotAvailable)` with a warning (the 2024-25 file has none).

use calamine::Data;
use continuum_domain::{Figure, Suppression};

/// What a cell held, when it is not a plain number or code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Oddity {
    /// `a (b)`: the first figure was kept.
    Bracketed,
    /// An empty cell, read as not available.
    Empty,
}

/// A cell read: the figure, and whether it needed a quirk to read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Read {
    pub figure: Figure,
    pub oddity: Option<Oddity>,
}

impl Read {
    fn plain(figure: Figure) -> Self {
        Self {
            figure,
            oddity: None,
        }
    }
}

/// What a data cell must hold, for error messages.
pub(crate) const EXPECTED: &str =
    "a number or one of NHS England's suppression codes [x], [c] or [z]";

/// Reads a data cell; `Err` carries the cell's text for the error message.
pub(crate) fn read(cell: &Data) -> Result<Read, String> {
    match cell {
        Data::Float(f) => finite(*f).map(|v| Read::plain(Figure::Value(v))),
        Data::Int(i) => Ok(Read::plain(Figure::Value(*i as f64))),
        Data::String(s) => read_text(s),
        Data::Empty => Ok(Read {
            figure: Figure::Missing(Suppression::NotAvailable),
            oddity: Some(Oddity::Empty),
        }),
        other => Err(text(other)),
    }
}

/// The cell as text, for messages and for identity columns.
pub(crate) fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => format!("{}", denoise(*f)),
        other => other.to_string(),
    }
}

fn finite(v: f64) -> Result<f64, String> {
    if v.is_finite() {
        Ok(denoise(v))
    } else {
        Err(v.to_string())
    }
}

fn read_text(s: &str) -> Result<Read, String> {
    let t = s.trim();
    if let Some(code) = Suppression::from_code(t) {
        return Ok(Read::plain(Figure::Missing(code)));
    }
    if let Some(v) = number(t) {
        return Ok(Read::plain(Figure::Value(v)));
    }
    if let Some((main, rest)) = t.split_once('(') {
        let bracketed = rest.strip_suffix(')').map(str::trim);
        let second_ok = bracketed.is_some_and(|b| {
            b == ":" || Suppression::from_code(b).is_some() || number(b).is_some()
        });
        if let (Some(v), true) = (number(main.trim()), second_ok) {
            return Ok(Read {
                figure: Figure::Value(v),
                oddity: Some(Oddity::Bracketed),
            });
        }
    }
    Err(t.to_string())
}

/// A number written as text: digits, an optional sign and decimal point, and
/// thousands separators only in groups of three.
fn number(t: &str) -> Option<f64> {
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.,".contains(&b))
    {
        return None;
    }
    let plain = if t.contains(',') {
        let (int, frac) = t.split_once('.').map_or((t, None), |(a, b)| (a, Some(b)));
        let digits = int.trim_start_matches(['-', '+']);
        let mut groups = digits.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return None;
        }
        let int = int.replace(',', "");
        frac.map_or(int.clone(), |f| format!("{int}.{f}"))
    } else {
        t.to_string()
    };
    plain.parse::<f64>().ok().and_then(|v| finite(v).ok())
}

/// Rounds to 15 significant digits: removes binary float noise and keeps every
/// digit a spreadsheet shows.
pub(crate) fn denoise(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// A cell's address as a spreadsheet shows it: column letters and row number,
/// from zero-based absolute positions.
pub(crate) fn address(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(d: Data) -> Option<f64> {
        read(&d).ok().and_then(|r| r.figure.value())
    }

    #[test]
    fn float_noise_is_rounded_away() {
        assert_eq!(value(Data::Float(20.200000000000003)), Some(20.2));
        assert_eq!(value(Data::Float(94.19999999999999)), Some(94.2));
        assert_eq!(value(Data::Float(0.404)), Some(0.404));
        assert_eq!(value(Data::Float(55.07)), Some(55.07));
    }

    #[test]
    fn suppression_codes_are_missing_with_their_reason_never_zero() {
        for (code, reason) in [
            ("[x]", Suppression::NotAvailable),
            ("[c]", Suppression::Suppressed),
            ("[z]", Suppression::NotApplicable),
        ] {
            let r = read(&Data::String(code.into())).ok().map(|r| r.figure);
            assert_eq!(r, Some(Figure::Missing(reason)));
        }
    }

    #[test]
    fn a_bracketed_pair_keeps_the_official_first_figure() {
        let r = read(&Data::String("51,230 (35,415)".into())).ok();
        assert_eq!(r.map(|r| r.figure), Some(Figure::Value(51230.0)));
        assert_eq!(r.and_then(|r| r.oddity), Some(Oddity::Bracketed));
        assert_eq!(value(Data::String("0 (0.5)".into())), Some(0.0));
        assert_eq!(value(Data::String("7.9 (:)".into())), Some(7.9));
    }

    #[test]
    fn text_that_is_not_a_figure_is_an_error() {
        for bad in ["n/a", "12,34", "1 (x)", "[d]", "12%"] {
            assert!(read(&Data::String(bad.into())).is_err(), "{bad}");
        }
        assert_eq!(value(Data::String(" 1,234.5 ".into())), Some(1234.5));
    }

    #[test]
    fn addresses_read_as_in_a_spreadsheet() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(6, 3), "D7");
        assert_eq!(address(9, 26), "AA10");
        assert_eq!(address(0, 32), "AG1");
    }
}
