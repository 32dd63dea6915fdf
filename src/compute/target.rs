//! Target tracking: whether a place has met its target, or is on track
//! towards it along the straight line from its starting point to the goal at
//! the deadline. Statuses are point-based: each is judged from the figure of
//! one period (and the line's start), never from a trend.

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
    /// At or before the baseline (or, for a level target without one, the
    /// place's first published figure): the starting point, no judgement.
    Baseline,
    /// Before the deadline, not met, and no line to judge by: the indicator
    /// says `trajectory = false`, or the place has no baseline figure.
    NotYet,
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
            TargetStatus::Baseline => "baseline",
            TargetStatus::NotYet => "not-yet",
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
            TargetStatus::Baseline => "Udgangspunkt",
            TargetStatus::NotYet => "Kan ikke vurderes endnu",
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
            TargetStatus::Baseline => "○",
            TargetStatus::NotYet => "…",
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

/// The straight line from a place's starting point to its goal at the deadline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trajectory {
    /// The baseline, or for a level target without one the place's first
    /// published figure (of the judged period's granularity).
    pub start: Period,
    /// The place's published value at `start`.
    pub from: f64,
    pub deadline: Period,
    /// [`goal_value`] for the place.
    pub goal: f64,
    /// Whether `start` is the target's own baseline (else the first figure).
    pub from_baseline: bool,
}

impl Trajectory {
    /// Where the line stands at `period` (period midpoints on one time axis;
    /// the goal itself after the deadline).
    pub fn at(&self, period: Period) -> f64 {
        let span = self.deadline.midpoint() - self.start.midpoint();
        let frac = ((period.midpoint() - self.start.midpoint()) / span).clamp(0.0, 1.0);
        self.from + (self.goal - self.from) * frac
    }
}

/// The line `place` is judged by at `period`, if it has one: from its baseline
/// figure, or for a level target without a baseline from its first published
/// figure of `period`'s granularity before the deadline (an aggregate's first one
/// that covers the same cities as at `period`). None with `trajectory = false`,
/// without a goal, or when the starting figure is not published (a withheld
/// figure is never a line's start: the line would reveal it).
pub fn trajectory(
    ind: &Indicator,
    data: &IndicatorData,
    place: Place,
    period: Period,
) -> Option<Trajectory> {
    let t = ind.target.as_ref()?;
    if !t.trajectory {
        return None;
    }
    let goal = goal_value(ind, data, place)?;
    let (start, from_baseline) = match t.baseline {
        Some(b) => (b, true),
        None => {
            let covers = |p: Period| {
                data.cell(None, place, p)
                    .figure()
                    .map(|f| &f.missing_cities)
            };
            let now = covers(period);
            let start = data.periods.iter().copied().find(|&p| {
                p.granularity() == period.granularity()
                    && p <= period
                    && p.midpoint() < t.deadline.midpoint()
                    && covers(p).is_some_and(|m| now.is_none_or(|n| n == m))
            })?;
            (start, false)
        }
    };
    Some(Trajectory {
        start,
        from: data.cell(None, place, start).value()?,
        deadline: t.deadline,
        goal,
        from_baseline,
    })
}

/// Where the straight line `place` is judged by stands at `period`.
pub fn trajectory_value(
    ind: &Indicator,
    data: &IndicatorData,
    place: Place,
    period: Period,
) -> Option<f64> {
    trajectory(ind, data, place, period).map(|line| line.at(period))
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

/// Whether `period` lies at or before `baseline` (a quarter of the baseline
/// year is the baseline).
fn at_or_before(period: Period, baseline: Period) -> bool {
    period <= baseline || period.within(baseline)
}

/// The target status of `place` at `period`, honouring the indicator's direction.
/// In order: no figure or no goal for the place → unknown; at or before the
/// baseline → udgangspunkt; a network over other cities than at its baseline →
/// unknown; deadline reached → met or not met; met → met; at the line's start →
/// udgangspunkt; at or better than the line → on track, else not on track; no
/// line → cannot be judged yet.
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
    if t.baseline.is_some_and(|b| at_or_before(period, b)) {
        return TargetStatus::Baseline;
    }
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
    match trajectory(ind, data, place, period) {
        Some(line) if line.start == period => TargetStatus::Baseline,
        Some(line) if meets(value, line.at(period)) => TargetStatus::OnTrack,
        Some(_) => TargetStatus::NotOnTrack,
        // `trajectory = false`, or no baseline figure to start a line from.
        None => TargetStatus::NotYet,
    }
}
