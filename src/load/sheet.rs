//! `data/values/*.xlsx`: every sheet of a workbook as a [`Table`]. Positions
//! read `file.xlsx[Sheet]:row:column` (1-based, column A = 1), so a message
//! still starts with `path:line:col:`.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, StyleRange, Xlsx};

use super::table::{Cell, Decimal, Table};
use super::Files;
use crate::diag::{Diagnostics, Pos};

/// Read every non-empty sheet; the first non-empty row of each is its header.
pub fn read_xlsx(files: &Files, rel: &Path, diags: &mut Diagnostics) -> Vec<Table> {
    let mut workbook: Xlsx<_> = match calamine::open_workbook(files.root.join(rel)) {
        Ok(w) => w,
        Err(e) => {
            diags.error(Pos::new(rel, 1, 1), format!("cannot read workbook: {e}"));
            return Vec::new();
        }
    };
    let mut tables = Vec::new();
    for name in workbook.sheet_names() {
        let sheet = PathBuf::from(format!("{}[{name}]", rel.display()));
        let range = match workbook.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                diags.error(Pos::new(&sheet, 1, 1), format!("cannot read sheet: {e}"));
                continue;
            }
        };
        let Some((top, left)) = range.start() else {
            continue; // an empty sheet
        };
        // Styles only tell percentages apart; a workbook without them still reads.
        let styles = workbook
            .worksheet_style(&name)
            .unwrap_or_else(|_| StyleRange::empty());
        let mut rows: Vec<Vec<Cell>> = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let r = top + i as u32;
                row.iter()
                    .enumerate()
                    .map(|(j, data)| {
                        let c = left + j as u32;
                        let pos = Pos::new(&sheet, r as usize + 1, c as usize + 1);
                        cell(data, percent(&styles, (r, c)), pos)
                    })
                    .collect()
            })
            .filter(|cells: &Vec<Cell>| cells.iter().any(|c| !c.text.is_empty()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let header = rows.remove(0);
        tables.push(Table {
            rel: sheet,
            header,
            rows,
            decimal: Decimal::Either,
            rules: Default::default(),
        });
    }
    tables
}

/// One cell: numbers exactly as stored (a percentage-formatted cell, shown as
/// "8,2 %" and stored as 0.082, counts as 8.2: values are in pct.), dates as
/// YYYY-MM-DD, everything else as its text.
fn cell(data: &Data, percent: bool, pos: Pos) -> Cell {
    let number = |text: String| {
        let text = if percent {
            shift_decimal(&text, 2)
        } else {
            text
        };
        let number = text.parse::<f64>().ok();
        let shown = if percent { format!("{text} %") } else { text };
        Cell {
            text: shown,
            pos: pos.clone(),
            number,
        }
    };
    match data {
        Data::Empty => Cell::text("", pos),
        Data::String(s) => Cell::text(s.trim(), pos),
        Data::Int(i) => number(i.to_string()),
        Data::Float(f) => number(f.to_string()),
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }, pos),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            Cell::text(format!("{y:04}-{m:02}-{d:02}"), pos)
        }
        Data::DateTime(d) => Cell::text(d.as_f64().to_string(), pos),
        Data::DateTimeIso(s) => Cell::text(s.split('T').next().unwrap_or(s), pos),
        Data::DurationIso(s) => Cell::text(s.as_str(), pos),
        Data::Error(e) => Cell::text(e.to_string(), pos),
    }
}

/// Whether the cell's number format shows a percentage (an unquoted,
/// unescaped `%`, which multiplies by 100 on display).
fn percent(styles: &StyleRange, at: (u32, u32)) -> bool {
    let Some(code) = styles
        .get(at)
        .and_then(|s| s.number_format.as_ref())
        .map(|f| f.format_code.as_str())
    else {
        return false;
    };
    let (mut quoted, mut escaped) = (false, false);
    for ch in code.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// Move the decimal point of a plain decimal number `places` to the right,
/// in the text, so `0.082` becomes exactly `8.2` (no binary rounding).
pub fn shift_decimal(text: &str, places: usize) -> String {
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac:0<places$}");
    let (moved, rest) = frac.split_at(places);
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if rest.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_shift_exactly() {
        assert_eq!(shift_decimal("0.082", 2), "8.2");
        assert_eq!(shift_decimal("0.5", 2), "50");
        assert_eq!(shift_decimal("1", 2), "100");
        assert_eq!(shift_decimal("-0.01234", 2), "-1.234");
        assert_eq!(shift_decimal("12.3456", 2), "1234.56");
        assert_eq!(shift_decimal("0", 2), "0");
    }
}
