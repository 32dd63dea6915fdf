//! Disclosure control (diskretionering).
//!
//! Primary: a cell whose count (a share's numerator, a count, a mean's N) is
//! below `min_cell` is withheld. Secondary: where a published total stands
//! with its parts (the network aggregate with its cities; a group with its
//! sub-groups), a single withheld part could be derived by subtraction, so the
//! next-smallest part is withheld too, or the total when there is none.
//! Both are decided deterministically (smallest count, then lowest index).

use std::collections::BTreeMap;

use super::{Cell, Figure, Missing};
use crate::model::{Indicator, Measure, Period, Place};

type Cells = BTreeMap<(Option<usize>, Place, Period), Cell>;

/// The count that decides whether a figure may be published.
fn sensitive(ind: &Indicator, f: &Figure) -> Option<f64> {
    match ind.measure {
        Measure::Share => f.numerator.map(|n| n as f64),
        Measure::Count => Some(f.value),
        Measure::Mean => f.n.map(|n| n as f64),
        Measure::Rate => None,
    }
}

/// The count behind a revised figure's first-published value: "first
/// published as 3" would reveal a small count as surely as the cell itself.
/// A share's earlier numerator is estimated from the current denominator.
fn previous_sensitive(ind: &Indicator, f: &Figure) -> Option<f64> {
    let previous = f.previous?;
    match ind.measure {
        Measure::Share => f.denominator.map(|d| (previous / 100.0 * d as f64).round()),
        Measure::Count => Some(previous),
        Measure::Mean | Measure::Rate => None,
    }
}

pub(super) fn apply(ind: &Indicator, cells: &mut Cells, min_cell: u64) {
    if min_cell == 0 {
        return;
    }
    for cell in cells.values_mut() {
        if let Cell::Value(f) = cell {
            if sensitive(ind, f).is_some_and(|s| s < min_cell as f64) {
                *cell = Cell::Missing(Missing::Suppressed);
            } else if previous_sensitive(ind, f).is_some_and(|s| s < min_cell as f64) {
                f.previous = None;
            }
        }
    }
    // Secondary suppression can create a new single withheld cell in the other
    // dimension, so repeat until nothing changes.
    while secondary_cities(ind, cells) | secondary_groups(ind, cells) {}
}

/// Within one total-and-parts family, withhold one more cell if exactly one
/// part is withheld. Returns whether anything changed.
fn protect(
    ind: &Indicator,
    cells: &mut Cells,
    total: (Option<usize>, Place, Period),
    parts: &[(Option<usize>, Place, Period)],
) -> bool {
    if !matches!(cells.get(&total), Some(Cell::Value(_))) {
        return false;
    }
    let withheld = parts
        .iter()
        .filter(|k| matches!(cells.get(k), Some(Cell::Missing(m)) if m.suppressed()))
        .count();
    if withheld != 1 {
        return false;
    }
    let next = parts
        .iter()
        .filter_map(|k| match cells.get(k) {
            Some(Cell::Value(f)) => Some((sensitive(ind, f).unwrap_or(f64::MAX), *k)),
            _ => None,
        })
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let key = next.map_or(total, |(_, k)| k);
    cells.insert(key, Cell::Missing(Missing::SecondarySuppressed));
    true
}

/// The network aggregate is published with its cities.
fn secondary_cities(ind: &Indicator, cells: &mut Cells) -> bool {
    let totals: Vec<_> = cells
        .keys()
        .filter(|k| k.1 == Place::Network)
        .copied()
        .collect();
    let mut changed = false;
    for total in totals {
        let parts: Vec<_> = cells
            .keys()
            .filter(|k| k.0 == total.0 && k.2 == total.2 && matches!(k.1, Place::City(_)))
            .copied()
            .collect();
        changed |= protect(ind, cells, total, &parts);
    }
    changed
}

/// A group (or the total, for top-level groups) is published with its sub-groups.
fn secondary_groups(ind: &Indicator, cells: &mut Cells) -> bool {
    if ind.groups.is_empty() {
        return false;
    }
    let mut changed = false;
    let places_periods: Vec<(Place, Period)> = {
        let mut v: Vec<_> = cells.keys().map(|k| (k.1, k.2)).collect();
        v.dedup();
        v.sort();
        v.dedup();
        v
    };
    let parents = std::iter::once(None).chain((0..ind.groups.len()).map(Some));
    for parent in parents {
        let children: Vec<usize> = (0..ind.groups.len())
            .filter(|&g| ind.groups[g].parent == parent)
            .collect();
        if children.is_empty() {
            continue;
        }
        for &(place, period) in &places_periods {
            let parts: Vec<_> = children
                .iter()
                .map(|&g| (Some(g), place, period))
                .filter(|k| cells.contains_key(k))
                .collect();
            changed |= protect(ind, cells, (parent, place, period), &parts);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Measure};

    fn ind(measure: Measure) -> Indicator {
        Indicator::bare(measure, Direction::Lower)
    }

    fn count(v: f64) -> Cell {
        Cell::Value(Figure {
            value: v,
            numerator: None,
            denominator: None,
            n: None,
            ci: None,
            flag: None,
            note: None,
            source: None,
            published: None,
            previous: None,
            missing_cities: vec![],
        })
    }

    fn table(values: &[f64]) -> Cells {
        let y = Period::Year(2014);
        let mut cells: Cells = values
            .iter()
            .enumerate()
            .map(|(i, v)| ((None, Place::City(i), y), count(*v)))
            .collect();
        cells.insert((None, Place::Network, y), count(values.iter().sum()));
        cells
    }

    fn withheld(cells: &Cells) -> Vec<Place> {
        cells
            .iter()
            .filter(|(_, c)| matches!(c, Cell::Missing(m) if m.suppressed()))
            .map(|(k, _)| k.1)
            .collect()
    }

    #[test]
    fn one_small_cell_forces_a_second() {
        let mut cells = table(&[40.0, 3.0, 12.0, 9.0]);
        apply(&ind(Measure::Count), &mut cells, 5);
        assert_eq!(withheld(&cells), vec![Place::City(1), Place::City(3)]);
        assert!(matches!(
            cells[&(None, Place::City(3), Period::Year(2014))],
            Cell::Missing(Missing::SecondarySuppressed)
        ));
    }

    #[test]
    fn two_small_cells_need_nothing_more() {
        let mut cells = table(&[40.0, 3.0, 12.0, 2.0]);
        apply(&ind(Measure::Count), &mut cells, 5);
        assert_eq!(withheld(&cells), vec![Place::City(1), Place::City(3)]);
    }

    #[test]
    fn ties_go_to_the_lowest_index() {
        let mut cells = table(&[9.0, 3.0, 9.0]);
        apply(&ind(Measure::Count), &mut cells, 5);
        assert_eq!(withheld(&cells), vec![Place::City(0), Place::City(1)]);
    }

    #[test]
    fn a_lone_part_withholds_the_total() {
        let mut cells = table(&[3.0]);
        apply(&ind(Measure::Count), &mut cells, 5);
        assert_eq!(withheld(&cells), vec![Place::City(0), Place::Network]);
    }

    #[test]
    fn a_small_first_published_value_is_withheld() {
        let mut cells = table(&[40.0, 30.0]);
        let y = Period::Year(2014);
        for (city, previous) in [(0, 3.0), (1, 28.0)] {
            if let Some(Cell::Value(f)) = cells.get_mut(&(None, Place::City(city), y)) {
                f.previous = Some(previous);
            }
        }
        apply(&ind(Measure::Count), &mut cells, 5);
        let previous = |c| cells[&(None, Place::City(c), y)].figure().unwrap().previous;
        assert_eq!(previous(0), None, "3 is below the threshold");
        assert_eq!(previous(1), Some(28.0));
    }

    #[test]
    fn zero_threshold_turns_it_off() {
        let mut cells = table(&[40.0, 1.0]);
        apply(&ind(Measure::Count), &mut cells, 0);
        assert!(withheld(&cells).is_empty());
    }

    #[test]
    fn sub_groups_are_protected_like_cities() {
        let mut i = ind(Measure::Mean);
        i.groups = vec![
            crate::model::Group {
                id: "a".into(),
                title: "A".into(),
                parent: None,
            },
            crate::model::Group {
                id: "a1".into(),
                title: "A1".into(),
                parent: Some(0),
            },
            crate::model::Group {
                id: "a2".into(),
                title: "A2".into(),
                parent: Some(0),
            },
        ];
        let y = Period::Year(2018);
        let mean = |n| {
            let mut c = count(50.0);
            if let Cell::Value(f) = &mut c {
                f.n = Some(n);
            }
            c
        };
        let p = Place::City(0);
        let mut cells: Cells = [
            ((None, p, y), mean(60)),
            ((Some(0), p, y), mean(60)),
            ((Some(1), p, y), mean(3)),
            ((Some(2), p, y), mean(57)),
        ]
        .into_iter()
        .collect();
        apply(&i, &mut cells, 5);
        // a1 is below 5; a2 would reveal it from a's N.
        assert!(matches!(
            cells[&(Some(1), p, y)],
            Cell::Missing(Missing::Suppressed)
        ));
        assert!(matches!(
            cells[&(Some(2), p, y)],
            Cell::Missing(Missing::SecondarySuppressed)
        ));
    }
}
