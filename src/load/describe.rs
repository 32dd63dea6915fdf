//! Source descriptions: `data/values/<name>.toml` beside `<name>.csv`,
//! `.xlsx`, `.xls`, `.ods` or `.json` says how to read a file as it came
//! from Statistikbanken, KL or an analyst's spreadsheet — which sheet, where
//! the header is, which column is which field, constant fields, which rows
//! to skip or keep — and turns its table into one with the tool's own
//! columns, so `values` stays the one place that validates rows.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::places::CitiesBy;
use super::table::{Cell, Decimal, Frequency, Table};
use super::{Source, Sp};
use crate::diag::{did_you_mean, Diagnostics, Pos};

/// The file as written (every key optional; unknown keys are errors).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Description {
    /// The sheet to read (other sheets are ignored); default the first.
    pub sheet: Option<Sp<String>>,
    /// The line (CSV) or row (sheet) of the header, 1-based.
    pub header: Option<Sp<usize>>,
    /// Rows to skip above the header (instead of `header`).
    pub skip: Option<Sp<usize>>,
    /// `long` (one row per observation) or `wide` (one column per period).
    pub layout: Option<Layout>,
    /// Which column of the file holds which field.
    #[serde(default)]
    pub columns: Columns,
    /// Constant fields: the same for every row.
    pub indicator: Option<Sp<String>>,
    pub city: Option<Sp<String>>,
    pub period: Option<Sp<String>>,
    pub group: Option<Sp<String>>,
    pub flag: Option<Sp<String>>,
    pub note: Option<Sp<String>>,
    pub source: Option<Sp<String>>,
    #[serde(default, deserialize_with = "de_date_text")]
    pub published: Option<Sp<String>>,
    /// How the city column gives cities: `any` (default), `id`, `code`, `name`.
    #[serde(default)]
    pub cities: CitiesBy,
    /// `skip` rows of places outside the network; `error` (default) reports them.
    pub other_places: Option<Sp<String>>,
    /// Rows to skip: column (field or header name) -> cell values
    /// (`"I alt"`, or `"Kilde*"` for every value starting so).
    #[serde(default)]
    pub skip_rows: BTreeMap<String, Sp<Vec<String>>>,
    /// Columns (or JSON-stat dimensions) not read as fields: the one value to keep.
    #[serde(default)]
    pub keep: BTreeMap<String, Sp<String>>,
    /// Fields whose numbers are fractions (0,085 = 8,5 pct.).
    #[serde(default)]
    pub percent: Vec<Sp<String>>,
    /// Cell texts that mean no figure (default `..`).
    pub missing: Option<Vec<String>>,
    /// What date cells in `period` (or a wide header) stand for.
    pub frequency: Option<Frequency>,
    /// `utf-8`, `utf-16` or `windows-1252` (default: detected).
    pub encoding: Option<Encoding>,
    /// `comma` or `point` (default: `;` files comma, `,` files point, sheets either).
    pub decimal: Option<DecimalRaw>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    Long,
    Wide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16")]
    Utf16,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecimalRaw {
    Comma,
    Point,
}

/// `[columns]`: field = the column's name in the file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub indicator: Option<Sp<String>>,
    pub city: Option<Sp<String>>,
    pub period: Option<Sp<String>>,
    pub numerator: Option<Sp<String>>,
    pub denominator: Option<Sp<String>>,
    pub value: Option<Sp<String>>,
    pub n: Option<Sp<String>>,
    pub flag: Option<Sp<String>>,
    pub note: Option<Sp<String>>,
    pub source: Option<Sp<String>>,
    pub published: Option<Sp<String>>,
    pub group: Option<Sp<String>>,
    pub previous: Option<Sp<String>>,
}

impl Columns {
    /// (field, column name) for every mapped field.
    pub fn mapped(&self) -> Vec<(&'static str, &Sp<String>)> {
        [
            ("indicator", &self.indicator),
            ("city", &self.city),
            ("period", &self.period),
            ("numerator", &self.numerator),
            ("denominator", &self.denominator),
            ("value", &self.value),
            ("n", &self.n),
            ("flag", &self.flag),
            ("note", &self.note),
            ("source", &self.source),
            ("published", &self.published),
            ("group", &self.group),
            ("previous", &self.previous),
        ]
        .into_iter()
        .filter_map(|(f, c)| c.as_ref().map(|c| (f, c)))
        .collect()
    }
}

/// `published = 2026-02-10` (a TOML date) or `"2026-02-10"`.
fn de_date_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Sp<String>>, D::Error> {
    let v = Option::<Sp<toml::Value>>::deserialize(d)?;
    Ok(v.map(|v| {
        let span = v.span();
        let text = match v.into_inner() {
            toml::Value::String(s) => s,
            other => other.to_string(),
        };
        Sp::new(span, text)
    }))
}

impl Description {
    /// The constant fields: (field, value).
    pub fn constants(&self) -> Vec<(&'static str, &Sp<String>)> {
        [
            ("indicator", &self.indicator),
            ("city", &self.city),
            ("period", &self.period),
            ("group", &self.group),
            ("flag", &self.flag),
            ("note", &self.note),
            ("source", &self.source),
            ("published", &self.published),
        ]
        .into_iter()
        .filter_map(|(f, c)| c.as_ref().map(|c| (f, c)))
        .collect()
    }

    /// Whether `other_places = "skip"`; a value other than skip/error is reported.
    fn skip_other_places(&self, src: &Source, diags: &mut Diagnostics) -> bool {
        match self.other_places.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("error") => false,
            Some("skip") => true,
            Some(other) => {
                diags.error(
                    src.at(self.other_places.as_ref().unwrap()),
                    format!("unknown `other_places = \"{other}\"`: expected \"skip\" or \"error\""),
                );
                false
            }
        }
    }
}

/// Statistikbanken's header: variable codes in capitals, `INDHOLD` last.
pub fn is_statistikbanken(header: &[Cell]) -> bool {
    header.last().is_some_and(|c| c.text == "INDHOLD")
}

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
    let find = |name: &str| {
        let name = name.trim().to_lowercase();
        table
            .header
            .iter()
            .position(|c| c.text.trim().to_lowercase() == name)
    };
    let names: Vec<String> = table.header.iter().map(|c| c.text.clone()).collect();
    let not_found = |what: &str, sp: &Sp<String>, diags: &mut Diagnostics| {
        let hint = did_you_mean(sp.get_ref(), names.iter().map(String::as_str));
        diags.error_hint(
            src.at(sp),
            format!(
                "{what} `{}` is not in the header of {} (line {}): the header has {}",
                sp.get_ref(),
                table.rel.display(),
                table.header.first().map_or(1, |c| c.pos.line),
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            hint,
        );
    };
    // field -> column index
    let mut fields: Vec<(&'static str, usize)> = Vec::new();
    for (field, col) in desc.columns.mapped() {
        match find(col.get_ref()) {
            Some(i) => fields.push((field, i)),
            None => not_found("column", col, diags),
        }
    }
    for (field, i) in table.rules.roles.clone() {
        let taken = fields.iter().any(|(f, j)| *f == field || *j == i)
            || desc.constants().iter().any(|(f, _)| *f == field);
        if !taken {
            fields.push((field, i));
        }
    }
    if is_statistikbanken(&table.header) {
        let defaults = [("value", "INDHOLD"), ("period", "TID")]
            .into_iter()
            .chain(AREA_CODES.iter().map(|a| ("city", *a)));
        for (field, name) in defaults {
            let taken = fields.iter().any(|(f, _)| *f == field)
                || desc.constants().iter().any(|(f, _)| *f == field);
            if let (false, Some(i)) = (taken, find(name)) {
                fields.push((field, i));
            }
        }
    }
    // Columns that already carry the tool's names (or the Danish ones) count as themselves.
    for (i, cell) in table.header.iter().enumerate() {
        if let Some(f) = super::header::canonical(&cell.text) {
            let taken = fields.iter().any(|(g, j)| *g == f || *j == i)
                || desc.constants().iter().any(|(g, _)| *g == f);
            if !taken {
                fields.push((f, i));
            }
        }
    }
    for (field, value) in desc.constants() {
        if desc.columns.mapped().iter().any(|(f, _)| *f == field) {
            diags.error(
                src.at(value),
                format!("`{field}` is given both as a constant and in `[columns]`: keep one"),
            );
        }
    }
    for p in &desc.percent {
        if !fields.iter().any(|(f, _)| *f == p.get_ref()) {
            diags.error(
                src.at(p),
                format!(
                    "`percent` names `{}`, which is no column of this file: expected one of {}",
                    p.get_ref(),
                    fields
                        .iter()
                        .map(|(f, _)| *f)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    // Rows to keep: one value of each column not read as a field.
    let mut keep: Vec<(usize, &Sp<String>)> = Vec::new();
    for (name, value) in &desc.keep {
        match find(name) {
            Some(i) => keep.push((i, value)),
            None => not_found("column", &Sp::new(value.span(), name.clone()), diags),
        }
    }
    let mut skip: Vec<(usize, &Vec<String>)> = Vec::new();
    for (name, values) in &desc.skip_rows {
        let by_field = fields.iter().find(|(f, _)| *f == name).map(|(_, i)| *i);
        match by_field.or_else(|| find(name)) {
            Some(i) => skip.push((i, values.get_ref())),
            None => diags.error(
                src.at(values),
                format!(
                    "`skip_rows` names the column `{name}`, which is neither a field nor in the header (the header has {})",
                    names.join(", ")
                ),
            ),
        }
    }
    let wide = desc.layout == Some(Layout::Wide);
    if is_statistikbanken(&table.header) {
        check_other_dimensions(&table, &fields, &keep, src, diags);
    }
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
        keep.iter().all(|(i, v)| matches(row.get(*i), v.get_ref()))
            && !skip
                .iter()
                .any(|(i, vs)| vs.iter().any(|v| matches(row.get(*i), v)))
    });
    // The new table: mapped fields (and, in a wide table, the period columns), then constants.
    let mut order: Vec<(Cell, Option<usize>)> = Vec::new();
    for (field, i) in &fields {
        order.push((Cell::text(*field, table.header[*i].pos.clone()), Some(*i)));
    }
    if wide || desc.layout.is_none() {
        for (i, cell) in table.header.iter().enumerate() {
            if fields.iter().all(|(_, j)| *j != i) && keep.iter().all(|(j, _)| *j != i) {
                let text = header_period(cell, desc.frequency);
                if text.parse::<crate::model::Period>().is_ok() {
                    order.push((Cell::text(text, cell.pos.clone()), Some(i)));
                }
            }
        }
    }
    let constants = desc.constants();
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
                    i.and_then(|i| row.get(i).cloned())
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
    table.rules.cities = desc.cities;
    table.rules.skip_other_places = desc.skip_other_places(src, diags);
    table.rules.missing = desc.missing.clone().unwrap_or_default();
    if is_statistikbanken(&table.header) && desc.missing.is_none() {
        table.rules.missing = vec!["..".into(), "x".into()];
    }
    table.rules.percent = desc
        .percent
        .iter()
        .filter_map(|p| super::header::canonical(p.get_ref()))
        .collect();
    table.rules.frequency = desc.frequency;
    table.rules.long_only = desc.layout == Some(Layout::Long);
    Some(table)
}

/// A wide header cell as a period: a date cell by the frequency, else its text.
fn header_period(cell: &Cell, frequency: Option<Frequency>) -> String {
    match (cell.text.parse::<crate::model::Date>(), frequency) {
        (Ok(d), Some(f)) => super::values::date_period(d, f).to_string(),
        _ => cell.text.clone(),
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
    keep: &[(usize, &Sp<String>)],
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every TOML example of docs/input-formats.md's source descriptions is a
    /// valid description: the documentation cannot drift from the schema.
    #[test]
    fn the_documented_descriptions_parse() {
        let doc = include_str!("../../docs/input-formats.md");
        let start = doc.find("## Source descriptions").unwrap();
        let end = doc[start..].find("\n## ").map_or(doc.len(), |e| start + e);
        let mut blocks = 0;
        for block in doc[start..end].split("```toml\n").skip(1) {
            let toml_text = &block[..block.find("```").unwrap()];
            if let Err(e) = toml::from_str::<Description>(toml_text) {
                panic!("{e}\n{toml_text}");
            }
            blocks += 1;
        }
        assert!(blocks >= 5, "{blocks}");
    }
}
