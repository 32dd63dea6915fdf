//! The attacker's audit: for a withheld cell, the lowest and highest value
//! each of its sensitive counts can take given every published figure and
//! every relation between them, over non-negative integers.
//!
//! Only the withheld quantities connected to the cell through relations
//! matter (its component); published quantities are constants. Each bound is
//! a linear program (microlp); where the LP optimum is fractional the bound
//! is tightened by solving it over the integers, as an attacker could.

use std::collections::HashMap;

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOptions};

use super::model::{Expr, Model, Op};

/// The values a sensitive count can take: `lo..=hi` (`hi` None: unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub lo: u64,
    pub hi: Option<u64>,
}

impl Range {
    /// hi − lo; u64::MAX when unbounded.
    pub fn width(self) -> u64 {
        self.hi.map_or(u64::MAX, |hi| hi.saturating_sub(self.lo))
    }
}

/// The withheld quantities around a cell and the relations that bind them.
pub struct Component {
    /// Quantity index → LP variable.
    pub vars: HashMap<usize, usize>,
    pub order: Vec<usize>,
    pub relations: Vec<usize>,
}

/// Collect the component of `cell` under the withheld set.
pub fn component(m: &Model, withheld: &[bool], cell: usize) -> Component {
    component_upto(m, withheld, cell, usize::MAX).expect("no limit")
}

/// The component of `cell`, or None as soon as it has more than `limit`
/// withheld quantities (a national table's can hold thousands).
pub fn component_upto(
    m: &Model,
    withheld: &[bool],
    cell: usize,
    limit: usize,
) -> Option<Component> {
    let mut c = Component {
        vars: HashMap::new(),
        order: Vec::new(),
        relations: Vec::new(),
    };
    let mut seen_rel = std::collections::HashSet::new();
    for &(_, q) in &m.cells[cell].qty {
        c.vars.insert(q, c.order.len());
        c.order.push(q);
    }
    let mut next = 0;
    while next < c.order.len() {
        let q = c.order[next];
        next += 1;
        for &r in &m.relations_of[q] {
            if !seen_rel.insert(r) {
                continue;
            }
            c.relations.push(r);
            for &(t, _) in &m.relations[r].terms {
                if withheld[m.qty[t].cell] && !c.vars.contains_key(&t) {
                    c.vars.insert(t, c.order.len());
                    c.order.push(t);
                    if c.order.len() > limit {
                        return None;
                    }
                }
            }
        }
    }
    c.relations.sort_unstable();
    Some(c)
}

/// The range of `expr` (over `cell`'s quantities) within its component.
///
/// The linear programs give outer bounds: the attacker can narrow the count
/// at least this far. When that is already fewer than `min_cell` values,
/// it is the answer (unsafe either way). Otherwise a fractional end is
/// tightened by an integer program, as an attacker knowing the counts are
/// whole numbers could; where that stops at its node limit its best
/// feasible point stands in — a value the attacker cannot rule out — so the
/// width is never overstated.
pub fn range(
    m: &Model,
    withheld: &[bool],
    comp: &Component,
    cell: usize,
    expr: Expr,
    min_cell: u64,
) -> Result<Range, String> {
    use OptimizationDirection::{Maximize, Minimize};
    let objective: Vec<(usize, f64)> = expr
        .iter()
        .filter_map(|(k, coef)| m.cells[cell].qty(*k).map(|q| (comp.vars[&q], *coef as f64)))
        .collect();
    let lp_lo = solve(m, withheld, comp, &objective, Minimize, false)?;
    let lp_hi = solve(m, withheld, comp, &objective, Maximize, false)?;
    let outer = |lp: &Lp, dir| match *lp {
        Lp::Feasible { value, .. } if dir == Minimize => {
            Some((value - 1e-6).ceil().max(0.0) as u64)
        }
        Lp::Feasible { value, .. } => Some((value + 1e-6).floor().max(0.0) as u64),
        Lp::Unbounded | Lp::Stopped => None,
    };
    let (lo, hi) = (
        outer(&lp_lo, Minimize).unwrap_or(0),
        outer(&lp_hi, Maximize),
    );
    if hi.is_some_and(|hi| hi.saturating_sub(lo) < min_cell) {
        return Ok(Range { lo, hi });
    }
    let exact = |lp: &Lp, dir, bound: Option<u64>| -> Result<Option<u64>, String> {
        match *lp {
            Lp::Feasible { integral: true, .. } | Lp::Unbounded => Ok(bound),
            _ => inner(m, withheld, comp, cell, expr, &objective, dir).map(Some),
        }
    };
    Ok(Range {
        lo: exact(&lp_lo, Minimize, Some(lo))?.unwrap_or(0),
        hi: exact(&lp_hi, Maximize, hi)?,
    })
}

/// Branch-and-bound nodes an integer program may use before it settles for
/// its best feasible point. Deterministic, unlike a time limit.
const NODE_LIMIT: u64 = 50;

/// The integer optimum, or the best feasible point found within the node
/// limit (at worst the true figures, which are always feasible).
fn inner(
    m: &Model,
    withheld: &[bool],
    comp: &Component,
    cell: usize,
    expr: Expr,
    objective: &[(usize, f64)],
    dir: OptimizationDirection,
) -> Result<u64, String> {
    let truth = m.value(cell, expr).unwrap_or(0).max(0) as u64;
    if !fits_i32(m, withheld, comp) {
        return Ok(truth);
    }
    Ok(match solve(m, withheld, comp, objective, dir, true)? {
        Lp::Feasible { value, .. } => value.round().max(0.0) as u64,
        Lp::Unbounded | Lp::Stopped => truth,
    })
}

fn fits_i32(m: &Model, withheld: &[bool], comp: &Component) -> bool {
    comp.relations.iter().all(|&r| {
        m.relations[r]
            .terms
            .iter()
            .all(|&(q, _)| withheld[m.qty[q].cell] || m.qty[q].truth < i32::MAX as u64 / 4)
    })
}

/// What one LP (or integer program) found.
enum Lp {
    /// A feasible point: the optimum, or with an integer program stopped at
    /// its node limit the best point found.
    Feasible {
        value: f64,
        integral: bool,
    },
    Unbounded,
    /// Stopped before any feasible point was found.
    Stopped,
}

fn solve(
    m: &Model,
    withheld: &[bool],
    comp: &Component,
    objective: &[(usize, f64)],
    dir: OptimizationDirection,
    integer: bool,
) -> Result<Lp, String> {
    let mut p = Problem::new(dir);
    let coef = |v: usize| {
        objective
            .iter()
            .filter(|(x, _)| *x == v)
            .map(|(_, c)| c)
            .sum::<f64>()
    };
    let vars: Vec<_> = (0..comp.order.len())
        .map(|v| {
            if integer {
                p.add_integer_var(coef(v), (0, i32::MAX))
            } else {
                p.add_var(coef(v), (0.0, f64::INFINITY))
            }
        })
        .collect();
    for &r in &comp.relations {
        let rel = &m.relations[r];
        let mut rhs = 0.0;
        let mut lhs = Vec::new();
        for &(q, c) in &rel.terms {
            match comp.vars.get(&q) {
                Some(&v) if withheld[m.qty[q].cell] => lhs.push((vars[v], c as f64)),
                _ => rhs -= c as f64 * m.qty[q].truth as f64,
            }
        }
        let op = match rel.op {
            Op::Eq => ComparisonOp::Eq,
            Op::Le => ComparisonOp::Le,
        };
        p.add_constraint(lhs.as_slice(), op, rhs);
    }
    let mut options = SolveOptions::default();
    if integer {
        options.node_limit = Some(NODE_LIMIT);
        // The true figures: a feasible start, so the search never ends
        // with less than them.
        options.warm_start = Some(
            vars.iter()
                .zip(&comp.order)
                .map(|(&v, &q)| (v, m.qty[q].truth as f64))
                .collect(),
        );
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| p.solve_with(options)))
        .map_err(|_| "the solver failed on this cell's equations".to_owned())?;
    match outcome {
        Ok(out) => match out.into_solution() {
            Ok(sol) => {
                let integral = vars
                    .iter()
                    .all(|&v| (sol.var_value_raw(v) - sol.var_value_raw(v).round()).abs() < 1e-6);
                Ok(Lp::Feasible {
                    value: sol.objective(),
                    integral,
                })
            }
            Err(_) => Ok(Lp::Stopped),
        },
        Err(microlp::Error::Unbounded) => Ok(Lp::Unbounded),
        Err(microlp::Error::Infeasible) => {
            Err("the published figures contradict each other (no solution)".to_owned())
        }
        Err(e) => Err(format!("the solver failed: {e}")),
    }
}
