//! Reading one JSON file: syntax errors are reported by line, shape errors by
//! JSON path (such as `$.currentRatings.overall.keyQuestionRatings[2].name`),
//! with the offending value.

use std::fmt::Display;
use std::path::Path;

use continuum_domain::{CqcRating, KeyQuestion};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

use crate::cqc::common::bad_value;
use crate::{ErrorKind, IngestError, IngestErrors, Position, Warning};

/// Reads and parses a JSON file, or says why it cannot be.
pub(super) fn read_value(path: &Path) -> Result<Value, Box<IngestError>> {
    let bytes = std::fs::read(path).map_err(|e| IngestError::io(path, &e))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Box::new(IngestError {
            kind: if e.is_eof() {
                ErrorKind::Truncated
            } else {
                ErrorKind::BadStructure
            },
            file: path.to_path_buf(),
            at: Position::Line(e.line() as u64),
            column: None,
            value: None,
            message: format!("expected valid JSON: {e}"),
        })
    })
}

/// Like [`read_value`], but a missing file is `None` rather than an error.
pub(super) fn read_optional(path: &Path) -> Result<Option<Value>, Box<IngestError>> {
    if path.exists() {
        read_value(path).map(Some)
    } else {
        Ok(None)
    }
}

/// Converts a parsed document into the reader's types, naming the JSON path,
/// the field and the value when the document is not shaped as CQC writes it.
pub(super) fn typed<T: DeserializeOwned>(
    path: &Path,
    value: &Value,
) -> Result<T, Box<IngestError>> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let segments: Vec<&Segment> = e.path().iter().collect();
        let field = segments.iter().rev().find_map(|s| match s {
            Segment::Map { key } => Some(key.clone()),
            _ => None,
        });
        let found = value_at(value, &segments).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        Box::new(IngestError {
            kind: ErrorKind::BadStructure,
            file: path.to_path_buf(),
            at: Position::JsonPath(json_path(&segments)),
            column: field,
            value: found,
            message: format!("not as the CQC API writes it: {}", e.inner()),
        })
    })
}

/// Reads a file straight into the reader's types.
pub(super) fn read_typed<T: DeserializeOwned>(path: &Path) -> Result<T, Box<IngestError>> {
    typed(path, &read_value(path)?)
}

/// A path written the way people read JSON paths: `$.a.b[3].c`.
fn json_path(segments: &[&Segment]) -> String {
    let mut out = String::from("$");
    for s in segments {
        match s {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Enum { variant } => {
                out.push('.');
                out.push_str(variant);
            }
            Segment::Unknown => out.push_str(".?"),
        }
    }
    out
}

fn value_at<'v>(root: &'v Value, segments: &[&Segment]) -> Option<&'v Value> {
    segments.iter().try_fold(root, |v, s| match s {
        Segment::Seq { index } => v.get(*index),
        Segment::Map { key } => v.get(key.as_str()),
        _ => None,
    })
}

/// Where the conversion of one file is: its name, and the errors and warnings
/// found so far in the whole directory.
pub(super) struct Ctx<'a> {
    pub file: &'a Path,
    pub errors: &'a mut IngestErrors,
    pub warnings: &'a mut Vec<Warning>,
}

impl Ctx<'_> {
    /// Records a bad value at a JSON path.
    pub fn bad(&mut self, path: &str, field: &str, value: &str, expected: impl Display) {
        let e = bad_value(
            self.file,
            Position::JsonPath(path.to_string()),
            field,
            value,
            expected,
        );
        self.errors.push(e);
    }

    /// The parsed value, or none with the error recorded.
    pub fn check<T, E: Display>(
        &mut self,
        path: &str,
        field: &str,
        value: &str,
        r: Result<T, E>,
    ) -> Option<T> {
        r.map_err(|e| self.bad(path, field, value, e)).ok()
    }

    /// An optional `YYYY-MM-DD` date: `Some(None)` when absent or empty, `None`
    /// when it is bad (the error is recorded).
    pub fn opt_date(
        &mut self,
        path: &str,
        field: &str,
        value: Option<&str>,
    ) -> Option<Option<continuum_domain::Date>> {
        match value.map(str::trim) {
            None | Some("") => Some(None),
            Some(s) => self.check(path, field, s, continuum_domain::parse_date(s).map(Some)),
        }
    }

    /// A date in field `field` of the object at `parent`; none when it is
    /// absent, empty or bad (a bad one is recorded as an error).
    pub fn date_in(
        &mut self,
        parent: &str,
        field: &str,
        value: Option<&str>,
    ) -> Option<continuum_domain::Date> {
        self.opt_date(&format!("{parent}.{field}"), field, value)
            .flatten()
    }

    /// A rating word in field `rating` of the object at `parent`; absent is
    /// "not rated", as the API means it.
    pub fn rating_in(&mut self, parent: &str, value: Option<&str>) -> Option<CqcRating> {
        let word = value.unwrap_or("");
        let path = format!("{parent}.rating");
        self.check(&path, "rating", word, CqcRating::parse(word))
    }

    /// A key question in field `name` of the object at `parent`.
    pub fn key_question_in(&mut self, parent: &str, value: &str) -> Option<KeyQuestion> {
        let path = format!("{parent}.name");
        self.check(&path, "name", value, KeyQuestion::parse(value))
    }

    /// Tells the person importing about something odd that does not stop it.
    pub fn warn(&mut self, path: &str, message: String) {
        self.warnings.push(Warning {
            file: self.file.to_path_buf(),
            at: Position::JsonPath(path.to_string()),
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[expect(dead_code, reason = "only the error is looked at")]
    struct Doc {
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[expect(dead_code, reason = "only the error is looked at")]
    struct Item {
        number_of_beds: u32,
    }

    #[test]
    fn a_shape_error_names_the_json_path_the_field_and_the_value() {
        let v = serde_json::json!({"items": [{"numberOfBeds": 3}, {"numberOfBeds": -2}]});
        let e = typed::<Doc>(Path::new("x.json"), &v).err();
        let e = e.map(|e| (e.at, e.column, e.value));
        assert_eq!(
            e,
            Some((
                Position::JsonPath("$.items[1].numberOfBeds".into()),
                Some("numberOfBeds".into()),
                Some("-2".into())
            ))
        );
    }
}
