//! Laying out small multiples: the shared value axis, the grid of panels
//! and the legend.

use super::*;

/// Height of each panel's plot.
pub(super) const PLOT_HEIGHT: u32 = 96;
/// Space above a plot for the panel's heading.
const HEADING: f64 = 22.0;
/// Space below a plot for the period labels.
const X_LABELS: f64 = 22.0;
/// Space between panels.
const GUTTER: f64 = 18.0;
/// Space between the last period and the plot's right edge, for its label.
const RIGHT_PAD: f64 = 14.0;

/// The panel of `p` as a trend chart (no title, legend or trajectory).
pub(super) fn panel_chart(chart: &MultiplesChart, p: &Panel) -> TrendChart {
    TrendChart {
        id: chart.id.clone(),
        title: p.label.clone(),
        desc: String::new(),
        x_labels: chart.x_labels.clone(),
        x_positions: chart.x_positions.clone(),
        unit: chart.unit,
        axis_caption: None,
        series: p.series.clone(),
        target: chart.target.clone(),
        trajectory: None,
        context_label: String::new(),
        partial_label: chart.partial_label.clone(),
    }
}

/// A chart without panels still has a time axis.
pub(super) fn empty_panel(chart: &MultiplesChart) -> TrendChart {
    panel_chart(
        chart,
        &Panel {
            label: String::new(),
            series: Vec::new(),
        },
    )
}

/// One value axis for every panel: all their values and the target, with
/// at most four ticks (the plots are short).
pub(super) fn shared_axis(chart: &MultiplesChart) -> TickAxis {
    let values = chart
        .panels
        .iter()
        .flat_map(|p| &p.series)
        .flat_map(|s| s.points.iter().flatten().copied())
        .chain(chart.target.iter().map(|t| t.value));
    let mut y = value_axis(values, chart.unit);
    if y.ticks.len() > 4 {
        let every = y.ticks.len().div_ceil(4);
        y.ticks = y.ticks.iter().copied().step_by(every).collect();
    }
    y
}

/// Columns for `n` panels: two for two or four, else up to three (four
/// for a large network, so the grid does not grow too tall).
pub(super) fn columns(n: usize) -> usize {
    match n {
        0 | 1 => 1,
        2 | 4 => 2,
        n if n > 12 => 4,
        _ => 3,
    }
}

/// Where the panels go.
pub(super) struct GridLayout {
    cols: usize,
    rows: usize,
    /// Width of one cell (a panel with its tick labels).
    cell: f64,
    /// Width of the tick labels left of each plot.
    ticks: f64,
}

impl GridLayout {
    pub(super) fn of(chart: &MultiplesChart, y: &TickAxis) -> GridLayout {
        let cols = columns(chart.panels.len());
        let rows = chart.panels.len().div_ceil(cols).max(1);
        let cell = (f64::from(WIDTH) - 2.0 * MARGIN - GUTTER * (cols - 1) as f64) / cols as f64;
        let ticks = y
            .ticks
            .iter()
            .map(|t| text_width(&crate::format::decimal(*t, y.decimals), FONT_TICK))
            .fold(0.0, f64::max)
            + 10.0;
        GridLayout {
            cols,
            rows,
            cell,
            ticks,
        }
    }

    /// Top of the first row of panels: below the title and the unit caption.
    fn top() -> f64 {
        TITLE_HEIGHT + 10.0
    }

    fn row_height() -> f64 {
        HEADING + f64::from(PLOT_HEIGHT) + X_LABELS + 6.0
    }

    /// The plot rectangle of panel `i` (row by row, left to right).
    pub(super) fn rect(&self, i: usize) -> Rect {
        let (row, col) = (i / self.cols, i % self.cols);
        let x = MARGIN + col as f64 * (self.cell + GUTTER);
        let top = Self::top() + row as f64 * Self::row_height() + HEADING;
        Rect {
            left: (x + self.ticks).ceil() as u32,
            top: top as u32,
            right: (x + self.cell - RIGHT_PAD).floor() as u32,
            bottom: top as u32 + PLOT_HEIGHT,
        }
    }

    /// Bottom of the last row's period labels.
    pub(super) fn bottom(&self) -> f64 {
        Self::top() + self.rows as f64 * Self::row_height()
    }
}

/// Legend: the panels' own line, each reference line, the target and the
/// hollow (partial) point when a panel has one.
pub(super) fn legend_entries(chart: &MultiplesChart) -> Vec<Entry> {
    let line = |s: &Series| {
        let (width, radius) = style::weight(s.emphasis);
        Swatch::Line {
            color: s.style.color.clone(),
            width,
            dash: s.style.dash,
            marker: s.style.marker,
            radius,
        }
    };
    let mut entries = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for p in &chart.panels {
        for (i, s) in p.series.iter().enumerate() {
            let label = if i == 0 {
                chart.own_label.as_str()
            } else {
                s.label.as_str()
            };
            if !seen.contains(&label) {
                seen.push(label);
                entries.push(Entry {
                    swatch: line(s),
                    label: label.to_owned(),
                    bold: i == 0,
                });
            }
        }
    }
    // The panels' own line first, whatever panel brought it in.
    entries.sort_by_key(|e| !e.bold);
    if let Some(t) = chart.target.as_ref().filter(|t| t.value.is_finite()) {
        entries.push(Entry {
            swatch: Swatch::Line {
                color: INK.to_owned(),
                width: 1.5,
                dash: Dash::Dashed,
                marker: Marker::None,
                radius: 0.0,
            },
            label: t.label.clone(),
            bold: false,
        });
    }
    let partial = chart
        .panels
        .iter()
        .flat_map(|p| &p.series)
        .find(|s| !s.partial.is_empty());
    if let Some(s) = partial {
        entries.push(Entry {
            swatch: Swatch::Hollow {
                color: INK.to_owned(),
                marker: s.style.marker,
                radius: style::weight(s.emphasis).1,
            },
            label: chart.partial_label.clone(),
            bold: false,
        });
    }
    entries
}
