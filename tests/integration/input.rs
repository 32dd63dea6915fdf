//! Input as analysts receive it: UTF-8 or Windows-1252 CSV, `,` or `;`,
//! decimal point or comma, XLSX workbooks and the wide layout — and the
//! author workflow on top: `init` and `new`.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::harness::Project;

/// Every observation as text, without its position: equal strings mean the
/// same data whatever file it came from.
fn observations(root: &Path) -> Vec<String> {
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
    assert!(
        errors.is_empty(),
        "errors in the values:\n{}",
        errors.join("\n")
    );
    let project = project.expect("the project loads");
    project
        .observations
        .iter()
        .map(|(k, o)| {
            format!(
                "{k:?} num={:?} den={:?} value={:?} n={:?} flag={:?} note={:?} source={:?} published={:?}",
                o.numerator, o.denominator, o.value, o.n, o.flag, o.note, o.source, o.published
            )
        })
        .collect()
}

/// The shipped example with its values replaced by one file.
fn with_values(rel: &str, bytes: &[u8]) -> Project {
    let p = Project::example();
    p.remove("data/values");
    let path = p.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    p
}

const UTF8_COMMA: &str = "\
indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group
ung-kriminalitet,aarhus,2013,52,480,,,,,,,
ung-kriminalitet,odense,2013,38,301,,,,,,,
ung-kriminalitet,national,2013,,,11.3,,provisional,Foreløbigt tal for Århus og Næstved,Danmarks Statistik,2014-09-01,
hjemloese,national,2013,,,\"5,820\",,,Tælleuge uge 6,SFI,,
gns-maalopfyldelse,aarhus,2018-Q1,,,53.5,139,,,,,
gns-maalopfyldelse,aarhus,2018-Q1,,,56.25,71,,,,,laering-selvforsoergelse
";

/// The same rows as Danish Excel saves them: Windows-1252, CRLF, a `sep=;`
/// line, decimal comma, `.` thousands, dates as DD-MM-YYYY, and a blank row
/// of separators.
fn windows_1252_semicolon() -> Vec<u8> {
    let text = "\
sep=;
indicator;city;period;numerator;denominator;value;n;flag;note;source;published;group
ung-kriminalitet;aarhus;2013;52;480;;;;;;;
ung-kriminalitet;odense;2013;38;301;;;;;;;
;;;;;;;;;;;
ung-kriminalitet;national;2013;;;11,3;;provisional;Foreløbigt tal for Århus og Næstved;Danmarks Statistik;01-09-2014;
hjemloese;national;2013;;;5.820;;;Tælleuge uge 6;SFI;;
gns-maalopfyldelse;aarhus;2018-Q1;;;53,5;139;;;;;
gns-maalopfyldelse;aarhus;2018-Q1;;;56,25;71;;;;;laering-selvforsoergelse
";
    let text = text.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test file must not be valid UTF-8"
    );
    bytes.into_owned()
}

/// The same rows in a workbook of two sheets: numbers in number cells, a
/// share as a percentage-formatted cell (0.113 shown as 11,3 %), the release
/// date as a date cell, one number as text with decimal comma.
fn workbook(path: &Path) {
    let mut wb = Workbook::new();
    let header = [
        "indicator",
        "city",
        "period",
        "numerator",
        "denominator",
        "value",
        "n",
        "flag",
        "note",
        "source",
        "published",
        "group",
    ];
    let pct = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let ark1 = wb.add_worksheet().set_name("Ark1").unwrap();
    for (c, h) in header.iter().enumerate() {
        ark1.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (city, num, den)) in [("aarhus", 52.0, 480.0), ("odense", 38.0, 301.0)]
        .into_iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        ark1.write_string(r, 0, "ung-kriminalitet").unwrap();
        ark1.write_string(r, 1, city).unwrap();
        ark1.write_number(r, 2, 2013).unwrap();
        ark1.write_number(r, 3, num).unwrap();
        ark1.write_number(r, 4, den).unwrap();
    }
    ark1.write_string(3, 0, "ung-kriminalitet").unwrap();
    ark1.write_string(3, 1, "national").unwrap();
    ark1.write_string(3, 2, "2013").unwrap();
    ark1.write_number_with_format(3, 5, 0.113, &pct).unwrap();
    ark1.write_string(3, 7, "provisional").unwrap();
    ark1.write_string(3, 8, "Foreløbigt tal for Århus og Næstved")
        .unwrap();
    ark1.write_string(3, 9, "Danmarks Statistik").unwrap();
    ark1.write_datetime_with_format(3, 10, ExcelDateTime::from_ymd(2014, 9, 1).unwrap(), &date)
        .unwrap();
    let ark2 = wb.add_worksheet().set_name("Ark 2").unwrap();
    for (c, h) in header.iter().enumerate() {
        ark2.write_string(0, c as u16, *h).unwrap();
    }
    ark2.write_string(1, 0, "hjemloese").unwrap();
    ark2.write_string(1, 1, "national").unwrap();
    ark2.write_number(1, 2, 2013).unwrap();
    ark2.write_number(1, 5, 5820).unwrap();
    ark2.write_string(1, 8, "Tælleuge uge 6").unwrap();
    ark2.write_string(1, 9, "SFI").unwrap();
    for (r, (value, n, group)) in [("53,5", 139, ""), ("56.25", 71, "laering-selvforsoergelse")]
        .into_iter()
        .enumerate()
    {
        let r = r as u32 + 2;
        ark2.write_string(r, 0, "gns-maalopfyldelse").unwrap();
        ark2.write_string(r, 1, "aarhus").unwrap();
        ark2.write_string(r, 2, "2018-Q1").unwrap();
        ark2.write_string(r, 5, value).unwrap();
        ark2.write_number(r, 6, n).unwrap();
        if !group.is_empty() {
            ark2.write_string(r, 11, group).unwrap();
        }
    }
    wb.add_worksheet().set_name("Tom").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn the_same_data_loads_alike_from_every_format() {
    let utf8 = observations(with_values("data/values/tal.csv", UTF8_COMMA.as_bytes()).path());
    assert_eq!(utf8.len(), 6, "{utf8:#?}");
    assert!(
        utf8.iter().any(|o| o.contains("value=Some(5820.0)")),
        "{utf8:#?}"
    );
    assert!(
        utf8.iter()
            .any(|o| o.contains("published=Some(Date { year: 2014, month: 9, day: 1 })")),
        "{utf8:#?}"
    );

    let cp1252 = observations(with_values("data/values/tal.csv", &windows_1252_semicolon()).path());
    assert_eq!(cp1252, utf8);

    let p = Project::example();
    p.remove("data/values");
    std::fs::create_dir_all(p.path().join("data/values")).unwrap();
    workbook(&p.path().join("data/values/tal.xlsx"));
    // The lock file Excel leaves beside an open workbook is not data.
    std::fs::write(p.path().join("data/values/~$tal.xlsx"), b"\x0cAnalytiker").unwrap();
    assert_eq!(observations(p.path()), utf8);
}

#[test]
fn a_misspelt_city_gets_a_hint_in_csv_and_xlsx() {
    let csv = UTF8_COMMA.replace("odense,2013", "odnse,2013");
    with_values("data/values/tal.csv", csv.as_bytes())
        .run(&["check"])
        .code(1)
        .error_line("data/values/tal.csv:3:18: error: unknown city `odnse`")
        .stderr_contains("did you mean `odense`?");

    let cp1252 =
        String::from_utf8_lossy(&windows_1252_semicolon()).replace("aarhus;2013", "arhus;2013");
    let (bytes, ..) = encoding_rs::WINDOWS_1252.encode(&cp1252);
    with_values("data/values/tal.csv", &bytes)
        .run(&["check"])
        .code(1)
        .error_line("data/values/tal.csv:3:18: error: unknown city `arhus`")
        .stderr_contains("did you mean `aarhus`?");

    let p = Project::example();
    p.remove("data/values");
    std::fs::create_dir_all(p.path().join("data/values")).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Ark1").unwrap();
    for (c, h) in ["indicator", "city", "period", "value"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["hjemloese", "arhus", "2013"].iter().enumerate() {
        ws.write_string(6, c as u16, *v).unwrap();
    }
    ws.write_number(6, 3, 5.0).unwrap();
    wb.save(p.path().join("data/values/tal.xlsx")).unwrap();
    p.run(&["check"])
        .code(1)
        .error_line("data/values/tal.xlsx[Ark1]:7:2: error: unknown city `arhus`")
        .stderr_contains("did you mean `aarhus`?");
}

#[test]
fn a_decimal_point_in_a_semicolon_file_is_refused() {
    let csv = "indicator;city;period;value\nung-kriminalitet;national;2013;11.3\n";
    with_values("data/values/tal.csv", csv.as_bytes())
        .run(&["check"])
        .code(1)
        .error_line("data/values/tal.csv:2:32: error: invalid number `11.3` in column `value`")
        .stderr_contains("decimal comma");
}

#[test]
fn a_wide_table_becomes_long() {
    // Statistikbanken style: one column per period, a count and a share given in pct.
    let wide = "\
indicator;city;2013;2014K4;2015;note
hjemloese;national;5.820;;6.138;Tælleuge uge 6
ung-kriminalitet;aarhus;10,8;10,0;8,8;
";
    let p = with_values("data/values/statistikbanken.csv", wide.as_bytes());
    let obs = observations(p.path());
    assert_eq!(obs.len(), 5, "{obs:#?}");
    assert!(
        obs.iter().any(|o| o.starts_with("(")
            && o.contains("National, Year(2015)")
            && o.contains("value=Some(6138.0)")
            && o.contains("Tælleuge")),
        "{obs:#?}"
    );
    assert!(
        obs.iter().any(|o| o.contains("City(1), Quarter(2014, 4)")
            && o.contains("num=None den=None value=Some(10.0)")),
        "{obs:#?}"
    );
    assert!(
        !obs.iter().any(|o| o.contains("National, Quarter(2014, 4)")),
        "an empty cell is no observation: {obs:#?}"
    );
}

#[test]
fn a_wide_table_cannot_carry_numerator_and_denominator() {
    let wide = "indicator,city,numerator,2013,2014\nung-kriminalitet,aarhus,52,10.8,10.0\n";
    with_values("data/values/wide.csv", wide.as_bytes())
        .run(&["check"])
        .code(1)
        .error_line(
            "data/values/wide.csv:1:16: error: column `numerator` does not fit a wide table",
        )
        .stderr_contains(
            "indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group",
        );
}

#[test]
fn a_decimal_comma_in_a_comma_file_shifts_no_columns_silently() {
    let wide = "indicator,city,2013,2014\nung-kriminalitet,aarhus,10,8,10.0\n";
    with_values("data/values/wide.csv", wide.as_bytes())
        .run(&["check"])
        .code(1)
        .error_line("data/values/wide.csv:2:30: error: this row has 5 fields but the header has 4");
}

#[test]
fn a_wide_share_outside_0_to_100_points_at_its_cell() {
    let wide = "indicator,city,2013,2014\nung-kriminalitet,aarhus,10.8,108\n";
    with_values("data/values/wide.csv", wide.as_bytes())
        .run(&["check"])
        .code(1)
        .error_line("data/values/wide.csv:2:30: error: a share is given in pct. and must lie between 0 and 100");
}

#[test]
fn init_makes_a_project_that_checks() {
    let p = Project::empty();
    p.run(&["init"])
        .code(0)
        .stdout_contains("maalrapport build");
    p.run(&["check"]).code(0).stdout_contains("0 warning(s)");
    p.run(&["build"]).code(0).stdout_contains("build: ");
    let report = p.read("site/seminars/udvalgsseminar-2016/index.html");
    assert!(report.contains("Aarhus ligger lavest med"), "{report}");
    assert!(p.path().join("site/cities/odense/index.html").is_file());
    assert!(p
        .path()
        .join("site/indicators/ung-kriminalitet-antal/index.html")
        .is_file());
}

#[test]
fn a_workbook_and_a_wide_table_build_into_a_site() {
    let p = Project::empty();
    p.run(&["init"]).code(0);
    p.remove("data/values/eksempel.csv");
    // The starter's share as a workbook (one row per period) and its count wide.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Andel").unwrap();
    for (c, h) in ["indicator", "city", "period", "numerator", "denominator"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut r = 1;
    for (city, counts) in [
        ("aarhus", [(52, 480), (47, 471), (41, 465)]),
        ("odense", [(38, 301), (36, 297), (31, 290)]),
        ("aalborg", [(29, 262), (27, 255), (26, 251)]),
    ] {
        for (year, (num, den)) in (2013..).zip(counts) {
            ws.write_string(r, 0, "ung-kriminalitet").unwrap();
            ws.write_string(r, 1, city).unwrap();
            ws.write_number(r, 2, year).unwrap();
            ws.write_number(r, 3, num).unwrap();
            ws.write_number(r, 4, den).unwrap();
            r += 1;
        }
    }
    wb.save(p.path().join("data/values/andel.xlsx")).unwrap();
    p.write(
        "data/values/antal.csv",
        "indicator;city;2013;2014;2015\nung-kriminalitet-antal;aarhus;52;47;41\nung-kriminalitet-antal;odense;38;36;31\nung-kriminalitet-antal;aalborg;29;27;26\n",
    );
    // The starter's commentary quotes the national figure; give it in the wide file.
    p.append(
        "data/values/antal.csv",
        "ung-kriminalitet;national;11,3;10,9;10,1\n",
    );
    p.run(&["build"]).code(0);
    let handout = p.read("site/seminars/udvalgsseminar-2016/odense/index.html");
    assert!(
        handout.contains("10,7"),
        "Odense 2015: 31/290 = 10,7 pct.\n{handout}"
    );
}

#[test]
fn init_takes_a_new_folder_and_refuses_a_non_empty_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nyt-projekt");
    let run = |dir: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_maalrapport"))
            .arg("init")
            .arg(dir)
            .output()
            .unwrap()
    };
    assert!(run(&dir).status.success());
    assert!(dir.join("maalrapport.toml").is_file());
    let again = run(&dir);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));

    let p = Project::empty();
    p.write("noter.txt", "mine noter");
    p.run(&["init"])
        .code(1)
        .stderr_contains("is not empty (it holds `noter.txt`)");
    assert_eq!(p.read("noter.txt"), "mine noter");
    assert!(!p.path().join("maalrapport.toml").exists());
}

#[test]
fn new_seminar_is_picked_up_and_never_overwritten() {
    let p = Project::empty();
    p.run(&["init"]).code(0);
    p.run(&[
        "new",
        "seminar",
        "udvalgsseminar-2017",
        "--date",
        "2017-05-11",
        "--title",
        "Seminar \"maj\"",
    ])
    .code(0)
    .stdout_contains("content/seminars/udvalgsseminar-2017/index.md");
    let text = p.read("content/seminars/udvalgsseminar-2017/index.md");
    assert!(
        text.contains("period = \"2015\""),
        "the newest period in the data:\n{text}"
    );
    assert!(text.contains("date = 2017-05-11"), "{text}");
    p.run(&["check"]).code(0).stdout_contains("2 seminars");

    p.write(
        "content/seminars/udvalgsseminar-2017/index.md",
        "+++\ntitle = \"Mit\"\ndate = 2017-05-11\nperiod = \"2015\"\n+++\nMin tekst.\n",
    );
    p.run(&["new", "seminar", "udvalgsseminar-2017"])
        .code(1)
        .stderr_contains("already exists");
    assert!(p
        .read("content/seminars/udvalgsseminar-2017/index.md")
        .contains("Min tekst."));
    p.run(&["new", "seminar", "Seminar_2017"])
        .code(1)
        .stderr_contains("invalid seminar slug");
}

#[test]
fn new_commentary_carries_the_definition_and_checks_ids() {
    let p = Project::empty();
    p.run(&["init"]).code(0);
    let seminar = ["new", "commentary", "--seminar", "udvalgsseminar-2016"];
    p.run(&[&seminar[..], &["--indicator", "ung-kriminalitet-antal"]].concat())
        .code(0);
    let text = p.read("content/seminars/udvalgsseminar-2016/ung-kriminalitet-antal.md");
    assert!(text.starts_with("+++\n"), "{text}");
    assert!(
        text.contains("<!--\nIndikator: Udsatte 15-17-årige"),
        "{text}"
    );
    assert!(text.contains("Målgruppe: Børn og unge"), "{text}");
    p.run(
        &[
            &seminar[..],
            &["--indicator", "ung-kriminalitet", "--city", "odense"],
        ]
        .concat(),
    )
    .code(0);
    let text = p.read("content/seminars/udvalgsseminar-2016/cities/odense.md");
    assert!(
        text.contains("Tæller: Udsatte 15-17-årige") && text.contains("Nævner: Alle udsatte"),
        "{text}"
    );
    p.run(&["check"]).code(0);

    p.run(&[&seminar[..], &["--indicator", "ung-kriminalitet"]].concat())
        .code(1)
        .stderr_contains("already exists");
    p.run(&[&seminar[..], &["--indicator", "ung-kriminalitt"]].concat())
        .code(1)
        .stderr_contains("unknown indicator `ung-kriminalitt` (did you mean `ung-kriminalitet`?)");
    p.run(
        &[
            &seminar[..],
            &["--indicator", "ung-kriminalitet", "--city", "arhus"],
        ]
        .concat(),
    )
    .code(1)
    .stderr_contains("did you mean `aarhus`?");
    p.run(&[
        "new",
        "commentary",
        "--seminar",
        "udvalgsseminar-2061",
        "--indicator",
        "ung-kriminalitet",
    ])
    .code(1)
    .stderr_contains("did you mean `udvalgsseminar-2016`?");
}
