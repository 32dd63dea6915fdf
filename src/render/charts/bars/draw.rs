//! Drawing a laid-out bar chart: the frame, each bar with its texts, and the
//! reference lines.

use super::*;

/// The plotters frame of a horizontal value axis (shared with the
/// fulfilment chart): vertical grid lines, ticks and labels below.
pub(in crate::render::charts) fn value_frame(
    axis: TickAxis,
    rect: Rect,
    height: u32,
) -> (String, Coord) {
    let decimals = axis.decimals;
    frame::draw(FrameSpec {
        size: (WIDTH, height),
        rect,
        x: axis,
        y: blank_axis(),
        grid: Grid::Vertical,
        x_label: &|v| crate::format::decimal(*v, decimals),
        y_label: &|_| String::new(),
    })
}

/// The unit caption ("pct.") under a horizontal axis, ending at its right end.
pub(in crate::render::charts) fn axis_caption(out: &mut String, caption: &str, rect: &Rect) {
    let y = f64::from(rect.bottom + X_LABEL_AREA) + FONT_TICK;
    Text::new(f64::from(rect.right), y, caption, FONT_TICK)
        .anchor(Anchor::End)
        .class("axis-caption")
        .write(out);
}

/// The bar (if any) and its error bar, in a `<g data-bar>` group.
pub(super) fn draw_bar(
    out: &mut String,
    bar: &Bar,
    dim: bool,
    coord: &Coord,
    lay: &Layout,
    i: usize,
) {
    let class = if bar.highlight {
        "bar highlight"
    } else {
        "bar"
    };
    let _ = write!(
        out,
        r#"<g class="{class}" data-bar="{}">"#,
        escape(&bar.label)
    );
    let (cy, h) = (row_centre(lay, i), lay.row * 0.62);
    if let Some(v) = bar.shown() {
        let (x0, x1) = (at(coord, 0.0, 0.0).0, at(coord, v, 0.0).0);
        let outline = if bar.highlight {
            r##" stroke="#000000" stroke-width="1.5""##
        } else {
            ""
        };
        let opacity = if dim { r#" fill-opacity="0.5""# } else { "" };
        let (x, y, w, h) = (
            num(x0.min(x1)),
            num(cy - h / 2.0),
            num((x1 - x0).abs()),
            num(h),
        );
        let fill = &bar.style.color;
        let _ = write!(
            out,
            r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"{opacity}{outline}/>"#
        );
    }
    if let Some((lo, hi)) = bar.shown_interval() {
        let (x0, x1) = (num(at(coord, lo, 0.0).0), num(at(coord, hi, 0.0).0));
        let (top, cap) = (num(cy - h * 0.35), num(h * 0.7));
        let d = format!("M{x0} {}H{x1}M{x0} {top}v{cap}M{x1} {top}v{cap}", num(cy));
        let _ = write!(
            out,
            r#"<path class="interval" d="{d}" fill="none" stroke="{INK}" stroke-width="1.2"/>"#
        );
    }
    out.push_str("</g>");
}

/// The category label left of the bar and the value (or the `missing`
/// text) at its end, beyond any error bar.
pub(super) fn bar_texts(
    out: &mut String,
    bar: &Bar,
    unit: Unit,
    coord: &Coord,
    lay: &Layout,
    i: usize,
) {
    let y = row_centre(lay, i) + lay.font * 0.36;
    let label = truncate(&bar.label, lay.font, lay.label_right - MARGIN);
    let text = |x, text| Text::new(x, y, text, lay.font).bold(bar.highlight).halo();
    text(lay.label_right, &label)
        .anchor(Anchor::End)
        .class("bar-label")
        .write(out);
    let Some(v) = bar.shown() else {
        let x0 = at(coord, 0.0, 0.0).0;
        return text(x0 + 4.0, &bar.missing)
            .italic()
            .class("bar-missing")
            .write(out);
    };
    let end = bar
        .interval
        .map_or(v, |(lo, hi)| if v < 0.0 { lo.min(v) } else { hi.max(v) });
    let x = at(coord, end, 0.0).0;
    let value = unit.value(v);
    let label = if v < 0.0 {
        text(x - 4.0, &value).anchor(Anchor::End)
    } else {
        text(x + 4.0, &value)
    };
    label.class("bar-value").write(out);
}

/// Vertical lines across all bars for the network value (solid) and the
/// target (dashed), labelled in one row above the plot: the left line's
/// label to its left, the right line's to its right, so they never collide
/// and no line crosses a label.
pub(super) fn reference_lines(out: &mut String, chart: &BarChart, coord: &Coord, lay: &Layout) {
    let mut lines: Vec<_> = [
        (&chart.reference, Dash::Solid, "reference"),
        (&chart.target, Dash::Dashed, "target"),
    ]
    .into_iter()
    .filter_map(|(l, d, c)| {
        l.as_ref()
            .filter(|l| l.value.is_finite())
            .map(|l| (at(coord, l.value, 0.0).0, l, d, c))
    })
    .collect();
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    let y = f64::from(lay.rect.top) - 6.0;
    for (x, _, dash, class) in &lines {
        let stroke = style::stroke_attrs(INK, 1.5, *dash);
        svg::line(
            out,
            class,
            (*x, y - FONT_LABEL),
            (*x, f64::from(lay.rect.bottom)),
            &stroke,
        );
    }
    let (min, max) = (MARGIN, f64::from(WIDTH) - MARGIN);
    for (k, (x, line, _, class)) in lines.iter().enumerate() {
        let label = truncate(&line.label, FONT_LABEL, max - min);
        let w = text_width(&label, FONT_LABEL);
        let right_side = if lines.len() == 1 {
            x + 5.0 + w <= max
        } else {
            k == 1
        };
        let start = if right_side { x + 5.0 } else { x - 5.0 - w };
        let class = format!("{class}-label");
        Text::new(start.clamp(min, max - w), y, &label, FONT_LABEL)
            .halo()
            .class(&class)
            .write(out);
    }
}
