//! Value axes: "nice" tick steps, the plotters coordinate type that carries
//! them, and Danish formatting of ticks and values per unit.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use std::ops::Range;

/// How values are formatted on axes and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A share in pct. (0–100): ticks read "10", the axis caption "pct.",
    /// values one decimal ("8,2").
    Pct,
    /// A count, rate or mean shown with `decimals` decimals ("4.000", "2,5").
    Number {
        /// Decimals of value labels (ticks use as many as their step needs).
        decimals: usize,
    },
}

impl Unit {
    /// A data value in Danish form, without unit ("8,2", "4.000").
    pub(super) fn value(self, v: f64) -> String {
        match self {
            Unit::Pct => crate::format::decimal(v, 1),
            Unit::Number { decimals } => crate::format::decimal(v, decimals),
        }
    }
}

/// A linear axis from `lo` to `hi` whose ticks are the given values.
///
/// Implements plotters' [`Ranged`] so plotters draws the grid and tick
/// labels exactly where our own elements are mapped.
#[derive(Debug, Clone)]
pub(super) struct TickAxis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    /// Decimals needed to print every tick distinctly.
    pub decimals: usize,
}

impl Ranged for TickAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let t = (v - self.lo) / (self.hi - self.lo);
        limit.0 + (t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Only major grid lines: minor ones add ink, not information.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// Builds a value axis covering `values` (and always 0, so bars and lines of
/// shares and counts are not exaggerated), with a few round intervals and
/// some headroom above the largest value. A `Pct` axis never passes 100
/// unless the data do.
pub(super) fn value_axis(values: impl Iterator<Item = f64>, unit: Unit) -> TickAxis {
    let (mut lo, mut hi) = values
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi - lo < 1e-9 {
        hi = lo + if unit == Unit::Pct { 10.0 } else { 1.0 };
    }
    let cap = if unit == Unit::Pct && hi <= 100.0 {
        100.0
    } else {
        f64::INFINITY
    };
    // Headroom: 5 % of the span, so the top point or label is not on the edge.
    hi = (hi + (hi - lo) * 0.05).min(cap.max(hi));
    lo -= if lo < 0.0 { (hi - lo) * 0.05 } else { 0.0 };
    // Of the round steps near a quarter to an eighth of the span, take the
    // one that wastes the least space (0–7.000 rather than 0–8.000 for a
    // maximum of 6.635), then the one closest to five intervals.
    let (step, first, last) = (4..=8)
        .map(|n| {
            let step = nice_step((hi - lo) / f64::from(n));
            let first = (lo / step + 1e-9).floor() as i64;
            let last = (hi / step - 1e-9).ceil() as i64;
            (step, first, last)
        })
        .min_by(|a, b| {
            let span = |(s, f, l): &(f64, i64, i64)| s * (l - f) as f64;
            let off_five = |(_, f, l): &(f64, i64, i64)| (l - f - 5).abs();
            span(a)
                .total_cmp(&span(b))
                .then(off_five(a).cmp(&off_five(b)))
        })
        .expect("non-empty range of interval counts");
    let ticks: Vec<f64> = (first..=last)
        .map(|i| round_to(i as f64 * step, step))
        .collect();
    TickAxis {
        lo: ticks[0],
        hi: ticks[ticks.len() - 1],
        decimals: decimals_of(step),
        ticks,
    }
}

/// The smallest of 1, 2, 5 × 10^k that is at least `raw`. (2.5 is left out:
/// its ticks need a decimal more, "7,5", which is harder to read.)
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// Removes floating-point noise such as 0.30000000000000004.
fn round_to(v: f64, step: f64) -> f64 {
    let scale = 10f64.powi(decimals_of(step) as i32);
    (v * scale).round() / scale
}

/// Decimals needed to write `step` (and so every multiple of it) exactly.
fn decimals_of(step: f64) -> usize {
    (0..6)
        .find(|d| {
            let scaled = step * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(values: &[f64], unit: Unit) -> TickAxis {
        value_axis(values.iter().copied(), unit)
    }

    #[test]
    fn shares_start_at_zero_with_round_ticks_and_headroom() {
        let a = axis(&[8.2, 11.9, 9.0], Unit::Pct);
        assert_eq!(a.ticks, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0]);
        assert_eq!((a.lo, a.hi, a.decimals), (0.0, 14.0, 0));
        let a = axis(&[4998.0, 6635.0], Unit::Number { decimals: 0 });
        assert_eq!((a.lo, a.hi, a.decimals), (0.0, 7000.0, 0));
    }

    #[test]
    fn pct_axis_stops_at_100_and_degenerate_data_still_has_a_scale() {
        assert_eq!(axis(&[97.0], Unit::Pct).hi, 100.0);
        assert!(axis(&[], Unit::Pct).hi >= 10.0);
        assert!(axis(&[0.0], Unit::Number { decimals: 1 }).hi >= 1.0);
    }

    #[test]
    fn negative_values_extend_below_zero() {
        let a = axis(&[-3.0, 4.0], Unit::Number { decimals: 1 });
        assert!(a.lo <= -3.0 && a.hi >= 4.0 && a.ticks.contains(&0.0));
    }

    #[test]
    fn small_steps_keep_their_decimals() {
        let a = axis(&[0.12, 0.31], Unit::Number { decimals: 2 });
        assert_eq!(a.decimals, 2);
        assert!(a.ticks.iter().all(|t| (t * 100.0).fract().abs() < 1e-9));
    }
}
