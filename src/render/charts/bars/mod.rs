//! Benchmark bar charts: one horizontal bar per city, in the caller's order
//! (best to worst; a count by size), with the value at the end of each bar, the page's own
//! city highlighted, missing values explained in words, and labelled
//! vertical lines for the network value and the target.

use super::frame::{self, at, blank_axis, Coord, FrameSpec, Grid, Rect};
use super::scale::{value_axis, TickAxis, Unit};
use super::style::{self, Dash, Style, INK};
use super::svg::{self, escape, num, Anchor, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use super::text::{text_width, truncate};
use super::TargetLine;
use std::fmt::Write;

mod draw;
mod layout;
use draw::*;
pub(super) use draw::{axis_caption, value_frame};
pub(super) use layout::right_room;
use layout::*;

/// From this many bars on, rows and text get more compact.
const COMPACT_FROM: usize = 25;
/// Height of the row of reference-line labels above the plot.
const LINE_LABEL_ROW: f64 = 17.0;
/// Room below the plot for tick labels.
pub(super) const X_LABEL_AREA: u32 = 26;
/// Bold text is estimated this much wider than regular text.
const BOLD: f64 = 1.08;

/// One bar of a benchmark chart.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Category label, e.g. the city name.
    pub label: String,
    /// The value; `None` draws no bar but the `missing` text.
    pub value: Option<f64>,
    /// Shown instead of a missing bar, e.g. "dis." or "ikke indberettet".
    pub missing: String,
    /// Fill colour (dash and marker are not used by bars).
    pub style: Style,
    /// The page's own city: bold label, outline and full colour while the
    /// other bars are lighter, so it stands out without relying on colour.
    pub highlight: bool,
    /// A confidence interval, drawn as an error bar.
    pub interval: Option<(f64, f64)>,
}

impl Bar {
    /// The value to draw: a NaN or infinite value is shown as missing,
    /// never as a bar at some arbitrary length.
    fn shown(&self) -> Option<f64> {
        self.value.filter(|v| v.is_finite())
    }

    /// The interval to draw, if both ends are finite.
    fn shown_interval(&self) -> Option<(f64, f64)> {
        self.interval
            .filter(|(lo, hi)| lo.is_finite() && hi.is_finite())
    }
}

/// A horizontal bar chart comparing cities on one indicator and period.
#[derive(Debug, Clone)]
pub struct BarChart {
    /// Unique prefix for element ids on the page.
    pub id: String,
    /// Visible title and accessible name.
    pub title: String,
    /// Accessible description: what the chart shows, in words.
    pub desc: String,
    /// Formatting of values and axis.
    pub unit: Unit,
    /// The unit written under the value axis ("pct.", "personer").
    pub axis_caption: Option<String>,
    /// The bars, top to bottom, already sorted (best to worst; a count by size).
    pub bars: Vec<Bar>,
    /// The network value, drawn as a solid labelled line.
    pub reference: Option<TargetLine>,
    /// The target, drawn as a dashed labelled line.
    pub target: Option<TargetLine>,
}

/// Renders a benchmark bar chart; its height grows with the number of bars.
pub fn bars(chart: &BarChart) -> String {
    let axis = value_axis(values(chart), chart.unit);
    let lay = layout(chart, &axis);
    let (frame, coord) = value_frame(axis, lay.rect, lay.height);
    let doc = Doc {
        id: &chart.id,
        kind: "bars",
        title: &chart.title,
        desc: &chart.desc,
        width: WIDTH,
        height: lay.height,
    };
    let mut out = svg::open(&doc);
    out.push_str(&frame);
    out.push_str(r#"<g class="bars">"#);
    for (i, bar) in chart.bars.iter().enumerate() {
        draw_bar(&mut out, bar, dimmed(chart, bar), &coord, &lay, i);
    }
    out.push_str("</g>");
    reference_lines(&mut out, chart, &coord, &lay);
    out.push_str(r#"<g class="bar-labels">"#);
    for (i, bar) in chart.bars.iter().enumerate() {
        bar_texts(&mut out, bar, chart.unit, &coord, &lay, i);
    }
    out.push_str("</g>");
    if let Some(caption) = &chart.axis_caption {
        axis_caption(&mut out, caption, &lay.rect);
    }
    out.push_str("</svg>");
    out
}
