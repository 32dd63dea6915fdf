//! Tabular input (CSV files; spreadsheet sheets use the same shape) as rows of
//! text cells that remember where they stood, so every later message can name
//! file:line:col.

use std::path::{Path, PathBuf};

use super::Files;
use crate::diag::{Diagnostics, Pos};

/// One cell's text and position.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub pos: Pos,
}

/// A table read from a file: a header row and data rows.
#[derive(Debug)]
pub struct Table {
    pub rel: PathBuf,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// Numbers use decimal comma and `.` thousands separators (Danish Excel).
    pub decimal_comma: bool,
}

/// Read a CSV file: UTF-8 (a BOM is fine), `,` or `;` separated (a `;` file is
/// read with decimal comma, as Danish Excel writes it).
pub fn read_csv(files: &Files, rel: &Path, diags: &mut Diagnostics) -> Option<Table> {
    let text = files.read(rel, diags)?;
    let first = text.lines().next().unwrap_or_default();
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let line = record.position().map_or(1, |p| p.line() as usize);
                let cols = field_columns(&text[start..], delim);
                let cells = record
                    .iter()
                    .enumerate()
                    .map(|(i, f)| Cell {
                        text: f.trim().to_owned(),
                        pos: Pos::new(rel, line, cols.get(i).copied().unwrap_or(1)),
                    })
                    .collect();
                rows.push(cells);
            }
            Err(e) => {
                let pos = e
                    .position()
                    .map_or(Pos::new(rel, 1, 1), |p| Pos::new(rel, p.line() as usize, 1));
                diags.error(pos, format!("malformed CSV: {}", csv_error_message(&e)));
                return None;
            }
        }
    }
    // Skip blank lines (a record of one empty field).
    rows.retain(|r: &Vec<Cell>| !(r.len() == 1 && r[0].text.is_empty()));
    if rows.is_empty() {
        diags.error(Pos::new(rel, 1, 1), "empty CSV file: expected a header row");
        return None;
    }
    let header = rows.remove(0);
    Some(Table {
        rel: rel.to_path_buf(),
        header,
        rows,
        decimal_comma: delim == b';',
    })
}

fn csv_error_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_owned(),
        _ => e.to_string(),
    }
}

/// 1-based character columns where each field of the record starting at
/// `rest` begins (quotes respected; a record ends at an unquoted newline).
fn field_columns(rest: &str, delim: u8) -> Vec<usize> {
    let mut cols = vec![1];
    let mut quoted = false;
    for (col, ch) in rest.chars().enumerate() {
        match ch {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            c if !quoted && c as u32 == u32::from(delim) => cols.push(col + 2),
            _ => {}
        }
    }
    cols
}

/// Parse a number as analysts write it. With `decimal_comma`: "1.234,5", "8,2";
/// else "1234.5", "8.2"; "1 234" (space thousands) in both.
pub fn parse_number(s: &str, decimal_comma: bool) -> Option<f64> {
    let s: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).collect();
    let normal = if decimal_comma {
        if !thousands_ok(s.split(',').next()?, '.') {
            return None;
        }
        s.replace('.', "").replacen(',', ".", 1)
    } else {
        if s.contains(',') && !thousands_ok(s.split('.').next()?, ',') {
            return None;
        }
        s.replace(',', "")
    };
    let ok = !normal.is_empty()
        && normal
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'))
        && normal.bytes().any(|b| b.is_ascii_digit());
    normal.parse::<f64>().ok().filter(|v| ok && v.is_finite())
}

/// Whether thousands separators in the integer part sit every three digits.
fn thousands_ok(int_part: &str, sep: char) -> bool {
    let digits = int_part.trim_start_matches(['-', '+']);
    let groups: Vec<&str> = digits.split(sep).collect();
    groups.len() == 1
        || (groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_point_and_comma() {
        assert_eq!(parse_number("8.2", false), Some(8.2));
        assert_eq!(parse_number("4,000", false), Some(4000.0));
        assert_eq!(parse_number("8,2", true), Some(8.2));
        assert_eq!(parse_number("1.234,5", true), Some(1234.5));
        assert_eq!(parse_number("1 234", false), Some(1234.0));
        assert_eq!(parse_number("-3", false), Some(-3.0));
        for bad in [
            "", "x", "1,2,3", "8.2.1", "1.23,4", "NaN", "inf", "-", "1e5",
        ] {
            assert_eq!(parse_number(bad, true), None, "{bad}");
        }
        assert_eq!(parse_number("12,34", false), None);
    }

    #[test]
    fn columns_respect_quotes() {
        assert_eq!(field_columns("a,\"b,c\",d\nx,y", b','), vec![1, 3, 9]);
        assert_eq!(field_columns("æø;b", b';'), vec![1, 4]);
    }
}
