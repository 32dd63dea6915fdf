//! The fact sheets' goal-fulfilment chart (seed 003, "Andel opfyldte /
//! uopfyldte mål"): per goal type a pair of horizontal bars, fulfilled and
//! unfulfilled share, told apart by lightness and a hatch as well as colour.

use super::bars::{axis_caption, right_room, value_frame, X_LABEL_AREA};
use super::frame::{at, Coord, Rect};
use super::legend::{self, Entry, Swatch};
use super::scale::{value_axis, Unit};
use super::svg::{self, escape, num, Anchor, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use super::text::{text_width, truncate};
use std::fmt::Write;

const BAR: f64 = 15.0;
const PAIR_GAP: f64 = 3.0;
/// Height of one goal type: two bars and the space after them.
const GROUP: f64 = 2.0 * BAR + PAIR_GAP + 16.0;
const FULFILLED: &str = "#0072b2";
const UNFULFILLED: &str = "#e69f00";
const HATCH: &str = "#7a4a00";
const OUTLINE: &str = "#333333";

/// One goal type with its shares of fulfilled and unfulfilled goals (pct.).
#[derive(Debug, Clone)]
pub struct FulfilmentRow {
    /// Goal type, e.g. "Progressionsmål".
    pub label: String,
    /// Share of goals fulfilled, in pct.
    pub fulfilled: Option<f64>,
    /// Share of goals not fulfilled, in pct.
    pub unfulfilled: Option<f64>,
}

/// Fulfilled / unfulfilled shares by goal type.
#[derive(Debug, Clone)]
pub struct FulfilmentChart {
    /// Unique prefix for element ids on the page.
    pub id: String,
    /// Visible title and accessible name.
    pub title: String,
    /// Accessible description: what the chart shows, in words.
    pub desc: String,
    /// Goal types, top to bottom.
    pub rows: Vec<FulfilmentRow>,
    /// Legend text of the fulfilled bars, e.g. "Andel opfyldte mål".
    pub fulfilled_label: String,
    /// Legend text of the unfulfilled bars, e.g. "Andel uopfyldte mål".
    pub unfulfilled_label: String,
    /// Shown instead of a missing bar, e.g. "dis.".
    pub missing: String,
}

/// Renders the fulfilment chart as a standalone, scalable SVG string.
pub fn fulfilment(chart: &FulfilmentChart) -> String {
    let values: Vec<f64> = chart
        .rows
        .iter()
        .flat_map(|r| [r.fulfilled, r.unfulfilled])
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    // Whole percentages (as on the seed's fact sheet) are shown without decimals.
    let decimals = usize::from(values.iter().any(|v| v.fract() != 0.0));
    let axis = value_axis(values.iter().copied(), Unit::Pct);
    let value_w = values
        .iter()
        .map(|v| text_width(&crate::format::decimal(*v, decimals), FONT_LABEL))
        .fold(0.0, f64::max);
    let rect = plot_rect(chart, right_room(&axis, value_w));
    let entries = legend_entries(chart);
    let (left, width) = (f64::from(rect.left), f64::from(WIDTH - rect.left) - MARGIN);
    let legend = legend::layout(&entries, left, width);
    let legend_top = rect.bottom + X_LABEL_AREA + FONT_TICK as u32 + 6;
    let height = legend_top + (legend.rows as f64 * legend::ROW) as u32 + MARGIN as u32;
    let (frame, coord) = value_frame(axis, rect, height);
    let (id, title, desc) = (&chart.id, &chart.title, &chart.desc);
    let mut out = svg::open(&Doc {
        id,
        kind: "fulfilment",
        title,
        desc,
        width: WIDTH,
        height,
    });
    hatch_pattern(&mut out, chart);
    out.push_str(&frame);
    for (i, row) in chart.rows.iter().enumerate() {
        let row_top = f64::from(rect.top) + GROUP * i as f64 + 8.0;
        draw_row(&mut out, chart, row, row_top, &coord, decimals, left - 10.0);
    }
    axis_caption(&mut out, "pct.", &rect);
    legend::draw(&mut out, &entries, &legend, f64::from(legend_top));
    out.push_str("</svg>");
    out
}

/// The plotting area: goal-type labels on the left (at most a third of the
/// width), `right_room` for value labels on the right, one group per row.
fn plot_rect(chart: &FulfilmentChart, right_room: u32) -> Rect {
    let label_w = chart
        .rows
        .iter()
        .map(|r| text_width(&r.label, FONT_LABEL))
        .fold(0.0, f64::max)
        .min(f64::from(WIDTH) * 0.34);
    let top = TITLE_HEIGHT + 10.0;
    Rect {
        left: (MARGIN + label_w + 10.0).ceil() as u32,
        top: top as u32,
        right: WIDTH - MARGIN as u32 - right_room,
        bottom: (top + GROUP * chart.rows.len().max(1) as f64).ceil() as u32,
    }
}

/// The id of this chart's hatch pattern, unique on the page like the chart id.
fn hatch_id(chart: &FulfilmentChart) -> String {
    format!("{}-hatch", escape(&chart.id))
}

/// Diagonal dark lines over the unfulfilled colour, so the two bars differ
/// in texture, not only in colour, when printed in black and white.
fn hatch_pattern(out: &mut String, chart: &FulfilmentChart) {
    let _ = write!(
        out,
        r#"<defs><pattern id="{}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="{UNFULFILLED}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{HATCH}" stroke-width="1.5"/></pattern></defs>"#,
        hatch_id(chart)
    );
}

/// One goal type: its label, then the fulfilled and unfulfilled bars with
/// their values (or the `missing` text), in a `<g data-series>` group.
fn draw_row(
    out: &mut String,
    chart: &FulfilmentChart,
    row: &FulfilmentRow,
    top: f64,
    coord: &Coord,
    decimals: usize,
    label_right: f64,
) {
    let _ = write!(
        out,
        r#"<g class="goal-type" data-series="{}">"#,
        escape(&row.label)
    );
    let label = truncate(&row.label, FONT_LABEL, label_right - MARGIN);
    let mid = top + BAR + PAIR_GAP / 2.0;
    Text::new(label_right, mid + FONT_LABEL * 0.36, &label, FONT_LABEL)
        .anchor(Anchor::End)
        .write(out);
    let hatch = format!("url(#{})", hatch_id(chart));
    let pair = [
        (row.fulfilled, FULFILLED, "fulfilled"),
        (row.unfulfilled, hatch.as_str(), "unfulfilled"),
    ];
    let x0 = at(coord, 0.0, 0.0).0;
    for (k, (value, fill, class)) in pair.into_iter().enumerate() {
        let y = top + k as f64 * (BAR + PAIR_GAP);
        let text =
            |x, text| Text::new(x, y + BAR / 2.0 + FONT_LABEL * 0.36, text, FONT_LABEL).halo();
        let Some(v) = value.filter(|v| v.is_finite()) else {
            text(x0 + 4.0, &chart.missing)
                .italic()
                .class("bar-missing")
                .write(out);
            continue;
        };
        let x1 = at(coord, v, 0.0).0;
        let (x, y, w) = (num(x0), num(y), num(x1 - x0));
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{x}" y="{y}" width="{w}" height="{BAR}" fill="{fill}" stroke="{OUTLINE}" stroke-width="0.8"/>"#
        );
        text(x1 + 4.0, &crate::format::decimal(v, decimals))
            .class("bar-value")
            .write(out);
    }
    out.push_str("</g>");
}

fn legend_entries(chart: &FulfilmentChart) -> Vec<Entry> {
    let entry = |fill: String, label: &str| Entry {
        swatch: Swatch::Box {
            fill,
            outline: OUTLINE.to_string(),
        },
        label: label.to_string(),
        bold: false,
    };
    vec![
        entry(FULFILLED.to_string(), &chart.fulfilled_label),
        entry(
            format!("url(#{})", hatch_id(chart)),
            &chart.unfulfilled_label,
        ),
    ]
}
