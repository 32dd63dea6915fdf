//! Laying out a theory of change: wrapping every text, sizing every box and
//! placing the columns.

use super::*;
use crate::render::charts::svg::{FONT_LABEL, MARGIN, TITLE_HEIGHT, WIDTH};
use crate::render::charts::text::wrap;

/// A step with its wrapped lines and its place in the column.
pub(super) struct StepBox<'a> {
    pub(super) step: &'a Step,
    pub(super) text: Vec<String>,
    pub(super) value: Vec<String>,
    pub(super) mark: Vec<String>,
    /// Top edge, set when the column is placed.
    pub(super) top: f64,
    pub(super) height: f64,
}

impl StepBox<'_> {
    /// Height of the status band at the bottom (0 without a status).
    pub(super) fn status_height(&self) -> f64 {
        if self.step.status.is_none() {
            return 0.0;
        }
        2.0 * PAD + block(self.value.len() + self.mark.len(), STATUS_FONT)
    }
}

/// One column: its heading and its boxes, stacked from `top`.
pub(super) struct Column<'a> {
    pub(super) x: f64,
    pub(super) heading: Vec<String>,
    pub(super) boxes: Vec<StepBox<'a>>,
    pub(super) top: f64,
}

impl Column<'_> {
    /// Height of the stacked boxes, or of the placeholder when empty.
    pub(super) fn height(&self) -> f64 {
        if self.boxes.is_empty() {
            return EMPTY_HEIGHT;
        }
        let boxes: f64 = self.boxes.iter().map(|b| b.height).sum();
        boxes + BOX_GAP * (self.boxes.len() - 1) as f64
    }

    /// Vertical centres of the boxes (or the placeholder), where the
    /// connectors meet the column.
    pub(super) fn anchors(&self) -> Vec<f64> {
        if self.boxes.is_empty() {
            return vec![self.top + EMPTY_HEIGHT / 2.0];
        }
        self.boxes.iter().map(|b| b.top + b.height / 2.0).collect()
    }
}

/// The whole diagram, placed.
pub(super) struct Layout<'a> {
    pub(super) columns: Vec<Column<'a>>,
    pub(super) heading_top: f64,
    pub(super) rule_y: f64,
    pub(super) height: u32,
}

/// Width of every column.
pub(super) fn column_width() -> f64 {
    (f64::from(WIDTH) - 2.0 * MARGIN - 3.0 * GAP) / 4.0
}

/// Height of `lines` lines of text at `size`, from the top of the first
/// line to the bottom of the last line's descenders.
pub(super) fn block(lines: usize, size: f64) -> f64 {
    if lines == 0 {
        return 0.0;
    }
    (lines - 1) as f64 * size * LEADING + size
}

/// Wraps every text, sizes every box and centres the columns vertically
/// on the tallest one.
pub(super) fn layout(chart: &TheoryChart) -> Layout<'_> {
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
pub(super) struct Font {
    pub(super) size: f64,
    pub(super) bold: bool,
    pub(super) class: &'static str,
}

impl Font {
    /// Wraps `text` to `max` with this font's estimated width.
    pub(super) fn wrap(self, text: &str, max: f64) -> Vec<String> {
        wrap(
            text,
            self.size * if self.bold { BOLD } else { 1.0 },
            max,
            MAX_LINES,
        )
    }
}

/// Column headings.
pub(super) const HEADING: Font = Font {
    size: FONT_LABEL,
    bold: true,
    class: "level-label",
};

/// A status value, e.g. "8,2 pct. (2018)".
pub(super) const VALUE: Font = Font {
    size: STATUS_FONT,
    bold: true,
    class: "step-value",
};

/// The text of a step; the long-term goal is bold.
pub(super) fn text_font(step: &Step) -> Font {
    Font {
        size: STEP_FONT,
        bold: step.level == Level::Long,
        class: "step-text",
    }
}

/// The status marker; bold when the step is not moving in the desired
/// direction, as that is where to act.
pub(super) fn mark_font(good: Option<bool>) -> Font {
    Font {
        size: STATUS_FONT,
        bold: good == Some(false),
        class: "step-mark",
    }
}

/// Wraps the texts of one step to the inner width of a box.
pub(super) fn measure(step: &Step) -> StepBox<'_> {
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
pub(super) fn mark(good: Option<bool>) -> &'static str {
    match good {
        Some(true) => "▲ i ønsket retning",
        Some(false) => "▼ ikke i ønsket retning",
        None => "? ukendt retning",
    }
}
