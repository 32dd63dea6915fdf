//! The wide layout of Statistikbanken and Excel exports — `indicator,city`,
//! then one column per period (`indicator;city;2013;2014;2015`) — turned into
//! the long format, so `values` stays the one place that validates rows.

use super::table::{Cell, Table};
use crate::diag::{did_you_mean, Diagnostics, Pos};
use crate::model::Period;

/// The columns a wide table may have besides its period columns.
const KEYS: [&str; 7] = [
    "indicator",
    "city",
    "group",
    "flag",
    "note",
    "source",
    "published",
];
/// Columns that need one row per period (the long format).
const LONG_ONLY: [&str; 6] = [
    "period",
    "numerator",
    "denominator",
    "value",
    "n",
    "previous",
];
/// What a wide header looks like, for messages.
pub const WIDE_HEADER: &str = "indicator,city,<period>,<period>,… (e.g. `indicator;city;2013;2014;2015`; optional group, flag, note, source, published)";

/// Whether the header has period columns and no `period` column.
fn is_wide(table: &Table) -> bool {
    if table.rules.long_only {
        return false;
    }
    let names = || table.header.iter().map(|c| c.text.to_ascii_lowercase());
    names().any(|n| n.parse::<Period>().is_ok())
        && !names().any(|n| super::header::canonical(&n) == Some("period"))
}

/// A long table for a wide one (one row per non-empty period cell); a long
/// table as it is; None when the wide header is unusable (reported).
pub fn to_long(table: Table, diags: &mut Diagnostics) -> Option<Table> {
    if !is_wide(&table) {
        return Some(table);
    }
    let mut keys: Vec<(&'static str, usize)> = Vec::new();
    let mut periods: Vec<(usize, &Cell)> = Vec::new();
    let mut ok = true;
    for (i, cell) in table.header.iter().enumerate() {
        let name = cell.text.to_ascii_lowercase();
        if let Ok(p) = name.parse::<Period>() {
            if let Some((_, first)) = periods
                .iter()
                .find(|(_, c)| c.text.parse::<Period>() == Ok(p))
            {
                diags.error(
                    cell.pos.clone(),
                    format!("period {p} has two columns (the first at {})", first.pos),
                );
                ok = false;
            }
            periods.push((i, cell));
        } else if let Some(key) =
            super::header::canonical(&name).and_then(|f| KEYS.iter().find(|k| **k == f))
        {
            if keys.iter().any(|(k, _)| k == key) {
                diags.error(cell.pos.clone(), format!("duplicate column `{name}`"));
                ok = false;
            }
            keys.push((key, i));
        } else if super::header::canonical(&name).is_some_and(|f| LONG_ONLY.contains(&f)) {
            diags.error(
                cell.pos.clone(),
                format!(
                    "column `{}` does not fit a wide table (one column per period holds one value per cell): give numerator and denominator in the long format, header `{}`",
                    cell.text,
                    super::values::COLUMNS.join(",")
                ),
            );
            ok = false;
        } else {
            let hint = did_you_mean(&name, KEYS);
            diags.error_hint(
                cell.pos.clone(),
                format!(
                    "unknown column `{}` in a wide table: expected the header {WIDE_HEADER}",
                    cell.text
                ),
                hint,
            );
            ok = false;
        }
    }
    for req in ["indicator", "city"] {
        if !keys.iter().any(|(k, _)| *k == req) {
            let pos = table
                .header
                .first()
                .map_or(Pos::new(&table.rel, 1, 1), |c| c.pos.clone());
            diags.error(
                pos,
                format!("missing column `{req}`: a wide table has the header {WIDE_HEADER}"),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let first_period = periods[0].1.pos.clone();
    let mut header = vec![
        Cell::text("period", first_period.clone()),
        Cell::text("value", first_period),
    ];
    header.extend(keys.iter().map(|&(_, i)| table.header[i].clone()));
    let mut rows = Vec::new();
    for row in &table.rows {
        if super::values::too_many_fields(row, table.header.len(), diags) {
            continue;
        }
        let end = row
            .last()
            .map_or(Pos::new(&table.rel, 1, 1), |c| c.pos.clone());
        let get = |i: usize| {
            row.get(i)
                .cloned()
                .unwrap_or_else(|| Cell::text("", end.clone()))
        };
        for &(i, period) in &periods {
            let value = get(i);
            if value.text.is_empty() {
                continue; // not reported: no observation
            }
            let mut long = vec![Cell::text(period.text.clone(), value.pos.clone()), value];
            long.extend(keys.iter().map(|&(_, k)| get(k)));
            rows.push(long);
        }
    }
    Some(Table {
        rel: table.rel,
        header,
        rows,
        decimal: table.decimal,
        rules: table.rules,
    })
}
