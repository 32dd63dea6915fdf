//! Disclosure control on hand-built tables, one per way an attacker could
//! work a withheld count out. Each test checks the outcome two ways: the
//! audit's own ranges, and a brute-force attacker written here from the
//! published figures and the relations the test itself states.

use std::collections::BTreeMap;

use super::model::{Key, Raw};
use super::*;
use crate::model::{City, Direction, Group, Indicator, Link, LinkKind, Measure, Period};

const M: u64 = 5;

fn catalog(cities: usize, indicators: Vec<Indicator>) -> Catalog {
    Catalog {
        network_name: "Netværket".into(),
        cities: (0..cities)
            .map(|c| City {
                id: format!("c{c}"),
                code: c as u16 + 1,
                name: format!("C{c}"),
                color: None,
                region: None,
            })
            .collect(),
        city_groups: vec![],
        areas: vec![],
        goals: vec![],
        indicators,
        broken_indicators: vec![],
    }
}

fn y(year: i32) -> Period {
    Period::Year(year)
}

fn count(v: u64) -> Raw {
    Raw {
        count: Some(v),
        ..Raw::default()
    }
}

fn share(num: u64, den: u64) -> Raw {
    Raw {
        num: Some(num),
        den: Some(den),
        ..Raw::default()
    }
}

/// Cities' counts for one period of indicator `i`, with the network's sum.
fn counts(i: usize, t: Period, values: &[u64]) -> Vec<(Key, Raw)> {
    let mut out: Vec<(Key, Raw)> = values
        .iter()
        .enumerate()
        .map(|(c, v)| ((i, None, Place::City(c), t), count(*v)))
        .collect();
    out.push(((i, None, Place::Network, t), count(values.iter().sum())));
    out
}

fn shares(i: usize, t: Period, values: &[(u64, u64)]) -> Vec<(Key, Raw)> {
    let mut out: Vec<(Key, Raw)> = values
        .iter()
        .enumerate()
        .map(|(c, (n, d))| ((i, None, Place::City(c), t), share(*n, *d)))
        .collect();
    let (n, d) = values.iter().fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
    out.push(((i, None, Place::Network, t), share(n, d)));
    out
}

fn run(cat: &Catalog, raw: Vec<(Key, Raw)>) -> Disclosure {
    let raw: BTreeMap<Key, Raw> = raw.into_iter().collect();
    let d = control(cat, &raw, &[Place::Network], M, true);
    assert!(d.failures.is_empty(), "audit failures: {:?}", d.failures);
    for w in &d.withheld {
        for (label, r) in &w.ranges {
            let r = r.expect("exact ranges");
            assert!(
                r.width() >= M,
                "{:?} {label}: {r:?} is narrower than {M}",
                w.key
            );
        }
    }
    d
}

fn keys(d: &Disclosure) -> Vec<Key> {
    d.withheld.iter().map(|w| w.key).collect()
}

fn withheld(d: &Disclosure, key: Key) -> bool {
    d.withheld.iter().any(|w| w.key == key)
}

/// Brute force: every assignment of the unknowns in `0..=bound` that
/// satisfies `holds`; the smallest and largest value of unknown `x`.
fn attack(unknowns: usize, bound: u64, x: usize, holds: impl Fn(&[u64]) -> bool) -> (u64, u64) {
    let mut v = vec![0u64; unknowns];
    let (mut lo, mut hi) = (u64::MAX, 0);
    loop {
        if holds(&v) {
            lo = lo.min(v[x]);
            hi = hi.max(v[x]);
        }
        let mut i = 0;
        loop {
            if i == unknowns {
                return (lo, hi);
            }
            v[i] += 1;
            if v[i] <= bound {
                break;
            }
            v[i] = 0;
            i += 1;
        }
    }
}

#[test]
fn one_small_city_takes_the_next_smallest_with_it() {
    let cat = catalog(4, vec![Indicator::bare(Measure::Count, Direction::Lower)]);
    let d = run(&cat, counts(0, y(2019), &[40, 3, 12, 9]));
    assert_eq!(
        keys(&d),
        vec![
            (0, None, Place::City(1), y(2019)),
            (0, None, Place::City(3), y(2019))
        ]
    );
    assert_eq!(d.withheld[0].reason, Reason::Primary("count"));
    assert_eq!(
        d.withheld[1].reason,
        Reason::Secondary((0, None, Place::City(1), y(2019)))
    );
    // The attacker knows the network (64) and cities 0 and 2: x1 + x3 = 12.
    assert_eq!(attack(2, 64, 0, |v| v[0] + v[1] == 12), (0, 12));
    assert_eq!(
        d.withheld[0].ranges[0].1.unwrap(),
        Range {
            lo: 0,
            hi: Some(12)
        }
    );
}

#[test]
fn two_withheld_cities_that_sum_to_a_small_number_need_a_third() {
    let cat = catalog(4, vec![Indicator::bare(Measure::Count, Direction::Lower)]);
    for values in [[0, 0, 40, 50], [1, 2, 40, 50]] {
        let d = run(&cat, counts(0, y(2019), &values));
        assert_eq!(d.withheld.len(), 3, "{values:?}: {:?}", keys(&d));
        assert!(
            withheld(&d, (0, None, Place::City(2), y(2019))),
            "the next smallest"
        );
        // Two unknowns with a published sum of 0 or 3 would be pinned.
        let sum = values[0] + values[1];
        let (lo, hi) = attack(2, 100, 0, |v| v[0] + v[1] == sum);
        assert!(hi - lo < M, "without a third cell the pair is pinned");
    }
}

#[test]
fn zero_is_small_and_so_is_a_small_complement() {
    let cat = catalog(3, vec![Indicator::bare(Measure::Share, Direction::Lower)]);
    let d = run(
        &cat,
        shares(0, y(2019), &[(0, 200), (1011, 1013), (300, 900)]),
    );
    let reason = |c| {
        d.withheld
            .iter()
            .find(|w| w.key.2 == Place::City(c))
            .map(|w| w.reason.clone())
    };
    assert_eq!(reason(0), Some(Reason::Primary("numerator")));
    assert_eq!(
        reason(1),
        Some(Reason::Primary("complement (denominator − numerator)"))
    );
}

#[test]
fn a_hierarchy_three_levels_deep() {
    // total = a + b; a = a1 + a2; a1 = a11 + a12. One city, no network.
    let mut ind = Indicator::bare(Measure::Count, Direction::Lower);
    let group = |id: &str, parent| Group {
        id: id.into(),
        title: id.into(),
        parent,
    };
    ind.groups = vec![
        group("a", None),
        group("b", None),
        group("a1", Some(0)),
        group("a2", Some(0)),
        group("a11", Some(2)),
        group("a12", Some(2)),
    ];
    let cat = catalog(1, vec![ind]);
    let t = y(2019);
    let cell = |g: Option<usize>, v| ((0, g, Place::City(0), t), count(v));
    let raw = [
        cell(None, 100),
        cell(Some(0), 60),
        cell(Some(1), 40),
        cell(Some(2), 30),
        cell(Some(3), 30),
        cell(Some(4), 3),
        cell(Some(5), 27),
    ];
    let d = control(&cat, &raw.iter().copied().collect(), &[], M, true);
    assert!(d.failures.is_empty());
    assert!(withheld(&d, (0, Some(4), Place::City(0), t)), "a11 = 3");
    assert!(
        withheld(&d, (0, Some(5), Place::City(0), t)),
        "a12 = a1 − a11"
    );
    // a1 and its parts a11 + a12 publish nothing more: a11 ∈ 0..=30.
    assert_eq!(attack(2, 100, 0, |v| v[0] + v[1] == 30), (0, 30));
    for w in &d.withheld {
        assert!(w.ranges[0].1.unwrap().width() >= M);
    }
    // When a1 itself is the small one, its sub-groups and its sibling cannot
    // all be published: a1 = a11 + a12 and a1 = a − a2.
    let raw = [
        cell(None, 100),
        cell(Some(0), 60),
        cell(Some(1), 40),
        cell(Some(2), 4),
        cell(Some(3), 56),
        cell(Some(4), 1),
        cell(Some(5), 3),
    ];
    let d = control(&cat, &raw.into_iter().collect(), &[], M, true);
    assert!(d.failures.is_empty());
    for w in &d.withheld {
        assert!(w.ranges[0].1.unwrap().width() >= M, "{:?}", w);
    }
    assert!(withheld(&d, (0, Some(2), Place::City(0), t)));
    assert!(
        withheld(&d, (0, Some(3), Place::City(0), t)),
        "a2 = a − a1 pins a1 otherwise"
    );
}

#[test]
fn groups_whose_people_overlap_are_bounds_not_sums() {
    // A person can have goals in several sub-themes: the parent is at most
    // their sum and at least each of them.
    let mut ind = Indicator::bare(Measure::Count, Direction::Lower);
    ind.groups = vec![
        Group {
            id: "p".into(),
            title: "p".into(),
            parent: None,
        },
        Group {
            id: "x".into(),
            title: "x".into(),
            parent: Some(0),
        },
        Group {
            id: "z".into(),
            title: "z".into(),
            parent: Some(0),
        },
    ];
    let cat = catalog(1, vec![ind]);
    let t = y(2019);
    let cell = |g: Option<usize>, v| ((0, g, Place::City(0), t), count(v));
    // p = 20, x = 18, z = 4: z ≤ p and p ≤ x + z pin z to 2..=20 only.
    let raw: BTreeMap<Key, Raw> = [
        cell(None, 20),
        cell(Some(0), 20),
        cell(Some(1), 18),
        cell(Some(2), 4),
    ]
    .into_iter()
    .collect();
    let d = control(&cat, &raw, &[], M, true);
    assert!(d.failures.is_empty());
    let z = d
        .withheld
        .iter()
        .find(|w| w.key.1 == Some(2))
        .expect("z = 4 is withheld");
    assert_eq!(
        attack(1, 100, 0, |v| v[0] <= 20 && 20 <= 18 + v[0]),
        (2, 20)
    );
    assert_eq!(
        z.ranges[0].1.unwrap(),
        Range {
            lo: 2,
            hi: Some(20)
        }
    );
}

#[test]
fn a_withheld_quarter_is_not_the_year_minus_the_others() {
    let cat = catalog(1, vec![Indicator::bare(Measure::Count, Direction::Lower)]);
    let q = |n| Period::Quarter(2019, n);
    let raw = |year: u64| -> BTreeMap<Key, Raw> {
        let mut v: Vec<(Key, Raw)> = [10, 3, 12, 15]
            .iter()
            .zip(1..)
            .map(|(v, n)| ((0, None, Place::City(0), q(n)), count(*v)))
            .collect();
        v.push(((0, None, Place::City(0), y(2019)), count(year)));
        v.into_iter().collect()
    };
    // The year is the sum of its quarters: Q2 and one more are withheld.
    let d = control(&cat, &raw(40), &[], M, true);
    assert!(d.failures.is_empty());
    assert_eq!(
        keys(&d),
        vec![
            (0, None, Place::City(0), q(1)),
            (0, None, Place::City(0), q(2))
        ]
    );
    assert!(d
        .withheld
        .iter()
        .all(|w| w.ranges[0].1.unwrap().width() >= M));
    // A year that is no sum of its quarters (say, people counted once a year)
    // is no relation: the quarter stands alone.
    let d = control(&cat, &raw(31), &[], M, true);
    assert_eq!(keys(&d), vec![(0, None, Place::City(0), q(2))]);
}

#[test]
fn a_year_of_zeros_is_the_sum_of_its_quarters_not_also_each_of_them() {
    // All zero: the year is both the sum of its quarters and equal to each;
    // both at once would pin every cell at 0 whatever is withheld.
    let cat = catalog(2, vec![Indicator::bare(Measure::Count, Direction::Lower)]);
    let q = |n| Period::Quarter(2019, n);
    let mut raw = Vec::new();
    for (c, quarters) in [[0, 0, 0, 0], [10, 12, 9, 11]].iter().enumerate() {
        for (n, v) in (1..).zip(quarters) {
            raw.push(((0, None, Place::City(c), q(n)), count(*v)));
        }
        raw.push((
            (0, None, Place::City(c), y(2019)),
            count(quarters.iter().sum()),
        ));
    }
    let d = run(&cat, raw);
    assert!(withheld(&d, (0, None, Place::City(0), y(2019))));
}

#[test]
fn a_count_of_the_same_people_as_a_shares_numerator() {
    // The share withholds cities 0 (3) and 1 (complement 2); on its own the
    // count would withhold 0 and 2 and publish city 1's 20 — which, being the
    // share's numerator, gives city 0's numerator as 23 − 20 = 3.
    let mut count_ind = Indicator::bare(Measure::Count, Direction::Lower);
    count_ind.links = vec![Link {
        kind: LinkKind::NumeratorOf,
        other: 0,
    }];
    let cat = catalog(
        4,
        vec![Indicator::bare(Measure::Share, Direction::Lower), count_ind],
    );
    let t = y(2019);
    let nums = [3, 20, 9, 30];
    let mut raw = shares(0, t, &[(3, 100), (20, 22), (9, 400), (30, 60)]);
    raw.extend(counts(1, t, &nums));
    let d = run(&cat, raw.clone());
    let share_withheld: Vec<_> = keys(&d).into_iter().filter(|k| k.0 == 0).collect();
    let count_withheld: Vec<_> = keys(&d)
        .into_iter()
        .filter(|k| k.0 == 1)
        .map(|k| k.2)
        .collect();
    for k in &share_withheld {
        assert!(
            count_withheld.contains(&k.2),
            "{k:?}: the count publishes the share's numerator"
        );
    }
    // Without the link the tool cannot know, and the count publishes city 1.
    let mut unlinked = cat;
    unlinked.indicators[1].links.clear();
    let d = run(&unlinked, raw);
    assert!(!withheld(&d, (1, None, Place::City(1), t)));
}

#[test]
fn fulfilled_and_unfulfilled_goals_share_one_denominator() {
    let mut fulfilled = Indicator::bare(Measure::Share, Direction::Higher);
    fulfilled.links = vec![Link {
        kind: LinkKind::ComplementOf,
        other: 1,
    }];
    let cat = catalog(
        3,
        vec![fulfilled, Indicator::bare(Measure::Share, Direction::Lower)],
    );
    let t = y(2019);
    // Some goals are partly fulfilled: fulfilled + unfulfilled ≤ all goals.
    let mut raw = shares(0, t, &[(3, 50), (20, 60), (30, 70)]);
    raw.extend(shares(1, t, &[(40, 50), (30, 60), (30, 70)]));
    let d = run(&cat, raw);
    // City 0's fulfilled count is withheld; its unfulfilled 40 of 50 stays,
    // and bounds the fulfilled at 0..=10 — wide enough.
    let f0 = d
        .withheld
        .iter()
        .find(|w| w.key == (0, None, Place::City(0), t))
        .unwrap();
    assert!(f0.ranges[0].1.unwrap().width() >= M);
    assert!(
        f0.ranges[0].1.unwrap().hi.is_some_and(|h| h <= 10),
        "{:?}",
        f0.ranges
    );
}

#[test]
fn a_one_city_network_withholds_the_total_with_the_city() {
    let cat = catalog(1, vec![Indicator::bare(Measure::Count, Direction::Lower)]);
    let d = run(&cat, counts(0, y(2019), &[3]));
    assert_eq!(
        keys(&d),
        vec![
            (0, None, Place::City(0), y(2019)),
            (0, None, Place::Network, y(2019))
        ]
    );
}

#[test]
fn threshold_zero_turns_it_off() {
    let cat = catalog(2, vec![Indicator::bare(Measure::Count, Direction::Lower)]);
    let raw: BTreeMap<Key, Raw> = counts(0, y(2019), &[1, 40]).into_iter().collect();
    let d = control(&cat, &raw, &[Place::Network], 0, true);
    assert!(d.withheld.is_empty());
}

#[test]
fn two_small_cities_whose_sum_is_wide_enough_protect_each_other() {
    let cat = catalog(3, vec![Indicator::bare(Measure::Count, Direction::Lower)]);
    let d = run(&cat, counts(0, y(2019), &[2, 4, 100]));
    assert_eq!(d.withheld.len(), 2);
    assert_eq!(attack(2, 106, 0, |v| v[0] + v[1] == 6), (0, 6));
    for w in &d.withheld {
        assert_eq!(
            w.ranges[0].1.unwrap(),
            Range { lo: 0, hi: Some(6) },
            "{:?}",
            w.key
        );
    }
}
