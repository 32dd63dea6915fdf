//! Laying out a trend chart: the time axis to scale, the plot area, the
//! period labels and the legend.

use super::*;

/// The chart's periods on a time axis to scale.
pub(super) struct TimeAxis {
    /// The x of each period (label), increasing.
    pub xs: Vec<f64>,
    /// The usual distance between consecutive periods (the most common one).
    step: f64,
}

impl TimeAxis {
    /// The periods' positions, or evenly spaced when the chart gives none.
    pub(super) fn of(chart: &TrendChart) -> TimeAxis {
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
    pub(super) fn index_at(&self, x: f64) -> Option<usize> {
        self.xs.iter().position(|p| (p - x).abs() < 1e-6)
    }

    pub(super) fn span(&self) -> (f64, f64) {
        match (self.xs.first(), self.xs.last()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0.0, 0.0),
        }
    }

    /// Space (in x units) between the plot edges and the first/last period:
    /// half a usual step, at most `EDGE_PAD` pixels of a plot `width` wide.
    pub(super) fn pad(&self, width: f64) -> f64 {
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
    pub(super) fn pad_px(&self, width: f64) -> f64 {
        let (first, last) = self.span();
        let pad = self.pad(width);
        pad * width / (last - first + 2.0 * pad)
    }
}

/// Every value the value axis must show.
pub(super) fn all_values(chart: &TrendChart) -> impl Iterator<Item = f64> + '_ {
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
pub(super) fn plot_rect(chart: &TrendChart, y: &TickAxis, time: &TimeAxis, size: Size) -> Rect {
    let width = size.width;
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
    // A small chart names its lines at their ends, right of the plot.
    let labels = if size.small {
        end_label_width(chart) + 10.0
    } else {
        0.0
    };
    let pad = time.pad_px(f64::from(width) - left - MARGIN - half_last - labels);
    let title = if size.small { 0.0 } else { TITLE_HEIGHT };
    let top = title
        + if chart.axis_caption.is_some() {
            26.0
        } else {
            12.0
        };
    Rect {
        left: left as u32,
        top: top as u32,
        right: width - ((MARGIN + half_last - pad).max(MARGIN + 8.0) + labels).ceil() as u32,
        bottom: top as u32 + size.plot_height,
    }
}

/// The period axis, to scale. Periods are labelled from the latest back,
/// each label kept only where it does not crowd the one after it.
pub(super) fn period_axis(chart: &TrendChart, time: &TimeAxis, rect: &Rect) -> TickAxis {
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
pub(super) fn finite_target(chart: &TrendChart) -> Option<&TargetLine> {
    chart.target.as_ref().filter(|t| t.value.is_finite())
}

/// Legend: every non-faint series in the given order (Strong in bold), one
/// entry for all faint ones, then the trajectory.
pub(super) fn legend_entries(chart: &TrendChart) -> Vec<Entry> {
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

/// The widest name written at a line's end (small charts).
pub(super) fn end_label_width(chart: &TrendChart) -> f64 {
    chart
        .series
        .iter()
        .filter(|s| s.emphasis != Emphasis::Faint)
        .map(|s| text_width(&s.label, FONT_TICK))
        .chain(finite_target(chart).map(|_| text_width(TARGET_END_LABEL, FONT_TICK)))
        .fold(0.0, f64::max)
}

/// A small chart's name for its target line, at the line's end.
pub(super) const TARGET_END_LABEL: &str = "Mål";
