//! The long metric table as CSV: one line per figure of each pack, in the
//! pack's own order, with every number in full precision.
//!
//! Numbers are written in Rust's shortest round-trip form (`0.875`,
//! `0.1111111111111111`, `3`), so reading a cell back gives exactly the
//! engine's value; an absent value is an empty cell. The same packs always
//! give the same bytes.

use std::io::Write;

use continuum_engine::Pack;

use crate::ReportError;

/// The header line, in column order.
pub const HEADER: [&str; 8] = [
    "la",
    "metric_id",
    "value",
    "numerator",
    "denominator",
    "england_value",
    "variation",
    "last_year",
];

fn num(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// Writes every row of every pack (`Pack.rows`) to `w`.
pub fn write_long_table<W: Write>(packs: &[Pack], w: W) -> Result<(), ReportError> {
    let mut out = ::csv::Writer::from_writer(w);
    out.write_record(HEADER)?;
    for r in packs.iter().flat_map(|p| &p.rows) {
        out.write_record([
            r.la.clone(),
            r.metric_id.clone(),
            num(r.value),
            num(r.numerator),
            num(r.denominator),
            num(r.england_value),
            r.variation.clone().unwrap_or_default(),
            num(r.last_year),
        ])?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_shortest_round_trip_form() {
        assert_eq!(num(Some(3.0)), "3");
        assert_eq!(num(Some(1.0 / 9.0)), "0.1111111111111111");
        assert_eq!(num(Some(1.0 / 9.0)).parse::<f64>().ok(), Some(1.0 / 9.0));
        assert_eq!(num(None), "");
    }
}
