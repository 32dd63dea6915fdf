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
//! `step-box` rect, `step-text` lines and, with a status, a `step-band`
//! with `step-value` and `step-mark` lines; an empty column has a
//! `<g class="step-none">`; headings are `level-label` texts over a
//! `level-rule`; connectors are the `connector` and `arrowhead` paths in
//! `<g class="connectors">`.

use super::style::INK;
use super::svg::{self, num, text_width, truncate, Anchor, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use std::collections::VecDeque;
use std::fmt::Write;

/// Horizontal space between columns, where the connectors run.
const GAP: f64 = 26.0;
/// Space between a box's edge and its text.
const PAD: f64 = 6.0;
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
            heading: HEADING.wrap(label, w),
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

/// Size, weight and class of one kind of text.
#[derive(Debug, Clone, Copy)]
struct Font {
    size: f64,
    bold: bool,
    class: &'static str,
}

impl Font {
    /// Wraps `text` to `max` with this font's estimated width.
    fn wrap(self, text: &str, max: f64) -> Vec<String> {
        wrap(text, self.size * if self.bold { BOLD } else { 1.0 }, max)
    }

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

/// Column headings.
const HEADING: Font = Font {
    size: FONT_LABEL,
    bold: true,
    class: "level-label",
};

/// A status value, e.g. "8,2 pct. (2018)".
const VALUE: Font = Font {
    size: STATUS_FONT,
    bold: true,
    class: "step-value",
};

/// The text of a step; the long-term goal is bold.
fn text_font(step: &Step) -> Font {
    Font {
        size: STEP_FONT,
        bold: step.level == Level::Long,
        class: "step-text",
    }
}

/// The status marker; bold when the step is not moving in the desired
/// direction, as that is where to act.
fn mark_font(good: Option<bool>) -> Font {
    Font {
        size: STATUS_FONT,
        bold: good == Some(false),
        class: "step-mark",
    }
}

/// Wraps the texts of one step to the inner width of a box.
fn measure(step: &Step) -> StepBox<'_> {
    let inner = column_width() - 2.0 * PAD;
    let text = text_font(step).wrap(&step.text, inner);
    let (value, mark) = match &step.status {
        Some(s) => (
            VALUE.wrap(&s.value, inner),
            mark_font(s.good).wrap(mark(s.good), inner),
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

/// Word-wraps `text` into lines no wider than `max` at `size`. A word may
/// break after one of its hyphens to fill a line ("Housing First-|principperne");
/// a word wider than a line is split by [`split_word`]. After [`MAX_LINES`]
/// lines the text is cut with "…".
fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut words: VecDeque<String> = text.split_whitespace().map(String::from).collect();
    while let Some(word) = words.pop_front() {
        if !line.is_empty() {
            let joined = format!("{line} {word}");
            if text_width(&joined, size) <= max {
                line = joined;
                continue;
            }
            if let Some((head, tail)) = hyphen_break(&line, &word, size, max) {
                lines.push(format!("{line} {head}"));
                line.clear();
                words.push_front(tail.to_string());
                continue;
            }
            lines.push(std::mem::take(&mut line));
        }
        let mut pieces = split_word(&word, size, max);
        line = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
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

/// The longest part of `word` up to one of its hyphens that still fits
/// after `line`, and the rest. Both parts must be long enough to read
/// ("First-|principperne", not "6-|byerne").
fn hyphen_break<'w>(line: &str, word: &'w str, size: f64, max: f64) -> Option<(&'w str, &'w str)> {
    word.match_indices('-')
        .rev()
        .map(|(i, _)| word.split_at(i + 1))
        .find(|(head, tail)| {
            head.chars().count() > 4
                && tail.chars().count() >= 3
                && text_width(&format!("{line} {head}"), size) <= max
        })
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

/// Cuts a word into pieces that fit in `max`, each but the last ending in
/// "-". Every piece holds at least one character.
fn hard_split(word: &str, size: f64, max: f64) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest: Vec<char> = word.chars().collect();
    while rest.len() > 1 && text_width(&rest.iter().collect::<String>(), size) > max {
        let head: String = rest.drain(..break_at(&rest, size, max)).collect();
        pieces.push(format!("{head}-"));
    }
    pieces.push(rest.into_iter().collect());
    pieces
}

/// Where to cut an over-long word (`chars.len() >= 2`): after the last
/// linking "s" of a Danish compound that fits ("beskæftigelses-|indsats"),
/// else as late as fits while leaving a few letters for the next line.
fn break_at(chars: &[char], size: f64, max: f64) -> usize {
    const MIN_PIECE: usize = 3;
    let fits = |k: usize| {
        let head: String = chars[..k].iter().collect();
        text_width(&format!("{head}-"), size) <= max
    };
    let fit = (1..chars.len())
        .take_while(|&k| fits(k))
        .last()
        .unwrap_or(1);
    let linking = (MIN_PIECE + 2..=fit).rev().find(|&k| {
        chars[k - 1] == 's'
            && chars[k - 2] != 's'
            && chars.len() - k > MIN_PIECE
            && chars[k].is_alphabetic()
            && chars[k] != 's'
    });
    linking.unwrap_or_else(|| fit.min(chars.len().saturating_sub(MIN_PIECE)).max(1))
}

/// The column headings, centred, with a rule under each column.
fn headings(out: &mut String, lay: &Layout) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::{Reader, XmlVersion};
    use std::collections::BTreeMap;

    /// One parsed element with its attributes, text and enclosing step box.
    #[derive(Debug, Clone)]
    struct El {
        name: String,
        attrs: BTreeMap<String, String>,
        text: String,
        /// Index (in document order) of the enclosing `g.step`, if any.
        step: Option<usize>,
    }

    impl El {
        fn attr(&self, name: &str) -> &str {
            self.attrs.get(name).map_or("", String::as_str)
        }

        fn num(&self, name: &str) -> f64 {
            self.attr(name).parse().expect("numeric attribute")
        }
    }

    fn element(e: &BytesStart, step: Option<usize>) -> El {
        let attrs = super::super::tests::attributes(e);
        El {
            name: e.name().as_ref().to_string(),
            attrs,
            text: String::new(),
            step,
        }
    }

    /// Parses the SVG into its elements in document order; panics when it
    /// is not well-formed XML.
    fn parse(svg: &str) -> Vec<El> {
        let mut reader = Reader::from_str(svg);
        reader.config_mut().check_end_names = true;
        let (mut done, mut stack) = (Vec::<El>::new(), Vec::<usize>::new());
        let step_of = |done: &[El], stack: &[usize]| {
            stack.iter().rev().find_map(|&i| {
                let el: &El = &done[i];
                el.attr("class").starts_with("step ").then_some(i)
            })
        };
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => {
                    done.push(element(&e, step_of(&done, &stack)));
                    stack.push(done.len() - 1);
                }
                Event::Empty(e) => done.push(element(&e, step_of(&done, &stack))),
                Event::End(_) => {
                    stack.pop().expect("balanced tags");
                }
                Event::Text(t) => {
                    let text = t.xml_content(XmlVersion::Implicit1_0);
                    done[*stack.last().expect("inside root")]
                        .text
                        .push_str(&text);
                }
                Event::GeneralRef(r) => {
                    let text = match r.resolve_char_ref().expect("valid reference") {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&r)
                            .expect("known entity")
                            .to_string(),
                    };
                    done[*stack.last().expect("inside root")]
                        .text
                        .push_str(&text);
                }
                Event::Eof => break,
                other => panic!("unexpected XML event {other:?}"),
            }
        }
        assert!(stack.is_empty(), "unclosed elements");
        done
    }

    fn step(level: Level, text: &str, status: Option<(&str, Option<bool>)>) -> Step {
        Step {
            level,
            text: text.into(),
            status: status.map(|(value, good)| StepStatus {
                value: value.into(),
                good,
            }),
        }
    }

    /// Goal 6by-8 "Færre unge hjemløse" from the seed data, with a status
    /// on one medium-term step and on the goal.
    fn sample() -> TheoryChart {
        use Level::*;
        TheoryChart {
            id: "chart-test-theory".into(),
            title: "Forandringsteori: Færre unge hjemløse".into(),
            desc: "Fra indsatser over kort og mellemlang sigt til målet".into(),
            steps: vec![
                step(Activity, "Tidlig opsporing af unge i risiko for hjemløshed i samarbejde med ungdomsuddannelser, jobcenter, efterværn og herberger", None),
                step(Activity, "Bostøtte efter Housing First-principperne (CTI og ICM) til unge, der flytter i egen bolig", None),
                step(Short, "Unge i risiko for hjemløshed har en koordineret plan og en fast kontaktperson inden det 18. år", None),
                step(Short, "Unge, der bliver hjemløse, får hurtigt anvist en billig bolig eller en ungeboligplads", None),
                step(Medium, "Unge, der har været hjemløse, fastholder deres bolig i mindst et år efter indflytning", None),
                step(Medium, "Flere udsatte unge er i gang med eller har gennemført en ungdomsuddannelse", Some(("52,4 pct. (2018)", Some(true)))),
                step(Long, "Der er færre unge hjemløse i 6-byerne", Some(("1.102 personer (2017)", Some(false)))),
            ],
            level_labels: [
                "Indsatser".into(),
                "Kort sigt".into(),
                "Mellemlang sigt".into(),
                "Langt sigt".into(),
            ],
        }
    }

    fn view_box(els: &[El]) -> (f64, f64) {
        let v: Vec<f64> = els[0]
            .attr("viewBox")
            .split(' ')
            .map(|n| n.parse().expect("number"))
            .collect();
        assert_eq!(&v[..2], &[0.0, 0.0]);
        (v[2], v[3])
    }

    /// Estimated horizontal extent of a text element.
    fn extent(t: &El) -> (f64, f64) {
        let (x, size) = (t.num("x"), t.num("font-size"));
        // Bold step texts are wrapped with a wider estimate; the shared
        // title is truncated without one.
        let bold = t.attr("font-weight") == "bold" && t.attr("class") != "chart-title";
        let bold = if bold { BOLD } else { 1.0 };
        let w = text_width(&t.text, size) * bold;
        match t.attr("text-anchor") {
            "middle" => (x - w / 2.0, x + w / 2.0),
            "end" => (x - w, x),
            _ => (x, x + w),
        }
    }

    fn step_texts(els: &[El], step: usize) -> Vec<&El> {
        els.iter()
            .filter(|e| e.name == "text" && e.step == Some(step))
            .collect()
    }

    #[test]
    fn is_well_formed_and_accessible() {
        let chart = sample();
        let svg = theory(&chart);
        let els = parse(&svg);
        let root = &els[0];
        assert_eq!(root.name, "svg");
        assert_eq!(root.attr("role"), "img");
        assert_eq!(root.attr("class"), "chart chart-theory");
        assert_eq!(
            root.attr("aria-labelledby"),
            "chart-test-theory-title chart-test-theory-desc"
        );
        assert!(!root.attrs.contains_key("width") && !root.attrs.contains_key("height"));
        assert_eq!(els[1].name, "title");
        assert_eq!(els[1].attr("id"), "chart-test-theory-title");
        assert_eq!(els[1].text, chart.title);
        assert_eq!(els[2].name, "desc");
        assert_eq!(els[2].text, chart.desc);
        // Danish letters are kept as UTF-8.
        assert!(svg.contains("Færre unge hjemløse") && svg.contains("ønsket"));
    }

    #[test]
    fn renders_one_box_per_step_with_headings_and_status() {
        let els = parse(&theory(&sample()));
        for (level, n) in [("activity", 2), ("short", 2), ("medium", 2), ("long", 1)] {
            let class = format!("step step-{level}");
            let boxes = els.iter().filter(|e| e.attr("class") == class).count();
            assert_eq!(boxes, n, "{level}");
        }
        let labels: Vec<&str> = els
            .iter()
            .filter(|e| e.attr("class") == "level-label")
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(
            labels,
            ["Indsatser", "Kort sigt", "Mellemlang sigt", "Langt sigt"]
        );
        let status: Vec<&str> = els.iter().map(|e| e.attr("data-status")).collect();
        assert_eq!(status.iter().filter(|s| **s == "good").count(), 1);
        assert_eq!(status.iter().filter(|s| **s == "bad").count(), 1);
        let text_of = |class: &str| -> Vec<String> {
            els.iter()
                .filter(|e| e.attr("class") == class)
                .map(|e| e.text.clone())
                .collect()
        };
        let values = text_of("step-value").join(" ");
        assert_eq!(values, "52,4 pct. (2018) 1.102 personer (2017)");
        let marks = text_of("step-mark").join(" ");
        assert!(marks.contains("▲ i ønsket retning"), "{marks}");
        assert!(marks.contains("▼ ikke i ønsket"), "{marks}");
        assert!(els.iter().all(|e| e.attr("class") != "step-none"));
        // Three gaps, each with connectors and arrowheads.
        assert_eq!(
            els.iter()
                .filter(|e| e.attr("class") == "arrowhead")
                .count(),
            3
        );
    }

    #[test]
    fn long_texts_wrap_and_stay_inside_their_box() {
        let mut chart = sample();
        chart.steps.push(step(
            Level::Short,
            "Borgere på kontanthjælp oplever en sammenhængende beskæftigelsesindsats \
             fra jobcenter, misbrugsbehandling og socialpsykiatri (Københavnsmodellen)",
            Some(("ukendt – ikke opgjort siden 2016", None)),
        ));
        let els = parse(&theory(&chart));
        let steps: Vec<usize> = (0..els.len())
            .filter(|&i| els[i].attr("class").starts_with("step "))
            .collect();
        assert_eq!(steps.len(), 8);
        for &s in &steps {
            let rect = els
                .iter()
                .find(|e| e.step == Some(s) && e.attr("class") == "step-box")
                .expect("a box per step");
            let (x, y) = (rect.num("x"), rect.num("y"));
            let (w, h) = (rect.num("width"), rect.num("height"));
            let texts = step_texts(&els, s);
            assert!(texts.len() >= 2, "step {s} is wrapped");
            for t in texts {
                let (left, right) = extent(t);
                let (top, base) = (t.num("y") - t.num("font-size"), t.num("y"));
                assert!(
                    left >= x + 2.0 && right <= x + w - 2.0,
                    "{:?} overflows",
                    t.text
                );
                assert!(
                    top >= y && base <= y + h - 2.0,
                    "{:?} outside vertically",
                    t.text
                );
            }
        }
        let lines = steps
            .iter()
            .map(|&s| step_texts(&els, s))
            .find(|t| t.iter().any(|e| e.text.contains("Københavns")))
            .expect("the added step");
        assert!(
            lines
                .iter()
                .filter(|t| t.attr("class") == "step-text")
                .count()
                >= 5
        );
        let marks: Vec<&str> = lines
            .iter()
            .filter(|t| t.attr("class") == "step-mark")
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(marks, ["? ukendt retning"]);
    }

    #[test]
    fn every_text_lies_inside_the_view_box() {
        let mut chart = sample();
        chart.title = "En meget lang titel ".repeat(10);
        let els = parse(&theory(&chart));
        let (w, h) = view_box(&els);
        for t in els.iter().filter(|e| e.name == "text") {
            let (left, right) = extent(t);
            let (y, size) = (t.num("y"), t.num("font-size"));
            assert!(
                left >= 0.0 && right <= w,
                "{:?} spans {left}..{right}",
                t.text
            );
            assert!(y - size >= 0.0 && y <= h, "{:?} at y {y} of {h}", t.text);
        }
        for r in els.iter().filter(|e| e.name == "rect") {
            let at = |name| r.attr(name).parse().unwrap_or(0.0);
            let (x, y): (f64, f64) = (at("x"), at("y"));
            assert!(x + r.num("width") <= w && y + r.num("height") <= h);
        }
    }

    #[test]
    fn empty_columns_keep_their_heading_and_show_a_dash() {
        let mut chart = sample();
        chart
            .steps
            .retain(|s| matches!(s.level, Level::Activity | Level::Long));
        let els = parse(&theory(&chart));
        let empty: Vec<&El> = els
            .iter()
            .filter(|e| e.name == "text" && e.attr("class") == "step-none-text")
            .collect();
        assert_eq!(empty.len(), 2);
        assert!(empty.iter().all(|e| e.text == "–"));
        assert_eq!(
            els.iter()
                .filter(|e| e.attr("class") == "level-label")
                .count(),
            4
        );
        let none = parse(&theory(&TheoryChart {
            steps: Vec::new(),
            ..sample()
        }));
        let dashes = none
            .iter()
            .filter(|e| e.attr("class") == "step-none")
            .count();
        assert_eq!(dashes, 4);
    }

    #[test]
    fn text_is_escaped_and_output_is_deterministic() {
        let mut chart = sample();
        chart.steps[0].text = "Mål <b>\"A\" & 'B'</b>".into();
        chart.id = "a\"b".into();
        let svg = theory(&chart);
        let els = parse(&svg);
        let first = els
            .iter()
            .position(|e| e.attr("class").starts_with("step "))
            .expect("a step");
        let text: Vec<&str> = step_texts(&els, first)
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(text.join(" "), "Mål <b>\"A\" & 'B'</b>");
        assert_eq!(svg, theory(&chart.clone()));
        assert_eq!(theory(&sample()), theory(&sample()));
    }

    #[test]
    fn wrap_keeps_every_word_and_fits_the_width() {
        let text = "Housing First-principperne og beskæftigelsesindsatsbekendtgørelsen \
                    gælder for alle";
        let max = 100.0;
        let lines = wrap(text, STEP_FONT, max);
        assert!(lines.len() >= 4, "{lines:?}");
        for line in &lines {
            assert!(text_width(line, STEP_FONT) <= max, "{line:?}");
        }
        assert!(lines.iter().any(|l| l.ends_with("First-")), "{lines:?}");
        let joined: String = lines
            .iter()
            .map(|l| {
                l.strip_suffix('-')
                    .filter(|_| !l.ends_with("First-"))
                    .unwrap_or(l)
            })
            .map(|l| {
                if l.ends_with('-') {
                    l.to_string()
                } else {
                    format!("{l} ")
                }
            })
            .collect();
        let squeezed = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squeezed(&joined), squeezed(text));
        let many = wrap(&"ord ".repeat(500), STEP_FONT, max);
        assert_eq!(many.len(), MAX_LINES);
        assert!(many[MAX_LINES - 1].ends_with('…'));
        assert!(wrap("", STEP_FONT, max).is_empty());
        assert_eq!(wrap("x", STEP_FONT, 1.0), ["x"]);
    }
}
