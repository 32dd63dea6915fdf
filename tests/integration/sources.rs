//! Files as analysts get them (issue 17): Danish headers, title rows,
//! cities by code, name or alias, source descriptions, Statistikbanken's
//! CSV and JSON-stat, spreadsheets as they are, other encodings. Binary
//! fixtures live in `tests/fixtures/` (see its README.md).

use std::path::Path;

use crate::harness::Project;

/// Every observation as `indicator city period num den value n flag source published`,
/// sorted; asserts that the values files gave no error.
pub fn observations(root: &Path) -> Vec<String> {
    let (project, diags) = maalrapport::load::load(root);
    let errors: Vec<String> = diags
        .sorted()
        .into_iter()
        .filter(|d| {
            d.severity == maalrapport::diag::Severity::Error
                && d.pos.path.starts_with("data/values")
        })
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "errors:\n{}", errors.join("\n"));
    let project = project.expect("the project loads");
    let cat = &project.catalog;
    let mut out: Vec<String> = project
        .observations
        .iter()
        .map(|((ind, group, place, period), o)| {
            let group = group.map_or(String::new(), |g| {
                format!("/{}", cat.indicators[*ind].groups[g].id)
            });
            format!(
                "{}{group} {} {period} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                cat.indicators[*ind].id,
                cat.place_id(*place),
                o.numerator,
                o.denominator,
                o.value,
                o.n,
                o.flag,
                o.source,
                o.published.map(|d| d.to_string()),
            )
        })
        .collect();
    out.sort();
    out
}

/// The shipped example with its values replaced by these files.
pub fn with_files(files: &[(&str, &[u8])]) -> Project {
    let p = Project::example();
    p.remove("data/values");
    std::fs::create_dir_all(p.path().join("data/values")).unwrap();
    for (rel, bytes) in files {
        p.write_bytes(rel, bytes);
    }
    p
}

/// Assert that `check` finds exactly these errors (as prefixes) in the
/// values files (the example's content then misses data: not our concern).
pub fn value_errors(p: &Project, expected: &[&str]) -> crate::harness::Run {
    let run = p.run(&["check"]);
    let found: Vec<&str> = run
        .diagnostics("error")
        .into_iter()
        .filter(|l| l.starts_with("data/values"))
        .collect();
    let ok =
        found.len() == expected.len() && found.iter().zip(expected).all(|(f, e)| f.starts_with(e));
    assert!(
        ok,
        "expected errors:\n{}\n\nfound:\n{}",
        expected.join("\n"),
        found.join("\n")
    );
    run
}

#[test]
fn danish_headers_in_any_case() {
    let csv =
        "Indikator;KOMMUNE;Periode;Tæller;Nævner;Værdi;N;Flag;Note;Kilde;Offentliggjort;Gruppe\n\
ung-kriminalitet;aarhus;2013;52;480;;;;;Danmarks Statistik;01-09-2014;\n\
hjemloese;national;2013;;;5.820;;foreløbig;;;;\n";
    let p = with_files(&[(
        "data/values/tal.csv",
        csv.replace("foreløbig", "provisional").as_bytes(),
    )]);
    assert_eq!(
        observations(p.path()),
        [
            "hjemloese national 2013 None None Some(5820.0) None Some(Provisional) None None",
            "ung-kriminalitet aarhus 2013 Some(52) Some(480) None None None Some(\"Danmarks Statistik\") Some(\"2014-09-01\")",
        ]
    );
}

#[test]
fn a_title_row_above_the_header_is_named() {
    let csv = "Tabel 1: Udsatte unge,,\n,,\nindicator,city,period,value\nung-kriminalitet,aarhus,2013,10.8\n";
    let p = with_files(&[("data/values/tal.csv", csv.as_bytes())]);
    value_errors(&p, &["data/values/tal.csv:1:1: error: `Tabel 1: Udsatte unge` looks like a title above the header, which is at line 3"])
        .stderr_contains("`header = 3`");
}

#[test]
fn a_decimal_comma_in_a_comma_file_unquoted_and_quoted() {
    let unquoted = "indicator,city,period,value\nung-kriminalitet,aarhus,2013,21,5\n";
    let p = with_files(&[("data/values/tal.csv", unquoted.as_bytes())]);
    value_errors(&p, &["data/values/tal.csv:2:33: error: this row has 5 fields but the header has 4: a decimal comma in a `,`-separated file? Write the number with a decimal point (8.2), put it in quotes (\"8,2\")"]);
    let quoted = "indicator,city,period,value\nung-kriminalitet,aarhus,2013,\"21,5\"\n";
    let p = with_files(&[("data/values/tal.csv", quoted.as_bytes())]);
    assert_eq!(
        observations(p.path()),
        ["ung-kriminalitet aarhus 2013 None None Some(21.5) None None None None"]
    );
}

#[test]
fn cities_by_id_code_name_and_alias() {
    let csv = "indicator;city;period;value\n\
hjemloese;751;2013;1\n\
hjemloese;0461;2013;2\n\
hjemloese;Esbjerg Kommune;2013;3\n\
hjemloese;Århus;2014;4\n\
hjemloese;Kbh.;2013;5\n\
hjemloese;Hele landet;2013;6\n\
hjemloese;000;2014;7\n\
hjemloese;Randers Kommune;2013;8\n\
hjemloese;Københavns Kommune;2014;10\n\
hjemloese;AALBORG KOMMUNE;2013;9\n";
    let p = with_files(&[("data/values/tal.csv", csv.as_bytes())]);
    p.replace(
        "data/network.toml",
        "name = \"København\"",
        "name = \"København\"\naliases = [\"Kbh.\", \"Københavns Kommune\"]",
    );
    let obs = observations(p.path());
    let short: Vec<String> = obs
        .iter()
        .map(|o| o.split(" None None Some(").collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        short,
        [
            "hjemloese aalborg 2013 9.0) None None None None",
            "hjemloese aarhus 2013 1.0) None None None None",
            "hjemloese aarhus 2014 4.0) None None None None",
            "hjemloese esbjerg 2013 3.0) None None None None",
            "hjemloese kobenhavn 2013 5.0) None None None None",
            "hjemloese kobenhavn 2014 10.0) None None None None",
            "hjemloese national 2013 6.0) None None None None",
            "hjemloese national 2014 7.0) None None None None",
            "hjemloese odense 2013 2.0) None None None None",
            "hjemloese randers 2013 8.0) None None None None",
        ]
    );
}

#[test]
fn an_ambiguous_or_unknown_city_is_an_error_with_candidates() {
    let csv = "indicator;city;period;value\nhjemloese;Randers;2013;1\nhjemloese;Thisted;2013;2\nhjemloese;999;2013;3\n";
    let p = with_files(&[("data/values/tal.csv", csv.as_bytes())]);
    p.replace(
        "data/network.toml",
        "name = \"Aalborg\"",
        "name = \"Aalborg\"\naliases = [\"Randers\"]",
    );
    value_errors(&p, &[
        "data/values/tal.csv:2:11: error: `Randers` matches several cities: aalborg, randers; write the city's id or kommunekode instead",
        "data/values/tal.csv:3:11: error: unknown city `Thisted`: expected a city's id, kommunekode or name",
        "data/values/tal.csv:4:11: error: unknown city `999`",
    ]);
}

/// A fixture file's bytes.
fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(crate::harness::repo().join("tests/fixtures").join(name)).unwrap()
}

/// `indicator period value` of each observation (for count-like data).
fn short(obs: &[String]) -> Vec<String> {
    obs.iter()
        .map(|o| {
            let f: Vec<&str> = o.split(' ').collect();
            format!("{} {} {} {}", f[0], f[1], f[2], f[5])
        })
        .collect()
}

const STATISTIKBANKEN_DESCRIPTION: &str = "\
# Danmarks Statistik, tabel HJEM1 (illustrative figures)
indicator = \"hjemloese\"
source = \"Danmarks Statistik, HJEM1\"
published = 2026-02-10
other_places = \"skip\"
keep = { \"KØN\" = \"I alt\" }
";

#[test]
fn statistikbanken_csv_with_names_and_with_codes() {
    for file in ["statistikbanken-navne.csv", "statistikbanken-koder.csv"] {
        let p = with_files(&[
            ("data/values/hjem1.csv", &fixture(file)),
            (
                "data/values/hjem1.toml",
                STATISTIKBANKEN_DESCRIPTION.as_bytes(),
            ),
        ]);
        let obs = observations(p.path());
        assert_eq!(
            short(&obs),
            [
                "hjemloese aarhus 2025-Q4 Some(602.0)",
                "hjemloese aarhus 2026-Q1 Some(615.0)",
                "hjemloese kobenhavn 2025-Q4 Some(1523.0)",
                "hjemloese national 2025-Q4 Some(6431.0)",
            ],
            "{file}"
        );
        assert!(
            obs[0].ends_with("Some(\"Danmarks Statistik, HJEM1\") Some(\"2026-02-10\")"),
            "{obs:?}"
        );
    }
}

#[test]
fn statistikbanken_csv_without_keep_names_the_variable() {
    let desc = STATISTIKBANKEN_DESCRIPTION.replace("keep = { \"KØN\" = \"I alt\" }\n", "");
    let p = with_files(&[
        (
            "data/values/hjem1.csv",
            &fixture("statistikbanken-navne.csv"),
        ),
        ("data/values/hjem1.toml", desc.as_bytes()),
    ]);
    value_errors(&p, &["data/values/hjem1.csv:1:8: error: the variable `KØN` has several values (\"I alt\", \"Mænd\"): choose one in the source description (data/values/hjem1.toml), e.g. `keep = { \"KØN\" = \"I alt\" }`"]);
}

#[test]
fn jsonstat_with_several_dimensions() {
    let desc = "indicator = \"hjemloese\"\nkeep = { \"KØN\" = \"I alt\", ALDER = \"TOT\" }\n";
    let p = with_files(&[
        ("data/values/hjem.json", &fixture("hjemloese-jsonstat.json")),
        ("data/values/hjem.toml", desc.as_bytes()),
    ]);
    assert_eq!(
        short(&observations(p.path())),
        [
            "hjemloese aarhus 2024 Some(590.0)",
            "hjemloese aarhus 2025 Some(602.0)",
            "hjemloese kobenhavn 2024 Some(1490.0)",
            "hjemloese kobenhavn 2025 Some(1523.0)",
            "hjemloese national 2024 Some(6100.0)",
            "hjemloese national 2025 Some(6431.0)",
        ]
    );
    // Without a value chosen for ALDER, and without any description.
    let p = with_files(&[
        ("data/values/hjem.json", &fixture("hjemloese-jsonstat.json")),
        (
            "data/values/hjem.toml",
            "indicator = \"hjemloese\"\nkeep = { \"KØN\" = \"I alt\" }\n".as_bytes(),
        ),
    ]);
    value_errors(&p, &["data/values/hjem.json:56:3: error: dimension `ALDER` has several values (\"Alder i alt\" (TOT), \"18-24 år\" (18-24)): choose one in the source description, e.g. `keep = { \"ALDER\" = \"Alder i alt\" }`"]);
    let p = with_files(&[("data/values/hjem.json", &fixture("hjemloese-jsonstat.json"))]);
    value_errors(&p, &["data/values/hjem.json:1:1: error: a JSON-stat file needs a source description beside it"]);
}

#[test]
fn xls_with_title_row_dates_percent_totals_and_notes() {
    let desc = "\
sheet = \"Tal\"
header = 3
indicator = \"udsatte-unge-uddannelse\"
frequency = \"year\"
percent = [\"value\"]
skip_rows = { city = [\"I alt\"] }
[columns]
value = \"Andel\"
";
    let p = with_files(&[
        ("data/values/kl.xls", &fixture("kl-uddannelse.xls")),
        ("data/values/kl.toml", desc.as_bytes()),
    ]);
    assert_eq!(
        short(&observations(p.path())),
        [
            "udsatte-unge-uddannelse aarhus 2016 Some(41.2)",
            "udsatte-unge-uddannelse aarhus 2017 Some(43.1)",
            "udsatte-unge-uddannelse odense 2016 Some(38.5)",
        ]
    );
}

#[test]
fn ods_wide_with_title_row_and_codes() {
    let desc = "sheet = \"Hjemløse\"\nheader = 2\nsource = \"SFI\"\n";
    let p = with_files(&[
        ("data/values/hjem.ods", &fixture("hjemloese.ods")),
        ("data/values/hjem.toml", desc.as_bytes()),
    ]);
    assert_eq!(
        short(&observations(p.path())),
        [
            "hjemloese aarhus 2013 Some(410.0)",
            "hjemloese national 2013 Some(5820.0)",
            "hjemloese national 2015 Some(6138.0)",
        ]
    );
}

/// An .xlsx as an analyst keeps it: a title, the header in row 3, quarters
/// as date cells, a count as text, a totals row, and a notes sheet.
fn analyst_workbook(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let ws = wb.add_worksheet().set_name("Data").unwrap();
    ws.write_string(0, 0, "Nøgletal, udsatte unge").unwrap();
    for (c, h) in ["Indikator", "Kommune", "Kvartal", "Tæller", "Nævner"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows = [
        ("Aarhus", 1, "41", 500.0),
        ("Odense Kommune", 4, "38", 301.0),
        ("I alt", 1, "79", 801.0),
    ];
    for (r, (city, month, num, den)) in rows.into_iter().enumerate() {
        let r = r as u32 + 3;
        ws.write_string(r, 0, "ung-kriminalitet").unwrap();
        ws.write_string(r, 1, city).unwrap();
        ws.write_datetime_with_format(
            r,
            2,
            ExcelDateTime::from_ymd(2018, month, 1).unwrap(),
            &date,
        )
        .unwrap();
        ws.write_string(r, 3, num).unwrap();
        ws.write_number(r, 4, den).unwrap();
    }
    let notes = wb.add_worksheet().set_name("Noter").unwrap();
    notes.write_string(0, 0, "Kilde: egne tal").unwrap();
    notes
        .write_string(1, 0, "Tal for 2018 er foreløbige")
        .unwrap();
    wb.save(path).unwrap();
}

#[test]
fn xlsx_as_analysts_keep_it() {
    let p = with_files(&[]);
    analyst_workbook(&p.path().join("data/values/unge.xlsx"));
    p.write(
        "data/values/unge.toml",
        "sheet = \"data\"\nskip = 2\nfrequency = \"quarter\"\nskip_rows = { Kommune = [\"I alt\"] }\n[columns]\nperiod = \"Kvartal\"\n",
    );
    assert_eq!(
        observations(p.path()),
        [
            "ung-kriminalitet aarhus 2018-Q1 Some(41) Some(500) None None None None None",
            "ung-kriminalitet odense 2018-Q2 Some(38) Some(301) None None None None None",
        ]
    );
    // Without a description: the title is named, the notes sheet is not data.
    p.remove("data/values/unge.toml");
    value_errors(&p, &["data/values/unge.xlsx[Data]:1:1: error: `Nøgletal, udsatte unge` looks like a title above the header, which is at line 3"])
        .stderr_contains("data/values/unge.xlsx[Noter]:1:1: warning: no column of this sheet names a field");
    // A sheet that is not there.
    p.write("data/values/unge.toml", "sheet = \"Ark1\"\n");
    value_errors(&p, &["data/values/unge.toml:1:9: error: data/values/unge.xlsx has no sheet `Ark1` with data: its sheets are `Data`, `Noter`"]);
}

#[test]
fn a_date_period_without_frequency_says_how() {
    let p = with_files(&[]);
    analyst_workbook(&p.path().join("data/values/unge.xlsx"));
    p.write(
        "data/values/unge.toml",
        "skip = 2\nskip_rows = { city = [\"I alt\"] }\n[columns]\nperiod = \"Kvartal\"\n",
    );
    value_errors(
        &p,
        &[
            "data/values/unge.xlsx[Data]:4:3: error: the period `2018-01-01` is a date: say what it stands for with `frequency = \"year\"`",
            "data/values/unge.xlsx[Data]:5:3: error: the period `2018-04-01` is a date",
        ],
    );
}

#[test]
fn a_stray_cell_far_away_is_refused_without_allocating_the_sheet() {
    use rust_xlsxwriter::Workbook;
    let p = with_files(&[]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "indicator").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(p.path().join("data/values/stor.xlsx")).unwrap();
    value_errors(&p, &["data/values/stor.xlsx[Sheet1]:1048576:16384: error: the sheet's cells in use span A1 to XFD1048576 (17179869184 cells, more than 1048576)"]);
}

#[test]
fn unknown_keys_in_a_description_are_errors_with_their_place() {
    let p = with_files(&[
        (
            "data/values/hjem1.csv",
            &fixture("statistikbanken-navne.csv"),
        ),
        (
            "data/values/hjem1.toml",
            b"indicator = \"hjemloese\"\nsheeet = \"x\"\n",
        ),
    ]);
    value_errors(
        &p,
        &["data/values/hjem1.toml:2:1: error: unknown field `sheeet`"],
    );
    let p = with_files(&[
        ("data/values/hjem1.csv", &fixture("statistikbanken-navne.csv")),
        ("data/values/hjem1.toml", "indicator = \"hjemloese\"\nkeep = { \"KØN\" = \"I alt\" }\n[columns]\ncity = \"Omraade\"\n".as_bytes()),
    ]);
    value_errors(&p, &["data/values/hjem1.toml:4:8: error: column `Omraade` is not in the header of data/values/hjem1.csv (line 1): the header has `OMRÅDE`, `KØN`, `TID`, `INDHOLD`"]);
    let p = with_files(&[("data/values/alene.toml", b"indicator = \"hjemloese\"\n")]);
    value_errors(
        &p,
        &["data/values/alene.toml:1:1: error: source description without a data file"],
    );
}

#[test]
fn utf16_with_a_bom_reads_like_utf8() {
    let text = "\u{feff}Indikator;Kommune;Periode;Værdi\r\nhjemloese;Århus;2013;5,5\r\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let p = with_files(&[("data/values/tal.csv", &bytes)]);
    assert_eq!(
        short(&observations(p.path())),
        ["hjemloese aarhus 2013 Some(5.5)"]
    );
    // A binary file with a .csv name is an error, never skipped.
    let p = with_files(&[("data/values/tal.csv", b"PK\x03\x04\x14\x00\x00\x00\x08\x00")]);
    value_errors(
        &p,
        &["data/values/tal.csv:1:1: error: the file has zero bytes, so it is not text"],
    );
}

#[test]
fn a_workbook_that_cannot_be_read_is_an_error() {
    for name in ["tal.xls", "tal.ods", "tal.xlsx"] {
        let p = with_files(&[(&format!("data/values/{name}"), b"not a workbook at all")]);
        value_errors(
            &p,
            &[&format!(
                "data/values/{name}:1:1: error: cannot read workbook"
            )],
        );
    }
}

#[test]
fn import_shows_the_rows_as_read_and_every_problem() {
    let p = with_files(&[
        (
            "data/values/hjem1.csv",
            &fixture("statistikbanken-koder.csv"),
        ),
        (
            "data/values/hjem1.toml",
            STATISTIKBANKEN_DESCRIPTION.as_bytes(),
        ),
    ]);
    let run = p.run(&[
        "import",
        "--rows",
        "2",
        &p.path().join("data/values/hjem1.csv").to_string_lossy(),
    ]);
    run.code(0)
        .stdout_contains("data/values/hjem1.csv:2:1")
        .stdout_contains("hjemloese                national   2025-Q4")
        .stdout_contains(
            "import: 4 observation(s) read, the first 2 shown (--rows); 0 error(s), 0 warning(s)",
        );
    assert!(
        !run.stdout.contains("aarhus"),
        "only two rows: {}",
        run.stdout
    );
    // Without `other_places`, Thisted and the region are reported, the rest still shown.
    p.replace("data/values/hjem1.toml", "other_places = \"skip\"\n", "");
    p.run(&[
        "import",
        &p.path().join("data/values/hjem1.csv").to_string_lossy(),
    ])
    .code(1)
    .error_line("data/values/hjem1.csv:9:1: error: unknown city `787`")
    .error_line("data/values/hjem1.csv:10:1: error: unknown city `082`")
    .stdout_contains("import: 4 observation(s) read; 2 error(s)");
}

#[test]
fn new_source_writes_a_starting_description_that_import_reads() {
    let p = with_files(&[(
        "data/values/hjem1.csv",
        &fixture("statistikbanken-navne.csv"),
    )]);
    let file = p.path().join("data/values/hjem1.csv");
    let file = file.to_string_lossy();
    p.run(&["new", "source", &file])
        .code(0)
        .stdout_contains("hjem1.toml");
    let desc = p.read("data/values/hjem1.toml");
    assert!(desc.contains("keep = { \"KØN\" = \"I alt\" }"), "{desc}");
    assert!(desc.contains("city = \"OMRÅDE\""), "{desc}");
    assert!(desc.contains("other_places = \"skip\""), "{desc}");
    // The placeholder indicator is the one thing left to fill in.
    p.run(&["import", &file])
        .code(1)
        .error_line("data/values/hjem1.toml:")
        .stderr_contains("unknown indicator `?`");
    p.replace(
        "data/values/hjem1.toml",
        "indicator = \"?\"",
        "indicator = \"hjemloese\"",
    );
    p.run(&["import", &file])
        .code(0)
        .stdout_contains("import: 4 observation(s) read");
    p.run(&["new", "source", &file])
        .code(1)
        .stderr_contains("never overwrites");
}

#[test]
fn an_ods_declaring_billions_of_cells_is_refused_before_reading() {
    use std::io::Write;
    let p = with_files(&[]);
    let file = std::fs::File::create(p.path().join("data/values/stor.ods")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", opts).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Ark1"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#).unwrap();
    zip.finish().unwrap();
    value_errors(
        &p,
        &["data/values/stor.ods:1:1: error: cannot read workbook: a sheet declares"],
    );
}

#[test]
fn a_statistikbanken_file_without_description_and_an_unknown_file_type_are_named() {
    let p = with_files(&[
        (
            "data/values/hjem1.csv",
            &fixture("statistikbanken-navne.csv"),
        ),
        ("data/values/tal.tsv", b"indicator\tcity\n"),
    ]);
    value_errors(&p, &["data/values/hjem1.csv:1:1: error: this looks like a table from Statistikbanken (its header ends in `INDHOLD`)"])
        .stderr_contains("`maalrapport new source data/values/hjem1.csv`")
        .stderr_contains("data/values/tal.tsv:1:1: warning: not read: data files are .csv, .xlsx, .xls, .ods, .json");
}

#[test]
fn jsonstat_keep_of_a_value_not_there_points_to_the_description() {
    let p = with_files(&[
        ("data/values/hjem.json", &fixture("hjemloese-jsonstat.json")),
        (
            "data/values/hjem.toml",
            "indicator = \"hjemloese\"\nkeep = { \"KØN\" = \"I alt\", ALDER = \"99\" }\n"
                .as_bytes(),
        ),
    ]);
    value_errors(&p, &["data/values/hjem.toml:2:35: error: `keep` asks for `99` in dimension `ALDER`, which has \"Alder i alt\" (TOT), \"18-24 år\" (18-24)"]);
}

#[test]
fn statistikbanken_x_is_missing_and_a_wide_date_header_needs_a_frequency() {
    let csv = "\u{feff}OMRÅDE;TID;INDHOLD\r\nAarhus;2024;5\r\nAarhus;2025;x\r\n";
    let p = with_files(&[
        ("data/values/t.csv", csv.as_bytes()),
        ("data/values/t.toml", b"indicator = \"hjemloese\"\n"),
    ]);
    assert_eq!(
        short(&observations(p.path())),
        ["hjemloese aarhus 2024 Some(5.0)"]
    );
    let wide = "indicator;city;2016-01-01\nhjemloese;aarhus;5\n";
    let p = with_files(&[
        ("data/values/w.csv", wide.as_bytes()),
        ("data/values/w.toml", b"layout = \"wide\"\n"),
    ]);
    value_errors(&p, &["data/values/w.csv:1:16: error: the column `2016-01-01` is a date: say which period it stands for with `frequency = \"year\"`"]);
    p.write(
        "data/values/w.toml",
        "layout = \"wide\"\nfrequency = \"year\"\n",
    );
    assert_eq!(
        short(&observations(p.path())),
        ["hjemloese aarhus 2016 Some(5.0)"]
    );
}

#[test]
fn an_xls_declaring_a_huge_sheet_is_refused_before_reading() {
    // The fixture with its DIMENSIONS record forged to 4,294,967,280 rows
    // × 256 columns: calamine would reserve 44 TB for it and abort.
    let mut xls = fixture("kl-uddannelse.xls");
    let at = xls
        .windows(4)
        .position(|w| w == b"\x00\x02\x0e\x00")
        .expect("a DIMENSIONS record");
    xls[at + 4..at + 16].copy_from_slice(&[0, 0, 0, 0, 0xF0, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1]);
    let p = with_files(&[("data/values/kl.xls", &xls)]);
    value_errors(&p, &["data/values/kl.xls:1:1: error: cannot read workbook: a sheet declares rows 0-4294967280 and columns 0-256 (1099511623680 cells), more than 1048576"]);
}

#[test]
fn cities_by_code_only_and_a_percent_cell_in_a_percent_column_counts_once() {
    use rust_xlsxwriter::{Format, Workbook};
    let p = with_files(&[]);
    let mut wb = Workbook::new();
    let pct = Format::new().set_num_format("0.0%");
    let ws = wb.add_worksheet();
    for (c, h) in ["Kommune", "År", "Andel"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "751").unwrap();
    ws.write_number(1, 1, 2016).unwrap();
    ws.write_number_with_format(1, 2, 0.412, &pct).unwrap();
    ws.write_string(2, 0, "Odense").unwrap();
    ws.write_number(2, 1, 2016).unwrap();
    ws.write_number(2, 2, 0.385).unwrap();
    wb.save(p.path().join("data/values/u.xlsx")).unwrap();
    p.write(
        "data/values/u.toml",
        "indicator = \"udsatte-unge-uddannelse\"\ncities = \"code\"\npercent = [\"value\"]\n[columns]\nperiod = \"År\"\nvalue = \"Andel\"\n",
    );
    value_errors(
        &p,
        &["data/values/u.xlsx[Sheet1]:3:1: error: unknown city `Odense`"],
    );
    p.replace("data/values/u.toml", "cities = \"code\"\n", "");
    assert_eq!(
        short(&observations(p.path())),
        [
            "udsatte-unge-uddannelse aarhus 2016 Some(41.2)",
            "udsatte-unge-uddannelse odense 2016 Some(38.5)",
        ]
    );
}
