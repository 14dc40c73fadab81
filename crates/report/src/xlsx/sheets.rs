//! The sheets of the workbook, one function each.

use continuum_engine::Pack;
use continuum_engine::flatten::Row;
use continuum_engine::score::{Input, Part};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::{header, number};
use crate::describe::{Unit, describe, in_display_order};
use crate::html::variation_words;

fn fmt(s: &str) -> Format {
    Format::new().set_num_format(s)
}

/// A change in the row's unit: shares in percentage points.
fn change(unit: Unit, row: &Row) -> Option<(f64, Format)> {
    let (v, l) = (row.value?, row.last_year?);
    Some(match unit {
        Unit::Year => return None,
        Unit::Percent => ((v - l) * 100.0, fmt(r#"+0.00" pp";-0.00" pp";0.00" pp""#)),
        Unit::PublishedPercent => (v - l, fmt(r#"+0.00" pp";-0.00" pp";0.00" pp""#)),
        u => (v - l, fmt(&format!("+{f};-{f};0", f = u.excel_format()))),
    })
}

/// One section's figures (risk locations have their own sheet), then its
/// findings.
pub fn section(ws: &mut Worksheet, packs: &[Pack], key: &str) -> Result<(), XlsxError> {
    let prefix = format!("{key}.");
    let wanted = |r: &&Row| {
        r.metric_id.starts_with(&prefix) && !r.metric_id.starts_with("quality.risk.locations.")
    };
    let rows: Vec<(&Pack, &Row)> = packs
        .iter()
        .flat_map(|p| {
            in_display_order(p.rows.iter().filter(wanted))
                .into_iter()
                .map(move |r| (p, r))
        })
        .collect();
    let cols = [
        ("Council", 18.0),
        ("Figure", 60.0),
        ("Value", 14.0),
        ("Numerator", 12.0),
        ("Denominator", 12.0),
        ("England", 12.0),
        ("Statistical variation", 24.0),
        ("Last year", 14.0),
        ("Change", 14.0),
        ("Metric ID", 50.0),
    ];
    header(ws, &cols, rows.len() as u32)?;
    for (i, (p, r)) in rows.iter().enumerate() {
        let n = i as u32 + 1;
        let d = describe(p, r);
        let f = fmt(d.unit.excel_format());
        ws.write_string(n, 0, p.la.as_str())?;
        ws.write_string(n, 1, d.full_label_with_metric())?;
        number(ws, n, 2, r.value, &f)?;
        number(ws, n, 3, r.numerator, &Format::new())?;
        number(ws, n, 4, r.denominator, &Format::new())?;
        number(ws, n, 5, r.england_value, &f)?;
        if let Some(v) = &r.variation {
            ws.write_string(n, 6, variation_words(v))?;
        }
        number(ws, n, 7, r.last_year, &f)?;
        if let Some((c, cf)) = change(d.unit, r) {
            ws.write_number_with_format(n, 8, c, &cf)?;
        }
        ws.write_string(n, 9, &r.metric_id)?;
    }
    findings(ws, packs, key, rows.len() as u32 + 3)
}

fn findings(ws: &mut Worksheet, packs: &[Pack], key: &str, start: u32) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    ws.write_string_with_format(start, 0, "Council", &bold)?;
    ws.write_string_with_format(start, 1, "Finding", &bold)?;
    ws.write_string_with_format(start, 9, "Metric ID", &bold)?;
    let all = packs
        .iter()
        .flat_map(|p| p.findings.iter().map(move |f| (p, f)))
        .filter(|(_, f)| f.section == key);
    for (i, (p, f)) in all.enumerate() {
        let n = start + 1 + i as u32;
        ws.write_string(n, 0, p.la.as_str())?;
        ws.write_string(n, 1, &f.text)?;
        ws.write_string(n, 9, &f.metric_id)?;
    }
    Ok(())
}

/// Every commissioned location's risk, with its reasons.
pub fn risk(ws: &mut Worksheet, packs: &[Pack]) -> Result<(), XlsxError> {
    let cols = [
        ("Council", 18.0),
        ("Location ID", 16.0),
        ("Location", 36.0),
        ("Risk", 8.0),
        ("Points", 8.0),
        ("Reasons", 90.0),
    ];
    let entries: Vec<_> = packs
        .iter()
        .flat_map(|p| {
            p.sections
                .quality
                .risk
                .locations
                .iter()
                .map(move |e| (p, e))
        })
        .collect();
    header(ws, &cols, entries.len() as u32)?;
    for (i, (p, e)) in entries.iter().enumerate() {
        let n = i as u32 + 1;
        ws.write_string(n, 0, p.la.as_str())?;
        ws.write_string(n, 1, e.location_id.as_str())?;
        ws.write_string(n, 2, &e.name)?;
        ws.write_string(n, 3, crate::describe::humanise(e.level.as_str()))?;
        ws.write_number(n, 4, e.score)?;
        let reasons: Vec<String> = e
            .reasons
            .iter()
            .map(|r| {
                if r.always_red {
                    format!("{} (always red)", r.text)
                } else {
                    format!("{} ({})", r.text, r.points)
                }
            })
            .collect();
        ws.write_string(n, 5, reasons.join("; "))?;
    }
    Ok(())
}

/// The suggested score: a line per input, with its section's score beside it,
/// then the overall score.
pub fn score(ws: &mut Worksheet, packs: &[Pack]) -> Result<(), XlsxError> {
    let cols = [
        ("Council", 18.0),
        ("Part", 44.0),
        ("Suggested score", 10.0),
        ("Share of points", 10.0),
        ("Points", 8.0),
        ("Of", 8.0),
        ("Input", 50.0),
        ("Figure", 12.0),
        ("Input points", 8.0),
        ("Effect", 12.0),
        ("Note", 30.0),
        ("Metric ID", 50.0),
    ];
    let mut n = 0u32;
    for p in packs {
        let parts = crate::describe::SECTIONS
            .iter()
            .filter_map(|(k, h)| p.score.sections.get(*k).map(|part| (*h, part)))
            .chain(std::iter::once(("Overall", &p.score.overall)));
        for (name, part) in parts {
            let inputs: Vec<Option<&Input>> = if name == "Overall" || part.inputs.is_empty() {
                vec![None]
            } else {
                part.inputs.iter().map(Some).collect()
            };
            for input in inputs {
                n += 1;
                score_row(ws, n, (p.la.as_str(), name), part, input)?;
            }
        }
    }
    header(ws, &cols, n)
}

/// One line of the score sheet: the part's score, and one input if any.
fn score_row(
    ws: &mut Worksheet,
    n: u32,
    (la, name): (&str, &str),
    part: &Part,
    input: Option<&Input>,
) -> Result<(), XlsxError> {
    ws.write_string(n, 0, la)?;
    ws.write_string(n, 1, name)?;
    number(ws, n, 2, part.score.map(f64::from), &Format::new())?;
    number(ws, n, 3, part.percent, &fmt(r#"0.00"%""#))?;
    ws.write_number(n, 4, part.points)?;
    ws.write_number(n, 5, part.max_points)?;
    if let Some(i) = input {
        ws.write_string(n, 6, &i.label)?;
        number(ws, n, 7, i.value, &Format::new())?;
        number(ws, n, 8, i.points.map(f64::from), &Format::new())?;
        ws.write_string(n, 9, i.direction)?;
        ws.write_string(n, 10, i.note.as_deref().unwrap_or(""))?;
        ws.write_string(n, 11, &i.metric_id)?;
    }
    Ok(())
}

/// Each council's ranks among all councils and among its neighbours.
pub fn benchmark(ws: &mut Worksheet, packs: &[Pack]) -> Result<(), XlsxError> {
    let cols = [
        ("Council", 18.0),
        ("Figure", 60.0),
        ("Value", 12.0),
        ("Rank", 8.0),
        ("Of", 8.0),
        ("Rank among neighbours", 12.0),
        ("Of neighbours", 10.0),
        ("Ranked by", 18.0),
        ("Metric ID", 50.0),
    ];
    let ranks: Vec<_> = packs
        .iter()
        .flat_map(|p| p.benchmark.iter().map(move |r| (p, r)))
        .collect();
    header(ws, &cols, ranks.len() as u32)?;
    for (i, (p, r)) in ranks.iter().enumerate() {
        let n = i as u32 + 1;
        let (label, unit) = crate::html::label_and_unit(p, &r.metric_id);
        ws.write_string(n, 0, p.la.as_str())?;
        ws.write_string(n, 1, label)?;
        ws.write_number_with_format(n, 2, r.value, &fmt(unit.excel_format()))?;
        ws.write_number(n, 3, r.rank as f64)?;
        ws.write_number(n, 4, r.of as f64)?;
        number(
            ws,
            n,
            5,
            r.rank_among_neighbours.map(|x| x as f64),
            &Format::new(),
        )?;
        ws.write_number(n, 6, r.of_neighbours as f64)?;
        ws.write_string(n, 7, r.best_first.replace('_', " "))?;
        ws.write_string(n, 8, &r.metric_id)?;
    }
    Ok(())
}

/// The raw long table, as the CSV writes it.
pub fn metrics(ws: &mut Worksheet, packs: &[Pack]) -> Result<(), XlsxError> {
    let widths = [18.0, 60.0, 14.0, 12.0, 12.0, 14.0, 18.0, 14.0];
    let cols: Vec<(&str, f64)> = crate::csv::HEADER.iter().copied().zip(widths).collect();
    let rows: Vec<&Row> = packs.iter().flat_map(|p| &p.rows).collect();
    header(ws, &cols, rows.len() as u32)?;
    let plain = Format::new();
    for (i, r) in rows.iter().enumerate() {
        let n = i as u32 + 1;
        ws.write_string(n, 0, &r.la)?;
        ws.write_string(n, 1, &r.metric_id)?;
        number(ws, n, 2, r.value, &plain)?;
        number(ws, n, 3, r.numerator, &plain)?;
        number(ws, n, 4, r.denominator, &plain)?;
        number(ws, n, 5, r.england_value, &plain)?;
        if let Some(v) = &r.variation {
            ws.write_string(n, 6, v)?;
        }
        number(ws, n, 7, r.last_year, &plain)?;
    }
    Ok(())
}
