//! Laying out a map: the map scaled into the left part of the chart, the
//! legend beside it, the source line below.

use super::boundaries::{frame, Frame};
use super::*;

/// Share of the chart's width the map takes; the legend has the rest.
const MAP_SHARE: f64 = 0.62;
/// Height of one legend row.
pub(super) const KEY_ROW: f64 = 22.0;

pub(super) struct Layout {
    pub frame: Frame,
    /// Scale from frame units to chart units, and the map's top left.
    pub scale: f64,
    pub left: f64,
    pub top: f64,
    /// Left edge of the legend, and its top.
    pub key_left: f64,
    pub key_width: f64,
    pub height: u32,
    /// Baseline of the source line.
    pub source_y: f64,
}

pub(super) fn layout(chart: &MapChart) -> Layout {
    let frame = frame();
    let map_w = (f64::from(WIDTH) - 2.0 * MARGIN) * MAP_SHARE;
    let scale = map_w / frame.width;
    let top = TITLE_HEIGHT + 8.0;
    let map_h = frame.height * scale;
    let key_left = MARGIN + map_w + 16.0;
    let key_width = f64::from(WIDTH) - MARGIN - key_left;
    let rows = chart.classes.len() + 1 + usize::from(!chart.method.is_empty());
    let key_h = rows as f64 * KEY_ROW;
    let source_y = top + map_h.max(key_h) + 18.0;
    Layout {
        frame,
        scale,
        left: MARGIN,
        top,
        key_left,
        key_width,
        height: (source_y + MARGIN).ceil() as u32,
        source_y,
    }
}

/// The fill of a class: its colour, or its pattern's url.
pub(super) fn fill(chart: &MapChart, class: usize) -> String {
    let c = &chart.classes[class];
    match c.pattern {
        Pattern::Solid => c.color.clone(),
        _ => format!("url(#{})", pattern_id(chart, class)),
    }
}

/// The id of a class's pattern, unique on the page like the chart id.
pub(super) fn pattern_id(chart: &MapChart, class: usize) -> String {
    format!(
        "{}-fill-{}",
        escape(&chart.id),
        escape(&chart.classes[class].id)
    )
}
