//! A very small SVG writer: shapes and text into a string, then one root
//! element that carries the accessible name, `<title>` and `<desc>`.
//!
//! Coordinates are written with one decimal so output is stable across
//! platforms (and snapshots stay readable).

use std::fmt::Write;

/// Text and lines: GOV.UK black; contrast 19:1 on white.
pub const INK: &str = "#0b0c0c";
/// Secondary text: GOV.UK dark grey; contrast 7:1 on white.
pub const MUTED: &str = "#505a5f";
/// Gridlines (decorative only; no meaning rests on them).
pub const GRID: &str = "#b1b4b6";
/// The main series: GOV.UK blue; contrast 5.2:1 on white.
pub const BLUE: &str = "#1d70b8";
/// A second series: GOV.UK dark blue; contrast 12:1 on white.
pub const DARK_BLUE: &str = "#003078";
/// Positive: GOV.UK green; contrast 5.9:1 on white.
pub const GREEN: &str = "#00703c";
/// Negative: GOV.UK red; contrast 4.5:1 on white.
pub const RED: &str = "#d4351c";
/// Caution: GOV.UK orange, only ever with a dark outline and hatching.
pub const ORANGE: &str = "#f47738";
/// No meaning: GOV.UK light grey, only ever with a dark outline and dots.
pub const LIGHT: &str = "#f3f2f1";

/// Fonts the reader already has: no web fonts are ever loaded.
pub const FONT: &str = "Arial, Helvetica, sans-serif";

/// XML-escapes text for element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A lower-case slug for IDs: letters and digits, runs of others as `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Roughly how wide text is at a size: Arial averages about 0.55 em a
/// character. Only used to leave room for labels, never to clip them.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.55
}

/// Text anchoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A drawing being built.
#[derive(Debug)]
pub struct Doc {
    width: f64,
    height: f64,
    id: String,
    defs: String,
    body: String,
}

impl Doc {
    /// A blank drawing; `id` prefixes every ID inside it, so several charts can
    /// share one page.
    pub fn new(id: &str, width: f64, height: f64) -> Self {
        Self {
            width,
            height,
            id: slug(id),
            defs: String::new(),
            body: String::new(),
        }
    }

    /// The ID of a pattern defined in this drawing.
    pub fn pattern_id(&self, name: &str) -> String {
        format!("{}-{}", self.id, slug(name))
    }

    /// Defines a hatching pattern (`diagonal`, `cross` or `dots`) over a
    /// background colour, and returns the `fill` value that uses it.
    pub fn pattern(&mut self, name: &str, kind: &str, background: &str) -> String {
        let id = self.pattern_id(name);
        let marks = match kind {
            "diagonal" => format!(
                r#"<path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="{INK}" stroke-width="1.5"/>"#
            ),
            "cross" => format!(r#"<path d="M0 0L8 8M8 0L0 8" stroke="{INK}" stroke-width="1.5"/>"#),
            _ => format!(r#"<circle cx="4" cy="4" r="1.3" fill="{INK}"/>"#),
        };
        let _ = write!(
            self.defs,
            r#"<pattern id="{id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{background}"/>{marks}</pattern>"#
        );
        format!("url(#{id})")
    }

    /// A rectangle with a dark outline, so its edge contrasts whatever the fill.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="{INK}" stroke-width="1"/>"#,
            w.max(0.0),
            h.max(0.0)
        );
    }

    /// A line.
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, colour: &str, dash: bool) {
        let dash = if dash {
            r#" stroke-dasharray="4 3""#
        } else {
            ""
        };
        let _ = write!(
            self.body,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{colour}" stroke-width="1"{dash}/>"#
        );
    }

    /// A polyline through points, optionally dashed; nothing for fewer than two.
    pub fn polyline(&mut self, points: &[(f64, f64)], colour: &str, width: f64, dash: bool) {
        if points.len() < 2 {
            return;
        }
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let dash = if dash {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width:.1}"{dash}/>"#,
            pts.join(" ")
        );
    }

    /// A point marker: a circle, or a square when `square` (so series differ by
    /// shape as well as colour).
    pub fn marker(&mut self, x: f64, y: f64, colour: &str, square: bool) {
        if square {
            let _ = write!(
                self.body,
                r#"<rect x="{:.1}" y="{:.1}" width="7" height="7" fill="{colour}"/>"#,
                x - 3.5,
                y - 3.5
            );
        } else {
            let _ = write!(
                self.body,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"/>"#
            );
        }
    }

    /// Text in the given size and colour.
    pub fn text(&mut self, x: f64, y: f64, s: &str, size: f64, anchor: Anchor, colour: &str) {
        let anchor = match anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.0}" text-anchor="{anchor}" fill="{colour}">{}</text>"#,
            esc(s)
        );
    }

    /// Bold text, for labels that sit on a shape: a white halo keeps them
    /// legible on any fill or hatching.
    pub fn label(&mut self, x: f64, y: f64, s: &str, size: f64, anchor: Anchor) {
        let anchor = match anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(
            self.body,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="{size:.0}" font-weight="bold" text-anchor="{anchor}" fill="{INK}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            esc(s)
        );
    }

    /// The finished chart: `role="img"`, named by its title, described by its
    /// text alternative.
    pub fn finish(self, title: &str, alt: &str) -> super::Svg {
        let defs = if self.defs.is_empty() {
            String::new()
        } else {
            format!("<defs>{}</defs>", self.defs)
        };
        let svg = format!(
            r#"<svg class="chart" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="{FONT}"><title id="{id}-title">{t}</title><desc id="{id}-desc">{a}</desc>{defs}{body}</svg>"#,
            w = self.width,
            h = self.height,
            id = self.id,
            t = esc(title),
            a = esc(alt),
            body = self.body,
        );
        super::Svg {
            svg,
            alt: alt.to_string(),
            title: title.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_so_labels_cannot_break_the_markup() {
        assert_eq!(esc(r#"<a & "b">"#), "&lt;a &amp; &quot;b&quot;&gt;");
    }

    #[test]
    fn slugs_keep_letters_and_digits_only() {
        assert_eq!(
            slug("Waits: Residential homes (>90)"),
            "waits-residential-homes-90"
        );
    }

    #[test]
    fn a_finished_chart_names_and_describes_itself() {
        let mut d = Doc::new("Test chart", 100.0, 50.0);
        d.rect(0.0, 0.0, 10.0, 10.0, BLUE);
        let s = d.finish("A title", "Some words");
        assert!(s.svg.starts_with("<svg "));
        assert!(s.svg.contains(r#"role="img""#));
        assert!(
            s.svg
                .contains(r#"<title id="test-chart-title">A title</title>"#)
        );
        assert!(
            s.svg
                .contains("<desc id=\"test-chart-desc\">Some words</desc>")
        );
        assert!(
            !s.svg.contains("http"),
            "no namespace URL: the SVG is inline"
        );
    }
}
