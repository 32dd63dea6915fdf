//! The overview ("spine") chart: how one place is doing on every indicator
//! at once, after UK Fingertips' spine chart. One row per indicator: its
//! name (a link to its detail), the place's value and the network's as
//! text, then a strip on the row's own scale with the range of all cities
//! as a grey band, the target as a tall tick, the network as a black bar,
//! the whole country as a cross, and the place itself as a marker whose
//! shape *and* colour say better, similar, worse or not compared — so the
//! chart reads in greyscale. Better is always to the right, whatever the
//! indicator's direction; the last columns repeat the comparison and the
//! target status as symbols.
//!
//! The band is a range, never one marker per city: a 98-city network
//! draws as many elements per row as a 6-city one.

use super::svg::{self, escape, num, Anchor, Doc, Text};
use super::svg::{MARGIN, TITLE_HEIGHT, WIDTH};
use super::text::{truncate, wrap};
use std::fmt::Write;

mod draw;
mod layout;
use draw::*;
use layout::*;

/// How the place compares (with the rest of the network), drawn as the
/// marker's shape and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Better: a triangle pointing up.
    Better,
    /// Similar: a circle.
    Similar,
    /// Worse: a triangle pointing down.
    Worse,
    /// Not compared (a count, no interval, withheld figures): a hollow diamond.
    NotCompared,
}

/// One indicator's row.
#[derive(Debug, Clone)]
pub struct OverviewRow {
    /// The indicator's name.
    pub label: String,
    /// Where its detail is (relative link), if anywhere.
    pub href: Option<String>,
    /// The place's and the network's value as shown in tables ("8,2 pct.", "dis.").
    pub value: String,
    pub network_value: String,
    /// Positions on the row's scale (published values only).
    pub place: Option<f64>,
    pub network: Option<f64>,
    pub national: Option<f64>,
    /// The lowest and highest published value of the cities.
    pub range: Option<(f64, f64)>,
    /// The place's target value.
    pub target: Option<f64>,
    /// Higher values are better (else lower): decides which end is right.
    pub higher_is_better: bool,
    pub verdict: Verdict,
    /// The comparison and the target status as symbols ("+", "✔").
    pub comparison_symbol: String,
    pub status_symbol: String,
}

/// A legend entry's text for each mark, written by the caller (Danish).
#[derive(Debug, Clone)]
pub struct OverviewLegend {
    pub better: String,
    pub similar: String,
    pub worse: String,
    pub not_compared: String,
    pub network: String,
    pub national: String,
    pub range: String,
    pub target: String,
}

/// A spine chart of one place over many indicators.
#[derive(Debug, Clone)]
pub struct OverviewChart {
    /// Unique prefix for element ids on the page.
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Column heads: the place's name and the network's.
    pub place_head: String,
    pub network_head: String,
    pub rows: Vec<OverviewRow>,
    pub legend: OverviewLegend,
}

/// Renders an overview chart; its height grows with the number of rows.
pub fn overview(chart: &OverviewChart) -> String {
    let lay = layout(chart);
    let doc = Doc {
        id: &chart.id,
        kind: "overview",
        title: &chart.title,
        desc: &chart.desc,
        width: WIDTH,
        height: lay.height,
    };
    // Rows link to their indicators: the root is no image (whose children a
    // screen reader would not reach, and links inside one are refused) but a
    // graphics document labelled by its title and description.
    let mut out = svg::open(&doc).replacen(r#" role="img""#, r#" role="graphics-document""#, 1);
    heads(&mut out, chart);
    for (i, row) in chart.rows.iter().enumerate() {
        draw_row(&mut out, row, &lay, i);
    }
    legend(&mut out, &chart.legend, &lay);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests;
