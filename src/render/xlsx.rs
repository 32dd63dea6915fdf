//! Tables as Excel workbooks: one data sheet (an optional title row, a bold
//! header row kept in view, then the rows) and a "Noter" sheet with what the
//! table's marks mean, its sources, the data date and "Eksempeldata" when the
//! figures are illustrative. Figures are real numbers with a number format
//! (`0.0`, `#,##0`), which a Danish Excel shows with a decimal comma; shares
//! are in pct. (8.2 = 8,2 pct., as in values.csv and on the page). A missing
//! figure is its marker as text ("–", ".", "dis."): a [`TableCell`] has no
//! room for a withheld number. The same cells make the page's table text, so
//! the page and the workbook cannot disagree.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::prose::{missing_note, value_text};
use crate::compute::{self, Computed, Missing};
use crate::model::{Date, Indicator, Measure};

/// Excel's limits: characters in a cell, rows in a sheet.
const MAX_TEXT: usize = 32_767;
const MAX_ROWS: usize = 1_048_576;

/// One cell of a table, typed: written to the page as text and to Excel as
/// a number or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    /// A figure: `shown` as on the page ("8,2 pct."), `value` rounded to
    /// four decimals as in values.csv, shown in Excel with `decimals`
    /// (None: Excel's General format).
    Number {
        value: f64,
        decimals: Option<u8>,
        shown: String,
    },
    Text(String),
    /// No figure: the marker ("–", ".", "dis.").
    Missing(Missing),
    Empty,
}

impl TableCell {
    /// A computed cell of `ind`: its value with the page's text, or its marker.
    pub fn figure(ind: &Indicator, cell: &compute::Cell) -> Self {
        match cell {
            compute::Cell::Value(f) => Self::value(ind, f.value),
            compute::Cell::Missing(m) => Self::Missing(*m),
        }
    }

    /// A published value of `ind` (e.g. the lowest city's), as a figure is shown.
    pub fn value(ind: &Indicator, v: f64) -> Self {
        Self::number_shown(v, Some(figure_decimals(ind, v)), value_text(ind, v))
    }

    /// A plain number shown with `decimals` (Danish on the page: "1.234,5").
    pub fn number(value: f64, decimals: Option<u8>) -> Self {
        let shown = match decimals {
            Some(0) => crate::format::integer(value.round() as i64),
            Some(d) => crate::format::decimal(value, usize::from(d)),
            None => crate::format::plain(value, 4).replace('.', ","),
        };
        Self::number_shown(value, decimals, shown)
    }

    /// A number with the page's own text for it.
    pub fn number_shown(value: f64, decimals: Option<u8>, shown: String) -> Self {
        match crate::format::plain(value, 4).parse::<f64>() {
            Ok(value) => Self::Number {
                value,
                decimals,
                shown,
            },
            // Not finite: nothing to write.
            Err(_) => Self::Empty,
        }
    }

    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    /// The cell as the page shows it.
    pub fn shown(&self) -> String {
        match self {
            Self::Number { shown, .. } => shown.clone(),
            Self::Text(s) => s.clone(),
            Self::Missing(m) => m.marker().to_owned(),
            Self::Empty => String::new(),
        }
    }

    /// The cell with `suffix` added to its page text (e.g. " (uden Odense)").
    pub fn with_suffix(mut self, suffix: &str) -> Self {
        if let Self::Number { shown, .. } | Self::Text(shown) = &mut self {
            shown.push_str(suffix);
        }
        self
    }
}

/// The page's text of each cell.
pub fn shown_rows(rows: &[Vec<TableCell>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(TableCell::shown).collect())
        .collect()
}

/// The decimals Excel shows a figure of `ind` with, as the page does.
fn figure_decimals(ind: &Indicator, v: f64) -> u8 {
    match ind.measure {
        Measure::Count => 0,
        Measure::Mean if v.fract() == 0.0 => 0,
        _ => 1,
    }
}

/// The unit of `ind`'s figures, for a header, as over a chart's value axis:
/// "pct.", "personer", "dødsfald pr. 100.000".
pub fn unit_label(ind: &Indicator) -> String {
    match ind.measure {
        Measure::Share => "pct.".to_owned(),
        Measure::Rate => format!(
            "{} pr. {}",
            ind.unit.as_deref().unwrap_or("antal"),
            crate::format::integer(i64::from(ind.per.unwrap_or(1)))
        ),
        Measure::Count | Measure::Mean => ind.unit.clone().unwrap_or_else(|| match ind.measure {
            Measure::Count => "antal".to_owned(),
            _ => "gennemsnit".to_owned(),
        }),
    }
}

/// A header with the unit: "2014 (pct.)".
pub fn with_unit(head: &str, ind: &Indicator) -> String {
    format!("{head} ({})", unit_label(ind))
}

/// A table for Excel.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub title: Option<String>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
    /// The "Noter" sheet, one paragraph a row.
    pub notes: Vec<String>,
    /// The data date, the workbook's creation date (never the clock).
    pub date: Option<Date>,
}

/// The notes every table has: "Eksempeldata" when it applies, the data
/// date, the sources, how the numbers are written and what the marks mean.
/// `sources` may repeat; each is named once.
pub fn notes<'a>(
    computed: &Computed,
    sources: impl IntoIterator<Item = &'a String>,
) -> Vec<String> {
    let mut out = Vec::new();
    if computed.example_data {
        out.push("Eksempeldata – tallene er delvis illustrative; kilder står ved hvert tal, der er hentet fra offentlige opgørelser.".to_owned());
    }
    if let Some(d) = computed.data_as_of {
        out.push(format!("Data pr. {}.", d.label_da()));
    }
    let mut named: Vec<&str> = Vec::new();
    for s in sources {
        if !named.contains(&s.as_str()) {
            named.push(s);
        }
    }
    match named.len() {
        0 => {}
        1 => out.push(format!("Kilde: {}", end_sentence(named[0]))),
        _ => out.push(format!("Kilder: {}", end_sentence(&named.join("; ")))),
    }
    out.push("Tallene er tal, Excel kan regne med, afrundet til højst fire decimaler som i data/values.csv. Andele er i procent: 8,2 betyder 8,2 pct.".to_owned());
    for m in [
        Missing::NotReported,
        Missing::NotApplicable,
        Missing::Suppressed,
    ] {
        out.push(missing_note(m, computed.min_cell));
    }
    out
}

/// [`notes`] for a table from a page: its cells show as many decimals as the
/// page, and the header or a column says the unit.
pub fn table_notes<'a>(
    computed: &Computed,
    sources: impl IntoIterator<Item = &'a String>,
) -> Vec<String> {
    let mut out = notes(computed, sources);
    out.push("Cellerne viser tallene med samme antal decimaler som siden; enheden står i kolonneoverskriften eller i kolonnen Enhed.".to_owned());
    out
}

fn end_sentence(s: &str) -> String {
    if s.ends_with('.') {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}

/// The number formats of one workbook, made once.
struct Formats {
    bold: Format,
    title: Format,
    general: Format,
    /// `#,##0`, `#,##0.0` … `#,##0.0000`.
    decimals: Vec<Format>,
}

impl Formats {
    fn new() -> Self {
        Self {
            bold: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(13),
            general: Format::new(),
            decimals: (0..=4)
                .map(|d| {
                    let pattern = if d == 0 {
                        "#,##0".to_owned()
                    } else {
                        format!("#,##0.{}", "0".repeat(d))
                    };
                    Format::new().set_num_format(pattern)
                })
                .collect(),
        }
    }

    fn number(&self, decimals: Option<u8>) -> &Format {
        decimals.map_or(&self.general, |d| {
            &self.decimals[usize::from(d).min(self.decimals.len() - 1)]
        })
    }
}

fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The workbook's bytes: the data sheet "Tabel" (continued on "Tabel 2" …
/// past Excel's row limit) and "Noter". Same table, same bytes.
pub fn workbook(t: &Table) -> Vec<u8> {
    write(t, "Tabel").expect("a table within Excel's limits writes")
}

/// [`workbook`] with its data sheet named `sheet`.
pub fn workbook_named(t: &Table, sheet: &str) -> Vec<u8> {
    write(t, sheet).expect("a table within Excel's limits writes")
}

fn write(t: &Table, sheet: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let created = t
        .date
        .and_then(|d| ExcelDateTime::from_ymd(d.year.try_into().ok()?, d.month, d.day).ok())
        .unwrap_or(ExcelDateTime::from_ymd(2000, 1, 1)?);
    let mut props = DocProperties::new().set_creation_datetime(&created);
    if let Some(title) = &t.title {
        props = props.set_title(clip(title));
    }
    wb.set_properties(&props);
    let top = usize::from(t.title.is_some()) + 1;
    let per_sheet = MAX_ROWS - top;
    let chunks: Vec<&[Vec<TableCell>]> = if t.rows.is_empty() {
        vec![&[]]
    } else {
        t.rows.chunks(per_sheet).collect()
    };
    for (k, rows) in chunks.into_iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(if k == 0 {
            sheet.to_owned()
        } else {
            format!("{sheet} {}", k + 1)
        })?;
        data_sheet(ws, t, rows, &f)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("Noter")?;
    ws.write_string_with_format(0, 0, "Noter", &f.title)?;
    for (i, note) in t.notes.iter().enumerate() {
        ws.write_string(row(i + 1), 0, clip(note))?;
    }
    ws.set_column_width(0, 120)?;
    wb.save_to_buffer()
}

fn row(i: usize) -> u32 {
    u32::try_from(i).expect("rows within Excel's limit")
}

fn col(i: usize) -> u16 {
    u16::try_from(i).expect("columns within Excel's limit")
}

fn data_sheet(
    ws: &mut Worksheet,
    t: &Table,
    rows: &[Vec<TableCell>],
    f: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut r = 0;
    if let Some(title) = &t.title {
        ws.write_string_with_format(0, 0, clip(title), &f.title)?;
        r = 1;
    }
    let mut widths: Vec<usize> = t.head.iter().map(|h| h.chars().count()).collect();
    for cells in rows {
        if widths.len() < cells.len() {
            widths.resize(cells.len(), 0);
        }
        for (c, cell) in cells.iter().enumerate() {
            let width = match cell {
                TableCell::Number { .. } => 12,
                TableCell::Text(s) => s.chars().count(),
                TableCell::Missing(_) => 4,
                TableCell::Empty => 0,
            };
            widths[c] = widths[c].max(width);
        }
    }
    for (c, w) in widths.iter().enumerate() {
        // Excel's character widths, a little room, at most a wide column.
        ws.set_column_width(col(c), (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    for (c, head) in t.head.iter().enumerate() {
        ws.write_string_with_format(r, col(c), clip(head), &f.bold)?;
    }
    ws.set_freeze_panes(r + 1, 0)?;
    for (i, cells) in rows.iter().enumerate() {
        let at = r + 1 + row(i);
        for (c, cell) in cells.iter().enumerate() {
            match cell {
                TableCell::Number {
                    value, decimals, ..
                } => {
                    ws.write_number_with_format(at, col(c), *value, f.number(*decimals))?;
                }
                TableCell::Text(s) => {
                    ws.write_string(at, col(c), clip(s))?;
                }
                TableCell::Missing(m) => {
                    ws.write_string(at, col(c), m.marker())?;
                }
                TableCell::Empty => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    fn read(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
        open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an xlsx")
    }

    #[test]
    fn figures_are_numbers_and_missing_ones_their_marker() {
        let share = Indicator::bare(Measure::Share, Direction::Lower);
        let f = compute::Figure {
            value: 8.234_567,
            numerator: None,
            denominator: None,
            n: None,
            ci: None,
            flag: None,
            note: None,
            source: None,
            published: None,
            previous: None,
            missing_cities: Vec::new(),
        };
        let cell = TableCell::figure(&share, &compute::Cell::Value(f));
        assert_eq!(cell.shown(), "8,2 pct.");
        let table = Table {
            title: Some("Andel".into()),
            head: vec!["Kommune".into(), "2014 (pct.)".into()],
            rows: vec![
                vec![TableCell::text("Aarhus"), cell],
                vec![
                    TableCell::text("Randers"),
                    TableCell::figure(&share, &compute::Cell::Missing(Missing::Suppressed)),
                ],
                vec![TableCell::text("=1+1"), TableCell::number(1234.5, Some(0))],
            ],
            notes: vec!["En note.".into()],
            date: Some(Date {
                year: 2024,
                month: 6,
                day: 1,
            }),
        };
        let bytes = workbook(&table);
        assert_eq!(bytes, workbook(&table), "same table, same bytes");
        let mut wb = read(bytes);
        assert_eq!(wb.sheet_names(), ["Tabel", "Noter"]);
        let data = wb.worksheet_range("Tabel").unwrap();
        assert_eq!(data.get((0, 0)), Some(&Data::String("Andel".into())));
        assert_eq!(data.get((1, 1)), Some(&Data::String("2014 (pct.)".into())));
        assert_eq!(data.get((2, 1)), Some(&Data::Float(8.2346)));
        assert_eq!(data.get((3, 1)), Some(&Data::String("dis.".into())));
        // Text is text, never a formula.
        assert_eq!(data.get((4, 0)), Some(&Data::String("=1+1".into())));
        assert_eq!(data.get((4, 1)), Some(&Data::Float(1234.5)));
        let notes = wb.worksheet_range("Noter").unwrap();
        assert_eq!(notes.get((1, 0)), Some(&Data::String("En note.".into())));
    }

    #[test]
    fn the_creation_date_is_the_data_date_never_the_clock() {
        use std::io::Read;
        let core = |date: Option<Date>| {
            let bytes = workbook(&Table {
                date,
                ..Table::default()
            });
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut xml = String::new();
            zip.by_name("docProps/core.xml")
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            xml
        };
        let dated = core(Some(Date {
            year: 2022,
            month: 9,
            day: 2,
        }));
        assert!(
            dated.contains(">2022-09-02T00:00:00Z</dcterms:created>"),
            "{dated}"
        );
        assert!(core(None).contains(">2000-01-01T00:00:00Z</dcterms:created>"));
    }

    #[test]
    fn a_non_finite_value_is_an_empty_cell() {
        assert_eq!(TableCell::number(f64::NAN, None), TableCell::Empty);
        assert_eq!(TableCell::number(2.5, None).shown(), "2,5");
        assert_eq!(TableCell::number(4000.0, Some(0)).shown(), "4.000");
    }
}
