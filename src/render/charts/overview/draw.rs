//! Drawing a laid-out overview chart: the head row, each indicator's row
//! and the legend. Shapes are written once each, as few elements as a row
//! needs.

use super::*;
use crate::render::charts::style::INK;

const BAND: &str = "#d4d4d4";
const STRIPE: &str = "#f3f3f3";
const GOOD: &str = "#1b6e3a";
const SIMILAR: &str = "#0072b2";
const BAD: &str = "#b3261e";

/// Column heads, and "better" pointing right above the strip.
pub(super) fn heads(out: &mut String, chart: &OverviewChart) {
    let y = TITLE_HEIGHT + HEAD - 10.0;
    let bold = |out: &mut String, x: f64, text: &str, anchor: Anchor, max: f64| {
        let text = truncate(text, FONT, max);
        Text::new(x, y, &text, FONT)
            .anchor(anchor)
            .bold(true)
            .write(out);
    };
    out.push_str(r#"<g class="heads">"#);
    bold(out, MARGIN, "Indikator", Anchor::Start, LABEL_W);
    bold(out, PLACE_RIGHT, &chart.place_head, Anchor::End, 62.0);
    bold(out, NETWORK_RIGHT, &chart.network_head, Anchor::End, 62.0);
    bold(out, COMPARE_X, "Sml.", Anchor::Middle, 30.0);
    bold(out, STATUS_X, "Mål", Anchor::Middle, 26.0);
    Text::new(STRIP.0, y, "← dårligere", FONT).write(out);
    Text::new(STRIP.1, y, "bedre →", FONT)
        .anchor(Anchor::End)
        .write(out);
    let _ = write!(
        out,
        r#"<path d="M{} {}H{}" stroke="{INK}" stroke-width="1.2"/>"#,
        num(MARGIN),
        num(TITLE_HEIGHT + HEAD - 3.0),
        WIDTH as f64 - MARGIN
    );
    out.push_str("</g>");
}

/// One indicator's row.
pub(super) fn draw_row(out: &mut String, row: &OverviewRow, lay: &Layout, i: usize) {
    let (top, h, lines) = &lay.rows[i];
    let (top, h) = (*top, *h);
    let mid = top + h / 2.0;
    out.push_str(r#"<g class="row">"#);
    if i % 2 == 1 {
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{STRIPE}"/>"#,
            num(MARGIN / 2.0),
            num(top),
            num(WIDTH as f64 - MARGIN),
            num(h)
        );
    }
    // The label, linked to the indicator's detail.
    if let Some(href) = &row.href {
        let _ = write!(out, r#"<a href="{}">"#, escape(href));
    }
    let first = mid - LINE * (lines.len() as f64 - 1.0) / 2.0 + LABEL_FONT * 0.36;
    for (k, line) in lines.iter().enumerate() {
        Text::new(MARGIN, first + LINE * k as f64, line, LABEL_FONT).write(out);
    }
    if row.href.is_some() {
        out.push_str("</a>");
    }
    let base = mid + FONT * 0.36;
    let value = truncate(&row.value, FONT, 62.0);
    let network_value = truncate(&row.network_value, FONT, 60.0);
    Text::new(PLACE_RIGHT, base, &value, FONT)
        .anchor(Anchor::End)
        .bold(true)
        .write(out);
    Text::new(NETWORK_RIGHT, base, &network_value, FONT)
        .anchor(Anchor::End)
        .write(out);
    if let Some(scale) = row_scale(row) {
        let x = |v: f64| strip_x(v, scale, row.higher_is_better);
        if let Some((a, b)) = row.range.filter(|(a, b)| a.is_finite() && b.is_finite()) {
            let (x0, x1) = (x(a).min(x(b)), x(a).max(x(b)));
            let _ = write!(
                out,
                r#"<rect class="range" x="{}" y="{}" width="{}" height="12" fill="{BAND}"/>"#,
                num(x0),
                num(mid - 6.0),
                num((x1 - x0).max(1.5))
            );
        }
        if let Some(t) = row.target.filter(|v| v.is_finite()) {
            let _ = write!(
                out,
                r#"<path class="target" d="M{} {}v22" stroke="{INK}" stroke-width="1.5"/>"#,
                num(x(t)),
                num(mid - 11.0)
            );
        }
        if let Some(n) = row.network.filter(|v| v.is_finite()) {
            let _ = write!(
                out,
                r##"<rect class="network" x="{}" y="{}" width="4" height="16" fill="#000000"/>"##,
                num(x(n) - 2.0),
                num(mid - 8.0)
            );
        }
        if let Some(n) = row.national.filter(|v| v.is_finite()) {
            let (cx, s) = (x(n), 4.0);
            let _ = write!(
                out,
                r##"<path class="national" d="M{} {}l8 8m0 -8l-8 8" stroke="#000000" stroke-width="1.6"/>"##,
                num(cx - s),
                num(mid - s)
            );
        }
        if let Some(v) = row.place.filter(|v| v.is_finite()) {
            verdict_marker(out, row.verdict, (x(v), mid), true);
        }
    }
    Text::new(COMPARE_X, base, &row.comparison_symbol, FONT + 1.0)
        .anchor(Anchor::Middle)
        .bold(true)
        .write(out);
    Text::new(STATUS_X, base, &row.status_symbol, FONT + 1.0)
        .anchor(Anchor::Middle)
        .bold(true)
        .write(out);
    out.push_str("</g>");
}

/// The place's marker: shape and colour by verdict, a white edge. Only the
/// rows' markers carry the class `place <verdict>` (tests and CSS count them).
pub(super) fn verdict_marker(out: &mut String, verdict: Verdict, (x, y): (f64, f64), row: bool) {
    let (cx, cy) = (num(x), num(y));
    let class = |c: &str| {
        if row {
            format!(r#" class="place {c}""#)
        } else {
            String::new()
        }
    };
    let edge = r##"stroke="#ffffff" stroke-width="1.2""##;
    let _ = match verdict {
        Verdict::Better => write!(
            out,
            r#"<path{} d="M{cx} {cy}m0 -7l7 12h-14z" fill="{GOOD}" {edge}/>"#,
            class("better")
        ),
        Verdict::Worse => write!(
            out,
            r#"<path{} d="M{cx} {cy}m0 7l7 -12h-14z" fill="{BAD}" {edge}/>"#,
            class("worse")
        ),
        Verdict::Similar => write!(
            out,
            r#"<circle{} cx="{cx}" cy="{cy}" r="6" fill="{SIMILAR}" {edge}/>"#,
            class("similar")
        ),
        Verdict::NotCompared => write!(
            out,
            r##"<path{} d="M{cx} {cy}m0 -7l7 7l-7 7l-7 -7z" fill="#ffffff" stroke="{INK}" stroke-width="1.6"/>"##,
            class("none")
        ),
    };
}

/// The legend: four rows of two entries, each mark drawn as in the rows.
pub(super) fn legend(out: &mut String, l: &OverviewLegend, lay: &Layout) {
    out.push_str(r#"<g class="legend">"#);
    let cols = [MARGIN + 12.0, WIDTH as f64 / 2.0 + 12.0];
    let max = WIDTH as f64 / 2.0 - 40.0;
    let entries: [(&str, &String); 8] = [
        ("better", &l.better),
        ("range", &l.range),
        ("similar", &l.similar),
        ("network", &l.network),
        ("worse", &l.worse),
        ("national", &l.national),
        ("none", &l.not_compared),
        ("target", &l.target),
    ];
    for (k, (mark, label)) in entries.iter().enumerate() {
        let x = cols[k % 2];
        let y = lay.legend_top + LEGEND_ROW * (k / 2) as f64 + LEGEND_ROW / 2.0;
        match *mark {
            "better" => verdict_marker(out, Verdict::Better, (x, y), false),
            "similar" => verdict_marker(out, Verdict::Similar, (x, y), false),
            "worse" => verdict_marker(out, Verdict::Worse, (x, y), false),
            "none" => verdict_marker(out, Verdict::NotCompared, (x, y), false),
            "range" => {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="22" height="12" fill="{BAND}"/>"#,
                    num(x - 11.0),
                    num(y - 6.0)
                );
            }
            "network" => {
                let _ = write!(
                    out,
                    r##"<rect x="{}" y="{}" width="4" height="16" fill="#000000"/>"##,
                    num(x - 2.0),
                    num(y - 8.0)
                );
            }
            "national" => {
                let _ = write!(
                    out,
                    r##"<path d="M{} {}l8 8m0 -8l-8 8" stroke="#000000" stroke-width="1.6"/>"##,
                    num(x - 4.0),
                    num(y - 4.0)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    r#"<path d="M{} {}v22" stroke="{INK}" stroke-width="1.5"/>"#,
                    num(x),
                    num(y - 11.0)
                );
            }
        }
        let text = truncate(label, FONT, max);
        Text::new(x + 18.0, y + FONT * 0.36, &text, FONT).write(out);
    }
    out.push_str("</g>");
}
