//! JSON-stat 2.0 (json-stat.org), as Statistikbanken (`format=JSONSTAT`),
//! Eurostat and the Nordic statistics offices serve it: a cube of
//! dimensions and one flat array of values. Read into the same [`Table`] a
//! Statistikbanken CSV gives — a column per dimension, `INDHOLD` last — with
//! the source description's `keep` choosing one value of every dimension
//! besides area and time, so one source description fits both formats.

use std::path::Path;

use serde_json::Value;

use super::describe::Description;
use super::table::{Cell, Decimal, Rules, Table};
use super::Files;
use crate::diag::{Diagnostics, Pos};

/// The most values a cube may hold.
const MAX_VALUES: u64 = 10_000_000;

struct Dim {
    id: String,
    /// Category codes in index order, with their labels.
    codes: Vec<(String, String)>,
}

/// Read a JSON-stat 2.0 dataset (also wrapped as `{"dataset": …}`).
pub fn read(
    files: &Files,
    rel: &Path,
    desc: Option<(&Description, &super::Source)>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let text = files.read(rel, diags)?;
    let at = |needle: &str| {
        let offset = text.find(needle).unwrap_or(0);
        Pos::at_offset(rel, &text, offset)
    };
    let Some((desc, src)) = desc else {
        diags.error(
            Pos::new(rel, 1, 1),
            format!(
                "a JSON-stat file needs a source description beside it ({}) saying at least which indicator it holds: `maalrapport new source {}` writes one",
                rel.with_extension("toml").display(),
                rel.display()
            ),
        );
        return None;
    };
    let root: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            diags.error(
                Pos::new(rel, e.line().max(1), e.column().max(1)),
                format!("invalid JSON: {e}"),
            );
            return None;
        }
    };
    let ds = root.get("dataset").unwrap_or(&root);
    let bad = |msg: &str, diags: &mut Diagnostics| {
        diags.error(
            Pos::new(rel, 1, 1),
            format!("not a JSON-stat 2.0 dataset: {msg} (expected `id`, `size`, `dimension` and `value`, see json-stat.org)"),
        );
    };
    let (Some(ids), Some(sizes), Some(dims), Some(values)) = (
        ds.get("id").and_then(Value::as_array),
        ds.get("size").and_then(Value::as_array),
        ds.get("dimension").and_then(Value::as_object),
        ds.get("value"),
    ) else {
        bad("a key is missing", diags);
        return None;
    };
    let sizes: Vec<u64> = sizes.iter().filter_map(Value::as_u64).collect();
    if sizes.len() != ids.len() {
        bad("`id` and `size` differ in length", diags);
        return None;
    }
    let total = sizes
        .iter()
        .try_fold(1u64, |a, b| a.checked_mul(*b))
        .filter(|t| *t <= MAX_VALUES);
    let Some(total) = total else {
        diags.error(
            at("\"size\""),
            format!("the cube holds more than {MAX_VALUES} values: select fewer values in Statistikbanken before saving"),
        );
        return None;
    };
    let mut cube = Vec::new();
    for (id, size) in ids.iter().zip(&sizes) {
        let id = id.as_str().unwrap_or_default().to_owned();
        let Some(dim) = dims.get(&id) else {
            bad(
                &format!("dimension `{id}` is listed in `id` but not described"),
                diags,
            );
            return None;
        };
        let codes = categories(dim);
        if codes.len() as u64 != *size {
            diags.error(
                at(&format!("\"{id}\":")),
                format!(
                    "dimension `{id}` has {} categories but `size` says {size}",
                    codes.len()
                ),
            );
            return None;
        }
        cube.push(Dim { id, codes });
    }
    // The dimensions by role: area (geo) and time, unless the description says otherwise.
    let role = |name: &str| {
        ds.get("role")
            .and_then(|r| r.get(name))
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let area = desc
        .columns
        .city
        .as_ref()
        .map(|c| c.get_ref().clone())
        .or_else(|| role("geo"));
    let time = desc
        .columns
        .period
        .as_ref()
        .map(|c| c.get_ref().clone())
        .or_else(|| role("time"));
    // Which category indices each dimension keeps.
    let mut chosen: Vec<Vec<usize>> = Vec::new();
    let mut ok = true;
    for d in &cube {
        let is = |name: &Option<String>| {
            name.as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(&d.id))
        };
        let keep = desc
            .keep
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&d.id))
            .map(|(_, v)| v);
        let idx: Vec<usize> = match keep {
            Some(v) => {
                let want = v.get_ref().trim().to_lowercase();
                let found: Vec<usize> = d
                    .codes
                    .iter()
                    .enumerate()
                    .filter(|(_, (c, l))| c.to_lowercase() == want || l.to_lowercase() == want)
                    .map(|(i, _)| i)
                    .collect();
                if found.is_empty() {
                    diags.error(
                        src.at(v),
                        format!(
                            "`keep` asks for `{}` in dimension `{}`, which has {}",
                            v.get_ref(),
                            d.id,
                            shown(d)
                        ),
                    );
                    ok = false;
                }
                found
            }
            None if is(&area) || is(&time) || d.codes.len() == 1 => (0..d.codes.len()).collect(),
            None => {
                diags.error(
                    at(&format!("\"{}\":", d.id)),
                    format!(
                        "dimension `{}` has several values ({}): choose one in the source description, e.g. `keep = {{ \"{}\" = \"{}\" }}`",
                        d.id,
                        shown(d),
                        d.id,
                        d.codes[0].1
                    ),
                );
                ok = false;
                Vec::new()
            }
        };
        chosen.push(idx);
    }
    if area.is_none() && desc.city.is_none() {
        diags.error(
            src.pos(0),
            "no dimension has the role `geo`: name the area dimension in the source description (`[columns] city = \"OMRÅDE\"`)",
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let value_pos = at("\"value\"");
    let value_at = |i: u64| -> Option<&Value> {
        match values {
            Value::Array(a) => a.get(i as usize),
            Value::Object(o) => o.get(&i.to_string()),
            _ => None,
        }
    };
    let header: Vec<Cell> = cube
        .iter()
        .map(|d| Cell::text(d.id.clone(), at(&format!("\"{}\":", d.id))))
        .chain([Cell::text("INDHOLD", value_pos.clone())])
        .collect();
    let mut rows = Vec::new();
    let mut combo = vec![0usize; cube.len()];
    if chosen.iter().all(|c| !c.is_empty()) && total > 0 {
        loop {
            let mut flat = 0u64;
            let mut row = Vec::with_capacity(cube.len() + 1);
            for (k, d) in cube.iter().enumerate() {
                let i = chosen[k][combo[k]];
                flat = flat * sizes[k] + i as u64;
                let (code, label) = &d.codes[i];
                let is_area = area
                    .as_deref()
                    .is_some_and(|a| a.eq_ignore_ascii_case(&d.id));
                let is_time = time
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case(&d.id));
                // Kommunekoder and period codes are exact; other labels read better.
                let numeric = !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit());
                let text = if is_time || (is_area && numeric) {
                    code.clone()
                } else {
                    label.clone()
                };
                let text = match desc
                    .keep
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(&d.id))
                {
                    Some((_, v)) if v.get_ref().eq_ignore_ascii_case(code) => code.clone(),
                    _ => text,
                };
                row.push(Cell::text(text, value_pos.clone()));
            }
            let cell = match value_at(flat) {
                Some(Value::Number(n)) => Cell {
                    text: n.to_string(),
                    pos: value_pos.clone(),
                    number: n.as_f64(),
                },
                Some(Value::String(s)) => Cell::text(s.clone(), value_pos.clone()),
                _ => Cell::text("..", value_pos.clone()),
            };
            row.push(cell);
            rows.push(row);
            // Next combination, last dimension fastest (JSON-stat's row-major order).
            let mut k = cube.len();
            loop {
                if k == 0 {
                    break;
                }
                k -= 1;
                combo[k] += 1;
                if combo[k] < chosen[k].len() {
                    break;
                }
                combo[k] = 0;
                if k == 0 {
                    k = usize::MAX;
                    break;
                }
            }
            if k == usize::MAX {
                break;
            }
        }
    }
    let mut rules = Rules::default();
    for (field, name) in [("city", &area), ("period", &time)] {
        if let Some(i) = cube.iter().position(|d| {
            name.as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(&d.id))
        }) {
            rules.roles.push((field, i));
        }
    }
    Some(Table {
        rel: rel.to_path_buf(),
        header,
        rows,
        decimal: Decimal::Point,
        rules,
    })
}

/// A dimension's categories: (code, label) in index order.
pub(super) fn categories(dim: &Value) -> Vec<(String, String)> {
    let cat = dim.get("category");
    let labels = cat.and_then(|c| c.get("label")).and_then(Value::as_object);
    let label = |code: &str| {
        labels
            .and_then(|l| l.get(code))
            .and_then(Value::as_str)
            .unwrap_or(code)
            .to_owned()
    };
    let mut codes: Vec<(usize, String)> = match cat.and_then(|c| c.get("index")) {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_str().map(|c| (i, c.to_owned())))
            .collect(),
        Some(Value::Object(o)) => o
            .iter()
            .filter_map(|(c, i)| i.as_u64().map(|i| (i as usize, c.clone())))
            .collect(),
        // A single category may come without an index.
        _ => labels
            .map(|l| l.keys().cloned().enumerate().collect())
            .unwrap_or_default(),
    };
    codes.sort();
    codes
        .into_iter()
        .map(|(_, c)| (label(&c), c))
        .map(|(l, c)| (c, l))
        .collect()
}

fn shown(d: &Dim) -> String {
    let mut s: Vec<String> = d
        .codes
        .iter()
        .take(5)
        .map(|(c, l)| format!("\"{l}\" ({c})"))
        .collect();
    if d.codes.len() > 5 {
        s.push("…".into());
    }
    s.join(", ")
}
