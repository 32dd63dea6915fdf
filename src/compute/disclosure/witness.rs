//! A fast proof that a withheld count is safe, without solving anything:
//! the hypercube method, checked rather than trusted.
//!
//! The true figures are one solution of the attacker's equations. A *move*
//! adds +t to some withheld quantities and −t to others; if every equation
//! touched stays balanced, and every inequality (numerator ≤ denominator)
//! and non-negativity still holds, the moved figures are another solution
//! that publishes exactly the same numbers. A count that can move down by
//! `a` and up by `b` has a range at least `a + b` wide — a lower bound on
//! what the audit's linear programs compute, so "wide enough" here is proof.
//!
//! Moves are looked for as the corners of a square or cube in the cell's
//! own table (places × periods × groups of one indicator): +t at the cell,
//! −t at its neighbours along each axis, +t at the corners opposite. Whether
//! a candidate balances is then verified against every relation it touches,
//! so the search may try anything; anything not proven goes to the LP.

use super::model::{sensitive, Expr, Key, Kind, Model, Op};

/// How far a move can go down and up (`moves`: quantity, ±1), or None if it
/// unbalances an equation or moves a published quantity.
pub fn reach(m: &Model, withheld: &[bool], moves: &[(usize, i64)]) -> Option<(u64, u64)> {
    let (mut down, mut up) = (u64::MAX, u64::MAX);
    for &(q, s) in moves {
        if !withheld[m.qty[q].cell] {
            return None;
        }
        let t = m.qty[q].truth;
        if s > 0 {
            down = down.min(t);
        } else {
            up = up.min(t);
        }
    }
    let mut touched: Vec<usize> = moves
        .iter()
        .flat_map(|(q, _)| m.relations_of[*q].iter().copied())
        .collect();
    touched.sort_unstable();
    touched.dedup();
    for r in touched {
        let rel = &m.relations[r];
        let coef = |q: usize| rel.terms.iter().find(|t| t.0 == q).map_or(0, |t| t.1);
        let s: i64 = moves.iter().map(|&(q, sign)| coef(q) * sign).sum();
        if s == 0 {
            continue;
        }
        match rel.op {
            Op::Eq => return None,
            Op::Le => {
                let base: i64 = rel
                    .terms
                    .iter()
                    .map(|(q, c)| c * m.qty[*q].truth as i64)
                    .sum();
                let room = (-base).max(0) as u64 / s.unsigned_abs();
                if s > 0 {
                    up = up.min(room);
                } else {
                    down = down.min(room);
                }
            }
        }
    }
    Some((down, up))
}

/// The other values along each axis of `key` in its indicator, each with
/// a function that puts it into a key.
fn neighbours(m: &Model, key: Key) -> [Vec<Key>; 3] {
    let (i, g, place, t) = key;
    let axes = &m.axes[i];
    // Peers first: a move between them balances every aggregate.
    let mut places: Vec<Key> = axes
        .places
        .iter()
        .filter(|&&p| p != place)
        .map(|&p| (i, g, p, t))
        .collect();
    places.sort_by_key(|k| !m.peers(place, k.2));
    [
        places,
        axes.periods
            .iter()
            .filter(|&&p| p != t)
            .map(|&p| (i, g, place, p))
            .collect(),
        axes.groups
            .iter()
            .filter(|&&x| x != g)
            .map(|&x| (i, x, place, t))
            .collect(),
    ]
}

/// The corners of the square or cube spanned by `key` and one neighbour on
/// each chosen axis, with their signs (+ at `key`). Along the groups axis a
/// group that contains the other (or is contained) moves the same way,
/// with every group between them — people counted in a sub-group are
/// counted in its parents — while a sibling moves the other way.
fn corners(m: &Model, key: Key, steps: &[(usize, Key)]) -> Vec<(Key, i64)> {
    let mut out = vec![(key, 1)];
    for &(axis, to) in steps {
        let mut more = Vec::new();
        for &(k, s) in &out {
            let mut moved = k;
            match axis {
                0 => moved.2 = to.2,
                1 => moved.3 = to.3,
                _ => match m.lineage(k.0, k.1, to.1) {
                    Some(chain) => {
                        more.extend(chain.into_iter().map(|g| ((k.0, g, k.2, k.3), s)));
                        continue;
                    }
                    None => moved.1 = to.1,
                },
            }
            more.push((moved, -s));
        }
        out.extend(more);
    }
    out
}

/// The quantities of the kinds `kinds` at the corners, or None if one is
/// missing.
pub fn moves(m: &Model, corners: &[(Key, i64)], kinds: &[Kind]) -> Option<Vec<(usize, i64)>> {
    kinds
        .iter()
        .flat_map(|&kind| {
            corners.iter().map(move |(k, s)| {
                m.cell(k)
                    .and_then(|c| m.cells[c].qty(kind))
                    .map(|q| (q, *s))
            })
        })
        .collect()
}

/// The kinds a move of `kind` may carry when it is to widen `expr`: the
/// kind alone, or a share's numerator with its denominator (people moved
/// with their whole record, which a small denominator does not stop) — but
/// not where that leaves `expr` as it was (the complement).
pub fn carries(kind: Kind, expr: Expr) -> impl Iterator<Item = &'static [Kind]> {
    let sets: &'static [&'static [Kind]] = match kind {
        Kind::Num => &[&[Kind::Num], &[Kind::Num, Kind::Den]],
        Kind::Den => &[&[Kind::Den]],
        Kind::Count => &[&[Kind::Count]],
        Kind::N => &[&[Kind::N]],
    };
    sets.iter().copied().filter(move |kinds| {
        kinds
            .iter()
            .map(|k| {
                expr.iter()
                    .filter(|(e, _)| e == k)
                    .map(|(_, c)| c)
                    .sum::<i64>()
            })
            .sum::<i64>()
            != 0
    })
}

/// How many neighbours per axis a search considers.
const NEIGHBOURS: usize = 8;

/// Every square and cube around `key` (and the single steps), built from
/// the neighbours `rank` keeps (Some), cheapest first, up to `NEIGHBOURS`
/// per axis.
pub fn shapes<R: Ord>(
    m: &Model,
    key: Key,
    rank: impl Fn(&Key) -> Option<R>,
) -> Vec<Vec<(Key, i64)>> {
    let n: Vec<Vec<(usize, Key)>> = neighbours(m, key)
        .into_iter()
        .enumerate()
        .map(|(axis, ks)| {
            let mut ranked: Vec<(R, Key)> = ks
                .into_iter()
                .filter_map(|k| rank(&k).map(|r| (r, k)))
                .collect();
            ranked.sort_by(|a, b| a.0.cmp(&b.0));
            ranked
                .into_iter()
                .take(NEIGHBOURS)
                .map(|(_, k)| (axis, k))
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for a in 0..n.len() {
        for &x in &n[a] {
            out.push(corners(m, key, &[x]));
            for b in a + 1..n.len() {
                for &y in &n[b] {
                    out.push(corners(m, key, &[x, y]));
                    if a == 0 && b == 1 {
                        for &z in n[2].iter().take(3) {
                            out.push(corners(m, key, &[x, y, z]));
                        }
                    }
                }
            }
        }
    }
    out
}

/// A lower bound on how far apart two solutions can put `expr` by moving
/// quantity `q`: the widest move found among withheld neighbours.
pub fn spread(m: &Model, withheld: &[bool], q: usize, expr: Expr, min_cell: u64) -> u64 {
    let qty = &m.qty[q];
    let key = m.cells[qty.cell].key;
    let mut best = reach(m, withheld, &[(q, 1)]).map_or(0, |(d, u)| d.saturating_add(u));
    if best >= min_cell {
        return best;
    }
    let withheld_key = |k: &Key| m.cell(k).filter(|&c| withheld[c]).map(|_| ());
    for shape in shapes(m, key, withheld_key) {
        for kinds in carries(qty.kind, expr) {
            if let Some((d, u)) = moves(m, &shape, kinds).and_then(|mv| reach(m, withheld, &mv)) {
                best = best.max(d.saturating_add(u));
                if best >= min_cell {
                    return best;
                }
            }
        }
    }
    best.max(twin_spread(m, withheld, q))
}

/// Moves between two twins (quantities in exactly the same relations), which
/// need not be neighbours in the table (e.g. linked through another indicator).
fn twin_spread(m: &Model, withheld: &[bool], q: usize) -> u64 {
    let Some(class) = m.twin_class[q] else {
        return 0;
    };
    m.twins[class]
        .iter()
        .filter(|&&t| t != q && m.qty[t].cell != m.qty[q].cell)
        .filter_map(|&t| reach(m, withheld, &[(q, 1), (t, -1)]))
        .map(|(d, u)| d.saturating_add(u))
        .max()
        .unwrap_or(0)
}

/// Whether one sensitive expression of `cell` is provably `min_cell` wide.
pub fn expr_safe(m: &Model, withheld: &[bool], cell: usize, expr: Expr, min_cell: u64) -> bool {
    // A count, N or numerator: its own spread. A complement moves with
    // either its numerator or its denominator.
    let c = &m.cells[cell];
    expr.iter()
        .filter_map(|(k, _)| c.qty(*k))
        .any(|q| spread(m, withheld, q, expr, min_cell) >= min_cell)
}

/// Whether every sensitive count of `cell` is provably `min_cell` wide.
pub fn safe(m: &Model, withheld: &[bool], cell: usize, min_cell: u64) -> bool {
    sensitive(m.cells[cell].measure)
        .iter()
        .all(|(_, expr)| expr_safe(m, withheld, cell, expr, min_cell))
}
