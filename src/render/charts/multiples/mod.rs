//! Small multiples: one small trend panel per place in a grid, every panel
//! on the same value scale and the same time axis, so panels compare at a
//! glance. Each panel draws its place's line over a reference line (the
//! network), the target level where there is one, and is headed by the
//! place's name; one title and one legend serve the whole grid. The panels
//! are trend plots: the time axis, series and target lines are drawn by the
//! trend chart's code.

use super::frame::{self, Coord, FrameSpec, Grid, Rect};
use super::legend::{self, Entry, Swatch};
use super::scale::{value_axis, TickAxis, Unit};
use super::style::{self, Dash, Marker, INK};
use super::svg::{self, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use super::text::{text_width, truncate};
use super::trend::{draw_series, period_axis, target_lines, Series, TimeAxis, TrendChart};
use super::TargetLine;

mod draw;
mod layout;
use draw::*;
use layout::*;

/// One panel: a heading and its lines (the panel's place first, then the
/// reference lines drawn beneath it).
#[derive(Debug, Clone)]
pub struct Panel {
    /// The heading above the panel and its `data-panel` attribute, e.g. "Aarhus".
    pub label: String,
    /// The place's line first; every panel's lines are styled alike.
    pub series: Vec<Series>,
}

/// A grid of small trend panels sharing one value scale.
#[derive(Debug, Clone)]
pub struct MultiplesChart {
    /// Unique prefix for element ids on the page.
    pub id: String,
    /// Visible title and accessible name.
    pub title: String,
    /// Accessible description: what the chart shows, in words.
    pub desc: String,
    /// Period labels, oldest first, shared by every panel.
    pub x_labels: Vec<String>,
    /// Where each period lies in time (its midpoint), increasing.
    pub x_positions: Vec<f64>,
    pub unit: Unit,
    /// The unit written over the panels ("pct.", "personer").
    pub axis_caption: Option<String>,
    pub panels: Vec<Panel>,
    /// A level target, drawn dashed in every panel and named in the legend.
    pub target: Option<TargetLine>,
    /// Legend text for each panel's own line, e.g. "Kommunen i feltet".
    pub own_label: String,
    /// Legend text for hollow (partial) points, shown when a panel has one.
    pub partial_label: String,
}

/// Renders small multiples as a standalone, scalable SVG string.
pub fn multiples(chart: &MultiplesChart) -> String {
    let panels: Vec<TrendChart> = chart.panels.iter().map(|p| panel_chart(chart, p)).collect();
    let time = TimeAxis::of(panels.first().map_or(&empty_panel(chart), |p| p));
    let y = shared_axis(chart);
    let grid = GridLayout::of(chart, &y);
    let entries = legend_entries(chart);
    let legend = legend::layout(&entries, MARGIN, f64::from(WIDTH) - 2.0 * MARGIN);
    let legend_top = grid.bottom() + 6.0;
    let height = (legend_top + legend.rows as f64 * legend::ROW + MARGIN).ceil() as u32;
    let doc = Doc {
        id: &chart.id,
        kind: "small-multiples",
        title: &chart.title,
        desc: &chart.desc,
        width: WIDTH,
        height,
    };
    let mut out = svg::open(&doc);
    if let Some(caption) = &chart.axis_caption {
        Text::new(MARGIN, TITLE_HEIGHT + 4.0, caption, FONT_TICK)
            .class("axis-caption")
            .write(&mut out);
    }
    for (i, (panel, trend)) in chart.panels.iter().zip(&panels).enumerate() {
        let rect = grid.rect(i);
        draw_panel(&mut out, panel, trend, &time, &y, rect, height);
    }
    legend::draw(&mut out, &entries, &legend, legend_top);
    out.push_str("</svg>");
    out
}
