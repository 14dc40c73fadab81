//! One measure sheet (`Table_1a`, `Table_6b`…): find its header, work out what
//! each column holds from the header text, and read every area's row.
//!
//! Layout quirks, all handled from the headers, never from column numbers:
//!
//! - **The header row moves**: row 5 on the survey sheets, 6 on the CLD sheets,
//!   4 on Table_6a, 7 on Table_6b, because the notes above it differ in length.
//!   It is the first row (of the first 30) with a cell `ONS area code`.
//! - **Column groups differ**: `<year> - margin of error / number of respondents
//!   / outcome` (surveys), `<year> - numerator / denominator / outcome` (CLD, 4B,
//!   6B), `<year> - outcome` only (6A). Each column says its year and field.
//! - **Sub-measures**: Table_6b's headers read `<year> - outstanding numerator`,
//!   `good`, `other`, `not yet rated` and `6b`; the prefix becomes the measure
//!   code `6B-outstanding` and so on (`6b` itself is `6B`).
//! - **Rows without an ONS code** (the council-type groupings, and merged areas
//!   such as Table_6a's "Cornwall and Isles of Scilly") have `[z]` there: they
//!   are kept with `ons_code: None`.

use calamine::{Data, Range};
use continuum_domain::{AscofValue, Figure, FinancialYear, OnsCode, Suppression};
use std::path::Path;

use super::cell;
use super::notes::Notes;
use crate::{ErrorKind, IngestError, IngestErrors, Position};

/// The header rows are searched for within this many rows of the top.
const HEADER_SEARCH_ROWS: usize = 30;
const ONS_HEADER: &str = "ons area code";
const NAME_HEADER: &str = "local authority";
const IDENTITY_HEADERS: [&str; 3] = ["local authority code", NAME_HEADER, ONS_HEADER];

/// What a data column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    MarginOfError,
    Respondents,
    Numerator,
    Denominator,
    Outcome,
}

const FIELDS: [(&str, Field); 5] = [
    ("margin of error", Field::MarginOfError),
    ("number of respondents", Field::Respondents),
    ("numerator", Field::Numerator),
    ("denominator", Field::Denominator),
    ("outcome", Field::Outcome),
];

/// The columns of one measure in one year (relative column indexes).
#[derive(Debug)]
struct Group {
    measure: String,
    year: FinancialYear,
    cols: [Option<usize>; 5],
}

/// Where things are on a sheet, found from its header row.
#[derive(Debug)]
struct Layout {
    header_row: usize,
    name_col: usize,
    ons_col: usize,
    groups: Vec<Group>,
}

/// One sheet being read: where it is, for messages.
pub(crate) struct Sheet<'a> {
    pub file: &'a Path,
    pub name: &'a str,
    /// The measure code from the sheet name, such as `2D(1)`.
    pub code: &'a str,
    pub range: &'a Range<Data>,
}

impl Sheet<'_> {
    fn at(&self, row: usize, col: usize) -> Position {
        let (r0, c0) = self.range.start().unwrap_or((0, 0));
        Position::Cell {
            sheet: self.name.to_string(),
            cell: cell::address(r0 + row as u32, c0 + col as u32),
        }
    }

    fn get(&self, row: usize, col: usize) -> &Data {
        self.range.get((row, col)).unwrap_or(&Data::Empty)
    }

    fn error(&self, kind: ErrorKind, row: usize, col: usize, message: String) -> IngestError {
        IngestError::file(kind, self.file, message).at(self.at(row, col))
    }

    /// Reads every area's figures, adding them to `out`.
    pub fn read(&self, out: &mut Vec<AscofValue>, notes: &mut Notes, errors: &mut IngestErrors) {
        let layout = match self.layout(notes) {
            Ok(l) => l,
            Err(e) => return e.errors.into_iter().for_each(|e| errors.push(e)),
        };
        for row in layout.header_row + 1..self.range.height() {
            let width = self.range.width();
            if (0..width).all(|c| matches!(self.get(row, c), Data::Empty)) {
                continue;
            }
            self.read_row(&layout, row, out, notes, errors);
        }
    }

    fn layout(&self, notes: &mut Notes) -> Result<Layout, IngestErrors> {
        let header_row = (0..self.range.height().min(HEADER_SEARCH_ROWS))
            .find(|&r| self.find_col(r, ONS_HEADER).is_some())
            .ok_or_else(|| {
                self.error(
                    ErrorKind::BadStructure,
                    0,
                    0,
                    format!(
                        "no header row: expected a row with the column 'ONS area code' \
                         within the first {HEADER_SEARCH_ROWS} rows of the sheet"
                    ),
                )
            })?;
        let ons_col = self.find_col(header_row, ONS_HEADER).unwrap_or(0);
        let name_col = self.find_col(header_row, NAME_HEADER).ok_or_else(|| {
            let mut e = self.error(
                ErrorKind::MissingColumn,
                header_row,
                0,
                "the header row has no column 'Local authority' (the area's name)".into(),
            );
            e.column = Some("Local authority".into());
            e
        })?;
        let groups = self.groups(header_row, notes)?;
        Ok(Layout {
            header_row,
            name_col,
            ons_col,
            groups,
        })
    }

    fn find_col(&self, row: usize, header: &str) -> Option<usize> {
        (0..self.range.width()).find(|&c| cell::text(self.get(row, c)).eq_ignore_ascii_case(header))
    }

    fn groups(&self, row: usize, notes: &mut Notes) -> Result<Vec<Group>, IngestErrors> {
        let mut groups: Vec<Group> = Vec::new();
        for col in 0..self.range.width() {
            let header = cell::text(self.get(row, col));
            let lower = header.to_lowercase();
            if header.is_empty() || IDENTITY_HEADERS.contains(&lower.as_str()) {
                continue;
            }
            let Some((year, measure, field)) = parse_header(&lower, self.code) else {
                notes.ignored_column(self.name, &header, self.at(row, col));
                continue;
            };
            let i = match groups
                .iter()
                .position(|g| g.measure == measure && g.year == year)
            {
                Some(i) => i,
                None => {
                    groups.push(Group {
                        measure,
                        year,
                        cols: [None; 5],
                    });
                    groups.len() - 1
                }
            };
            let slot = &mut groups[i].cols[field as usize];
            if slot.is_some() {
                let msg = format!("the column '{header}' appears twice in the header row");
                return Err(self.error(ErrorKind::BadStructure, row, col, msg).into());
            }
            *slot = Some(col);
        }
        self.check_groups(row, &groups)?;
        Ok(groups)
    }

    fn check_groups(&self, row: usize, groups: &[Group]) -> Result<(), IngestErrors> {
        if groups.is_empty() {
            let msg = "the header row has no data columns: expected headers such as \
                       '2024 to 2025 - outcome'";
            return Err(self
                .error(ErrorKind::BadStructure, row, 0, msg.into())
                .into());
        }
        match groups
            .iter()
            .find(|g| g.cols[Field::Outcome as usize].is_none())
        {
            Some(g) => {
                let col = g.cols.iter().flatten().copied().next().unwrap_or(0);
                let msg = format!(
                    "measure {} has columns for {} but no '{} - outcome' column",
                    g.measure,
                    g.year,
                    year_words(g.year)
                );
                Err(self.error(ErrorKind::MissingColumn, row, col, msg).into())
            }
            None => Ok(()),
        }
    }

    fn read_row(
        &self,
        layout: &Layout,
        row: usize,
        out: &mut Vec<AscofValue>,
        notes: &mut Notes,
        errors: &mut IngestErrors,
    ) {
        let name = cell::text(self.get(row, layout.name_col));
        let ons = cell::text(self.get(row, layout.ons_col));
        if name.is_empty() {
            let e = self.bad(row, layout.name_col, layout, "", "the area's name");
            return errors.push(e);
        }
        let ons_code = match OnsCode::parse(&ons) {
            Ok(code) => Some(code),
            Err(_) if ons.is_empty() || Suppression::from_code(&ons).is_some() => None,
            Err(_) => {
                let expected = "an ONS area code such as E06000035, or [z] for an area without one";
                return errors.push(self.bad(row, layout.ons_col, layout, &ons, expected));
            }
        };
        for g in &layout.groups {
            let [
                margin_of_error,
                respondents,
                numerator,
                denominator,
                outcome,
            ] = self.read_group(layout, row, g, notes, errors);
            out.push(AscofValue {
                ons_code: ons_code.clone(),
                area_name: name.clone(),
                measure: g.measure.clone(),
                year: g.year,
                outcome: outcome.unwrap_or(Figure::Missing(Suppression::NotAvailable)),
                margin_of_error,
                respondents,
                numerator,
                denominator,
            });
        }
    }

    /// The figures of one measure and year in one row, in [`Field`] order.
    fn read_group(
        &self,
        layout: &Layout,
        row: usize,
        g: &Group,
        notes: &mut Notes,
        errors: &mut IngestErrors,
    ) -> [Option<Figure>; 5] {
        let mut figures = [None; 5];
        for (slot, col) in figures.iter_mut().zip(g.cols) {
            let Some(col) = col else { continue };
            match cell::read(self.get(row, col)) {
                Ok(r) => {
                    *slot = Some(r.figure);
                    if let Some(odd) = r.oddity {
                        let text = cell::text(self.get(row, col));
                        let header = self.header(layout, col);
                        notes.oddity(self.name, &header, odd, self.at(row, col), &text);
                    }
                }
                Err(text) => errors.push(self.bad(row, col, layout, &text, cell::EXPECTED)),
            }
        }
        figures
    }

    fn header(&self, layout: &Layout, col: usize) -> String {
        cell::text(self.get(layout.header_row, col))
    }

    fn bad(
        &self,
        row: usize,
        col: usize,
        layout: &Layout,
        value: &str,
        expected: &str,
    ) -> IngestError {
        IngestError {
            kind: ErrorKind::BadValue,
            file: self.file.to_path_buf(),
            at: self.at(row, col),
            column: Some(self.header(layout, col)),
            value: Some(value.to_string()),
            message: format!("expected {expected}"),
        }
    }
}

/// Reads a header such as `2024 to 2025 - good numerator` into its year, measure
/// code and field. `None` when it is not a data column.
fn parse_header(lower: &str, code: &str) -> Option<(FinancialYear, String, Field)> {
    let (year, rest) = lower.split_once(" - ")?;
    let year = FinancialYear::parse(year).ok()?;
    let rest = rest.trim();
    let (prefix, field) = FIELDS
        .iter()
        .find_map(|(label, f)| rest.strip_suffix(label).map(|p| (p.trim(), *f)))?;
    let measure = if prefix.is_empty() || prefix.eq_ignore_ascii_case(code) {
        code.to_string()
    } else {
        let slug: Vec<&str> = prefix.split_whitespace().collect();
        format!("{code}-{}", slug.join("-"))
    };
    Some((year, measure, field))
}

/// A year as NHS England's headers write it, for messages.
fn year_words(y: FinancialYear) -> String {
    format!("{} to {}", y.0, y.0 + 1)
}

/// The measure code in a sheet name: `Table_2d(1)` is `2D(1)`, `Table_3d(1a)` is
/// `3D(1a)` (the Contents sheet's spelling). `None` for other sheets.
pub(crate) fn code_from_sheet_name(name: &str) -> Option<String> {
    let rest = name
        .strip_prefix("Table_")
        .or_else(|| name.strip_prefix("table_"))?;
    let (head, tail) = rest.split_at(rest.find('(').unwrap_or(rest.len()));
    if head.is_empty() || !head.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{}{}", head.to_uppercase(), tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_give_measure_codes() {
        assert_eq!(code_from_sheet_name("Table_1a").as_deref(), Some("1A"));
        assert_eq!(
            code_from_sheet_name("Table_2d(1)").as_deref(),
            Some("2D(1)")
        );
        assert_eq!(
            code_from_sheet_name("Table_3d(1a)").as_deref(),
            Some("3D(1a)")
        );
        assert_eq!(code_from_sheet_name("Notes"), None);
    }

    #[test]
    fn headers_give_year_measure_and_field() {
        let y = FinancialYear(2024);
        let h = |s: &str, code: &str| parse_header(&s.to_lowercase(), code);
        assert_eq!(
            h("2024 to 2025 - margin of error", "1A"),
            Some((y, "1A".into(), Field::MarginOfError))
        );
        assert_eq!(
            h("2024 to 2025 - number of respondents", "1A"),
            Some((y, "1A".into(), Field::Respondents))
        );
        assert_eq!(
            h("2024 to 2025 - 6b outcome", "6B"),
            Some((y, "6B".into(), Field::Outcome))
        );
        assert_eq!(
            h("2024 to 2025 - not yet rated denominator", "6B"),
            Some((y, "6B-not-yet-rated".into(), Field::Denominator))
        );
        assert_eq!(h("2024 to 2025 - rank", "1A"), None);
        assert_eq!(h("Local authority", "1A"), None);
    }
}
