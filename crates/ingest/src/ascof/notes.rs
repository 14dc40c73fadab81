//! Warnings gathered while reading, one per sheet and column rather than one per
//! cell: the 2016-17 carers' columns alone hold 830 bracketed cells per sheet.

use std::path::Path;

use super::cell::Oddity;
use crate::{Position, Warning};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Oddity(Oddity),
    IgnoredColumn,
}

/// The first place a thing was seen, and how often.
#[derive(Debug)]
struct Seen {
    first: Position,
    example: String,
    count: usize,
}

/// Collects warnings by sheet, column and kind, in the order first seen.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    seen: Vec<(String, String, Kind, Seen)>,
    other: Vec<Warning>,
}

impl Notes {
    /// A cell that needed a quirk to read.
    pub fn oddity(&mut self, sheet: &str, header: &str, odd: Oddity, at: Position, text: &str) {
        self.note(sheet, header, Kind::Oddity(odd), at, text);
    }

    /// A header cell that is not a known column.
    pub fn ignored_column(&mut self, sheet: &str, header: &str, at: Position) {
        self.note(sheet, header, Kind::IgnoredColumn, at, header);
    }

    /// A warning that stands on its own.
    pub fn push(&mut self, w: Warning) {
        self.other.push(w);
    }

    fn note(&mut self, sheet: &str, header: &str, kind: Kind, at: Position, text: &str) {
        let found = self
            .seen
            .iter_mut()
            .find(|(s, h, k, _)| s == sheet && h == header && *k == kind);
        match found {
            Some((_, _, _, seen)) => seen.count += 1,
            None => {
                let seen = Seen {
                    first: at,
                    example: text.to_string(),
                    count: 1,
                };
                self.seen.push((sheet.into(), header.into(), kind, seen));
            }
        }
    }

    /// The warnings, for the file they came from.
    pub fn into_warnings(self, file: &Path) -> Vec<Warning> {
        let mut out: Vec<Warning> = self
            .seen
            .into_iter()
            .map(|(_, header, kind, seen)| Warning {
                file: file.to_path_buf(),
                message: message(&header, &kind, &seen),
                at: seen.first,
            })
            .collect();
        out.extend(self.other);
        out
    }
}

fn message(header: &str, kind: &Kind, seen: &Seen) -> String {
    let (count, example) = (seen.count, &seen.example);
    match kind {
        Kind::Oddity(Oddity::Bracketed) => format!(
            "column '{header}': {count} cell(s) hold two figures, such as '{example}'; \
             the first (the official figure) was kept and the bracketed one, on the \
             pre-2016 eligible population, was dropped"
        ),
        Kind::Oddity(Oddity::Empty) => {
            format!("column '{header}': {count} empty cell(s) read as not available")
        }
        Kind::IgnoredColumn => format!(
            "column '{header}' is not a known ASCOF column (expected '<year> - outcome', \
             '- margin of error', '- number of respondents', '- numerator' or \
             '- denominator'); it was ignored"
        ),
    }
}
