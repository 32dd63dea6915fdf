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

mod draw;
mod layout;
#[cfg(test)]
mod tests;

use super::svg::{self, Doc};
use super::svg::{FONT_TICK, WIDTH};
use draw::{connect, draw_empty, draw_step, headings};
use layout::layout;
use std::fmt::Write;

/// Horizontal space between columns, where the connectors run.
pub(super) const GAP: f64 = 26.0;
/// Space between a box's edge and its text.
pub(super) const PAD: f64 = 6.0;
/// Vertical space between the boxes of a column.
pub(super) const BOX_GAP: f64 = 12.0;
/// Font size of the step texts.
pub(super) const STEP_FONT: f64 = FONT_TICK;
/// Font size of the status value and marker.
pub(super) const STATUS_FONT: f64 = 11.5;
/// Line height as a multiple of the font size.
pub(super) const LEADING: f64 = 1.25;
pub(super) use super::svg::BOLD;
/// Longer texts are cut with "…" after this many lines.
pub(super) const MAX_LINES: usize = 12;
/// Height of the placeholder of an empty column.
pub(super) const EMPTY_HEIGHT: f64 = 30.0;
/// Corner radius of the boxes.
pub(super) const RADIUS: f64 = 5.0;
/// Box outlines and connectors: dark enough for print, lighter than text.
pub(super) const LINE: &str = "#555555";
/// Muted text and outlines (4.5:1 on white).
pub(super) const MUTED: &str = "#767676";

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
    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// The CSS class suffix and `data-level` value.
    pub(super) fn name(self) -> &'static str {
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
