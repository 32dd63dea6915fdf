//! From observations to publishable figures: shares from counts, network
//! aggregates, disclosure control, confidence intervals, changes and target
//! status. Everything later stages show comes from [`Computed`]; the raw
//! observations never leave this stage, so a suppressed number cannot leak.

pub mod disclosure;
pub mod intervals;
mod target;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::model::{
    Catalog, Date, Flag, Indicator, Measure, Observation, Observations, Period, Place,
};
use disclosure::model::{Key, Raw};
pub use disclosure::Disclosure;
pub use intervals::{Comparison, Confidence, Interval};
pub use target::{
    goal_value, target_status, trajectory, trajectory_value, TargetStatus, Trajectory,
};
/// Why there is no number in a cell. Each kind has its own marker and footnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// No figure was reported for this place and period.
    NotReported,
    /// Cannot exist: a zero denominator, or an aggregate that cannot be formed.
    NotApplicable,
    /// Withheld by disclosure control: a small count, or one that would let
    /// a small count be worked out (one label for both, on purpose).
    Suppressed,
}

impl Missing {
    pub fn id(self) -> &'static str {
        match self {
            Missing::NotReported => "not-reported",
            Missing::NotApplicable => "not-applicable",
            Missing::Suppressed => "suppressed",
        }
    }

    /// The marker shown in a table cell.
    pub fn marker(self) -> &'static str {
        match self {
            Missing::NotReported => "–",
            Missing::NotApplicable => ".",
            Missing::Suppressed => "dis.",
        }
    }

    /// The reason in words, e.g. for a tooltip: "ikke indberettet".
    pub fn label_da(self) -> &'static str {
        match self {
            Missing::NotReported => "ikke indberettet",
            Missing::NotApplicable => "kan ikke opgøres",
            Missing::Suppressed => "diskretioneret",
        }
    }

    pub fn suppressed(self) -> bool {
        self == Missing::Suppressed
    }
}

/// A publishable figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The shown value: pct. for shares, the count, rate or mean otherwise.
    pub value: f64,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    pub n: Option<u64>,
    /// Confidence interval at [`Computed::confidence`], in the unit of `value`.
    pub ci: Option<Interval>,
    pub flag: Option<Flag>,
    pub note: Option<String>,
    pub source: Option<String>,
    pub published: Option<Date>,
    /// The value as first published, for a revised figure (`published` is
    /// then the revision's date). Disclosure control clears it when it would
    /// reveal a small count.
    pub previous: Option<f64>,
    /// For an aggregate (network, group, region): its cities without a figure.
    pub missing_cities: Vec<usize>,
}

/// A table cell: a figure or a typed reason for its absence.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Value(Figure),
    Missing(Missing),
}

impl Cell {
    pub fn figure(&self) -> Option<&Figure> {
        match self {
            Cell::Value(f) => Some(f),
            Cell::Missing(_) => None,
        }
    }

    pub fn value(&self) -> Option<f64> {
        self.figure().map(|f| f.value)
    }
}

static NOT_REPORTED: Cell = Cell::Missing(Missing::NotReported);

/// One indicator's publishable cells.
#[derive(Debug, Default)]
pub struct IndicatorData {
    /// Every period with a figure for the total (group None), in order.
    pub periods: Vec<Period>,
    cells: BTreeMap<(Option<usize>, Place, Period), Cell>,
}

impl IndicatorData {
    /// The cell for a group (None = total), place and period.
    pub fn cell(&self, group: Option<usize>, place: Place, period: Period) -> &Cell {
        self.cells
            .get(&(group, place, period))
            .unwrap_or(&NOT_REPORTED)
    }

    /// Every stored cell, in (group, place, period) order.
    pub fn cells(&self) -> impl Iterator<Item = (&(Option<usize>, Place, Period), &Cell)> {
        self.cells.iter()
    }

    /// Whether any place has a value or a suppressed cell in this indicator.
    pub fn has_data(&self) -> bool {
        !self.periods.is_empty()
    }

    /// The periods of the most common granularity (a chart's x axis).
    pub fn main_periods(&self) -> Vec<Period> {
        let mut counts: BTreeMap<_, usize> = BTreeMap::new();
        for p in &self.periods {
            *counts.entry(p.granularity()).or_default() += 1;
        }
        let Some((&g, _)) = counts
            .iter()
            .max_by_key(|(g, n)| (**n, std::cmp::Reverse(**g)))
        else {
            return Vec::new();
        };
        self.periods
            .iter()
            .copied()
            .filter(|p| p.granularity() == g)
            .collect()
    }

    /// The period a report for `period` shows: the latest period with data of
    /// the same granularity that is not after it, else of the main granularity.
    pub fn report_period(&self, period: Period) -> Option<Period> {
        let same = self
            .periods
            .iter()
            .copied()
            .filter(|p| p.granularity() == period.granularity() && *p <= period)
            .max();
        same.or_else(|| {
            self.main_periods()
                .into_iter()
                .filter(|p| *p <= period || p.within(period))
                .max()
        })
    }

    /// The latest period with data from a city of the network, else the
    /// latest at all (e.g. a national-only figure).
    pub fn latest(&self) -> Option<Period> {
        let main = self.main_periods();
        let from_cities = main.iter().rev().find(|p| {
            self.cells
                .keys()
                .any(|k| k.0.is_none() && k.2 == **p && matches!(k.1, Place::City(_)))
        });
        from_cities.or(main.last()).copied()
    }
}

/// Everything the renderers may show.
#[derive(Debug)]
pub struct Computed {
    /// Parallel to `Catalog::indicators`.
    pub indicators: Vec<IndicatorData>,
    /// "Data pr." date: from the config, else the newest `published` date.
    pub data_as_of: Option<Date>,
    pub min_cell: u64,
    /// Whether charts and tables show confidence intervals.
    pub intervals: bool,
    /// The numbers are illustrative (`example_data`): every page and every
    /// downloadable chart says "Eksempeldata".
    pub example_data: bool,
    /// The level of every interval and test (`[compare] level`).
    pub confidence: Confidence,
    /// What cities are compared with, from `[compare] with`.
    pub comparators: Vec<crate::model::Comparator>,
}

impl Computed {
    pub fn cell(&self, indicator: usize, place: Place, period: Period) -> &Cell {
        self.indicators[indicator].cell(None, place, period)
    }
}

/// Compute all publishable figures (`min_cell` 0 turns disclosure control
/// off), and what disclosure control decided — for the analyst only: the
/// decision bounds withheld values, so it must never reach the renderers.
pub fn compute(
    catalog: &Catalog,
    observations: Observations,
    config: &Config,
) -> (Computed, Disclosure) {
    compute_with(catalog, observations, config, false)
}

/// [`compute`], with every withheld count's range computed when `exact`
/// (`check --disclosure`); a build only needs to know they are wide enough.
pub fn compute_with(
    catalog: &Catalog,
    observations: Observations,
    config: &Config,
    exact: bool,
) -> (Computed, Disclosure) {
    let min_cell = config.min_cell;
    // `load` refuses a level outside (0, 1), so the default is only reached
    // by a configuration that was never checked.
    let confidence = Confidence::new(config.compare.level()).unwrap_or_default();
    let newest = observations.iter().filter_map(|(_, o)| o.published).max();
    let aggregates = catalog.aggregates(&config.compare.with);
    let mut raw = BTreeMap::new();
    let mut indicators: Vec<IndicatorData> = catalog
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let scope = Scope {
                catalog,
                aggregates: &aggregates,
                confidence,
            };
            indicator(&scope, ind, i, &observations, &mut raw)
        })
        .collect();
    let disclosure = disclosure::control(catalog, &raw, &aggregates, min_cell, exact);
    for w in &disclosure.withheld {
        let (i, g, place, t) = w.key;
        indicators[i]
            .cells
            .insert((g, place, t), Cell::Missing(Missing::Suppressed));
    }
    if min_cell > 0 {
        for (i, data) in indicators.iter_mut().enumerate() {
            clear_small_previous(&catalog.indicators[i], data, min_cell);
        }
    }
    let computed = Computed {
        indicators,
        data_as_of: config.data_as_of.or(newest),
        min_cell,
        intervals: config.charts.intervals,
        example_data: config.example_data,
        confidence,
        comparators: catalog.comparators(&config.compare.with),
    };
    (computed, disclosure)
}

/// "First published as 3" would reveal a small count as surely as the cell
/// itself: a revised figure's `previous` is only shown when it passes the
/// threshold (a share's earlier numerator estimated from the current
/// denominator).
fn clear_small_previous(ind: &Indicator, data: &mut IndicatorData, min_cell: u64) {
    for cell in data.cells.values_mut() {
        let Cell::Value(f) = cell else { continue };
        let Some(previous) = f.previous else { continue };
        let count = match ind.measure {
            Measure::Share => f.denominator.map(|d| (previous / 100.0 * d as f64).round()),
            Measure::Count => Some(previous),
            Measure::Mean | Measure::Rate => None,
        };
        if count.is_some_and(|c| c < min_cell as f64) {
            f.previous = None;
        }
    }
}

/// The counts behind an observation, for disclosure control.
fn raw_of(ind: &Indicator, o: &Observation) -> Raw {
    let whole = |v: Option<f64>| {
        v.filter(|v| v.fract() == 0.0 && *v >= 0.0)
            .map(|v| v as u64)
    };
    match ind.measure {
        Measure::Share => Raw {
            num: o.numerator,
            den: o.denominator,
            ..Raw::default()
        },
        Measure::Count => Raw {
            count: whole(o.value),
            ..Raw::default()
        },
        Measure::Mean => Raw {
            n: o.n,
            ..Raw::default()
        },
        Measure::Rate => Raw {
            num: o.numerator.or(o.n),
            den: o.denominator,
            ..Raw::default()
        },
    }
}

type CityObservations<'a> = Vec<(usize, &'a Observation)>;

/// What every indicator's figures are computed with.
struct Scope<'a> {
    catalog: &'a Catalog,
    aggregates: &'a [Place],
    confidence: Confidence,
}

fn indicator(
    scope: &Scope,
    ind: &Indicator,
    index: usize,
    obs: &Observations,
    raw: &mut BTreeMap<Key, Raw>,
) -> IndicatorData {
    let mut cells = BTreeMap::new();
    let mut periods = BTreeSet::new();
    // The cities' observations per (group, period), for the network aggregate.
    let mut by_group_period: BTreeMap<(Option<usize>, Period), CityObservations> = BTreeMap::new();
    for (&(_, group, place, period), o) in obs.of_indicator(index) {
        if let Place::City(c) = place {
            by_group_period
                .entry((group, period))
                .or_default()
                .push((c, o));
        }
        if group.is_none() {
            periods.insert(period);
        }
        raw.insert((index, group, place, period), raw_of(ind, o));
        cells.insert((group, place, period), figure(ind, o, scope.confidence));
    }
    for &place in scope.aggregates {
        let members = scope.catalog.members(place);
        for (&(group, period), cities) in &by_group_period {
            let of_members: CityObservations = cities
                .iter()
                .filter(|(c, _)| members.contains(c))
                .copied()
                .collect();
            if let Some((cell, sums)) = aggregate(ind, &members, &of_members, scope.confidence) {
                raw.insert((index, group, place, period), raw_of(ind, &sums));
                cells.insert((group, place, period), cell);
            }
        }
    }
    IndicatorData {
        periods: periods.into_iter().collect(),
        cells,
    }
}

/// One observation as a cell (before disclosure control), with its
/// interval at level `conf`.
fn figure(ind: &Indicator, o: &Observation, conf: Confidence) -> Cell {
    let (value, ci) = match (ind.measure, o.numerator, o.denominator) {
        (Measure::Share, Some(_), Some(0)) => return Cell::Missing(Missing::NotApplicable),
        (Measure::Share, Some(num), Some(den)) => (
            num as f64 / den as f64 * 100.0,
            intervals::wilson(num, den, conf).map(|i| Interval {
                lo: i.lo * 100.0,
                hi: i.hi * 100.0,
            }),
        ),
        (Measure::Count, _, _) => {
            let v = o.value.unwrap_or_default();
            let ci = (v.fract() == 0.0).then(|| intervals::poisson_exact(v as u64, conf));
            (v, ci)
        }
        _ => (o.value.unwrap_or_default(), None),
    };
    Cell::Value(Figure {
        value,
        numerator: o.numerator,
        denominator: o.denominator,
        n: o.n,
        ci,
        flag: o.flag,
        note: o.note.clone(),
        source: o.source.clone(),
        published: o.published,
        previous: o.previous,
        missing_cities: Vec::new(),
    })
}

/// The aggregate (network, group, region) of its member cities' observations
/// for one period: sum of numerators / sum of denominators for shares (never a
/// mean of shares), sums for counts, N-weighted means. None when no city has
/// a figure; "cannot be formed" (not "not reported") when cities have figures
/// that cannot be pooled (rates, means without N, shares in pct. only). Also
/// returns the sums as an observation (for disclosure control).
fn aggregate(
    ind: &Indicator,
    members: &[usize],
    cities: &[(usize, &Observation)],
    conf: Confidence,
) -> Option<(Cell, Observation)> {
    let usable: Vec<(usize, &Observation)> = cities
        .iter()
        .copied()
        .filter(|(_, o)| match ind.measure {
            Measure::Share => o.numerator.is_some() && o.denominator.is_some(),
            Measure::Count => o.value.is_some(),
            Measure::Mean => o.value.is_some() && o.n.is_some(),
            Measure::Rate => false,
        })
        .collect();
    if usable.is_empty() {
        let reported = cities
            .iter()
            .any(|(_, o)| o.value.is_some() || o.numerator.is_some());
        return reported.then(|| (Cell::Missing(Missing::NotApplicable), blank(None)));
    }
    let missing_cities = members
        .iter()
        .copied()
        .filter(|c| !usable.iter().any(|(u, _)| u == c))
        .collect();
    let sum =
        |f: fn(&Observation) -> Option<u64>| usable.iter().filter_map(|(_, o)| f(o)).sum::<u64>();
    let flag = usable.iter().filter_map(|(_, o)| o.flag).max();
    let agg = match ind.measure {
        Measure::Share => Observation {
            numerator: Some(sum(|o| o.numerator)),
            denominator: Some(sum(|o| o.denominator)),
            ..blank(flag)
        },
        Measure::Count => Observation {
            value: Some(usable.iter().filter_map(|(_, o)| o.value).sum()),
            ..blank(flag)
        },
        _ => {
            let n = sum(|o| o.n);
            let weighted: f64 = usable
                .iter()
                .map(|(_, o)| o.value.unwrap_or(0.0) * o.n.unwrap_or(0) as f64)
                .sum();
            Observation {
                value: (n > 0).then(|| weighted / n as f64),
                n: Some(n),
                ..blank(flag)
            }
        }
    };
    if agg.value.is_none() && ind.measure == Measure::Mean {
        return Some((Cell::Missing(Missing::NotApplicable), agg));
    }
    let mut cell = figure(ind, &agg, conf);
    if let Cell::Value(f) = &mut cell {
        f.missing_cities = missing_cities;
    }
    Some((cell, agg))
}

fn blank(flag: Option<Flag>) -> Observation {
    Observation {
        numerator: None,
        denominator: None,
        value: None,
        n: None,
        flag,
        note: None,
        source: None,
        published: None,
        previous: None,
        pos: Default::default(),
    }
}

/// A change between two cells: procentpoint for shares, pct. for everything else.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub from: Period,
    pub to: Period,
    /// Procentpoint for shares; relative pct. otherwise.
    pub amount: f64,
    pub in_points: bool,
    /// Whether the change is real at the confidence level (None: no test,
    /// for lack of counts): see [`change_is_significant`].
    pub significant: Option<bool>,
}

impl Change {
    /// Danish text: "-1,3 procentpoint" or "-25,0 pct.".
    pub fn label_da(&self) -> String {
        if self.in_points {
            crate::format::pp(self.amount, 1)
        } else {
            crate::format::signed_pct(self.amount, 1)
        }
    }
}

/// The change of `place` from `from` to `to`, tested at level `conf`; None
/// when either cell has no publishable figure (a change computed from a
/// suppressed value is not published).
pub fn change(
    ind: &Indicator,
    data: &IndicatorData,
    place: Place,
    from: Period,
    to: Period,
    conf: Confidence,
) -> Option<Change> {
    let a = data.cell(None, place, from).figure()?;
    let b = data.cell(None, place, to).figure()?;
    if a.missing_cities != b.missing_cities {
        // Network figures over different sets of cities are not comparable.
        return None;
    }
    let in_points = ind.measure == Measure::Share;
    let amount = if in_points {
        b.value - a.value
    } else if a.value != 0.0 {
        (b.value - a.value) / a.value * 100.0
    } else {
        return None;
    };
    Some(Change {
        from,
        to,
        amount,
        in_points,
        significant: change_is_significant(ind, a, b, conf),
    })
}

/// Whether a change from `a` to `b` is real at level `conf`:
/// - a share: Newcombe's hybrid score interval for the difference of the two
///   proportions excludes 0;
/// - a count: the exact conditional test of two Poisson counts (the later
///   count given the sum is binomial with p = ½) rejects equal counts, i.e.
///   the exact interval for their ratio excludes 1;
/// - a rate with its counts and denominators: the same test with the
///   denominators as exposures (rates carry only a `value` today, so None);
/// - a mean, or a figure without whole counts: None (no test).
pub fn change_is_significant(
    ind: &Indicator,
    a: &Figure,
    b: &Figure,
    conf: Confidence,
) -> Option<bool> {
    match ind.measure {
        Measure::Share => {
            let d = intervals::newcombe(
                b.numerator?,
                b.denominator?,
                a.numerator?,
                a.denominator?,
                conf,
            )?;
            Some(d.excludes_zero())
        }
        Measure::Count => {
            let whole =
                |f: &Figure| (f.value.fract() == 0.0 && f.value >= 0.0).then_some(f.value as u64);
            intervals::counts_differ(whole(a)?, 1.0, whole(b)?, 1.0, conf)
        }
        Measure::Rate => intervals::counts_differ(
            a.numerator?,
            a.denominator? as f64,
            b.numerator?,
            b.denominator? as f64,
            conf,
        ),
        Measure::Mean => None,
    }
}

/// Compare a city's figure with another place's at level `conf`. Counts
/// (which grow with a city's size) and indicators whose target groups differ
/// between cities are not compared.
///
/// - Against an aggregate (the network, a comparison group, a region) that
///   contains the city: with the *rest* of it, the aggregate minus the city
///   (numerators and denominators subtracted), by Newcombe's interval for
///   the difference city − rest; an aggregate without the city is compared
///   whole, the same way. Only shares with published counts on both sides
///   can be compared so; the rest itself is never published.
/// - Against the whole country, of which a city is a small part: the
///   Fingertips way, better or worse only when the national value lies
///   outside the city's interval.
pub fn compare_with(
    catalog: &Catalog,
    ind: &Indicator,
    data: &IndicatorData,
    place: Place,
    other: Place,
    period: Period,
    conf: Confidence,
) -> Comparison {
    if ind.measure == Measure::Count || !ind.comparable {
        return Comparison::NotComparable;
    }
    let Some(f) = data.cell(None, place, period).figure() else {
        return Comparison::NotComparable;
    };
    let direction = match ind.direction {
        crate::model::Direction::Lower => intervals::Direction::Lower,
        crate::model::Direction::Higher => intervals::Direction::Higher,
    };
    if other.is_aggregate() {
        let difference = match (place, data.cell(None, other, period).figure()) {
            (Place::City(city), Some(agg)) => {
                against_aggregate(catalog, ind, city, other, f, agg, conf)
            }
            _ => None,
        };
        return intervals::compare_difference(difference, direction);
    }
    let comparator = data.cell(None, other, period).value();
    intervals::compare(f.ci, f.value, comparator, direction)
}

/// The interval for a city's share minus the share of the rest of
/// aggregate `other` (or of all of it, when the city is not a member).
/// None unless both figures are shares with counts, and when the rest is
/// empty.
fn against_aggregate(
    catalog: &Catalog,
    ind: &Indicator,
    city: usize,
    other: Place,
    f: &Figure,
    agg: &Figure,
    conf: Confidence,
) -> Option<Interval> {
    if ind.measure != Measure::Share {
        return None;
    }
    let (k, n) = (f.numerator?, f.denominator?);
    let (ka, na) = (agg.numerator?, agg.denominator?);
    let (kr, nr) = if catalog.members(other).contains(&city) {
        if agg.missing_cities.contains(&city) {
            // The aggregate was formed without this city's figure.
            return None;
        }
        (ka.checked_sub(k)?, na.checked_sub(n)?)
    } else {
        (ka, na)
    };
    intervals::newcombe(k, n, kr, nr, conf)
}
