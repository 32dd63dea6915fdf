//! One data file on its own, for `maalrapport import FILE` (how the file is
//! read: observations and every problem) and `maalrapport new source FILE`
//! (a starting source description from the header found).

use std::path::{Path, PathBuf};

use super::places::Places;
use super::table::{Cell, Table};
use super::Files;
use crate::diag::{Diagnostics, Pos};
use crate::model::{Catalog, Observation, Observations};

/// One observation as the tool reads it.
#[derive(Debug)]
pub struct PreviewRow {
    pub pos: Pos,
    pub indicator: String,
    pub city: String,
    pub period: String,
    pub group: Option<String>,
    pub observation: Observation,
}

/// What `import` shows.
#[derive(Debug)]
pub struct Preview {
    /// Observations in file order.
    pub rows: Vec<PreviewRow>,
    /// Every problem in the file (and in the catalog, which it needs).
    pub diags: Diagnostics,
    /// What positions are relative to.
    pub base: PathBuf,
}

/// Where a file lies for reading: a folder and the path below it — the
/// project root when the file is inside it, else the file's own folder.
fn locate(root: &Path, file: &Path) -> (PathBuf, PathBuf) {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    if let Ok(root_abs) = std::fs::canonicalize(root) {
        if let Ok(rel) = abs.strip_prefix(&root_abs) {
            return (root.to_path_buf(), rel.to_path_buf());
        }
    }
    let dir = abs
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = abs
        .file_name()
        .map_or_else(|| file.to_path_buf(), PathBuf::from);
    (dir, name)
}

/// Read one data file (through its source description, when one lies
/// beside it) against the project's catalog.
pub fn preview(root: &Path, file: &Path) -> Preview {
    let mut diags = Diagnostics::default();
    let (base, rel) = locate(root, file);
    let project_files = Files::new(root);
    let Some((catalog, aliases)) = super::catalog::load(&project_files, &mut diags) else {
        return Preview {
            rows: Vec::new(),
            diags,
            base,
        };
    };
    let places = Places::new(&catalog, &aliases);
    let files = Files::new(&base);
    if !base.join(&rel).is_file() {
        diags.error(Pos::new(&rel, 1, 1), "no such file");
        return Preview {
            rows: Vec::new(),
            diags,
            base,
        };
    }
    let mut obs = Observations::default();
    for table in super::sources::data_tables(&files, &[rel], &mut diags) {
        super::values::read_table(&table, &catalog, &places, &mut obs, &mut diags);
    }
    let mut rows: Vec<PreviewRow> = obs
        .iter()
        .map(|(&(ind, group, place, period), o)| {
            row(&catalog, ind, group, place, period, o.clone())
        })
        .collect();
    rows.sort_by_key(|r| (r.pos.line, r.pos.col));
    Preview { rows, diags, base }
}

fn row(
    catalog: &Catalog,
    ind: usize,
    group: Option<usize>,
    place: crate::model::Place,
    period: crate::model::Period,
    o: Observation,
) -> PreviewRow {
    let indicator = &catalog.indicators[ind];
    PreviewRow {
        pos: o.pos.clone(),
        indicator: indicator.id.clone(),
        city: catalog.place_id(place).to_owned(),
        period: period.to_string(),
        group: group.map(|g| indicator.groups[g].id.clone()),
        observation: o,
    }
}

/// A starting source description for `file`, from the header found in it:
/// Err a message when the file cannot be read.
pub fn starting_description(root: &Path, file: &Path) -> Result<(PathBuf, String), String> {
    let (base, rel) = locate(root, file);
    if !base.join(&rel).is_file() {
        return Err(format!("{} is no file", file.display()));
    }
    let files = Files::new(&base);
    let mut diags = Diagnostics::default();
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let project_files = Files::new(root);
    let indicators: Vec<String> = super::catalog::load(&project_files, &mut Diagnostics::default())
        .map(|(c, _)| c.indicators.iter().map(|i| i.id.clone()).collect())
        .unwrap_or_default();
    let mut out = format!(
        "# Source description for {name}, written by `maalrapport new source` from\n\
         # the header it found. Check every line, then see how the file is read with\n\
         # `maalrapport import {shown}`. Every key: docs/input-formats.md.\n",
        name = rel.file_name().unwrap_or_default().to_string_lossy(),
        shown = file.display(),
    );
    if ext == "json" {
        out.push_str(&jsonstat_description(&files, &rel)?);
        out.push_str(&indicator_line(&indicators));
        return Ok((base.join(rel.with_extension("toml")), out));
    }
    let tables = super::table::read_tables(&files, &rel, None, &mut diags);
    let Some(table) = tables.into_iter().next() else {
        let why = diags
            .sorted()
            .into_iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        return Err(if why.is_empty() {
            format!("{} has no data to describe", rel.display())
        } else {
            why
        });
    };
    if let Some(sheet) = sheet_name(&table, &rel) {
        out.push_str(&format!("sheet = {}\n", toml_str(&sheet)));
    }
    let header = header_row(&table);
    let line = header.first().map_or(1, |c| c.pos.line);
    if line > 1 {
        out.push_str(&format!(
            "header = {line}                  # the line (or row) with the column names\n"
        ));
    }
    let statistikbanken = super::describe::is_statistikbanken(header);
    let wide = header
        .iter()
        .any(|c| c.text.parse::<crate::model::Period>().is_ok());
    if wide {
        out.push_str("layout = \"wide\"            # one column per period\n");
    }
    let mut columns = String::new();
    let mut notes = String::new();
    let has = |f: &str, fields: &[&'static str]| fields.contains(&f);
    let mut fields: Vec<&'static str> = Vec::new();
    let mut keep: Vec<String> = Vec::new();
    for cell in header {
        if cell.text.is_empty() || cell.text.parse::<crate::model::Period>().is_ok() {
            continue;
        }
        if let Some(f) = super::header::canonical(&cell.text) {
            notes.push_str(&format!("#   `{}` is read as {f}\n", cell.text));
            fields.push(f);
            continue;
        }
        if statistikbanken {
            match cell.text.as_str() {
                "INDHOLD" => {
                    notes.push_str("#   `INDHOLD` is read as value\n");
                    fields.push("value");
                    continue;
                }
                "TID" => {
                    notes.push_str("#   `TID` is read as period\n");
                    fields.push("period");
                    continue;
                }
                _ => {}
            }
        }
        match guess(&cell.text) {
            Some(f) if !has(f, &fields) => {
                columns.push_str(&format!("{f} = {}\n", toml_str(&cell.text)));
                fields.push(f);
            }
            _ => {
                let values = distinct(&table, header, cell);
                if statistikbanken && values.len() > 1 {
                    let total = values
                        .iter()
                        .find(|v| v.to_lowercase().contains("i alt"))
                        .unwrap_or(&values[0]);
                    keep.push(format!("{} = {total}", toml_str(&cell.text)));
                }
                notes.push_str(&format!(
                    "#   `{}` is not read{}\n",
                    cell.text,
                    if values.len() > 1 {
                        format!(
                            ": it has several values ({}); choose one with keep = {{ {} = {} }}",
                            values
                                .iter()
                                .take(3)
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", "),
                            toml_str(&cell.text),
                            values[0]
                        )
                    } else {
                        String::new()
                    }
                ));
            }
        }
    }
    if !keep.is_empty() {
        out.push_str(&format!(
            "keep = {{ {} }}   # one value of each other variable\n",
            keep.join(", ")
        ));
    }
    if !has("indicator", &fields) {
        out.push_str(&indicator_line(&indicators));
    }
    if !has("city", &fields) {
        out.push_str("# city = \"national\"          # when every row is the same place\n");
    }
    if !has("period", &fields) && !wide {
        out.push_str("# period = \"2025\"            # when every row is the same period\n");
    }
    out.push_str("# source = \"…\"               # where the figures come from\n");
    out.push_str("# published = 2026-01-01      # their release date\n");
    if statistikbanken {
        out.push_str(
            "other_places = \"skip\"        # skip rows of municipalities outside the network\n",
        );
    } else {
        out.push_str(
            "# other_places = \"skip\"      # skip rows of municipalities outside the network\n",
        );
    }
    out.push_str("# skip_rows = { city = [\"I alt\"] }   # totals and notes\n");
    if !notes.is_empty() {
        out.push_str("# Columns found:\n");
        out.push_str(&notes);
    }
    if !columns.is_empty() {
        out.push_str("\n[columns]                    # field = the column's name in the file\n");
        out.push_str(&columns);
    }
    Ok((base.join(rel.with_extension("toml")), out))
}

fn indicator_line(indicators: &[String]) -> String {
    let list = indicators
        .iter()
        .take(8)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    format!("indicator = \"?\"              # the indicator of every row, e.g. {list}\n")
}

/// The row that looks most like a header: the first that names fields,
/// else the first with the most non-empty cells among the first rows.
fn header_row(table: &Table) -> &[Cell] {
    let rows = || {
        std::iter::once(&table.header)
            .chain(table.rows.iter())
            .take(20)
    };
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| !c.text.is_empty()).count();
    if let Some(r) = rows().find(|r| {
        r.iter()
            .filter(|c| super::header::canonical(&c.text).is_some())
            .count()
            >= 2
    }) {
        return r;
    }
    let most = rows().map(filled).max().unwrap_or(0);
    rows().find(|r| filled(r) == most).map_or(&[][..], |r| r)
}

/// A field a column name suggests, for names the tool does not know.
fn guess(name: &str) -> Option<&'static str> {
    let n = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&["kommune", "område", "omraade", "by", "komk", "bopkom"]) {
        Some("city")
    } else if has(&["år", "aar", "tid", "kvartal", "måned", "periode", "year"]) {
        Some("period")
    } else if has(&[
        "antal", "værdi", "andel", "pct", "procent", "indhold", "tal",
    ]) {
        Some("value")
    } else {
        None
    }
}

/// The distinct values of a column below the header, quoted for TOML.
fn distinct(table: &Table, header: &[Cell], cell: &Cell) -> Vec<String> {
    let Some(i) = header.iter().position(|c| std::ptr::eq(c, cell)) else {
        return Vec::new();
    };
    let line = cell.pos.line;
    let mut out: Vec<String> = Vec::new();
    for row in table
        .rows
        .iter()
        .filter(|r| r.first().is_some_and(|c| c.pos.line > line))
    {
        if let Some(c) = row.get(i) {
            let q = toml_str(&c.text);
            if !c.text.is_empty() && !out.contains(&q) {
                out.push(q);
            }
        }
    }
    out
}

fn sheet_name(table: &Table, rel: &Path) -> Option<String> {
    let shown = table.rel.to_string_lossy();
    let start = rel.to_string_lossy().len() + 1;
    shown
        .get(start..shown.len().saturating_sub(1))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// For a JSON-stat file: `keep` lines for every dimension with several values.
fn jsonstat_description(files: &Files, rel: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(files.root.join(rel))
        .map_err(|e| format!("cannot read {}: {e}", rel.display()))?;
    let root: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: invalid JSON: {e}", rel.display()))?;
    let ds = root.get("dataset").unwrap_or(&root);
    let role = |r: &str| {
        ds.get("role")
            .and_then(|x| x.get(r))
            .and_then(|x| x.as_array())
            .and_then(|a| a.first())
            .and_then(|x| x.as_str())
            .map(str::to_owned)
    };
    let (geo, time) = (role("geo"), role("time"));
    let mut out = String::new();
    let mut keep = Vec::new();
    let ids = ds
        .get("id")
        .and_then(|x| x.as_array())
        .cloned()
        .unwrap_or_default();
    for id in ids.iter().filter_map(|x| x.as_str()) {
        let labels: Vec<String> = ds
            .get("dimension")
            .and_then(|d| d.get(id))
            .map(super::jsonstat::categories)
            .unwrap_or_default()
            .into_iter()
            .map(|(_, label)| toml_str(&label))
            .collect();
        if Some(id) == geo.as_deref() || Some(id) == time.as_deref() {
            out.push_str(&format!(
                "#   `{id}` is the {} dimension\n",
                if Some(id) == geo.as_deref() {
                    "area (geo)"
                } else {
                    "time"
                }
            ));
        } else if labels.len() > 1 {
            out.push_str(&format!("#   `{id}` has {}\n", labels.join(", ")));
            let total = labels
                .iter()
                .find(|l| {
                    let l = l.to_lowercase();
                    l.contains("i alt") || l.contains("total")
                })
                .unwrap_or(&labels[0]);
            keep.push(format!("{} = {total}", toml_str(id)));
        }
    }
    if geo.is_none() {
        out.push_str("# No dimension has the role geo: name the area dimension below.\n");
    }
    let mut text = String::from("# Dimensions found:\n");
    text.push_str(&out);
    if !keep.is_empty() {
        text.push_str(&format!("keep = {{ {} }}\n", keep.join(", ")));
    }
    if geo.is_none() {
        text.push_str("# [columns]\n# city = \"OMRÅDE\"\n");
    }
    Ok(text)
}
