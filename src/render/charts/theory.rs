//! Theories of change (forandringsteorier): four columns from the
//! activities (indsatser) through short- and medium-term changes to the
//! long-term goal, so a report can point out where to act when the desired
//! development does not happen.
//!
//! Each step is a rounded box with its text word-wrapped to the column
//! width (the box grows in height, text never overflows). Columns are
//! centred vertically and joined by connectors in the gaps between them:
//! a stub from every box of one column to a vertical bus, and an arrow from
//! the bus to every box of the next column. A step with a measured status
//! shows its value and a marker in a band at the bottom of its box; the
//! marker is a symbol *and* words ("▲ i ønsket retning"), so it reads in
//! black and white. An empty column keeps its heading and shows a muted "–".
//!
//! Hooks: the root has classes `chart chart-theory`; each step is a
//! `<g class="step step-<level>" data-level="<level>">` (with
//! `data-status="good|bad|unknown"` when it has a status) holding its
//! `step-box` rect and `step-text`, `step-value` and `step-mark` texts;
//! an empty column has a `<g class="step-none">`; headings are
//! `level-label` texts and the connectors sit in `<g class="connectors">`.

use super::style::INK;
use super::svg::{self, num, text_width, truncate, Anchor, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use std::fmt::Write;

/// Horizontal space between columns, where the connectors run.
const GAP: f64 = 26.0;
/// Space between a box's edge and its text.
const PAD: f64 = 7.0;
/// Vertical space between the boxes of a column.
const BOX_GAP: f64 = 12.0;
/// Font size of the step texts.
const STEP_FONT: f64 = FONT_TICK;
/// Font size of the status value and marker.
const STATUS_FONT: f64 = 11.5;
/// Line height as a multiple of the font size.
const LEADING: f64 = 1.25;
/// Bold text is estimated this much wider than regular text.
const BOLD: f64 = 1.08;
/// Longer texts are cut with "…" after this many lines.
const MAX_LINES: usize = 12;
/// Height of the placeholder of an empty column.
const EMPTY_HEIGHT: f64 = 30.0;
/// Corner radius of the boxes.
const RADIUS: f64 = 5.0;
/// Box outlines and connectors: dark enough for print, lighter than text.
const LINE: &str = "#555555";
/// Muted text and outlines (4.5:1 on white).
const MUTED: &str = "#767676";

/// A column of the theory, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Activities and efforts (indsatser).
    Activity,
    /// Short-term changes.
    Short,
    /// Medium-term changes.
    Medium,
    /// The long-term goal.
    Long,
}

impl Level {
    /// Column index, 0 to 3.
    fn index(self) -> usize {
        self as usize
    }

    /// The CSS class suffix and `data-level` value.
    fn name(self) -> &'static str {
        match self {
            Level::Activity => "activity",
            Level::Short => "short",
            Level::Medium => "medium",
            Level::Long => "long",
        }
    }
}

/// The measured state of a step, e.g. from an indicator that measures it.
#[derive(Debug, Clone)]
pub struct StepStatus {
    /// The latest value as text, e.g. "8,2 pct. (2018)".
    pub value: String,
    /// Whether the step moves in the desired direction; `None` if unknown.
    pub good: Option<bool>,
}

/// One box of the theory.
#[derive(Debug, Clone)]
pub struct Step {
    /// The column the step belongs to.
    pub level: Level,
    /// The step's text; wrapped onto as many lines as needed.
    pub text: String,
    /// The measured state, shown at the bottom of the box.
    pub status: Option<StepStatus>,
}

/// A theory of change for one goal.
#[derive(Debug, Clone)]
pub struct TheoryChart {
    /// Unique prefix for element ids on the page.
    pub id: String,
    /// Visible title and accessible name.
    pub title: String,
    /// Accessible description: the theory in words.
    pub desc: String,
    /// The steps, in any level order; within a level, top to bottom.
    pub steps: Vec<Step>,
    /// Column headings, e.g. "Indsatser", "Kort sigt", "Mellemlang sigt",
    /// "Langt sigt".
    pub level_labels: [String; 4],
}

/// A step with its wrapped lines and its place in the column.
struct StepBox<'a> {
    step: &'a Step,
    text: Vec<String>,
    value: Vec<String>,
    mark: Vec<String>,
    /// Top edge, set when the column is placed.
    top: f64,
    height: f64,
}

impl StepBox<'_> {
    /// Height of the status band at the bottom (0 without a status).
    fn status_height(&self) -> f64 {
        if self.step.status.is_none() {
            return 0.0;
        }
        2.0 * PAD + block(self.value.len() + self.mark.len(), STATUS_FONT)
    }
}

/// One column: its heading and its boxes, stacked from `top`.
struct Column<'a> {
    x: f64,
    heading: Vec<String>,
    boxes: Vec<StepBox<'a>>,
    top: f64,
}

impl Column<'_> {
    /// Height of the stacked boxes, or of the placeholder when empty.
    fn height(&self) -> f64 {
        if self.boxes.is_empty() {
            return EMPTY_HEIGHT;
        }
        let boxes: f64 = self.boxes.iter().map(|b| b.height).sum();
        boxes + BOX_GAP * (self.boxes.len() - 1) as f64
    }

    /// Vertical centres of the boxes (or the placeholder), where the
    /// connectors meet the column.
    fn anchors(&self) -> Vec<f64> {
        if self.boxes.is_empty() {
            return vec![self.top + EMPTY_HEIGHT / 2.0];
        }
        self.boxes.iter().map(|b| b.top + b.height / 2.0).collect()
    }
}

/// The whole diagram, placed.
struct Layout<'a> {
    columns: Vec<Column<'a>>,
    heading_top: f64,
    rule_y: f64,
    height: u32,
}

/// Renders a theory of change as a standalone, scalable SVG string; its
/// height grows with the tallest column.
pub fn theory(chart: &TheoryChart) -> String {
    let lay = layout(chart);
    let mut out = svg::open(&Doc {
        id: &chart.id,
        kind: "theory",
        title: &chart.title,
        desc: &chart.desc,
        width: WIDTH,
        height: lay.height,
    });
    headings(&mut out, &lay);
    let _ = write!(
        out,
        r#"<g class="connectors" fill="none" stroke="{LINE}" stroke-width="1.3">"#
    );
    for pair in lay.columns.windows(2) {
        connect(&mut out, &pair[0], &pair[1]);
    }
    out.push_str("</g>");
    for col in &lay.columns {
        if col.boxes.is_empty() {
            draw_empty(&mut out, col);
        }
        for b in &col.boxes {
            draw_step(&mut out, col.x, b);
        }
    }
    out.push_str("</svg>");
    out
}

/// Width of every column.
fn column_width() -> f64 {
    (f64::from(WIDTH) - 2.0 * MARGIN - 3.0 * GAP) / 4.0
}

/// Height of `lines` lines of text at `size`, from the top of the first
/// line to the bottom of the last line's descenders.
fn block(lines: usize, size: f64) -> f64 {
    if lines == 0 {
        return 0.0;
    }
    (lines - 1) as f64 * size * LEADING + size
}

/// Wraps every text, sizes every box and centres the columns vertically
/// on the tallest one.
fn layout(chart: &TheoryChart) -> Layout<'_> {
    let w = column_width();
    let mut columns: Vec<Column> = chart
        .level_labels
        .iter()
        .enumerate()
        .map(|(i, label)| Column {
            x: MARGIN + i as f64 * (w + GAP),
            heading: wrap(label, FONT_LABEL * BOLD, w),
            boxes: Vec::new(),
            top: 0.0,
        })
        .collect();
    for step in &chart.steps {
        columns[step.level.index()].boxes.push(measure(step));
    }
    let heading_top = TITLE_HEIGHT + 2.0;
    let heading_lines = columns.iter().map(|c| c.heading.len()).max().unwrap_or(1);
    let rule_y = heading_top + block(heading_lines, FONT_LABEL) + 5.0;
    let content_top = rule_y + 14.0;
    let content = columns.iter().map(Column::height).fold(0.0, f64::max);
    for col in &mut columns {
        col.top = content_top + (content - col.height()) / 2.0;
        let mut y = col.top;
        for b in &mut col.boxes {
            b.top = y;
            y += b.height + BOX_GAP;
        }
    }
    Layout {
        columns,
        heading_top,
        rule_y,
        height: (content_top + content + MARGIN).ceil() as u32,
    }
}

/// Wraps the texts of one step to the inner width of a box.
fn measure(step: &Step) -> StepBox<'_> {
    let inner = column_width() - 2.0 * PAD;
    let bold = if step.level == Level::Long { BOLD } else { 1.0 };
    let text = wrap(&step.text, STEP_FONT * bold, inner);
    let (value, mark) = match &step.status {
        Some(s) => (
            wrap(&s.value, STATUS_FONT * BOLD, inner),
            wrap(mark(s.good), STATUS_FONT * BOLD, inner),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let mut b = StepBox {
        step,
        text,
        value,
        mark,
        top: 0.0,
        height: 0.0,
    };
    b.height = 2.0 * PAD + block(b.text.len().max(1), STEP_FONT) + b.status_height();
    b
}

/// The marker of a status: a symbol and words, so it does not rely on colour.
fn mark(good: Option<bool>) -> &'static str {
    match good {
        Some(true) => "▲ i ønsket retning",
        Some(false) => "▼ ikke i ønsket retning",
        None => "? ukendt retning",
    }
}

/// Word-wraps `text` into lines no wider than `max` at `size`, breaking
/// over-long words at hyphens or, failing that, anywhere with a "-".
/// After [`MAX_LINES`] lines the text is cut with "…".
fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut pieces = split_word(word, size, max).into_iter();
        let first = pieces.next().unwrap_or_default();
        let joined = format!("{line} {first}");
        if line.is_empty() {
            line = first;
        } else if text_width(&joined, size) <= max {
            line = joined;
        } else {
            lines.push(std::mem::replace(&mut line, first));
        }
        // The rest of a split word starts new lines.
        for piece in pieces {
            lines.push(std::mem::replace(&mut line, piece));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = lines.pop().unwrap_or_default();
        lines.push(truncate(&format!("{last}…"), size, max));
    }
    lines
}

/// Splits one word into pieces that each fit in `max`: first after its own
/// hyphens ("First-|principperne"), then anywhere, adding a hyphen.
fn split_word(word: &str, size: f64, max: f64) -> Vec<String> {
    if text_width(word, size) <= max {
        return vec![word.to_string()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for segment in word.split_inclusive('-') {
        let joined = format!("{current}{segment}");
        if text_width(&joined, size) <= max {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
        }
        let mut parts = hard_split(segment, size, max);
        current = parts.pop().unwrap_or_default();
        pieces.extend(parts);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Cuts a word without hyphens into pieces that fit in `max`, each but the
/// last ending in "-". Every piece holds at least one character.
fn hard_split(word: &str, size: f64, max: f64) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = word.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let rest_fits = i + 1 == chars.len() && text_width(&format!("{current}{c}"), size) <= max;
        let with_hyphen = text_width(&format!("{current}{c}-"), size);
        if !current.is_empty() && with_hyphen > max && !rest_fits {
            pieces.push(format!("{current}-"));
            current.clear();
        }
        current.push(*c);
    }
    pieces.push(current);
    pieces
}

/// The column headings, centred, with a rule under each column.
fn headings(out: &mut String, lay: &Layout) {
    let w = column_width();
    out.push_str(r#"<g class="levels">"#);
    for col in &lay.columns {
        let cx = col.x + w / 2.0;
        for (i, line) in col.heading.iter().enumerate() {
            let y = lay.heading_top + FONT_LABEL * 0.8 + i as f64 * FONT_LABEL * LEADING;
            Text::new(cx, y, line, FONT_LABEL)
                .anchor(Anchor::Middle)
                .bold(true)
                .class("level-label")
                .write(out);
        }
        let stroke = format!(r#" stroke="{INK}" stroke-width="1.5""#);
        svg::line(out, "level-rule", (col.x, lay.rule_y), (col.x + w, lay.rule_y), &stroke);
    }
    out.push_str("</g>");
}

/// Connectors from every box of `left` to every box of `right`: stubs to a
/// vertical bus in the gap, and arrows from the bus into each right box.
fn connect(out: &mut String, left: &Column, right: &Column) {
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
fn draw_step(out: &mut String, x: f64, b: &StepBox) {
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
    let bold = step.level == Level::Long;
    lines(out, &b.text, x + w / 2.0, b.top + PAD, STEP_FONT, bold, "step-text");
    out.push_str("</g>");
}

/// The tinted band at the bottom of a box with the status value (bold)
/// and the marker (bold when the step is not moving in the desired
/// direction, as that is where to act).
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
    lines(out, &b.value, cx, top + PAD, STATUS_FONT, true, "step-value");
    let mark_top = top + PAD + b.value.len() as f64 * STATUS_FONT * LEADING;
    let bad = b.step.status.as_ref().and_then(|s| s.good) == Some(false);
    lines(out, &b.mark, cx, mark_top, STATUS_FONT, bad, "step-mark");
}

/// Centred lines of text, the first line's top at `top`.
fn lines(out: &mut String, lines: &[String], cx: f64, top: f64, size: f64, bold: bool, class: &str) {
    for (i, line) in lines.iter().enumerate() {
        let y = top + size * 0.8 + i as f64 * size * LEADING;
        Text::new(cx, y, line, size)
            .anchor(Anchor::Middle)
            .bold(bold)
            .class(class)
            .write(out);
    }
}

/// The placeholder of an empty column: a dashed outline with a muted "–".
fn draw_empty(out: &mut String, col: &Column) {
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
