//! Tabular input — CSV files and spreadsheet sheets — as rows of text cells
//! that remember where they stood, so every later message can name
//! file:line:col. Both formats end up in the one [`Table`] shape that
//! `values` validates.

use std::path::Path;

use super::describe::Encoding;
use super::encoding::decode_detect;
use super::Files;
use crate::diag::{Diagnostics, Pos};

/// One cell's text and position.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub pos: Pos,
    /// The exact number of a spreadsheet's numeric cell (`text` then only
    /// serves messages); None for CSV fields and text cells.
    pub number: Option<f64>,
}

impl Cell {
    pub fn text(text: impl Into<String>, pos: Pos) -> Self {
        Cell {
            text: text.into(),
            pos,
            number: None,
        }
    }
}

/// How numbers written as text use `,` and `.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimal {
    /// `8.2`, `1,234.5` (a `,`-separated CSV file).
    Point,
    /// `8,2`, `1.234,5` (a `;`-separated CSV file, as Danish Excel writes it).
    Comma,
    /// A spreadsheet's text cell: either convention, as long as it is unambiguous.
    Either,
}

impl Decimal {
    /// An example number for messages.
    pub fn example(self) -> &'static str {
        match self {
            Decimal::Point => "`8.2` (a `,`-separated file uses decimal point)",
            Decimal::Comma => "`8,2` (a `;`-separated file uses decimal comma)",
            Decimal::Either => "`8,2` or `8.2`, or a number cell",
        }
    }
}

/// A table read from a file or sheet: a header row and data rows.
#[derive(Debug)]
pub struct Table {
    /// The file, or for a sheet `file.xlsx[Sheet]`, as positions show it.
    pub rel: std::path::PathBuf,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// How numbers in text cells are written.
    pub decimal: Decimal,
    /// What a source description says about reading the rows.
    pub rules: Rules,
}

/// How rows are read beyond the columns: from a source description, else
/// the defaults.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// How the `city` column gives cities.
    pub cities: super::places::CitiesBy,
    /// Rows of places outside the network (other municipalities, regions)
    /// are skipped instead of reported.
    pub skip_other_places: bool,
    /// Cell texts that mean "no figure" (Statistikbanken's `..`): the row is
    /// no observation. Empty = only `..`.
    pub missing: Vec<String>,
    /// Fields whose numbers are fractions (0,085 = 8,5 pct.).
    pub percent: Vec<&'static str>,
    /// What a date in the `period` column stands for.
    pub frequency: Option<Frequency>,
    /// `layout = "long"`: never read as a wide table.
    pub long_only: bool,
    /// Columns the file format itself marks as a field (JSON-stat's `geo`
    /// and `time` roles), unless the description maps the field.
    pub roles: Vec<(&'static str, usize)>,
}

/// The period a date cell stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Year,
    Half,
    Quarter,
    Month,
}

/// Every table of a values file: one for a CSV file, one per non-empty sheet
/// of a workbook.
pub fn read_tables(
    files: &Files,
    rel: &Path,
    desc: Option<(&super::describe::Description, &super::Source)>,
    diags: &mut Diagnostics,
) -> Vec<Table> {
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xls" | "ods" => super::sheet::read_workbook(files, rel, diags),
        "json" => super::jsonstat::read(files, rel, desc, diags)
            .into_iter()
            .collect(),
        _ => read_csv(files, rel, desc.and_then(|(d, _)| d.encoding), diags)
            .into_iter()
            .collect(),
    }
}

/// Read a CSV file: UTF-8 or Windows-1252, `,` or `;` separated (a `;` file
/// uses decimal comma, a `,` file decimal point). An Excel `sep=;` first line
/// names the separator.
pub fn read_csv(
    files: &Files,
    rel: &Path,
    encoding: Option<Encoding>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let bytes = match std::fs::read(files.root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Pos::new(rel, 1, 1), format!("cannot read file: {e}"));
            return None;
        }
    };
    let text = match decode_detect(&bytes, encoding) {
        Ok((text, warning)) => {
            if let Some(w) = warning {
                diags.warning(Pos::new(rel, 1, 1), w);
            }
            text
        }
        Err(e) => {
            diags.error(Pos::new(rel, 1, 1), e);
            return None;
        }
    };
    // Excel ends lines with CRLF; the csv reader then reports record positions
    // at the LF before a record, so positions are taken from LF-only text.
    let text = text.replace("\r\n", "\n");
    let (skipped, body, delim) = separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let line = record.position().map_or(1, |p| p.line() as usize) + skipped;
                let starts = field_starts(&body[start..], delim);
                let cells = record
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let (down, col) = starts.get(i).copied().unwrap_or((0, 1));
                        Cell::text(f.trim(), Pos::new(rel, line + down, col))
                    })
                    .collect();
                rows.push(cells);
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize) + skipped;
                diags.error(Pos::new(rel, line, 1), format!("malformed CSV: {e}"));
                return None;
            }
        }
    }
    // Skip blank lines (a record of one empty field) and rows of empty fields.
    rows.retain(|r: &Vec<Cell>| r.iter().any(|c| !c.text.is_empty()));
    if rows.is_empty() {
        diags.error(Pos::new(rel, 1, 1), "empty CSV file: expected a header row");
        return None;
    }
    let header = rows.remove(0);
    if !super::quotes::check(body, delim, &header, rel, skipped, diags) {
        return None;
    }
    Some(Table {
        rel: rel.to_path_buf(),
        header,
        rows,
        decimal: if delim == b';' {
            Decimal::Comma
        } else {
            Decimal::Point
        },
        rules: Rules::default(),
    })
}

/// The separator and where the records start: an Excel `sep=X` line names
/// it; else whichever of `;` and `,` occurs more often outside quotes in the
/// first line (the header). Returns (lines skipped, the rest, separator).
fn separator(text: &str) -> (usize, &str, u8) {
    let first = text.lines().next().unwrap_or_default();
    if let Some(sep) = first.strip_prefix("sep=").map(str::trim) {
        if let [b @ (b';' | b',')] = sep.as_bytes() {
            let rest = text.find('\n').map_or("", |i| &text[i + 1..]);
            return (1, rest, *b);
        }
    }
    // The first lines, not only the first: a title line above the header
    // may have no separator, or a comma in its text.
    let head: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for ch in head.chars() {
        match ch {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    (0, text, if semicolons > commas { b';' } else { b',' })
}

/// Where each field of the record starting at `rest` begins: (lines after the
/// record's first line, 1-based character column). Quotes are respected, so a
/// quoted field may span lines; the record ends at an unquoted newline.
fn field_starts(rest: &str, delim: u8) -> Vec<(usize, usize)> {
    let mut starts = vec![(0, 1)];
    let (mut line, mut col) = (0, 1);
    let mut quoted = false;
    for ch in rest.chars() {
        col += 1;
        match ch {
            '"' => quoted = !quoted,
            '\n' if quoted => (line, col) = (line + 1, 1),
            '\n' | '\r' if !quoted => break,
            c if !quoted && c as u32 == u32::from(delim) => starts.push((line, col)),
            _ => {}
        }
    }
    starts
}

/// Parse a number as analysts write it. `Comma`: "1.234,5", "8,2"; `Point`:
/// "1,234.5", "8.2"; "1 234" (space thousands) in all; `Either` takes both
/// conventions but refuses what reads differently in each ("1.234", "4,000").
pub fn parse_number(s: &str, decimal: Decimal) -> Option<f64> {
    let s: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).collect();
    let decimal_comma = match decimal {
        // `"21,5"` (quoted, so one field) in a `,` file: a decimal comma,
        // since no thousands separator leaves fewer than three digits.
        Decimal::Point => match (s.find(','), s.rfind(','), s.contains('.')) {
            (Some(i), Some(j), false) if i == j => s.len() - i - 1 != 3,
            _ => false,
        },
        Decimal::Comma => true,
        Decimal::Either => match (s.rfind(','), s.rfind('.')) {
            (Some(c), Some(p)) => c > p,
            (Some(i), None) | (None, Some(i)) => {
                let sep = s.as_bytes()[i];
                let once = s.bytes().filter(|b| *b == sep).count() == 1;
                let zero = matches!(s[..i].trim_start_matches(['-', '+']), "0" | "");
                if once && s.len() - i - 1 == 3 && !zero {
                    return None; // "1.234" or "4,000": a thousands separator or a decimal?
                }
                (sep == b',') == once
            }
            (None, None) => false,
        },
    };
    let (dec, thousands) = if decimal_comma {
        (',', '.')
    } else {
        ('.', ',')
    };
    let mut parts = s.split(dec);
    let int_part = parts.next()?;
    if parts.clone().count() > 1
        || parts.clone().any(|f| f.contains(thousands))
        || !thousands_ok(int_part, thousands)
    {
        return None;
    }
    let normal = s.replace(thousands, "").replacen(dec, ".", 1);
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
        use Decimal::*;
        assert_eq!(parse_number("8.2", Point), Some(8.2));
        assert_eq!(parse_number("4,000", Point), Some(4000.0));
        assert_eq!(parse_number("1,234.5", Point), Some(1234.5));
        assert_eq!(parse_number("8,2", Comma), Some(8.2));
        assert_eq!(parse_number("1.234,5", Comma), Some(1234.5));
        assert_eq!(parse_number("1.234", Comma), Some(1234.0));
        assert_eq!(parse_number("1 234", Point), Some(1234.0));
        assert_eq!(parse_number("1\u{a0}234,5", Comma), Some(1234.5));
        assert_eq!(parse_number("-3", Point), Some(-3.0));
        for bad in [
            "", "x", "1,2,3", "8.2.1", "1.23,4", "NaN", "inf", "-", "1e5", "8.2", "1,2.3",
        ] {
            assert_eq!(parse_number(bad, Comma), None, "{bad}");
        }
        for bad in ["1.234,5", "1.2.3", "1,2,3", "12,34,5"] {
            assert_eq!(parse_number(bad, Point), None, "{bad}");
        }
        // A quoted decimal comma in a `,` file reads one way only.
        assert_eq!(parse_number("21,5", Point), Some(21.5));
        assert_eq!(parse_number("12,34", Point), Some(12.34));
        assert_eq!(parse_number("5,820", Point), Some(5820.0));
    }

    #[test]
    fn spreadsheet_text_takes_either_unless_ambiguous() {
        use Decimal::Either;
        assert_eq!(parse_number("8,2", Either), Some(8.2));
        assert_eq!(parse_number("8.25", Either), Some(8.25));
        assert_eq!(parse_number("1.234,5", Either), Some(1234.5));
        assert_eq!(parse_number("1,234.5", Either), Some(1234.5));
        assert_eq!(parse_number("1.234.567", Either), Some(1234567.0));
        assert_eq!(parse_number("12", Either), Some(12.0));
        assert_eq!(parse_number("0,431", Either), Some(0.431));
        assert_eq!(parse_number("-0.125", Either), Some(-0.125));
        assert_eq!(parse_number("1.234", Either), None);
        assert_eq!(parse_number("4,000", Either), None);
        assert_eq!(parse_number("1,2.3", Either), None);
    }

    #[test]
    fn separator_from_header_or_sep_line() {
        assert_eq!(separator("a;b;c\n1;2,5;3").2, b';');
        assert_eq!(separator("a,b,c\n").2, b',');
        assert_eq!(separator("\"a;x\",b,c\n").2, b',');
        let (skipped, rest, sep) = separator("sep=;\r\na;b\n");
        assert_eq!((skipped, rest, sep), (1, "a;b\n", b';'));
    }

    #[test]
    fn columns_respect_quotes() {
        assert_eq!(
            field_starts("a,\"b,c\",d\nx,y", b','),
            vec![(0, 1), (0, 3), (0, 9)]
        );
        assert_eq!(field_starts("æø;b", b';'), vec![(0, 1), (0, 4)]);
        assert_eq!(
            field_starts("a,\"x\ny\",z", b','),
            vec![(0, 1), (0, 3), (1, 4)]
        );
    }
}
