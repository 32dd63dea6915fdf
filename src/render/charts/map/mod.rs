//! A map of Denmark's 98 municipalities (static SVG, no script, no tiles):
//! each municipality of the chart coloured by a class — how it compares with
//! the country (bedre / på niveau / dårligere / ikke sammenlignet, as UK
//! Fingertips maps it) or one of five value classes — and the rest greyed.
//! Every class has a pattern as well as a colour, so the map reads in
//! black and white; every municipality has a `<title>` with its figure.
//! Bornholm is drawn in an inset in the top right corner.
//!
//! Boundaries: `kommuner.txt`, made once by `assets/map/make.py` from DAGI
//! (Geodatastyrelsen og Danske Kommuner, 2014), projected to ETRS89 / UTM
//! zone 32N and simplified topology-preserving with mapshaper.
//!
//! Hooks: the root has classes `chart chart-map`; each municipality is a
//! `<path class="area [in-chart]" data-code="<kommunekode>" data-class="<class id>">`
//! with its `<title>`; legend swatches are `map-key` rects, the source line
//! a `chart-source` text and the inset frame a `map-inset` rect.

mod boundaries;
mod draw;
mod layout;

use super::svg::{self, escape, num, Doc, Text};
use super::svg::{FONT_LABEL, FONT_TICK, MARGIN, TITLE_HEIGHT, WIDTH};
use super::text::{text_width, truncate};
pub use boundaries::{municipalities, Municipality};
use draw::*;
use layout::*;
use std::fmt::Write;

/// How a class is filled: a colour and, for greyscale, a pattern over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Solid,
    /// Dark diagonal lines.
    Hatch,
    /// Dots on the colour.
    Dots,
}

/// One class of the legend: what its municipalities share.
#[derive(Debug, Clone)]
pub struct MapClass {
    /// Stable id for `data-class`, e.g. "better" or "q3".
    pub id: String,
    /// Legend text, e.g. "Bedre end hele landet" or "8,2–9,6 pct.".
    pub label: String,
    /// Fill colour as `#rrggbb`.
    pub color: String,
    pub pattern: Pattern,
}

/// A municipality of the chart.
#[derive(Debug, Clone)]
pub struct MapArea {
    /// Kommunekode, e.g. 101.
    pub code: u16,
    /// Index into the chart's classes.
    pub class: usize,
    /// The tooltip and accessible text: name, figure, interval, class.
    pub title: String,
}

/// A map of the municipalities.
#[derive(Debug, Clone)]
pub struct MapChart {
    /// Unique prefix for element ids on the page.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub classes: Vec<MapClass>,
    /// The municipalities with a class; all others are drawn grey.
    pub areas: Vec<MapArea>,
    /// Legend text for the grey municipalities, e.g. "Ikke i netværket".
    pub other_label: String,
    /// A line under the legend saying how classes were made (may be empty).
    pub method: String,
    /// The source line, e.g. "Kilde: Geodatastyrelsen og Danske Kommuner (DAGI)".
    pub source: String,
}

/// Renders a map as a standalone, scalable SVG string.
pub fn map(chart: &MapChart) -> String {
    let lay = layout(chart);
    let mut out = svg::open(&Doc {
        id: &chart.id,
        kind: "map",
        title: &chart.title,
        desc: &chart.desc,
        width: WIDTH,
        height: lay.height,
    });
    patterns(&mut out, chart);
    areas(&mut out, chart, &lay);
    legend(&mut out, chart, &lay);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests;
