//! Trend charts: one line per series over time, with gaps for missing
//! values, optional error bars, a labelled target line and the straight
//! trajectory towards a target. Time is to scale: each period stands at its
//! midpoint, so a three-year gap looks three times as long as one year.

use super::frame::{self, at, Coord, FrameSpec, Grid, Rect};
use super::legend::{self, Entry, Swatch};
use super::lines::draw_series;
use super::scale::{value_axis, TickAxis, Unit};
use super::style::{self, Dash, Emphasis, Marker, Style, FAINT_COLOR, INK};
use super::svg::{self, Anchor, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use super::text::{text_width, truncate};
use super::TargetLine;

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

/// Renders a trend chart as a standalone, scalable SVG string.
pub fn trend(chart: &TrendChart) -> String {
    let time = TimeAxis::of(chart);
    let y = value_axis(all_values(chart), chart.unit);
    let rect = plot_rect(chart, &y, &time);
    let entries = legend_entries(chart);
    let legend = legend::layout(&entries, MARGIN, f64::from(WIDTH) - 2.0 * MARGIN);
    let legend_top = rect.bottom + X_LABEL_AREA;
    let height = legend_top + (legend.rows as f64 * legend::ROW) as u32 + MARGIN as u32;
    let decimals = y.decimals;
    let (frame, coord) = frame::draw(FrameSpec {
        size: (WIDTH, height),
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
        width: WIDTH,
        height,
    };
    let mut out = svg::open(&doc);
    out.push_str(&frame);
    if let Some(caption) = chart.unit.caption() {
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
    if let Some(t) = finite_target(chart) {
        target_label(&mut out, &t.label, at(&coord, 0.0, t.value).1, &rect);
    }
    legend::draw(&mut out, &entries, &legend, f64::from(legend_top));
    out.push_str("</svg>");
    out
}

/// The chart's periods on a time axis to scale.
pub(super) struct TimeAxis {
    /// The x of each period (label), increasing.
    pub xs: Vec<f64>,
    /// The usual distance between consecutive periods (the most common one).
    step: f64,
}

impl TimeAxis {
    /// The periods' positions, or evenly spaced when the chart gives none.
    fn of(chart: &TrendChart) -> TimeAxis {
        let xs: Vec<f64> = if chart.x_positions.len() == chart.x_labels.len() {
            chart.x_positions.clone()
        } else {
            (0..chart.x_labels.len()).map(|i| i as f64).collect()
        };
        let mut steps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        steps.sort_by(f64::total_cmp);
        // The most common step (runs of equal values in sorted order); the smallest on a tie.
        let mut step: Option<&[f64]> = None;
        for run in steps.chunk_by(|a, b| (a - b).abs() < 1e-9) {
            if step.is_none_or(|s| run.len() > s.len()) {
                step = Some(run);
            }
        }
        let step = step.map_or(1.0, |run| run[0]);
        TimeAxis { xs, step }
    }

    /// Whether the line may join two consecutive points: not across more than
    /// one and a half usual steps (a yearly series from 2010 to 2013 is a gap).
    pub fn joins(&self, i: usize, j: usize) -> bool {
        self.xs[j] - self.xs[i] <= 1.5 * self.step + 1e-9
    }

    /// The period standing at `x`, if any.
    fn index_at(&self, x: f64) -> Option<usize> {
        self.xs.iter().position(|p| (p - x).abs() < 1e-6)
    }

    fn span(&self) -> (f64, f64) {
        match (self.xs.first(), self.xs.last()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0.0, 0.0),
        }
    }

    /// Space (in x units) between the plot edges and the first/last period:
    /// half a usual step, at most `EDGE_PAD` pixels of a plot `width` wide.
    fn pad(&self, width: f64) -> f64 {
        let (first, last) = self.span();
        let span = last - first;
        if span <= 0.0 {
            // A single period stands in the middle.
            return 1.0;
        }
        let half = self.step / 2.0;
        if half * width / (span + self.step) <= EDGE_PAD {
            half
        } else {
            EDGE_PAD * span / (width - 2.0 * EDGE_PAD)
        }
    }

    /// The pad in pixels of a plot `width` wide.
    fn pad_px(&self, width: f64) -> f64 {
        let (first, last) = self.span();
        let pad = self.pad(width);
        pad * width / (last - first + 2.0 * pad)
    }
}

/// Every value the value axis must show.
fn all_values(chart: &TrendChart) -> impl Iterator<Item = f64> + '_ {
    let points = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().flatten().copied());
    let intervals = chart
        .series
        .iter()
        .flat_map(|s| s.intervals.iter().flatten().flat_map(|&(lo, hi)| [lo, hi]));
    let target = chart.target.iter().map(|t| t.value);
    let traj = chart.trajectory.iter().flat_map(|t| [t.from.1, t.to.1]);
    points.chain(intervals).chain(target).chain(traj)
}

/// The plotting area: room for tick labels on the left, the axis caption
/// above, and on the right whatever of the last period label sticks out
/// beyond the padding after the last period.
fn plot_rect(chart: &TrendChart, y: &TickAxis, time: &TimeAxis) -> Rect {
    let tick_w = y
        .ticks
        .iter()
        .map(|t| text_width(&crate::format::decimal(*t, y.decimals), FONT_TICK))
        .fold(0.0, f64::max);
    let half_last = chart
        .x_labels
        .last()
        .map_or(0.0, |l| text_width(l, FONT_TICK) / 2.0);
    let left = (MARGIN + tick_w + 12.0).ceil();
    // A lower bound of the plot width, so the real padding is at least this.
    let pad = time.pad_px(f64::from(WIDTH) - left - MARGIN - half_last);
    let top = TITLE_HEIGHT
        + if chart.unit.caption().is_some() {
            26.0
        } else {
            12.0
        };
    Rect {
        left: left as u32,
        top: top as u32,
        right: WIDTH - (MARGIN + half_last - pad).max(MARGIN + 8.0).ceil() as u32,
        bottom: top as u32 + PLOT_HEIGHT,
    }
}

/// The period axis, to scale. Periods are labelled from the latest back,
/// each label kept only where it does not crowd the one after it.
fn period_axis(chart: &TrendChart, time: &TimeAxis, rect: &Rect) -> TickAxis {
    let plot_w = f64::from(rect.right - rect.left);
    let pad = time.pad(plot_w);
    let (first, last) = time.span();
    let (lo, hi) = (first - pad, last + pad);
    let px = |x: f64| (x - lo) / (hi - lo) * plot_w;
    let width = |i: usize| text_width(&chart.x_labels[i], FONT_TICK);
    let mut ticks = Vec::new();
    let mut kept: Option<usize> = None;
    for i in (0..time.xs.len()).rev() {
        let room = |k: usize| px(time.xs[k]) - px(time.xs[i]) >= (width(k) + width(i)) / 2.0 + 16.0;
        if kept.is_none_or(room) {
            ticks.push(time.xs[i]);
            kept = Some(i);
        }
    }
    ticks.reverse();
    TickAxis {
        lo,
        hi,
        ticks,
        decimals: 0,
    }
}

/// The target, unless its value is NaN or infinite (then it is not drawn).
fn finite_target(chart: &TrendChart) -> Option<&TargetLine> {
    chart.target.as_ref().filter(|t| t.value.is_finite())
}

/// The dashed target line and the dotted trajectory, beneath the series.
fn target_lines(out: &mut String, chart: &TrendChart, time: &TimeAxis, coord: &Coord, rect: &Rect) {
    if let Some(t) = finite_target(chart) {
        let y = at(coord, 0.0, t.value).1;
        let (left, right) = (f64::from(rect.left), f64::from(rect.right));
        svg::line(
            out,
            "target",
            (left, y),
            (right, y),
            &style::stroke_attrs(INK, 1.5, Dash::Dashed),
        );
    }
    let finite = |t: &&Trajectory| t.from.1.is_finite() && t.to.1.is_finite();
    let x = |i: usize| time.xs.get(i).copied();
    if let Some(t) = chart.trajectory.as_ref().filter(finite) {
        let (Some(x0), Some(x1)) = (x(t.from.0), x(t.to.0)) else {
            return;
        };
        let from = at(coord, x0, t.from.1);
        let to = at(coord, x1, t.to.1);
        svg::line(
            out,
            "trajectory",
            from,
            to,
            &style::stroke_attrs(INK, 1.5, Dash::Dotted),
        );
    }
}

/// The target's label at the right end of its line: above it, or below it
/// when the line runs along the top of the plot.
fn target_label(out: &mut String, label: &str, y: f64, rect: &Rect) {
    let text = truncate(label, FONT_LABEL, f64::from(rect.right - rect.left) - 8.0);
    let above = y - 5.0 - FONT_LABEL >= f64::from(rect.top);
    let y = if above { y - 5.0 } else { y + FONT_LABEL + 3.0 };
    Text::new(f64::from(rect.right) - 4.0, y, &text, FONT_LABEL)
        .anchor(Anchor::End)
        .halo()
        .class("target-label")
        .write(out);
}

/// Legend: every non-faint series in the given order (Strong in bold), one
/// entry for all faint ones, then the trajectory.
fn legend_entries(chart: &TrendChart) -> Vec<Entry> {
    let line = |color: &str, width, dash, marker, radius| Swatch::Line {
        color: color.to_string(),
        width,
        dash,
        marker,
        radius,
    };
    let mut entries: Vec<Entry> = chart
        .series
        .iter()
        .filter(|s| s.emphasis != Emphasis::Faint)
        .map(|s| {
            let (width, radius) = style::weight(s.emphasis);
            let swatch = line(&s.style.color, width, s.style.dash, s.style.marker, radius);
            Entry {
                swatch,
                label: s.label.clone(),
                bold: s.emphasis == Emphasis::Strong,
            }
        })
        .collect();
    if chart.series.iter().any(|s| s.emphasis == Emphasis::Faint) {
        let swatch = line(FAINT_COLOR, 1.5, Dash::Solid, Marker::None, 0.0);
        entries.push(Entry {
            swatch,
            label: chart.context_label.clone(),
            bold: false,
        });
    }
    if let Some(s) = chart.series.iter().find(|s| !s.partial.is_empty()) {
        let marker = if s.emphasis == Emphasis::Faint {
            Marker::None
        } else {
            s.style.marker
        };
        entries.push(Entry {
            swatch: Swatch::Hollow {
                color: INK.to_string(),
                marker,
                radius: style::weight(Emphasis::Normal).1,
            },
            label: chart.partial_label.clone(),
            bold: false,
        });
    }
    if let Some(t) = &chart.trajectory {
        let swatch = line(INK, 1.5, Dash::Dotted, Marker::None, 0.0);
        entries.push(Entry {
            swatch,
            label: t.label.clone(),
            bold: false,
        });
    }
    entries
}
