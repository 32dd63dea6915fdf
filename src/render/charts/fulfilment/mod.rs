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

mod draw;
mod layout;
use draw::*;
use layout::*;

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
