//! The published quantities and the linear relations between them: the
//! attacker's view of the site, as a system of equations and inequalities
//! over non-negative integers.
//!
//! Every cell with counts behind it contributes quantities (a share's
//! numerator and denominator, a count, a mean's N, a rate's count). A
//! relation is only part of the model when it holds in the data: declared
//! structure (cities under an aggregate, sub-groups under a group, quarters
//! under a year, linked indicators) whose numbers do not add up is no
//! relation an attacker could use exactly, and claiming it would make the
//! published figures contradict each other.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Catalog, Measure, Period, Place};

/// A cell of any indicator: indicator, group (None = the total), place, period.
pub type Key = (usize, Option<usize>, Place, Period);

/// The counts behind a cell, before disclosure control.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Raw {
    pub num: Option<u64>,
    pub den: Option<u64>,
    pub count: Option<u64>,
    pub n: Option<u64>,
}

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A share's (or rate's) numerator.
    Num,
    /// A share's denominator (or a rate's population).
    Den,
    /// A count's value.
    Count,
    /// The persons behind a mean.
    N,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Num => "numerator",
            Kind::Den => "denominator",
            Kind::Count => "count",
            Kind::N => "N",
        }
    }
}

/// The quantities a cell of `measure` has, given what its data holds.
pub fn kinds(measure: Measure, raw: &Raw) -> Vec<(Kind, u64)> {
    let mut out = Vec::new();
    let mut add = |k, v: Option<u64>| {
        if let Some(v) = v {
            out.push((k, v));
        }
    };
    match measure {
        Measure::Share => {
            if raw.num.is_some() && raw.den.is_some() {
                add(Kind::Num, raw.num);
                add(Kind::Den, raw.den);
            }
        }
        Measure::Count => add(Kind::Count, raw.count),
        Measure::Mean => add(Kind::N, raw.n),
        Measure::Rate => {
            add(Kind::Num, raw.num);
            if raw.num.is_some() {
                add(Kind::Den, raw.den);
            }
        }
    }
    out
}

/// A linear expression over a cell's own quantities (kind, coefficient).
pub type Expr = &'static [(Kind, i64)];

/// The counts of people that must not be narrowed down: the numerator and
/// the people outside it for a share, the count, N, a rate's count.
pub fn sensitive(measure: Measure) -> &'static [(&'static str, Expr)] {
    match measure {
        Measure::Share => &[
            ("numerator", &[(Kind::Num, 1)]),
            (
                "complement (denominator − numerator)",
                &[(Kind::Den, 1), (Kind::Num, -1)],
            ),
        ],
        Measure::Count => &[("count", &[(Kind::Count, 1)])],
        Measure::Mean => &[("N", &[(Kind::N, 1)])],
        Measure::Rate => &[("count", &[(Kind::Num, 1)])],
    }
}

/// One published (or withheld) quantity.
#[derive(Debug, Clone)]
pub struct Qty {
    pub cell: usize,
    pub kind: Kind,
    pub truth: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Σ terms = 0
    Eq,
    /// Σ terms ≤ 0
    Le,
}

/// Where a relation comes from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// An aggregate (network, group, region) is the sum of its cities.
    Aggregate,
    /// The country is the sum of the network's cities.
    National,
    /// A group and its sub-groups.
    Groups,
    /// A period and the periods within it.
    Periods,
    /// Linked indicators (same people, numerator of, complement of).
    Link,
    /// A numerator is at most its denominator.
    Bound,
}

/// Σ coefficient × quantity (op) 0.
#[derive(Debug, Clone)]
pub struct Relation {
    pub terms: Vec<(usize, i64)>,
    pub op: Op,
    pub why: Why,
}

/// A cell as the model sees it.
#[derive(Debug, Clone)]
pub struct CellInfo {
    pub key: Key,
    pub measure: Measure,
    /// Its quantities, by kind.
    pub qty: Vec<(Kind, usize)>,
}

impl CellInfo {
    pub fn qty(&self, kind: Kind) -> Option<usize> {
        self.qty.iter().find(|(k, _)| *k == kind).map(|(_, q)| *q)
    }
}

/// Everything published, as quantities and relations.
#[derive(Debug, Default)]
pub struct Model {
    pub cells: Vec<CellInfo>,
    pub index: HashMap<Key, usize>,
    pub qty: Vec<Qty>,
    pub relations: Vec<Relation>,
    /// For each quantity, the relations it appears in.
    pub relations_of: Vec<Vec<usize>>,
    /// For each quantity, its twin class: quantities of one kind that stand
    /// in exactly the same relations (bounds aside) with the same
    /// coefficients, so moving people between two of them changes nothing
    /// published. None: in no relation but its bound.
    pub twin_class: Vec<Option<usize>>,
    /// The quantities of each twin class, in order.
    pub twins: Vec<Vec<usize>>,
    /// Per indicator, the groups, places and periods its cells have: the
    /// axes along which the witness looks for balanced moves.
    pub axes: Vec<Axes>,
    /// Per indicator, each group's parent (None: the total).
    pub parents: Vec<Vec<Option<usize>>>,
    /// Per city, the sums it is in (its region and comparison groups) as one
    /// number: people moved between two cities of one class leave every
    /// published aggregate as it was.
    pub city_class: Vec<usize>,
}

/// The values each key position takes within one indicator.
#[derive(Debug, Default)]
pub struct Axes {
    pub groups: Vec<Option<usize>>,
    pub places: Vec<Place>,
    pub periods: Vec<Period>,
}

impl Model {
    /// The model of `raw` (every cell with counts, in key order).
    pub fn new(catalog: &Catalog, raw: &BTreeMap<Key, Raw>, aggregates: &[Place]) -> Model {
        let mut m = Model::default();
        for (key, r) in raw {
            let measure = catalog.indicators[key.0].measure;
            let kinds = kinds(measure, r);
            if kinds.is_empty() {
                continue;
            }
            let cell = m.cells.len();
            let qty = kinds
                .into_iter()
                .map(|(kind, truth)| {
                    m.qty.push(Qty { cell, kind, truth });
                    (kind, m.qty.len() - 1)
                })
                .collect();
            m.index.insert(*key, cell);
            m.cells.push(CellInfo {
                key: *key,
                measure,
                qty,
            });
        }
        type Seen = (BTreeSet<Option<usize>>, BTreeSet<Place>, BTreeSet<Period>);
        let mut axes: Vec<Seen> = (0..catalog.indicators.len())
            .map(|_| Default::default())
            .collect();
        for c in &m.cells {
            let (i, g, place, t) = c.key;
            axes[i].0.insert(g);
            axes[i].1.insert(place);
            axes[i].2.insert(t);
        }
        m.axes = axes
            .into_iter()
            .map(|(g, p, t)| Axes {
                groups: g.into_iter().collect(),
                places: p.into_iter().collect(),
                periods: t.into_iter().collect(),
            })
            .collect();
        m.parents = catalog
            .indicators
            .iter()
            .map(|ind| ind.groups.iter().map(|g| g.parent).collect())
            .collect();
        let mut classes = BTreeMap::new();
        m.city_class = (0..catalog.cities.len())
            .map(|c| {
                let groups: Vec<usize> = (0..catalog.city_groups.len())
                    .filter(|&g| catalog.city_groups[g].cities.contains(&c))
                    .collect();
                let n = classes.len();
                *classes
                    .entry((catalog.cities[c].region, groups))
                    .or_insert(n)
            })
            .collect();
        m.relations_of = vec![Vec::new(); m.qty.len()];
        super::relations::build(&mut m, catalog, aggregates);
        m.find_twins();
        m
    }

    fn find_twins(&mut self) {
        let mut classes: HashMap<(Kind, Vec<(usize, i64)>), usize> = HashMap::new();
        self.twin_class = vec![None; self.qty.len()];
        for q in 0..self.qty.len() {
            let signature: Vec<(usize, i64)> = self.relations_of[q]
                .iter()
                .filter(|&&r| self.relations[r].why != Why::Bound)
                .map(|&r| {
                    let coef = self.relations[r]
                        .terms
                        .iter()
                        .find(|t| t.0 == q)
                        .map_or(0, |t| t.1);
                    (r, coef)
                })
                .collect();
            if signature.is_empty() {
                continue;
            }
            let next = classes.len();
            let class = *classes.entry((self.qty[q].kind, signature)).or_insert(next);
            if class == self.twins.len() {
                self.twins.push(Vec::new());
            }
            self.twins[class].push(q);
            self.twin_class[q] = Some(class);
        }
    }

    /// The groups from `from` to `to` (excluding `from`) when one contains
    /// the other — the total (None) contains every group — else None.
    pub fn lineage(
        &self,
        i: usize,
        from: Option<usize>,
        to: Option<usize>,
    ) -> Option<Vec<Option<usize>>> {
        let up = |mut g: Option<usize>| {
            let mut out = Vec::new();
            while let Some(x) = g {
                g = self.parents[i][x];
                out.push(g);
            }
            out
        };
        let above = up(from);
        if let Some(j) = above.iter().position(|&g| g == to) {
            return Some(above[..=j].to_vec());
        }
        let above_to = up(to);
        let j = above_to.iter().position(|&g| g == from)?;
        let mut chain = vec![to];
        chain.extend(&above_to[..j]);
        Some(chain)
    }

    /// Whether moving people between places `a` and `b` leaves the
    /// aggregates alone: the same place, or two cities in the same sums.
    pub fn peers(&self, a: Place, b: Place) -> bool {
        match (a, b) {
            (Place::City(x), Place::City(y)) => self.city_class[x] == self.city_class[y],
            _ => a == b,
        }
    }

    pub fn cell(&self, key: &Key) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub fn add(&mut self, terms: Vec<(usize, i64)>, op: Op, why: Why) {
        let r = self.relations.len();
        for &(q, _) in &terms {
            self.relations_of[q].push(r);
        }
        self.relations.push(Relation { terms, op, why });
    }

    /// The truth of a cell's expression.
    pub fn value(&self, cell: usize, expr: Expr) -> Option<i64> {
        expr.iter()
            .map(|(k, c)| {
                self.cells[cell]
                    .qty(*k)
                    .map(|q| self.qty[q].truth as i64 * c)
            })
            .sum()
    }
}
