//! `data/values/*.xlsx`, `*.xls` and `*.ods`: every sheet of a workbook as a
//! [`Table`]. Positions read `file.xlsx[Sheet]:row:column` (1-based, column
//! A = 1), so a message still starts with `path:line:col:`. Reading is
//! bounded: cells are collected one by one and a sheet whose used range
//! passes [`MAX_CELLS`] is refused, never allocated by its dimensions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Style, Xlsx};

use super::table::{Cell, Decimal, Table};
use super::Files;
use crate::diag::{Diagnostics, Pos};

/// The most cells a sheet's used range may span (Excel's row count; a table
/// of indicator data is far smaller).
pub const MAX_CELLS: u64 = 1_048_576;

/// Read every non-empty sheet of an .xlsx, .xls or .ods workbook; the first
/// non-empty row of each is its header.
pub fn read_workbook(files: &Files, rel: &Path, diags: &mut Diagnostics) -> Vec<Table> {
    let path = files.root.join(rel);
    let is_xlsx = rel
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let is_ods = rel
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    let is_xls = rel
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xls"));
    let checked = if is_ods {
        super::bounds::check_ods(&path)
    } else if is_xls {
        super::bounds::check_xls(&path)
    } else {
        Ok(())
    };
    if let Err(e) = checked {
        diags.error(Pos::new(rel, 1, 1), format!("cannot read workbook: {e}"));
        return Vec::new();
    }
    let sheets = if is_xlsx {
        read_xlsx_cells(&path)
    } else {
        read_other_cells(&path)
    };
    let sheets = match sheets {
        Ok(s) => s,
        Err(e) => {
            diags.error(
                Pos::new(rel, 1, 1),
                format!(
                    "cannot read workbook: {e}: save it again as .xlsx from Excel or LibreOffice"
                ),
            );
            return Vec::new();
        }
    };
    let mut tables = Vec::new();
    for (name, cells) in sheets {
        let sheet = PathBuf::from(format!("{}[{name}]", rel.display()));
        let cells = match cells {
            Ok(c) => c,
            Err(e) => {
                diags.error(Pos::new(&sheet, 1, 1), e);
                continue;
            }
        };
        if let Some(t) = table_of(sheet, cells, diags) {
            tables.push(t);
        }
    }
    tables
}

/// A sheet's non-empty cells: (row, column, cell), 0-based; Err a message.
type SheetCells = Result<Vec<(u32, u32, Cell)>, String>;

fn too_many(count: u64) -> String {
    format!(
        "the sheet has more than {MAX_CELLS} cells in use ({count} or more): a table of indicator data is far smaller; delete stray cells far from the table (Ctrl+End shows the last cell in use) or split the sheet"
    )
}

/// Every sheet of an .xlsx, cell by cell from the XML stream, with the
/// number format of each cell (percentages).
fn read_xlsx_cells(path: &Path) -> Result<Vec<(String, SheetCells)>, String> {
    let mut workbook: Xlsx<_> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| e.to_string())?;
    let mut out = Vec::new();
    for name in workbook.sheet_names() {
        let sheet = PathBuf::from(format!("[{name}]"));
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(r) => r,
            Err(e) => {
                out.push((name, Err(format!("cannot read sheet: {e}"))));
                continue;
            }
        };
        let styles: Vec<bool> = reader.styles().iter().map(is_percent).collect();
        let mut cells = Vec::new();
        let result = loop {
            match reader.next_cell_with_style_id() {
                Ok(Some((c, style))) => {
                    let data = Data::from(c.get_value().clone());
                    if data == Data::Empty {
                        continue;
                    }
                    if cells.len() as u64 >= MAX_CELLS {
                        break Err(too_many(cells.len() as u64 + 1));
                    }
                    let (r, col) = c.get_position();
                    let percent = styles.get(style).copied().unwrap_or(false);
                    let pos = Pos::new(&sheet, r as usize + 1, col as usize + 1);
                    cells.push((r, col, cell(&data, percent, pos)));
                }
                Ok(None) => break Ok(cells),
                Err(e) => break Err(format!("cannot read sheet: {e}")),
            }
        };
        out.push((name, result));
    }
    Ok(out)
}

/// Every sheet of an .xls or .ods workbook (calamine reads these whole; the
/// formats themselves bound a sheet, .xls to 65,536 × 256 cells).
fn read_other_cells(path: &Path) -> Result<Vec<(String, SheetCells)>, String> {
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for name in workbook.sheet_names() {
        let sheet = PathBuf::from(format!("[{name}]"));
        let result = match workbook.worksheet_range(&name) {
            Err(e) => Err(format!("cannot read sheet: {e}")),
            Ok(range) => {
                let (h, w) = range.get_size();
                if h as u64 * w as u64 > MAX_CELLS {
                    Err(too_many(h as u64 * w as u64))
                } else {
                    Ok(range
                        .used_cells()
                        .filter(|(_, _, d)| **d != Data::Empty)
                        .map(|(r, c, d)| {
                            let (r, c) = (
                                r as u32 + range.start().map_or(0, |s| s.0),
                                c as u32 + range.start().map_or(0, |s| s.1),
                            );
                            let pos = Pos::new(&sheet, r as usize + 1, c as usize + 1);
                            (r, c, cell(d, false, pos))
                        })
                        .collect())
                }
            }
        };
        out.push((name, result));
    }
    Ok(out)
}

/// The table of a sheet's cells: rows with a non-empty cell, each from the
/// leftmost to the rightmost column in use. None for an empty sheet, or one
/// whose used range is too large (reported).
fn table_of(
    sheet: PathBuf,
    cells: Vec<(u32, u32, Cell)>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let cells: Vec<(u32, u32, Cell)> = cells
        .into_iter()
        .filter(|(_, _, c)| !c.text.is_empty())
        .map(|(r, c, mut cell)| {
            // Positions were made before the sheet's full name was known.
            cell.pos.path = sheet.clone();
            (r, c, cell)
        })
        .collect();
    let left = cells.iter().map(|c| c.1).min()?;
    let right = cells.iter().map(|c| c.1).max()?;
    let top = cells.iter().map(|c| c.0).min()?;
    let bottom = cells.iter().map(|c| c.0).max()?;
    let span = (u64::from(bottom - top) + 1) * (u64::from(right - left) + 1);
    if span > MAX_CELLS {
        diags.error(
            Pos::new(&sheet, bottom as usize + 1, right as usize + 1),
            format!(
                "the sheet's cells in use span {} to {} ({span} cells, more than {MAX_CELLS}): delete the stray cell here, far from the table, or move the table to a sheet of its own",
                a1(top, left),
                a1(bottom, right)
            ),
        );
        return None;
    }
    let mut by_row: BTreeMap<u32, Vec<(u32, Cell)>> = BTreeMap::new();
    for (r, c, cell) in cells {
        by_row.entry(r).or_default().push((c, cell));
    }
    let mut rows: Vec<Vec<Cell>> = by_row
        .into_iter()
        .map(|(r, cells)| {
            let mut row: Vec<Cell> = (left..=right)
                .map(|c| Cell::text("", Pos::new(&sheet, r as usize + 1, c as usize + 1)))
                .collect();
            for (c, cell) in cells {
                row[(c - left) as usize] = cell;
            }
            row
        })
        .collect();
    let header = rows.remove(0);
    Some(Table {
        rel: sheet,
        header,
        rows,
        decimal: Decimal::Either,
        rules: Default::default(),
    })
}

/// A cell's name as Excel shows it: `A1`, `XFD1048576`.
fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
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

/// Whether a cell style's number format shows a percentage (an unquoted,
/// unescaped `%`, which multiplies by 100 on display).
fn is_percent(style: &Style) -> bool {
    let Some(code) = style.number_format.as_ref().map(|f| f.format_code.as_str()) else {
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
    fn cell_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
        assert_eq!(a1(6, 26), "AA7");
    }

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
