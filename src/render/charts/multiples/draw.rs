//! Drawing the panels of small multiples: each a trend plot framed by
//! plotters at its place in the grid, headed by its place's name.

use super::*;
use crate::render::charts::svg::escape;
use std::fmt::Write;

/// Draws one panel in `rect` of a chart `height` tall: its heading, frame
/// (grid, axes, tick labels on the shared scale), target line and lines.
pub(super) fn draw_panel(
    out: &mut String,
    panel: &Panel,
    trend: &TrendChart,
    time: &TimeAxis,
    y: &TickAxis,
    rect: Rect,
    height: u32,
) {
    let decimals = y.decimals;
    let (frame, coord): (String, Coord) = frame::draw(FrameSpec {
        size: (WIDTH, height),
        rect,
        x: period_axis(trend, time, &rect),
        y: y.clone(),
        grid: Grid::Horizontal,
        x_label: &|v| {
            time.xs
                .iter()
                .position(|p| (p - v).abs() < 1e-6)
                .and_then(|i| trend.x_labels.get(i).cloned())
                .unwrap_or_default()
        },
        y_label: &|v| crate::format::decimal(*v, decimals),
    });
    let _ = write!(
        out,
        r#"<g class="panel" data-panel="{}">"#,
        escape(&panel.label)
    );
    let left = f64::from(rect.left) - text_width("0", FONT_TICK);
    let width = f64::from(rect.right) - left;
    let heading = truncate(&panel.label, FONT_LABEL, width);
    Text::new(left, f64::from(rect.top) - 8.0, &heading, FONT_LABEL)
        .bold(true)
        .class("panel-title")
        .write(out);
    out.push_str(&frame);
    target_lines(out, trend, time, &coord, &rect);
    // Reference lines beneath, the panel's own line on top.
    for s in trend.series.iter().skip(1).chain(trend.series.first()) {
        draw_series(out, s, &coord, time);
    }
    out.push_str("</g>");
}
