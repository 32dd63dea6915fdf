//! The relations of the published tables, each added only where the data
//! satisfies it: aggregates = their cities, the country = all cities, a group
//! = its sub-groups (or, where a person can be in several sub-groups, at
//! most their sum and at least each one), a period = the periods within it
//! (or equal to them, for a population counted at one point in time), linked
//! indicators, and numerator ≤ denominator.

use super::model::{Key, Kind, Model, Op, Why};
use crate::model::period::Granularity;
use crate::model::{Catalog, LinkKind, Measure, Period, Place};

pub(super) fn build(m: &mut Model, catalog: &Catalog, aggregates: &[Place]) {
    bounds(m);
    let cells: Vec<Key> = m.cells.iter().map(|c| c.key).collect();
    for &key in &cells {
        let (i, g, place, t) = key;
        let total = m.index[&key];
        if place.is_aggregate() && aggregates.contains(&place) {
            let parts = existing(
                m,
                catalog
                    .members(place)
                    .into_iter()
                    .map(|c| (i, g, Place::City(c), t)),
            );
            family(m, total, &parts.0, Why::Aggregate, Mode::Sum);
        }
        if place == Place::National {
            let parts = existing(
                m,
                (0..catalog.cities.len()).map(|c| (i, g, Place::City(c), t)),
            );
            if parts.1 {
                family(m, total, &parts.0, Why::National, Mode::Sum);
            }
        }
        let ind = &catalog.indicators[i];
        let children: Vec<usize> = (0..ind.groups.len())
            .filter(|&c| ind.groups[c].parent == g)
            .collect();
        if !children.is_empty() {
            let parts = existing(m, children.iter().map(|&c| (i, Some(c), place, t)));
            if parts.1 {
                family(m, total, &parts.0, Why::Groups, Mode::Union);
            }
        }
    }
    periods(m, &cells);
    links(m, catalog, &cells);
}

/// The cells of `keys` that exist, and whether all do.
fn existing(m: &Model, keys: impl Iterator<Item = Key>) -> (Vec<usize>, bool) {
    let mut all = true;
    let found = keys
        .filter_map(|k| {
            let c = m.cell(&k);
            all &= c.is_some();
            c
        })
        .collect();
    (found, all)
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Only an exact sum.
    Sum,
    /// A sum, else "all parts equal the total" (one population counted in
    /// each part), else the bounds of a union: each part ≤ total ≤ Σ parts.
    Union,
    /// A sum, else "all parts equal the total".
    SumOrSame,
}

/// Relations between a total cell and its parts, kind by kind; whether the
/// total is the exact sum of its parts in every kind.
fn family(m: &mut Model, total: usize, parts: &[usize], why: Why, mode: Mode) -> bool {
    if parts.is_empty() {
        return false;
    }
    let mut summed = true;
    for (kind, tq) in m.cells[total].qty.clone() {
        let Some(pq): Option<Vec<usize>> = parts.iter().map(|&p| m.cells[p].qty(kind)).collect()
        else {
            summed = false;
            continue;
        };
        let t = m.qty[tq].truth;
        let truths: Vec<u64> = pq.iter().map(|&q| m.qty[q].truth).collect();
        let sum: u64 = truths.iter().sum();
        if sum == t {
            let mut terms = vec![(tq, 1)];
            terms.extend(pq.iter().map(|&q| (q, -1)));
            m.add(terms, Op::Eq, why);
            continue;
        }
        summed = false;
        if mode != Mode::Sum && truths.iter().all(|&v| v == t) {
            for &q in &pq {
                m.add(vec![(q, 1), (tq, -1)], Op::Eq, why);
            }
        } else if mode == Mode::Union && truths.iter().all(|&v| v <= t) && t <= sum {
            let mut terms = vec![(tq, 1)];
            terms.extend(pq.iter().map(|&q| (q, -1)));
            m.add(terms, Op::Le, why);
            for &q in &pq {
                m.add(vec![(q, 1), (tq, -1)], Op::Le, why);
            }
        }
    }
    summed
}

/// A numerator is at most its denominator.
fn bounds(m: &mut Model) {
    for c in 0..m.cells.len() {
        if let (Some(n), Some(d)) = (m.cells[c].qty(Kind::Num), m.cells[c].qty(Kind::Den)) {
            m.add(vec![(n, 1), (d, -1)], Op::Le, Why::Bound);
        }
    }
}

/// The periods of `g` within `p` (a year's quarters, a half's months, …).
pub fn parts_of(p: Period, g: Granularity) -> Vec<Period> {
    let y = p.year();
    let months: Vec<u8> = match p {
        Period::Year(_) => (1..=12).collect(),
        Period::Half(_, h) => ((h - 1) * 6 + 1..=h * 6).collect(),
        Period::Quarter(_, q) => ((q - 1) * 3 + 1..=q * 3).collect(),
        Period::Month(..) => return Vec::new(),
    };
    let mut out: Vec<Period> = months
        .into_iter()
        .map(|mo| match g {
            Granularity::Year => Period::Year(y),
            Granularity::Half => Period::Half(y, (mo - 1) / 6 + 1),
            Granularity::Quarter => Period::Quarter(y, (mo - 1) / 3 + 1),
            Granularity::Month => Period::Month(y, mo),
        })
        .collect();
    out.dedup();
    out.retain(|q| *q != p && q.within(p));
    out
}

/// Periods within periods, series by series (one indicator, group and place).
fn periods(m: &mut Model, cells: &[Key]) {
    let mut start = 0;
    while start < cells.len() {
        let (i, g, place, _) = cells[start];
        let end = start
            + cells[start..]
                .iter()
                .take_while(|k| (k.0, k.1, k.2) == (i, g, place))
                .count();
        let series = &cells[start..end];
        if series
            .iter()
            .any(|k| k.3.granularity() != series[0].3.granularity())
        {
            for &outer in series {
                let total = m.index[&outer];
                let mut summed = false;
                for gran in [Granularity::Half, Granularity::Quarter, Granularity::Month] {
                    if gran <= outer.3.granularity() {
                        continue;
                    }
                    let parts = existing(
                        m,
                        parts_of(outer.3, gran)
                            .into_iter()
                            .map(|p| (i, g, place, p)),
                    );
                    if parts.1 {
                        summed |= family(m, total, &parts.0, Why::Periods, Mode::SumOrSame);
                    }
                }
                // A figure for "the four quarters up to Q4" that is the
                // year's — not where the year is the sum of its periods: a
                // year of zeros would then be pinned by both.
                for inner in series
                    .iter()
                    .filter(|k| !summed && k.3 != outer.3 && k.3.within(outer.3))
                {
                    let part = m.index[inner];
                    let same = m.cells[total].qty.len() == m.cells[part].qty.len()
                        && m.cells[total].qty.iter().all(|&(kind, q)| {
                            m.cells[part]
                                .qty(kind)
                                .is_some_and(|p| m.qty[p].truth == m.qty[q].truth)
                        });
                    if same {
                        for (kind, q) in m.cells[total].qty.clone() {
                            let p = m.cells[part].qty(kind).expect("same kinds");
                            m.add(vec![(p, 1), (q, -1)], Op::Eq, Why::Periods);
                        }
                    }
                }
            }
        }
        start = end;
    }
}

/// The kind that counts an indicator's people.
fn people(measure: Measure) -> Kind {
    match measure {
        Measure::Share | Measure::Rate => Kind::Num,
        Measure::Count => Kind::Count,
        Measure::Mean => Kind::N,
    }
}

/// Linked indicators: declared links and fact-sheet fulfilment pairs.
fn links(m: &mut Model, catalog: &Catalog, cells: &[Key]) {
    let mut pairs: Vec<(usize, usize, LinkKind)> = Vec::new();
    for (i, ind) in catalog.indicators.iter().enumerate() {
        pairs.extend(ind.links.iter().map(|l| (i, l.other, l.kind)));
        if let Some(f) = ind.fulfilment {
            pairs.push((f.fulfilled, f.unfulfilled, LinkKind::ComplementOf));
        }
    }
    pairs.sort_unstable_by_key(|&(a, b, k)| (a, b, k as u8));
    pairs.dedup();
    for (a, b, kind) in pairs {
        let (ia, ib) = (&catalog.indicators[a], &catalog.indicators[b]);
        for &key in cells.iter().filter(|k| k.0 == a) {
            // Groups match by id: the same breakdown in both indicators.
            let group = match key.1 {
                None => None,
                Some(g) => match ib.groups.iter().position(|x| x.id == ia.groups[g].id) {
                    Some(h) => Some(h),
                    None => continue,
                },
            };
            let (Some(ca), Some(cb)) = (m.cell(&key), m.cell(&(b, group, key.2, key.3))) else {
                continue;
            };
            let q = |m: &Model, c: usize, k: Kind| m.cells[c].qty(k).map(|q| (q, m.qty[q].truth));
            match kind {
                LinkKind::NumeratorOf | LinkKind::SamePeople => {
                    let ka = people(ia.measure);
                    let kb = people(ib.measure);
                    if let (Some((x, vx)), Some((y, vy))) = (q(m, ca, ka), q(m, cb, kb)) {
                        if vx == vy {
                            m.add(vec![(x, 1), (y, -1)], Op::Eq, Why::Link);
                        }
                    }
                }
                LinkKind::ComplementOf => {
                    let (Some((na, vna)), Some((da, vda)), Some((nb, vnb)), Some((db, vdb))) = (
                        q(m, ca, Kind::Num),
                        q(m, ca, Kind::Den),
                        q(m, cb, Kind::Num),
                        q(m, cb, Kind::Den),
                    ) else {
                        continue;
                    };
                    if vda != vdb {
                        continue;
                    }
                    m.add(vec![(da, 1), (db, -1)], Op::Eq, Why::Link);
                    let op = if vna + vnb == vda { Op::Eq } else { Op::Le };
                    if vna + vnb <= vda {
                        m.add(vec![(na, 1), (nb, 1), (da, -1)], op, Why::Link);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_within_periods() {
        let q = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(
            parts_of(q("2019"), Granularity::Quarter),
            vec![q("2019-Q1"), q("2019-Q2"), q("2019-Q3"), q("2019-Q4")]
        );
        assert_eq!(
            parts_of(q("2019-H2"), Granularity::Quarter),
            vec![q("2019-Q3"), q("2019-Q4")]
        );
        assert_eq!(
            parts_of(q("2019-Q2"), Granularity::Month),
            vec![q("2019-04"), q("2019-05"), q("2019-06")]
        );
        assert_eq!(parts_of(q("2019"), Granularity::Month).len(), 12);
        assert!(parts_of(q("2019-03"), Granularity::Month).is_empty());
    }
}
