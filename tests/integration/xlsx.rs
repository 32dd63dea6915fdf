//! The Excel downloads: read back with calamine, their numbers are the
//! data's (floats, not text), every table has its header row and a "Noter"
//! sheet, and withheld figures are "dis." there as on the page. The leak
//! scans read .xlsx files through [`readable`]: inside the zip a number
//! would be invisible to them.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use crate::build::tree;
use crate::harness::Project;

type Sheets = Vec<(String, Vec<Vec<Data>>)>;

/// Every sheet of a workbook: its name and its rows of cells.
pub(crate) fn sheets(bytes: &[u8]) -> Sheets {
    let mut wb: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("the file opens as .xlsx");
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("the sheet reads");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// A workbook as text for a leak scan: sheet names and every cell, a number
/// written as Rust writes it, as values.csv does (four decimals) and as a
/// Danish Excel shows it with no or one decimal ("0,5").
pub(crate) fn xlsx_text(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (name, rows) in sheets(bytes) {
        out.push_str(&name);
        out.push('\n');
        for row in rows {
            for cell in row {
                match cell {
                    Data::Float(v) => {
                        let plain = maalrapport::format::plain(v, 4);
                        let one = maalrapport::format::decimal(v, 1);
                        let none = maalrapport::format::decimal(v, 0);
                        out.push_str(&format!("{v} {plain} {one} {none}"));
                    }
                    Data::Int(v) => out.push_str(&v.to_string()),
                    other => out.push_str(&other.to_string()),
                }
                out.push('\t');
            }
            out.push('\n');
        }
    }
    out
}

/// A file of a built site as the text a reader gets from it: an .xlsx
/// decoded, anything else as UTF-8 (lossy).
pub(crate) fn readable(path: &Path, bytes: &[u8]) -> String {
    if path.extension().is_some_and(|e| e == "xlsx") {
        xlsx_text(bytes)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn sheet<'a>(book: &'a Sheets, name: &str) -> &'a [Vec<Data>] {
    &book
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| {
            panic!(
                "no sheet {name}: {:?}",
                book.iter().map(|b| &b.0).collect::<Vec<_>>()
            )
        })
        .1
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Float(v) => maalrapport::format::plain(*v, 4),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn notes(book: &Sheets) -> String {
    sheet(book, "Noter")
        .iter()
        .map(|r| cell_text(&r[0]))
        .collect::<Vec<_>>()
        .join("\n")
}

fn book(site: &BTreeMap<PathBuf, Vec<u8>>, rel: &str) -> Sheets {
    sheets(
        site.get(Path::new(rel))
            .unwrap_or_else(|| panic!("{rel} missing")),
    )
}

#[test]
fn the_scan_reads_numbers_inside_a_workbook() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_number(0, 0, 47.0).unwrap();
    ws.write_number(1, 0, 0.533_9).unwrap();
    ws.write_string(2, 0, "Qwerty").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    // Compressed, the raw bytes hide them.
    assert!(!String::from_utf8_lossy(&bytes).contains("Qwerty"));
    let text = readable(Path::new("a/b.xlsx"), &bytes);
    for shown in ["47", "0.5339", "0,5", "Qwerty"] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    let mut site = BTreeMap::new();
    site.insert(PathBuf::from("a/b.xlsx"), bytes);
    let found = crate::disclosure::tokens(&site);
    assert!(found.contains_key("47") && found.contains_key("0.5339"));
}

#[test]
fn the_example_tables_open_in_excel_with_the_datas_numbers() {
    let p = Project::example();
    p.run(&["build"]).code(0);
    let site = tree(&p.path().join("site"));

    // values.xlsx: the rows and columns of values.csv, numbers as floats.
    let csv = p.read("site/data/values.csv");
    let values = book(&site, "data/values.xlsx");
    assert_eq!(
        values.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        ["values", "Noter"]
    );
    let data = sheet(&values, "values");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(data[0].iter().map(cell_text).collect::<Vec<_>>(), head);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len() + 1, data.len(), "one row a CSV line");
    let mut floats = 0;
    for (record, row) in records.iter().zip(&data[1..]) {
        for (k, field) in record.iter().enumerate() {
            let cell = row.get(k).unwrap_or(&Data::Empty);
            assert_eq!(&cell_text(cell), field, "{record:?} column {}", head[k]);
            if ["numerator", "denominator", "value", "n", "previous"].contains(&head[k].as_str())
                && !field.is_empty()
            {
                assert!(matches!(cell, Data::Float(_)), "{field} is a number");
                floats += 1;
            }
        }
        // A withheld cell has no number anywhere in its row.
        if record.get(7) == Some("suppressed") {
            assert!(row.iter().all(|c| !matches!(c, Data::Float(_))), "{row:?}");
        }
    }
    assert!(floats > 1000, "{floats} numbers");
    let n = notes(&values);
    assert!(
        n.contains("Eksempeldata") && n.contains("dis.: Tallet er diskretioneret"),
        "{n}"
    );

    // A chart's table: header with the unit, the bars' CSV numbers.
    let dir = "indicators/ung-kriminalitet";
    let bars = book(&site, &format!("{dir}/ung-kriminalitet-bars.xlsx"));
    let table = sheet(&bars, "Tabel");
    assert!(
        cell_text(&table[0][0]).starts_with("Udsatte 15-17-årige"),
        "the title row"
    );
    assert_eq!(cell_text(&table[1][0]), "Kommune");
    assert!(
        cell_text(&table[1][1]).ends_with("(pct.)"),
        "{:?}",
        table[1]
    );
    let bars_csv = p.read(&format!("site/{dir}/ung-kriminalitet-bars.csv"));
    let cities = [
        "Aarhus",
        "Aalborg",
        "Esbjerg",
        "København",
        "Odense",
        "Randers",
    ];
    let ids = [
        "aarhus",
        "aalborg",
        "esbjerg",
        "kobenhavn",
        "odense",
        "randers",
    ];
    for (name, id) in cities.iter().zip(ids) {
        let row = table[2..]
            .iter()
            .find(|r| cell_text(&r[0]) == *name)
            .unwrap_or_else(|| panic!("no {name} row"));
        let line = bars_csv
            .lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap_or_else(|| panic!("no {id} in {bars_csv}"));
        let value = line.split(',').nth(2).unwrap();
        assert_eq!(row[1], Data::Float(value.parse().unwrap()), "{name}");
    }
    let n = notes(&bars);
    assert!(n.contains("Kilder: ") && n.contains("Data pr. "), "{n}");
    // The page links it.
    let page = p.read(&format!("site/{dir}/index.html"));
    assert!(page.contains("<a href=\"ung-kriminalitet-bars.xlsx\">Tabellen som Excel</a>"));

    // The overview: a row per indicator with its unit.
    let over = book(&site, "cities/aarhus/overblik.xlsx");
    let t = sheet(&over, "Tabel");
    assert_eq!(cell_text(&t[1][2]), "Enhed");
    assert!(t[2..].iter().any(|r| matches!(r[3], Data::Float(_))));

    // The status matrix, linked from the seminar and the front page.
    let seminar = "seminars/udvalgsseminar-2019";
    let status = book(&site, &format!("{seminar}/status.xlsx"));
    let t = sheet(&status, "Tabel");
    assert_eq!(cell_text(&t[1][3]), "Værdi");
    assert!(t.len() > 6 * 5, "a row per indicator and city: {}", t.len());
    assert!(p
        .read(&format!("site/{seminar}/index.html"))
        .contains("<a href=\"status.xlsx\">Tabellen som Excel</a>"));
    let front = p.read("site/index.html");
    let link = front
        .split("href=\"")
        .find(|s| s.starts_with("seminars/") && s.contains("status.xlsx"))
        .expect("the front page links the matrix");
    assert!(site.contains_key(Path::new(&link[..link.find('"').unwrap()])));

    // The fact sheet: value and N per period, the seed's 58 and 163.
    let fact = book(
        &site,
        "cities/aarhus/faktablad/gns-maalopfyldelse/faktablad.xlsx",
    );
    let t = sheet(&fact, "Tabel");
    let row = t
        .iter()
        .find(|r| cell_text(&r[0]).trim() == "Læring og selvforsørgelse")
        .expect("the group's row");
    assert_eq!(row[2], Data::Float(163.0));
    assert!(
        matches!(row[1], Data::Float(v) if v.round() == 58.0),
        "{row:?}"
    );
}

#[test]
fn a_withheld_cell_is_dis_in_every_workbook() {
    let p = crate::disclosure::small_cell_project();
    p.run(&["build"]).code(0);
    let site = tree(&p.path().join("site"));
    let bars = book(&site, "indicators/antal/antal-bars.xlsx");
    let table = sheet(&bars, "Tabel");
    let randers = table
        .iter()
        .find(|r| cell_text(&r[0]) == "Randers")
        .expect("Randers' row");
    assert_eq!(randers[1], Data::String("dis.".into()));
    let page_table = book(&site, "indicators/antal/antal-tabel.xlsx");
    let randers = sheet(&page_table, "Tabel")
        .iter()
        .find(|r| cell_text(&r[0]) == "Randers")
        .expect("Randers' row in the indicator's table");
    assert_eq!(randers[1], Data::String("dis.".into()));
    assert!(
        randers.iter().all(|c| !matches!(c, Data::Float(_))),
        "{randers:?}"
    );
    let values = book(&site, "data/values.xlsx");
    let row = sheet(&values, "values")
        .iter()
        .find(|r| {
            cell_text(&r[0]) == "antal"
                && cell_text(&r[1]) == "randers"
                && cell_text(&r[2]) == "2019"
        })
        .expect("Randers in values.xlsx");
    assert_eq!(cell_text(&row[7]), "suppressed");
    assert!(row.iter().all(|c| !matches!(c, Data::Float(_))), "{row:?}");
}

#[test]
fn an_indicator_table_opens_in_excel_as_on_the_page() {
    let p = Project::example();
    p.run(&["build"]).code(0);
    let site = tree(&p.path().join("site"));
    let dir = "seminars/udvalgsseminar-2019";
    let page = p.read(&format!("site/{dir}/index.html"));
    assert!(page.contains("<a href=\"anbringelser-sammenbrud-tabel.xlsx\">Tabellen som Excel</a>"));
    let table = book(&site, &format!("{dir}/anbringelser-sammenbrud-tabel.xlsx"));
    let rows = sheet(&table, "Tabel");
    let head = rows
        .iter()
        .position(|r| cell_text(&r[0]) == "Kommune")
        .expect("a header row");
    let head_row: Vec<String> = rows[head].iter().map(cell_text).collect();
    assert!(head_row[1].contains("2018"), "{head_row:?}");
    assert!(head_row.iter().any(|h| h == "Nedre grænse"), "{head_row:?}");
    assert!(
        head_row.iter().any(|h| h.starts_with("Ændring siden")),
        "{head_row:?}"
    );
    assert_eq!(head_row.last().map(String::as_str), Some("Note"));
    // The same number as the bar chart's table, and its interval around it.
    let bars = book(&site, &format!("{dir}/anbringelser-sammenbrud-bars.xlsx"));
    let aarhus = |rows: &[Vec<Data>]| {
        rows.iter()
            .find(|r| cell_text(&r[0]).ends_with("Aarhus"))
            .expect("Aarhus' row")
            .clone()
    };
    let row = aarhus(rows);
    let Data::Float(v) = row[1] else {
        panic!("{row:?}")
    };
    assert_eq!(Data::Float(v), aarhus(sheet(&bars, "Tabel"))[1]);
    let (Data::Float(lo), Data::Float(hi)) = (&row[2], &row[3]) else {
        panic!("{row:?}")
    };
    assert!(*lo < v && v < *hi, "{row:?}");
    // Every place of the page's table, and its footnotes on the notes sheet.
    for place in ["København", "Randers", "6-byerne"] {
        assert!(rows.iter().any(|r| cell_text(&r[0]) == place), "{place}");
    }
    let n = notes(&table);
    assert!(n.contains("Kilde") || n.contains("Ankestyrelsens"), "{n}");
}
