//! Numbers as British council reports write them: `1,478`, `85.73%`, `£1,050.00`.

/// A whole number with thousands separators: `1478` → `1,478`.
pub fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A number with thousands separators and `decimals` places, trailing zeros kept.
pub fn number(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let int = count(int.parse().unwrap_or(0));
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{int}.{f}"),
        None => format!("{sign}{int}"),
    }
}

/// A fraction as a percentage with `decimals` places: `0.8573` → `85.73%`.
pub fn percent(fraction: f64, decimals: usize) -> String {
    format!("{}%", number(fraction * 100.0, decimals))
}

/// Money in pounds: `1050` → `£1,050.00`.
pub fn pounds(v: f64) -> String {
    format!("£{}", number(v, 2))
}

/// Days, singular or plural.
pub fn days(n: f64) -> String {
    if (n - 1.0).abs() < f64::EPSILON {
        "1 day".into()
    } else {
        format!("{} days", number(n, if n.fract() == 0.0 { 0 } else { 1 }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_take_commas() {
        assert_eq!(count(1478), "1,478");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_500_000), "1,500,000");
        assert_eq!(number(12345.678, 1), "12,345.7");
    }

    #[test]
    fn percentages_round_to_the_places_asked() {
        assert_eq!(percent(1478.0 / 1724.0, 0), "86%");
        assert_eq!(percent(1478.0 / 1724.0, 2), "85.73%");
        assert_eq!(percent(0.6621, 1), "66.2%");
    }

    #[test]
    fn money_is_in_pounds_and_pence() {
        assert_eq!(pounds(1050.0), "£1,050.00");
    }

    #[test]
    fn one_day_is_singular() {
        assert_eq!(days(1.0), "1 day");
        assert_eq!(days(36.5), "36.5 days");
    }
}
