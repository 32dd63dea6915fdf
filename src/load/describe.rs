//! Source descriptions: `data/values/<name>.toml` beside `<name>.csv`,
//! `.xlsx`, `.xls`, `.ods` or `.json` says how to read a file as it came
//! from Statistikbanken, KL or an analyst's spreadsheet — which sheet, where
//! the header is, which column is which field, constant fields, which rows
//! to skip or keep. `reshape` applies it to the file's table.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::places::CitiesBy;
use super::table::{Cell, Frequency};
use super::{Source, Sp};
use crate::diag::Diagnostics;

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
    pub(super) fn skip_other_places(&self, src: &Source, diags: &mut Diagnostics) -> bool {
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
