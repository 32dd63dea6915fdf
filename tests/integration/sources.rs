//! Files as analysts get them (issue 17): Danish headers, title rows,
//! cities by code, name or alias, source descriptions, Statistikbanken's
//! CSV and JSON-stat, spreadsheets as they are, other encodings. Binary
//! fixtures live in `tests/fixtures/` (see `tests/fixtures/README.md`).

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
                "{}{group} {} {period:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
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
            "hjemloese national Year(2013) None None Some(5820.0) None Some(Provisional) None None",
            "ung-kriminalitet aarhus Year(2013) Some(52) Some(480) None None None Some(\"Danmarks Statistik\") Some(\"2014-09-01\")",
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
        ["ung-kriminalitet aarhus Year(2013) None None Some(21.5) None None None None"]
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
hjemloese;randers;2013;8\n\
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
            "hjemloese aalborg Year(2013) 9.0) None None None None",
            "hjemloese aarhus Year(2013) 1.0) None None None None",
            "hjemloese aarhus Year(2014) 4.0) None None None None",
            "hjemloese esbjerg Year(2013) 3.0) None None None None",
            "hjemloese kobenhavn Year(2013) 5.0) None None None None",
            "hjemloese national Year(2013) 6.0) None None None None",
            "hjemloese national Year(2014) 7.0) None None None None",
            "hjemloese odense Year(2013) 2.0) None None None None",
            "hjemloese randers Year(2013) 8.0) None None None None",
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
