//! Laying out the goal-fulfilment chart: the plot area and the legend.

use super::*;

/// The plotting area: goal-type labels on the left (at most a third of the
/// width), `right_room` for value labels on the right, one group per row.
pub(super) fn plot_rect(chart: &FulfilmentChart, right_room: u32) -> Rect {
    let label_w = chart
        .rows
        .iter()
        .map(|r| text_width(&r.label, FONT_LABEL))
        .fold(0.0, f64::max)
        .min(f64::from(WIDTH) * 0.34);
    let top = TITLE_HEIGHT + 10.0;
    Rect {
        left: (MARGIN + label_w + 10.0).ceil() as u32,
        top: top as u32,
        right: WIDTH - MARGIN as u32 - right_room,
        bottom: (top + GROUP * chart.rows.len().max(1) as f64).ceil() as u32,
    }
}

pub(super) fn legend_entries(chart: &FulfilmentChart) -> Vec<Entry> {
    let entry = |fill: String, label: &str| Entry {
        swatch: Swatch::Box {
            fill,
            outline: OUTLINE.to_string(),
        },
        label: label.to_string(),
        bold: false,
    };
    vec![
        entry(FULFILLED.to_string(), &chart.fulfilled_label),
        entry(
            format!("url(#{})", hatch_id(chart)),
            &chart.unfulfilled_label,
        ),
    ]
}
