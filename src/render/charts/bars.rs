//! Benchmark bar charts: one horizontal bar per city, in the caller's order
//! (best to worst; a count by size), with the value at the end of each bar, the page's own
//! city highlighted, missing values explained in words, and labelled
//! vertical lines for the network value and the target.

use super::frame::{self, at, blank_axis, Coord, FrameSpec, Grid, Rect};
use super::scale::{value_axis, TickAxis, Unit};
use super::style::{self, Dash, Style, INK};
use super::svg::{self, escape, num, Anchor, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use super::text::{text_width, truncate};
use super::TargetLine;
use std::fmt::Write;

/// From this many bars on, rows and text get more compact.
const COMPACT_FROM: usize = 25;
/// Height of the row of reference-line labels above the plot.
const LINE_LABEL_ROW: f64 = 17.0;
/// Room below the plot for tick labels.
pub(super) const X_LABEL_AREA: u32 = 26;
/// Bold text is estimated this much wider than regular text.
const BOLD: f64 = 1.08;

/// One bar of a benchmark chart.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Category label, e.g. the city name.
    pub label: String,
    /// The value; `None` draws no bar but the `missing` text.
    pub value: Option<f64>,
    /// Shown instead of a missing bar, e.g. "dis." or "ikke indberettet".
    pub missing: String,
    /// Fill colour (dash and marker are not used by bars).
    pub style: Style,
    /// The page's own city: bold label, outline and full colour while the
    /// other bars are lighter, so it stands out without relying on colour.
    pub highlight: bool,
    /// A confidence interval, drawn as an error bar.
    pub interval: Option<(f64, f64)>,
}

impl Bar {
    /// The value to draw: a NaN or infinite value is shown as missing,
    /// never as a bar at some arbitrary length.
    fn shown(&self) -> Option<f64> {
        self.value.filter(|v| v.is_finite())
    }

    /// The interval to draw, if both ends are finite.
    fn shown_interval(&self) -> Option<(f64, f64)> {
        self.interval
            .filter(|(lo, hi)| lo.is_finite() && hi.is_finite())
    }
}

/// A horizontal bar chart comparing cities on one indicator and period.
#[derive(Debug, Clone)]
pub struct BarChart {
    /// Unique prefix for element ids on the page.
    pub id: String,
    /// Visible title and accessible name.
    pub title: String,
    /// Accessible description: what the chart shows, in words.
    pub desc: String,
    /// Formatting of values and axis.
    pub unit: Unit,
    /// The bars, top to bottom, already sorted (best to worst; a count by size).
    pub bars: Vec<Bar>,
    /// The network value, drawn as a solid labelled line.
    pub reference: Option<TargetLine>,
    /// The target, drawn as a dashed labelled line.
    pub target: Option<TargetLine>,
}

/// Sizes that depend on the number of bars and the longest texts.
struct Layout {
    rect: Rect,
    row: f64,
    font: f64,
    label_right: f64,
    height: u32,
}

/// Renders a benchmark bar chart; its height grows with the number of bars.
pub fn bars(chart: &BarChart) -> String {
    let axis = value_axis(values(chart), chart.unit);
    let lay = layout(chart, &axis);
    let (frame, coord) = value_frame(axis, lay.rect, lay.height);
    let doc = Doc {
        id: &chart.id,
        kind: "bars",
        title: &chart.title,
        desc: &chart.desc,
        width: WIDTH,
        height: lay.height,
    };
    let mut out = svg::open(&doc);
    out.push_str(&frame);
    out.push_str(r#"<g class="bars">"#);
    for (i, bar) in chart.bars.iter().enumerate() {
        draw_bar(&mut out, bar, dimmed(chart, bar), &coord, &lay, i);
    }
    out.push_str("</g>");
    reference_lines(&mut out, chart, &coord, &lay);
    out.push_str(r#"<g class="bar-labels">"#);
    for (i, bar) in chart.bars.iter().enumerate() {
        bar_texts(&mut out, bar, chart.unit, &coord, &lay, i);
    }
    out.push_str("</g>");
    if let Some(caption) = chart.unit.caption() {
        axis_caption(&mut out, caption, &lay.rect);
    }
    out.push_str("</svg>");
    out
}

/// The plotters frame of a horizontal value axis (shared with the
/// fulfilment chart): vertical grid lines, ticks and labels below.
pub(super) fn value_frame(axis: TickAxis, rect: Rect, height: u32) -> (String, Coord) {
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

/// The unit caption ("pct.") under the right end of a horizontal axis.
pub(super) fn axis_caption(out: &mut String, caption: &str, rect: &Rect) {
    let y = f64::from(rect.bottom + X_LABEL_AREA) + FONT_TICK;
    Text::new(f64::from(rect.right), y, caption, FONT_TICK)
        .anchor(Anchor::Middle)
        .class("axis-caption")
        .write(out);
}

/// Every value the axis must show.
fn values(chart: &BarChart) -> impl Iterator<Item = f64> + '_ {
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
fn dimmed(chart: &BarChart, bar: &Bar) -> bool {
    !bar.highlight && chart.bars.iter().any(|b| b.highlight)
}

fn layout(chart: &BarChart, axis: &TickAxis) -> Layout {
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
    let caption = if chart.unit.caption().is_some() {
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
pub(super) fn right_room(axis: &TickAxis, value_w: f64) -> u32 {
    let last_tick = text_width(&crate::format::decimal(axis.hi, axis.decimals), FONT_TICK) / 2.0;
    let caption = text_width("pct.", FONT_TICK) / 2.0;
    (value_w + 8.0).max(last_tick).max(caption).ceil() as u32
}

/// Vertical centre of row `i`.
fn row_centre(lay: &Layout, i: usize) -> f64 {
    f64::from(lay.rect.top) + lay.row * (i as f64 + 0.5)
}

/// The bar (if any) and its error bar, in a `<g data-bar>` group.
fn draw_bar(out: &mut String, bar: &Bar, dim: bool, coord: &Coord, lay: &Layout, i: usize) {
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
fn bar_texts(out: &mut String, bar: &Bar, unit: Unit, coord: &Coord, lay: &Layout, i: usize) {
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
fn reference_lines(out: &mut String, chart: &BarChart, coord: &Coord, lay: &Layout) {
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
