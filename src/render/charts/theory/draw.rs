//! Drawing a laid-out theory of change: headings, connectors, boxes and
//! status bands.

use super::layout::{
    column_width, mark_font, text_font, Column, Font, Layout, StepBox, HEADING, VALUE,
};
use super::*;
use crate::render::charts::style::INK;
use crate::render::charts::svg::{self, num, Anchor, Text, FONT_LABEL};

impl Font {
    /// Writes `lines` centred on `cx`, the first line's top at `top`.
    fn write(self, out: &mut String, lines: &[String], cx: f64, top: f64) {
        for (i, line) in lines.iter().enumerate() {
            let y = top + self.size * 0.8 + i as f64 * self.size * LEADING;
            Text::new(cx, y, line, self.size)
                .anchor(Anchor::Middle)
                .bold(self.bold)
                .class(self.class)
                .write(out);
        }
    }
}

/// The column headings, centred, with a rule under each column.
pub(super) fn headings(out: &mut String, lay: &Layout) {
    let w = column_width();
    out.push_str(r#"<g class="levels">"#);
    let stroke = format!(r#" stroke="{INK}" stroke-width="1.5""#);
    for col in &lay.columns {
        HEADING.write(out, &col.heading, col.x + w / 2.0, lay.heading_top);
        let (left, right) = ((col.x, lay.rule_y), (col.x + w, lay.rule_y));
        svg::line(out, "level-rule", left, right, &stroke);
    }
    out.push_str("</g>");
}

/// Connectors from every box of `left` to every box of `right`: stubs to a
/// vertical bus in the gap, and arrows from the bus into each right box.
pub(super) fn connect(out: &mut String, left: &Column, right: &Column) {
    let (from, to) = (left.x + column_width(), right.x);
    let bus = (from + to) / 2.0;
    let (ys_left, ys_right) = (left.anchors(), right.anchors());
    let all = ys_left.iter().chain(&ys_right);
    let top = all.clone().copied().fold(f64::INFINITY, f64::min);
    let bottom = all.copied().fold(f64::NEG_INFINITY, f64::max);
    let head = 7.0;
    let mut d = String::new();
    for y in &ys_left {
        let _ = write!(d, "M{} {}H{}", num(from), num(*y), num(bus));
    }
    if bottom > top {
        let _ = write!(d, "M{} {}V{}", num(bus), num(top), num(bottom));
    }
    for y in &ys_right {
        let _ = write!(d, "M{} {}H{}", num(bus), num(*y), num(to - head + 1.0));
    }
    let mut heads = String::new();
    for y in &ys_right {
        let _ = write!(
            heads,
            "M{} {}l{} {}v{}z",
            num(to),
            num(*y),
            num(-head),
            num(-head / 2.0),
            num(head)
        );
    }
    let _ = write!(
        out,
        r#"<path class="connector" d="{d}"/><path class="arrowhead" d="{heads}" fill="{LINE}" stroke="none"/>"#
    );
}

/// The fills of a step's box and status band.
fn fills(step: &Step) -> (&'static str, &'static str) {
    let fill = match step.level {
        Level::Activity => "#eeeeee",
        Level::Short | Level::Medium => "#ffffff",
        Level::Long => "#e4eef6",
    };
    let band = match step.status.as_ref().map(|s| s.good) {
        Some(Some(true)) => "#d6eee5",
        Some(Some(false)) => "#f8dfcc",
        _ => "#e6e6e6",
    };
    (fill, band)
}

/// One step: its box, its text and, if it has one, its status band.
pub(super) fn draw_step(out: &mut String, x: f64, b: &StepBox) {
    let (w, level, step) = (column_width(), b.step.level.name(), b.step);
    let status = step.status.as_ref().map(|s| match s.good {
        Some(true) => "good",
        Some(false) => "bad",
        None => "unknown",
    });
    let _ = write!(out, r#"<g class="step step-{level}" data-level="{level}""#);
    if let Some(status) = status {
        let _ = write!(out, r#" data-status="{status}""#);
    }
    out.push('>');
    let (fill, band) = fills(step);
    let stroke = if step.level == Level::Long {
        format!(r#"stroke="{INK}" stroke-width="2.2""#)
    } else {
        format!(r#"stroke="{LINE}" stroke-width="1.2""#)
    };
    let rect = format!(
        r#"x="{}" y="{}" width="{}" height="{}" rx="{RADIUS}""#,
        num(x),
        num(b.top),
        num(w),
        num(b.height)
    );
    let _ = write!(out, r#"<rect class="step-box" {rect} fill="{fill}"/>"#);
    let band_top = b.top + b.height - b.status_height();
    if status.is_some() {
        status_band(out, x, band_top, b, band);
    }
    let _ = write!(out, r#"<rect {rect} fill="none" {stroke}/>"#);
    text_font(step).write(out, &b.text, x + w / 2.0, b.top + PAD);
    out.push_str("</g>");
}

/// The tinted band at the bottom of a box with the status value and the
/// marker.
fn status_band(out: &mut String, x: f64, top: f64, b: &StepBox, fill: &str) {
    let (w, r, bottom) = (column_width(), RADIUS, b.top + b.height);
    let _ = write!(
        out,
        r#"<path class="step-band" d="M{x0} {t}H{x1}V{y}A{r} {r} 0 0 1 {x2} {b}H{x3}A{r} {r} 0 0 1 {x0} {y}Z" fill="{fill}"/>"#,
        x0 = num(x),
        t = num(top),
        x1 = num(x + w),
        y = num(bottom - r),
        x2 = num(x + w - r),
        b = num(bottom),
        x3 = num(x + r),
    );
    let stroke = format!(r#" stroke="{LINE}" stroke-width="0.8""#);
    svg::line(out, "step-rule", (x, top), (x + w, top), &stroke);
    let cx = x + w / 2.0;
    VALUE.write(out, &b.value, cx, top + PAD);
    let mark_top = top + PAD + b.value.len() as f64 * STATUS_FONT * LEADING;
    let good = b.step.status.as_ref().and_then(|s| s.good);
    mark_font(good).write(out, &b.mark, cx, mark_top);
}

/// The placeholder of an empty column: a dashed outline with a muted "–".
pub(super) fn draw_empty(out: &mut String, col: &Column) {
    let w = column_width();
    let _ = write!(
        out,
        r#"<g class="step-none" fill="{MUTED}"><rect x="{}" y="{}" width="{}" height="{}" rx="{RADIUS}" fill="none" stroke="{MUTED}" stroke-width="1" stroke-dasharray="4 3"/>"#,
        num(col.x),
        num(col.top),
        num(w),
        num(EMPTY_HEIGHT)
    );
    let y = col.top + EMPTY_HEIGHT / 2.0 + FONT_LABEL * 0.35;
    Text::new(col.x + w / 2.0, y, "–", FONT_LABEL)
        .anchor(Anchor::Middle)
        .class("step-none-text")
        .write(out);
    out.push_str("</g>");
}
