//! Drawing a laid-out trend chart: each series (a polyline per run of
//! consecutive values — a missing value, a break or a gap in time splits
//! the line, it is never bridged — error bars and markers; a partial point
//! stands alone, hollow and without an error bar), the target line and the
//! trajectory.

use super::*;
use crate::render::charts::svg::{escape, num};
use std::fmt::Write;

/// The dashed target line and the dotted trajectory, beneath the series.
pub(in crate::render::charts) fn target_lines(
    out: &mut String,
    chart: &TrendChart,
    time: &TimeAxis,
    coord: &Coord,
    rect: &Rect,
) {
    if let Some(t) = finite_target(chart) {
        let y = at(coord, 0.0, t.value).1;
        let (left, right) = (f64::from(rect.left), f64::from(rect.right));
        svg::line(
            out,
            "target",
            (left, y),
            (right, y),
            &style::stroke_attrs(INK, 1.5, Dash::Dashed),
        );
    }
    let finite = |t: &&Trajectory| t.from.1.is_finite() && t.to.1.is_finite();
    let x = |i: usize| time.xs.get(i).copied();
    if let Some(t) = chart.trajectory.as_ref().filter(finite) {
        let (Some(x0), Some(x1)) = (x(t.from.0), x(t.to.0)) else {
            return;
        };
        let from = at(coord, x0, t.from.1);
        let to = at(coord, x1, t.to.1);
        svg::line(
            out,
            "trajectory",
            from,
            to,
            &style::stroke_attrs(INK, 1.5, Dash::Dotted),
        );
    }
}

/// The target's label at the right end of its line: above it, or below it
/// when the line runs along the top of the plot.
pub(super) fn target_label(out: &mut String, label: &str, y: f64, rect: &Rect) {
    let text = truncate(label, FONT_LABEL, f64::from(rect.right - rect.left) - 8.0);
    let above = y - 5.0 - FONT_LABEL >= f64::from(rect.top);
    let y = if above { y - 5.0 } else { y + FONT_LABEL + 3.0 };
    Text::new(f64::from(rect.right) - 4.0, y, &text, FONT_LABEL)
        .anchor(Anchor::End)
        .halo()
        .class("target-label")
        .write(out);
}

/// Draws `s` on the time axis. Markerless and faint series still mark
/// isolated points, so a lone value never disappears.
pub(in crate::render::charts) fn draw_series(
    out: &mut String,
    s: &Series,
    coord: &Coord,
    time: &TimeAxis,
) {
    let faint = s.emphasis == Emphasis::Faint;
    let (width, radius) = style::weight(s.emphasis);
    let (color, dash, marker) = if faint {
        (FAINT_COLOR, Dash::Solid, Marker::None)
    } else {
        (s.style.color.as_str(), s.style.dash, s.style.marker)
    };
    let class = match s.emphasis {
        Emphasis::Strong => "strong",
        Emphasis::Normal => "normal",
        Emphasis::Faint => "faint",
    };
    let _ = write!(
        out,
        r#"<g class="series {class}" data-series="{}">"#,
        escape(&s.label)
    );
    if !faint {
        error_bars(out, s, coord, time);
    }
    let x = |i: usize| time.xs[i];
    let whole: Vec<Option<f64>> = (0..time.xs.len())
        .map(|i| {
            s.points
                .get(i)
                .copied()
                .flatten()
                .filter(|_| !s.partial.contains(&i))
        })
        .collect();
    let runs = segments(&whole, &s.breaks, |i, j| time.joins(i, j));
    let stroke = style::stroke_attrs(color, width, dash);
    for run in runs.iter().filter(|r| r.len() > 1) {
        let points: Vec<String> = run
            .iter()
            .map(|&(i, v)| {
                let (x, y) = at(coord, x(i), v);
                format!("{},{}", num(x), num(y))
            })
            .collect();
        let _ = write!(out, r#"<polyline points="{}"{stroke}/>"#, points.join(" "));
    }
    for run in runs
        .iter()
        .filter(|r| marker != Marker::None || r.len() == 1)
    {
        for &(i, v) in run {
            style::marker(out, marker, color, at(coord, x(i), v), radius);
        }
    }
    for &i in &s.partial {
        if let Some(v) = s.points.get(i).copied().flatten().filter(|v| v.is_finite()) {
            style::hollow_marker(out, marker, color, at(coord, x(i), v), radius);
        }
    }
    out.push_str("</g>");
}

/// Small charts: each series' name at the right of its last point, in its
/// colour, moved apart vertically so that no two overlap.
pub(super) fn end_labels(
    out: &mut String,
    chart: &TrendChart,
    coord: &Coord,
    time: &TimeAxis,
    rect: &Rect,
) {
    let mut labels: Vec<(f64, &str, &str, bool)> = chart
        .series
        .iter()
        .filter(|s| s.emphasis != Emphasis::Faint)
        .filter_map(|s| {
            let (i, v) = s
                .points
                .iter()
                .enumerate()
                .rev()
                .find_map(|(i, p)| p.filter(|v| v.is_finite()).map(|v| (i, v)))?;
            let x = time.xs.get(i).copied()?;
            let color = if s.style.color.is_empty() {
                INK
            } else {
                s.style.color.as_str()
            };
            let strong = s.emphasis == Emphasis::Strong;
            Some((at(coord, x, v).1, s.label.as_str(), color, strong))
        })
        .collect();
    if let Some(t) = finite_target(chart) {
        labels.push((at(coord, 0.0, t.value).1, TARGET_END_LABEL, INK, false));
    }
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Push down from the top, then back up from the bottom edge.
    let gap = FONT_TICK + 1.0;
    let (top, bottom) = (f64::from(rect.top) + 4.0, f64::from(rect.bottom) + 8.0);
    let mut ys: Vec<f64> = Vec::with_capacity(labels.len());
    for (y, ..) in &labels {
        let y = ys
            .last()
            .map_or(y.max(top), |&prev: &f64| y.max(prev + gap));
        ys.push(y);
    }
    let mut limit = bottom;
    for y in ys.iter_mut().rev() {
        *y = y.min(limit);
        limit = *y - gap;
    }
    let x = f64::from(rect.right) + 6.0;
    for ((_, label, color, strong), y) in labels.iter().zip(ys) {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}" class="end-label" fill="{color}"{}>{}</text>"#,
            num(x),
            num(y + FONT_TICK * 0.36),
            num(FONT_TICK),
            if *strong {
                r#" font-weight="bold""#
            } else {
                ""
            },
            escape(label)
        );
    }
}

/// Splits a series at its gaps, breaks and wherever `joins` says two
/// consecutive points lie too far apart, into runs of `(index, value)`.
pub(super) fn segments(
    points: &[Option<f64>],
    breaks: &[usize],
    joins: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<(usize, f64)>> {
    let mut runs: Vec<Vec<(usize, f64)>> = vec![Vec::new()];
    for (i, p) in points.iter().enumerate() {
        let last = runs.last().and_then(|r| r.last()).map(|&(j, _)| j);
        if last.is_some_and(|j| breaks.contains(&i) || !joins(j, i)) {
            runs.push(Vec::new());
        }
        match p {
            Some(v) if v.is_finite() => runs.last_mut().expect("never empty").push((i, *v)),
            _ if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
            _ => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// A vertical bar with end caps for each point's confidence interval.
pub(super) fn error_bars(out: &mut String, s: &Series, coord: &Coord, time: &TimeAxis) {
    let intervals = s.intervals.iter().take(time.xs.len()).enumerate();
    let finite = |(lo, hi): &(f64, f64)| lo.is_finite() && hi.is_finite();
    let whole = |i: &usize| !s.partial.contains(i);
    for (i, (lo, hi)) in intervals
        .filter(|(i, _)| whole(i))
        .filter_map(|(i, iv)| iv.filter(finite).map(|iv| (i, iv)))
    {
        let (x, y0) = at(coord, time.xs[i], lo);
        let y1 = at(coord, time.xs[i], hi).1;
        let (x, cap) = (num(x), num(x - 4.0));
        let (y0, y1) = (num(y0), num(y1));
        let _ = write!(
            out,
            r#"<path class="interval" d="M{x} {y0}V{y1}M{cap} {y0}h8M{cap} {y1}h8" fill="none" stroke="{}" stroke-width="1.2"/>"#,
            s.style.color
        );
    }
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    pub(super) fn gaps_and_non_finite_values_split_runs() {
        let runs = segments(
            &[
                None,
                Some(1.0),
                Some(2.0),
                None,
                Some(f64::NAN),
                Some(3.0),
                None,
            ],
            &[],
            |_, _| true,
        );
        assert_eq!(runs, vec![vec![(1, 1.0), (2, 2.0)], vec![(5, 3.0)]]);
    }

    #[test]
    pub(super) fn a_break_starts_a_new_run() {
        let runs = segments(&[Some(1.0), Some(2.0), Some(3.0)], &[2], |_, _| true);
        assert_eq!(runs, vec![vec![(0, 1.0), (1, 2.0)], vec![(2, 3.0)]]);
    }

    #[test]
    pub(super) fn a_gap_in_time_starts_a_new_run() {
        // 2010, 2013, 2014 in a yearly series: no line across 2011–2012.
        let xs = [2010.0, 2013.0, 2014.0];
        let runs = segments(&[Some(1.0), Some(2.0), Some(3.0)], &[], |i, j| {
            xs[j] - xs[i] <= 1.5
        });
        assert_eq!(runs, vec![vec![(0, 1.0)], vec![(1, 2.0), (2, 3.0)]]);
    }
}
