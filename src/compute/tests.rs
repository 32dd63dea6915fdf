//! The compute stage on small hand-built models: network aggregates, their
//! interplay with disclosure control, changes and target status.

use super::*;
use crate::model::{City, Direction, Target};

const A: Place = Place::City(0);
const B: Place = Place::City(1);
const C: Place = Place::City(2);
const NET: Place = Place::Network;
const NAT: Place = Place::National;

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

/// One indicator over three cities (A, B, C), observations added row by row.
struct Data {
    ind: Indicator,
    obs: Observations,
    /// Comparison groups, as lists of city indices.
    groups: Vec<Vec<usize>>,
}

fn data(measure: Measure, direction: Direction) -> Data {
    Data {
        ind: Indicator::bare(measure, direction),
        obs: Observations::default(),
        groups: Vec::new(),
    }
}

fn blank_obs() -> Observation {
    blank(None)
}

impl Data {
    fn add(mut self, place: Place, period: &str, o: Observation) -> Self {
        let earlier = self.obs.insert((0, None, place, p(period)), o);
        assert!(earlier.is_none(), "fixture has {place:?} {period} twice");
        self
    }

    /// A share as numerator / denominator.
    fn share(self, place: Place, period: &str, num: u64, den: u64) -> Self {
        let o = Observation {
            numerator: Some(num),
            denominator: Some(den),
            ..blank_obs()
        };
        self.add(place, period, o)
    }

    /// A figure in `value`: a count, rate or mean, or a share known only in pct.
    fn value(self, place: Place, period: &str, v: f64) -> Self {
        self.add(
            place,
            period,
            Observation {
                value: Some(v),
                ..blank_obs()
            },
        )
    }

    fn mean(self, place: Place, period: &str, v: f64, n: u64) -> Self {
        self.add(
            place,
            period,
            Observation {
                value: Some(v),
                n: Some(n),
                ..blank_obs()
            },
        )
    }

    fn target(
        mut self,
        level: Option<f64>,
        change: Option<f64>,
        baseline: Option<&str>,
        deadline: &str,
    ) -> Self {
        self.ind.target = Some(Target {
            level,
            change,
            baseline: baseline.map(p),
            deadline: p(deadline),
            trajectory: true,
            pos: Default::default(),
        });
        self
    }

    /// A comparison group of the given cities (`Place::CityGroup` in order).
    fn group(mut self, cities: &[usize]) -> Self {
        self.groups.push(cities.to_vec());
        self
    }

    /// Compute with disclosure threshold `min_cell` (0 = off).
    fn compute(self, min_cell: u64) -> Out {
        self.compute_at(min_cell, "")
    }

    /// Compute with `min_cell` and the TOML lines `config` added to the
    /// configuration (e.g. `[compare]\nlevel = 0.998`).
    fn compute_at(self, min_cell: u64, config: &str) -> Out {
        let catalog = Catalog {
            network_name: "Netværket".into(),
            cities: ["a", "b", "c"]
                .iter()
                .zip(1..)
                .map(|(id, code)| City {
                    id: (*id).into(),
                    code,
                    name: id.to_uppercase(),
                    color: None,
                    region: None,
                })
                .collect(),
            city_groups: self
                .groups
                .iter()
                .enumerate()
                .map(|(g, cities)| crate::model::CityGroup {
                    id: format!("g{g}"),
                    name: format!("G{g}"),
                    cities: cities.clone(),
                })
                .collect(),
            areas: vec![],
            goals: vec![],
            indicators: vec![self.ind],
            broken_indicators: vec![],
        };
        let config: crate::config::Config =
            toml::from_str(&format!("title = \"t\"\nmin_cell = {min_cell}\n{config}")).unwrap();
        let mut computed = compute(&catalog, self.obs, &config).0;
        Out {
            ind: catalog.indicators[0].clone(),
            data: computed.indicators.remove(0),
            confidence: computed.confidence,
            catalog,
        }
    }
}

/// The computed cells of the fixture's indicator.
struct Out {
    ind: Indicator,
    data: IndicatorData,
    confidence: Confidence,
    catalog: Catalog,
}

impl Out {
    fn at(&self, place: Place, period: &str) -> &Cell {
        self.data.cell(None, place, p(period))
    }

    fn fig(&self, place: Place, period: &str) -> &Figure {
        let cell = self.at(place, period);
        cell.figure()
            .unwrap_or_else(|| panic!("no figure for {place:?} {period}: {cell:?}"))
    }

    fn value(&self, place: Place, period: &str) -> f64 {
        self.fig(place, period).value
    }

    fn change(&self, place: Place, from: &str, to: &str) -> Option<Change> {
        change(
            &self.ind,
            &self.data,
            place,
            p(from),
            p(to),
            self.confidence,
        )
    }

    fn compare(&self, place: Place, other: Place, period: &str) -> Comparison {
        compare_with(
            &self.catalog,
            &self.ind,
            &self.data,
            place,
            other,
            p(period),
            self.confidence,
        )
    }

    fn status(&self, place: Place, period: &str) -> TargetStatus {
        target_status(&self.ind, &self.data, place, p(period))
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// --- network aggregates ----------------------------------------------------

#[test]
fn network_share_is_pooled_never_a_mean_of_shares() {
    let out = data(Measure::Share, Direction::Lower)
        .share(A, "2014", 1, 10)
        .share(B, "2014", 90, 100)
        .share(C, "2014", 0, 40)
        .compute(0);
    let net = out.fig(NET, "2014");
    assert_eq!((net.numerator, net.denominator), (Some(91), Some(150)));
    // 60.7 pct.; the mean of the three shares would be 33.3.
    assert!(close(net.value, 91.0 / 150.0 * 100.0), "{}", net.value);
    assert!(net.missing_cities.is_empty());
    let ci = net.ci.expect("a pooled share has a Wilson interval");
    assert!(ci.lo < net.value && net.value < ci.hi);
}

#[test]
fn network_count_is_the_sum_of_the_cities_never_of_national() {
    let out = data(Measure::Count, Direction::Lower)
        .value(A, "2015", 10.0)
        .value(B, "2015", 20.0)
        .value(C, "2015", 30.0)
        .value(NAT, "2015", 1000.0)
        .compute(0);
    assert_eq!(out.value(NET, "2015"), 60.0);
    assert!(out.fig(NET, "2015").ci.is_some());
    assert_eq!(out.value(NAT, "2015"), 1000.0);
}

#[test]
fn network_mean_is_weighted_by_n() {
    let out = data(Measure::Mean, Direction::Higher)
        .mean(A, "2018-Q1", 50.0, 10)
        .mean(B, "2018-Q1", 80.0, 30)
        .compute(0);
    let net = out.fig(NET, "2018-Q1");
    assert!(close(net.value, 72.5), "{}", net.value);
    assert_eq!(net.n, Some(40));
    assert_eq!(net.missing_cities, vec![2]);
}

#[test]
fn means_without_n_and_rates_are_not_pooled() {
    let means = data(Measure::Mean, Direction::Higher)
        .value(A, "2018", 50.0)
        .value(B, "2018", 80.0)
        .compute(0);
    // Reported, but not to be pooled: "kan ikke opgøres", not "ikke indberettet".
    assert_eq!(
        means.at(NET, "2018"),
        &Cell::Missing(Missing::NotApplicable)
    );
    // A rate per 1,000 cannot be pooled without the populations behind it.
    let rates = data(Measure::Rate, Direction::Lower)
        .value(A, "2018", 2.5)
        .value(B, "2018", 4.0)
        .compute(0);
    assert_eq!(
        rates.at(NET, "2018"),
        &Cell::Missing(Missing::NotApplicable)
    );
    assert_eq!(rates.value(A, "2018"), 2.5);
}

#[test]
fn network_flags_the_cities_that_cannot_contribute() {
    let out = data(Measure::Share, Direction::Lower)
        .share(A, "2014", 10, 100)
        .share(B, "2014", 20, 100)
        .share(A, "2015", 10, 100)
        .share(B, "2015", 20, 100)
        .share(C, "2015", 30, 100)
        .share(A, "2016", 10, 100)
        .share(B, "2016", 20, 100)
        // Only the published percentage: shown for C, but it cannot be pooled.
        .value(C, "2016", 30.0)
        .compute(0);
    assert_eq!(out.fig(NET, "2014").missing_cities, vec![2]);
    assert!(out.fig(NET, "2015").missing_cities.is_empty());
    assert_eq!(out.fig(NET, "2016").missing_cities, vec![2]);
    assert!(close(out.value(NET, "2016"), 15.0));
    assert_eq!(out.value(C, "2016"), 30.0);
}

#[test]
fn zero_denominator_is_not_applicable_and_adds_nothing() {
    let out = data(Measure::Share, Direction::Lower)
        .share(A, "2014", 0, 0)
        .share(B, "2014", 5, 50)
        .share(C, "2014", 10, 50)
        .share(A, "2015", 0, 0)
        .share(B, "2015", 0, 0)
        .compute(0);
    assert_eq!(out.at(A, "2014"), &Cell::Missing(Missing::NotApplicable));
    assert!(close(out.value(NET, "2014"), 15.0));
    assert!(
        out.fig(NET, "2014").missing_cities.is_empty(),
        "A reported, it just had nobody"
    );
    assert_eq!(out.at(NET, "2015"), &Cell::Missing(Missing::NotApplicable));
}

#[test]
fn quarterly_and_yearly_figures_are_pooled_apart() {
    let out = data(Measure::Count, Direction::Lower)
        .value(A, "2018", 40.0)
        .value(A, "2018-Q1", 10.0)
        .value(B, "2018-Q1", 12.0)
        .value(C, "2018-Q1", 8.0)
        .value(A, "2018-Q2", 9.0)
        .compute(0);
    assert_eq!(out.value(NET, "2018"), 40.0);
    assert_eq!(out.fig(NET, "2018").missing_cities, vec![1, 2]);
    assert_eq!(out.value(NET, "2018-Q1"), 30.0);
    assert!(out.fig(NET, "2018-Q1").missing_cities.is_empty());
    assert_eq!(
        out.data.periods,
        vec![p("2018"), p("2018-Q1"), p("2018-Q2")]
    );
    assert_eq!(out.data.main_periods(), vec![p("2018-Q1"), p("2018-Q2")]);
    assert_eq!(out.data.report_period(p("2018-Q4")), Some(p("2018-Q2")));
    assert_eq!(out.data.report_period(p("2019")), Some(p("2018")));
}

// --- disclosure control and the network -------------------------------------

#[test]
fn network_is_pooled_from_all_cities_and_protects_the_suppressed_one() {
    let out = data(Measure::Share, Direction::Lower)
        .share(A, "2014", 3, 100)
        .share(B, "2014", 40, 100)
        .share(C, "2014", 12, 100)
        .compute(5);
    assert_eq!(out.at(A, "2014"), &Cell::Missing(Missing::Suppressed));
    // With the total published, A = total - B - C; so the next smallest goes too.
    assert_eq!(out.at(C, "2014"), &Cell::Missing(Missing::Suppressed));
    assert!(close(out.value(B, "2014"), 40.0));
    let net = out.fig(NET, "2014");
    assert_eq!((net.numerator, net.denominator), (Some(55), Some(300)));
    assert!(
        net.missing_cities.is_empty(),
        "suppressed cities still count in the total"
    );
}

#[test]
fn a_small_network_total_is_suppressed_too() {
    let out = data(Measure::Count, Direction::Lower)
        .value(A, "2014", 1.0)
        .value(B, "2014", 2.0)
        .compute(5);
    for place in [A, B, NET] {
        assert_eq!(
            out.at(place, "2014"),
            &Cell::Missing(Missing::Suppressed),
            "{place:?}"
        );
    }
}

#[test]
fn a_mean_is_suppressed_by_its_n() {
    let out = data(Measure::Mean, Direction::Higher)
        .mean(A, "2018", 50.0, 3)
        .mean(B, "2018", 60.0, 30)
        .mean(C, "2018", 70.0, 20)
        .compute(5);
    assert_eq!(out.at(A, "2018"), &Cell::Missing(Missing::Suppressed));
    assert_eq!(out.at(C, "2018"), &Cell::Missing(Missing::Suppressed));
    let net = out.fig(NET, "2018");
    assert_eq!(net.n, Some(53));
    assert!(close(net.value, (150.0 + 1800.0 + 1400.0) / 53.0));
}

#[test]
fn rates_are_not_suppressed_and_zero_turns_control_off() {
    let rates = data(Measure::Rate, Direction::Lower)
        .value(A, "2018", 0.5)
        .compute(5);
    assert_eq!(rates.value(A, "2018"), 0.5);
    let counts = data(Measure::Count, Direction::Lower)
        .value(A, "2018", 1.0)
        .value(B, "2018", 2.0)
        .compute(0);
    assert_eq!(counts.value(A, "2018"), 1.0);
    assert_eq!(counts.value(NET, "2018"), 3.0);
}

// --- change ------------------------------------------------------------------

#[test]
fn share_change_is_in_procentpoint() {
    let out = data(Measure::Share, Direction::Lower)
        .share(A, "2013", 100, 1000)
        .share(A, "2014", 125, 1000)
        .compute(5);
    let c = out.change(A, "2013", "2014").unwrap();
    assert!(close(c.amount, 2.5) && c.in_points, "{c:?}");
    assert_eq!(c.label_da(), "+2,5 procentpoint");
    assert!(c.significant.is_some());
}

#[test]
fn a_share_change_is_tested_with_newcombes_interval() {
    // 10,0 -> 13,0 pct. of 1.000: the two 95 pct. Wilson intervals overlap
    // (8,3-12,0 and 11,1-15,2), but Newcombe's interval for the difference,
    // 0,20 to 5,81 procentpoint (statsmodels confint_proportions_2indep,
    // method="newcomb"), excludes 0.
    let out = data(Measure::Share, Direction::Lower)
        .share(A, "2013", 100, 1000)
        .share(A, "2014", 130, 1000)
        .share(B, "2013", 100, 1000)
        .share(B, "2014", 110, 1000)
        // Known only in pct.: no counts, no test.
        .value(C, "2013", 10.0)
        .value(C, "2014", 20.0)
        .compute(5);
    let (a13, a14) = (out.fig(A, "2013"), out.fig(A, "2014"));
    assert!(
        a13.ci.unwrap().hi > a14.ci.unwrap().lo,
        "the intervals overlap"
    );
    assert_eq!(
        out.change(A, "2013", "2014").unwrap().significant,
        Some(true)
    );
    assert_eq!(
        out.change(B, "2013", "2014").unwrap().significant,
        Some(false)
    );
    assert_eq!(out.change(C, "2013", "2014").unwrap().significant, None);
}

#[test]
fn a_count_change_is_tested_exactly() {
    // 1.000 -> 1.100: two-sided p = 0,0307 (scipy binomtest(1100, 2100, 0.5)),
    // though the two exact Poisson intervals overlap.
    let out = data(Measure::Count, Direction::Lower)
        .value(A, "2013", 1000.0)
        .value(A, "2014", 1100.0)
        .value(B, "2013", 100.0)
        .value(B, "2014", 75.0)
        .compute(5);
    let (a13, a14) = (out.fig(A, "2013"), out.fig(A, "2014"));
    assert!(
        a13.ci.unwrap().hi > a14.ci.unwrap().lo,
        "the intervals overlap"
    );
    assert_eq!(
        out.change(A, "2013", "2014").unwrap().significant,
        Some(true)
    );
    // p = 0,069.
    assert_eq!(
        out.change(B, "2013", "2014").unwrap().significant,
        Some(false)
    );
    // Means and rates have no counts to test.
    let means = data(Measure::Mean, Direction::Higher)
        .mean(A, "2013", 40.0, 500)
        .mean(A, "2014", 60.0, 500)
        .compute(5);
    assert_eq!(means.change(A, "2013", "2014").unwrap().significant, None);
    let rates = data(Measure::Rate, Direction::Lower)
        .value(A, "2013", 2.0)
        .value(A, "2014", 9.0)
        .compute(5);
    assert_eq!(rates.change(A, "2013", "2014").unwrap().significant, None);
}

#[test]
fn the_fingertips_level_gives_fewer_stars_on_the_same_data() {
    let fixture = || {
        data(Measure::Share, Direction::Lower)
            // Table II (a) of Newcombe (1998): significant at 0.95, not at 0.998.
            .share(A, "2013", 48, 80)
            .share(A, "2014", 56, 70)
            .share(B, "2013", 1000, 10000)
            .share(B, "2014", 1200, 10000)
            .share(C, "2013", 300, 1000)
            .share(C, "2014", 340, 1000)
    };
    let stars = |out: &Out| -> Vec<Place> {
        [A, B, C, NET]
            .into_iter()
            .filter(|&place| out.change(place, "2013", "2014").unwrap().significant == Some(true))
            .collect()
    };
    let at95 = fixture().compute(5);
    let at998 = fixture().compute_at(5, "[compare]\nlevel = 0.998");
    assert_eq!(at95.confidence.level(), 0.95);
    assert_eq!(at998.confidence.level(), 0.998);
    assert_eq!(stars(&at95), [A, B, NET]);
    assert_eq!(stars(&at998), [B, NET]);
    // The intervals widen with the level too.
    let (i95, i998) = (
        at95.fig(C, "2014").ci.unwrap(),
        at998.fig(C, "2014").ci.unwrap(),
    );
    assert!(i998.lo < i95.lo && i95.hi < i998.hi);
}

#[test]
fn count_rate_and_mean_change_is_relative_in_pct() {
    let counts = data(Measure::Count, Direction::Lower)
        .value(A, "2013", 100.0)
        .value(A, "2014", 75.0)
        .compute(5);
    let c = counts.change(A, "2013", "2014").unwrap();
    assert!(close(c.amount, -25.0) && !c.in_points, "{c:?}");
    assert_eq!(c.label_da(), "-25,0 pct.");
    let rates = data(Measure::Rate, Direction::Lower)
        .value(A, "2013", 2.0)
        .value(A, "2014", 3.0)
        .compute(5);
    assert_eq!(
        rates.change(A, "2013", "2014").unwrap().label_da(),
        "+50,0 pct."
    );
    let means = data(Measure::Mean, Direction::Higher)
        .mean(A, "2013", 40.0, 50)
        .mean(A, "2014", 50.0, 50)
        .compute(5);
    assert_eq!(
        means.change(A, "2013", "2014").unwrap().label_da(),
        "+25,0 pct."
    );
}

#[test]
fn no_change_from_a_suppressed_or_missing_cell() {
    let out = data(Measure::Count, Direction::Lower)
        .value(A, "2013", 3.0)
        .value(A, "2014", 40.0)
        .value(B, "2013", 40.0)
        .value(B, "2014", 40.0)
        .compute(5);
    assert_eq!(
        out.change(A, "2013", "2014"),
        None,
        "A 2013 is below min_cell"
    );
    assert_eq!(
        out.change(B, "2013", "2014"),
        None,
        "B 2013 protects A 2013"
    );
    assert_eq!(out.change(A, "2014", "2015"), None, "no 2015 figure");
    assert!(close(
        out.change(NET, "2013", "2014").unwrap().amount,
        (80.0 - 43.0) / 43.0 * 100.0
    ));
}

#[test]
fn no_relative_change_from_zero_but_points_from_zero_pct() {
    let counts = data(Measure::Count, Direction::Lower)
        .value(A, "2013", 0.0)
        .value(A, "2014", 5.0)
        .compute(0);
    assert_eq!(counts.change(A, "2013", "2014"), None);
    let shares = data(Measure::Share, Direction::Lower)
        .share(A, "2013", 0, 100)
        .share(A, "2014", 5, 100)
        .compute(0);
    assert!(close(shares.change(A, "2013", "2014").unwrap().amount, 5.0));
}

// --- target status -------------------------------------------------------------

/// "At most 9 pct. by 2020", each city starting from 12 pct. in 2013. The
/// straight line from 12 to 9 stands at 10.71 in 2016 and 10.29 in 2017.
fn at_most_9_pct() -> Data {
    data(Measure::Share, Direction::Lower)
        .target(Some(9.0), None, Some("2013"), "2020")
        .value(A, "2013", 12.0)
        .value(B, "2013", 12.0)
        .value(C, "2013", 12.0)
}

#[test]
fn lower_is_better_target() {
    let out = at_most_9_pct()
        .value(A, "2016", 10.5)
        .value(A, "2018", 8.9)
        .value(A, "2020", 9.0)
        .value(B, "2017", 11.5)
        .value(B, "2020", 9.1)
        .value(C, "2021", 9.5)
        .value(C, "2022", 8.0)
        .compute(5);
    assert_eq!(out.status(A, "2016"), TargetStatus::OnTrack);
    assert_eq!(
        out.status(A, "2018"),
        TargetStatus::Met,
        "met before the deadline"
    );
    assert_eq!(
        out.status(A, "2020"),
        TargetStatus::Met,
        "exactly the level is met"
    );
    assert_eq!(out.status(B, "2017"), TargetStatus::NotOnTrack);
    assert_eq!(out.status(B, "2020"), TargetStatus::NotMet);
    assert_eq!(
        out.status(C, "2021"),
        TargetStatus::NotMet,
        "deadline passed"
    );
    assert_eq!(out.status(C, "2022"), TargetStatus::Met, "met late");
    assert_eq!(out.status(A, "2019"), TargetStatus::Unknown, "no figure");
}

#[test]
fn higher_is_better_target() {
    // "At least 60 pct. by 2020" from 50 in 2013: the line is 54.29 in 2016, 55.71 in 2017.
    let out = data(Measure::Share, Direction::Higher)
        .target(Some(60.0), None, Some("2013"), "2020")
        .value(A, "2013", 50.0)
        .value(A, "2016", 55.0)
        .value(A, "2018", 61.0)
        .value(A, "2020", 60.0)
        .value(B, "2013", 50.0)
        .value(B, "2017", 53.0)
        .value(B, "2020", 59.9)
        .value(B, "2021", 60.5)
        .compute(5);
    assert_eq!(out.status(A, "2016"), TargetStatus::OnTrack);
    assert_eq!(out.status(A, "2018"), TargetStatus::Met);
    assert_eq!(out.status(A, "2020"), TargetStatus::Met);
    assert_eq!(out.status(B, "2017"), TargetStatus::NotOnTrack);
    assert_eq!(out.status(B, "2020"), TargetStatus::NotMet);
    assert_eq!(out.status(B, "2021"), TargetStatus::Met);
}

#[test]
fn relative_target_starts_from_each_citys_own_baseline() {
    // A fall of at least 25 pct. from 2013: 12 -> 9 for A, 8 -> 6 for B.
    let out = data(Measure::Share, Direction::Lower)
        .target(None, Some(-25.0), Some("2013"), "2020")
        .value(A, "2013", 12.0)
        .value(A, "2020", 8.5)
        .value(B, "2013", 8.0)
        .value(B, "2020", 6.5)
        .value(C, "2020", 1.0)
        .compute(5);
    assert!(close(goal_value(&out.ind, &out.data, A).unwrap(), 9.0));
    assert!(close(goal_value(&out.ind, &out.data, B).unwrap(), 6.0));
    assert_eq!(out.status(A, "2020"), TargetStatus::Met);
    assert_eq!(out.status(B, "2020"), TargetStatus::NotMet);
    assert_eq!(
        out.status(C, "2020"),
        TargetStatus::Unknown,
        "no baseline, no goal"
    );
}

#[test]
fn a_quarter_within_the_deadline_year_has_not_reached_the_deadline() {
    // Midway through 2020-Q2 the line from 12 (mid 2013) to 9 (mid 2020) stands at 9.05.
    let out = at_most_9_pct()
        .value(A, "2020-Q2", 9.5)
        .value(B, "2020-Q2", 9.04)
        .value(C, "2020-Q4", 9.5)
        .value(A, "2021-Q1", 9.5)
        .compute(5);
    assert_eq!(out.status(A, "2020-Q2"), TargetStatus::NotOnTrack);
    assert_eq!(out.status(B, "2020-Q2"), TargetStatus::OnTrack);
    assert_eq!(
        out.status(C, "2020-Q4"),
        TargetStatus::NotOnTrack,
        "not yet: 2020 is not over"
    );
    assert_eq!(out.status(A, "2021-Q1"), TargetStatus::NotMet);
}

#[test]
fn no_target_and_no_line_to_judge_by() {
    let none = data(Measure::Share, Direction::Lower)
        .value(A, "2014", 8.0)
        .compute(5);
    assert_eq!(none.status(A, "2014"), TargetStatus::NoTarget);
    // A level with a baseline the place has no figure for: not there yet, and
    // no line to be on. It used to say "ikke på vej"; no line can say that.
    let out = data(Measure::Share, Direction::Lower)
        .target(Some(9.0), None, Some("2013"), "2020")
        .value(A, "2016", 10.0)
        .value(A, "2020", 9.5)
        .value(B, "2016", 8.0)
        .compute(5);
    assert_eq!(trajectory(&out.ind, &out.data, A, p("2016")), None);
    assert_eq!(out.status(A, "2016"), TargetStatus::NotYet);
    assert_eq!(out.status(B, "2016"), TargetStatus::Met);
    assert_eq!(
        out.status(A, "2020"),
        TargetStatus::NotMet,
        "the deadline judges"
    );
}

/// The homeless count of the shipped example: "at most 4,000 by 2020" (and a
/// fall of 25 pct. from 2013), which only the whole country can be judged by.
fn homeless() -> Out {
    data(Measure::Count, Direction::Lower)
        .target(Some(4000.0), Some(-25.0), Some("2013"), "2020")
        .value(NAT, "2011", 5290.0)
        .value(NAT, "2013", 5820.0)
        .value(NAT, "2013-Q2", 5820.0)
        .value(NAT, "2015", 6138.0)
        .value(NAT, "2019", 6431.0)
        .value(NAT, "2022", 5789.0)
        .compute(5)
}

#[test]
fn at_and_before_the_baseline_a_place_is_at_its_starting_point() {
    let out = homeless();
    // The stricter goal is the level, 4,000 (25 pct. off 5,820 is 4,365).
    assert!(close(goal_value(&out.ind, &out.data, NAT).unwrap(), 4000.0));
    // The line stands at the baseline value at the baseline, so the old rule
    // called the country at 5.820 against 4.000 "på vej". It is the start.
    assert!(close(
        trajectory_value(&out.ind, &out.data, NAT, p("2013")).unwrap(),
        5820.0
    ));
    assert_eq!(out.status(NAT, "2013"), TargetStatus::Baseline);
    assert_eq!(out.status(NAT, "2011"), TargetStatus::Baseline, "before");
    assert_eq!(
        out.status(NAT, "2013-Q2"),
        TargetStatus::Baseline,
        "a quarter of the baseline year"
    );
    // From 5,820 (mid 2013) to 4,000 (mid 2020) the line is at 5,300 in 2015.
    assert!(close(
        trajectory_value(&out.ind, &out.data, NAT, p("2015")).unwrap(),
        5300.0
    ));
    assert_eq!(out.status(NAT, "2015"), TargetStatus::NotOnTrack);
    assert_eq!(out.status(NAT, "2019"), TargetStatus::NotOnTrack);
    assert_eq!(out.status(NAT, "2022"), TargetStatus::NotMet);
    // A relative target's baseline is each city's own starting point too.
    let cities = at_most_9_pct().value(A, "2012", 13.0).compute(5);
    assert_eq!(cities.status(A, "2013"), TargetStatus::Baseline);
    assert_eq!(cities.status(A, "2012"), TargetStatus::Baseline);
    assert_eq!(TargetStatus::Baseline.id(), "baseline");
    assert_eq!(TargetStatus::Baseline.label_da(), "Udgangspunkt");
}

/// "At most 9 pct. by 2020" without a baseline: each place's line starts at its
/// first published figure. A's runs from 12 (mid 2014) to 9 (mid 2020): 11.0 in
/// 2016, 10.5 in 2017.
fn level_only(trajectory: bool) -> Out {
    let mut d = data(Measure::Share, Direction::Lower)
        .target(Some(9.0), None, None, "2020")
        .value(A, "2014", 12.0)
        .value(A, "2016", 10.5)
        .value(A, "2017", 10.6)
        .value(A, "2018", 8.5)
        .value(A, "2020", 9.5)
        .value(A, "2020-Q2", 9.5)
        .value(A, "2021", 8.0)
        .value(B, "2014", 8.0);
    d.ind.target.as_mut().unwrap().trajectory = trajectory;
    d.compute(5)
}

#[test]
fn a_level_target_without_baseline_is_judged_by_a_line_from_the_first_figure() {
    let out = level_only(true);
    let line = trajectory(&out.ind, &out.data, A, p("2016")).unwrap();
    assert_eq!((line.start, line.from, line.goal), (p("2014"), 12.0, 9.0));
    assert!(!line.from_baseline);
    assert!(close(line.at(p("2016")), 11.0));
    assert!(close(line.at(p("2017")), 10.5));
    assert_eq!(
        out.status(A, "2014"),
        TargetStatus::Baseline,
        "the line's start"
    );
    assert_eq!(out.status(A, "2016"), TargetStatus::OnTrack);
    assert_eq!(out.status(A, "2017"), TargetStatus::NotOnTrack);
    assert_eq!(out.status(A, "2018"), TargetStatus::Met);
    // Met is met, even in the first year: the level is an absolute bar.
    assert_eq!(out.status(B, "2014"), TargetStatus::Met);
    // A quarterly figure is judged by the quarterly series: 2020-Q2 is A's
    // first quarter, so it starts a line of its own.
    assert_eq!(
        trajectory(&out.ind, &out.data, A, p("2020-Q2"))
            .unwrap()
            .start,
        p("2020-Q2")
    );
    assert_eq!(out.status(A, "2020-Q2"), TargetStatus::Baseline);
}

#[test]
fn at_the_deadline_only_the_level_counts() {
    for line in [true, false] {
        let out = level_only(line);
        assert_eq!(out.status(A, "2020"), TargetStatus::NotMet, "line {line}");
        assert_eq!(
            out.status(A, "2021"),
            TargetStatus::Met,
            "met late, line {line}"
        );
    }
}

#[test]
fn without_a_trajectory_a_target_cannot_be_judged_before_its_deadline() {
    let out = level_only(false);
    assert_eq!(trajectory(&out.ind, &out.data, A, p("2016")), None);
    assert_eq!(
        out.status(A, "2014"),
        TargetStatus::NotYet,
        "no line, no start"
    );
    assert_eq!(out.status(A, "2016"), TargetStatus::NotYet);
    assert_eq!(out.status(A, "2017"), TargetStatus::NotYet);
    assert_eq!(out.status(A, "2018"), TargetStatus::Met, "met is met");
    assert_eq!(out.status(B, "2014"), TargetStatus::Met);
    assert_eq!(TargetStatus::NotYet.label_da(), "Kan ikke vurderes endnu");
    // A baseline is still the starting point; after it, no line to judge by.
    let mut d = at_most_9_pct().value(A, "2016", 10.5);
    d.ind.target.as_mut().unwrap().trajectory = false;
    let out = d.compute(5);
    assert_eq!(out.status(A, "2013"), TargetStatus::Baseline);
    assert_eq!(out.status(A, "2016"), TargetStatus::NotYet);
}

#[test]
fn a_withheld_first_figure_never_starts_a_line() {
    // A's 2014 share (3 of 100) is withheld: the line starts at 2015, 12 pct.,
    // and stands at 11.4 in 2016 (to 9 in 2020).
    let out = data(Measure::Share, Direction::Lower)
        .target(Some(9.0), None, None, "2020")
        .share(A, "2014", 3, 100)
        .share(A, "2015", 12, 100)
        .share(A, "2016", 11, 100)
        .compute(5);
    assert_eq!(out.at(A, "2014"), &Cell::Missing(Missing::Suppressed));
    let line = trajectory(&out.ind, &out.data, A, p("2016")).unwrap();
    assert_eq!((line.start, line.from), (p("2015"), 12.0));
    assert!(close(line.at(p("2016")), 11.4));
    assert_eq!(out.status(A, "2014"), TargetStatus::Unknown);
    assert_eq!(out.status(A, "2015"), TargetStatus::Baseline);
    assert_eq!(out.status(A, "2016"), TargetStatus::OnTrack);
}

#[test]
fn a_networks_line_starts_where_it_covers_the_same_cities() {
    // The network is A alone in 2014, A and B from 2015 (11.5 pct., then 10.5).
    let out = data(Measure::Share, Direction::Lower)
        .target(Some(9.0), None, None, "2020")
        .share(A, "2014", 12, 100)
        .share(A, "2015", 11, 100)
        .share(A, "2016", 10, 100)
        .share(B, "2015", 12, 100)
        .share(B, "2016", 11, 100)
        .compute(5);
    let line = trajectory(&out.ind, &out.data, NET, p("2016")).unwrap();
    assert_eq!(line.start, p("2015"));
    assert!(close(line.from, 11.5));
    assert_eq!(out.status(NET, "2015"), TargetStatus::Baseline);
    assert_eq!(out.status(NET, "2016"), TargetStatus::OnTrack);
    assert_eq!(
        trajectory(&out.ind, &out.data, NET, p("2014"))
            .unwrap()
            .start,
        p("2014")
    );
}

#[test]
fn a_counts_level_is_tracked_for_the_country_from_its_first_figure() {
    // From 6,138 (mid 2015) to 4,000 (mid 2020): 5,282.8 in 2017.
    let out = data(Measure::Count, Direction::Lower)
        .target(Some(4000.0), None, None, "2020")
        .value(NAT, "2015", 6138.0)
        .value(NAT, "2017", 6635.0)
        .value(A, "2015", 100.0)
        .value(A, "2017", 90.0)
        .compute(5);
    assert!(close(
        trajectory_value(&out.ind, &out.data, NAT, p("2017")).unwrap(),
        5282.8
    ));
    assert_eq!(out.status(NAT, "2015"), TargetStatus::Baseline);
    assert_eq!(out.status(NAT, "2017"), TargetStatus::NotOnTrack);
    assert_eq!(trajectory(&out.ind, &out.data, A, p("2017")), None);
    assert_eq!(
        out.status(A, "2017"),
        TargetStatus::Unknown,
        "not A's level"
    );
}

#[test]
fn a_counts_level_target_is_national_not_per_city() {
    // "At most 4,000 homeless by 2020" is a national number; a city of 100 has not met it.
    let level = data(Measure::Count, Direction::Lower)
        .target(Some(4000.0), None, None, "2020")
        .value(A, "2020", 100.0)
        .value(NAT, "2020", 3900.0)
        .value(NAT, "2021", 4100.0)
        .compute(5);
    assert_eq!(goal_value(&level.ind, &level.data, A), None);
    assert_eq!(level.status(A, "2020"), TargetStatus::Unknown);
    assert_eq!(level.status(NET, "2020"), TargetStatus::Unknown);
    assert_eq!(level.status(NAT, "2020"), TargetStatus::Met);
    assert_eq!(level.status(NAT, "2021"), TargetStatus::NotMet);
    // With a relative target as well, each city is judged by its own fall.
    let both = data(Measure::Count, Direction::Lower)
        .target(Some(4000.0), Some(-25.0), Some("2013"), "2020")
        .value(A, "2013", 200.0)
        .value(A, "2020", 140.0)
        .value(B, "2020", 100.0)
        .compute(5);
    assert!(close(goal_value(&both.ind, &both.data, A).unwrap(), 150.0));
    assert_eq!(both.status(A, "2020"), TargetStatus::Met);
    assert_eq!(
        both.status(B, "2020"),
        TargetStatus::Unknown,
        "no baseline; the level is not B's"
    );
}

#[test]
fn a_suppressed_figure_cannot_be_judged() {
    let out = data(Measure::Count, Direction::Lower)
        .target(None, Some(-25.0), Some("2013"), "2020")
        .value(A, "2013", 200.0)
        .value(A, "2020", 3.0)
        .compute(5);
    assert_eq!(out.status(A, "2020"), TargetStatus::Unknown);
}

// --- comparison with the rest of the network -------------------------------

/// A big city (A, 86 pct. of the denominator) pulls the network towards it.
fn big_city() -> Data {
    data(Measure::Share, Direction::Lower)
        .share(A, "2014", 330, 3000)
        .share(B, "2014", 20, 300)
        .share(C, "2014", 15, 200)
}

#[test]
fn a_big_city_is_worse_than_the_rest_though_level_with_the_whole_network() {
    let out = big_city().compute(5);
    let (a, net) = (out.fig(A, "2014"), out.fig(NET, "2014"));
    // Whole network 10,4 pct. lies inside A's interval (9,9-12,2): the
    // comparator-in-interval rule would say "på niveau med".
    assert_eq!(
        intervals::compare(a.ci, a.value, Some(net.value), intervals::Direction::Lower),
        Comparison::Similar
    );
    // The rest, 35 of 500 = 7,0 pct.: A − rest is 1,21 to 6,25 procentpoint
    // (statsmodels confint_proportions_2indep(330, 3000, 35, 500, method="newcomb")).
    assert_eq!(out.compare(A, NET, "2014"), Comparison::Worse);
    // B (6,7 pct.) against the rest (345 of 3.200 = 10,8 pct.) is better.
    assert_eq!(out.compare(B, NET, "2014"), Comparison::Better);
    // With a direction "higher is better" the same difference is "bedre".
    let mut higher = big_city();
    higher.ind.direction = Direction::Higher;
    assert_eq!(
        higher.compute(5).compare(A, NET, "2014"),
        Comparison::Better
    );
}

#[test]
fn the_whole_country_is_compared_with_the_citys_interval() {
    // A city is a small part of the country: the national value against the
    // city's interval, as before.
    let out = big_city().share(NAT, "2014", 10_400, 100_000).compute(5);
    assert_eq!(out.compare(A, NAT, "2014"), Comparison::Similar);
    assert_eq!(out.compare(B, NAT, "2014"), Comparison::Better);
    let level = big_city()
        .share(NAT, "2014", 9_800, 100_000)
        .compute_at(5, "[compare]\nlevel = 0.998");
    // 9,8 pct. lies inside A's 99,8 pct. interval (9,4-12,8).
    assert_eq!(level.compare(A, NAT, "2014"), Comparison::Similar);
}

#[test]
fn no_comparison_with_a_withheld_or_missing_figure_or_an_empty_rest() {
    let out = data(Measure::Share, Direction::Lower)
        .share(A, "2014", 3, 100)
        .share(B, "2014", 40, 100)
        .share(C, "2014", 12, 100)
        .share(A, "2015", 30, 100)
        .compute(5);
    // A and C are withheld in 2014 (see above): nothing to compare them by.
    assert_eq!(out.compare(A, NET, "2014"), Comparison::NotComparable);
    assert_eq!(out.compare(C, NET, "2014"), Comparison::NotComparable);
    // B and the network are published, so the rest (15 of 200, which anyone
    // can work out from them) is what B is compared with.
    assert_eq!(out.compare(B, NET, "2014"), Comparison::Worse);
    // In 2015 only A has a figure: the rest of the network is empty.
    assert_eq!(out.compare(A, NET, "2015"), Comparison::NotComparable);
    // Counts are never compared.
    let counts = data(Measure::Count, Direction::Lower)
        .value(A, "2014", 1000.0)
        .value(B, "2014", 10.0)
        .compute(5);
    assert_eq!(counts.compare(B, NET, "2014"), Comparison::NotComparable);
}

#[test]
fn a_comparison_group_is_compared_without_the_city_and_others_whole() {
    let out = big_city()
        .group(&[0, 1])
        .compute_at(5, "[compare]\nwith = [\"network\", \"groups\"]");
    let g = Place::CityGroup(0);
    // A against the rest of its group, B alone (20 of 300).
    assert_eq!(out.compare(A, g, "2014"), Comparison::Worse);
    // C is not in the group: compared with all of it (350 of 3.300 = 10,6
    // pct.) as another sample: 7,5 pct. of 200 is not different.
    assert_eq!(out.compare(C, g, "2014"), Comparison::Similar);
}
