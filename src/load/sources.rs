//! Which files in `data/values/` are data, and how each becomes long
//! tables: read by its format, through its source description when one lies
//! beside it, wide tables made long. `values` then validates the rows.

use std::path::{Path, PathBuf};

use super::describe::Description;
use super::table::{read_tables, Table};
use super::Files;
use crate::diag::{did_you_mean, Diagnostics, Pos};
use crate::model::Period;

/// The extensions of data files in `data/values/`.
pub const DATA_EXTENSIONS: [&str; 5] = ["csv", "xlsx", "xls", "ods", "json"];

/// Every data file in `data/values/`, sorted; a source description without
/// a data file beside it is reported.
pub(super) fn data_files(files: &Files, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = DATA_EXTENSIONS
        .iter()
        .flat_map(|ext| files.list("data/values", ext))
        .collect();
    // `~$tal.xlsx` is the lock file Excel leaves beside a workbook it has open,
    // `.~lock.tal.ods#` LibreOffice's.
    paths.retain(|p| {
        !p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("~$") || n.starts_with(".~lock"))
    });
    paths.sort();
    for other in files.list_all("data/values") {
        let ext = other
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let name = other
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let hidden = name.starts_with('.') || name.starts_with("~$");
        if !hidden && ext != "toml" && !DATA_EXTENSIONS.contains(&ext.as_str()) {
            diags.warning(
                Pos::new(&other, 1, 1),
                format!(
                    "not read: data files are {}; save it in one of these formats (or move it out of data/values/)",
                    DATA_EXTENSIONS.map(|e| format!(".{e}")).join(", ")
                ),
            );
        }
    }
    for desc in files.list("data/values", "toml") {
        if !paths.iter().any(|p| p.with_extension("toml") == desc) {
            diags.error(
                Pos::new(&desc, 1, 1),
                format!(
                    "source description without a data file: expected {} beside it",
                    DATA_EXTENSIONS
                        .map(|e| format!("`{}`", desc.with_extension(e).display()))
                        .join(", ")
                ),
            );
        }
    }
    paths
}

/// The long tables of these data files, each read through its source
/// description when one lies beside it.
pub(super) fn data_tables(files: &Files, paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<Table> {
    let mut out = Vec::new();
    for rel in paths {
        let desc_rel = rel.with_extension("toml");
        let described = files.root.join(&desc_rel).is_file();
        let desc = if described {
            match files.toml::<Description>(&desc_rel, diags) {
                Some(d) => Some(d),
                None => continue, // the description's error says it all
            }
        } else {
            None
        };
        if paths
            .iter()
            .filter(|p| p.with_extension("toml") == desc_rel)
            .count()
            > 1
            && described
        {
            diags.error(
                Pos::new(&desc_rel, 1, 1),
                format!(
                    "two data files share this source description: rename one of them (found `{}` and another `{}` file)",
                    rel.display(),
                    rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default()
                ),
            );
            continue;
        }
        let tables = read_tables(files, rel, desc.as_ref().map(|(d, s)| (d, s)), diags);
        match &desc {
            Some((d, src)) => {
                let Some(table) = select_sheet(tables, d, src, rel, diags) else {
                    continue;
                };
                if let Some(t) = super::reshape::apply(table, d, src, diags) {
                    out.extend(super::wide::to_long(t, diags));
                }
            }
            None => {
                for table in tables {
                    if is_notes_sheet(&table) {
                        diags.warning(
                            Pos::new(&table.rel, 1, 1),
                            "no column of this sheet names a field (indicator, city, period …): read as notes, not data",
                        );
                        continue;
                    }
                    out.extend(super::wide::to_long(table, diags));
                }
            }
        }
    }
    out
}

/// A workbook sheet (never a CSV file) whose header names no field and no
/// period, and with no title above a header that does: notes, not data.
fn is_notes_sheet(table: &Table) -> bool {
    table.rel.to_string_lossy().ends_with(']')
        && !table.header.iter().any(|c| {
            super::header::canonical(&c.text).is_some()
                || c.text.to_lowercase().parse::<Period>().is_ok()
        })
        && super::header::title_above(table).is_none()
}

/// The described sheet (`sheet = "…"`), else the first; other sheets are ignored.
fn select_sheet(
    tables: Vec<Table>,
    desc: &Description,
    src: &super::Source,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let Some(name) = &desc.sheet else {
        return tables.into_iter().next();
    };
    let sheet_of = |t: &Table| {
        let shown = t.rel.to_string_lossy().into_owned();
        let start = rel.to_string_lossy().len() + 1;
        shown
            .get(start..shown.len().saturating_sub(1))
            .map(str::to_owned)
    };
    let names: Vec<String> = tables.iter().filter_map(sheet_of).collect();
    let found = tables
        .into_iter()
        .find(|t| sheet_of(t).is_some_and(|s| s.eq_ignore_ascii_case(name.get_ref())));
    if found.is_none() {
        let hint = did_you_mean(name.get_ref(), names.iter().map(String::as_str));
        diags.error_hint(
            src.at(name),
            format!(
                "{} has no sheet `{}` with data: its sheets are {}",
                rel.display(),
                name.get_ref(),
                if names.is_empty() {
                    "none (is it a workbook?)".to_owned()
                } else {
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
            hint,
        );
    }
    found
}
