//! Laying out an overview chart: fixed columns, rows as high as their
//! wrapped label, the legend below.

use super::*;

/// Text size of values, heads and the legend.
pub(super) const FONT: f64 = 12.0;
/// Text size of the indicators' names (up to three lines).
pub(super) const LABEL_FONT: f64 = 11.0;
/// Line height of a wrapped name.
pub(super) const LINE: f64 = 12.5;
/// Columns (x in user units): label, place value (right edge), network value
/// (right edge), the strip, the comparison and status symbols (centres).
pub(super) const LABEL_W: f64 = 282.0;
pub(super) const PLACE_RIGHT: f64 = 346.0;
pub(super) const NETWORK_RIGHT: f64 = 410.0;
pub(super) const STRIP: (f64, f64) = (424.0, 570.0);
pub(super) const COMPARE_X: f64 = 592.0;
pub(super) const STATUS_X: f64 = 619.0;
/// Height of the head row and of one legend row.
pub(super) const HEAD: f64 = 34.0;
pub(super) const LEGEND_ROW: f64 = 20.0;

/// Where everything goes.
pub(super) struct Layout {
    /// Each row's top and its label lines.
    pub rows: Vec<(f64, f64, Vec<String>)>,
    pub legend_top: f64,
    pub height: u32,
}

pub(super) fn layout(chart: &OverviewChart) -> Layout {
    let mut y = TITLE_HEIGHT + HEAD;
    let rows = chart
        .rows
        .iter()
        .map(|r| {
            let lines = wrap(&r.label, LABEL_FONT, LABEL_W - MARGIN, 3);
            let h = 9.0 + LINE * lines.len().max(1) as f64;
            let top = y;
            y += h;
            (top, h, lines)
        })
        .collect();
    let legend_top = y + 10.0;
    Layout {
        rows,
        legend_top,
        height: (legend_top + 4.0 * LEGEND_ROW + MARGIN).ceil() as u32,
    }
}

/// The row's scale: every value it draws, padded, as (lo, hi) with lo < hi.
pub(super) fn row_scale(row: &OverviewRow) -> Option<(f64, f64)> {
    let values = [row.place, row.network, row.national, row.target]
        .into_iter()
        .flatten()
        .chain(row.range.into_iter().flat_map(|(a, b)| [a, b]))
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold(None, |acc: Option<(f64, f64)>, v| match acc {
        None => Some((v, v)),
        Some((a, b)) => Some((a.min(v), b.max(v))),
    })?;
    let pad = if hi > lo {
        (hi - lo) * 0.08
    } else {
        lo.abs().max(1.0) * 0.1
    };
    Some((lo - pad, hi + pad))
}

/// The x of value `v` on the strip: better to the right.
pub(super) fn strip_x(v: f64, (lo, hi): (f64, f64), higher_is_better: bool) -> f64 {
    let t = (v - lo) / (hi - lo);
    let t = if higher_is_better { t } else { 1.0 - t };
    STRIP.0 + t.clamp(0.0, 1.0) * (STRIP.1 - STRIP.0)
}
