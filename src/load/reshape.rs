//! A source description applied to the table read from its file: the
//! header chosen, columns named by field, rows kept or skipped, constants
//! added — a table with the tool's own columns, so `values` stays the one
//! place that validates rows.

use super::describe::{is_statistikbanken, DecimalRaw, Description, Layout};
use super::table::{Cell, Decimal, Table};
use super::{Source, Sp};
use crate::diag::{did_you_mean, Diagnostics, Pos};

/// Statistikbanken's names for the area variable, most common first.
const AREA_CODES: [&str; 6] = ["OMRÅDE", "KOMK", "BOPKOM", "KOMMUNE", "BOPOMR", "REGION"];

/// Apply a description to a table read from its file: choose the header,
/// name the columns by field, filter rows, add constants, set the rules.
/// None when the description does not fit the file (reported).
pub fn apply(
    mut table: Table,
    desc: &Description,
    src: &Source,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let errors_before = diags.count(crate::diag::Severity::Error);
    choose_header(&mut table, desc, src, diags)?;
    if let Some(d) = desc.decimal {
        table.decimal = match d {
            DecimalRaw::Comma => Decimal::Comma,
            DecimalRaw::Point => Decimal::Point,
        };
    }
    let statistikbanken = is_statistikbanken(&table.header);
    let header = Header { table: &table, src };
    let fields = header.fields(desc, diags);
    let (keep, skip) = header.filters(desc, &fields, diags);
    if statistikbanken {
        check_other_dimensions(&table, &fields, &keep, src, diags);
    }
    let periods = header.period_columns(desc, &fields, &keep, diags);
    if diags.count(crate::diag::Severity::Error) > errors_before {
        return None;
    }
    let matches = |cell: Option<&Cell>, pattern: &str| {
        let text = cell.map_or("", |c| c.text.as_str()).trim().to_lowercase();
        let pattern = pattern.trim().to_lowercase();
        match pattern.strip_suffix('*') {
            Some(prefix) => text.starts_with(prefix),
            None => text == pattern,
        }
    };
    table.rows.retain(|row| {
        keep.iter().all(|(i, v)| matches(row.get(*i), v))
            && !skip
                .iter()
                .any(|(i, vs)| vs.iter().any(|v| matches(row.get(*i), v)))
    });
    // The new table: mapped fields, the period columns of a wide table, then constants.
    let order: Vec<(Cell, usize)> = fields
        .iter()
        .map(|(field, i)| (Cell::text(*field, table.header[*i].pos.clone()), *i))
        .chain(periods)
        .collect();
    rebuild(&mut table, &order, &desc.constants(), src);
    table.rules.cities = desc.cities;
    table.rules.skip_other_places = desc.skip_other_places(src, diags);
    table.rules.missing = match &desc.missing {
        Some(m) => m.clone(),
        None if statistikbanken => vec!["..".into(), "x".into()],
        None => Vec::new(),
    };
    table.rules.percent = desc
        .percent
        .iter()
        .filter_map(|p| super::header::canonical(p.get_ref()))
        .collect();
    table.rules.frequency = desc.frequency;
    table.rules.long_only = desc.layout == Some(Layout::Long);
    Some(table)
}

/// The new header and rows: the cells of `order`'s columns, then one cell
/// per constant (positioned at its line in the description).
fn rebuild(
    table: &mut Table,
    order: &[(Cell, usize)],
    constants: &[(&'static str, &Sp<String>)],
    src: &Source,
) {
    let header: Vec<Cell> = order
        .iter()
        .map(|(c, _)| c.clone())
        .chain(constants.iter().map(|(f, v)| Cell::text(*f, src.at(v))))
        .collect();
    let rows: Vec<Vec<Cell>> = table
        .rows
        .iter()
        .map(|row| {
            let end = row
                .last()
                .map_or_else(|| Pos::new(&table.rel, 1, 1), |c| c.pos.clone());
            order
                .iter()
                .map(|(_, i)| {
                    row.get(*i)
                        .cloned()
                        .unwrap_or_else(|| Cell::text("", end.clone()))
                })
                .chain(
                    constants
                        .iter()
                        .map(|(_, v)| Cell::text(v.get_ref().clone(), src.at(v))),
                )
                .collect()
        })
        .collect();
    table.header = header;
    table.rows = rows;
}

/// The header of a table being described: finding columns by name.
struct Header<'a> {
    table: &'a Table,
    src: &'a Source,
}

impl Header<'_> {
    fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim().to_lowercase();
        self.table
            .header
            .iter()
            .position(|c| c.text.trim().to_lowercase() == name)
    }

    fn names(&self) -> Vec<String> {
        self.table.header.iter().map(|c| c.text.clone()).collect()
    }

    fn not_found(&self, what: &str, sp: &Sp<String>, diags: &mut Diagnostics) {
        let names = self.names();
        let hint = did_you_mean(sp.get_ref(), names.iter().map(String::as_str));
        diags.error_hint(
            self.src.at(sp),
            format!(
                "{what} `{}` is not in the header of {} (line {}): the header has {}",
                sp.get_ref(),
                self.table.rel.display(),
                self.table.header.first().map_or(1, |c| c.pos.line),
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            hint,
        );
    }

    /// Which column holds which field: `[columns]`, then the file format's
    /// roles (JSON-stat), Statistikbanken's names, and columns that carry the
    /// tool's own (or Danish) names.
    fn fields(&self, desc: &Description, diags: &mut Diagnostics) -> Vec<(&'static str, usize)> {
        let constants = desc.constants();
        let mut fields: Vec<(&'static str, usize)> = Vec::new();
        for (field, col) in desc.columns.mapped() {
            match self.find(col.get_ref()) {
                Some(i) => fields.push((field, i)),
                None => self.not_found("column", col, diags),
            }
        }
        let add = |field: &'static str, i: usize, fields: &mut Vec<(&'static str, usize)>| {
            let taken = fields.iter().any(|(f, j)| *f == field || *j == i)
                || constants.iter().any(|(f, _)| *f == field);
            if !taken {
                fields.push((field, i));
            }
        };
        for &(field, i) in &self.table.rules.roles {
            add(field, i, &mut fields);
        }
        if is_statistikbanken(&self.table.header) {
            let defaults = [("value", "INDHOLD"), ("period", "TID")]
                .into_iter()
                .chain(AREA_CODES.iter().map(|a| ("city", *a)));
            for (field, name) in defaults {
                if let Some(i) = self.find(name) {
                    add(field, i, &mut fields);
                }
            }
        }
        for (i, cell) in self.table.header.iter().enumerate() {
            if let Some(f) = super::header::canonical(&cell.text) {
                add(f, i, &mut fields);
            }
        }
        for (field, value) in &constants {
            if desc.columns.mapped().iter().any(|(f, _)| f == field) {
                diags.error(
                    self.src.at(value),
                    format!("`{field}` is given both as a constant and in `[columns]`: keep one"),
                );
            }
        }
        for p in &desc.percent {
            if !fields.iter().any(|(f, _)| *f == p.get_ref()) {
                let known: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
                diags.error(
                    self.src.at(p),
                    format!(
                        "`percent` names `{}`, which is no column of this file: expected one of {}",
                        p.get_ref(),
                        known.join(", ")
                    ),
                );
            }
        }
        fields
    }

    /// `keep` (column, the value kept) and `skip_rows` (column, values).
    #[allow(clippy::type_complexity)]
    fn filters(
        &self,
        desc: &Description,
        fields: &[(&'static str, usize)],
        diags: &mut Diagnostics,
    ) -> (Vec<(usize, String)>, Vec<(usize, Vec<String>)>) {
        let mut keep = Vec::new();
        for (name, value) in &desc.keep {
            match self.find(name) {
                Some(i) => keep.push((i, value.get_ref().clone())),
                None => self.not_found("column", &Sp::new(value.span(), name.clone()), diags),
            }
        }
        let mut skip = Vec::new();
        for (name, values) in &desc.skip_rows {
            let by_field = fields.iter().find(|(f, _)| *f == name).map(|(_, i)| *i);
            match by_field.or_else(|| self.find(name)) {
                Some(i) => skip.push((i, values.get_ref().clone())),
                None => diags.error(
                    self.src.at(values),
                    format!(
                        "`skip_rows` names the column `{name}`, which is neither a field nor in the header (the header has {})",
                        self.names().join(", ")
                    ),
                ),
            }
        }
        (keep, skip)
    }

    /// A wide table's period columns (date cells by the frequency), unless
    /// the layout is long.
    fn period_columns(
        &self,
        desc: &Description,
        fields: &[(&'static str, usize)],
        keep: &[(usize, String)],
        diags: &mut Diagnostics,
    ) -> Vec<(Cell, usize)> {
        if desc.layout == Some(Layout::Long) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, cell) in self.table.header.iter().enumerate() {
            if fields.iter().any(|(_, j)| *j == i) || keep.iter().any(|(j, _)| *j == i) {
                continue;
            }
            let text = match (cell.text.parse::<crate::model::Date>(), desc.frequency) {
                (Ok(d), Some(f)) => super::values::date_period(d, f).to_string(),
                (Ok(_), None) => {
                    diags.error(
                        cell.pos.clone(),
                        format!(
                            "the column `{}` is a date: say which period it stands for with `frequency = \"year\"` (or \"half\", \"quarter\", \"month\") in {}",
                            cell.text,
                            self.src.rel.display()
                        ),
                    );
                    continue;
                }
                _ => cell.text.clone(),
            };
            if text.parse::<crate::model::Period>().is_ok() {
                out.push((Cell::text(text, cell.pos.clone()), i));
            }
        }
        out
    }
}

/// The header row: `header = N` (its line or row number), `skip = N` (the
/// first non-empty row after N rows), else the first non-empty row.
fn choose_header(
    table: &mut Table,
    desc: &Description,
    src: &Source,
    diags: &mut Diagnostics,
) -> Option<()> {
    let (target, sp) = match (&desc.header, &desc.skip) {
        (Some(h), _) => (*h.get_ref(), h.span()),
        (None, Some(s)) => (*s.get_ref() + 1, s.span()),
        (None, None) => return Some(()),
    };
    let at_least = desc.header.is_none();
    let mut all = Vec::with_capacity(table.rows.len() + 1);
    all.push(std::mem::take(&mut table.header));
    all.append(&mut table.rows);
    let line = |r: &Vec<Cell>| r.first().map_or(0, |c| c.pos.line);
    let found = all
        .iter()
        .position(|r| line(r) == target || (at_least && line(r) >= target));
    let Some(i) = found else {
        diags.error(
            src.pos(sp.start),
            format!(
                "{} has no non-empty row {} {target}: the header must be a row with the column names",
                table.rel.display(),
                if at_least { "at or after" } else { "at" },
            ),
        );
        return None;
    };
    table.rows = all.split_off(i + 1);
    table.header = all.pop().unwrap_or_default();
    Some(())
}

/// In a Statistikbanken table every variable besides area and time needs
/// one value chosen (`keep`), or its rows would be read as duplicates.
fn check_other_dimensions(
    table: &Table,
    fields: &[(&'static str, usize)],
    keep: &[(usize, String)],
    src: &Source,
    diags: &mut Diagnostics,
) {
    for (i, cell) in table.header.iter().enumerate() {
        if fields.iter().any(|(_, j)| *j == i) || keep.iter().any(|(j, _)| *j == i) {
            continue;
        }
        let mut values: Vec<&str> = Vec::new();
        for row in &table.rows {
            if let Some(c) = row.get(i) {
                if !values.contains(&c.text.as_str()) {
                    values.push(&c.text);
                }
            }
        }
        if values.len() > 1 {
            let shown: Vec<String> = values.iter().take(5).map(|v| format!("\"{v}\"")).collect();
            diags.error(
                cell.pos.clone(),
                format!(
                    "the variable `{}` has several values ({}{}): choose one in the source description ({}), e.g. `keep = {{ \"{}\" = {} }}`",
                    cell.text,
                    shown.join(", "),
                    if values.len() > 5 { ", …" } else { "" },
                    src.rel.display(),
                    cell.text,
                    shown[0]
                ),
            );
        }
    }
}
