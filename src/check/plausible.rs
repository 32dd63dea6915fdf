//! Figures that are implausible against their own series: a share typed as
//! a fraction (0.085 next to 8,8 the year before) and a jump by more than
//! `[check] jump_factor` against the neighbouring figures. Warnings only:
//! the data is never changed.
//!
//! A series is one place's figures of one indicator (and group) at one
//! granularity, in period order. A figure flagged `break` starts a new
//! series (it is not comparable with the ones before); one flagged
//! `partial` is left out (its coverage explains a low figure). Withheld
//! numbers are never written into a message: it names the place, not the
//! figures around it.

use std::collections::BTreeMap;

use crate::diag::Diagnostics;
use crate::model::period::Granularity;
use crate::model::{Flag, Indicator, Measure, Observation, Period, Place, Project};

/// The jump rule needs this many persons behind the larger of two figures:
/// 1 → 4 persons is noise, 5 → 20 is rarely (a pair of Poisson counts that
/// far apart around a common mean of 12 has a chance of about 1 in 1,000).
pub const JUMP_MIN_PERSONS: u64 = 20;

/// Below this (pct.) a share next to figures above [`FRACTION_NEIGHBOURS`] looks
/// like a fraction typed where pct. is expected.
const FRACTION_BELOW: f64 = 1.0;
const FRACTION_NEIGHBOURS: f64 = 5.0;

/// One figure of a series.
struct Point<'a> {
    period: Period,
    value: f64,
    /// The persons behind it, when known (a share's numerator, a count, N).
    persons: Option<u64>,
    /// A share given in pct. without its counts (could be typed as a fraction).
    typed_share: bool,
    obs: &'a Observation,
}

pub(super) fn check(project: &Project, diags: &mut Diagnostics) {
    let factor = project.config.check.jump_factor();
    for (i, ind) in project.catalog.indicators.iter().enumerate() {
        for ((group, place, _), series) in series_of(project, i, ind) {
            let at = |p: &Point| Where {
                project,
                ind,
                group,
                place,
                period: p.period,
            };
            for points in series.parts() {
                check_series(points, factor, &at, diags);
            }
        }
    }
}

/// The indicator's series, each in period order.
fn series_of<'a>(
    project: &'a Project,
    i: usize,
    ind: &Indicator,
) -> BTreeMap<(Option<usize>, Place, Granularity), Series<'a>> {
    let mut out: BTreeMap<_, Series> = BTreeMap::new();
    for (&(_, group, place, period), o) in project.observations.of_indicator(i) {
        if o.flag == Some(Flag::Partial) {
            continue;
        }
        let Some(point) = point(ind, period, o) else {
            continue;
        };
        out.entry((group, place, period.granularity()))
            .or_default()
            .0
            .push(point);
    }
    out
}

fn point<'a>(ind: &Indicator, period: Period, o: &'a Observation) -> Option<Point<'a>> {
    let (value, typed_share) = match (ind.measure, o.numerator, o.denominator) {
        (Measure::Share, Some(_), Some(0)) => return None,
        (Measure::Share, Some(n), Some(d)) => (n as f64 / d as f64 * 100.0, false),
        (Measure::Share, _, _) => (o.value?, true),
        _ => (o.value?, false),
    };
    // A negative mean has no ratio to its neighbours.
    (value >= 0.0).then_some(Point {
        period,
        value,
        persons: super::people(ind.measure, o),
        typed_share,
        obs: o,
    })
}

/// A series in period order.
#[derive(Default)]
struct Series<'a>(Vec<Point<'a>>);

impl<'a> Series<'a> {
    /// The parts between breaks: a figure flagged `break` starts a part.
    fn parts(&self) -> Vec<&[Point<'a>]> {
        let mut parts = Vec::new();
        let mut start = 0;
        for k in 1..=self.0.len() {
            if k == self.0.len() || self.0[k].obs.flag == Some(Flag::Break) {
                parts.push(&self.0[start..k]);
                start = k;
            }
        }
        parts
    }
}

/// What a message says about a figure: indicator, group, place, period.
struct Where<'a> {
    project: &'a Project,
    ind: &'a Indicator,
    group: Option<usize>,
    place: Place,
    period: Period,
}

impl std::fmt::Display for Where<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`", self.ind.id)?;
        if let Some(g) = self.group {
            write!(f, " [{}]", self.ind.groups[g].id)?;
        }
        write!(
            f,
            " for {} {}",
            self.project.catalog.place_id(self.place),
            self.period
        )
    }
}

fn check_series<'a>(
    points: &[Point],
    factor: Option<f64>,
    at: &dyn Fn(&Point) -> Where<'a>,
    diags: &mut Diagnostics,
) {
    for (k, p) in points.iter().enumerate() {
        let before = k.checked_sub(1).map(|b| &points[b]);
        let after = points.get(k + 1);
        let neighbours: Vec<&Point> = before.into_iter().chain(after).collect();
        if neighbours.is_empty() {
            continue;
        }
        if p.typed_share
            && p.value > 0.0
            && p.value < FRACTION_BELOW
            && neighbours.iter().all(|n| n.value > FRACTION_NEIGHBOURS)
        {
            diags.warning_hint(
                p.obs.pos.clone(),
                format!(
                    "{} is {} pct., while the figure{} {} {} above {} pct.: a fraction typed where pct. is expected?",
                    at(p),
                    p.value,
                    if neighbours.len() == 2 { "s" } else { "" },
                    side(before.is_some(), after.is_some()),
                    if neighbours.len() == 2 { "are" } else { "is" },
                    FRACTION_NEIGHBOURS
                ),
                Some(format!(
                    "a share's `value` is in pct.: {} → {}",
                    p.value,
                    crate::format::decimal(p.value * 100.0, 1)
                )),
            );
            continue;
        }
        let Some(factor) = factor else { continue };
        // A figure at either end has one neighbour: it is the suspect only
        // when that neighbour is in line with the next one in (not itself
        // a spike). In a pair, the later figure is the suspect.
        let further = match (before, after) {
            (None, Some(_)) => Some(points.get(k + 2)),
            (Some(_), None) => Some(k.checked_sub(2).map(|b| &points[b])),
            _ => None,
        };
        if let Some(further) = further {
            let neighbour = neighbours[0];
            let in_line = match further {
                Some(f) => jump(neighbour, f, factor).is_none(),
                None => after.is_none(),
            };
            if !in_line {
                continue;
            }
        }
        let jumps: Vec<Option<bool>> = neighbours.iter().map(|n| jump(p, n, factor)).collect();
        let up = jumps.iter().all(|j| *j == Some(true));
        let down = jumps.iter().all(|j| *j == Some(false));
        if up || down {
            diags.warning_hint(
                p.obs.pos.clone(),
                format!(
                    "{} is more than {} times {} than the figure{} {}: a typing or unit error?",
                    at(p),
                    crate::format::decimal(factor, if factor.fract() == 0.0 { 0 } else { 1 }),
                    if up { "higher" } else { "lower" },
                    if neighbours.len() == 2 { "s" } else { "" },
                    side(before.is_some(), after.is_some()),
                ),
                Some("if the figure is right, flag a break in the series (`flag = break`) or set `[check] jump_factor` in maalrapport.toml (0 turns the rule off)".into()),
            );
        }
    }
}

fn side(before: bool, after: bool) -> &'static str {
    match (before, after) {
        (true, true) => "before and after it",
        (true, false) => "before it",
        _ => "after it",
    }
}

/// Some(true) when `p` is more than `factor` times `other`, Some(false)
/// when less than 1/`factor` of it, None otherwise — and None when too few
/// persons stand behind the larger of the two for the ratio to mean much.
fn jump(p: &Point, other: &Point, factor: f64) -> Option<bool> {
    let (hi, lo) = if p.value >= other.value {
        (p, other)
    } else {
        (other, p)
    };
    if let (Some(a), Some(b)) = (hi.persons, lo.persons) {
        if a.max(b) < JUMP_MIN_PERSONS {
            return None;
        }
    }
    if hi.value <= 0.0 || hi.value <= lo.value * factor {
        return None;
    }
    Some(std::ptr::eq(hi, p))
}
