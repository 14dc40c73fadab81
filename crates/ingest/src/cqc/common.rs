//! What the three CQC readers share: CSV headers and errors, CQC's date
//! formats, and putting a batch in a stable order.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::fs::File;
use std::path::Path;

use continuum_domain::{
    CqcBatch, CqcLocationUpdate, Date, KeyQuestion, ParseError, Provider, RatingEvent, parse_date,
};

use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};

/// Opens a CSV file with a header row. A UTF-8 byte order mark at the start is
/// dropped (csv-core does it; [`column_indexes`] also trims it from the names).
pub(crate) fn open_csv(path: &Path) -> Result<csv::Reader<File>, IngestErrors> {
    let file = File::open(path).map_err(|e| IngestError::io(path, &e))?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(file))
}

/// The positions of the named columns in the header, in the order asked.
/// Every missing column is reported, so one run shows them all.
pub(crate) fn column_indexes<const N: usize>(
    path: &Path,
    reader: &mut csv::Reader<File>,
    names: [&str; N],
    format: &str,
) -> Result<[usize; N], IngestErrors> {
    let header = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
    };
    let mut out = [0usize; N];
    let mut errors = IngestErrors::new();
    for (slot, name) in out.iter_mut().zip(names) {
        match find(name) {
            Some(i) => *slot = i,
            None => errors.push(IngestError {
                kind: ErrorKind::MissingColumn,
                file: path.to_path_buf(),
                at: Position::Line(1),
                column: Some(name.to_string()),
                value: None,
                message: format!(
                    "the header has no column '{name}'; expected the header of {format}"
                ),
            }),
        }
    }
    errors.into_result(out)
}

/// Turns a CSV reading error into an error naming the line.
pub(crate) fn csv_error(path: &Path, e: &csv::Error) -> IngestError {
    let at = e
        .position()
        .map_or(Position::File, |p| Position::Line(p.line()));
    let (kind, message) = match e.kind() {
        csv::ErrorKind::Io(io) => return IngestError::io(path, io),
        csv::ErrorKind::Utf8 { err, .. } => (
            ErrorKind::NotUtf8,
            format!(
                "expected UTF-8 text, but field {} is not: save the file as UTF-8",
                err.field() + 1
            ),
        ),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            ErrorKind::BadStructure,
            format!(
                "expected {expected_len} fields as in the header, found {len}: \
                 look for a stray comma or an unclosed quote"
            ),
        ),
        _ => (ErrorKind::BadStructure, format!("expected a CSV row: {e}")),
    };
    IngestError {
        kind,
        file: path.to_path_buf(),
        at,
        column: None,
        value: None,
        message,
    }
}

/// A bad value found at a position (a CSV line or a JSON path).
pub(crate) fn bad_value(
    file: &Path,
    at: Position,
    field: &str,
    value: &str,
    expected: impl Display,
) -> IngestError {
    IngestError::bad_value(file, 0, field, value, expected).at(at)
}

/// A trimmed text, or none when it is empty.
pub(crate) fn text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Parses the ratings CSV's month-first dates, `MM/DD/YYYY`.
pub(crate) fn parse_us_date(s: &str) -> Result<Date, ParseError> {
    let bad =
        || ParseError::expected("a date written MM/DD/YYYY (month first), such as 05/29/2026");
    let b = s.as_bytes();
    if b.len() != 10 || b[2] != b'/' || b[5] != b'/' {
        return Err(bad());
    }
    match (s.get(6..10), s.get(0..2), s.get(3..5)) {
        (Some(y), Some(m), Some(d)) => parse_date(&format!("{y}-{m}-{d}")).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

/// The date part of a date-time such as the API's `2024-11-18 14:40:14` or
/// the directory's `2023-05-03T00:00:00Z`.
pub(crate) fn parse_date_of_date_time(s: &str) -> Result<Date, ParseError> {
    let bad = || ParseError::expected("a date and time such as 2024-11-18 14:40:14");
    let t = s.trim();
    let separated = matches!(t.as_bytes().get(10), None | Some(b' ' | b'T'));
    match t.get(..10) {
        Some(day) if separated => parse_date(day).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

/// Counts of skipped records as the batch holds them, sorted by reason.
pub(crate) fn skipped(counts: BTreeMap<&str, usize>) -> Vec<(String, usize)> {
    counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| (r.to_string(), n))
        .collect()
}

/// The providers of the kept locations whose names the source gives, once each.
pub(crate) fn providers_of(locations: &[CqcLocationUpdate]) -> Vec<Provider> {
    let mut by_id = BTreeMap::new();
    for l in locations {
        if let Some(name) = &l.provider_name {
            by_id
                .entry(l.provider_id.clone())
                .or_insert_with(|| name.clone());
        }
    }
    by_id
        .into_iter()
        .map(|(provider_id, name)| Provider { provider_id, name })
        .collect()
}

/// Puts a batch in a stable order (locations by ID, history by location and
/// date) and drops exact repeats, so the same input always gives the same
/// output.
pub(crate) fn finish(mut b: CqcBatch) -> CqcBatch {
    b.locations
        .sort_by(|x, y| x.location_id.cmp(&y.location_id));
    b.providers
        .sort_by(|x, y| x.provider_id.cmp(&y.provider_id));
    b.providers.dedup_by(|x, y| x.provider_id == y.provider_id);
    b.rating_events
        .sort_by(|x, y| event_key(x).cmp(&event_key(y)));
    b.rating_events.dedup();
    b.quality_statements.sort_by(|x, y| {
        (
            &x.location_id,
            x.assessed_on,
            x.statement_id,
            x.key_question,
        )
            .cmp(&(
                &y.location_id,
                y.assessed_on,
                y.statement_id,
                y.key_question,
            ))
    });
    b.quality_statements.dedup();
    b.skipped.sort();
    b
}

/// The order of rating events: by location, date, group, key question and
/// rating word, so that even two events that differ only in the word have a
/// fixed order.
fn event_key(e: &RatingEvent) -> (&str, Date, &str, KeyQuestion, &'static str) {
    (
        e.location_id.as_str(),
        e.published_on,
        e.service_group.as_str(),
        e.key_question,
        e.rating.label(),
    )
}

/// One warning per CQC specialism name the mapping does not know, with how
/// many locations had it.
pub(crate) fn unknown_specialism_warnings(
    file: &Path,
    names: &BTreeMap<String, usize>,
) -> Vec<Warning> {
    names
        .iter()
        .map(|(name, n)| Warning {
            file: file.to_path_buf(),
            at: Position::File,
            message: format!(
                "the CQC specialism '{name}' ({n} location(s)) has no rule in \
                 cqc::mapping and was left out"
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_ratings_csv_date_is_read_month_first() {
        assert_eq!(parse_us_date("05/29/2026"), Ok(d(2026, 5, 29)));
        assert_eq!(parse_us_date("01/05/2026"), Ok(d(2026, 1, 5)));
    }

    #[test]
    fn a_day_first_or_iso_date_is_refused_in_the_ratings_csv() {
        for bad in [
            "29/05/2026",
            "2026-05-29",
            "5/29/2026",
            "05/29/26",
            "",
            "é5/29/2026",
        ] {
            assert!(parse_us_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_date_of_a_date_time_is_its_first_ten_characters() {
        assert_eq!(
            parse_date_of_date_time("2024-11-18 14:40:14"),
            Ok(d(2024, 11, 18))
        );
        assert_eq!(
            parse_date_of_date_time("2023-05-03T00:00:00Z"),
            Ok(d(2023, 5, 3))
        );
        assert_eq!(parse_date_of_date_time("2024-11-18"), Ok(d(2024, 11, 18)));
    }

    #[test]
    fn a_date_time_that_does_not_start_with_a_date_is_refused() {
        for bad in ["18/11/2024 14:40", "2024-11-1814:40", "yesterday", ""] {
            assert!(parse_date_of_date_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_is_trimmed_and_empty_text_is_none() {
        assert_eq!(
            text("  ASP Healthcare "),
            Some("ASP Healthcare".to_string())
        );
        assert_eq!(text("   "), None);
    }
}
