//! The legend drawn below a plot: entries flow left to right and wrap onto
//! new rows, so long city names fit and the chart grows in height instead
//! of overflowing.

use super::style::{self, Dash, Marker};
use super::svg::{self, num, Text, FONT_LABEL};
use super::text::{text_width, truncate};
use std::fmt::Write;

/// Width of the line sample in front of each label.
const SAMPLE: f64 = 26.0;
/// Gap between sample and label, and after each entry.
const GAP: f64 = 6.0;
const ENTRY_GAP: f64 = 18.0;
/// Height of one legend row.
pub(super) const ROW: f64 = 20.0;
/// No single label may take more than this share of the width.
const MAX_LABEL_SHARE: f64 = 0.6;

/// What the sample in front of a legend label looks like.
#[derive(Debug, Clone)]
pub(super) enum Swatch {
    /// A line segment with a marker in its middle.
    Line {
        color: String,
        width: f64,
        dash: Dash,
        marker: Marker,
        radius: f64,
    },
    /// A marker drawn hollow, without a line (a partial point).
    Hollow {
        color: String,
        marker: Marker,
        radius: f64,
    },
    /// A filled box, optionally with an SVG `fill` other than its colour
    /// (a hatch pattern).
    Box { fill: String, outline: String },
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub swatch: Swatch,
    pub label: String,
    pub bold: bool,
}

/// Entries placed on rows: `(x, row index, label as shown)`.
pub(super) struct Layout {
    placed: Vec<(f64, usize, String)>,
    /// Number of rows; 0 when there are no entries.
    pub rows: usize,
}

/// Flows `entries` into rows no wider than `width`, starting at `left`.
pub(super) fn layout(entries: &[Entry], left: f64, width: f64) -> Layout {
    let mut placed = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (left, 0);
    for entry in entries {
        let label = truncate(&entry.label, FONT_LABEL, width * MAX_LABEL_SHARE);
        let w = SAMPLE + GAP + text_width(&label, FONT_LABEL);
        if x > left && x + w > left + width {
            x = left;
            row += 1;
        }
        placed.push((x, row, label));
        x += w + ENTRY_GAP;
    }
    let rows = if entries.is_empty() { 0 } else { row + 1 };
    Layout { placed, rows }
}

/// Writes the laid-out legend with its first row's centre line at `top + ROW/2`.
pub(super) fn draw(out: &mut String, entries: &[Entry], layout: &Layout, top: f64) {
    out.push_str(r#"<g class="legend">"#);
    for (entry, (x, row, label)) in entries.iter().zip(&layout.placed) {
        let y = top + ROW * (*row as f64 + 0.5);
        swatch(out, &entry.swatch, *x, y);
        Text::new(x + SAMPLE + GAP, y + FONT_LABEL * 0.36, label, FONT_LABEL)
            .bold(entry.bold)
            .write(out);
    }
    out.push_str("</g>");
}

fn swatch(out: &mut String, swatch: &Swatch, x: f64, y: f64) {
    match swatch {
        Swatch::Line {
            color,
            width,
            dash,
            marker,
            radius,
        } => {
            let stroke = style::stroke_attrs(color, *width, *dash);
            svg::line(out, "sample", (x, y), (x + SAMPLE, y), &stroke);
            if *marker != Marker::None {
                style::marker(out, *marker, color, (x + SAMPLE / 2.0, y), *radius);
            }
        }
        Swatch::Hollow {
            color,
            marker,
            radius,
        } => style::hollow_marker(out, *marker, color, (x + SAMPLE / 2.0, y), *radius),
        Swatch::Box { fill, outline } => {
            let (x, y, w) = (num(x + 4.0), num(y - 6.0), num(SAMPLE - 8.0));
            let _ = write!(
                out,
                r#"<rect x="{x}" y="{y}" width="{w}" height="12" fill="{fill}" stroke="{outline}"/>"#
            );
        }
    }
}
