//! Laying out a bar chart: the value axis, row heights and the room for
//! labels.

use super::*;

/// Sizes that depend on the number of bars and the longest texts.
pub(super) struct Layout {
    pub(super) rect: Rect,
    pub(super) row: f64,
    pub(super) font: f64,
    pub(super) label_right: f64,
    pub(super) height: u32,
}

/// Every value the axis must show.
pub(super) fn values(chart: &BarChart) -> impl Iterator<Item = f64> + '_ {
    let intervals = chart
        .bars
        .iter()
        .flat_map(|b| b.shown_interval().into_iter().flat_map(|(lo, hi)| [lo, hi]));
    let lines = chart.reference.iter().chain(&chart.target).map(|l| l.value);
    // Non-finite values are dropped by the axis and never drawn.
    chart
        .bars
        .iter()
        .filter_map(Bar::shown)
        .chain(intervals)
        .chain(lines)
}

/// Other bars are drawn lighter only when one bar is highlighted.
pub(super) fn dimmed(chart: &BarChart, bar: &Bar) -> bool {
    !bar.highlight && chart.bars.iter().any(|b| b.highlight)
}

pub(super) fn layout(chart: &BarChart, axis: &TickAxis) -> Layout {
    let compact = chart.bars.len() >= COMPACT_FROM;
    let (row, font) = if compact {
        (15.0, 11.0)
    } else {
        (24.0, FONT_LABEL)
    };
    let width = |b: &Bar, text: &str| text_width(text, font) * if b.highlight { BOLD } else { 1.0 };
    let widest = |f: &dyn Fn(&Bar) -> f64| chart.bars.iter().map(f).fold(0.0, f64::max);
    let label_w = widest(&|b| width(b, &b.label)).min(f64::from(WIDTH) * 0.34);
    let value_w = widest(&|b| b.shown().map_or(0.0, |v| width(b, &chart.unit.value(v))));
    let negative = if axis.lo < 0.0 { value_w + 6.0 } else { 0.0 };
    let has_lines = chart.reference.is_some() || chart.target.is_some();
    let top = TITLE_HEIGHT + 8.0 + if has_lines { LINE_LABEL_ROW } else { 0.0 };
    let right = WIDTH - MARGIN as u32 - right_room(axis, value_w);
    let bottom = (top + row * chart.bars.len().max(1) as f64).ceil() as u32;
    let caption = if chart.axis_caption.is_some() {
        FONT_TICK as u32 + 4
    } else {
        0
    };
    Layout {
        rect: Rect {
            left: (MARGIN + label_w + 10.0 + negative).ceil() as u32,
            top: top as u32,
            right,
            bottom,
        },
        row,
        font,
        label_right: MARGIN + label_w,
        height: bottom + X_LABEL_AREA + caption + MARGIN as u32,
    }
}

/// Room right of the plot: for value labels after the longest bar, and for
/// the last tick label and the caption centred on the plot's right edge.
pub(in crate::render::charts) fn right_room(axis: &TickAxis, value_w: f64) -> u32 {
    let last_tick = text_width(&crate::format::decimal(axis.hi, axis.decimals), FONT_TICK) / 2.0;
    let caption = text_width("pct.", FONT_TICK) / 2.0;
    (value_w + 8.0).max(last_tick).max(caption).ceil() as u32
}

/// Vertical centre of row `i`.
pub(super) fn row_centre(lay: &Layout, i: usize) -> f64 {
    f64::from(lay.rect.top) + lay.row * (i as f64 + 0.5)
}
