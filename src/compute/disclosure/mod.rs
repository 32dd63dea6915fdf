//! Disclosure control (diskretionering) over everything the site publishes.
//!
//! 1. **Primary**: a cell is withheld when a count of people behind it is
//!    below `min_cell` — a count, a share's numerator *or* the people outside
//!    it (denominator − numerator), a mean's N, a rate's count; 0 is small
//!    like any other value below the threshold.
//! 2. **Secondary**: the published cells are a system of linear relations
//!    ([`model`], [`relations`]). A withheld cell is safe when an attacker who
//!    solves all of them, over non-negative integers, cannot narrow any of its
//!    sensitive counts to fewer than `min_cell` values ([`audit`]). Until every
//!    withheld cell is safe, one more cell is withheld: the cheapest of those
//!    in the relations that pin it (a city before an aggregate, a part before
//!    its total, then the smallest count), preferring one that makes it safe.
//!    Withholding more only widens intervals, so each cell is verified once.
//! 3. **Audit**: afterwards every withheld cell's intervals are computed
//!    again from scratch; a build refuses to publish if any is too narrow.
//!
//! The reasons (primary or secondary) and the intervals are for the analyst
//! (`maalrapport check --disclosure`), never for the site: there every
//! withheld cell is the same "dis.".

mod audit;
pub mod model;
mod relations;
#[cfg(test)]
mod tests;
mod witness;

use std::collections::{BTreeMap, BTreeSet};

use audit::{component, component_upto, range, Range};
use model::{sensitive, Key, Model, Raw};
use rayon::prelude::*;

use crate::model::{Catalog, Place};

/// What disclosure control decided, for the analyst.
#[derive(Debug, Default)]
pub struct Disclosure {
    pub min_cell: u64,
    /// Cells with counts behind them (the ones the rule can check).
    pub checked: usize,
    /// Every withheld cell, in key order.
    pub withheld: Vec<Withheld>,
    /// Withheld counts an attacker can narrow below `min_cell` values: the
    /// build must not publish while there is one.
    pub failures: Vec<Failure>,
}

/// Why a cell is withheld, and what an attacker can still learn of it.
#[derive(Debug, Clone)]
pub struct Withheld {
    pub key: Key,
    pub reason: Reason,
    /// Each sensitive count (label) and its range given everything published
    /// (None: proven wide enough without computing it).
    pub ranges: Vec<(&'static str, Option<Range>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A count below the threshold (which one).
    Primary(&'static str),
    /// Withheld so that this other cell cannot be worked out.
    Secondary(Key),
}

/// A withheld count that can be narrowed too far, with the equations that pin it.
#[derive(Debug, Clone)]
pub struct Failure {
    pub key: Key,
    pub what: &'static str,
    pub range: Option<Range>,
    pub equations: Vec<String>,
    pub error: Option<String>,
}

impl Disclosure {
    /// The failures as errors at their indicators' files.
    pub fn diagnostics(&self, catalog: &Catalog) -> Vec<crate::diag::Diagnostic> {
        self.failures
            .iter()
            .map(|f| {
                let (i, g, place, t) = f.key;
                let ind = &catalog.indicators[i];
                let group = g.map(|g| format!(" (group `{}`)", ind.groups[g].id)).unwrap_or_default();
                let found = match (&f.error, f.range) {
                    (Some(e), _) => format!("could not be audited: {e}"),
                    (None, Some(r)) => format!(
                        "can be worked out to {}–{} from what the site publishes (fewer than min_cell = {} values)",
                        r.lo,
                        r.hi.map_or("∞".to_owned(), |h| h.to_string()),
                        self.min_cell
                    ),
                    (None, None) => "could not be audited".to_owned(),
                };
                crate::diag::Diagnostic {
                    pos: ind.pos.clone(),
                    severity: crate::diag::Severity::Error,
                    message: format!(
                        "disclosure audit: the withheld {} of `{}`{group} for {} {t} {found}; equations: {}",
                        f.what,
                        ind.id,
                        catalog.place_name(place),
                        f.equations.join("; ")
                    ),
                    hint: Some("nothing was written; please report this with `maalrapport check --disclosure`".into()),
                }
            })
            .collect()
    }

    /// Share of the checked cells that are withheld.
    pub fn share_withheld(&self) -> f64 {
        if self.checked == 0 {
            0.0
        } else {
            self.withheld.len() as f64 / self.checked as f64
        }
    }
}

/// Decide which cells of `raw` to withhold. Returns the decision; the caller
/// removes the withheld cells from what it publishes. With `exact`, every
/// withheld count's range is computed (for `check --disclosure`); otherwise
/// only where no cheaper proof shows it wide enough.
pub fn control(
    catalog: &Catalog,
    raw: &BTreeMap<Key, Raw>,
    aggregates: &[Place],
    min_cell: u64,
    exact: bool,
) -> Disclosure {
    let mut out = Disclosure {
        min_cell,
        ..Disclosure::default()
    };
    if min_cell == 0 {
        return out;
    }
    let m = Model::new(catalog, raw, aggregates);
    out.checked = m.cells.len();
    let mut reasons: Vec<Option<Reason>> = (0..m.cells.len())
        .map(|c| primary(&m, c, min_cell))
        .collect();
    let mut withheld: Vec<bool> = reasons.iter().map(Option::is_some).collect();
    let all: BTreeSet<usize> = (0..m.cells.len()).filter(|&c| withheld[c]).collect();
    protect(&m, catalog, &mut withheld, &mut reasons, all, min_cell);
    // The audit repeats every check from scratch. Its bounds are exact or
    // conservative, so it can find a cell narrower than `protect` did (an
    // integer program stopping elsewhere); such a cell is protected further.
    let mut rounds = 0;
    let audited = loop {
        let cells: Vec<usize> = (0..m.cells.len()).filter(|&c| withheld[c]).collect();
        let audited: Vec<(Withheld, Vec<Failure>)> = cells
            .par_iter()
            .map(|&c| {
                audit_cell(
                    &m,
                    catalog,
                    &withheld,
                    c,
                    reasons[c].clone(),
                    min_cell,
                    exact,
                )
            })
            .collect();
        let narrow: BTreeSet<usize> = audited
            .iter()
            .flat_map(|(_, f)| f.iter().filter(|f| f.error.is_none()))
            .filter_map(|f| m.cell(&f.key))
            .collect();
        rounds += 1;
        if narrow.is_empty() || rounds > 3 {
            break audited;
        }
        protect(&m, catalog, &mut withheld, &mut reasons, narrow, min_cell);
    };
    for (w, failures) in audited {
        out.withheld.push(w);
        out.failures.extend(failures);
    }
    out
}

/// The final audit of one withheld cell, from scratch.
fn audit_cell(
    m: &Model,
    catalog: &Catalog,
    withheld: &[bool],
    c: usize,
    reason: Option<Reason>,
    min_cell: u64,
    exact: bool,
) -> (Withheld, Vec<Failure>) {
    let mut ranges = Vec::new();
    let mut failures = Vec::new();
    let proven = !exact && witness::safe(m, withheld, c, min_cell);
    if !proven {
        let comp = component(m, withheld, c);
        for &(label, expr) in sensitive(m.cells[c].measure) {
            match range(m, withheld, &comp, c, expr, min_cell) {
                Ok(r) => {
                    if r.width() < min_cell {
                        failures.push(failure(
                            m,
                            catalog,
                            withheld,
                            &comp,
                            c,
                            label,
                            Some(r),
                            None,
                        ));
                    }
                    ranges.push((label, Some(r)));
                }
                Err(e) => failures.push(failure(
                    m,
                    catalog,
                    withheld,
                    &comp,
                    c,
                    label,
                    None,
                    Some(e),
                )),
            }
        }
    } else {
        ranges.extend(
            sensitive(m.cells[c].measure)
                .iter()
                .map(|&(label, _)| (label, None)),
        );
    }
    let w = Withheld {
        key: m.cells[c].key,
        reason: reason.expect("withheld cells have a reason"),
        ranges,
    };
    (w, failures)
}

/// The primary rule: the first sensitive count below the threshold.
fn primary(m: &Model, cell: usize, min_cell: u64) -> Option<Reason> {
    sensitive(m.cells[cell].measure)
        .iter()
        .find(|(_, expr)| m.value(cell, expr).is_some_and(|v| v < min_cell as i64))
        .map(|(label, _)| Reason::Primary(label))
}

/// The narrowest range of a cell's sensitive counts (or an error).
fn narrowest(m: &Model, withheld: &[bool], cell: usize, min_cell: u64) -> Result<u64, String> {
    let comp = component(m, withheld, cell);
    let mut w = u64::MAX;
    for &(_, expr) in sensitive(m.cells[cell].measure) {
        w = w.min(range(m, withheld, &comp, cell, expr, min_cell)?.width());
    }
    Ok(w)
}

/// Whether a cell is safe: by a cheap proof, else by its ranges.
///
/// Linear programs are tried only where the withheld cells around it are
/// few (`LP_VARS`): in a large table each costs milliseconds, thousands of
/// times over, and withholding the corners of a square (which the cheap
/// proof then verifies) is a sound answer too, at some loss of information.
fn is_safe(m: &Model, withheld: &[bool], cell: usize, min_cell: u64) -> Result<bool, String> {
    if witness::safe(m, withheld, cell, min_cell) {
        return Ok(true);
    }
    if !small(m, withheld, cell) {
        return Ok(false);
    }
    narrowest(m, withheld, cell, min_cell).map(|w| w >= min_cell)
}

/// Withheld quantities around a cell above which `protect` does without
/// linear programs.
const LP_VARS: usize = 40;

fn small(m: &Model, withheld: &[bool], cell: usize) -> bool {
    component_upto(m, withheld, cell, LP_VARS).is_some()
}

/// Secondary suppression: withhold more until every withheld cell is safe.
fn protect(
    m: &Model,
    catalog: &Catalog,
    withheld: &mut [bool],
    reasons: &mut [Option<Reason>],
    mut todo: BTreeSet<usize>,
    min_cell: u64,
) {
    while let Some(cell) = todo.pop_first() {
        // An error leaves the cell to the final audit, which reports it.
        while is_safe(m, withheld, cell, min_cell) == Ok(false) {
            let extra = choose(m, catalog, withheld, cell, min_cell);
            if extra.is_empty() {
                break;
            }
            for c in extra {
                withheld[c] = true;
                reasons[c] = Some(Reason::Secondary(m.cells[cell].key));
                todo.insert(c);
            }
        }
    }
}

/// How costly it is to withhold a cell: cities before aggregates, parts
/// before their totals, then the smallest count, then key order.
fn cost(m: &Model, catalog: &Catalog, cell: usize) -> (u8, i64, usize) {
    let (i, g, place, _) = m.cells[cell].key;
    let total_place = u8::from(!matches!(place, Place::City(_)));
    let groups = &catalog.indicators[i].groups;
    let parent = u8::from(groups.iter().any(|x| x.parent == g));
    let smallest = sensitive(m.cells[cell].measure)
        .iter()
        .filter_map(|(_, e)| m.value(cell, e))
        .min()
        .unwrap_or(i64::MAX);
    (total_place * 2 + parent, smallest, cell)
}

/// How many candidates are tried with linear programs before settling for
/// the cheapest that makes progress.
const TRIES: usize = 4;

/// The published cells to withhold next to protect `cell`: the cheapest
/// square or cube of its table whose corners, once withheld, prove it safe
/// (the hypercube method); else the cheapest twin that does; else, of the
/// cells in the relations that bind it, the cheapest that makes it safe by
/// its ranges (or, failing that, widens them most).
fn choose(
    m: &Model,
    catalog: &Catalog,
    withheld: &mut [bool],
    cell: usize,
    min_cell: u64,
) -> Vec<usize> {
    let key = m.cells[cell].key;
    let unproven: Vec<model::Expr> = sensitive(m.cells[cell].measure)
        .iter()
        .map(|&(_, e)| e)
        .filter(|e| !witness::expr_safe(m, withheld, cell, e, min_cell))
        .collect();
    let rank = |k: &Key| {
        m.cell(k).map(|c| {
            (
                u8::from(!m.peers(key.2, k.2)),
                u8::from(!withheld[c]),
                cost(m, catalog, c),
            )
        })
    };
    /// Cells a shape adds, and what they cost (fewest, then cheapest).
    type Price = (usize, Vec<(u8, i64, usize)>);
    let mut best: Option<(Price, Vec<usize>)> = None;
    for shape in witness::shapes(m, key, rank) {
        let Some(cells) = shape
            .iter()
            .map(|(k, _)| m.cell(k))
            .collect::<Option<Vec<usize>>>()
        else {
            continue;
        };
        let mut missing: Vec<usize> = cells.into_iter().filter(|&c| !withheld[c]).collect();
        missing.sort_unstable();
        let mut price: Vec<(u8, i64, usize)> =
            missing.iter().map(|&c| cost(m, catalog, c)).collect();
        price.sort_unstable_by(|a, b| b.cmp(a));
        let price = (missing.len(), price);
        if missing.is_empty() || best.as_ref().is_some_and(|(p, _)| *p <= price) {
            continue;
        }
        for &c in &missing {
            withheld[c] = true;
        }
        // This shape alone must widen every count not yet proven.
        let ok = unproven.iter().all(|e| {
            e.iter().any(|(kind, _)| {
                witness::carries(*kind, e).any(|kinds| {
                    witness::moves(m, &shape, kinds)
                        .and_then(|mv| witness::reach(m, withheld, &mv))
                        .is_some_and(|(d, u)| d.saturating_add(u) >= min_cell)
                })
            })
        });
        for &c in &missing {
            withheld[c] = false;
        }
        if ok {
            best = Some((price, missing));
        }
    }
    if let Some((_, cells)) = best {
        return cells;
    }
    let by_cost = |mut v: Vec<usize>| {
        v.sort_unstable();
        v.dedup();
        v.sort_by_cached_key(|&c| cost(m, catalog, c));
        v
    };
    let twins = by_cost(
        m.cells[cell]
            .qty
            .iter()
            .filter_map(|&(_, q)| m.twin_class[q])
            .flat_map(|class| m.twins[class].iter().map(|&t| m.qty[t].cell))
            .filter(|&c| !withheld[c])
            .collect(),
    );
    for c in twins {
        withheld[c] = true;
        let ok = witness::safe(m, withheld, cell, min_cell);
        withheld[c] = false;
        if ok {
            return vec![c];
        }
    }
    let Some(comp) = component_upto(m, withheld, cell, LP_VARS) else {
        // Too large for linear programs: the cheapest cell in the
        // relations of the cell itself.
        return by_cost(
            m.cells[cell]
                .qty
                .iter()
                .flat_map(|&(_, q)| &m.relations_of[q])
                .flat_map(|&r| m.relations[r].terms.iter().map(|&(q, _)| m.qty[q].cell))
                .filter(|&c| !withheld[c])
                .collect(),
        )
        .first()
        .copied()
        .into_iter()
        .collect();
    };
    let candidates = by_cost(
        comp.relations
            .iter()
            .flat_map(|&r| m.relations[r].terms.iter().map(|&(q, _)| m.qty[q].cell))
            .filter(|&c| !withheld[c])
            .collect(),
    );
    let before = narrowest(m, withheld, cell, min_cell).unwrap_or(0);
    let mut best: Option<(u64, usize)> = None;
    for &c in candidates.iter().take(TRIES) {
        withheld[c] = true;
        let w = narrowest(m, withheld, cell, min_cell).unwrap_or(0);
        withheld[c] = false;
        if w >= min_cell {
            return vec![c];
        }
        if w > before && best.is_none_or(|(bw, _)| w > bw) {
            best = Some((w, c));
        }
    }
    best.map(|(_, c)| c)
        .or(candidates.first().copied())
        .into_iter()
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn failure(
    m: &Model,
    catalog: &Catalog,
    withheld: &[bool],
    comp: &audit::Component,
    cell: usize,
    what: &'static str,
    range: Option<Range>,
    error: Option<String>,
) -> Failure {
    let name = |q: usize| {
        let qty = &m.qty[q];
        let (i, g, place, t) = m.cells[qty.cell].key;
        let ind = &catalog.indicators[i];
        let group = g
            .map(|g| format!(" [{}]", ind.groups[g].id))
            .unwrap_or_default();
        let value = if withheld[qty.cell] {
            "?".to_owned()
        } else {
            qty.truth.to_string()
        };
        format!(
            "{}{group} {} {t} {}={value}",
            ind.id,
            catalog.place_id(place),
            qty.kind.label()
        )
    };
    let equations = comp
        .relations
        .iter()
        .map(|&r| {
            let rel = &m.relations[r];
            let (plus, minus): (Vec<_>, Vec<_>) = rel.terms.iter().partition(|(_, c)| *c > 0);
            let side = |v: Vec<&(usize, i64)>| {
                if v.is_empty() {
                    "0".to_owned()
                } else {
                    v.iter()
                        .map(|(q, _)| name(*q))
                        .collect::<Vec<_>>()
                        .join(" + ")
                }
            };
            let op = match rel.op {
                model::Op::Eq => "=",
                model::Op::Le => "≤",
            };
            format!("{} {op} {} ({:?})", side(plus), side(minus), rel.why)
        })
        .collect();
    Failure {
        key: m.cells[cell].key,
        what,
        range,
        equations,
        error,
    }
}
