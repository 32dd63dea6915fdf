//! Line and marker styles: the colour-blind-safe palette, dash patterns and
//! the SVG shapes of point markers.
//!
//! Every series differs from its neighbours by colour *and* dash *and*
//! marker, so a chart still reads when printed in black and white.

use super::svg::num;
use std::fmt::Write;

/// Okabe–Ito colours, ordered so that neighbouring indices contrast most.
/// Okabe–Ito's yellow (#F0E442) is left out: on white paper it is nearly
/// invisible (contrast 1.2:1). So is its black, which stays free for the
/// network and national lines that callers conventionally draw in black/grey.
const PALETTE: [&str; 6] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
];

/// Colour of faint context series ("Øvrige kommuner").
pub(super) const FAINT_COLOR: &str = "#c4c4c4";
/// Colour of axis text, labels and reference lines.
pub(super) const INK: &str = "#222222";

/// How a line is stroked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// An unbroken line.
    Solid,
    /// Long dashes.
    Dashed,
    /// Round dots.
    Dotted,
}

/// The symbol drawn at each data point of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A filled circle.
    Circle,
    /// A filled square.
    Square,
    /// A filled triangle pointing up.
    Triangle,
    /// A filled diamond.
    Diamond,
    /// An upright cross (×).
    Cross,
    /// No symbol; isolated points are still shown as a small dot.
    None,
}

/// How much a series stands out from the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// The page's own city or the network: thick, drawn on top.
    Strong,
    /// Another city in a small network: regular weight with its own legend entry.
    Normal,
    /// Context among many cities: thin light grey without markers, summarised
    /// as a single legend entry.
    Faint,
}

/// The visual identity of a series or bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// Colour as `#rrggbb`.
    pub color: String,
    /// Dash pattern of the line.
    pub dash: Dash,
    /// Marker drawn at each point.
    pub marker: Marker,
}

/// The style for the `index`-th series: Okabe–Ito colour plus a dash pattern
/// and a marker that change with every index, so neighbours differ in all
/// three, no two of the first 30 indices look alike, and the first 15 differ
/// by dash and marker alone (greyscale print).
pub fn palette_style(index: usize) -> Style {
    const DASHES: [Dash; 3] = [Dash::Solid, Dash::Dashed, Dash::Dotted];
    const MARKERS: [Marker; 5] = [
        Marker::Circle,
        Marker::Square,
        Marker::Triangle,
        Marker::Diamond,
        Marker::Cross,
    ];
    Style {
        color: PALETTE[index % PALETTE.len()].to_string(),
        dash: DASHES[index % DASHES.len()],
        marker: MARKERS[index % MARKERS.len()],
    }
}

/// Stroke width and marker radius for an emphasis level.
pub(super) fn weight(emphasis: Emphasis) -> (f64, f64) {
    match emphasis {
        Emphasis::Strong => (3.5, 5.0),
        Emphasis::Normal => (2.0, 3.8),
        Emphasis::Faint => (1.0, 1.6),
    }
}

/// SVG stroke attributes (leading space included) for a line.
pub(super) fn stroke_attrs(color: &str, width: f64, dash: Dash) -> String {
    let mut out = format!(
        r#" fill="none" stroke="{color}" stroke-width="{}" stroke-linejoin="round""#,
        num(width)
    );
    match dash {
        Dash::Solid => {}
        Dash::Dashed => {
            let _ = write!(
                out,
                r#" stroke-dasharray="{} {}""#,
                num(width * 3.5 + 3.0),
                num(width * 1.5 + 2.0)
            );
        }
        Dash::Dotted => {
            let _ = write!(
                out,
                r#" stroke-dasharray="0.1 {}" stroke-linecap="round""#,
                num(width * 2.0 + 1.0)
            );
        }
    }
    out
}

/// Appends one marker centred on `(x, y)` with radius `r`, tagged
/// `class="pt"` so tests and CSS can count points. Filled shapes get a thin
/// white edge so overlapping markers stay apart.
///
/// `Marker::None` draws a small dot: it is only requested for isolated
/// points, which would otherwise vanish.
pub(super) fn marker(out: &mut String, marker: Marker, color: &str, (x, y): (f64, f64), r: f64) {
    let halo = r##"stroke="#ffffff" stroke-width="1""##;
    let (x, y) = (num(x), num(y));
    let _ = match shape(marker, r) {
        None => {
            let r = if marker == Marker::None { r * 0.7 } else { r };
            write!(
                out,
                r#"<circle class="pt" cx="{x}" cy="{y}" r="{}" fill="{color}" {halo}/>"#,
                num(r)
            )
        }
        Some(d) if marker == Marker::Cross => write!(
            out,
            r#"<path class="pt" d="M{x} {y}{d}" fill="none" stroke="{color}" stroke-width="{}"/>"#,
            num(r * 0.55)
        ),
        Some(d) => write!(
            out,
            r#"<path class="pt" d="M{x} {y}{d}" fill="{color}" {halo}/>"#
        ),
    };
}

/// A marker drawn as an outline on white (`class="pt partial"`): a point that
/// does not cover what the rest of its line covers.
pub(super) fn hollow_marker(
    out: &mut String,
    marker: Marker,
    color: &str,
    (x, y): (f64, f64),
    r: f64,
) {
    let edge = format!(r##"fill="#ffffff" stroke="{color}" stroke-width="1.5""##);
    let (x, y) = (num(x), num(y));
    let _ = match shape(marker, r) {
        Some(d) if marker != Marker::Cross => {
            write!(out, r#"<path class="pt partial" d="M{x} {y}{d}" {edge}/>"#)
        }
        _ => write!(
            out,
            r#"<circle class="pt partial" cx="{x}" cy="{y}" r="{}" {edge}/>"#,
            num(r)
        ),
    };
}

/// Path commands, relative to the centre, for markers that are not circles.
fn shape(marker: Marker, r: f64) -> Option<String> {
    let path = |moves: &[(char, f64, f64)]| {
        moves
            .iter()
            .map(|(c, dx, dy)| format!("{c}{} {}", num(*dx), num(*dy)))
            .collect::<String>()
    };
    let (s, h) = (r * 0.9, r * 1.2);
    Some(match marker {
        Marker::Circle | Marker::None => return None,
        Marker::Square => {
            path(&[
                ('m', -s, -s),
                ('l', 2.0 * s, 0.0),
                ('l', 0.0, 2.0 * s),
                ('l', -2.0 * s, 0.0),
            ]) + "z"
        }
        Marker::Triangle => path(&[('m', 0.0, -h), ('l', h, 1.75 * h), ('l', -2.0 * h, 0.0)]) + "z",
        Marker::Diamond => path(&[('m', 0.0, -h), ('l', h, h), ('l', -h, h), ('l', -h, -h)]) + "z",
        Marker::Cross => path(&[
            ('m', -s, -s),
            ('l', 2.0 * s, 2.0 * s),
            ('m', 0.0, -2.0 * s),
            ('l', -2.0 * s, 2.0 * s),
        ]),
    })
}
