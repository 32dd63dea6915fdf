//! Drawing the goal-fulfilment chart: the hatch pattern and each goal type's
//! pair of bars.

use super::*;

/// The id of this chart's hatch pattern, unique on the page like the chart id.
pub(super) fn hatch_id(chart: &FulfilmentChart) -> String {
    format!("{}-hatch", escape(&chart.id))
}

/// Diagonal dark lines over the unfulfilled colour, so the two bars differ
/// in texture, not only in colour, when printed in black and white.
pub(super) fn hatch_pattern(out: &mut String, chart: &FulfilmentChart) {
    let _ = write!(
        out,
        r#"<defs><pattern id="{}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="{UNFULFILLED}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{HATCH}" stroke-width="1.5"/></pattern></defs>"#,
        hatch_id(chart)
    );
}

/// One goal type: its label, then the fulfilled and unfulfilled bars with
/// their values (or the `missing` text), in a `<g data-series>` group.
pub(super) fn draw_row(
    out: &mut String,
    chart: &FulfilmentChart,
    row: &FulfilmentRow,
    top: f64,
    coord: &Coord,
    decimals: usize,
    label_right: f64,
) {
    let _ = write!(
        out,
        r#"<g class="goal-type" data-series="{}">"#,
        escape(&row.label)
    );
    let label = truncate(&row.label, FONT_LABEL, label_right - MARGIN);
    let mid = top + BAR + PAIR_GAP / 2.0;
    Text::new(label_right, mid + FONT_LABEL * 0.36, &label, FONT_LABEL)
        .anchor(Anchor::End)
        .write(out);
    let hatch = format!("url(#{})", hatch_id(chart));
    let pair = [
        (row.fulfilled, FULFILLED, "fulfilled"),
        (row.unfulfilled, hatch.as_str(), "unfulfilled"),
    ];
    let x0 = at(coord, 0.0, 0.0).0;
    for (k, (value, fill, class)) in pair.into_iter().enumerate() {
        let y = top + k as f64 * (BAR + PAIR_GAP);
        let text =
            |x, text| Text::new(x, y + BAR / 2.0 + FONT_LABEL * 0.36, text, FONT_LABEL).halo();
        let Some(v) = value.filter(|v| v.is_finite()) else {
            text(x0 + 4.0, &chart.missing)
                .italic()
                .class("bar-missing")
                .write(out);
            continue;
        };
        let x1 = at(coord, v, 0.0).0;
        let (x, y, w) = (num(x0), num(y), num(x1 - x0));
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{x}" y="{y}" width="{w}" height="{BAR}" fill="{fill}" stroke="{OUTLINE}" stroke-width="0.8"/>"#
        );
        text(x1 + 4.0, &crate::format::decimal(v, decimals))
            .class("bar-value")
            .write(out);
    }
    out.push_str("</g>");
}
