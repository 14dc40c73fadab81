//! Bar charts: the CQC rating mix (stacked, one bar per service type), plain
//! horizontal bars (out-of-area reasons, locations, hand-backs), the
//! occupancy bar and the histogram of the six wait buckets.
//!
//! Every bar carries its figure as a text label where it fits, and every
//! category differs by hatching as well as colour, so nothing rests on colour.

use continuum_domain::Rating;
use continuum_engine::capacity::Occupancy;
use continuum_engine::format::{count, percent};
use continuum_engine::quality::{Mix, RatingMix};
use continuum_engine::stats::Buckets;

use super::Svg;
use super::svg::{Anchor, BLUE, DARK_BLUE, Doc, GREEN, INK, LIGHT, MUTED, ORANGE, RED, text_width};

const WIDTH: f64 = 640.0;

/// How each rating is drawn: fill colour and hatching (none, `diagonal`,
/// `cross` or `dots`).
fn rating_style(r: Rating) -> (&'static str, &'static str) {
    match r {
        Rating::Outstanding => (DARK_BLUE, ""),
        Rating::Good => (GREEN, ""),
        Rating::RequiresImprovement => (ORANGE, "diagonal"),
        Rating::Inadequate => (RED, "cross"),
        Rating::NotRated => (LIGHT, "dots"),
    }
}

/// The fills of a set of categories, defining patterns where they hatch.
fn fills(d: &mut Doc, styles: &[(&str, (&str, &str))]) -> Vec<String> {
    styles
        .iter()
        .map(|(name, (colour, hatch))| {
            if hatch.is_empty() {
                (*colour).to_string()
            } else {
                d.pattern(name, hatch, colour)
            }
        })
        .collect()
}

/// A legend: a swatch and a name for each category, in one row.
fn legend(d: &mut Doc, y: f64, items: &[(String, String)]) {
    let mut x = 0.0;
    for (name, fill) in items {
        d.rect(x + 1.0, y, 14.0, 14.0, fill);
        d.text(x + 20.0, y + 11.5, name, 12.0, Anchor::Start, INK);
        x += 34.0 + text_width(name, 12.0);
    }
}

/// The shares of a mix in words: `12.50% outstanding, 50.00% good`.
fn mix_words(m: &Mix) -> String {
    let parts: Vec<String> = m
        .shares
        .iter()
        .filter(|(_, r)| r.numerator > 0.0)
        .filter_map(|(rating, r)| {
            r.value
                .map(|v| format!("{} {}", percent(v, 2), rating.label().to_lowercase()))
        })
        .collect();
    parts.join(", ")
}

/// The bars of the rating mix: all locations first, then each service type.
fn mix_rows(mix: &RatingMix) -> Vec<(String, &Mix)> {
    let all = (
        format!("All locations ({})", count(mix.all.locations)),
        &mix.all,
    );
    std::iter::once(all)
        .chain(
            mix.by_service_type
                .iter()
                .map(|(st, m)| (format!("{} ({})", st.label(), count(m.locations)), m)),
        )
        .collect()
}

/// One stacked bar: a segment per rating, labelled where the label fits.
fn stack(d: &mut Doc, (x0, y, bar_w): (f64, f64, f64), m: &Mix, fill: &[String]) {
    let mut x = x0;
    for (k, rating) in Rating::ALL.iter().enumerate() {
        let Some(v) = m
            .shares
            .get(rating)
            .and_then(|r| r.value)
            .filter(|v| *v > 0.0)
        else {
            continue;
        };
        let w = bar_w * v;
        d.rect(x, y, w, 20.0, &fill[k]);
        let text = percent(v, 2);
        if text_width(&text, 12.0) + 8.0 < w {
            d.label(x + w / 2.0, y + 14.5, &text, 12.0, Anchor::Middle);
        }
        x += w;
    }
}

/// CQC ratings per service type as stacked horizontal bars, with all
/// locations first.
pub fn rating_mix(mix: &RatingMix) -> Svg {
    let title = "CQC ratings of registered locations, by service type";
    let rows = mix_rows(mix);
    let label_w = rows
        .iter()
        .map(|(l, _)| text_width(l, 13.0))
        .fold(0.0, f64::max)
        + 12.0;
    let mut d = Doc::new(title, WIDTH, 34.0 + 28.0 * rows.len() as f64);
    let styles: Vec<(&str, (&str, &str))> = Rating::ALL
        .iter()
        .map(|r| (r.as_str(), rating_style(*r)))
        .collect();
    let fill = fills(&mut d, &styles);
    let names: Vec<(String, String)> = Rating::ALL
        .iter()
        .zip(&fill)
        .map(|(r, f)| (r.label().to_string(), f.clone()))
        .collect();
    legend(&mut d, 0.0, &names);
    let mut alt = Vec::new();
    for (i, (label, m)) in rows.iter().enumerate() {
        let y = 30.0 + 28.0 * i as f64;
        d.text(label_w - 8.0, y + 14.0, label, 13.0, Anchor::End, INK);
        stack(&mut d, (label_w, y, WIDTH - label_w - 4.0), m, &fill);
        let words = mix_words(m);
        alt.push(if words.is_empty() {
            format!("{label}: none.")
        } else {
            format!("{label}: {words}.")
        });
    }
    d.finish(title, &alt.join(" "))
}

/// One bar of a plain bar chart: its label, its length (any unit; bars are
/// scaled to the longest) and the figure written beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

/// Horizontal bars, longest first as given, each labelled with its figure.
/// `intro` opens the text alternative.
pub fn hbars(title: &str, intro: &str, bars: &[Bar]) -> Svg {
    let label_w = bars
        .iter()
        .map(|b| text_width(&b.label, 13.0))
        .fold(0.0, f64::max)
        + 12.0;
    let text_w = bars
        .iter()
        .map(|b| text_width(&b.text, 12.0))
        .fold(0.0, f64::max)
        + 10.0;
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let bar_w = (WIDTH - label_w - text_w).max(60.0);
    let mut d = Doc::new(title, WIDTH, 8.0 + 28.0 * bars.len() as f64);
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + 28.0 * i as f64;
        d.text(label_w - 8.0, y + 14.0, &b.label, 13.0, Anchor::End, INK);
        let w = if max > 0.0 {
            bar_w * b.value / max
        } else {
            0.0
        };
        d.rect(label_w, y, w, 20.0, BLUE);
        d.text(
            label_w + w + 6.0,
            y + 14.0,
            &b.text,
            12.0,
            Anchor::Start,
            INK,
        );
    }
    let words: Vec<String> = bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.text))
        .collect();
    d.finish(title, &format!("{intro}: {}.", words.join("; ")))
}

/// Care home beds in the latest returns: occupied, vacant and accepting
/// admissions, and the rest (reserved or not available), as one 100% bar.
pub fn occupancy(o: &Occupancy) -> Svg {
    let title = "Care home beds in the latest capacity returns";
    let max = o.ratio.denominator;
    let (occupied, vacant) = (o.ratio.numerator, o.beds_vacant_accepting as f64);
    let parts = [
        ("Occupied", occupied, (DARK_BLUE, "")),
        (
            "Vacant and accepting admissions",
            vacant,
            ("#ffffff", "diagonal"),
        ),
        (
            "Other (reserved or not available)",
            (max - occupied - vacant).max(0.0),
            (LIGHT, "dots"),
        ),
    ];
    let mut d = Doc::new(title, WIDTH, 128.0);
    let styles: Vec<(&str, (&str, &str))> = parts.iter().map(|(n, _, s)| (*n, *s)).collect();
    let fill = fills(&mut d, &styles);
    let mut x = 0.0;
    let mut words = Vec::new();
    for (i, ((name, v, _), f)) in parts.iter().zip(&fill).enumerate() {
        let w = if max > 0.0 {
            (WIDTH - 2.0) * v / max
        } else {
            0.0
        };
        d.rect(x + 1.0, 1.0, w, 30.0, f);
        x += w;
        let share = if max > 0.0 {
            percent(v / max, 2)
        } else {
            "no beds".into()
        };
        let text = format!("{name}: {} ({share})", plural(*v as u64, "bed", "beds"));
        let y = 44.0 + 22.0 * i as f64;
        d.rect(1.0, y, 14.0, 14.0, f);
        d.text(22.0, y + 11.5, &text, 13.0, Anchor::Start, INK);
        words.push(text);
    }
    let homes = format!(
        "{} of {} care homes sent a return in the last 90 days",
        count(o.homes_with_return),
        count(o.homes)
    );
    d.text(1.0, 122.0, &homes, 12.0, Anchor::Start, MUTED);
    let alt = format!(
        "{} beds in all. {}. {homes}.",
        count(max as u64),
        words.join("; ")
    );
    d.finish(title, &alt)
}

/// The six wait buckets as a histogram, each bar labelled with its count.
/// `what` names what was counted, singular and plural (`placement started`,
/// `placements started`).
pub fn wait_histogram(title: &str, what: (&str, &str), b: &Buckets) -> Svg {
    let (w, h, top, base) = (380.0, 210.0, 22.0, 170.0);
    let mut d = Doc::new(title, w, h);
    let buckets = b.labelled();
    let max = buckets.iter().map(|(_, n)| *n).max().unwrap_or(0) as f64;
    let slot = (w - 20.0) / buckets.len() as f64;
    d.line(10.0, base, w - 10.0, base, INK, false);
    for (i, (label, n)) in buckets.iter().enumerate() {
        let x = 10.0 + slot * i as f64;
        let bh = if max > 0.0 {
            (base - top) * *n as f64 / max
        } else {
            0.0
        };
        d.rect(x + 6.0, base - bh, slot - 12.0, bh, BLUE);
        d.text(
            x + slot / 2.0,
            base - bh - 5.0,
            &count(*n),
            13.0,
            Anchor::Middle,
            INK,
        );
        d.text(
            x + slot / 2.0,
            base + 16.0,
            &bucket_axis(label),
            12.0,
            Anchor::Middle,
            INK,
        );
    }
    d.text(
        w / 2.0,
        base + 34.0,
        "Days waited",
        12.0,
        Anchor::Middle,
        MUTED,
    );
    let total: u64 = buckets.iter().map(|(_, n)| n).sum();
    let words: Vec<String> = buckets
        .iter()
        .map(|(label, n)| format!("{}: {}", bucket_words(label), count(*n)))
        .collect();
    let what = if total == 1 { what.0 } else { what.1 };
    let alt = format!("{} {what}. {}.", count(total), words.join("; "));
    d.finish(title, &alt)
}

/// A bucket's axis label: `0-1` → `0–1`, `>90` → `over 90`.
fn bucket_axis(label: &str) -> String {
    match label {
        ">90" => "over 90".to_string(),
        l => l.replace('-', "–"),
    }
}

/// A bucket in words for the text alternative.
pub fn bucket_words(label: &str) -> String {
    match label {
        ">90" => "more than 90 days".to_string(),
        "0-1" => "0 to 1 day".to_string(),
        "2" => "2 days".to_string(),
        l => format!("{} days", l.replace('-', " to ")),
    }
}

/// A count and its noun: `1 bed`, `2 beds`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}
