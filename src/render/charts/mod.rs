//! SVG charts for the report site: trend lines, benchmark bars, the
//! overview (spine) chart of a place over all indicators and the
//! goal-fulfilment chart of the fact sheets.
//!
//! The caller maps its domain model to the plain specs defined here and
//! gets back a standalone SVG string per chart: scalable (a `viewBox`, no
//! fixed size, so CSS `width: 100%` works), accessible (`role="img"` with a
//! `<title>` and `<desc>`), readable in black and white (series differ by
//! dash and marker, not only colour), with Danish number formatting from
//! [`crate::format`]. plotters draws the grid, axes and tick labels and
//! provides the coordinate mapping; lines, bars, labels and legends are
//! written by hand so each element can be found by tests and CSS. Output is
//! deterministic: the same spec gives the same bytes.
//!
//! Hooks in the SVG (page CSS should not reuse these class names for other
//! things, as they would also style the charts): the root has classes
//! `chart chart-<kind>`; each trend series is a `<g class="series
//! strong|normal|faint" data-series="<label>">` with its `polyline`s and
//! `.pt` markers; each bar is a `<g class="bar [highlight]" data-bar="<label>">`;
//! each goal type a `<g class="goal-type" data-series="<label>">`. Lines
//! and texts carry `target`, `trajectory`, `reference`, `legend`,
//! `axis-caption`, `bar-label`, `bar-value` and `bar-missing`.

mod bars;
mod credit;
mod frame;
mod fulfilment;
mod legend;
mod map;
mod overview;
mod scale;
mod style;
mod svg;
mod text;
mod theory;
mod trend;

#[cfg(test)]
mod tests;

pub use bars::{bars, Bar, BarChart};
pub use credit::{with_credit, Credit};
pub use fulfilment::{fulfilment, FulfilmentChart, FulfilmentRow};
pub use map::{map, municipalities, MapArea, MapChart, MapClass, Pattern};
pub use overview::{overview, OverviewChart, OverviewLegend, OverviewRow, Verdict};
pub use scale::Unit;
pub use style::{palette_style, Dash, Emphasis, Marker, Style};
pub use theory::{theory, Level, Step, StepStatus, TheoryChart};
pub use trend::{trend, trend_small, Series, Trajectory, TrendChart};

/// A labelled reference value drawn across the plot: a target
/// ("Mål 2020: højst 9 pct.") or the network's value ("6-byerne: 8,2 pct.").
#[derive(Debug, Clone)]
pub struct TargetLine {
    /// The value in the chart's unit.
    pub value: f64,
    /// The text drawn next to the line.
    pub label: String,
}
