//! Target tracking: whether a place has met its target, or is on track
//! towards it along the straight line from the baseline to the deadline.

use super::IndicatorData;
use crate::model::{Indicator, Measure, Period, Place};

/// A place's position relative to the indicator's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetStatus {
    Met,
    OnTrack,
    NotOnTrack,
    /// The deadline has passed without the target being met.
    NotMet,
    NoTarget,
    /// No publishable figure to judge from.
    Unknown,
}

impl TargetStatus {
    pub fn id(self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::OnTrack => "on-track",
            TargetStatus::NotOnTrack => "not-on-track",
            TargetStatus::NotMet => "not-met",
            TargetStatus::NoTarget => "none",
            TargetStatus::Unknown => "unknown",
        }
    }

    pub fn label_da(self) -> &'static str {
        match self {
            TargetStatus::Met => "Målet er nået",
            TargetStatus::OnTrack => "På vej mod målet",
            TargetStatus::NotOnTrack => "Ikke på vej mod målet",
            TargetStatus::NotMet => "Målet blev ikke nået",
            TargetStatus::NoTarget => "Intet mål",
            TargetStatus::Unknown => "Kan ikke vurderes",
        }
    }

    /// A symbol that carries the meaning without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            TargetStatus::Met => "✔",
            TargetStatus::OnTrack => "↗",
            TargetStatus::NotOnTrack => "✘",
            TargetStatus::NotMet => "✘",
            TargetStatus::NoTarget => "–",
            TargetStatus::Unknown => "?",
        }
    }
}

/// The value `place` must reach by the deadline: its own baseline changed by
/// the relative target and/or the level target, the stricter when both apply. A count's
/// level ("højst 4.000 hjemløse") is national: it applies to no single city.
pub fn goal_value(ind: &Indicator, data: &IndicatorData, place: Place) -> Option<f64> {
    let t = ind.target.as_ref()?;
    let relative = match (t.change, t.baseline) {
        (Some(change), Some(b)) => data
            .cell(None, place, b)
            .value()
            .map(|v| v * (1.0 + change / 100.0)),
        _ => None,
    };
    let level = t
        .level
        .filter(|_| ind.measure != Measure::Count || place == Place::National);
    match (relative, level) {
        // Both are the target ("fald på mindst 25 pct., svarende til højst 9 pct."):
        // the stricter one decides.
        (Some(r), Some(l)) => Some(if ind.direction.better(r, l) { r } else { l }),
        _ => relative.or(level),
    }
}

/// Where the straight line from the baseline value to the goal value stands at `period`.
pub fn trajectory_value(
    ind: &Indicator,
    data: &IndicatorData,
    place: Place,
    period: Period,
) -> Option<f64> {
    let t = ind.target.as_ref()?;
    let start = t.baseline?;
    let from = data.cell(None, place, start).value()?;
    let to = goal_value(ind, data, place)?;
    let span = t.deadline.midpoint() - start.midpoint();
    let frac = ((period.midpoint() - start.midpoint()) / span).clamp(0.0, 1.0);
    Some(from + (to - from) * frac)
}

/// Whether a (network) figure covers the same cities at `period` as at the baseline.
fn same_coverage(
    data: &IndicatorData,
    place: Place,
    baseline: Option<Period>,
    period: Period,
) -> bool {
    let missing = |p: Period| {
        data.cell(None, place, p)
            .figure()
            .map(|f| f.missing_cities.clone())
    };
    baseline.is_none_or(|b| missing(b).is_none_or(|m| Some(m) == missing(period)))
}

/// Whether the deadline has been reached at `period` (a quarter inside the
/// deadline year has not reached a yearly deadline yet).
fn deadline_reached(period: Period, deadline: Period) -> bool {
    period >= deadline && !(period != deadline && period.within(deadline))
}

/// The target status of `place` at `period`, honouring the indicator's direction.
pub fn target_status(
    ind: &Indicator,
    data: &IndicatorData,
    place: Place,
    period: Period,
) -> TargetStatus {
    let Some(t) = &ind.target else {
        return TargetStatus::NoTarget;
    };
    let (Some(value), Some(goal)) = (
        data.cell(None, place, period).value(),
        goal_value(ind, data, place),
    ) else {
        return TargetStatus::Unknown;
    };
    if !same_coverage(data, place, t.baseline, period) {
        return TargetStatus::Unknown;
    }
    let meets = |x: f64, bar: f64| !ind.direction.better(bar, x);
    if deadline_reached(period, t.deadline) {
        return if meets(value, goal) {
            TargetStatus::Met
        } else {
            TargetStatus::NotMet
        };
    }
    if meets(value, goal) {
        return TargetStatus::Met;
    }
    match trajectory_value(ind, data, place, period) {
        Some(line) if meets(value, line) => TargetStatus::OnTrack,
        Some(_) => TargetStatus::NotOnTrack,
        // A level target without a baseline: not there yet, and no line to judge by.
        None => TargetStatus::NotOnTrack,
    }
}
