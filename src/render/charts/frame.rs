//! The plot frame drawn by plotters: grid lines, axis lines, ticks and tick
//! labels inside a given rectangle, plus the coordinate mapping that every
//! hand-drawn element uses so it lines up with plotters' grid.

use super::scale::TickAxis;
use super::svg::{plotters_body, FONT_TICK};
use plotters::prelude::*;

/// Pixel coordinates (user units) of the plotting area.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rect {
    pub left: u32,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
}

/// Maps data coordinates to SVG user units; y grows downwards.
pub(super) type Coord = Cartesian2d<TickAxis, TickAxis>;

/// Which axis carries the values (and so the grid lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Grid {
    /// Horizontal grid lines across a vertical value axis (trend charts).
    Horizontal,
    /// Vertical grid lines across a horizontal value axis (bar charts).
    Vertical,
}

/// What plotters should draw around the plot.
pub(super) struct FrameSpec<'a> {
    pub size: (u32, u32),
    pub rect: Rect,
    pub x: TickAxis,
    pub y: TickAxis,
    pub grid: Grid,
    pub x_label: &'a dyn Fn(&f64) -> String,
    pub y_label: &'a dyn Fn(&f64) -> String,
}

/// Draws the frame with plotters; returns its SVG elements and the mapping.
pub(super) fn draw(spec: FrameSpec) -> (String, Coord) {
    let (width, height) = spec.size;
    let rect = spec.rect;
    let mut raw = String::new();
    let coord = {
        let root = SVGBackend::with_string(&mut raw, (width, height)).into_drawing_area();
        // plotters divides font sizes by 1.24 when it writes SVG.
        let font = ("sans-serif", FONT_TICK * 1.24)
            .into_font()
            .color(&RGBColor(0x22, 0x22, 0x22));
        let mut chart = ChartBuilder::on(&root)
            .margin_top(rect.top)
            .margin_right(width - rect.right)
            .y_label_area_size(rect.left)
            .x_label_area_size(height - rect.bottom)
            .build_cartesian_2d(spec.x, spec.y)
            .expect("drawing into a string cannot fail");
        let mut mesh = chart.configure_mesh();
        mesh.label_style(font)
            .axis_style(RGBColor(0x66, 0x66, 0x66))
            .bold_line_style(RGBColor(0xe3, 0xe3, 0xe3))
            .set_all_tick_mark_size(4)
            .x_label_formatter(spec.x_label)
            .y_label_formatter(spec.y_label);
        match spec.grid {
            Grid::Horizontal => mesh.disable_x_mesh(),
            Grid::Vertical => mesh.disable_y_mesh(),
        };
        mesh.draw().expect("drawing into a string cannot fail");
        let coord = chart.as_coord_spec().clone();
        root.present().expect("drawing into a string cannot fail");
        coord
    };
    (plotters_body(&raw), coord)
}

/// Maps a data point to SVG user units.
pub(super) fn at(coord: &Coord, x: f64, y: f64) -> (f64, f64) {
    let (px, py) = coord.translate(&(x, y));
    (f64::from(px), f64::from(py))
}

/// An axis without ticks or labels, for the bar charts' rows (which are
/// laid out by hand, one fixed height each).
pub(super) fn blank_axis() -> TickAxis {
    TickAxis {
        lo: 0.0,
        hi: 1.0,
        ticks: Vec::new(),
        decimals: 0,
    }
}
