//! Trend charts: one line per series over time, with gaps for missing
//! values, optional error bars, a labelled target line and the straight
//! trajectory towards a target. Time is to scale: each period stands at its
//! midpoint, so a three-year gap looks three times as long as one year.

use super::frame::{self, at, Coord, FrameSpec, Grid, Rect};
use super::legend::{self, Entry, Swatch};
use super::scale::{value_axis, TickAxis, Unit};
use super::style::{self, Dash, Emphasis, Marker, Style, FAINT_COLOR, INK};
use super::svg::{self, Anchor, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use super::text::{text_width, truncate};
use super::TargetLine;

mod draw;
mod layout;
use draw::*;
use layout::*;

const PLOT_HEIGHT: u32 = 260;
/// Space below the plot for the period labels.
const X_LABEL_AREA: u32 = 30;
/// Largest gap between the plot edge and the first/last period.
const EDGE_PAD: f64 = 24.0;

/// One line of a trend chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend text and `data-series` attribute, e.g. "Aarhus".
    pub label: String,
    /// Colour, dash and marker (ignored for `Emphasis::Faint`).
    pub style: Style,
    /// How much the line stands out.
    pub emphasis: Emphasis,
    /// One value per x label; `None` leaves a gap (never interpolated).
    pub points: Vec<Option<f64>>,
    /// Indices of points that cover fewer places than the rest of the line
    /// (an aggregate without all its cities): drawn hollow, unconnected and
    /// without an error bar.
    pub partial: Vec<usize>,
    /// Empty, or one confidence interval per point, drawn as error bars.
    pub intervals: Vec<Option<(f64, f64)>>,
    /// Indices of points after a break in the series (databrud): the line is
    /// not drawn into them from the point before.
    pub breaks: Vec<usize>,
}

/// The straight path towards a target, e.g. from the 2013 baseline to the
/// 2020 goal. `x` values are indices into the chart's `x_labels`.
#[derive(Debug, Clone)]
pub struct Trajectory {
    /// Start: (period index, value).
    pub from: (usize, f64),
    /// End: (period index, value).
    pub to: (usize, f64),
    /// Legend text, e.g. "Fald på 25 pct. fra 2013".
    pub label: String,
}

/// A line chart of an indicator over time.
#[derive(Debug, Clone)]
pub struct TrendChart {
    /// Unique prefix for element ids on the page, e.g. "chart-ung-kriminalitet-trend".
    pub id: String,
    /// Visible title and accessible name.
    pub title: String,
    /// Accessible description: what the chart shows, in words.
    pub desc: String,
    /// Period labels, oldest first, e.g. "2014" or "4. kv. 2018".
    pub x_labels: Vec<String>,
    /// Where each label's period lies in time (its midpoint, in any unit such
    /// as months), increasing; parallel to `x_labels`.
    pub x_positions: Vec<f64>,
    /// Formatting of the value axis.
    pub unit: Unit,
    /// The unit written over the value axis ("pct.", "personer").
    pub axis_caption: Option<String>,
    /// The lines; drawn Faint first, Strong last (on top).
    pub series: Vec<Series>,
    /// A level target, drawn as a dashed horizontal line with its label.
    pub target: Option<TargetLine>,
    /// The path of a relative target, drawn dotted and listed in the legend.
    pub trajectory: Option<Trajectory>,
    /// Legend text standing for all Faint series, e.g. "Øvrige kommuner".
    pub context_label: String,
    /// Legend text for hollow (partial) points, shown when a series has one.
    pub partial_label: String,
}

/// The size and furniture of a trend chart.
#[derive(Debug, Clone, Copy)]
pub(super) struct Size {
    pub width: u32,
    pub plot_height: u32,
    /// Small: the series are labelled at their line ends instead of in a
    /// legend, no trajectory is drawn (it would need a legend entry).
    pub small: bool,
}

const FULL: Size = Size {
    width: WIDTH,
    plot_height: PLOT_HEIGHT,
    small: false,
};

/// Renders a trend chart as a standalone, scalable SVG string.
pub fn trend(chart: &TrendChart) -> String {
    draw_trend(chart, FULL)
}

/// A small trend chart for a panel of a short handout: 240 units wide (so
/// its text prints at a readable size in a third of a page's width), a
/// short plot, no visible title (the page says it), and each series — and
/// the target line — named at its line's end, read in greyscale without a
/// legend. Meant for a few series (a city, the network, the country);
/// error bars are the caller's choice.
pub fn trend_small(chart: &TrendChart) -> String {
    let mut chart = chart.clone();
    chart.trajectory = None;
    draw_trend(
        &chart,
        Size {
            width: WIDTH * 3 / 8,
            plot_height: 72,
            small: true,
        },
    )
}

fn draw_trend(chart: &TrendChart, size: Size) -> String {
    let time = TimeAxis::of(chart);
    let mut y = value_axis(all_values(chart), chart.unit);
    if size.small && y.ticks.len() > 4 {
        // A short plot: every second (or third) tick, keeping the first.
        let every = y.ticks.len().div_ceil(4);
        y.ticks = y.ticks.iter().copied().step_by(every).collect();
    }
    let rect = plot_rect(chart, &y, &time, size);
    let entries = if size.small {
        Vec::new()
    } else {
        legend_entries(chart)
    };
    let legend = legend::layout(&entries, MARGIN, f64::from(size.width) - 2.0 * MARGIN);
    let legend_top = rect.bottom + X_LABEL_AREA;
    let height = legend_top + (legend.rows as f64 * legend::ROW) as u32 + MARGIN as u32;
    let decimals = y.decimals;
    let (frame, coord) = frame::draw(FrameSpec {
        size: (size.width, height),
        rect,
        x: period_axis(chart, &time, &rect),
        y,
        grid: Grid::Horizontal,
        x_label: &|v| {
            time.index_at(*v)
                .and_then(|i| chart.x_labels.get(i).cloned())
                .unwrap_or_default()
        },
        y_label: &|v| crate::format::decimal(*v, decimals),
    });
    let doc = Doc {
        id: &chart.id,
        kind: "trend",
        title: &chart.title,
        desc: &chart.desc,
        width: size.width,
        height,
    };
    let mut out = if size.small {
        svg::open_untitled(&doc)
    } else {
        svg::open(&doc)
    };
    out.push_str(&frame);
    if let Some(caption) = &chart.axis_caption {
        let y = f64::from(rect.top) - 12.0;
        Text::new(MARGIN, y, caption, FONT_TICK)
            .class("axis-caption")
            .write(&mut out);
    }
    target_lines(&mut out, chart, &time, &coord, &rect);
    for emphasis in [Emphasis::Faint, Emphasis::Normal, Emphasis::Strong] {
        for s in chart.series.iter().filter(|s| s.emphasis == emphasis) {
            draw_series(&mut out, s, &coord, &time);
        }
    }
    if let Some(t) = finite_target(chart).filter(|_| !size.small) {
        target_label(&mut out, &t.label, at(&coord, 0.0, t.value).1, &rect);
    }
    if size.small {
        end_labels(&mut out, chart, &coord, &time, &rect);
    }
    legend::draw(&mut out, &entries, &legend, f64::from(legend_top));
    out.push_str("</svg>");
    out
}
